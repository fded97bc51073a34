// SPDX-License-Identifier: GPL-2.0-only
/*
 * The packet an ICMP error quotes (RFC 792: its IPv4 header and first 8 bytes), printed under
 * -v as tcpdump 4.99.3 prints it: on a new line, through the same IPv4 printer as any packet,
 * its snapshot ending at the quoted header's total length. The printer reads events, so the
 * quote is parsed into one by the host parser, behind an Ethernet header of its own.
 */
#include <string.h>

#include "icmp.h"
#include "ip4.h"
#include "parse_host.h"
#include "proto.h"
#include "wire.h"

/* The quoted packet behind a made-up Ethernet header. A quoted error's own quote reuses it: the
 * outer one reads nothing more once its quote is printed. */
static uint8_t frame[XS_ETH_HLEN + 65536];

void print_icmp_quote(struct printer *pr, struct pview *v, const uint8_t *q, uint32_t n,
		      struct strbuf *sb)
{
	struct pkt_info pi = {0};
	struct xs_event ev;
	struct pview qv;
	uint32_t len, cap;

	sb_puts(sb, "\n\t");
	if (n < 4) { /* the quoted total length is read first */
		put_trunc(sb, "icmp");
		v->lost = true;
		return;
	}
	len = rd16(q + 2);
	cap = n < len ? n : len;
	if (cap < 4) { /* tcpdump reads the length again for ip_print(), past its new snapshot */
		put_trunc(sb, "icmp");
		v->lost = true;
		return;
	}
	memset(frame, 0, XS_ETH_HLEN);
	frame[12] = XS_ETH_P_IP >> 8;
	frame[13] = XS_ETH_P_IP & 0xff;
	memmove(frame + XS_ETH_HLEN, q, cap); /* a quote in a quote is in frame already */
	memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, &(struct xs_frame){.data = frame, .end = frame + XS_ETH_HLEN + cap});
	ev.wire_len = XS_ETH_HLEN + len;
	pi.wire_len = ev.wire_len;
	pi.cap_len = XS_ETH_HLEN + cap;
	pi.data = frame;
	view_init(&qv, &ev, &pi);
	print_ip4(pr, &qv, len, cap, sb);
	if (qv.lost)
		v->lost = true;
}
