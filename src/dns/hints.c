/*
 * hints: root server addresses (see hints.h). The built-in list is the
 * root servers' published addresses; a file may replace it, read as zone
 * file lines "NAME [TTL] [IN] A|AAAA ADDRESS" (NS lines and comments are
 * skipped).
 */
#include "dns/hints.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *v4, *v6;
} builtin[] = {
	{ "a.root-servers.net", "198.41.0.4", "2001:503:ba3e::2:30" },
	{ "b.root-servers.net", "170.247.170.2", "2801:1b8:10::b" },
	{ "c.root-servers.net", "192.33.4.12", "2001:500:2::c" },
	{ "d.root-servers.net", "199.7.91.13", "2001:500:2d::d" },
	{ "e.root-servers.net", "192.203.230.10", "2001:500:a8::e" },
	{ "f.root-servers.net", "192.5.5.241", "2001:500:2f::f" },
	{ "g.root-servers.net", "192.112.36.4", "2001:500:12::d0d" },
	{ "h.root-servers.net", "198.97.190.53", "2001:500:1::53" },
	{ "i.root-servers.net", "192.36.148.17", "2001:7fe::53" },
	{ "j.root-servers.net", "192.58.128.30", "2001:503:c27::2:30" },
	{ "k.root-servers.net", "193.0.14.129", "2001:7fd::1" },
	{ "l.root-servers.net", "199.7.83.42", "2001:500:9f::42" },
	{ "m.root-servers.net", "202.12.27.33", "2001:dc3::35" },
};

static int add(struct hints *out, const char *name, const char *addr, bool v6)
{
	struct hint *h;
	size_t n = strlen(name);

	if (out->n == HINTS_MAX)
		return -1;
	h = &out->h[out->n];
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n >= sizeof h->name ||
	    inet_pton(v6 ? AF_INET6 : AF_INET, addr, h->addr) != 1)
		return -1;
	memcpy(h->name, name, n);
	h->name[n] = '\0';
	h->v6 = v6;
	out->n++;
	return 0;
}

/* One line; 0 also for lines that are not address records. */
static int parse_line(struct hints *out, char *line, const char **why)
{
	char *save = NULL, *tok[6];
	int n = 0;

	line[strcspn(line, ";\r\n")] = '\0';
	for (char *t = strtok_r(line, " \t", &save); t && n < 6;
	     t = strtok_r(NULL, " \t", &save))
		tok[n++] = t;
	if (n == 0)
		return 0;
	/* NAME [TTL] [IN] TYPE DATA: TTL and class are optional */
	int t = 1;
	if (t < n && strspn(tok[t], "0123456789") == strlen(tok[t]))
		t++;
	if (t < n && strcasecmp(tok[t], "IN") == 0)
		t++;
	if (n != t + 2) {
		*why = "expected NAME [TTL] [IN] TYPE DATA";
		return -1;
	}
	const char *type = tok[t], *data = tok[t + 1];
	if (strcasecmp(type, "A") != 0 && strcasecmp(type, "AAAA") != 0)
		return 0;
	if (add(out, tok[0], data, strcasecmp(type, "AAAA") == 0) < 0)
		return *why = "not a usable address, or too many", -1;
	return 0;
}

int hints_load(struct hints *out, const char *path, char *err, size_t errlen)
{
	char line[512];
	unsigned lineno = 0;
	const char *why = NULL;

	memset(out, 0, sizeof *out);
	if (!path || !*path) {
		for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
			add(out, builtin[i].name, builtin[i].v4, false);
			add(out, builtin[i].name, builtin[i].v6, true);
		}
		return 0;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (parse_line(out, line, &why) < 0)
			break;
	}
	fclose(f);
	if (why) {
		snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
		return -1;
	}
	if (out->n == 0) {
		snprintf(err, errlen, "%s: no A or AAAA record of a root server",
			 path);
		return -1;
	}
	return 0;
}
