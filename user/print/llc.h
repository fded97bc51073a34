/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IEEE 802.2 LLC and what it carries that xdpspy decodes: SNAP (print-llc.c) and the
 * spanning tree BPDUs (print-stp.c), from the frame's bytes.
 */
#ifndef XDPSPY_PRINT_LLC_H
#define XDPSPY_PRINT_LLC_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"

/*
 * print-llc.c llc_print: the LLC header at c (length bytes by the frame's 802.3 length) and
 * what follows; src and dst are the MAC addresses. Like tcpdump's: the header's length, or
 * its negative when the payload is unknown and the caller is to dump it raw.
 */
int print_llc(const struct printer *pr, struct cur *c, uint32_t length, const uint8_t *src,
	      const uint8_t *dst, struct strbuf *sb);
/* print-stp.c stp_print: a BPDU at c, length bytes long. */
void print_stp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);

#endif
