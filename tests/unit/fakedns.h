/*
 * fakedns: a scripted DNS server on 127.0.0.1 for the resolver and lookup
 * tests.
 *
 * The test binds the socket (kernel-chosen port), then forks a child that
 * answers each query from a script keyed by (name, type): the reply copies
 * the query's id and question and adds the rcode, header flags and records
 * the script names, built byte by byte, so malformed replies are as easy as
 * good ones. A question the script does not name gets no reply at all. The
 * child dies with SIGKILL from fakedns_stop(), or with its parent.
 */
#ifndef NSCHECK_TEST_FAKEDNS_H
#define NSCHECK_TEST_FAKEDNS_H

#include <stdint.h>
#include <sys/types.h>

#define FAKEDNS_MAX_RR 6

/* Header bits a scripted reply may carry besides QR, RD, RA and the rcode. */
#define FAKEDNS_TC 0x1
#define FAKEDNS_AA 0x2

/* An NS record whose RDATA is a compression pointer to itself. */
#define FAKEDNS_T_NSLOOP 0x10001

struct fakedns_rr {
	int type;          /* DNS_T_*, FAKEDNS_T_NSLOOP; 0 ends the list */
	const char *owner; /* NULL: the question's name (a pointer to it) */
	uint32_t ttl;
	/* NS, CNAME: a name; A, AAAA: an address;
	 * SOA: "mname rname serial refresh retry expire minimum" */
	const char *data;
};

struct fakedns_answer {
	const char *qname;  /* "" is the root; NULL ends the script */
	int qtype;
	unsigned rcode;
	unsigned flags;     /* FAKEDNS_TC, FAKEDNS_AA */
	struct fakedns_rr an[FAKEDNS_MAX_RR];
	struct fakedns_rr ns[FAKEDNS_MAX_RR];
};

struct fakedns {
	int fd;
	pid_t pid;          /* the serving child, 0 when none */
	unsigned port;
	char addr[32];      /* "127.0.0.1:PORT", as config_set takes it */
};

/* Binds the UDP socket; fails the test when it cannot. */
void fakedns_open(struct fakedns *f);

/* Forks the child that answers from script (its own copy of it). */
void fakedns_start(struct fakedns *f, const struct fakedns_answer *script);

/* Kills and reaps the child, closes the socket; safe to call twice. */
void fakedns_stop(struct fakedns *f);

#endif
