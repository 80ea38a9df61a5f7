/*
 * request: one HTTP request (from FastCGI or CGI) turned into a struct
 * request: method, output format and the decoded parameters.
 *
 * Where the variables and the body come from is hidden behind struct
 * request_io, so the same code serves FastCGI, CGI and the unit tests.
 */
#ifndef NSCHECK_REQUEST_H
#define NSCHECK_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "input/form.h"
#include "util/netaddr.h"

struct lang;

struct arena;
struct buf;

#define REQUEST_QUERY_MAX 4096
#define REQUEST_BODY_MAX 8192

struct request_io {
	/* a CGI variable (REQUEST_METHOD, QUERY_STRING, ...) or NULL */
	const char *(*param)(void *ctx, const char *name);
	/* up to n body bytes; 0 at the end, -1 on error */
	ssize_t (*read)(void *ctx, char *buf, size_t n);
	void *ctx;
};

enum request_method { METHOD_GET, METHOD_HEAD, METHOD_POST, METHOD_OTHER };
/* FRAGMENT: the result block alone; EMBED: a small document for a frame */
enum request_format { FORMAT_HTML, FORMAT_JSON, FORMAT_TEXT, FORMAT_FRAGMENT,
		      FORMAT_EMBED };

struct request {
	enum request_method method;
	enum request_format format;
	bool negotiated;        /* no format parameter: chosen from Accept */
	bool has_domain;
	const char *domain;     /* decoded, may hold any byte */
	size_t domain_len;
	const char *remote_addr;
	const char *expect;     /* expected name servers, as sent, or NULL */
	size_t expect_len;
	const char *lang;       /* lang=, a language tag, or NULL */
	size_t lang_len;
	const char *accept_language; /* the header, or "" */
	bool has_server;        /* the detail view of one server's answers */
	struct netprefix server;
	struct form form;
};

enum request_error {
	REQUEST_OK,
	REQUEST_BAD_METHOD,        /* 405 */
	REQUEST_QUERY_TOO_LONG,    /* 414 */
	REQUEST_BODY_TOO_LARGE,    /* 413 */
	REQUEST_LENGTH_REQUIRED,   /* 411 */
	REQUEST_BAD_CONTENT_TYPE,  /* 415 */
	REQUEST_BODY_INCOMPLETE,   /* 400 */
	REQUEST_BAD_ENCODING,      /* 400 */
	REQUEST_TOO_MANY_PARAMS,   /* 400 */
	REQUEST_REPEATED_PARAM,    /* 400 */
	REQUEST_BAD_FORMAT,        /* 400 */
	REQUEST_BAD_EXPECT,        /* 400: an expected name server */
	REQUEST_BAD_SERVER,        /* 400: server= is not an address */
	REQUEST_BAD_LANG,          /* 400: lang= is not a language tag */
	REQUEST_NOMEM,             /* 500 */
};

struct request_problem {
	enum request_error code;
	const char *where;   /* "query string" or "form body" */
	size_t offset;
	char name[32];       /* the parameter concerned */
	char value[64];      /* its value, raw and possibly cut */
	size_t count;
};

enum request_error request_parse(struct arena *a, const struct request_io *io,
				 struct request *out,
				 struct request_problem *why);

/* The format an Accept header asks for: text/plain or application/json
 * only when preferred (by q-value) to text/html; HTML otherwise. */
enum request_format request_accept_format(const char *accept);

/* A sentence for people; raw text. */
void request_problem_text(const struct lang *l, const struct request_problem *p, struct buf *out);
const char *request_error_id(enum request_error e);

#endif
