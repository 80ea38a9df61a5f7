/*
 * log: one line per event on stderr, which systemd's journal, spawn-fcgi
 * and the web servers collect, or in a file of the operator's (log_file).
 *
 * Under the journal (JOURNAL_STREAM names our stderr) a line starts with
 * its sd-daemon priority ("<6>") and nothing else, since the journal adds
 * the time and the program's name itself; anywhere else it starts with
 * the UTC time, "nscheck[pid]:" and the level. The level is checked
 * before any formatting; text from clients goes in through log_request(),
 * which escapes and caps it. Each line is one write(), so lines of
 * several processes and threads never mix.
 */
#ifndef NSCHECK_LOG_H
#define NSCHECK_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/config.h"

void log_set_level(enum log_level level);

/* Looks at where stderr goes now (the journal or not); at start-up and
 * after stderr has been replaced. */
void log_detect(void);

/* Appends the log to path from now on: the file (made 0640 when new) takes
 * the place of stderr, so what else goes to stderr lands there too.
 * Called again after SIGHUP, it opens the file anew (for logrotate). ""
 * leaves stderr as it is. -1 with err when the file cannot be opened. */
int log_open_file(const char *path, char *err, size_t errlen);

/* For nscheck -n: the directory a log_file is to be made in exists. */
int log_check_file(const char *path, char *err, size_t errlen);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One request, once answered. The method and the name are client data. */
struct log_request {
	const char *method;     /* as the web server gave it; NULL: "-" */
	const char *client;     /* the address the rate limit goes by, or "-" */
	const char *name;       /* the domain asked for, as typed */
	size_t name_len;
	int status;
	const char *outcome;    /* lookup status or error id */
	const char *cache;      /* "cached", "uncached" or "-" (no lookup) */
	unsigned long ms;
};

/* request GET 192.0.2.1 "<name>" -> <status> <outcome> <cache> <ms>ms */
void log_request(const struct log_request *r);

#endif
