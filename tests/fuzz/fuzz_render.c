/*
 * Fuzz target: rendering whatever a cache entry holds. The bytes are a
 * stored lookup result and a stored delegation report, or the stored
 * answers of one server's detail view (the codecs decide what is valid);
 * every valid pair is rendered as page, fragment, JSON and text. Names in results come from DNS and may hold any byte: no HTML
 * output may carry markup that came with them (no raw <script, <img or
 * <svg).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "report/checks.h"
#include "cache/codec.h"
#include "util/config.h"
#include "input/domain.h"
#include "report/drill.h"
#include "render/render.h"
#include "report/report.h"
#include "report/result.h"
#include "render/template.h"
#include "render/view.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config cfg;
static struct templates tpl;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];
	const char *www = getenv("NSCHECK_WWW");
	struct template_paths tp = { .www_dir = www ? www : "www" };

	(void)argc;
	(void)argv;
	config_defaults(&cfg);
	if (templates_load(&tpl, &tp, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_render: %s (set NSCHECK_WWW)\n", err);
		exit(1);
	}
	return 0;
}

/* needle (lower case) in b, ignoring case */
static int has(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	const char *s = b->data;

	for (size_t i = 0; i + n <= b->len; i++) {
		size_t k = 0;
		while (k < n && (s[i + k] | 0x20) == needle[k])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Markup the templates never hold: only the data could have brought it. */
static int has_foreign_markup(const struct buf *b)
{
	/* "onerror=" as text is harmless: it needs a raw '<' to be markup */
	return has(b, "<script") || has(b, "<img") || has(b, "<svg");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(4 << 20);
	struct ns_result result;
	struct report report;
	struct drill drill;
	struct domain dom = { .ascii = "example.com", .unicode = "example.com" };
	struct buf out;

	if (!a)
		abort();
	if (size < 2) {
		arena_free(a);
		return 0;
	}
	/* two bytes: how many of the rest are the result (its low bits also
	 * pick an age, so ageing is exercised, and whether the result is an
	 * expired one shown while busy); then the report */
	size_t split = (size_t)(data[0] << 8 | data[1]);
	uint32_t age = data[1] & 1 ? 3600 : 0;
	bool stale = data[1] & 2;
	data += 2;
	size -= 2;
	if (split > size)
		split = size;
	if (codec_decode(data, split, age, a, &result) < 0) {
		arena_free(a);
		return 0;
	}
	result.stale = stale;
	result.stale_s = stale ? age : 0;
	struct view v = { .state = VIEW_RESULT, .cfg = &cfg, .tpl = &tpl,
			  .domain = &dom, .result = &result,
			  .input = "example.com", .input_len = 11 };
	memset(&drill, 0, sizeof drill);
	if (codec_decode_report(data + split, size - split, age, a, &report) == 0) {
		v.report = &report;
	} else if (codec_decode_drill(data + split, size - split, a, &drill) == 0) {
		/* the replies are any bytes a server could send */
		drill.status = DRILL_DONE;
		drill.domain = "example.com";
		drill.server = "ns1.example.com";
		drill.addr[0] = 192;
		drill.parent = drill.name_server = true;
		drill_dissect(a, &drill);
		v.drill = &drill;
	}
	static struct check_list checks;
	view_check(&v, &checks);
	buf_init(&out, 4 << 20);
	static const enum request_format formats[] = {
		FORMAT_HTML, FORMAT_FRAGMENT, FORMAT_JSON, FORMAT_TEXT,
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		buf_reset(&out);
		v.format = formats[i];
		(void)render(&v, &out);
		/* markup matters in the HTML formats (text and JSON carry the
		 * names as data, escaped for their own syntax) */
		if ((formats[i] == FORMAT_HTML || formats[i] == FORMAT_FRAGMENT) &&
		    !buf_failed(&out) && has_foreign_markup(&out))
			abort(); /* something reached the page unescaped */
	}
	buf_free(&out);
	arena_free(a);
	return 0;
}
