/*
 * checks: what is wrong with a delegation and why it matters.
 *
 * Each check reads the lookup result and, when there is one, the
 * delegation report, and yields a finding with a stable id, a status and
 * a sentence naming the servers involved. The sentence is raw text;
 * renderers escape it. The page links each id to its explanation in the
 * help text (#check-<id>).
 */
#ifndef NSCHECK_CHECKS_H
#define NSCHECK_CHECKS_H

#include <stddef.h>

struct lang;

struct ns_result;
struct report;

enum check_status { CHECK_PASS, CHECK_INFO, CHECK_WARN, CHECK_FAIL };

struct finding {
	const char *id;
	const char *title;  /* for people: the table's, as the help text has it */
	enum check_status status;
	char message[4096]; /* fits CHECKS_NAMES_LISTED names of any length */
};

/*
 * Every check, in the order the page shows them. Each row is the check's
 * id (its anchor #check-<id> in www/templates/help.html and its row in
 * README's table), whether it needs a finished delegation report, and
 * the function in checks.c that makes its finding (check_<fn>), and its
 * name for people, the heading of its explanation in the help text. A new
 * check is one row here and one function there.
 */
#define CHECKS_TABLE(X) \
	X(ns_count,           CHECK_ON_LOOKUP, ns_count,    "Number of name servers") \
	X(parent_child_match, CHECK_ON_REPORT, match,       "Parent and zone agree") \
	X(ns_resolves,        CHECK_ON_LOOKUP, ns_resolves, "Name servers have addresses") \
	X(ns_not_cname,       CHECK_ON_LOOKUP, not_cname,   "Names, not aliases") \
	X(lame,               CHECK_ON_REPORT, lame,        "Servers serve the zone") \
	X(responds,           CHECK_ON_REPORT, responds,    "Servers answer") \
	X(soa_serial,         CHECK_ON_REPORT, serial,      "Same version everywhere") \
	X(glue,               CHECK_ON_REPORT, glue,        "Glue") \
	X(tcp,                CHECK_ON_REPORT, tcp,         "TCP") \
	X(open_recursion,     CHECK_ON_REPORT, recursion,   "Open recursion") \
	X(ds_matches_dnskey,  CHECK_ON_REPORT, ds,          "DNSSEC after a move") \
	X(subnet_diversity,   CHECK_ON_LOOKUP, subnets,     "Different networks") \
	X(ipv6,               CHECK_ON_LOOKUP, ipv6,        "IPv6") \
	X(public_addresses,   CHECK_ON_LOOKUP, public,      "Public addresses") \
	X(propagation,        CHECK_ON_LOOKUP, propagation, "How long old answers live")

/* What a check reads: the lookup (and the report when there is one), or
 * a finished report. */
enum check_needs { CHECK_ON_LOOKUP, CHECK_ON_REPORT };

#define CHECKS_ONE_(id, needs, fn, title) +1
enum { CHECKS_MAX = 0 CHECKS_TABLE(CHECKS_ONE_) };
#define CHECKS_NAMES_LISTED 3

/* The findings of one request, computed once and read by every renderer. */
struct check_list {
	size_t n;
	struct finding f[CHECKS_MAX];
};

/*
 * Runs every check that applies: the ones that need the report only when
 * rep is a finished report (rep may be NULL); none when the lookup found
 * nothing and the report did not get through.
 */
void checks_run(const struct lang *l, const struct ns_result *r, const struct report *rep,
		struct check_list *out);

/* The table's ids, titles and needs, by position (i < CHECKS_MAX). */
const char *check_id(size_t i);
const char *check_title(size_t i);
enum check_needs check_needs(size_t i);

const char *check_status_id(enum check_status s);   /* "pass", "warn", ... */
const char *check_status_word(const struct lang *l, enum check_status s); /* "Passed", "Warning", ... */

#endif
