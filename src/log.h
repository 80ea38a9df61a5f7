/*
 * log: one line per event on stderr, which spawn-fcgi, systemd and the
 * web servers collect. The level is checked before any formatting; text
 * from clients goes in through log_request(), which escapes and caps it.
 */
#ifndef NSCHECK_LOG_H
#define NSCHECK_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* request "<name>" -> <status> <outcome>[ cached] <ms>ms; name is client
 * data. */
void log_request(const char *name, size_t name_len, int status,
		 const char *outcome, bool cached, unsigned long ms);

#endif
