/*
 * cli: a question typed on the command line (-q NAME with --expect,
 * --server, -f) asked as the web asks it, through app_handle, with no
 * cache: the same words, checks and JSON as the page, fresh from DNS.
 * And the exit codes, one meaning each, for scripts.
 */
#ifndef NSCHECK_CLI_H
#define NSCHECK_CLI_H

#include "app.h"

enum cli_exit {
	CLI_OK = 0,            /* found; every check passes or is a note */
	CLI_NO_DOMAIN = 1,     /* the name does not exist, or has no NS */
	CLI_LOOKUP_FAILED = 2, /* SERVFAIL, REFUSED, no answer in time */
	CLI_WARNINGS = 3,      /* found; a check warns, none fails */
	CLI_FAILURES = 4,      /* found; a check fails */
	CLI_USAGE = 64,        /* EX_USAGE: options, or a value of one */
	CLI_BAD_NAME = 65,     /* EX_DATAERR: not a usable domain name, or
				  --server names a server the report did
				  not ask */
	CLI_SOFTWARE = 70,     /* EX_SOFTWARE: nscheck's own failure */
	CLI_OSERR = 71,        /* EX_OSERR: a socket, a process, memory */
	CLI_UNAVAILABLE = 69,  /* EX_UNAVAILABLE: no segment to read */
	CLI_TEMPFAIL = 75,     /* EX_TEMPFAIL: refused (busy, a limit) */
	CLI_CONFIG = 78,       /* EX_CONFIG: the configuration, a template,
				  the user to serve as */
};

struct cli_question {
	const char *name;
	const char *format;    /* "text" or "json"; NULL: text */
	const char *expect;    /* expected name servers, "a,b", or NULL */
	const char *server;    /* one server's replies: its address, or NULL */
};

/* The question as the query string a browser would send. */
void cli_query_string(const struct cli_question *q, struct buf *out);

/* The longest name asked: what the web form takes (DOMAIN_INPUT_MAX). */
bool cli_name_fits(const char *name);

/* Asks q through app (whose service should have no cache); the page is
 * resp's body, w->outcome what it came to. A question too long for a
 * query string is asked as none (the form). */
void cli_ask(const struct app *app, struct worker *w,
	     const struct cli_question *q, struct response *resp);

/* What the last question came to, as an exit code. */
enum cli_exit cli_exit_code(const struct app_outcome *o,
			    const struct check_list *checks);

#endif
