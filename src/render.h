/*
 * render: a view into a response body, as HTML, JSON or text.
 *
 * Renderers are pure: they read the view and append to a buf, nothing
 * else. Every dynamic string goes through one of buf's escapers at the
 * moment it is written; numbers are the only thing formatted directly.
 */
#ifndef NSCHECK_RENDER_H
#define NSCHECK_RENDER_H

struct buf;
struct view;

void render_html(const struct view *v, struct buf *out);
void render_html_fragment(const struct view *v, struct buf *out);
void render_json(const struct view *v, struct buf *out);
void render_text(const struct view *v, struct buf *out);

/* One server's answers (server=), inside the result of each format. */
void render_drill_html(const struct view *v, struct buf *out);
void render_drill_json(const struct view *v, struct buf *out);
void render_drill_text(const struct view *v, struct buf *out);

/* "s" as a JSON string, escaped. */
void render_json_str(struct buf *out, const char *s);

/* href="..." to a lookup of name on this tool's page (page_url in a
 * fragment), keeping the expected servers; server (an address) and
 * format may be NULL. */
void render_html_link(struct buf *out, const struct view *v, const char *name,
		      const char *server, const char *format);

/* Picks the renderer for v->format; returns the Content-Type. */
const char *render(const struct view *v, struct buf *out);

#endif
