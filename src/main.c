/*
 * main: options, the configuration, and the ways nscheck runs.
 *
 *   FastCGI  on the socket inherited as fd 0 (spawn-fcgi, mod_fcgid) or on
 *            its own socket (-s PATH, -b HOST:PORT); -w N adds a master
 *            with N worker processes (see server.c);
 *   CGI      one request from the environment and stdin, when fd 0 is not
 *            a socket and REQUEST_METHOD is set;
 *   query    -q DOMAIN: the lookup as text (or -f json) on stdout;
 *   --stats  the counters of the shared cache, as Prometheus text.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "util/arena.h"
#include "cache/cache.h"
#include "util/clock.h"
#include "util/config.h"
#include "input/domain.h"
#include "util/log.h"
#include "dns/hints.h"
#include "report/lookup.h"
#include "util/privs.h"
#include "dns/probe.h"
#include "report/providers.h"
#include "render/render.h"
#include "report/report.h"
#include "input/request.h"
#include "report/result.h"
#include "server.h"
#include "cache/stats.h"
#include "supervisor.h"
#include "render/template.h"
#include "render/view.h"

#ifndef NSCHECK_CONFDIR
#define NSCHECK_CONFDIR "/usr/local/etc/nscheck"
#endif
#ifndef NSCHECK_VERSION
#define NSCHECK_VERSION "0.1"
#endif

#define MAX_OVERRIDES 32

struct options {
	const char *config_file;
	const char *overrides[MAX_OVERRIDES];
	size_t n_overrides;
	char workers[32];
	char user[80];
	const char *socket_path;
	const char *bind_addr;
	const char *query;
	const char *format;
	bool check_only;
	bool stats;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nscheck [-c FILE] [-o KEY=VALUE]... [-u USER] [-w N] [-s PATH | -b HOST:PORT]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -q DOMAIN [-f text|json]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -n | --stats\n"
		"\n"
		"  -c FILE       configuration file (default: $NSCHECK_CONF, else\n"
		"                " NSCHECK_CONFDIR "/nscheck.conf)\n"
		"  -o KEY=VALUE  set one configuration key, after the file\n"
		"  -u USER       started as root, become USER (key: user; default\n"
		"                " PRIVS_DEFAULT_USER "): nscheck never serves as root\n"
		"  -w N          run N worker processes under a master (key: workers)\n"
		"  -s PATH       serve FastCGI on a unix socket at PATH\n"
		"  -b HOST:PORT  serve FastCGI on a TCP socket\n"
		"  -q DOMAIN     look DOMAIN up once and print the result\n"
		"  -f FORMAT     output of -q: text (default) or json\n"
		"  -n            check the configuration and templates, then exit\n"
		"  --stats       print the shared cache's counters (Prometheus text)\n"
		"  -V            print the version\n"
		"\n"
		"Without -s or -b, nscheck serves FastCGI on the socket it was\n"
		"given as fd 0, or answers one CGI request.\n");
}

static int add_override(struct options *o, const char *kv)
{
	if (o->n_overrides == MAX_OVERRIDES) {
		fprintf(stderr, "nscheck: too many -o options\n");
		return -1;
	}
	o->overrides[o->n_overrides++] = kv;
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "stats", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	while ((c = getopt_long(argc, argv, "c:o:u:w:s:b:q:f:nVh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'c': o->config_file = optarg; break;
		case 'o':
			if (add_override(o, optarg) < 0)
				return -1;
			break;
		case 'w':
			snprintf(o->workers, sizeof o->workers, "workers=%s", optarg);
			if (add_override(o, o->workers) < 0)
				return -1;
			break;
		case 'u':
			snprintf(o->user, sizeof o->user, "user=%s", optarg);
			if (add_override(o, o->user) < 0)
				return -1;
			break;
		case 's': o->socket_path = optarg; break;
		case 'b': o->bind_addr = optarg; break;
		case 'q': o->query = optarg; break;
		case 'f': o->format = optarg; break;
		case 'n': o->check_only = true; break;
		case 'S': o->stats = true; break;
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

static int load_config(const struct options *o, struct config *cfg, char *err,
		       size_t errlen)
{
	const char *path = o->config_file;
	bool missing_ok = false;

	config_defaults(cfg);
	if (!path)
		path = getenv("NSCHECK_CONF");
	if (!path || !*path) {
		path = NSCHECK_CONFDIR "/nscheck.conf";
		missing_ok = true;
	}
	if (config_load(cfg, path, missing_ok, err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < o->n_overrides; i++) {
		const char *kv = o->overrides[i], *eq = strchr(kv, '=');
		char key[64];
		if (!eq || (size_t)(eq - kv) >= sizeof key) {
			snprintf(err, errlen, "-o %.64s: expected KEY=VALUE", kv);
			return -1;
		}
		memcpy(key, kv, (size_t)(eq - kv));
		key[eq - kv] = '\0';
		if (config_set(cfg, key, eq + 1, err, errlen) < 0)
			return -1;
	}
	if (config_finish(cfg, err, errlen) < 0)
		return -1;
	log_set_level(cfg->log_level);
	return 0;
}

/*
 * What the delegation report needs: root hints and the providers file.
 * A providers file that does not exist only means no provider names.
 */
static int load_report_env(const struct config *cfg, struct hints *roots,
			   struct providers **pv, char *err, size_t errlen)
{
	char why[CONFIG_ERR_MAX];

	*pv = NULL;
	if (hints_load(roots, cfg->root_hints, err, errlen) < 0)
		return -1;
	if (!cfg->providers_file[0])
		return 0;
	*pv = providers_load(cfg->providers_file, why, sizeof why);
	if (*pv)
		return 0;
	if (access(cfg->providers_file, F_OK) < 0 && errno == ENOENT) {
		log_msg(LOG_WARN, "no provider names: %s", why);
		return 0;
	}
	snprintf(err, errlen, "%s", why);
	return -1;
}

static void open_cache(struct runtime *rt)
{
	char why[CONFIG_ERR_MAX];

	if (rt->cfg.cache_size == 0)
		return;
	rt->cache = cache_open(rt->cfg.cache_name, rt->cfg.cache_size, why,
			       sizeof why);
	/* lookups still work without the cache, only slower */
	if (!rt->cache)
		log_msg(LOG_ERROR, "running without a cache: %s", why);
	rt->service.cache = rt->cache;
	rt->app.cache = rt->cache;
}

/* The runtime_load_fn of server.h: configuration, templates, cache. */
static struct runtime *load_runtime(void *ctx, char *err, size_t errlen)
{
	const struct options *o = ctx;
	struct runtime *rt = calloc(1, sizeof *rt);

	if (!rt) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	struct template_paths tp = { rt->cfg.www_dir, rt->cfg.header_file,
				     rt->cfg.footer_file, rt->cfg.help_file };
	if (load_config(o, &rt->cfg, err, errlen) < 0 ||
	    templates_load(&rt->tpl, &tp, err, errlen) < 0) {
		runtime_free(rt);
		return NULL;
	}
	if (o->check_only && (privs_check(rt->cfg.user, err, errlen) < 0 ||
			      privs_check_group(rt->cfg.socket_group, err,
						errlen) < 0 ||
			      log_check_file(rt->cfg.log_file, err, errlen) < 0)) {
		runtime_free(rt);
		return NULL;
	}
	char why[CONFIG_ERR_MAX];
	if (o->check_only && privs_allowed(rt->cfg.user, why, sizeof why) < 0)
		fprintf(stderr, "nscheck: note: %s\n", why); /* fine when
							   systemd sets User= */
	if (load_report_env(&rt->cfg, &rt->roots, &rt->providers, err,
			    errlen) < 0) {
		runtime_free(rt);
		return NULL;
	}
	rt->env = (struct report_env){ .cfg = &rt->cfg, .roots = &rt->roots,
				       .providers = rt->providers };
	service_init(&rt->service, NULL, &rt->cfg, rt->cfg.threads);
	rt->service.env = &rt->env;
	rt->app = (struct app){ &rt->cfg, &rt->tpl, &rt->service, NULL };
	/* as root, main opens it once root is given up: the segment must
	 * belong to the user who serves */
	if (!o->check_only && geteuid() != 0)
		open_cache(rt);
	return rt;
}

/* The runtime_load_fn of a reload: as load_runtime, and the log file of
 * the new configuration (main opens the first one itself, once the
 * start-up errors that belong on the terminal are behind it). */
static struct runtime *reload_runtime(void *ctx, char *err, size_t errlen)
{
	struct runtime *rt = load_runtime(ctx, err, errlen);

	if (rt && log_open_file(rt->cfg.log_file, err, errlen) < 0) {
		runtime_free(rt);
		return NULL;
	}
	return rt;
}

/* ---- FastCGI socket ---- */

/* Listens as it was started (as root, before root is given up), on a
 * socket that belongs to the user who serves. */
static int open_socket(const struct options *o, const struct config *cfg)
{
	if (!o->socket_path && !o->bind_addr)
		return 0; /* inherited from spawn-fcgi or the web server */
	const char *where = o->socket_path ? o->socket_path : o->bind_addr;
	if (o->socket_path)
		unlink(o->socket_path); /* a stale socket from a killed run */
	/* the socket is made with its mode: no chmod() after, which would
	 * follow a symbolic link put in its place */
	mode_t mask = umask(~(mode_t)cfg->socket_mode & 0777);
	int fd = FCGX_OpenSocket(where, 1024);
	umask(mask);
	if (fd < 0) {
		fprintf(stderr, "nscheck: cannot listen on %s: %s\n", where,
			strerror(errno));
		return -1;
	}
	if (!o->socket_path)
		return fd;
	char err[CONFIG_ERR_MAX];
	if (privs_chown(o->socket_path, cfg->user, cfg->socket_group, err,
			sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s: %s\n", o->socket_path, err);
		return -1;
	}
	return fd;
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

static int serve_cgi(struct runtime *rt)
{
	struct request_io io = { cgi_param, cgi_read, NULL };
	struct response resp;
	struct worker w;
	char err[CONFIG_ERR_MAX];
	int rc = 0;

	if (!getenv("REQUEST_METHOD")) {
		fprintf(stderr, "nscheck: not started as CGI or FastCGI "
				"(no REQUEST_METHOD and fd 0 is not a socket)\n\n");
		usage(stderr);
		return 2;
	}
	if (worker_init(&w, &rt->cfg, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		return 2;
	}
	if (rt->cache) /* counts against max_inflight like a worker */
		cache_register_process(rt->cache);
	app_handle(&rt->app, &w, &io, NULL, &resp);
	if (write_all(STDOUT_FILENO, resp.head->data, resp.head->len) < 0 ||
	    (!resp.head_only &&
	     write_all(STDOUT_FILENO, resp.body->data, resp.body->len) < 0))
		rc = 1;
	worker_free(&w);
	return rc;
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

/* The report for -q, straight from DNS too. */
static void query_report(const struct report_env *env, struct worker *w,
			 const struct ns_result *result, struct report *report,
			 struct view *v)
{
	if (!env->cfg->report || !report_wanted(result))
		return;
	report_run(w->probe, w->resolver, env, w->arena, result, report);
	if (report_shown(result, report))
		v->report = report;
}

/* Straight to DNS: an operator asking from a shell wants it fresh. */
static int run_query(const struct report_env *env, const char *name,
		     const char *format)
{
	const struct config *cfg = env->cfg;
	struct domain dom;
	struct domain_problem dp;
	struct ns_result result;
	struct report report;
	struct view v = { .cfg = cfg, .format = FORMAT_TEXT };
	struct worker w;
	char err[CONFIG_ERR_MAX];
	int rc;

	if (format && strcmp(format, "json") == 0)
		v.format = FORMAT_JSON;
	else if (format && strcmp(format, "text") != 0) {
		fprintf(stderr, "nscheck: -f %s: use text or json\n", format);
		return 2;
	}
	if (worker_init(&w, cfg, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		return 2;
	}
	v.input = name;
	v.input_len = strlen(name);
	if (domain_normalize(name, strlen(name), &dom, &dp) != DOMAIN_OK) {
		v.state = VIEW_BAD_DOMAIN;
		v.domain_problem = &dp;
	} else {
		lookup_run(w.resolver, cfg, w.arena, dom.ascii, &result);
		v.state = VIEW_RESULT;
		v.domain = &dom;
		v.result = &result;
		query_report(env, &w, &result, &report, &v);
	}
	view_check(&v, w.checks);
	render(&v, &w.body);
	if (buf_failed(&w.body)) {
		fprintf(stderr, "nscheck: the result is too large to print\n");
		rc = 2;
	} else {
		fwrite(w.body.data, 1, w.body.len, stdout);
		rc = exit_code(&v);
	}
	worker_free(&w);
	return rc;
}

static int run_stats(const struct config *cfg)
{
	char err[CONFIG_ERR_MAX];
	struct cache *c = cache_attach(cfg->cache_name, err, sizeof err);
	struct buf out;

	if (!c) {
		fprintf(stderr, "nscheck: no cache to read: %s\n", err);
		return 2;
	}
	buf_init(&out, 1 << 20);
	stats_render(c, clock_ms(), &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	cache_close(c);
	return 0;
}

/* -q and --stats: the files are read before root is given up. */
static int run_once(const struct options *o)
{
	struct config cfg;
	struct hints roots;
	struct providers *pv = NULL;
	char err[CONFIG_ERR_MAX];
	int rc = 2;

	if (load_config(o, &cfg, err, sizeof err) < 0 ||
	    (o->query && cfg.report &&
	     load_report_env(&cfg, &roots, &pv, err, sizeof err) < 0) ||
	    privs_drop(cfg.user, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
	} else if (o->query) {
		struct report_env env = { .cfg = &cfg, .roots = &roots,
					  .providers = pv };
		rc = run_query(&env, o->query, o->format);
	} else {
		rc = run_stats(&cfg);
	}
	providers_free(pv);
	return rc;
}

/* fds 0-2 closed at start would be reused by sockets, and log lines or
 * CGI output would land in them: fill the gaps with /dev/null. */
static void standard_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n >= 0 && n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
}

int main(int argc, char **argv)
{
	struct options opt;
	char err[CONFIG_ERR_MAX];

	standard_fds();
	log_detect();
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0) {
		fprintf(stderr, "nscheck: cannot initialise libfcgi\n");
		return 2;
	}
	if (parse_options(argc, argv, &opt) < 0)
		return 2;
	if (opt.query || opt.stats) {
		/* logrotate's SIGUSR2 and a reload's SIGHUP are for the
		 * servers of the same user, not for a command being typed */
		signal(SIGUSR2, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		return run_once(&opt);
	}
	sigset_t held = server_signals(), before;
	pthread_sigmask(SIG_BLOCK, &held, &before);
	struct runtime *rt = load_runtime(&opt, err, sizeof err);
	if (!rt) {
		fprintf(stderr, "nscheck: %s\n", err);
		return 2;
	}
	if (opt.check_only) {
		printf("configuration OK%s%s\n", rt->cfg.path[0] ? ": " :
		       " (defaults)", rt->cfg.path);
		runtime_free(rt);
		return 0;
	}
	/* a socket passed by systemd (nscheck.socket) takes the place of
	 * -s or -b, so one unit serves with and without it */
	int passed = supervisor_listen_fd(err, sizeof err);
	if (passed < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		runtime_free(rt);
		return 2;
	}
	bool cgi = !passed && !opt.socket_path && !opt.bind_addr &&
		   FCGX_IsCGI();
	bool root = geteuid() == 0;
	if (privs_allowed(rt->cfg.user, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		runtime_free(rt);
		return 2;
	}
	int fd = passed ? passed : cgi ? 0 : open_socket(&opt, &rt->cfg);
	if (fd < 0 || privs_drop(rt->cfg.user, err, sizeof err) < 0 ||
	    log_open_file(rt->cfg.log_file, err, sizeof err) < 0) {
		if (fd >= 0)
			fprintf(stderr, "nscheck: %s\n", err);
		runtime_free(rt);
		return 2;
	}
	if (root)
		open_cache(rt);
	if (cgi) {
		/* a CGI process is stopped by its web server like any other;
		 * logrotate's SIGUSR2 is not for it */
		signal(SIGUSR2, SIG_IGN);
		pthread_sigmask(SIG_SETMASK, &before, NULL);
		int rc = serve_cgi(rt);
		runtime_free(rt);
		return rc;
	}
	const char *where = passed ? "the socket systemd passed" :
			    opt.socket_path ? opt.socket_path :
			    opt.bind_addr ? opt.bind_addr : "fd 0";
	return server_run(fd, where, rt, reload_runtime, &opt);
}
