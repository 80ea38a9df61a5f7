/*
 * wire: a byte-by-byte DNS packet writer for unit tests, so malformed
 * packets (pointer loops, pointers past the end, wrong lengths) are as easy
 * to build as good ones. Writing past the buffer fails the test.
 */
#ifndef NSCHECK_TEST_WIRE_H
#define NSCHECK_TEST_WIRE_H

#include <stddef.h>
#include <stdint.h>

struct pkt {
	unsigned char b[65535]; /* the largest DNS message */
	size_t n;
	size_t qname_end; /* just past the question's name: its QTYPE */
	size_t qend;      /* just past the question's type and class */
};

void pkt_u8(struct pkt *p, unsigned v);
void pkt_u16(struct pkt *p, unsigned v);
void pkt_u32(struct pkt *p, uint32_t v);
/* "a.b.c" as labels, without the terminating root label */
void pkt_labels(struct pkt *p, const char *dotted);
/* a full uncompressed name; "" is the root */
void pkt_name(struct pkt *p, const char *dotted);
/* a compression pointer to offset off (RFC 1035 4.1.4) */
void pkt_ptr(struct pkt *p, size_t off);
/* a placeholder RDLENGTH; returns where it is, for pkt_rdlen_end() */
size_t pkt_rdlen_begin(struct pkt *p);
/* RDLENGTH at `at` = what was written since, plus adjust (which makes
 * wrong lengths on purpose) */
void pkt_rdlen_end(struct pkt *p, size_t at, int adjust);

#endif
