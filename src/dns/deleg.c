/*
 * deleg: classify a reply to a non-recursive NS query (see deleg.h).
 *
 * RFC 1034 §4.3.2: a server that does not hold NAME's zone but knows the
 * cut above it answers with a referral: no answer records, the NS records
 * of the child zone in the authority section, and their addresses (glue)
 * in the additional section.
 */
#include "dns/deleg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "dns/dnsmsg.h"
#include "util/names.h"

#define NS_MAX 64
#define GLUE_MAX 128

struct scan {
	struct arena *a;
	const char *qname;
	bool bad;
	/* NS records, by section */
	const char *ns[2][NS_MAX];
	const char *owner[2];
	size_t n[2];
	uint32_t ttl[2];
	const char *soa_zone;     /* owner of an SOA above NAME, authority */
	bool soa_answer;
	uint32_t serial;
	uint32_t negative_ttl;
	struct deleg_addr glue[GLUE_MAX];
	size_t n_glue;
};

static void lower(char *p);

char *deleg_lower(struct arena *a, const char *name)
{
	char *s = arena_strdup(a, name);

	if (s)
		lower(s);
	return s;
}

bool deleg_under(const char *name, const char *zone)
{
	size_t n = strlen(name), z = strlen(zone);

	if (strcmp(zone, ".") == 0 || strcasecmp(name, zone) == 0)
		return true;
	return n > z && name[n - z - 1] == '.' &&
	       strcasecmp(name + n - z, zone) == 0;
}

static void lower(char *p)
{
	for (; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
}

/* rr's owner as lower-case text in buf (DNS_MAXNAME bytes); -1 if the
 * name does not convert. Nothing goes to the arena: a reply can hold
 * thousands of records, and only the few kept are copied there. */
static int owner_text(const struct dnsmsg_rr *rr, char *buf)
{
	if (rr->owner[0] == 0) { /* the root: dns_dntop gives "" */
		buf[0] = '.';
		buf[1] = '\0';
		return 0;
	}
	if (dns_dntop(rr->owner, buf, DNS_MAXNAME) <= 0)
		return -1;
	lower(buf);
	return 0;
}

/* A copy in the arena; out of room marks the whole reply unusable. */
static const char *keep(struct scan *s, const char *text)
{
	const char *copy = deleg_lower(s->a, text);

	if (!copy)
		s->bad = true;
	return copy;
}

static void add_ns(struct scan *s, int sec, const struct dnsmsg_rr *rr,
		   const unsigned char *pkt, size_t len)
{
	char owner[DNS_MAXNAME], name[DNS_MAXNAME];

	if (owner_text(rr, owner) < 0 ||
	    dnsmsg_rdata_name(pkt, len, rr, name, sizeof name) < 0) {
		s->bad = true;
		return;
	}
	/* one NS set per section: records of another owner are ignored */
	if (s->owner[sec] && strcmp(s->owner[sec], owner) != 0)
		return;
	if (s->n[sec] == NS_MAX)
		return;
	if (!s->owner[sec] && !(s->owner[sec] = keep(s, owner)))
		return;
	const char *ns = keep(s, name);
	if (!ns)
		return;
	s->ns[sec][s->n[sec]++] = ns;
	if (s->n[sec] == 1 || rr->ttl < s->ttl[sec])
		s->ttl[sec] = rr->ttl;
}

/* Is name one of the NS names met so far? (The additional section comes
 * after the others, so only glue for those names takes room.) */
static bool in_sets(const struct scan *s, const char *name)
{
	return names_has(s->ns[0], s->n[0], name) ||
	       names_has(s->ns[1], s->n[1], name);
}

static void add_glue(struct scan *s, const struct dnsmsg_rr *rr)
{
	bool v6 = rr->type == DNS_T_AAAA;
	size_t size = v6 ? 16 : 4;

	char owner[DNS_MAXNAME];

	if (rr->rdlen != size || s->n_glue == GLUE_MAX ||
	    owner_text(rr, owner) < 0 || !in_sets(s, owner))
		return;
	struct deleg_addr *g = &s->glue[s->n_glue];
	if (!(g->name = keep(s, owner)))
		return;
	memset(g->addr, 0, sizeof g->addr);
	memcpy(g->addr, rr->rdata, size);
	g->v6 = v6;
	g->ttl = rr->ttl;
	s->n_glue++;
}

/* An SOA for the name asked: its serial (the zone's version). */
static void take_serial(struct scan *s, const struct dnsmsg_rr *rr,
			const unsigned char *pkt, size_t len)
{
	struct dnsmsg_soa soa;
	char owner[DNS_MAXNAME];

	if (s->soa_answer || owner_text(rr, owner) < 0 ||
	    strcasecmp(owner, s->qname) != 0)
		return;
	if (dnsmsg_rdata_soa(pkt, len, rr, &soa) < 0) {
		s->bad = true;
		return;
	}
	s->soa_answer = true;
	s->serial = soa.serial;
	soa.ttl = rr->ttl;
	s->negative_ttl = dnsmsg_negative_ttl(&soa);
}

/* An SOA in the authority section: the zone that says "no such name" or
 * "no data". Only a zone at or above NAME can say that about NAME; a
 * server that answers with the SOA of some other zone is lame. */
static void note_soa_zone(struct scan *s, const struct dnsmsg_rr *rr)
{
	char owner[DNS_MAXNAME];

	if (s->soa_zone || owner_text(rr, owner) < 0 ||
	    !deleg_under(s->qname, owner))
		return;
	s->soa_zone = keep(s, owner);
}

static void on_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		  size_t len, void *ctx)
{
	struct scan *s = ctx;

	if (rr->cls != DNS_C_IN)
		return;
	if (rr->type == DNS_T_NS && rr->section != DNSMSG_ADDITIONAL)
		add_ns(s, rr->section == DNSMSG_ANSWER ? 0 : 1, rr, pkt, len);
	else if ((rr->type == DNS_T_A || rr->type == DNS_T_AAAA) &&
		 rr->section == DNSMSG_ADDITIONAL)
		add_glue(s, rr);
	else if (rr->type == DNS_T_SOA && rr->section == DNSMSG_AUTHORITY)
		note_soa_zone(s, rr);
	else if (rr->type == DNS_T_SOA && rr->section == DNSMSG_ANSWER)
		take_serial(s, rr, pkt, len);
}

/* The NS set of one section into out: sorted, unique, with its glue. */
static int take_set(struct scan *s, int sec, struct deleg *out)
{
	size_t n = 0;

	out->zone = s->owner[sec];
	out->ttl = s->ttl[sec];
	out->ns = arena_array(s->a, s->n[sec] ? s->n[sec] : 1, sizeof *out->ns);
	if (!out->ns)
		return -1;
	memcpy(out->ns, s->ns[sec], s->n[sec] * sizeof *out->ns);
	names_sort(out->ns, s->n[sec]);
	for (size_t i = 0; i < s->n[sec]; i++)
		if (n == 0 || strcmp(out->ns[n - 1], out->ns[i]) != 0)
			out->ns[n++] = out->ns[i];
	out->n_ns = n;
	/* glue: only addresses of the names in the set */
	out->glue = arena_array(s->a, s->n_glue ? s->n_glue : 1, sizeof *out->glue);
	if (!out->glue)
		return -1;
	for (size_t i = 0; i < s->n_glue; i++)
		if (names_has(out->ns, n, s->glue[i].name))
			out->glue[out->n_glue++] = s->glue[i];
	return 0;
}

static void classify(struct scan *s, struct deleg *out)
{
	bool ans_ns = s->n[0] > 0 && deleg_under(s->owner[0], s->qname) &&
		      deleg_under(s->qname, s->owner[0]);
	bool auth_ns = s->n[1] > 0 && deleg_under(s->qname, s->owner[1]);

	out->kind = DELEG_OTHER;
	if (out->rcode == DNS_R_NXDOMAIN && out->aa) {
		out->kind = DELEG_NXDOMAIN;
		out->zone = s->soa_zone;
	}
	else if (out->rcode != DNS_R_NOERROR)
		return;
	else if (ans_ns && out->aa)
		out->kind = take_set(s, 0, out) < 0 ? DELEG_OTHER : DELEG_ANSWER;
	else if (!ans_ns && auth_ns && !out->aa)
		out->kind = take_set(s, 1, out) < 0 ? DELEG_OTHER : DELEG_REFERRAL;
	else if (out->aa && s->soa_zone) {
		out->kind = DELEG_NODATA;
		out->zone = s->soa_zone;
	}
}

int deleg_parse(const unsigned char *pkt, size_t len, const char *qname,
		struct arena *a, struct deleg *out)
{
	struct scan *s = calloc(1, sizeof *s);

	memset(out, 0, sizeof *out);
	out->kind = DELEG_OTHER;
	if (!s)
		return -1;
	s->a = a;
	s->qname = qname;
	out->rcode = dnsmsg_rcode(pkt, len);
	if (out->rcode < 0 || dnsmsg_each_rr(pkt, len, on_rr, s) < 0 || s->bad) {
		free(s);
		return -1;
	}
	out->aa = dns_aa(pkt) != 0;
	out->tc = dns_tc(pkt) != 0;
	out->has_soa = s->soa_answer;
	out->serial = s->serial;
	out->negative_ttl = s->negative_ttl;
	classify(s, out);
	free(s);
	return 0;
}
