/*
 * csp: the Content-Security-Policy and X-Frame-Options of every reply.
 *
 * Strict by default: nothing but the tool's own stylesheet and images,
 * no script, no font, frames only on the tool's own site. The operator
 * widens it per directive (csp_*_src, frame_ancestors in the config),
 * whose sources the config has already checked: 'self' and origins, never
 * a keyword that lets inline script in.
 */
#ifndef NSCHECK_CSP_H
#define NSCHECK_CSP_H

struct buf;
struct config;

/* Both header lines, each ending in CRLF. static_origin is the origin of
 * an absolute static_url ("" when it is a path). */
void csp_headers(const struct config *cfg, const char *static_origin,
		 struct buf *out);

#endif
