/*
 * plugin: nscheck as a monitoring plugin (--check NAME, or installed as
 * check_nscheck), for Icinga, Nagios, Zabbix, Sensu or Checkmk. One
 * status line, "NSCHECK CRITICAL - NAME: ...", performance data after
 * '|', then a line for each finding that is not a pass; the exit code is
 * the state, as the Monitoring Plugins development guidelines have it.
 */
#ifndef NSCHECK_PLUGIN_H
#define NSCHECK_PLUGIN_H

#include <stdint.h>

#include "app.h"
#include "report/checks.h"

enum plugin_state {
	PLUGIN_OK = 0,
	PLUGIN_WARNING = 1,
	PLUGIN_CRITICAL = 2,
	PLUGIN_UNKNOWN = 3,
};

/* Which checks count, and how: a failure of a check in warn_only is a
 * WARNING; a check in ignore does not count at all. */
struct plugin_rules {
	const char *warn_only[CHECKS_MAX];
	size_t n_warn_only;
	const char *ignore[CHECKS_MAX];
	size_t n_ignore;
};

/* Adds the ids of a comma-separated list to one of rules' lists; -1 when
 * one is no check's id (named in bad, of size badlen). */
int plugin_add_ids(const char *list, const char **ids, size_t *n,
		   char *bad, size_t badlen);

/* The state of the last question, and its lines into out. name is the
 * domain as asked; elapsed_ms what the question took. */
enum plugin_state plugin_report(const char *name, const struct app_outcome *o,
				const struct check_list *checks,
				const struct plugin_rules *rules,
				uint32_t elapsed_ms, struct buf *out);

/* An UNKNOWN line of its own (bad options, a timeout). */
void plugin_unknown(const char *why, struct buf *out);

/* One performance datum, label quoted as the guidelines want when it
 * holds a blank, '=' or a quote: 'label'=value[unit];;;min */
void plugin_perf(struct buf *out, const char *label, const char *value,
		 const char *unit);

const char *plugin_state_word(enum plugin_state s); /* "OK", ... */

#endif
