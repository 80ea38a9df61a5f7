/*
 * Unit tests of log: the line heads under the journal (JOURNAL_STREAM
 * naming stderr) and elsewhere, the level filter, the request line with
 * hostile client text, and log_open_file taking the place of stderr.
 * stderr is pointed at a temporary file for each test and read back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/log.h"
#include "suites.h"

static char path[64];
static int saved = -1;

/* stderr goes to a new temporary file until back() */
static void capture(void)
{
	snprintf(path, sizeof path, "/tmp/nscheck-log-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	log_set_level(LOG_INFO);
}

/* stderr restored; what was written to it (a static buffer) */
static char *back(void)
{
	static char text[8192];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;

	if (f)
		fclose(f);
	text[n] = '\0';
	dup2(saved, STDERR_FILENO);
	close(saved);
	unlink(path);
	unsetenv("JOURNAL_STREAM");
	log_detect();
	return text;
}

static void journal_on(void)
{
	struct stat st;
	char js[64];

	ck_assert_int_eq(fstat(STDERR_FILENO, &st), 0);
	snprintf(js, sizeof js, "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", js, 1);
	log_detect();
}

START_TEST(test_journal_priorities)
{
	capture();
	journal_on();
	log_msg(LOG_ERROR, "e %d", 1);
	log_msg(LOG_WARN, "w");
	log_msg(LOG_INFO, "i");
	log_msg(LOG_DEBUG, "d (filtered)");
	ck_assert_str_eq(back(), "<3>e 1\n<4>w\n<6>i\n");
}
END_TEST

START_TEST(test_stale_journal_stream)
{
	capture();
	setenv("JOURNAL_STREAM", "1:2", 1); /* not our stderr */
	log_detect();
	log_msg(LOG_WARN, "w");
	const char *t = back();
	ck_assert_msg(t[0] >= '2' && t[0] <= '9' && strstr(t, "Z nscheck[") &&
		      strstr(t, "]: warning: w\n"), "got: %s", t);
}
END_TEST

START_TEST(test_plain_head)
{
	capture();
	log_msg(LOG_INFO, "hello");
	const char *t = back();
	/* 2026-12-02T10:20:00.123Z nscheck[123]: info: hello */
	ck_assert_int_eq(t[4], '-');
	ck_assert_int_eq(t[10], 'T');
	ck_assert_int_eq(t[19], '.');
	ck_assert_int_eq(t[23], 'Z');
	ck_assert_msg(strncmp(t + 24, " nscheck[", 9) == 0, "got: %s", t);
	ck_assert_msg(strstr(t, "]: info: hello\n") != NULL, "got: %s", t);
}
END_TEST

START_TEST(test_level_filter)
{
	capture();
	log_set_level(LOG_ERROR);
	log_msg(LOG_WARN, "no");
	struct log_request r = { "GET", "-", "x", 1, 200, "found", "-", 1 };
	log_request(&r);
	log_set_level(LOG_INFO);
	ck_assert_str_eq(back(), "");
}
END_TEST

START_TEST(test_request_line)
{
	capture();
	journal_on();
	struct log_request r = { "GET", "192.0.2.7", "two.test", 8, 200,
				 "found", "cached", 3 };
	log_request(&r);
	struct log_request none = { NULL, NULL, "", 0, 405, "method", "-", 0 };
	log_request(&none);
	ck_assert_str_eq(back(), "<6>request GET 192.0.2.7 \"two.test\" -> 200 "
			 "found cached 3ms\n<6>request - - \"\" -> 405 method - "
			 "0ms\n");
}
END_TEST

/* A name cannot end its quotes or start a line of its own. */
START_TEST(test_request_line_hostile)
{
	const char name[] = "a\" -> 200 found cached 1ms\nrequest GET \\x";
	capture();
	journal_on();
	struct log_request r = { "GE\"T\n", "-", name, sizeof name - 1, 400,
				 "bad", "-", 0 };
	log_request(&r);
	ck_assert_str_eq(back(), "<6>request GE\\x22T\\x0A - \"a\\x22 -> 200 "
			 "found cached 1ms\\x0Arequest GET \\x5Cx\" -> 400 bad - "
			 "0ms\n");
}
END_TEST

START_TEST(test_request_line_capped)
{
	char name[600];
	memset(name, 'a', sizeof name);
	capture();
	journal_on();
	struct log_request r = { "GET", "-", name, sizeof name, 400, "long",
				 "-", 0 };
	log_request(&r);
	const char *t = back();
	ck_assert_msg(strstr(t, "aaa...\" -> 400 long - 0ms\n") != NULL, "%s", t);
	ck_assert_uint_lt(strlen(t), 300);
}
END_TEST

START_TEST(test_open_file)
{
	char err[256], file[64];
	snprintf(file, sizeof file, "/tmp/nscheck-logf-XXXXXX");
	int fd = mkstemp(file);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(file); /* made anew, with its mode, by log_open_file */
	umask(077); /* the unit's (CK_FORK: this test's process only) */
	capture();
	journal_on();
	ck_assert_int_eq(log_open_file(file, err, sizeof err), 0);
	log_msg(LOG_INFO, "to the file");
	const char *t = back(); /* the capture got nothing */
	ck_assert_str_eq(t, "");
	FILE *f = fopen(file, "r");
	char line[256] = "";
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	fclose(f);
	struct stat st;
	ck_assert_int_eq(stat(file, &st), 0);
	unlink(file);
	/* a file is not the journal: the line has its own time */
	ck_assert_msg(strstr(line, "Z nscheck[") && strstr(line, "info: to the file"),
		      "got: %s", line);
	/* 0640 whatever the umask (the unit's is 0077) */
	ck_assert_uint_eq(st.st_mode & 0777, 0640);
	ck_assert_int_eq(log_open_file("", err, sizeof err), 0);
	ck_assert_int_eq(log_open_file("/nonexistent/dir/x.log", err, sizeof err), -1);
	ck_assert_str_eq(err, "log_file /nonexistent/dir/x.log: No such file or "
			 "directory");
}
END_TEST

START_TEST(test_check_file)
{
	char err[256];

	ck_assert_int_eq(log_check_file("", err, sizeof err), 0);
	ck_assert_int_eq(log_check_file("/tmp/x.log", err, sizeof err), 0);
	ck_assert_int_eq(log_check_file("/x.log", err, sizeof err), 0);
	ck_assert_int_eq(log_check_file("/nonexistent/x.log", err, sizeof err), -1);
	ck_assert_str_eq(err, "log_file /nonexistent/x.log: /nonexistent is not a "
			 "directory");
	ck_assert_int_eq(log_check_file("/etc/passwd/x.log", err, sizeof err), -1);
}
END_TEST

Suite *log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, test_journal_priorities);
	tcase_add_test(tc, test_stale_journal_stream);
	tcase_add_test(tc, test_plain_head);
	tcase_add_test(tc, test_level_filter);
	tcase_add_test(tc, test_request_line);
	tcase_add_test(tc, test_request_line_hostile);
	tcase_add_test(tc, test_request_line_capped);
	tcase_add_test(tc, test_open_file);
	tcase_add_test(tc, test_check_file);
	suite_add_tcase(s, tc);
	return s;
}
