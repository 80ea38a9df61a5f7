/* csp: the policy headers (see csp.h). */
#include "util/csp.h"

#include <string.h>

#include "util/buf.h"
#include "util/config.h"

/* " SRC" for each non-empty source; the config let no blank, quote other
 * than 'self', or header-ending byte through. */
static void sources(struct buf *out, const char *a, const char *b)
{
	if (a[0]) {
		buf_putc(out, ' ');
		buf_puts(out, a);
	}
	if (b[0]) {
		buf_putc(out, ' ');
		buf_puts(out, b);
	}
}

/* A directive that is 'none' unless the operator names sources. */
static void optional(struct buf *out, const char *name, const char *extra)
{
	if (!extra[0])
		return;
	buf_puts(out, "; ");
	buf_puts(out, name);
	sources(out, extra, "");
}

void csp_headers(const struct config *cfg, const char *static_origin,
		 struct buf *out)
{
	const char *anc = cfg->frame_ancestors;

	buf_puts(out, "Content-Security-Policy: default-src 'none'; "
		      "style-src 'self'");
	sources(out, static_origin, cfg->csp_style_src);
	buf_puts(out, "; img-src 'self' data:");
	sources(out, cfg->csp_img_src, "");
	optional(out, "font-src", cfg->csp_font_src);
	optional(out, "script-src", cfg->csp_script_src);
	optional(out, "connect-src", cfg->csp_connect_src);
	buf_puts(out, "; form-action 'self'; base-uri 'none'; frame-ancestors ");
	buf_puts(out, anc);
	buf_puts(out, "\r\n");
	/* for browsers without frame-ancestors; it cannot name other sites,
	 * and those that know both follow the policy */
	if (strcmp(anc, "'self'") == 0)
		buf_puts(out, "X-Frame-Options: SAMEORIGIN\r\n");
	else if (strcmp(anc, "'none'") == 0)
		buf_puts(out, "X-Frame-Options: DENY\r\n");
}
