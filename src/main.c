/*
 * main: options, configuration and the three ways nscheck runs.
 *
 *   FastCGI  on the socket inherited as fd 0 (spawn-fcgi, mod_fcgid) or on
 *            its own socket (-s PATH, -b HOST:PORT);
 *   CGI      one request from the environment and stdin, when fd 0 is not
 *            a socket and REQUEST_METHOD is set;
 *   query    -q DOMAIN: the lookup as text (or -f json) on stdout.
 *
 * Only this file moves bytes between the outside and app_handle().
 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "domain.h"
#include "log.h"
#include "lookup.h"
#include "render.h"
#include "request.h"
#include "result.h"
#include "template.h"
#include "view.h"

#ifndef NSCHECK_SYSCONFDIR
#define NSCHECK_SYSCONFDIR "/usr/local/etc"
#endif
#ifndef NSCHECK_VERSION
#define NSCHECK_VERSION "0.1"
#endif

#define MAX_OVERRIDES 32

struct options {
	const char *config_file;
	const char *overrides[MAX_OVERRIDES];
	size_t n_overrides;
	const char *socket_path;
	const char *bind_addr;
	const char *query;
	const char *format;
	bool check_only;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nscheck [-c FILE] [-o KEY=VALUE]... [-s PATH | -b HOST:PORT]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -q DOMAIN [-f text|json]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -n\n"
		"\n"
		"  -c FILE       configuration file (default: $NSCHECK_CONF, else\n"
		"                " NSCHECK_SYSCONFDIR "/nscheck.conf)\n"
		"  -o KEY=VALUE  set one configuration key, after the file\n"
		"  -s PATH       serve FastCGI on a unix socket at PATH\n"
		"  -b HOST:PORT  serve FastCGI on a TCP socket\n"
		"  -q DOMAIN     look DOMAIN up once and print the result\n"
		"  -f FORMAT     output of -q: text (default) or json\n"
		"  -n            check the configuration and templates, then exit\n"
		"  -V            print the version\n"
		"\n"
		"Without -s or -b, nscheck serves FastCGI on the socket it was\n"
		"given as fd 0, or answers one CGI request.\n");
}

static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof *o);
	while ((c = getopt(argc, argv, "c:o:s:b:q:f:nVh")) != -1) {
		switch (c) {
		case 'c': o->config_file = optarg; break;
		case 'o':
			if (o->n_overrides == MAX_OVERRIDES) {
				fprintf(stderr, "nscheck: too many -o options\n");
				return -1;
			}
			o->overrides[o->n_overrides++] = optarg;
			break;
		case 's': o->socket_path = optarg; break;
		case 'b': o->bind_addr = optarg; break;
		case 'q': o->query = optarg; break;
		case 'f': o->format = optarg; break;
		case 'n': o->check_only = true; break;
		case 'V':
			printf("nscheck %s\n", NSCHECK_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc || (o->socket_path && o->bind_addr) ||
	    (o->format && !o->query)) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int load_config(const struct options *o, struct config *cfg)
{
	char err[CONFIG_ERR_MAX];
	const char *path = o->config_file;
	bool missing_ok = false;

	config_defaults(cfg);
	if (!path)
		path = getenv("NSCHECK_CONF");
	if (!path || !*path) {
		path = NSCHECK_SYSCONFDIR "/nscheck.conf";
		missing_ok = true;
	}
	if (config_load(cfg, path, missing_ok, err, sizeof err) < 0)
		goto fail;
	for (size_t i = 0; i < o->n_overrides; i++) {
		char kv[1024];
		snprintf(kv, sizeof kv, "%s", o->overrides[i]);
		char *eq = strchr(kv, '=');
		if (!eq) {
			snprintf(err, sizeof err, "-o %.64s: expected KEY=VALUE",
				 o->overrides[i]);
			goto fail;
		}
		*eq = '\0';
		if (config_set(cfg, kv, eq + 1, err, sizeof err) < 0)
			goto fail;
	}
	if (config_finish(cfg, err, sizeof err) < 0)
		goto fail;
	log_set_level(cfg->log_level);
	return 0;
fail:
	fprintf(stderr, "nscheck: %s\n", err);
	return -1;
}

/* ---- FastCGI ---- */

static const char *fcgi_param(void *ctx, const char *name)
{
	FCGX_Request *r = ctx;
	return FCGX_GetParam(name, r->envp);
}

static ssize_t fcgi_read(void *ctx, char *buf, size_t n)
{
	FCGX_Request *r = ctx;
	int want = n > 65536 ? 65536 : (int)n;
	return FCGX_GetStr(buf, want, r->in);
}

static void fcgi_send(FCGX_Request *r, const struct response *resp)
{
	FCGX_PutStr(resp->head->data, (int)resp->head->len, r->out);
	if (!resp->head_only && resp->body->len)
		FCGX_PutStr(resp->body->data, (int)resp->body->len, r->out);
}

static int open_socket(const struct options *o, const struct config *cfg)
{
	if (!o->socket_path && !o->bind_addr)
		return 0; /* inherited from spawn-fcgi or the web server */
	const char *where = o->socket_path ? o->socket_path : o->bind_addr;
	if (o->socket_path)
		unlink(o->socket_path); /* a stale socket from a killed run */
	int fd = FCGX_OpenSocket(where, 128);
	if (fd < 0) {
		fprintf(stderr, "nscheck: cannot listen on %s: %s\n", where,
			strerror(errno));
		return -1;
	}
	if (o->socket_path && chmod(o->socket_path, (mode_t)cfg->socket_mode) < 0) {
		fprintf(stderr, "nscheck: chmod %s: %s\n", o->socket_path,
			strerror(errno));
		return -1;
	}
	return fd;
}

static int serve_fastcgi(const struct app *app, struct worker *w, int fd,
			 const char *where)
{
	FCGX_Request req;

	if (FCGX_InitRequest(&req, fd, 0) != 0) {
		fprintf(stderr, "nscheck: cannot set up FastCGI\n");
		return 1;
	}
	log_msg(LOG_INFO, "ready: serving FastCGI on %s", where);
	while (FCGX_Accept_r(&req) >= 0) {
		struct request_io io = { fcgi_param, fcgi_read, &req };
		struct response resp;
		app_handle(app, w, &io, &resp);
		fcgi_send(&req, &resp);
		FCGX_Finish_r(&req);
	}
	return 0;
}

/* ---- CGI ---- */

static const char *cgi_param(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static ssize_t cgi_read(void *ctx, char *buf, size_t n)
{
	(void)ctx;
	return read(STDIN_FILENO, buf, n);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int serve_cgi(const struct app *app, struct worker *w)
{
	struct request_io io = { cgi_param, cgi_read, NULL };
	struct response resp;

	if (!getenv("REQUEST_METHOD")) {
		fprintf(stderr, "nscheck: not started as CGI or FastCGI "
				"(no REQUEST_METHOD and fd 0 is not a socket)\n\n");
		usage(stderr);
		return 2;
	}
	app_handle(app, w, &io, &resp);
	if (write_all(STDOUT_FILENO, resp.head->data, resp.head->len) < 0 ||
	    (!resp.head_only &&
	     write_all(STDOUT_FILENO, resp.body->data, resp.body->len) < 0))
		return 1;
	return 0;
}

/* ---- -q ---- */

static int exit_code(const struct view *v)
{
	if (v->state != VIEW_RESULT)
		return 1;
	switch (v->result->status) {
	case LOOKUP_FOUND: return 0;
	case LOOKUP_NXDOMAIN:
	case LOOKUP_NO_NS: return 1;
	default: return 2;
	}
}

static int run_query(const struct config *cfg, struct worker *w,
		     const char *name, const char *format)
{
	struct domain dom;
	struct domain_problem dp;
	struct ns_result result;
	struct view v = { .cfg = cfg, .format = FORMAT_TEXT };

	if (format && strcmp(format, "json") == 0)
		v.format = FORMAT_JSON;
	else if (format && strcmp(format, "text") != 0) {
		fprintf(stderr, "nscheck: -f %s: use text or json\n", format);
		return 2;
	}
	v.input = name;
	v.input_len = strlen(name);
	if (domain_normalize(name, strlen(name), &dom, &dp) != DOMAIN_OK) {
		v.state = VIEW_BAD_DOMAIN;
		v.domain_problem = &dp;
	} else {
		lookup_run(w->resolver, cfg, w->arena, dom.ascii, &result);
		v.state = VIEW_RESULT;
		v.domain = &dom;
		v.result = &result;
	}
	render(&v, &w->body);
	if (buf_failed(&w->body)) {
		fprintf(stderr, "nscheck: the result is too large to print\n");
		return 2;
	}
	fwrite(w->body.data, 1, w->body.len, stdout);
	return exit_code(&v);
}

int main(int argc, char **argv)
{
	struct options opt;
	struct config cfg;
	struct templates tpl = { 0 };
	struct worker w;
	char err[CONFIG_ERR_MAX];
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0) {
		fprintf(stderr, "nscheck: cannot initialise libfcgi\n");
		return 2;
	}
	if (parse_options(argc, argv, &opt) < 0)
		return 2;
	if (load_config(&opt, &cfg) < 0)
		return 2;
	if (!opt.query && templates_load(&tpl, cfg.www_dir, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		return 2;
	}
	if (opt.check_only) {
		printf("configuration OK%s%s\n", cfg.path[0] ? ": " : " (defaults)",
		       cfg.path);
		templates_free(&tpl);
		return 0;
	}
	if (worker_init(&w, &cfg, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		templates_free(&tpl);
		return 2;
	}
	struct app app = { .cfg = &cfg, .tpl = &tpl };
	if (opt.query) {
		rc = run_query(&cfg, &w, opt.query, opt.format);
	} else if (opt.socket_path || opt.bind_addr || !FCGX_IsCGI()) {
		int fd = open_socket(&opt, &cfg);
		const char *where = opt.socket_path ? opt.socket_path :
				    opt.bind_addr ? opt.bind_addr : "fd 0";
		rc = fd < 0 ? 2 : serve_fastcgi(&app, &w, fd, where);
	} else {
		rc = serve_cgi(&app, &w);
	}
	worker_free(&w);
	templates_free(&tpl);
	return rc;
}
