/* log: leveled lines on stderr or in a file (see log.h). */
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"

#define LOG_NAME_MAX 200
#define LOG_LINE_MAX 1024

/* Written at start-up and on SIGHUP by the main thread while other
 * threads log: atomics, so a reload is never a data race. */
static atomic_int current = LOG_INFO;
static atomic_bool journal = false;

void log_set_level(enum log_level level)
{
	atomic_store(&current, (int)level);
}

/* JOURNAL_STREAM is "device:inode" of the stream systemd connected; it
 * is inherited by whatever we start, so it only counts while fd 2 is
 * still that stream. */
void log_detect(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char end;

	atomic_store(&journal, js && sscanf(js, "%llu:%llu%c", &dev, &ino,
					    &end) == 2 &&
		     fstat(STDERR_FILENO, &st) == 0 &&
		     (unsigned long long)st.st_dev == dev &&
		     (unsigned long long)st.st_ino == ino);
}

int log_open_file(const char *path, char *err, size_t errlen)
{
	if (!path[0])
		return 0;
	int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW;
	int fd = open(path, flags | O_CREAT | O_EXCL, 0640);
	/* made now: 0640 whatever the umask (the unit's is 0077), so that
	 * the group (adm) may read it as the logrotate file makes them */
	if (fd >= 0)
		fchmod(fd, 0640);
	else if (errno == EEXIST)
		fd = open(path, flags);
	if (fd < 0) {
		snprintf(err, errlen, "log_file %s: %s", path, strerror(errno));
		return -1;
	}
	/* dup2 swaps fd 2 in one step: a thread writing a line meanwhile
	 * writes it whole to the old file or the new one */
	int r = dup2(fd, STDERR_FILENO);
	int saved = errno;
	close(fd);
	if (r < 0) {
		snprintf(err, errlen, "log_file %s: %s", path, strerror(saved));
		return -1;
	}
	log_detect();
	return 0;
}

int log_check_file(const char *path, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];
	struct stat st;

	if (!path[0] || !slash)
		return 0;
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= sizeof dir) {
		snprintf(err, errlen, "log_file: the path is too long");
		return -1;
	}
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "log_file %s: %s is not a directory", path,
			 dir);
		return -1;
	}
	return 0;
}

static int priority(enum log_level l)
{
	switch (l) {
	case LOG_ERROR: return 3;
	case LOG_WARN: return 4;
	case LOG_INFO: return 6;
	case LOG_DEBUG: return 7;
	}
	return 6;
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

/* What comes before the message: "<6>", or the time, name and level. */
static int line_head(char *line, size_t size, enum log_level level)
{
	if (atomic_load(&journal))
		return snprintf(line, size, "<%d>", priority(level));
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	return snprintf(line, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ "
			"nscheck[%ld]: %s: ", tm.tm_year + 1900, tm.tm_mon + 1,
			tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
			ts.tv_nsec / 1000000, (long)getpid(), level_word(level));
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	va_list ap;

	if ((int)level > atomic_load(&current))
		return;
	int n = line_head(line, sizeof line - 1, level);
	if (n < 0 || (size_t)n >= sizeof line - 1)
		return;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - 1 - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2; /* cut, never split across writes */
	line[len++] = '\n';
	ssize_t w;
	do
		w = write(STDERR_FILENO, line, len);
	while (w < 0 && errno == EINTR);
}

/* Client text, escaped and capped, into b. Quotes and backslashes are
 * escaped too: a client must not be able to end a quoted field and write
 * the rest of a line of its own. */
static void client_text(struct buf *b, const char *s, size_t n, size_t cap)
{
	buf_quoted(b, s, n > cap ? cap : n);
	if (n > cap)
		buf_puts(b, "...");
}

void log_request(const struct log_request *r)
{
	char method_mem[4 * 16 + 8], name_mem[4 * LOG_NAME_MAX + 8];
	struct buf method, name;

	if (LOG_INFO > atomic_load(&current))
		return;
	buf_init_fixed(&method, method_mem, sizeof method_mem);
	buf_init_fixed(&name, name_mem, sizeof name_mem);
	if (r->method && r->method[0])
		client_text(&method, r->method, strlen(r->method), 16);
	else
		buf_puts(&method, "-");
	client_text(&name, r->name, r->name_len, LOG_NAME_MAX);
	log_msg(LOG_INFO, "request %s %s \"%s\" -> %d %s %s %lums",
		buf_str(&method), r->client ? r->client : "-", buf_str(&name),
		r->status, r->outcome, r->cache, r->ms);
}
