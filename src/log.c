/* log: leveled lines on stderr (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "buf.h"

#define LOG_NAME_MAX 200

/* Set once at start-up, before any worker thread exists. */
static enum log_level current = LOG_INFO;

void log_set_level(enum log_level level)
{
	current = level;
}

static const char *level_word(enum log_level l)
{
	switch (l) {
	case LOG_ERROR: return "error";
	case LOG_WARN: return "warning";
	case LOG_INFO: return "info";
	case LOG_DEBUG: return "debug";
	}
	return "?";
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (level > current)
		return;
	int n = snprintf(line, sizeof line, "nscheck[%ld]: %s: ",
			 (long)getpid(), level_word(level));
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof line)
		vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}

void log_request(const char *name, size_t name_len, int status,
		 const char *outcome, bool cached, unsigned long ms)
{
	struct buf b;

	if (LOG_INFO > current)
		return;
	buf_init(&b, 4 * LOG_NAME_MAX + 8);
	buf_text(&b, name, name_len > LOG_NAME_MAX ? LOG_NAME_MAX : name_len);
	if (name_len > LOG_NAME_MAX)
		buf_puts(&b, "...");
	log_msg(LOG_INFO, "request \"%s\" -> %d %s%s %lums", buf_str(&b), status,
		outcome, cached ? " cached" : "", ms);
	buf_free(&b);
}
