/*
 * view: everything one response shows, gathered before rendering starts.
 *
 * The handler fills a view from the request, the normalised domain and the
 * lookup result; renderers only read it. This is also the one place that
 * maps each state to its HTTP status and cache lifetime.
 */
#ifndef NSCHECK_VIEW_H
#define NSCHECK_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/request.h"

struct check_list;
struct config;
struct expect_list;
struct transfer;
struct domain;
struct drill;
struct domain_problem;
struct lang;
struct langs;
struct ns_result;
struct report;
struct templates;

enum view_state {
	VIEW_FORM,         /* no domain asked: the empty form */
	VIEW_BAD_REQUEST,  /* the request itself was refused */
	VIEW_BAD_DOMAIN,   /* the input is not a usable domain name */
	VIEW_RESULT,       /* a lookup ran; result says how it went */
	VIEW_BUSY,         /* too many lookups running: refused, try later */
	VIEW_LIMITED,      /* this client's rate limit: refused, try later */
};

struct view {
	enum view_state state;
	enum request_format format;
	bool negotiated;             /* format chosen from Accept: Vary on it */
	const struct lang *lang;     /* the page's language; NULL: English */
	const struct langs *langs;   /* those offered (NULL: English alone) */
	bool lang_negotiated;        /* by Accept-Language: Vary on it */
	bool lang_asked;             /* by lang=: links keep it */
	bool post;                   /* answers to a POST are never cached */
	const char *input;           /* the domain field as sent, raw */
	size_t input_len;
	const struct request_problem *request_problem;
	const struct domain_problem *domain_problem;
	const struct domain *domain;
	const struct ns_result *result;
	const struct report *report;  /* the delegation report, or NULL */
	bool report_refused;         /* one was due, but a limit said no */
	bool limited_lookups;        /* LIMITED: by new lookups, not requests */
	uint32_t retry_after;        /* BUSY, LIMITED: seconds to wait */
	const struct config *cfg;
	const struct templates *tpl;
	int64_t now_s;               /* the wall clock, for dates shown */
	const char *expect_input;    /* the expected servers field as sent */
	size_t expect_input_len;
	const struct expect_list *expect;   /* parsed; NULL when none */
	const struct transfer *transfer;    /* the verdict, with a report */
	const struct drill *drill;   /* server=: one server's answers */
	const struct check_list *checks; /* view_check: once, for every format */
};

/* Runs the checks of a result into store and points v->checks at it; a
 * view without a result, or one server's answers (drill), has none. */
void view_check(struct view *v, struct check_list *store);

/* 404 for a drill-down of a server the report did not ask. */
int view_http_status(const struct view *v);
/* Seconds a cache may keep the response; 0 means it must not. */
uint32_t view_max_age(const struct view *v);
const char *http_reason(int status);

#endif
