/*
 * render_shared: the pieces every renderer writes the same way, below
 * render_html, render_json, render_text and render_drill, so the page
 * renderers and the drill-down they embed take them from here instead of
 * from each other.
 *
 * Like the renderers, these only append to a buf, escaping as they write.
 */
#ifndef NSCHECK_RENDER_SHARED_H
#define NSCHECK_RENDER_SHARED_H

struct buf;
struct view;

/* Where the result's links lead: "" on the tool's own page, page_url in
 * a fragment. Raw; written through buf's HTML escaper. */
const char *render_shared_link_base(const struct view *v);

/* href="..." to a lookup of name on this tool's page (page_url in a
 * fragment), keeping the expected servers; server (an address) and
 * format may be NULL. */
void render_shared_html_link(struct buf *out, const struct view *v,
			     const char *name, const char *server,
			     const char *format);
/* SEP "lang=CODE" when the request named its language (links keep that
 * choice; one made by Accept-Language is made again), else nothing. */
void render_shared_lang_param(struct buf *out, const struct view *v,
			      const char *sep);

/* "s" as a JSON string, escaped. */
void render_shared_json_str(struct buf *out, const char *s);

#endif
