/*
 * config: nscheck's settings, read once at start-up and read-only after.
 *
 * The file format is one "key = value" per line with '#' comments. Every
 * key is a row of one table (name, type, bounds, default); an unknown key,
 * a value out of range or a malformed line stops start-up with
 * "file:line: reason". conf/nscheck.conf documents every key.
 */
#ifndef NSCHECK_CONFIG_H
#define NSCHECK_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "util/netaddr.h"

#define CONFIG_MAX_RESOLVERS 6   /* what udns can hold */
#define CONFIG_ERR_MAX 512
#define CONFIG_MAX_PROXIES 16
#define CONFIG_SOURCES_MAX 512 /* one directive's extra sources */

struct config_server {
	struct sockaddr_storage addr;  /* port included (53 unless given) */
	char text[64];                 /* as written, for people */
};

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

struct config {
	char path[PATH_MAX];          /* the file read, "" for built-in defaults */
	struct config_server resolver[CONFIG_MAX_RESOLVERS];
	size_t n_resolvers;
	unsigned query_timeout;       /* seconds per try (udns counts seconds) */
	unsigned query_tries;
	unsigned deadline_ms;         /* the whole lookup of one request */
	unsigned udp_size;            /* EDNS0 buffer size we advertise */
	unsigned max_ns;              /* name servers whose addresses we look up */
	unsigned http_max_age;        /* upper bound for Cache-Control max-age */
	unsigned socket_mode;         /* for -s PATH */
	enum log_level log_level;
	char cache_name[64];          /* shm_open name, "" = no cache */
	size_t cache_size;            /* bytes of the segment */
	unsigned cache_min_ttl;       /* seconds, clamps every entry's lifetime */
	unsigned cache_max_ttl;
	unsigned cache_negative_ttl;  /* NXDOMAIN/no NS without an SOA */
	unsigned cache_failure_ttl;   /* SERVFAIL and timeouts; 0: waiters only */
	unsigned serve_stale;         /* seconds past expiry an answer may be
					 shown when busy; 0: never */
	unsigned max_inflight;        /* upstream lookups at once, all workers */
	unsigned retry_after;         /* seconds, in a 503 */
	unsigned refuse_delay_ms;     /* a 429 or 503 waits this long */
	unsigned workers;             /* processes for -w; 0: this one only */
	unsigned threads;             /* requests served at once per process */
	bool report;                  /* run the delegation report */
	unsigned report_deadline_ms;  /* time the report may add */
	unsigned report_max_queries;  /* queries one report may send */
	unsigned probe_timeout_ms;    /* per try of a report query */
	bool allow_private_targets;   /* query special-purpose addresses too */
	char root_hints[PATH_MAX];    /* "" = the built-in root servers */
	char providers_file[PATH_MAX];
	char www_dir[PATH_MAX];       /* holds templates/ and static/ */
	char static_url[256];         /* URL prefix of static/, ends in '/' */
	char page_url[256];           /* the tool's own URL, for fragments */
	char header_file[PATH_MAX];   /* "" = www_dir/templates/header.html */
	char footer_file[PATH_MAX];   /* "" = www_dir/templates/footer.html */
	char help_file[PATH_MAX];     /* "" = www_dir/templates/help.html */
	bool show_help;               /* the help text under the result */
	char language[16];            /* the default language's code */
	char languages[256];          /* "all", or the codes offered */
	char cors_origin[256];        /* Access-Control-Allow-Origin for JSON,
					 "" for none */
	/* sources the Content-Security-Policy allows beside its own, one
	 * blank apart: 'self' and origins only (checked when read) */
	char csp_style_src[CONFIG_SOURCES_MAX];
	char csp_img_src[CONFIG_SOURCES_MAX];
	char csp_font_src[CONFIG_SOURCES_MAX];
	char csp_script_src[CONFIG_SOURCES_MAX];
	char csp_connect_src[CONFIG_SOURCES_MAX];
	char frame_ancestors[CONFIG_SOURCES_MAX]; /* 'self', 'none' or a list */
	char resolv_conf[PATH_MAX];   /* where the default resolvers come from */
	bool rate_limit;              /* per-client limits on or off */
	unsigned rate_requests_ms;    /* one request per this, after the burst */
	unsigned rate_burst;
	unsigned rate_lookups_ms;     /* one upstream lookup per this */
	unsigned rate_lookup_burst;
	char client_header[80];       /* CGI name (HTTP_X_FORWARDED_FOR) of the
					 header naming the client, "" for none */
	struct netprefix trusted_proxy[CONFIG_MAX_PROXIES];
	size_t n_trusted_proxies;     /* whose client_header is believed */
	char user[64];                /* drop root to this user, "" for
					 PRIVS_DEFAULT_USER */
	char socket_group[64];        /* group of the socket of -s, "" as made */
	char log_file[PATH_MAX];      /* append the log here, "" for stderr */
	struct config_server view_resolver[CONFIG_MAX_RESOLVERS];
	size_t n_view_resolvers;      /* asked what they hold, for the report */
};

/* The built-in defaults (resolvers are filled in by config_finish()). */
void config_defaults(struct config *c);

/*
 * Reads path into c (which holds defaults). When missing_ok and the file
 * does not exist, c is left as it is. 0 on success, -1 with err filled.
 */
int config_load(struct config *c, const char *path, bool missing_ok,
		char *err, size_t errlen);

/* Reads one "key = value" setting (also used for -o on the command line). */
int config_set(struct config *c, const char *key, const char *value,
	       char *err, size_t errlen);

/* Fills what depends on the system (resolvers from resolv.conf). */
int config_finish(struct config *c, char *err, size_t errlen);

/* The name of the i-th key of the settings table, NULL past the last. */
const char *config_key(size_t i);

/* "1.2.3.4, [::1]:5353" */
void config_resolvers_text(const struct config *c, char *out, size_t outlen);

#endif
