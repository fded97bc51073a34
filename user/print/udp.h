/* SPDX-License-Identifier: GPL-2.0-only */
/* UDP (RFC 768) as tcpdump 4.99.3 prints it without an application decoder. */
#ifndef XDPSPY_PRINT_UDP_H
#define XDPSPY_PRINT_UDP_H

#include "printer.h"
#include "strbuf.h"
#include "view.h"

void print_udp(struct printer *pr, struct pview *v, struct strbuf *sb);
/* The payload bytes print_udp() reads of a datagram to or from port, at most (UINT32_MAX:
 * all of them); 0 where it prints only the header's fields. */
uint32_t udp_payload_reads(uint16_t port, int vflag);

#endif
