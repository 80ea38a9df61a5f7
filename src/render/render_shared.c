/*
 * render_shared: what the renderers write alike (see render_shared.h).
 */
#include "render/render_shared.h"

#include <string.h>

#include "util/buf.h"
#include "util/config.h"
#include "input/domain.h"
#include "report/expect.h"
#include "render/view.h"
#include "util/lang.h"

/* Where links of the result lead: relative on the tool's own page, to
 * page_url when the block stands in someone else's page (a fragment) or
 * in a frame (embed, whose links open the page in the top window). */
const char *render_shared_link_base(const struct view *v)
{
	return v->format == FORMAT_FRAGMENT || v->format == FORMAT_EMBED ?
	       v->cfg->page_url : "";
}

/*
 * href="BASE?domain=NAME[&expect=..][&server=ADDR][&format=F]". Values go
 * through the URL escaper, whose output (A-Z a-z 0-9 - . _ ~ %) needs no
 * HTML escaping; the one character of the URL that does, the '&' between
 * parameters, is written as "&amp;". BASE is checked by the config (plain
 * URL characters).
 */
void render_shared_html_link(struct buf *out, const struct view *v,
			     const char *name, const char *server,
			     const char *format)
{
	buf_puts(out, "href=\"");
	buf_htmls(out, render_shared_link_base(v));
	buf_puts(out, "?domain=");
	buf_urls(out, name);
	/* links to this same lookup keep the expected servers */
	if (v->expect && v->domain && strcmp(name, v->domain->ascii) == 0) {
		buf_puts(out, "&amp;expect=");
		for (size_t i = 0; i < v->expect->n; i++) {
			if (i)
				buf_putc(out, ',');
			buf_urls(out, v->expect->names[i]);
		}
	}
	if (server) {
		buf_puts(out, "&amp;server=");
		buf_urls(out, server);
	}
	if (format) {
		buf_puts(out, "&amp;format=");
		buf_urls(out, format);
	}
	render_shared_lang_param(out, v, "&amp;");
	buf_putc(out, '"');
}

void render_shared_lang_param(struct buf *out, const struct view *v,
			      const char *sep)
{
	if (v->lang_asked && v->lang) {
		buf_puts(out, sep);
		buf_puts(out, "lang=");
		buf_urls(out, v->lang->code);
	}
}

void render_shared_json_str(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	buf_jsons(out, s);
	buf_putc(out, '"');
}
