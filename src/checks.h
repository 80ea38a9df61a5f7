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

struct ns_result;
struct report;

enum check_status { CHECK_PASS, CHECK_INFO, CHECK_WARN, CHECK_FAIL };

struct finding {
	const char *id;
	enum check_status status;
	char message[4096]; /* fits CHECKS_NAMES_LISTED names of any length */
};

#define CHECKS_MAX 15
#define CHECKS_NAMES_LISTED 3

/*
 * Runs every check that applies: the ones that need the report only when
 * rep is a finished report (rep may be NULL). Returns how many findings.
 */
size_t checks_run(const struct ns_result *r, const struct report *rep,
		  struct finding *out, size_t max);

const char *check_status_id(enum check_status s);   /* "pass", "warn", ... */
const char *check_status_word(enum check_status s); /* "Passed", "Warning", ... */

#endif
