/* cli: the command line's questions and exit codes (see cli.h). */
#include "cli.h"

#include <string.h>

#include "input/domain.h"
#include "input/request.h"
#include "report/checks.h"

struct cli_io {
	const char *query;
};

static const char *cli_param(void *ctx, const char *name)
{
	const struct cli_io *io = ctx;

	if (strcmp(name, "REQUEST_METHOD") == 0)
		return "GET";
	if (strcmp(name, "QUERY_STRING") == 0)
		return io->query;
	return NULL;
}

static ssize_t cli_read(void *ctx, char *buf, size_t n)
{
	(void)ctx;
	(void)buf;
	(void)n;
	return 0;
}

static void param(struct buf *out, const char *key, const char *value)
{
	if (!value)
		return;
	if (out->len)
		buf_putc(out, '&');
	buf_puts(out, key);
	buf_putc(out, '=');
	buf_urls(out, value);
}

void cli_query_string(const struct cli_question *q, struct buf *out)
{
	/* the format first: a name too long for the buffer cannot push it
	 * out (cli_ask refuses such a query anyway) */
	param(out, "format", q->format ? q->format : "text");
	param(out, "domain", q->name);
	param(out, "expect", q->expect);
	param(out, "server", q->server);
}

bool cli_name_fits(const char *name)
{
	return strlen(name) <= DOMAIN_INPUT_MAX;
}

void cli_ask(const struct app *app, struct worker *w,
	     const struct cli_question *q, struct response *resp)
{
	struct buf query;
	struct cli_io io;

	buf_init(&query, 8192);
	cli_query_string(q, &query);
	/* cut, it would be another question: none is better */
	io.query = buf_failed(&query) ? "format=text" : buf_str(&query);
	struct request_io rio = { cli_param, cli_read, &io };
	app_handle(app, w, &rio, NULL, resp);
	buf_free(&query);
}

static enum cli_exit from_status(enum check_status st)
{
	return st == CHECK_FAIL ? CLI_FAILURES :
	       st == CHECK_WARN ? CLI_WARNINGS : CLI_OK;
}

static enum cli_exit from_checks(const struct check_list *c)
{
	enum cli_exit rc = CLI_OK;

	for (size_t i = 0; c && i < c->n; i++) {
		enum cli_exit one = from_status(c->f[i].status);
		if (one > rc)
			rc = one;
	}
	return rc;
}

enum cli_exit cli_exit_code(const struct app_outcome *o,
			    const struct check_list *checks)
{
	switch (o->state) {
	case VIEW_BAD_REQUEST: return CLI_USAGE;
	case VIEW_BAD_DOMAIN: return CLI_BAD_NAME;
	case VIEW_BUSY:
	case VIEW_LIMITED: return CLI_TEMPFAIL;
	case VIEW_FORM: return CLI_USAGE;
	case VIEW_RESULT: break;
	}
	if (!o->has_result)
		return CLI_SOFTWARE;
	switch (o->result.status) {
	case LOOKUP_FOUND: break;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS: return CLI_NO_DOMAIN;
	case LOOKUP_ERROR: return CLI_SOFTWARE;
	default: return CLI_LOOKUP_FAILED;
	}
	if (o->drilled)
		return o->drill == DRILL_DONE ? CLI_OK :
		       o->drill == DRILL_NOT_ASKED ? CLI_BAD_NAME :
		       CLI_LOOKUP_FAILED;
	enum cli_exit rc = from_checks(checks);
	enum check_status st;
	if (o->judged && transfer_weight(o->transfer.verdict, &st)) {
		if (from_status(st) > rc)
			rc = from_status(st);
	} else if (o->judged && rc == CLI_OK) {
		/* a move that cannot be judged (2) says less than a check
		 * that warns (3) or fails (4) */
		rc = CLI_LOOKUP_FAILED;
	}
	return rc;
}
