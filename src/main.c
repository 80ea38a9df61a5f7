/*
 * main: options, the configuration, and the ways nscheck runs.
 *
 *   FastCGI  on the socket inherited as fd 0 (spawn-fcgi, mod_fcgid) or on
 *            its own socket (-s PATH, -b HOST:PORT); -w N adds a master
 *            with N worker processes (see server.c);
 *   CGI      one request from the environment and stdin, when fd 0 is not
 *            a socket and REQUEST_METHOD is set;
 *   query    -q DOMAIN: the lookup as text (or -f json) on stdout, with
 *            --expect and --server as the page has them (cli.c);
 *   plugin   --check DOMAIN, or as check_nscheck: a monitoring plugin's
 *            status line and exit code (plugin.c);
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
#include <libgen.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "plugin.h"
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
	const char *expect;
	const char *server;
	const char *check;        /* the plugin's domain */
	bool plugin;              /* --check, or started as check_nscheck */
	bool timeout_set;
	unsigned timeout_s;       /* the plugin's whole run; 0: none */
	struct plugin_rules rules;
	bool check_only;
	bool stats;
	int64_t started_s;        /* when this program started (wall clock) */
};

#define PLUGIN_NAME "check_nscheck"
#define PLUGIN_TIMEOUT_S 10

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nscheck [-c FILE] [-o KEY=VALUE]... [-u USER] [-w N] [-s PATH | -b HOST:PORT]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -q DOMAIN [-f text|json]\n"
		"               [--expect NS,...] [--server ADDRESS]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... --check DOMAIN [-t SECONDS]\n"
		"               [--expect NS,...] [--warn-checks ID,...] [--ignore ID,...]\n"
		"       nscheck [-c FILE] [-o KEY=VALUE]... -n | --stats\n"
		"       " PLUGIN_NAME " [the options of --check] -H DOMAIN\n"
		"\n"
		"  -c, --config FILE      configuration file (default: $NSCHECK_CONF,\n"
		"                         else " NSCHECK_CONFDIR "/nscheck.conf)\n"
		"  -o, --set KEY=VALUE    set one configuration key, after the file\n"
		"  -u, --user USER        started as root, become USER (key: user; default\n"
		"                         " PRIVS_DEFAULT_USER "): nscheck never serves as root\n"
		"  -w, --workers N        run N worker processes under a master\n"
		"  -s, --socket PATH      serve FastCGI on a unix socket at PATH\n"
		"  -b, --bind HOST:PORT   serve FastCGI on a TCP socket\n"
		"  -q, --query DOMAIN     look DOMAIN up once, fresh from DNS, and print it\n"
		"  -f, --format FORMAT    output of -q: text (default) or json\n"
		"      --expect NS,...    the name servers DOMAIN moves to: is the move\n"
		"                         done, waiting, or wrong? (-q, --check)\n"
		"      --server ADDRESS   one server of DOMAIN or of its parent: its\n"
		"                         replies to the report's questions (-q)\n"
		"      --check DOMAIN     a monitoring plugin: one status line with\n"
		"                         performance data; exit 0 OK, 1 WARNING,\n"
		"                         2 CRITICAL, 3 UNKNOWN (-H DOMAIN: the same)\n"
		"  -t, --timeout SECONDS  --check: UNKNOWN after SECONDS (default %d;\n"
		"                         0: none)\n"
		"      --warn-checks ID,...  --check: these checks' failures only warn\n"
		"      --ignore ID,...    --check: these checks do not count\n"
		"  -n, --check-config     check the configuration and templates, then exit\n"
		"      --stats            print the shared cache's counters (Prometheus)\n"
		"  -V, --version          print the version\n"
		"  -h, --help             print this help\n"
		"\n"
		"Without -s or -b, nscheck serves FastCGI on the socket it was\n"
		"given as fd 0, or answers one CGI request.\n"
		"\n"
		"Exit codes of -q: 0 found, every check passes or is a note;\n"
		"1 the name does not exist or has no NS records; 2 the lookup failed\n"
		"(SERVFAIL, REFUSED, no answer in time); 3 found, a check warns;\n"
		"4 found, a check fails (with --expect, also 3 while the move waits\n"
		"and 4 when it is wrong). Of every mode: 64 usage; 65 not a usable\n"
		"domain name, or a --server the report did not ask; 69 no cache to\n"
		"read (--stats); 70 nscheck's own failure; 71 a socket or the system;\n"
		"75 refused for now; 78 the configuration (a key, a template, the user).\n",
		PLUGIN_TIMEOUT_S);
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

enum {
	OPT_STATS = 256, OPT_EXPECT, OPT_SERVER, OPT_CHECK, OPT_WARN_CHECKS,
	OPT_IGNORE,
};

/* The plugin's UNKNOWN line on stdout, whatever why holds. */
static void print_unknown(const char *why)
{
	char mem[1024];
	struct buf line;

	buf_init_fixed(&line, mem, sizeof mem);
	plugin_unknown(why, &line);
	if (buf_failed(&line)) { /* cut: the line still ends */
		line.failed = false;
		buf_cut(&line, sizeof mem - 2);
		buf_putc(&line, '\n');
	}
	fwrite(line.data, 1, line.len, stdout);
}

/* -1 with a usage error on stderr; in the plugin, as its UNKNOWN line */
static int usage_error(const struct options *o, const char *fmt, const char *arg)
{
	char why[256];

	snprintf(why, sizeof why, fmt, arg);
	if (o->plugin) {
		print_unknown(why);
		return -1;
	}
	fprintf(stderr, "nscheck: %s\nTry 'nscheck --help'.\n", why);
	return -1;
}

static int rule_ids(struct options *o, const char *list, bool ignore)
{
	char bad[80];
	struct plugin_rules *r = &o->rules;

	if (plugin_add_ids(list, ignore ? r->ignore : r->warn_only,
			   ignore ? &r->n_ignore : &r->n_warn_only, bad,
			   sizeof bad) == 0)
		return 0;
	return usage_error(o, "'%s' is not the id of a check (see the help "
			   "page's list, or the JSON's checks[].id)", bad);
}

static int set_timeout(struct options *o, const char *arg)
{
	char *end;
	unsigned long t = strtoul(arg, &end, 10);

	if (!*arg || *end || t > 3600)
		return usage_error(o, "-t %s: seconds from 0 to 3600", arg);
	o->timeout_s = (unsigned)t;
	o->timeout_set = true;
	return 0;
}

/* Options that belong to one mode only, given without it. */
static int misplaced(struct options *o)
{
	if (o->query && o->check)
		return usage_error(o, "%s", "-q and --check: one or the other");
	if (o->format && !o->query)
		return usage_error(o, "%s", "-f goes with -q");
	if (o->server && !o->query)
		return usage_error(o, "%s", "--server goes with -q");
	if (o->expect && !o->query && !o->check)
		return usage_error(o, "%s", "--expect goes with -q or --check");
	if ((o->timeout_set || o->rules.n_ignore || o->rules.n_warn_only) &&
	    !o->check)
		return usage_error(o, "%s", "-t, --warn-checks and --ignore go "
				   "with --check");
	if (o->format && strcmp(o->format, "text") != 0 &&
	    strcmp(o->format, "json") != 0)
		return usage_error(o, "-f %s: use text or json", o->format);
	if (o->socket_path && o->bind_addr)
		return usage_error(o, "%s", "-s and -b: one or the other");
	if ((o->query || o->check) && (o->check_only || o->stats ||
				       o->socket_path || o->bind_addr))
		return usage_error(o, "%s", "-q and --check go with none of "
				   "-n, --stats, -s and -b");
	if (o->check_only && (o->stats || o->socket_path || o->bind_addr))
		return usage_error(o, "%s", "-n goes with none of --stats, "
				   "-s and -b");
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, 'o' },
		{ "user", required_argument, NULL, 'u' },
		{ "workers", required_argument, NULL, 'w' },
		{ "socket", required_argument, NULL, 's' },
		{ "bind", required_argument, NULL, 'b' },
		{ "query", required_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 'f' },
		{ "expect", required_argument, NULL, OPT_EXPECT },
		{ "server", required_argument, NULL, OPT_SERVER },
		{ "check", required_argument, NULL, OPT_CHECK },
		{ "hostname", required_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 't' },
		{ "warn-checks", required_argument, NULL, OPT_WARN_CHECKS },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "check-config", no_argument, NULL, 'n' },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	o->plugin = argv[0] && strcmp(basename(argv[0]), PLUGIN_NAME) == 0;
	/* known before the first option, whatever their order: a mistake
	 * anywhere is then told as the plugin tells it */
	for (int i = 1; i < argc && !o->plugin; i++)
		o->plugin = strcmp(argv[i], "--check") == 0 ||
			    strncmp(argv[i], "--check=", 8) == 0 ||
			    strcmp(argv[i], "-H") == 0 ||
			    strcmp(argv[i], "--hostname") == 0;
	o->timeout_s = PLUGIN_TIMEOUT_S;
	/* getopt's own message for an unknown option would come before the
	 * plugin's line: the plugin says it itself */
	opterr = !o->plugin;
	while ((c = getopt_long(argc, argv, "c:o:u:w:s:b:q:f:t:H:nVh", longopts,
				NULL)) != -1) {
		int rc = 0;
		switch (c) {
		case 'c': o->config_file = optarg; break;
		case 'o': rc = add_override(o, optarg); break;
		case 'w':
			snprintf(o->workers, sizeof o->workers, "workers=%s", optarg);
			rc = add_override(o, o->workers);
			break;
		case 'u':
			snprintf(o->user, sizeof o->user, "user=%s", optarg);
			rc = add_override(o, o->user);
			break;
		case 's': o->socket_path = optarg; break;
		case 'b': o->bind_addr = optarg; break;
		case 'q': o->query = optarg; break;
		case 'f': o->format = optarg; break;
		case 't': rc = set_timeout(o, optarg); break;
		case OPT_EXPECT: o->expect = optarg; break;
		case OPT_SERVER: o->server = optarg; break;
		case 'H':
		case OPT_CHECK:
			o->check = optarg;
			o->plugin = true;
			break;
		case OPT_WARN_CHECKS: rc = rule_ids(o, optarg, false); break;
		case OPT_IGNORE: rc = rule_ids(o, optarg, true); break;
		case 'n': o->check_only = true; break;
		case OPT_STATS: o->stats = true; break;
		case 'V':
			printf("nscheck %s\n", NSCHECK_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			if (o->plugin)
				return usage_error(o, "%s", "unknown option or "
						   "missing value (see --help)");
			fprintf(stderr, "Try 'nscheck --help'.\n");
			return -1;
		}
		if (rc < 0)
			return -1;
	}
	/* check_nscheck DOMAIN, as plugins are often called */
	if (o->plugin && !o->check && optind + 1 == argc)
		o->check = argv[optind++];
	if (optind != argc)
		return usage_error(o, "%s: not an option", argv[optind]);
	if (o->plugin && !o->check)
		return usage_error(o, "%s", "no domain to check (-H DOMAIN)");
	return misplaced(o);
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

/* The catalogues in www_dir/locale, and the templates of each language. */
static int load_languages(struct runtime *rt, char *err, size_t errlen)
{
	char dir[PATH_MAX + 8];

	langs_english(&rt->langs);
	snprintf(dir, sizeof dir, "%s/locale", rt->cfg.www_dir);
	if (langs_load(&rt->langs, dir, rt->cfg.languages, rt->cfg.language,
		       err, errlen) < 0)
		return -1;
	for (size_t i = 0; i < rt->langs.n; i++) {
		struct template_paths tp = {
			rt->cfg.www_dir, rt->cfg.header_file,
			rt->cfg.footer_file, rt->cfg.help_file,
			rt->langs.all[i].code,
		};
		if (templates_load(&rt->tpl[i], &tp, err, errlen) < 0)
			return -1;
	}
	return 0;
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
	if (load_config(o, &rt->cfg, err, errlen) < 0 ||
	    load_languages(rt, err, errlen) < 0) {
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
	rt->app = (struct app){ .cfg = &rt->cfg, .tpl = rt->tpl,
				.langs = &rt->langs,
				.service = &rt->service, .version = NSCHECK_VERSION,
				.started_s = o->started_s };
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
 * socket that belongs to the user who serves: -1 when it cannot listen,
 * -2 when the socket cannot be given to its user and group. */
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
		return -2; /* the configuration's socket_group or user */
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
		return CLI_USAGE;
	}
	if (worker_init(&w, &rt->cfg, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		return CLI_OSERR;
	}
	if (rt->cache) /* counts against max_inflight like a worker */
		cache_register_process(rt->cache);
	app_handle(&rt->app, &w, &io, NULL, &resp);
	if (write_all(STDOUT_FILENO, resp.head->data, resp.head->len) < 0 ||
	    (!resp.head_only &&
	     write_all(STDOUT_FILENO, resp.body->data, resp.body->len) < 0))
		rc = CLI_OSERR;
	worker_free(&w);
	return rc;
}

/* ---- -q and --check ---- */

/* The plugin's line when its time is up: made before the alarm is set,
 * written by the handler with write(), which a signal handler may call. */
static char timeout_line[512];
static size_t timeout_len;

static void on_timeout(int sig)
{
	(void)sig;
	if (write(STDOUT_FILENO, timeout_line, timeout_len) < 0)
		_exit(PLUGIN_UNKNOWN);
	_exit(PLUGIN_UNKNOWN);
}

static void arm_timeout(const struct options *o)
{
	struct buf line;
	char why[300];

	if (!o->timeout_s)
		return;
	snprintf(why, sizeof why, "%.200s: no verdict within %u s (--timeout)",
		 o->check, o->timeout_s);
	buf_init_fixed(&line, timeout_line, sizeof timeout_line);
	plugin_unknown(why, &line);
	timeout_len = line.len;
	signal(SIGALRM, on_timeout);
	alarm(o->timeout_s);
}

/* Straight to DNS, no cache: an operator asking from a shell, or a
 * monitoring system, wants it fresh. Asked as the web asks it. */
static int run_question(const struct report_env *env, const struct options *o)
{
	const struct config *cfg = env->cfg;
	struct service service;
	struct worker w;
	struct response resp;
	char err[CONFIG_ERR_MAX];
	struct cli_question q = { o->plugin ? o->check : o->query,
				  o->plugin ? "json" : o->format, o->expect,
				  o->server };

	service_init(&service, NULL, cfg, 1);
	service.env = env;
	struct app app = { .cfg = cfg, .service = &service, .quiet = true };
	if (!cli_name_fits(q.name)) {
		snprintf(err, sizeof err, "the name is %zu bytes long: at most "
			 "%d are taken", strlen(q.name), DOMAIN_INPUT_MAX);
		if (o->plugin) {
			print_unknown(err);
			return PLUGIN_UNKNOWN;
		}
		fprintf(stderr, "nscheck: %s\n", err);
		return CLI_BAD_NAME;
	}
	if (worker_init(&w, cfg, err, sizeof err) < 0) {
		if (o->plugin) {
			print_unknown(err);
			return PLUGIN_UNKNOWN;
		}
		fprintf(stderr, "nscheck: %s\n", err);
		return CLI_OSERR;
	}
	int64_t start = clock_ms();
	cli_ask(&app, &w, &q, &resp);
	int rc;
	alarm(0); /* a verdict now: no second line from the timeout */
	if (o->plugin) {
		struct buf out;
		buf_init(&out, 1 << 20);
		rc = plugin_report(q.name, &w.outcome, w.checks, &o->rules,
				   (uint32_t)(clock_ms() - start), &out);
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
	} else if (w.outcome.overflowed) {
		fprintf(stderr, "nscheck: the result is too large to print\n");
		rc = CLI_SOFTWARE;
	} else {
		fwrite(resp.body->data, 1, resp.body->len, stdout);
		rc = cli_exit_code(&w.outcome, w.checks);
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
		return CLI_UNAVAILABLE;
	}
	buf_init(&out, 1 << 20);
	struct stats_process proc = { NSCHECK_VERSION, 0 };
	stats_render(c, clock_ms(), &proc, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	cache_close(c);
	return 0;
}

/* -q, --check and --stats: the files are read before root is given up. */
static int run_once(const struct options *o)
{
	struct config cfg;
	struct hints roots;
	struct providers *pv = NULL;
	char err[CONFIG_ERR_MAX];
	int rc = o->plugin ? PLUGIN_UNKNOWN : CLI_CONFIG;
	bool asks = o->query || o->plugin;

	if (o->plugin)
		arm_timeout(o);
	if (load_config(o, &cfg, err, sizeof err) < 0 ||
	    (asks && cfg.report &&
	     load_report_env(&cfg, &roots, &pv, err, sizeof err) < 0) ||
	    privs_drop(cfg.user, err, sizeof err) < 0) {
		if (o->plugin)
			print_unknown(err);
		else
			fprintf(stderr, "nscheck: %s\n", err);
	} else if (asks) {
		struct report_env env = { .cfg = &cfg, .roots = &roots,
					  .providers = pv };
		rc = run_question(&env, o);
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
		return CLI_OSERR;
	}
	if (parse_options(argc, argv, &opt) < 0)
		return opt.plugin ? PLUGIN_UNKNOWN : CLI_USAGE;
	opt.started_s = clock_wall_s();
	if (opt.query || opt.plugin || opt.stats) {
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
		return CLI_CONFIG;
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
		return CLI_CONFIG;
	}
	bool cgi = !passed && !opt.socket_path && !opt.bind_addr &&
		   FCGX_IsCGI();
	bool root = geteuid() == 0;
	if (privs_allowed(rt->cfg.user, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		runtime_free(rt);
		return CLI_CONFIG;
	}
	int fd = passed ? passed : cgi ? 0 : open_socket(&opt, &rt->cfg);
	if (fd < 0) {
		runtime_free(rt);
		return fd == -2 ? CLI_CONFIG : CLI_OSERR;
	}
	if (privs_drop(rt->cfg.user, err, sizeof err) < 0 ||
	    log_open_file(rt->cfg.log_file, err, sizeof err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err);
		runtime_free(rt);
		return CLI_CONFIG;
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
