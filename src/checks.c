/*
 * checks: the delegation checks that a resolver's answer alone can decide
 * (see checks.h).
 */
#include "checks.h"

#include <stdio.h>
#include <string.h>

#include "result.h"

/* Appends "a, b and c" style lists to a message, cut safely at its end. */
static void append(struct finding *f, const char *s)
{
	size_t used = strlen(f->message);
	snprintf(f->message + used, sizeof f->message - used, "%s", s);
}

static void check_ns_count(const struct ns_result *r, struct finding *f)
{
	f->id = "ns_count";
	if (r->n_ns >= 2) {
		f->status = CHECK_PASS;
		snprintf(f->message, sizeof f->message,
			 "%lu name servers: if one fails, the others answer.",
			 (unsigned long)r->n_ns);
		return;
	}
	f->status = CHECK_FAIL;
	snprintf(f->message, sizeof f->message,
		 "Only one name server (%s). If it fails, the whole domain "
		 "stops resolving: add at least one more, ideally on another "
		 "network.", r->ns[0].name);
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
		char more[64];
		snprintf(more, sizeof more, " and %lu more",
			 (unsigned long)(bad - CHECKS_NAMES_LISTED));
		append(f, more);
	}
	if (bad == 0) {
		f->status = CHECK_PASS;
		snprintf(f->message, sizeof f->message,
			 "Every name server has an address.");
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
