/*
 * words: durations and milliseconds as text for people (see words.h).
 */
#include "util/words.h"

#include <stddef.h>

#include "util/buf.h"
#include "util/lang.h"

static const uint32_t unit_size[] = { 86400, 3600, 60, 1 };

/* n of the unit at index i of unit_size, "2 hours", raw text. */
static void say_unit(const struct lang *l, size_t i, unsigned long n,
		     struct buf *out)
{
	switch (i) {
	case 0: buf_say(out, BUF_RAW, trn(l, "%lu day", "%lu days", n), n); break;
	case 1: buf_say(out, BUF_RAW, trn(l, "%lu hour", "%lu hours", n), n); break;
	case 2: buf_say(out, BUF_RAW, trn(l, "%lu minute", "%lu minutes", n), n); break;
	default:
		buf_say(out, BUF_RAW, trn(l, "%lu second", "%lu seconds", n), n);
		break;
	}
}

void words_duration(const struct lang *l, uint32_t secs, struct buf *out)
{
	size_t unit[2];
	unsigned long count[2];
	size_t shown = 0;

	if (secs == 0) {
		say_unit(l, 3, 0, out);
		return;
	}
	/* the two largest non-zero units are enough for people */
	for (size_t i = 0; i < 4 && shown < 2; i++) {
		uint32_t n = secs / unit_size[i];
		if (n == 0) {
			if (shown)
				break;
			continue;
		}
		secs -= n * unit_size[i];
		unit[shown] = i;
		count[shown++] = n;
	}
	if (shown == 1) {
		say_unit(l, unit[0], count[0], out);
		return;
	}
	char mem[2][64];
	struct buf part[2];
	for (size_t k = 0; k < 2; k++) {
		buf_init_fixed(&part[k], mem[k], sizeof mem[k]);
		say_unit(l, unit[k], count[k], &part[k]);
		if (buf_failed(&part[k]))
			out->failed = true;
	}
	/* TRANSLATORS: a duration in two units, the larger first: "1 day" and
	 * "2 hours" (each already translated) */
	buf_say(out, BUF_RAW, trc(l, "duration", "%s %s"), buf_str(&part[0]),
		buf_str(&part[1]));
}

void words_ms(const struct lang *l, uint32_t us, struct buf *out)
{
	uint32_t hundredths = (us + 5) / 10;

	buf_uint(out, hundredths / 100);
	buf_puts(out, lang_decimal(l));
	buf_putc(out, (char)('0' + hundredths / 10 % 10));
	buf_putc(out, (char)('0' + hundredths % 10));
}
