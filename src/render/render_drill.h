/*
 * render_drill: one server's replies (server=, see drill.h), written into
 * the result of each format by render_html, render_json and render_text.
 */
#ifndef NSCHECK_RENDER_DRILL_H
#define NSCHECK_RENDER_DRILL_H

struct buf;
struct view;

/* One server's answers (server=), inside the result of each format. */
void render_drill_html(const struct view *v, struct buf *out);
void render_drill_json(const struct view *v, struct buf *out);
void render_drill_text(const struct view *v, struct buf *out);

#endif
