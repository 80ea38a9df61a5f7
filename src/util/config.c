/*
 * config: the settings table, the file parser and the value parsers
 * (see config.h). Every number from outside goes through parse_uint().
 */
#include "util/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lang.h"

#ifndef NSCHECK_DATADIR
#define NSCHECK_DATADIR "/usr/local/share/nscheck"
#endif

enum opt_type {
	OPT_UINT,
	OPT_MS,       /* a duration, stored in milliseconds */
	OPT_SECONDS,  /* a duration in whole seconds */
	OPT_OCTAL,
	OPT_PATH,
	OPT_URL_PREFIX,
	OPT_RESOLVERS,
	OPT_LOG_LEVEL,
	OPT_BYTES,     /* a size, 16M style, stored as size_t */
	OPT_SHM_NAME,  /* "/name" for shm_open */
	OPT_BOOL,      /* yes/no */
	OPT_MAYBE_PATH,/* a path, or empty for "none" */
	OPT_ORIGIN,    /* "", "*" or scheme://host[:port] */
	OPT_RATE,      /* "5/s", "30/min", "100/h": stored as ms per token */
	OPT_HEADER,    /* an HTTP header name, stored as its CGI variable */
	OPT_PROXIES,   /* addresses and networks */
	OPT_USER,      /* a user name, or empty */
	OPT_GROUP,     /* a group name, or empty */
	OPT_LOG_FILE,  /* an absolute path, or empty for stderr */
	OPT_SOURCES,   /* CSP sources: 'self' and origins */
	OPT_ANCESTORS, /* the same, or 'none' alone */
	OPT_LANG,      /* a language code: "de" */
	OPT_LANGS,     /* "all", or language codes */
};

struct option {
	const char *name;
	enum opt_type type;
	unsigned long min, max;
	size_t offset;
	size_t size;   /* for strings */
	const char *def;
};

#define FIELD(f) offsetof(struct config, f), sizeof(((struct config *)0)->f)

static const struct option options[] = {
	{ "resolver", OPT_RESOLVERS, 0, 0, FIELD(resolver), "" },
	{ "resolv_conf", OPT_PATH, 0, 0, FIELD(resolv_conf), "/etc/resolv.conf" },
	{ "query_timeout", OPT_SECONDS, 1, 300, FIELD(query_timeout), "2s" },
	{ "query_tries", OPT_UINT, 1, 10, FIELD(query_tries), "2" },
	{ "deadline", OPT_MS, 100, 60000, FIELD(deadline_ms), "5s" },
	{ "udp_size", OPT_UINT, 512, 4096, FIELD(udp_size), "1232" },
	{ "max_ns", OPT_UINT, 1, 64, FIELD(max_ns), "20" },
	{ "http_max_age", OPT_SECONDS, 0, 86400, FIELD(http_max_age), "300s" },
	{ "socket_mode", OPT_OCTAL, 0, 0777, FIELD(socket_mode), "0660" },
	{ "log_level", OPT_LOG_LEVEL, 0, 0, FIELD(log_level), "info" },
	{ "www_dir", OPT_PATH, 0, 0, FIELD(www_dir), NSCHECK_DATADIR "/www" },
	{ "static_url", OPT_URL_PREFIX, 0, 0, FIELD(static_url), "/nscheck/static/" },
	{ "page_url", OPT_URL_PREFIX, 0, 0, FIELD(page_url), "/nscheck/" },
	{ "header_file", OPT_MAYBE_PATH, 0, 0, FIELD(header_file), "" },
	{ "footer_file", OPT_MAYBE_PATH, 0, 0, FIELD(footer_file), "" },
	{ "help_file", OPT_MAYBE_PATH, 0, 0, FIELD(help_file), "" },
	{ "show_help", OPT_BOOL, 0, 0, FIELD(show_help), "yes" },
	{ "language", OPT_LANG, 0, 0, FIELD(language), "en" },
	{ "languages", OPT_LANGS, 0, 0, FIELD(languages), "all" },
	{ "cors_origin", OPT_ORIGIN, 0, 0, FIELD(cors_origin), "" },
	{ "csp_style_src", OPT_SOURCES, 0, 0, FIELD(csp_style_src), "" },
	{ "csp_img_src", OPT_SOURCES, 0, 0, FIELD(csp_img_src), "" },
	{ "csp_font_src", OPT_SOURCES, 0, 0, FIELD(csp_font_src), "" },
	{ "csp_script_src", OPT_SOURCES, 0, 0, FIELD(csp_script_src), "" },
	{ "csp_connect_src", OPT_SOURCES, 0, 0, FIELD(csp_connect_src), "" },
	{ "frame_ancestors", OPT_ANCESTORS, 0, 0, FIELD(frame_ancestors), "'self'" },
	{ "cache_name", OPT_SHM_NAME, 0, 0, FIELD(cache_name), "/nscheck" },
	{ "cache_size", OPT_BYTES, 0, 4096UL << 20, FIELD(cache_size), "16M" },
	{ "cache_min_ttl", OPT_SECONDS, 0, 86400, FIELD(cache_min_ttl), "5s" },
	{ "cache_max_ttl", OPT_SECONDS, 0, 604800, FIELD(cache_max_ttl), "60s" },
	{ "cache_negative_ttl", OPT_SECONDS, 0, 86400, FIELD(cache_negative_ttl), "60s" },
	{ "cache_failure_ttl", OPT_SECONDS, 0, 300, FIELD(cache_failure_ttl), "5s" },
	{ "serve_stale", OPT_SECONDS, 0, 86400, FIELD(serve_stale), "600s" },
	{ "max_inflight", OPT_UINT, 1, 100000, FIELD(max_inflight), "256" },
	{ "retry_after", OPT_SECONDS, 1, 3600, FIELD(retry_after), "5s" },
	{ "refuse_delay", OPT_MS, 0, 10000, FIELD(refuse_delay_ms), "1s" },
	{ "workers", OPT_UINT, 0, 64, FIELD(workers), "0" },
	{ "threads", OPT_UINT, 1, 256, FIELD(threads), "6" },
	{ "report", OPT_BOOL, 0, 0, FIELD(report), "yes" },
	{ "report_deadline", OPT_MS, 100, 30000, FIELD(report_deadline_ms), "3s" },
	{ "report_max_queries", OPT_UINT, 10, 1000, FIELD(report_max_queries), "150" },
	{ "probe_timeout", OPT_MS, 50, 10000, FIELD(probe_timeout_ms), "800ms" },
	{ "allow_private_targets", OPT_BOOL, 0, 0, FIELD(allow_private_targets), "no" },
	{ "root_hints", OPT_MAYBE_PATH, 0, 0, FIELD(root_hints), "" },
	{ "providers_file", OPT_MAYBE_PATH, 0, 0, FIELD(providers_file),
	  NSCHECK_DATADIR "/providers.txt" },
	{ "resolvers_view", OPT_RESOLVERS, 0, 0, FIELD(view_resolver), "" },
	{ "rate_limit", OPT_BOOL, 0, 0, FIELD(rate_limit), "on" },
	{ "rate_requests", OPT_RATE, 1, 3600000, FIELD(rate_requests_ms), "5/s" },
	{ "rate_burst", OPT_UINT, 1, 100000, FIELD(rate_burst), "60" },
	{ "rate_lookups", OPT_RATE, 1, 3600000, FIELD(rate_lookups_ms), "2/s" },
	{ "rate_lookup_burst", OPT_UINT, 1, 100000, FIELD(rate_lookup_burst), "40" },
	{ "client_header", OPT_HEADER, 0, 0, FIELD(client_header), "" },
	{ "trusted_proxies", OPT_PROXIES, 0, 0, FIELD(trusted_proxy), "" },
	{ "user", OPT_USER, 0, 0, FIELD(user), "" },
	{ "socket_group", OPT_GROUP, 0, 0, FIELD(socket_group), "" },
	{ "log_file", OPT_LOG_FILE, 0, 0, FIELD(log_file), "" },
};

#define N_OPTIONS (sizeof options / sizeof options[0])
#define CONFIG_LINE_MAX 4096

/* Digits only, no sign, no overflow. */
static int parse_uint(const char *s, size_t n, unsigned base,
		      unsigned long *out)
{
	unsigned long v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d >= base)
			return -1;
		if (v > (ULONG_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* "5", "5s", "1.5s", "250ms" -> milliseconds; bare numbers are seconds. */
static int parse_duration_ms(const char *s, unsigned long *ms)
{
	size_t n = strlen(s), num = 0;
	unsigned long whole, frac = 0, scale = 1000;

	while (num < n && ((s[num] >= '0' && s[num] <= '9') || s[num] == '.'))
		num++;
	const char *unit = s + num;
	if (strcmp(unit, "ms") == 0)
		scale = 1;
	else if (strcmp(unit, "s") != 0 && *unit != '\0')
		return -1;
	const char *dot = memchr(s, '.', num);
	size_t wlen = dot ? (size_t)(dot - s) : num;
	if (parse_uint(s, wlen, 10, &whole) < 0)
		return -1;
	if (dot) {
		size_t flen = num - wlen - 1;
		if (scale == 1 || flen == 0 || flen > 3 ||
		    parse_uint(dot + 1, flen, 10, &frac) < 0)
			return -1;
		for (size_t i = flen; i < 3; i++)
			frac *= 10;
	}
	if (whole > ULONG_MAX / scale - 1)
		return -1;
	*ms = whole * scale + frac;
	return 0;
}

static int parse_server(const char *s, struct config_server *out)
{
	char host[INET6_ADDRSTRLEN];
	const char *port = NULL;
	size_t hlen;
	unsigned long p = 53;

	memset(out, 0, sizeof *out);
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || (close[1] != '\0' && close[1] != ':'))
			return -1;
		hlen = (size_t)(close - s - 1);
		s++;
		port = close[1] == ':' ? close + 2 : NULL;
	} else {
		const char *colon = strchr(s, ':');
		bool v4port = colon && !strchr(colon + 1, ':');
		hlen = v4port ? (size_t)(colon - s) : strlen(s);
		port = v4port ? colon + 1 : NULL;
	}
	if (hlen == 0 || hlen >= sizeof host)
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (port && (parse_uint(port, strlen(port), 10, &p) < 0 || p == 0 ||
		     p > 65535))
		return -1;
	struct sockaddr_in *in = (struct sockaddr_in *)&out->addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&out->addr;
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)p);
	} else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)p);
	} else {
		return -1;
	}
	bool v6 = in->sin_family == AF_INET6;
	if (port)
		snprintf(out->text, sizeof out->text, "%s%s%s:%u", v6 ? "[" : "",
			 host, v6 ? "]" : "", (unsigned)p);
	else
		snprintf(out->text, sizeof out->text, "%s", host);
	return 0;
}

static int set_resolvers(struct config_server *dst, size_t *n_dst,
			 const char *value, char *err, size_t errlen)
{
	char copy[1024];
	struct config_server list[CONFIG_MAX_RESOLVERS];
	size_t n = 0;

	if (strlen(value) >= sizeof copy) {
		snprintf(err, errlen, "the list is too long");
		return -1;
	}
	memcpy(copy, value, strlen(value) + 1);
	for (char *save = NULL, *tok = strtok_r(copy, " \t,", &save); tok;
	     tok = strtok_r(NULL, " \t,", &save)) {
		if (n == CONFIG_MAX_RESOLVERS) {
			snprintf(err, errlen, "at most %d resolvers can be used",
				 CONFIG_MAX_RESOLVERS);
			return -1;
		}
		if (parse_server(tok, &list[n]) < 0) {
			snprintf(err, errlen, "'%.64s' is not an IP address "
				 "(forms: 192.0.2.1, 192.0.2.1:5353, 2001:db8::1, "
				 "[2001:db8::1]:5353)", tok);
			return -1;
		}
		n++;
	}
	memcpy(dst, list, n * sizeof list[0]);
	*n_dst = n;
	return 0;
}

/* Length of a leading "http(s)://host[:port]" of plain characters, or 0
 * when v does not start with one. */
static size_t origin_len(const char *v)
{
	size_t i;

	if (strncmp(v, "http://", 7) == 0)
		i = 7;
	else if (strncmp(v, "https://", 8) == 0)
		i = 8;
	else
		return 0;
	size_t host = i;
	while ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
	       (v[i] >= '0' && v[i] <= '9') || v[i] == '.' || v[i] == '-')
		i++;
	if (i == host)
		return 0;
	if (v[i] == ':') {
		size_t port = ++i;
		while (v[i] >= '0' && v[i] <= '9')
			i++;
		if (i == port || i - port > 5)
			return 0;
	}
	return i;
}

/* cors_origin goes into a header as it is: "*", or one origin made of
 * plain URL characters (RFC 6454), nothing that could end the header. */
static bool origin_ok(const char *v)
{
	size_t n = origin_len(v);

	return v[0] == '\0' || strcmp(v, "*") == 0 || (n > 0 && v[n] == '\0');
}

/*
 * static_url goes into an attribute and, when absolute, its origin into the
 * Content-Security-Policy header: allow only plain URL characters.
 */
static bool url_prefix_ok(const char *v)
{
	size_t n = strlen(v), i = 0;

	if (n == 0 || v[n - 1] != '/')
		return false;
	if (strncmp(v, "http", 4) == 0 && !(i = origin_len(v)))
		return false;
	if (v[i] != '/')
		return false;
	for (; i < n; i++) {
		char c = v[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("/._~-", c)))
			return false;
	}
	return true;
}

/*
 * One source of a Content-Security-Policy directive: 'self', or an origin
 * (http(s)://host[:port], "*." before the host for its subdomains). No
 * other keyword: 'unsafe-inline', nonces and hashes would let inline
 * script in, "*", data: and schemes alone would let any site in.
 */
static bool csp_source_ok(const char *tok, size_t len)
{
	char plain[256];
	size_t scheme = strncmp(tok, "https://", 8) == 0 ? 8 :
			strncmp(tok, "http://", 7) == 0 ? 7 : 0;

	if (len == 6 && strncmp(tok, "'self'", 6) == 0)
		return true;
	if (!scheme || len >= sizeof plain)
		return false;
	memcpy(plain, tok, scheme);
	size_t skip = len > scheme + 2 && strncmp(tok + scheme, "*.", 2) == 0 ?
		      2 : 0;
	memcpy(plain + scheme, tok + scheme + skip, len - scheme - skip);
	plain[len - skip] = '\0';
	return origin_len(plain) == len - skip;
}

/* A list of sources, blank- or comma-separated, stored one blank apart;
 * ancestors may instead be 'none' alone. */
static int set_sources(char *dst, size_t size, const char *value,
		       enum opt_type type, char *err, size_t errlen)
{
	char out[CONFIG_SOURCES_MAX];
	size_t n = 0, count = 0;
	bool none = false;

	for (const char *p = value; *p;) {
		size_t len = strcspn(p, " \t,");
		if (len == 0) {
			p++;
			continue;
		}
		bool is_none = type == OPT_ANCESTORS && len == 6 &&
			       strncmp(p, "'none'", 6) == 0;
		if (!is_none && !csp_source_ok(p, len)) {
			snprintf(err, errlen, "'%.*s' is not a source: each is "
				 "'self' or an origin such as "
				 "https://cdn.example.com (\"*.\" before the "
				 "host for its subdomains)%s",
				 (int)(len > 64 ? 64 : len), p,
				 type == OPT_ANCESTORS ? ", or 'none' alone" : "");
			return -1;
		}
		none |= is_none;
		if (n + len + 2 > sizeof out || n + len + 2 > size) {
			snprintf(err, errlen, "the list is longer than %lu bytes",
				 (unsigned long)(size < sizeof out ? size : sizeof out) - 1);
			return -1;
		}
		if (n)
			out[n++] = ' ';
		memcpy(out + n, p, len);
		n += len;
		count++;
		p += len;
	}
	if (none && count > 1) {
		snprintf(err, errlen, "'none' stands alone: no frame may hold "
			 "the page, so no other source can be named beside it");
		return -1;
	}
	if (type == OPT_ANCESTORS && count == 0) {
		snprintf(err, errlen, "empty: 'self' (the default), 'none' or "
			 "the origins that may frame the pages");
		return -1;
	}
	out[n] = '\0';
	memcpy(dst, out, n + 1);
	return 0;
}

/* "0", "65536", "64K", "16M", "1G". */
static int set_bytes(const struct option *o, size_t *dst, const char *value,
		     char *err, size_t errlen)
{
	size_t n = strlen(value);
	unsigned long v, scale = 1;

	if (n > 0 && strchr("KMG", value[n - 1])) {
		scale = value[n - 1] == 'K' ? 1UL << 10 :
			value[n - 1] == 'M' ? 1UL << 20 : 1UL << 30;
		n--;
	}
	if (parse_uint(value, n, 10, &v) < 0 || v > ULONG_MAX / scale) {
		snprintf(err, errlen, "'%.64s' is not a size (e.g. 16M, 512K)",
			 value);
		return -1;
	}
	v *= scale;
	if (v != 0 && (v < 64UL << 10 || v > o->max)) {
		snprintf(err, errlen, "%lu bytes is out of range: 0 (off) or "
			 "64K..%luM", v, o->max >> 20);
		return -1;
	}
	*dst = v;
	return 0;
}

static int set_string(char *dst, size_t size, const char *value,
		      enum opt_type type, char *err, size_t errlen)
{
	size_t n = strlen(value);

	if (n >= size) {
		snprintf(err, errlen, "the value is longer than %lu bytes",
			 (unsigned long)size - 1);
		return -1;
	}
	if (type == OPT_ORIGIN && !origin_ok(value)) {
		snprintf(err, errlen, "must be empty, * or one origin such as "
			 "https://help.example.com (no path)");
		return -1;
	}
	if (type == OPT_URL_PREFIX && !url_prefix_ok(value)) {
		snprintf(err, errlen, "must be a path like /nscheck/static/ or "
			 "http(s)://host[:port]/path/, ending in '/'");
		return -1;
	}
	if (type == OPT_SHM_NAME) {
		bool ok = n >= 2 && value[0] == '/' && !strchr(value + 1, '/');
		for (size_t i = 1; ok && i < n; i++)
			ok = value[i] > ' ' && value[i] < 0x7F;
		if (!ok) {
			snprintf(err, errlen, "must be '/' and a name without "
				 "'/' or blanks, e.g. /nscheck");
			return -1;
		}
	}
	if (type == OPT_PATH && n == 0) {
		snprintf(err, errlen, "the path is empty");
		return -1;
	}
	memcpy(dst, value, n + 1);
	return 0;
}

/* One code, or (list) "all" or codes apart by blanks or commas; whether
 * each has a catalogue is for the start (langs_load). */
static int set_langs(char *dst, size_t size, const char *value, bool list,
		     char *err, size_t errlen)
{
	size_t n = strlen(value), codes = 0;

	if (n >= size) {
		snprintf(err, errlen, "the value is longer than %lu bytes",
			 (unsigned long)size - 1);
		return -1;
	}
	if (!(list && strcmp(value, "all") == 0)) {
		for (const char *s = value + strspn(value, " \t,"); *s;
		     s += strspn(s, " \t,")) {
			size_t k = strcspn(s, " \t,");
			if (k >= LANG_CODE_MAX || !lang_tag_ok(s, k)) {
				snprintf(err, errlen, "\"%.*s\" is not a language "
					 "code such as de or pt-br", (int)k, s);
				return -1;
			}
			codes++;
			s += k;
		}
		if (codes == 0 || (!list && codes > 1)) {
			snprintf(err, errlen, list ? "must be all, or language "
				 "codes such as \"en de es\"" :
				 "must be one language code, such as de");
			return -1;
		}
	}
	memcpy(dst, value, n + 1);
	return 0;
}

static int set_number(const struct option *o, unsigned *dst, const char *value,
		      char *err, size_t errlen)
{
	unsigned long v;
	int r;

	switch (o->type) {
	case OPT_MS:
		r = parse_duration_ms(value, &v);
		break;
	case OPT_SECONDS:
		r = parse_duration_ms(value, &v);
		if (r == 0 && v % 1000) {
			snprintf(err, errlen, "'%.64s' is not a whole number of "
				 "seconds", value);
			return -1;
		}
		if (r == 0)
			v /= 1000;
		break;
	case OPT_OCTAL:
		r = parse_uint(value, strlen(value), 8, &v);
		break;
	default:
		r = parse_uint(value, strlen(value), 10, &v);
		break;
	}
	if (r < 0) {
		snprintf(err, errlen, "'%.64s' is not a valid %s", value,
			 o->type == OPT_MS || o->type == OPT_SECONDS ?
			 "duration (e.g. 5s, 1.5s, 250ms)" :
			 o->type == OPT_OCTAL ? "octal mode" : "number");
		return -1;
	}
	if (v < o->min || v > o->max) {
		const char *unit = o->type == OPT_MS ? "ms" :
				   o->type == OPT_SECONDS ? "s" : "";
		if (o->type == OPT_OCTAL)
			snprintf(err, errlen, "value %lo is out of range %lo..%lo",
				 v, o->min, o->max);
		else
			snprintf(err, errlen, "value %lu%s is out of range "
				 "%lu..%lu%s", v, unit, o->min, o->max, unit);
		return -1;
	}
	*dst = (unsigned)v;
	return 0;
}

static int set_bool(bool *dst, const char *value, char *err, size_t errlen)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "on") == 0) {
		*dst = true;
		return 0;
	}
	if (strcmp(value, "no") == 0 || strcmp(value, "off") == 0) {
		*dst = false;
		return 0;
	}
	snprintf(err, errlen, "'%.64s' is not yes or no", value);
	return -1;
}

static int set_log_level(enum log_level *dst, const char *value, char *err,
			 size_t errlen)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };

	for (int i = 0; i < 4; i++) {
		if (strcmp(value, names[i]) == 0) {
			*dst = (enum log_level)i;
			return 0;
		}
	}
	snprintf(err, errlen, "'%.64s' is not one of error, warn, info, debug",
		 value);
	return -1;
}

/* "N/s", "N/min" or "N/h" -> milliseconds per token. */
static int set_rate(const struct option *o, unsigned *dst, const char *value,
		    char *err, size_t errlen)
{
	const char *slash = strchr(value, '/');
	unsigned long n, unit = 0;

	if (slash && strcmp(slash + 1, "s") == 0)
		unit = 1000;
	else if (slash && strcmp(slash + 1, "min") == 0)
		unit = 60000;
	else if (slash && strcmp(slash + 1, "h") == 0)
		unit = 3600000;
	if (!unit || parse_uint(value, (size_t)(slash - value), 10, &n) < 0 ||
	    n == 0 || n > unit || unit / n < o->min || unit / n > o->max) {
		snprintf(err, errlen, "'%.64s' is not a rate from 1/h to 1000/s "
			 "(e.g. 5/s, 30/min, 100/h)", value);
		return -1;
	}
	*dst = (unsigned)(unit / n);
	return 0;
}

/* "X-Forwarded-For" -> "HTTP_X_FORWARDED_FOR", as the CGI variables are. */
static int set_header(char *dst, size_t size, const char *value, char *err,
		      size_t errlen)
{
	char name[80] = "HTTP_";
	size_t n = strlen(value);

	if (n + 6 > size || n + 6 > sizeof name) {
		snprintf(err, errlen, "the header name is too long");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char ch = value[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			  (ch >= '0' && ch <= '9') || ch == '-';
		if (!ok) {
			snprintf(err, errlen, "'%.64s' is not a header name "
				 "(letters, digits and '-')", value);
			return -1;
		}
		name[5 + i] = ch == '-' ? '_' :
			      ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
	}
	name[5 + n] = '\0';
	memcpy(dst, n ? name : "", n ? n + 6 : 1);
	return 0;
}

static int set_proxies(struct config *c, const char *value, char *err,
		       size_t errlen)
{
	struct netprefix list[CONFIG_MAX_PROXIES];
	size_t n = 0;

	for (const char *p = value; *p;) {
		size_t len = strcspn(p, " \t,");
		if (len == 0) {
			p++;
			continue;
		}
		if (n == CONFIG_MAX_PROXIES) {
			snprintf(err, errlen, "at most %d addresses or networks",
				 CONFIG_MAX_PROXIES);
			return -1;
		}
		if (netaddr_parse(p, len, true, &list[n]) < 0) {
			snprintf(err, errlen, "'%.*s' is not an address or a "
				 "network (192.0.2.1, 10.0.0.0/8, 2001:db8::/32)",
				 (int)(len > 64 ? 64 : len), p);
			return -1;
		}
		n++;
		p += len;
	}
	memcpy(c->trusted_proxy, list, n * sizeof list[0]);
	c->n_trusted_proxies = n;
	return 0;
}

/* A POSIX portable user or group name: what getpwnam() and getgrnam()
 * are given. */
static int set_user(char *dst, size_t size, const char *value,
		    const char *what, char *err, size_t errlen)
{
	size_t n = strlen(value);
	bool ok = n < size && value[0] != '-';

	for (size_t i = 0; ok && i < n; i++) {
		char ch = value[i];
		ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		     (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		     ch == '.';
	}
	if (!ok) {
		snprintf(err, errlen, "'%.64s' is not a %s name", value, what);
		return -1;
	}
	memcpy(dst, value, n + 1);
	return 0;
}

/* Read again after every SIGHUP from the working directory of that
 * moment: only an absolute path means one file. */
static int set_log_file(char *dst, size_t size, const char *value, char *err,
			size_t errlen)
{
	if (value[0] && value[0] != '/') {
		snprintf(err, errlen, "'%.64s' is not an absolute path", value);
		return -1;
	}
	return set_string(dst, size, value, OPT_MAYBE_PATH, err, errlen);
}

static const struct option *find_option(const char *key)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (strcmp(options[i].name, key) == 0)
			return &options[i];
	return NULL;
}

int config_set(struct config *c, const char *key, const char *value,
	       char *err, size_t errlen)
{
	const struct option *o = find_option(key);
	char why[CONFIG_ERR_MAX] = "";
	void *field;
	int r;

	if (!o) {
		snprintf(err, errlen, "unknown key '%.64s'", key);
		return -1;
	}
	field = (char *)c + o->offset;
	switch (o->type) {
	case OPT_RESOLVERS:
		r = o->offset == offsetof(struct config, resolver) ?
		    set_resolvers(c->resolver, &c->n_resolvers, value, why,
				  sizeof why) :
		    set_resolvers(c->view_resolver, &c->n_view_resolvers, value,
				  why, sizeof why);
		break;
	case OPT_PATH:
	case OPT_URL_PREFIX:
	case OPT_SHM_NAME:
	case OPT_ORIGIN:
		r = set_string(field, o->size, value, o->type, why, sizeof why);
		break;
	case OPT_BYTES:
		r = set_bytes(o, field, value, why, sizeof why);
		break;
	case OPT_BOOL:
		r = set_bool(field, value, why, sizeof why);
		break;
	case OPT_MAYBE_PATH:
		r = set_string(field, o->size, value, o->type, why, sizeof why);
		break;
	case OPT_LOG_LEVEL:
		r = set_log_level(field, value, why, sizeof why);
		break;
	case OPT_RATE:
		r = set_rate(o, field, value, why, sizeof why);
		break;
	case OPT_HEADER:
		r = set_header(field, o->size, value, why, sizeof why);
		break;
	case OPT_PROXIES:
		r = set_proxies(c, value, why, sizeof why);
		break;
	case OPT_USER:
	case OPT_GROUP:
		r = set_user(field, o->size, value, o->type == OPT_USER ? "user" :
			     "group", why, sizeof why);
		break;
	case OPT_LOG_FILE:
		r = set_log_file(field, o->size, value, why, sizeof why);
		break;
	case OPT_LANG:
	case OPT_LANGS:
		r = set_langs(field, o->size, value, o->type == OPT_LANGS, why,
			      sizeof why);
		break;
	case OPT_SOURCES:
	case OPT_ANCESTORS:
		r = set_sources(field, o->size, value, o->type, why, sizeof why);
		break;
	default:
		r = set_number(o, field, value, why, sizeof why);
		break;
	}
	if (r < 0)
		snprintf(err, errlen, "%s: %s", key, why);
	return r;
}

const char *config_key(size_t i)
{
	return i < N_OPTIONS ? options[i].name : NULL;
}

void config_defaults(struct config *c)
{
	char err[CONFIG_ERR_MAX];

	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < N_OPTIONS; i++)
		config_set(c, options[i].name, options[i].def, err, sizeof err);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/* One line; returns 0, or -1 with the reason in why. */
static int parse_line(struct config *c, char *line, unsigned *seen,
		      unsigned lineno, char *why, size_t whylen)
{
	char *hash = line;

	/* '#' starts a comment at the start of a line or after a blank */
	while ((hash = strchr(hash, '#')) != NULL) {
		if (hash == line || hash[-1] == ' ' || hash[-1] == '\t') {
			*hash = '\0';
			break;
		}
		hash++;
	}
	char *s = trim(line);
	if (*s == '\0')
		return 0;
	char *eq = strchr(s, '=');
	if (!eq) {
		snprintf(why, whylen, "expected 'key = value'");
		return -1;
	}
	*eq = '\0';
	char *key = trim(s), *value = trim(eq + 1);
	const struct option *o = find_option(key);
	if (o) {
		unsigned *first = &seen[o - options];
		if (*first) {
			snprintf(why, whylen, "'%s' is already set on line %u",
				 key, *first);
			return -1;
		}
		*first = lineno;
	}
	return config_set(c, key, value, why, whylen);
}

int config_load(struct config *c, const char *path, bool missing_ok,
		char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[CONFIG_ERR_MAX];
	size_t cap = 0;
	ssize_t n;
	unsigned seen[N_OPTIONS] = { 0 };
	unsigned lineno = 0;
	int r = 0;

	if (!f) {
		if (missing_ok && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n > CONFIG_LINE_MAX) {
			snprintf(err, errlen, "%s:%u: the line is longer than %d "
				 "bytes", path, lineno, CONFIG_LINE_MAX);
			r = -1;
			break;
		}
		if (strlen(line) != (size_t)n) {
			snprintf(err, errlen, "%s:%u: the line holds a NUL byte",
				 path, lineno);
			r = -1;
			break;
		}
		if (parse_line(c, line, seen, lineno, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
			r = -1;
			break;
		}
	}
	if (r == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		r = -1;
	}
	free(line);
	fclose(f);
	if (r == 0)
		snprintf(c->path, sizeof c->path, "%s", path);
	return r;
}

/* The "nameserver" lines of resolv.conf(5). */
static int read_resolv_conf(struct config *c, char *err, size_t errlen)
{
	FILE *f = fopen(c->resolv_conf, "r");
	char line[512];

	if (!f) {
		snprintf(err, errlen, "no resolver configured and %s cannot be "
			 "read: %s", c->resolv_conf, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) && c->n_resolvers < CONFIG_MAX_RESOLVERS) {
		char *save = NULL;
		char *word = strtok_r(line, " \t\r\n", &save);
		char *addr = strtok_r(NULL, " \t\r\n", &save);
		if (!word || !addr || strcmp(word, "nameserver") != 0)
			continue;
		/* a scoped address (fe80::1%eth0) fails to parse: skipped */
		if (parse_server(addr, &c->resolver[c->n_resolvers]) == 0)
			c->n_resolvers++;
	}
	fclose(f);
	if (c->n_resolvers == 0) {
		snprintf(err, errlen, "no resolver configured and %s names no "
			 "usable nameserver; set 'resolver'", c->resolv_conf);
		return -1;
	}
	return 0;
}

int config_finish(struct config *c, char *err, size_t errlen)
{
	if (c->cache_min_ttl > c->cache_max_ttl) {
		snprintf(err, errlen, "%s: cache_min_ttl (%us) is above "
			 "cache_max_ttl (%us)", c->path[0] ? c->path : "settings",
			 c->cache_min_ttl, c->cache_max_ttl);
		return -1;
	}
	if (c->client_header[0] && c->n_trusted_proxies == 0) {
		snprintf(err, errlen, "%s: client_header is set but "
			 "trusted_proxies is empty: name the proxies whose "
			 "header is to be believed",
			 c->path[0] ? c->path : "settings");
		return -1;
	}
	if (c->n_resolvers == 0)
		return read_resolv_conf(c, err, errlen);
	return 0;
}

void config_resolvers_text(const struct config *c, char *out, size_t outlen)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < c->n_resolvers && used < outlen; i++) {
		int w = snprintf(out + used, outlen - used, "%s%s", i ? ", " : "",
				 c->resolver[i].text);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}
