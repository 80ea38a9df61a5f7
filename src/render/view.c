/*
 * view: HTTP status and cache lifetime of each state (see view.h).
 */
#include "render/view.h"

#include "report/checks.h"
#include "util/config.h"
#include "report/drill.h"
#include "report/report.h"
#include "report/result.h"

static int request_status(enum request_error e)
{
	switch (e) {
	case REQUEST_OK: return 200;
	case REQUEST_BAD_METHOD: return 405;
	case REQUEST_QUERY_TOO_LONG: return 414;
	case REQUEST_BODY_TOO_LARGE: return 413;
	case REQUEST_LENGTH_REQUIRED: return 411;
	case REQUEST_BAD_CONTENT_TYPE: return 415;
	case REQUEST_NOMEM: return 500;
	case REQUEST_BODY_INCOMPLETE:
	case REQUEST_BAD_ENCODING:
	case REQUEST_TOO_MANY_PARAMS:
	case REQUEST_REPEATED_PARAM:
	case REQUEST_BAD_FORMAT:
	case REQUEST_BAD_EXPECT:
	case REQUEST_BAD_SERVER:
	case REQUEST_BAD_LANG:
		return 400;
	}
	return 400;
}

static int lookup_http_status(enum lookup_status s)
{
	switch (s) {
	case LOOKUP_FOUND:
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS:
		return 200;
	case LOOKUP_SERVFAIL: return 502;
	case LOOKUP_TIMEOUT: return 504;
	case LOOKUP_ERROR: return 500;
	}
	return 500;
}

/* A server the report did not ask, or a name without servers, is not
 * found; a report or lookup that failed is the upstream's fault. */
static int drill_http_status(const struct view *v)
{
	switch (v->drill->status) {
	case DRILL_DONE:
		return v->drill->n ? 200 : 504; /* n 0: waited for another */
	case DRILL_NOT_ASKED:
		return 404;
	case DRILL_NO_REPORT:
		break;
	}
	if (v->report && v->report->status == REPORT_FAILED)
		return 502;
	int lookup = lookup_http_status(v->result->status);
	return lookup == 200 ? 404 : lookup;
}

int view_http_status(const struct view *v)
{
	switch (v->state) {
	case VIEW_FORM: return 200;
	case VIEW_BAD_REQUEST: return request_status(v->request_problem->code);
	case VIEW_BAD_DOMAIN: return 400;
	case VIEW_RESULT:
		if (v->drill)
			return drill_http_status(v);
		return lookup_http_status(v->result->status);
	case VIEW_BUSY: return 503;
	case VIEW_LIMITED: return 429;
	}
	return 500;
}

uint32_t view_max_age(const struct view *v)
{
	uint32_t cap = v->cfg->http_max_age;

	if (v->post)
		return 0;
	if (v->state == VIEW_FORM)
		return cap;
	/* a drill-down shows what a server says at this moment */
	if (v->state != VIEW_RESULT || v->drill || view_http_status(v) != 200 ||
	    result_partial(v->result) || v->result->stale || v->report_refused)
		return 0;
	uint32_t ttl = result_min_ttl(v->result);
	return ttl < cap ? ttl : cap;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	}
	return "Unknown";
}

void view_check(struct view *v, struct check_list *store)
{
	v->checks = NULL;
	if (v->state != VIEW_RESULT || !v->result || v->drill)
		return;
	checks_run(v->lang, v->result, v->report, store);
	v->checks = store;
}
