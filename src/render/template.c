/*
 * template: {{slot}} templates read at start-up (see template.h).
 */
#include "render/template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/etag.h"

#define MAX_PARTS 64
#define MAX_FILE (256 * 1024)

static const char *const slot_names[SLOT_COUNT] = {
	"title", "static_url", "static_query", "skip", "input", "input_attrs", "expect", "result", "help",
	"header", "footer", "page_link", "lang", "languages", "lang_field",
};

struct part {
	size_t off, len;  /* literal text before the slot */
	int slot;         /* -1 for the final literal */
};

struct template {
	char *text;
	size_t n;
	struct part part[MAX_PARTS];
};

static unsigned line_of(const char *text, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static int slot_by_name(const char *s, size_t n)
{
	for (int i = 0; i < SLOT_COUNT; i++)
		if (strlen(slot_names[i]) == n && memcmp(slot_names[i], s, n) == 0)
			return i;
	return -1;
}

struct template *template_parse(const char *name, const char *text, size_t len,
				unsigned allowed, char *err, size_t errlen)
{
	struct template *t = calloc(1, sizeof *t);
	size_t pos = 0, lit = 0;

	if (!t || !(t->text = malloc(len + 1))) {
		free(t);
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	while (pos + 1 < len) {
		if (text[pos] != '{' || text[pos + 1] != '{') {
			pos++;
			continue;
		}
		const char *close = strstr(t->text + pos + 2, "}}");
		int slot = close ? slot_by_name(t->text + pos + 2,
						(size_t)(close - t->text) - pos - 2) :
			   -1;
		const char *bad = slot < 0 ? "unknown or unterminated {{slot}}" :
				  !(allowed & SLOT_BIT(slot)) ?
				  "this slot cannot be used in this file" :
				  t->n == MAX_PARTS - 1 ? "too many slots" : NULL;
		if (bad) {
			snprintf(err, errlen, "%s:%u: %s", name, line_of(text, pos),
				 bad);
			template_free(t);
			return NULL;
		}
		t->part[t->n++] = (struct part){ lit, pos - lit, slot };
		pos = (size_t)(close - t->text) + 2;
		lit = pos;
	}
	t->part[t->n++] = (struct part){ lit, len - lit, -1 };
	return t;
}

void template_free(struct template *t)
{
	if (!t)
		return;
	free(t->text);
	free(t);
}

void template_render(const struct template *t, struct buf *out,
		     template_fill_fn *fill, const void *ctx)
{
	for (size_t i = 0; i < t->n; i++) {
		buf_put(out, t->text + t->part[i].off, t->part[i].len);
		if (t->part[i].slot >= 0)
			fill(out, (enum slot)t->part[i].slot, ctx);
	}
}

/* own: the operator's file (a path), else the shipped one in dir: the
 * language's own (templates/LANG/file) where there is one. */
static struct template *load(const char *dir, const char *lang,
			     const char *file, const char *own,
			     unsigned allowed, char *err, size_t errlen)
{
	char path[4096];
	struct buf b;
	int rc = -1;

	if (own && own[0])
		snprintf(path, sizeof path, "%s", own);
	else if (lang && lang[0] && strcmp(lang, "en") != 0) {
		snprintf(path, sizeof path, "%s/templates/%s/%s", dir, lang,
			 file);
		rc = buf_read_file(&b, path, MAX_FILE);
		if (rc == -1 && errno == ENOENT)
			snprintf(path, sizeof path, "%s/templates/%s", dir, file);
	} else
		snprintf(path, sizeof path, "%s/templates/%s", dir, file);
	if (rc == -1)
		rc = buf_read_file(&b, path, MAX_FILE);
	if (rc == -1)
		snprintf(err, errlen, "%s: %s (%s)", path, strerror(errno),
			 own && own[0] ? "check the setting" : "check www_dir");
	else if (rc < 0)
		snprintf(err, errlen, "%s: %s", path,
			 rc == -2 ? "read error" : "larger than 256 KiB");
	if (rc < 0)
		return NULL;
	struct template *t = template_parse(path, buf_str(&b), b.len, allowed,
					    err, errlen);
	buf_free(&b);
	return t;
}

/* The hash of www_dir/static/nscheck.css into out (16 hex digits), or ""
 * when it cannot be read: the page then links it without a version. */
static void stylesheet_version(const char *www_dir, char out[17])
{
	char path[4096], tag[ETAG_SIZE];
	struct buf b;

	out[0] = '\0';
	snprintf(path, sizeof path, "%s/static/nscheck.css", www_dir);
	if (buf_read_file(&b, path, MAX_FILE) < 0)
		return;
	etag_of(b.data, b.len, tag);
	memcpy(out, tag + 1, 16);
	out[16] = '\0';
	buf_free(&b);
}

int templates_load(struct templates *t, const struct template_paths *p,
		   char *err, size_t errlen)
{
	/* the parts go into the page: only {{static_url}} and
	 * {{static_query}} inside them */
	const unsigned part = SLOT_BIT(SLOT_STATIC_URL) |
			      SLOT_BIT(SLOT_STATIC_QUERY);

	const unsigned embed = SLOTS_ALL & ~(SLOT_BIT(SLOT_HELP) |
				SLOT_BIT(SLOT_HEADER) | SLOT_BIT(SLOT_FOOTER));
	const char *d = p->www_dir, *l = p->lang;

	memset(t, 0, sizeof *t);
	if (!(t->page = load(d, l, "page.html", NULL, SLOTS_ALL, err, errlen)) ||
	    !(t->help = load(d, l, "help.html", p->help, part, err, errlen)) ||
	    !(t->header = load(d, l, "header.html", p->header, part, err,
			       errlen)) ||
	    !(t->footer = load(d, l, "footer.html", p->footer, part, err,
			       errlen)) ||
	    !(t->embed = load(d, l, "embed.html", NULL, embed, err, errlen))) {
		templates_free(t);
		return -1;
	}
	stylesheet_version(p->www_dir, t->static_version);
	return 0;
}

void templates_free(struct templates *t)
{
	template_free(t->page);
	template_free(t->help);
	template_free(t->header);
	template_free(t->footer);
	template_free(t->embed);
	t->page = t->help = t->header = t->footer = t->embed = NULL;
}
