/*
 * Unit tests of template: {{slot}} parsing and its errors (file:line),
 * the slot mask, rendering through a fill callback, and loading the real
 * templates from $NSCHECK_WWW (set by the Makefile).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "suites.h"
#include "render/template.h"

static char err[512];

/* Writes "[name]" for each slot, so the output shows what was filled. */
static void fill_names(struct buf *out, enum slot slot, const void *ctx)
{
	static const char *const names[SLOT_COUNT] = {
		"title", "static_url", "static_query", "skip", "input",
		"input_attrs", "expect", "result", "help", "header", "footer",
		"page_link", "lang", "languages", "lang_field",
	};
	unsigned *calls = (unsigned *)ctx;

	if (calls)
		(*calls)++;
	buf_putc(out, '[');
	buf_puts(out, names[slot]);
	buf_putc(out, ']');
}

static struct template *parse(const char *text, unsigned allowed)
{
	err[0] = '\0';
	return template_parse("t.html", text, strlen(text), allowed, err,
			      sizeof err);
}

/* Renders text and compares the result. */
static void expect_render(const char *text, const char *want)
{
	struct template *t = parse(text, SLOTS_ALL);
	struct buf b;

	ck_assert_msg(t != NULL, "%s", err);
	buf_init(&b, 1 << 16);
	template_render(t, &b, fill_names, NULL);
	ck_assert(!buf_failed(&b));
	ck_assert_str_eq(buf_str(&b), want);
	buf_free(&b);
	template_free(t);
}

static void expect_error(const char *text, unsigned allowed,
			 const char *prefix)
{
	ck_assert_ptr_null(parse(text, allowed));
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
		      "'%s' does not start with '%s'", err, prefix);
}

START_TEST(test_slots)
{
	expect_render("<title>{{title}}</title>", "<title>[title]</title>");
	expect_render("{{title}}", "[title]");
	expect_render("a{{input}}b{{input_attrs}}c{{result}}",
		      "a[input]b[input_attrs]c[result]");
	expect_render("{{title}}{{title}}", "[title][title]");
	expect_render("{{static_url}}x.css\n{{help}}\n",
		      "[static_url]x.css\n[help]\n");
}
END_TEST

START_TEST(test_no_slots)
{
	expect_render("plain <b>text</b>\n", "plain <b>text</b>\n");
	expect_render("", "");
	/* braces that are not a slot pass through */
	expect_render("a { b } c }} d {", "a { b } c }} d {");
	expect_render("x{", "x{");
}
END_TEST

START_TEST(test_fill_called_per_slot)
{
	struct template *t = parse("{{title}}-{{result}}-{{title}}", SLOTS_ALL);
	struct buf b;
	unsigned calls = 0;

	ck_assert_ptr_nonnull(t);
	buf_init(&b, 1024);
	template_render(t, &b, fill_names, &calls);
	ck_assert_uint_eq(calls, 3);
	ck_assert_str_eq(buf_str(&b), "[title]-[result]-[title]");
	/* a template renders the same way twice */
	buf_reset(&b);
	template_render(t, &b, fill_names, &calls);
	ck_assert_uint_eq(calls, 6);
	ck_assert_str_eq(buf_str(&b), "[title]-[result]-[title]");
	buf_free(&b);
	template_free(t);
}
END_TEST

START_TEST(test_unknown_slot)
{
	expect_error("{{nope}}", SLOTS_ALL, "t.html:1: ");
	expect_error("line 1\nline 2\n<p>{{titel}}</p>\n", SLOTS_ALL,
		     "t.html:3: ");
	expect_error("{{ title }}", SLOTS_ALL, "t.html:1: ");
	expect_error("{{TITLE}}", SLOTS_ALL, "t.html:1: ");
}
END_TEST

START_TEST(test_unterminated_slot)
{
	expect_error("\n\n{{title", SLOTS_ALL, "t.html:3: ");
	expect_error("{{title}", SLOTS_ALL, "t.html:1: ");
}
END_TEST

START_TEST(test_slot_not_allowed)
{
	unsigned only_static = SLOT_BIT(SLOT_STATIC_URL);

	expect_error("a\n{{help}}", only_static, "t.html:2: ");
	expect_error("{{title}}", only_static, "t.html:1: ");
	/* the allowed one is fine with the same mask */
	struct template *t = parse("{{static_url}}", only_static);
	ck_assert_ptr_nonnull(t);
	template_free(t);
	expect_error("{{title}}", 0, "t.html:1: ");
}
END_TEST

START_TEST(test_template_free_null)
{
	template_free(NULL);
}
END_TEST

/* --- templates_load ------------------------------------------------- */

static const char *www(void)
{
	const char *dir = getenv("NSCHECK_WWW");

	ck_assert_msg(dir != NULL, "NSCHECK_WWW is not set (run through make)");
	return dir;
}

START_TEST(test_load_real_templates)
{
	struct templates t;
	struct buf b;
	unsigned calls = 0;

	struct template_paths tp = { .www_dir = www() };
	ck_assert_msg(templates_load(&t, &tp, err, sizeof err) == 0, "%s", err);
	ck_assert_ptr_nonnull(t.page);
	ck_assert_ptr_nonnull(t.help);
	ck_assert_ptr_nonnull(t.header);
	ck_assert_ptr_nonnull(t.footer);
	buf_init(&b, 1 << 20);
	template_render(t.page, &b, fill_names, &calls);
	ck_assert(!buf_failed(&b));
	const char *page = buf_str(&b);
	ck_assert(strncmp(page, "<!DOCTYPE html>", 15) == 0);
	ck_assert_ptr_nonnull(strstr(page, "<title>[title]</title>"));
	ck_assert_ptr_nonnull(strstr(page, "[static_url]nscheck.css[static_query]"));
	ck_assert_uint_eq(strlen(t.static_version), 16);
	ck_assert_uint_eq(strspn(t.static_version, "0123456789abcdef"), 16);
	ck_assert_ptr_nonnull(strstr(page, "[input]"));
	ck_assert_ptr_nonnull(strstr(page, "[result]"));
	ck_assert_ptr_nonnull(strstr(page, "[help]"));
	ck_assert_ptr_nonnull(strstr(page, "[header]"));
	ck_assert_ptr_nonnull(strstr(page, "[footer]"));
	ck_assert_ptr_null(strstr(page, "{{"));
	ck_assert_ptr_nonnull(strstr(page, "</html>"));

	buf_reset(&b);
	template_render(t.help, &b, fill_names, NULL);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "NS record"));
	ck_assert_ptr_null(strstr(buf_str(&b), "{{"));
	buf_free(&b);
	templates_free(&t);
	ck_assert_ptr_null(t.page);
	ck_assert_ptr_null(t.help);
}
END_TEST

/* The stylesheet's version follows its bytes, and is "" without it. */
START_TEST(test_stylesheet_version)
{
	char dir[] = "/tmp/nscheck-tpl-XXXXXX", path[512], link[512];
	struct templates t;
	char first[17];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(link, sizeof link, "%s/templates", dir);
	snprintf(path, sizeof path, "%s/templates", www());
	ck_assert_int_eq(symlink(path, link), 0);
	snprintf(path, sizeof path, "%s/static", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/static/nscheck.css", dir);
	struct template_paths tp = { .www_dir = dir };

	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("body { color: black }\n", f);
	fclose(f);
	ck_assert_msg(templates_load(&t, &tp, err, sizeof err) == 0, "%s", err);
	snprintf(first, sizeof first, "%s", t.static_version);
	ck_assert_uint_eq(strlen(first), 16);
	templates_free(&t);

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("body { color: navy }\n", f);
	fclose(f);
	ck_assert_msg(templates_load(&t, &tp, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(strlen(t.static_version), 16);
	ck_assert_str_ne(t.static_version, first);
	templates_free(&t);

	ck_assert_int_eq(unlink(path), 0);
	ck_assert_msg(templates_load(&t, &tp, err, sizeof err) == 0, "%s", err);
	ck_assert_str_eq(t.static_version, "");
	templates_free(&t);
	snprintf(path, sizeof path, "%s/static", dir);
	rmdir(path);
	unlink(link);
	rmdir(dir);
}
END_TEST

START_TEST(test_load_missing_dir)
{
	struct templates t;

	struct template_paths tp = { .www_dir = "/tmp/nscheck-unit-no-such-dir" };
	ck_assert_int_eq(templates_load(&t, &tp, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/tmp/nscheck-unit-no-such-dir"));
	ck_assert_ptr_nonnull(strstr(err, "page.html"));
	ck_assert_ptr_null(t.page);
	ck_assert_ptr_null(t.help);
}
END_TEST

/*
 * templates_load() from a private www dir holding our own page.html and
 * help.html (none when help is NULL). The dir is removed right after the
 * load, before any assertion: a failed one ends the test at once.
 */
struct temp_www {
	char dir[64];
	char sub[96];
	char page[128];
	char help[128];
	char header[128];
	char footer[128];
	char embed[128];
	char own[128];     /* an operator's file outside the dir */
};

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* own: the text of an operator's file, given as the header_file (which
 * "header", "footer" or "help" it replaces: own_for). */
/* what the temporary www_dir's templates/embed.html holds */
static const char *embed_text = "<main>{{result}}<a {{page_link}}>x</a></main>";

static int load_www_own(struct temp_www *w, const char *page, const char *help,
			const char *own_for, const char *own,
			struct templates *t)
{
	struct template_paths tp = { 0 };

	snprintf(w->dir, sizeof w->dir, "/tmp/nscheck-unit-www-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(w->dir));
	snprintf(w->sub, sizeof w->sub, "%s/templates", w->dir);
	snprintf(w->page, sizeof w->page, "%s/page.html", w->sub);
	snprintf(w->help, sizeof w->help, "%s/help.html", w->sub);
	snprintf(w->header, sizeof w->header, "%s/header.html", w->sub);
	snprintf(w->footer, sizeof w->footer, "%s/footer.html", w->sub);
	snprintf(w->embed, sizeof w->embed, "%s/embed.html", w->sub);
	snprintf(w->own, sizeof w->own, "%s/own.html", w->dir);
	mkdir(w->sub, 0700);
	write_text(w->page, page);
	if (help)
		write_text(w->help, help);
	write_text(w->header, "<header>shipped</header>");
	write_text(w->footer, "<footer>shipped</footer>");
	write_text(w->embed, embed_text);
	tp.www_dir = w->dir;
	if (own_for) {
		if (own)
			write_text(w->own, own);
		if (strcmp(own_for, "header") == 0)
			tp.header = w->own;
		else if (strcmp(own_for, "footer") == 0)
			tp.footer = w->own;
		else
			tp.help = w->own;
	}
	int r = templates_load(t, &tp, err, sizeof err);
	unlink(w->page);
	unlink(w->help);
	unlink(w->header);
	unlink(w->footer);
	unlink(w->embed);
	unlink(w->own);
	rmdir(w->sub);
	rmdir(w->dir);
	return r;
}

static int load_www(struct temp_www *w, const char *page, const char *help,
		    struct templates *t)
{
	return load_www_own(w, page, help, NULL, NULL, t);
}

/* A language's own file where it has one (templates/de/help.html),
 * the English one where not (page.html); a broken one of its own stops
 * the load, naming it, rather than falling back. */
START_TEST(test_load_language_files)
{
	char dir[] = "/tmp/nscheck-unit-lang-XXXXXX", sub[128], de[160],
	     path[256];
	const char *files[] = { "page.html", "help.html", "header.html",
				"footer.html", "embed.html" };
	struct templates t;
	struct buf b;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/templates", dir);
	snprintf(de, sizeof de, "%s/de", sub);
	mkdir(sub, 0700);
	mkdir(de, 0700);
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", sub, files[i]);
		write_text(path, i == 0 ? "<html lang=\"{{lang}}\">{{help}}" :
			   "english");
	}
	snprintf(path, sizeof path, "%s/help.html", de);
	write_text(path, "deutsch");

	struct template_paths tp = { .www_dir = dir, .lang = "de" };
	int de_rc = templates_load(&t, &tp, err, sizeof err);
	buf_init(&b, 4096);
	if (de_rc == 0) {
		template_render(t.help, &b, fill_names, NULL);
		buf_putc(&b, '|');
		template_render(t.page, &b, fill_names, NULL);
		buf_putc(&b, '|');
		template_render(t.footer, &b, fill_names, NULL);
		templates_free(&t);
	}
	tp.lang = "es"; /* no directory at all: English throughout */
	int es_rc = templates_load(&t, &tp, err, sizeof err);
	if (es_rc == 0) {
		buf_putc(&b, '|');
		template_render(t.help, &b, fill_names, NULL);
		templates_free(&t);
	}
	write_text(path, "{{bogus}}");
	tp.lang = "de";
	int bad_rc = templates_load(&t, &tp, err, sizeof err);

	unlink(path);
	rmdir(de);
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", sub, files[i]);
		unlink(path);
	}
	rmdir(sub);
	rmdir(dir);
	ck_assert_int_eq(de_rc, 0);
	ck_assert_int_eq(es_rc, 0);
	ck_assert_str_eq(buf_str(&b), "deutsch|<html lang=\"[lang]\">[help]|"
			 "english|english");
	ck_assert_int_eq(bad_rc, -1);
	ck_assert_ptr_nonnull(strstr(err, "/de/help.html:1: "));
	buf_free(&b);
}
END_TEST

START_TEST(test_load_reports_file_and_line)
{
	struct temp_www w;
	struct templates t;
	char want[256];

	ck_assert_int_eq(load_www(&w, "<html>\n<title>{{title}}</title>\n"
				  "{{bogus}}\n", "help\n", &t), -1);
	snprintf(want, sizeof want, "%s:3: ", w.page);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "%s", err);
}
END_TEST

START_TEST(test_load_help_may_not_nest)
{
	struct temp_www w;
	struct templates t;
	char want[256];

	/* help is inserted into the page: {{help}} inside it is refused */
	ck_assert_int_eq(load_www(&w, "{{help}}", "<p>about</p>\n{{help}}\n", &t),
			 -1);
	snprintf(want, sizeof want, "%s:2: ", w.help);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "%s", err);
	ck_assert_ptr_null(t.page);
}
END_TEST

/* The frame's document stands alone: no help, header or footer in it. */
START_TEST(test_load_embed)
{
	struct temp_www w;
	struct templates t;
	struct buf b;

	ck_assert_msg(load_www(&w, "{{title}}", "<p>help</p>", &t) == 0, "%s", err);
	buf_init(&b, 1024);
	template_render(t.embed, &b, fill_names, NULL);
	ck_assert_str_eq(buf_str(&b), "<main>[result]<a [page_link]>x</a></main>");
	buf_free(&b);
	templates_free(&t);
	embed_text = "<main>\n{{help}}</main>";
	ck_assert_int_eq(load_www(&w, "{{title}}", "<p>help</p>", &t), -1);
	embed_text = "<main>{{result}}<a {{page_link}}>x</a></main>";
	ck_assert_msg(strstr(err, "embed.html:2: ") != NULL, "%s", err);
	ck_assert_ptr_null(t.embed);
}
END_TEST

START_TEST(test_load_missing_help)
{
	struct temp_www w;
	struct templates t;

	ck_assert_int_eq(load_www(&w, "{{title}}", NULL, &t), -1);
	ck_assert_ptr_nonnull(strstr(err, "help.html"));
	ck_assert_ptr_null(t.page);
}
END_TEST

START_TEST(test_load_own_templates)
{
	struct temp_www w;
	struct templates t;
	struct buf b;

	ck_assert_msg(load_www(&w, "<h1>{{title}}</h1>{{help}}",
			       "<p>{{static_url}}</p>", &t) == 0, "%s", err);
	buf_init(&b, 1024);
	template_render(t.page, &b, fill_names, NULL);
	ck_assert_str_eq(buf_str(&b), "<h1>[title]</h1>[help]");
	buf_reset(&b);
	template_render(t.help, &b, fill_names, NULL);
	ck_assert_str_eq(buf_str(&b), "<p>[static_url]</p>");
	buf_free(&b);
	templates_free(&t);
}
END_TEST

/* The operator's header, footer and help replace the shipped ones. */
START_TEST(test_load_operator_parts)
{
	struct temp_www w;
	struct templates t;
	struct buf b;
	static const char *const which[] = { "header", "footer", "help" };

	buf_init(&b, 1024);
	for (int i = 0; i < 3; i++) {
		ck_assert_msg(load_www_own(&w, "{{header}}|{{help}}|{{footer}}",
					   "<p>shipped help</p>", which[i],
					   "<div>ours {{static_url}}</div>", &t) == 0,
			      "%s", err);
		buf_reset(&b);
		template_render(t.header, &b, fill_names, NULL);
		template_render(t.help, &b, fill_names, NULL);
		template_render(t.footer, &b, fill_names, NULL);
		const char *want[3] = {
			"<div>ours [static_url]</div><p>shipped help</p><footer>shipped</footer>",
			"<header>shipped</header><p>shipped help</p><div>ours [static_url]</div>",
			"<header>shipped</header><div>ours [static_url]</div><footer>shipped</footer>",
		};
		ck_assert_str_eq(buf_str(&b), want[i]);
		templates_free(&t);
	}
	buf_free(&b);

	/* a part may not hold the page's own slots */
	ck_assert_int_eq(load_www_own(&w, "{{header}}", "h", "header",
				      "<p>{{result}}</p>", &t), -1);
	ck_assert_ptr_nonnull(strstr(err, "own.html:1: "));
	ck_assert_ptr_null(t.page);
	/* a missing file of the operator's is named, with what to check */
	ck_assert_int_eq(load_www_own(&w, "{{header}}", "h", "footer", NULL, &t),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "own.html"));
	ck_assert_ptr_nonnull(strstr(err, "check the setting"));
}
END_TEST

Suite *template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_slots);
	tcase_add_test(tc, test_no_slots);
	tcase_add_test(tc, test_fill_called_per_slot);
	tcase_add_test(tc, test_unknown_slot);
	tcase_add_test(tc, test_unterminated_slot);
	tcase_add_test(tc, test_slot_not_allowed);
	tcase_add_test(tc, test_template_free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_test(tc, test_load_real_templates);
	tcase_add_test(tc, test_load_language_files);
	tcase_add_test(tc, test_stylesheet_version);
	tcase_add_test(tc, test_load_missing_dir);
	tcase_add_test(tc, test_load_reports_file_and_line);
	tcase_add_test(tc, test_load_help_may_not_nest);
	tcase_add_test(tc, test_load_missing_help);
	tcase_add_test(tc, test_load_embed);
	tcase_add_test(tc, test_load_own_templates);
	tcase_add_test(tc, test_load_operator_parts);
	suite_add_tcase(s, tc);
	return s;
}
