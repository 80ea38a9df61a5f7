/*
 * checks: the delegation checks that a resolver's answer alone can decide
 * (see checks.h).
 */
#include "checks.h"

#include <string.h>

#include "result.h"

/* Appends to a message; the message array is sized so that it never
 * fills (see checks.h), but the cut would be safe if it did. */
static void append(struct finding *f, const char *s)
{
	size_t used = strlen(f->message), n = strlen(s);

	if (n > sizeof f->message - 1 - used)
		n = sizeof f->message - 1 - used;
	memcpy(f->message + used, s, n);
	f->message[used + n] = '\0';
}

static void append_uint(struct finding *f, unsigned long v)
{
	char digits[24];
	size_t i = sizeof digits - 1;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	append(f, digits + i);
}

static void check_ns_count(const struct ns_result *r, struct finding *f)
{
	f->id = "ns_count";
	if (r->n_ns >= 2) {
		f->status = CHECK_PASS;
		append_uint(f, r->n_ns);
		append(f, " name servers: if one fails, the others answer.");
		return;
	}
	f->status = CHECK_FAIL;
	append(f, "Only one name server (");
	append(f, r->ns[0].name);
	append(f, "). If it fails, the whole domain stops resolving: add at "
		  "least one more, ideally on another network.");
}

static const char *addr_problem(const struct ns_server *s)
{
	if (s->v4.state == ADDR_NXDOMAIN || s->v6.state == ADDR_NXDOMAIN)
		return "its name does not exist";
	if (s->v4.state == ADDR_TIMEOUT || s->v6.state == ADDR_TIMEOUT)
		return "the address lookup timed out";
	if (s->v4.state == ADDR_FAILED || s->v6.state == ADDR_FAILED)
		return "the address lookup failed";
	return "it has no A or AAAA record";
}

static void check_ns_resolves(const struct ns_result *r, struct finding *f)
{
	size_t bad = 0, looked = 0;

	f->id = "ns_resolves";
	for (size_t i = 0; i < r->n_ns; i++) {
		const struct ns_server *s = &r->ns[i];
		if (s->v4.state == ADDR_SKIPPED)
			continue;
		looked++;
		if (s->v4.n + s->v6.n > 0)
			continue;
		if (bad < CHECKS_NAMES_LISTED) {
			append(f, bad ? "; " : "No address for ");
			append(f, s->name);
			append(f, " (");
			append(f, addr_problem(s));
			append(f, ")");
		}
		bad++;
	}
	if (bad > CHECKS_NAMES_LISTED) {
		append(f, " and ");
		append_uint(f, bad - CHECKS_NAMES_LISTED);
		append(f, " more");
	}
	if (bad == 0) {
		f->status = CHECK_PASS;
		append(f, "Every name server has an address.");
		return;
	}
	f->status = bad == looked ? CHECK_FAIL : CHECK_WARN;
	append(f, bad == looked ?
	       ". No name server can be reached, so the domain cannot resolve." :
	       ". Resolvers waste time on servers they cannot reach.");
}

size_t checks_run(const struct ns_result *r, struct finding *out, size_t max)
{
	size_t n = 0;

	if (r->status != LOOKUP_FOUND || r->n_ns == 0 || max < 2)
		return 0;
	for (size_t i = 0; i < 2; i++)
		out[i].message[0] = '\0'; /* the checks append to it */
	check_ns_count(r, &out[n++]);
	check_ns_resolves(r, &out[n++]);
	return n;
}

const char *check_status_id(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "pass";
	case CHECK_INFO: return "info";
	case CHECK_WARN: return "warn";
	case CHECK_FAIL: return "fail";
	}
	return "unknown";
}

const char *check_status_word(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "Passed";
	case CHECK_INFO: return "Note";
	case CHECK_WARN: return "Warning";
	case CHECK_FAIL: return "Problem";
	}
	return "Unknown";
}
