/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The printer's state for a whole run: the options, the names looked up, the time stamp
 * column's references, tcpdump's relative sequence numbers, the packet count. user/print.c
 * makes and frees it; the layers read it (and tcpseq.c and the time stamp writers update their
 * parts). What belongs to one packet travels in its view instead (view.h).
 */
#ifndef XDPSPY_PRINT_PRINTER_H
#define XDPSPY_PRINT_PRINTER_H

#include <stdint.h>

#include "timefmt.h"
#include "types.h"

struct names;
struct lru;

struct printer {
	struct print_opts o;
	struct timefmt tf; /* also --classic's -ttt reference (classic_ts.c) */
	struct names *names; /* NULL with -n */
	struct lru *seq[2]; /* tcpseq.c: IPv4's connections, IPv6's */
	uint32_t count; /* records printed, for -# */
};

/* A packet's time stamp fraction as printed: microseconds, or with --nano nanoseconds. */
static inline int64_t pkt_frac(const struct printer *pr, const struct pkt_info *pi)
{
	return pr->o.nano ? pi->nsec : pi->nsec / 1000;
}

#endif
