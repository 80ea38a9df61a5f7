/*
 * words: durations and milliseconds as text for people (see words.h).
 */
#include "util/words.h"

#include <stddef.h>

#include "util/buf.h"

void words_duration(const struct lang *l, uint32_t secs, struct buf *out)
{
	(void)l; /* the sentences below are English still */
	static const struct {
		uint32_t size;
		const char *one, *many;
	} units[] = {
		{ 86400, "day", "days" },
		{ 3600, "hour", "hours" },
		{ 60, "minute", "minutes" },
		{ 1, "second", "seconds" },
	};
	int shown = 0;

	if (secs == 0) {
		buf_puts(out, "0 seconds");
		return;
	}
	/* the two largest non-zero units are enough for people */
	for (size_t i = 0; i < 4 && shown < 2; i++) {
		uint32_t n = secs / units[i].size;
		if (n == 0) {
			if (shown)
				break;
			continue;
		}
		secs -= n * units[i].size;
		if (shown)
			buf_putc(out, ' ');
		buf_uint(out, n);
		buf_putc(out, ' ');
		buf_puts(out, n == 1 ? units[i].one : units[i].many);
		shown++;
	}
}

void words_ms(const struct lang *l, uint32_t us, struct buf *out)
{
	(void)l; /* the sentences below are English still */
	uint32_t hundredths = (us + 5) / 10;

	buf_uint(out, hundredths / 100);
	buf_putc(out, '.');
	buf_putc(out, (char)('0' + hundredths / 10 % 10));
	buf_putc(out, (char)('0' + hundredths % 10));
}
