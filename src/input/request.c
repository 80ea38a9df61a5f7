/*
 * request: method, parameters and format of one request (see request.h).
 */
#include "input/request.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/lang.h"

static const char *io_param(const struct request_io *io, const char *name)
{
	const char *v = io->param(io->ctx, name);
	return v ? v : "";
}

static enum request_error fail(struct request_problem *p, enum request_error e)
{
	p->code = e;
	return e;
}

static void copy_cut(char *dst, size_t size, const char *s, size_t n)
{
	size_t keep = n < size - 1 ? n : size - 1;
	memcpy(dst, s, keep);
	dst[keep] = '\0';
}

static enum request_method method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	return METHOD_OTHER;
}

/* "application/x-www-form-urlencoded", parameters such as charset allowed */
static bool is_form_type(const char *ct)
{
	static const char want[] = "application/x-www-form-urlencoded";
	size_t n = sizeof want - 1;

	while (*ct == ' ')
		ct++;
	if (strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ')
		ct++;
	return *ct == '\0' || *ct == ';';
}

static enum request_error parse_length(const char *s, size_t *len)
{
	size_t v = 0;

	if (*s == '\0')
		return REQUEST_LENGTH_REQUIRED;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return REQUEST_LENGTH_REQUIRED;
		if (v > REQUEST_BODY_MAX)
			return REQUEST_BODY_TOO_LARGE;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (v > REQUEST_BODY_MAX)
		return REQUEST_BODY_TOO_LARGE;
	*len = v;
	return REQUEST_OK;
}

static enum request_error form_failure(const struct form_problem *fp)
{
	return fp->code == FORM_BAD_ESCAPE ? REQUEST_BAD_ENCODING :
	       fp->code == FORM_TOO_MANY_FIELDS ? REQUEST_TOO_MANY_PARAMS :
	       REQUEST_NOMEM;
}

/*
 * The format asked for, read from the raw query string before anything
 * else can fail, so that errors come back in it too. Strict checking of
 * the parameter happens later, in read_params().
 */
static enum request_format guess_format(const char *q)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		if (n == 11 && strncmp(q, "format=json", 11) == 0)
			return FORMAT_JSON;
		if (n == 11 && strncmp(q, "format=text", 11) == 0)
			return FORMAT_TEXT;
		if (n == 15 && strncmp(q, "format=fragment", 15) == 0)
			return FORMAT_FRAGMENT;
		if (n == 12 && strncmp(q, "format=embed", 12) == 0)
			return FORMAT_EMBED;
		q += n + (q[n] == '&');
	}
	return FORMAT_HTML;
}

/* The same for lang=, so that an error page is in the language asked
 * for: a tag needs no escapes, so the raw query string holds it. */
static void guess_lang(const char *q, struct request *out)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		if (n > 5 && strncmp(q, "lang=", 5) == 0 &&
		    lang_tag_ok(q + 5, n - 5)) {
			out->lang = q + 5;
			out->lang_len = n - 5;
		}
		q += n + (q[n] == '&');
	}
}

static enum request_error read_body(struct arena *a, const struct request_io *io,
				    struct request *out,
				    struct request_problem *why)
{
	size_t want = 0, got = 0;
	enum request_error e;

	if (!is_form_type(io_param(io, "CONTENT_TYPE"))) {
		copy_cut(why->value, sizeof why->value, io_param(io, "CONTENT_TYPE"),
			 strlen(io_param(io, "CONTENT_TYPE")));
		return fail(why, REQUEST_BAD_CONTENT_TYPE);
	}
	e = parse_length(io_param(io, "CONTENT_LENGTH"), &want);
	if (e != REQUEST_OK)
		return fail(why, e);
	char *body = arena_alloc(a, want + 1);
	if (!body)
		return fail(why, REQUEST_NOMEM);
	while (got < want) {
		ssize_t n = io->read(io->ctx, body + got, want - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < want)
		return fail(why, REQUEST_BODY_INCOMPLETE);
	struct form_problem fp;
	why->where = "form body";
	if (form_parse(a, body, got, &out->form, &fp) != FORM_OK) {
		why->offset = fp.offset;
		return fail(why, form_failure(&fp));
	}
	return REQUEST_OK;
}

/* Known parameters may appear once; a second value would be ambiguous. */
static const struct form_field *single(const struct request *r, const char *name,
				       struct request_problem *why)
{
	size_t count;
	const struct form_field *f = form_get(&r->form, name, &count);

	if (count > 1) {
		copy_cut(why->name, sizeof why->name, name, strlen(name));
		why->count = count;
		fail(why, REQUEST_REPEATED_PARAM);
	}
	return f;
}

/* q of one media range's parameters ("; q=0.5"); 1 without one. */
static double range_q(const char *p, const char *end)
{
	while (p < end) {
		p += strspn(p, " \t;");
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			double q = 0;
			const char *d = p + 2;
			if (*d == '1')
				return 1;
			if (*d == '0')
				d++;
			else if (*d != '.')
				return 0;
			if (*d == '.')
				for (double f = 0.1; ++d < end && *d >= '0' && *d <= '9';
				     f /= 10)
					q += (*d - '0') * f;
			return q;
		}
		p += strcspn(p, ";");
		if (p > end)
			break;
	}
	return 1;
}

enum request_format request_accept_format(const char *accept)
{
	/* best q for each format, and how specific the range that gave it
	 * was (2 exact, 1 type/ *, 0 * / *): the most specific range wins */
	static const struct {
		enum request_format f;
		const char *type, *exact;
	} forms[3] = {
		{ FORMAT_HTML, "text/", "text/html" },
		{ FORMAT_JSON, "application/", "application/json" },
		{ FORMAT_TEXT, "text/", "text/plain" },
	};
	double q[3] = { -1, -1, -1 };
	int spec[3] = { -1, -1, -1 };
	const char *p = accept ? accept : "";

	while (*p) {
		size_t n = strcspn(p, ",");
		const char *end = p + n, *semi = memchr(p, ';', n);
		const char *t = p + strspn(p, " \t");
		size_t tl = (size_t)((semi ? semi : end) - t);
		while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
			tl--;
		double rq = semi ? range_q(semi, end) : 1;
		for (int i = 0; i < 3; i++) {
			size_t el = strlen(forms[i].exact), pl = strlen(forms[i].type);
			int s = -1;
			if (tl == el && strncasecmp(t, forms[i].exact, el) == 0)
				s = 2;
			else if (tl == pl + 1 && strncasecmp(t, forms[i].type, pl) == 0 &&
				 t[pl] == '*')
				s = 1;
			else if (tl == 3 && strncmp(t, "*/*", 3) == 0)
				s = 0;
			if (s > spec[i] || (s == spec[i] && s >= 0 && rq > q[i])) {
				spec[i] = s;
				q[i] = rq;
			}
		}
		p = *end ? end + 1 : end;
	}
	/* HTML unless another format is liked strictly better */
	int best = 0;
	for (int i = 1; i < 3; i++)
		if (q[i] > 0 && q[i] > q[best])
			best = i;
	return q[best] > 0 || best == 0 ? forms[best].f : FORMAT_HTML;
}

static enum request_error read_params(struct request *out, const char *accept,
				      struct request_problem *why)
{
	const struct form_field *domain = single(out, "domain", why);
	const struct form_field *format = single(out, "format", why);
	const struct form_field *expect = single(out, "expect", why);
	const struct form_field *server = single(out, "server", why);
	const struct form_field *lang = single(out, "lang", why);

	if (why->code != REQUEST_OK)
		return why->code;
	out->lang = NULL;
	out->lang_len = 0;
	if (lang && lang->value_len) {
		if (!lang_tag_ok(lang->value, lang->value_len)) {
			copy_cut(why->value, sizeof why->value, lang->value,
				 lang->value_len);
			return fail(why, REQUEST_BAD_LANG);
		}
		out->lang = lang->value;
		out->lang_len = lang->value_len;
	}
	if (server && (netaddr_parse(server->value, server->value_len, false,
				     &out->server) < 0 || !domain)) {
		copy_cut(why->value, sizeof why->value, server->value,
			 server->value_len);
		why->count = domain != NULL; /* 0: the domain is missing */
		return fail(why, REQUEST_BAD_SERVER);
	}
	out->has_server = server != NULL;
	if (expect && expect->value_len) {
		out->expect = expect->value;
		out->expect_len = expect->value_len;
	}
	if (domain) {
		out->has_domain = true;
		out->domain = domain->value;
		out->domain_len = domain->value_len;
	}
	if (!format || format->value_len == 0) {
		out->format = request_accept_format(accept);
		out->negotiated = true;
		return REQUEST_OK;
	}
	out->format = FORMAT_HTML;
	{
		if (strcmp(format->value, "json") == 0 && format->value_len == 4)
			out->format = FORMAT_JSON;
		else if (strcmp(format->value, "text") == 0 && format->value_len == 4)
			out->format = FORMAT_TEXT;
		else if (strcmp(format->value, "fragment") == 0 &&
			 format->value_len == 8)
			out->format = FORMAT_FRAGMENT;
		else if (strcmp(format->value, "embed") == 0 &&
			 format->value_len == 5)
			out->format = FORMAT_EMBED;
		else if (strcmp(format->value, "html") != 0 || format->value_len != 4) {
			copy_cut(why->value, sizeof why->value, format->value,
				 format->value_len);
			return fail(why, REQUEST_BAD_FORMAT);
		}
	}
	return REQUEST_OK;
}

enum request_error request_parse(struct arena *a, const struct request_io *io,
				 struct request *out,
				 struct request_problem *why)
{
	const char *query = io_param(io, "QUERY_STRING");
	size_t qlen = strlen(query);
	struct form_problem fp;

	memset(out, 0, sizeof *out);
	memset(why, 0, sizeof *why);
	out->method = method_of(io_param(io, "REQUEST_METHOD"));
	out->remote_addr = io_param(io, "REMOTE_ADDR");
	out->format = guess_format(query);
	guess_lang(query, out);
	out->accept_language = io_param(io, "HTTP_ACCEPT_LANGUAGE");
	if (out->method == METHOD_OTHER) {
		const char *m = io_param(io, "REQUEST_METHOD");
		copy_cut(why->value, sizeof why->value, m, strlen(m));
		return fail(why, REQUEST_BAD_METHOD);
	}
	if (qlen > REQUEST_QUERY_MAX)
		return fail(why, REQUEST_QUERY_TOO_LONG);
	why->where = "query string";
	if (form_parse(a, query, qlen, &out->form, &fp) != FORM_OK) {
		why->offset = fp.offset;
		return fail(why, form_failure(&fp));
	}
	if (out->method == METHOD_POST) {
		enum request_error e = read_body(a, io, out, why);
		if (e != REQUEST_OK)
			return e;
	}
	return read_params(out, io_param(io, "HTTP_ACCEPT"), why);
}

void request_problem_text(const struct lang *l, const struct request_problem *p,
			  struct buf *b)
{
	bool body = p->where && strcmp(p->where, "form body") == 0;
	unsigned long n = (unsigned long)p->count;

	switch (p->code) {
	case REQUEST_OK:
		break;
	case REQUEST_BAD_METHOD:
		/* TRANSLATORS: the HTTP method sent */
		buf_say(b, BUF_RAW, tr(l, "The method \"%s\" is not supported: use "
				       "GET, HEAD or POST."), p->value);
		break;
	case REQUEST_QUERY_TOO_LONG:
		buf_say(b, BUF_RAW, trn(l, "The query string is longer than %d "
					"byte.", "The query string is longer than "
					"%d bytes.", REQUEST_QUERY_MAX),
			REQUEST_QUERY_MAX);
		break;
	case REQUEST_BODY_TOO_LARGE:
		buf_say(b, BUF_RAW, trn(l, "The form body is larger than %d byte.",
					"The form body is larger than %d bytes.",
					REQUEST_BODY_MAX), REQUEST_BODY_MAX);
		break;
	case REQUEST_LENGTH_REQUIRED:
		buf_puts(b, tr(l, "A POST needs a valid Content-Length."));
		break;
	case REQUEST_BAD_CONTENT_TYPE:
		/* TRANSLATORS: the Content-Type sent */
		buf_say(b, BUF_RAW, tr(l, "A POST must be a form "
				       "(application/x-www-form-urlencoded), not "
				       "\"%s\"."), p->value);
		break;
	case REQUEST_BODY_INCOMPLETE:
		buf_puts(b, tr(l, "The form body ended before its "
			       "Content-Length."));
		break;
	case REQUEST_BAD_ENCODING:
		if (body)
			/* TRANSLATORS: a byte position, from 1 */
			buf_say(b, BUF_RAW, tr(l, "In the form body at byte %lu, a "
					       "'%%' is not followed by two "
					       "hexadecimal digits."),
				(unsigned long)p->offset + 1);
		else
			/* TRANSLATORS: a byte position, from 1 */
			buf_say(b, BUF_RAW, tr(l, "In the query string at byte %lu, "
					       "a '%%' is not followed by two "
					       "hexadecimal digits."),
				(unsigned long)p->offset + 1);
		break;
	case REQUEST_TOO_MANY_PARAMS:
		if (body)
			buf_say(b, BUF_RAW, trn(l, "The form body has more than %d "
						"parameter.", "The form body has "
						"more than %d parameters.",
						FORM_MAX_FIELDS), FORM_MAX_FIELDS);
		else
			buf_say(b, BUF_RAW, trn(l, "The query string has more than "
						"%d parameter.", "The query string "
						"has more than %d parameters.",
						FORM_MAX_FIELDS), FORM_MAX_FIELDS);
		break;
	case REQUEST_REPEATED_PARAM:
		/* TRANSLATORS: a parameter's name, how often it is given */
		buf_say(b, BUF_RAW, trn(l, "The parameter \"%s\" is given %lu time; "
					"give it once.", "The parameter \"%s\" is "
					"given %lu times; give it once.", n),
			p->name, n);
		break;
	case REQUEST_BAD_FORMAT:
		/* TRANSLATORS: the format sent; html, json, text stay */
		buf_say(b, BUF_RAW, tr(l, "The format \"%s\" is unknown: use html, "
				       "json or text."), p->value);
		break;
	case REQUEST_BAD_EXPECT:
		if (p->count)
			buf_say(b, BUF_RAW, trn(l, "At most %lu expected name server "
						"can be checked.", "At most %lu "
						"expected name servers can be "
						"checked.", n), n);
		else
			/* TRANSLATORS: what was entered */
			buf_say(b, BUF_RAW, tr(l, "The expected name server \"%s\" "
					       "is not a host name."), p->value);
		break;
	case REQUEST_BAD_SERVER:
		if (!p->count)
			buf_puts(b, tr(l, "A server to look at needs the domain "
				       "whose report lists it."));
		else
			/* TRANSLATORS: what was sent */
			buf_say(b, BUF_RAW, tr(l, "The server \"%s\" is not an IP "
					       "address: the detail view takes one "
					       "address from the domain's report."),
				p->value);
		break;
	case REQUEST_BAD_LANG:
		/* TRANSLATORS: the lang= sent; de and es stay */
		buf_say(b, BUF_RAW, tr(l, "The language \"%s\" is not a language "
				       "tag: use a code such as de or es."),
			p->value);
		break;
	case REQUEST_NOMEM:
		buf_puts(b, tr(l, "The request is too large to handle."));
		break;
	}
}

const char *request_error_id(enum request_error e)
{
	switch (e) {
	case REQUEST_OK: return "ok";
	case REQUEST_BAD_METHOD: return "method_not_allowed";
	case REQUEST_QUERY_TOO_LONG: return "query_too_long";
	case REQUEST_BODY_TOO_LARGE: return "body_too_large";
	case REQUEST_LENGTH_REQUIRED: return "length_required";
	case REQUEST_BAD_CONTENT_TYPE: return "unsupported_content_type";
	case REQUEST_BODY_INCOMPLETE: return "body_incomplete";
	case REQUEST_BAD_ENCODING: return "bad_encoding";
	case REQUEST_TOO_MANY_PARAMS: return "too_many_parameters";
	case REQUEST_REPEATED_PARAM: return "repeated_parameter";
	case REQUEST_BAD_FORMAT: return "unknown_format";
	case REQUEST_BAD_EXPECT: return "bad_expected_servers";
	case REQUEST_BAD_SERVER: return "bad_server";
	case REQUEST_BAD_LANG: return "bad_language";
	case REQUEST_NOMEM: return "too_large";
	}
	return "unknown";
}
