/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DNS over UDP (RFC 1035, RFC 6762 mDNS, RFC 6891 EDNS0) as tcpdump 4.99.3 prints it after a
 * UDP header on port 53 or 5353: dns.c the message, dns_rr.c the records, dns_name.c names.
 * Offsets are from the message's start; a result < 0 is print-domain.c's NULL.
 */
#ifndef XDPSPY_PRINT_DNS_H
#define XDPSPY_PRINT_DNS_H

#include <stdbool.h>
#include <stdint.h>

#include "printer.h"
#include "strbuf.h"

/* RFC 1035 3.2.2-4, RFC 3596, RFC 2782, RFC 6891, RFC 6762 18.12: the types and classes the
 * printers read. */
enum {
	DNS_T_A = 1,
	DNS_T_NS = 2,
	DNS_T_CNAME = 5,
	DNS_T_SOA = 6,
	DNS_T_PTR = 12,
	DNS_T_MX = 15,
	DNS_T_TXT = 16,
	DNS_T_AAAA = 28,
	DNS_T_SRV = 33,
	DNS_T_A6 = 38,
	DNS_T_DNAME = 39,
	DNS_T_OPT = 41,
	DNS_T_UNSPECA = 104,
	DNS_T_TSIG = 250,
	DNS_T_URI = 256,
	DNS_C_IN = 1,
	DNS_C_QU = 0x8000, /* mDNS: a question wanting a unicast answer; in records, cache flush */
};

struct dns {
	const uint8_t *bp; /* the message */
	uint32_t cap; /* bytes of it captured (tcpdump's snapend) */
	struct strbuf *sb;
	int vflag;
	bool mdns;
	bool lost; /* a read past the capture: tcpdump's GET_ macros longjmp out of the record */
};

/* The message: length is the UDP payload's, p its cap captured bytes. True when the record
 * goes on; false when it ended (" [|domain]" written; *lost when tcpdump longjmps). */
bool print_dns(const struct printer *pr, const uint8_t *p, uint32_t cap, uint32_t length, bool mdns,
	       bool *lost, struct strbuf *sb);

/* DNS over TCP (RFC 1035 4.2.2), as tcp_print() hands port 53's payload to domain_print():
 * the two-byte length, checked against the segment's, then the message. length and cap are
 * the TCP payload's. */
bool print_dns_tcp(const struct printer *pr, const uint8_t *p, uint32_t cap, uint32_t length,
		   bool *lost, struct strbuf *sb);

/* dns_name.c */
bool dns_get(struct dns *d, uint32_t off, uint32_t n); /* n bytes at off, or lost */
bool dns_printn(struct dns *d, uint32_t off, uint32_t n); /* false: ran out */
int64_t dns_nskip(const struct dns *d, uint32_t cp);
int64_t dns_fqdn(struct dns *d, uint32_t cp);
int64_t dns_cstring(struct dns *d, uint32_t cp);

/* dns_rr.c */
int64_t dns_qprint(struct dns *d, uint32_t cp);
int64_t dns_rprint(struct dns *d, uint32_t cp);
const char *dns_type_name(uint32_t type);

/* dns_rdata.c: a record's data, after its type's name; its end, or -1 when the record ends. */
struct dns_rr {
	uint32_t type;
	uint32_t class; /* mDNS: without the cache flush bit */
	uint16_t opt_flags; /* OPT: the flags word of its TTL */
	uint32_t cp, rp, len; /* the data: start, end, length */
};
int64_t dns_rdata(struct dns *d, const struct dns_rr *rr);

#endif
