/*
 * Fuzz target: a DNS reply from anywhere. Every parser that reads replies
 * gets the same bytes: the NS answer parser (as udns calls it), the SOA
 * and CNAME readers, the record walk with its RDATA readers, the reply
 * matcher, the delegation classifier, and the dissector that shows a
 * reply record by record (with every type's presentation form).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "dns/deleg.h"
#include "dns/dissect.h"
#include "dns/dnsmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_rr(const struct dnsmsg_rr *rr, const unsigned char *pkt,
		  size_t len, void *ctx)
{
	char name[DNS_MAXNAME];
	struct dnsmsg_soa soa;

	(void)ctx;
	if (rr->type == DNS_T_NS || rr->type == DNS_T_CNAME)
		(void)dnsmsg_rdata_name(pkt, len, rr, name, sizeof name);
	else if (rr->type == DNS_T_SOA)
		(void)dnsmsg_rdata_soa(pkt, len, rr, &soa);
}

static int printable(const char *s)
{
	for (; s && *s; s++)
		if (*s < 0x20 || *s > 0x7E)
			return 0;
	return s != NULL;
}

/* What udns does before calling a parse function: read the question's
 * name, check that QTYPE and QCLASS follow, and pass cur pointing at them. */
static void parse_ns(const unsigned char *pkt, size_t len)
{
	dnsc_t qdn[DNS_MAXDN];
	dnscc_t *cur, *end = pkt + len;
	void *result = NULL;

	if (len < DNS_HSIZE)
		return;
	cur = dns_payload(pkt);
	if (dns_getdn(pkt, &cur, end, qdn, sizeof qdn) <= 0 || end - cur < 4)
		return;
	if (dnsmsg_parse_ns(qdn, pkt, cur, end, &result) == 0)
		free(result);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy: a read past the end is caught */
	unsigned char *pkt = malloc(size ? size : 1);
	struct arena *a = arena_new(1 << 20);
	char target[DNS_MAXNAME];
	struct dnsmsg_soa soa;
	struct deleg d;
	unsigned char query[512];

	if (!pkt || !a)
		abort();
	memcpy(pkt, data, size);
	parse_ns(pkt, size);
	(void)dnsmsg_rcode(pkt, size);
	(void)dnsmsg_find_soa(pkt, size, &soa);
	(void)dnsmsg_alias_target(pkt, size, target, sizeof target);
	(void)dnsmsg_each_rr(pkt, size, on_rr, NULL);
	int qlen = dnsmsg_build_query(query, sizeof query, size >= 2 ?
				      (unsigned)(pkt[0] << 8 | pkt[1]) : 0,
				      "example.com", DNS_T_NS, false, 1232);
	if (qlen > 0)
		(void)dnsmsg_answers(pkt, size, query, (size_t)qlen);
	if (deleg_parse(pkt, size, "example.com", a, &d) == 0)
		for (size_t i = 0; i < d.n_ns; i++)
			if (!d.ns[i])
				abort(); /* a parsed set never holds a hole */
	/* whatever the bytes, what people are shown is printable ASCII */
	struct dissect msg;
	if (dissect_message(a, pkt, size, &msg) == 0)
		for (size_t i = 0; i < msg.n_rr; i++)
			if (!printable(msg.rr[i].owner) || !printable(msg.rr[i].data) ||
			    !printable(msg.rr[i].type) || !printable(msg.rr[i].cls))
				abort();
	arena_free(a);
	free(pkt);
	return 0;
}
