/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the printer is asked for (the options) and what it is told of a packet besides its
 * event (time stamp, lengths, bytes): the types the printer's callers and its layers share.
 * Types only, so that any layer can include it without depending on the printer's entry.
 */
#ifndef XDPSPY_PRINT_TYPES_H
#define XDPSPY_PRINT_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "proc_owner.h"

/*
 * Connections whose relative sequence numbers are kept, by default: every test capture's
 * lines are tcpdump's, and a full table takes 72 MiB (lru.c: 64 bytes an entry and 8 of
 * buckets), only on a server that sees this many at once.
 */
#define PRINT_MAX_CONNS 1048576 /* 2^20; a literal, for --help's text */

struct print_opts {
	int nflag; /* -n: no host or port names */
	int tflag; /* tcpdump's ndo_tflag: 0 local time, 1 none, 2 epoch, 3 delta, 4 date, 5 since first */
	int eflag;
	int qflag;
	int vflag;
	int xflag; /* -x count: hex dump, -xx with the link-level header */
	int Xflag; /* -X count: hex and ASCII */
	int Aflag; /* -A count: ASCII */
	bool Sflag; /* absolute sequence numbers */
	bool Kflag; /* no checksum verification */
	bool number; /* -#: a packet number before each record */
	bool nano; /* timestamps are nanoseconds */
	bool json; /* --json: one object per packet instead of tcpdump's line */
	bool classic; /* --classic: tcpdump 3.7.2's line (print/classic.c) */
	/* --max-conns: connections (and host names) remembered at most; 0: PRINT_MAX_CONNS */
	uint32_t max_conns;
};

/* --process: the owner the kernel found for a packet, and its cgroup's path (NULL: the cgroup
 * is gone, its id is printed). */
struct pkt_owner {
	struct xs_owner k;
	const char *cgroup;
};

/* Time stamp and original frame length of a packet, as pcap gives them, and its bytes. */
struct pkt_info {
	int64_t sec;
	int64_t nsec; /* nanoseconds: printed as microseconds but with --nano; signed, as libpcap's
		       * fraction (a file's may be out of range, and is printed as it is) */
	uint32_t wire_len;
	uint32_t cap_len;
	const uint8_t *data; /* the captured bytes (cap_len of them), or NULL: headers only */
	/* -i any (a cooked capture): the interface's name, printed before the packet; NULL for
	 * an Ethernet capture */
	const char *ifname;
	uint16_t hatype; /* -i any: the interface's ARPHRD_ type, for -w's cooked header */
	const struct pkt_owner *owner; /* --process: appended after the line; NULL without */
};

#endif
