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
void render_html_embed(const struct view *v, struct buf *out);
void render_json(const struct view *v, struct buf *out);
void render_text(const struct view *v, struct buf *out);

/* Picks the renderer for v->format; returns the Content-Type. */
const char *render(const struct view *v, struct buf *out);

#endif
