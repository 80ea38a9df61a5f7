/*
 * fakedns: a scripted DNS server on loopback for the resolver, lookup and
 * report tests.
 *
 * The test binds the socket (on 127.0.0.1 and a kernel-chosen port, or on
 * an address and port of its choice, over TCP as well), then forks a child
 * that answers each query from a script keyed by (name, type): the reply
 * copies the query's id and question and adds the rcode, header flags and
 * records the script names, built byte by byte, so malformed replies are as
 * easy as good ones. A question the script does not name gets no reply at
 * all (over TCP: the connection is closed). The child dies with SIGKILL
 * from fakedns_stop(), or with its parent. A server bound but never started
 * is one that is up and never answers: its queries wait in the kernel.
 */
#ifndef NSCHECK_TEST_FAKEDNS_H
#define NSCHECK_TEST_FAKEDNS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define FAKEDNS_MAX_RR 6

/* Header bits a scripted reply may carry besides QR, RD, RA and the rcode.
 * TC is set over UDP only: over TCP the same records come whole. */
#define FAKEDNS_TC 0x1
#define FAKEDNS_AA 0x2

/* An NS record whose RDATA is a compression pointer to itself. */
#define FAKEDNS_T_NSLOOP 0x10001

/* In a script, qname "*" stands for any name and qtype FAKEDNS_Q_ANY for
 * any type; the first entry that fits the question answers it. */
#define FAKEDNS_Q_ANY 0x10002

struct fakedns_rr {
	int type;          /* DNS_T_*, FAKEDNS_T_NSLOOP; 0 ends the list */
	const char *owner; /* NULL: the question's name (a pointer to it) */
	uint32_t ttl;
	/* NS, CNAME: a name; A, AAAA: an address;
	 * SOA: "mname rname serial refresh retry expire minimum";
	 * DS: "tag algorithm digest-type HEX"; DNSKEY: "flags protocol
	 * algorithm HEX" (the digest or key in hex) */
	const char *data;
};

struct fakedns_answer {
	const char *qname;  /* "" is the root, "*" any; NULL ends the script */
	int qtype;          /* DNS_T_*, FAKEDNS_Q_ANY */
	unsigned rcode;
	unsigned flags;     /* FAKEDNS_TC, FAKEDNS_AA */
	struct fakedns_rr an[FAKEDNS_MAX_RR];
	struct fakedns_rr ns[FAKEDNS_MAX_RR];
	struct fakedns_rr ar[FAKEDNS_MAX_RR];  /* additional: glue */
};

struct fakedns {
	int fd;
	int tcp_fd;         /* listening, or -1 */
	pid_t pid;          /* the serving child, 0 when none */
	unsigned port;
	char addr[32];      /* "127.0.0.1:PORT", "[::1]:PORT", as config_set
			       takes it */
};

/* Binds the UDP socket on 127.0.0.1; fails the test when it cannot. */
void fakedns_open(struct fakedns *f);

/* Binds UDP on ip ("127.0.0.2", "::1") and port (0: the kernel picks
 * one), and with tcp a listening TCP socket on the same port. 0, or -1
 * with errno (EADDRINUSE: another port may do); nothing stays open then. */
int fakedns_bind(struct fakedns *f, const char *ip, unsigned port, bool tcp);

/* Forks the child that answers from script (its own copy of it). */
void fakedns_start(struct fakedns *f, const struct fakedns_answer *script);

/* Kills and reaps the child, closes the socket; safe to call twice. */
void fakedns_stop(struct fakedns *f);

#endif
