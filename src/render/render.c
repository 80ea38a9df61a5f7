/* render: format dispatch (see render.h). */
#include "render/render.h"

#include "render/view.h"

const char *render(const struct view *v, struct buf *out)
{
	switch (v->format) {
	case FORMAT_JSON:
		render_json(v, out);
		return "application/json; charset=utf-8";
	case FORMAT_TEXT:
		render_text(v, out);
		return "text/plain; charset=utf-8";
	case FORMAT_FRAGMENT:
		render_html_fragment(v, out);
		return "text/html; charset=utf-8";
	case FORMAT_EMBED:
		render_html_embed(v, out);
		return "text/html; charset=utf-8";
	case FORMAT_HTML:
		break;
	}
	render_html(v, out);
	return "text/html; charset=utf-8";
}
