/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --classic: the record tcpdump 3.7.2 (2003) printed for a packet (../shared/TCPDUMP-FORMAT.md
 * 1.18). Formatting only, into a strbuf, with the printer's state; not for use outside
 * user/print*.c.
 */
#ifndef XDPSPY_PRINT_CLASSIC_H
#define XDPSPY_PRINT_CLASSIC_H

#include "internal.h"

/*
 * Appends the whole classic record for one packet, newline included. print_packet() calls it
 * once pr->pkt is set: the 4.99 printers it borrows for other protocols read it.
 */
void print_classic(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		   struct strbuf *sb);

#endif
