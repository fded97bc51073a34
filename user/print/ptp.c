// SPDX-License-Identifier: GPL-2.0-only
/*
 * PTP (IEEE 1588) over Ethernet or UDP as tcpdump 4.99.3's ptp_print() starts it: the length
 * check and the version; version 1 is "not implemented" there too. Version 2's message
 * fields are not decoded here.
 */
#include "ethertype.h"
#include "udpapp.h"

#define PTP_HDR_LEN 34

static void ptp(struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t version;

	if (length < PTP_HDR_LEN) {
		sb_printf(sb, " [length %u < %u] (invalid)", length, PTP_HDR_LEN);
		return;
	}
	if (!cur_need(c, 0, 2))
		return;
	version = c->p[1];
	sb_printf(sb, "PTPv%u", version);
	if (version == 1)
		sb_puts(sb, " (not implemented)");
}

void print_ptp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	(void)pr;
	ptp(c, length, sb);
}

void print_ptp_udp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		   struct strbuf *sb)
{
	(void)pr;
	(void)v;
	ptp(c, length, sb);
}
