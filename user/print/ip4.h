/* SPDX-License-Identifier: GPL-2.0-only */
/* IPv4 as tcpdump 4.99.3 prints it (print-ip.c ip_print), and its header checksum. */
#ifndef XDPSPY_PRINT_IP4_H
#define XDPSPY_PRINT_IP4_H

#include <stdint.h>

#include "event.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* `length` is what the link layer left, `caplen` what it captured. */
void print_ip4(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
	       struct strbuf *sb);
/* in_cksum() over the IPv4 header the event holds and its optlen bytes of options: 0 when the
 * checksum field is right. */
uint16_t ip4_cksum(const struct xs_event *ev, const uint8_t *opts, uint32_t optlen);

#endif
