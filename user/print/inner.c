// SPDX-License-Identifier: GPL-2.0-only
/*
 * The packet inside a tunnel, printed by the layers that print an outer one (print_inner(),
 * declared in tunnel.h). As quote.c does for an ICMP error's quote, the inner packet is parsed
 * into an event of its own by the host parser (behind a made-up Ethernet header when it has
 * none), so the printers need no second path. A file without a header of its own: it calls
 * back up into the network layer, which no layer below may include.
 */
#include <string.h>

#include "network.h"
#include "parse_host.h"
#include "proto.h"
#include "tcp_sum.h"
#include "tunnel.h"

/* One frame per level of nesting: a level's bytes point into the one above. */
static uint8_t frames[TUNNEL_MAX_DEPTH][XS_ETH_HLEN + XS_MAX_SNAP];
static unsigned depth;

void print_inner(struct printer *pr, struct pview *v, uint16_t etype, const uint8_t *p,
		 uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	uint32_t hdr = etype ? XS_ETH_HLEN : 0;
	struct pkt_info pi = {0};
	struct xs_event ev;
	struct pview iv;
	struct link lk;
	uint8_t *f;

	if (depth >= TUNNEL_MAX_DEPTH) {
		put_trunc(sb, "tunnel");
		return;
	}
	if (!etype && length < caplen) { /* ether_common_print's first check */
		sb_printf(sb, "[length %u < caplen %u] (invalid)", length, caplen);
		return;
	}
	if (caplen > XS_MAX_SNAP)
		caplen = XS_MAX_SNAP;
	f = frames[depth];
	memset(f, 0, hdr);
	if (etype) {
		f[12] = (uint8_t)(etype >> 8);
		f[13] = (uint8_t)etype;
	}
	memcpy(f + hdr, p, caplen);
	memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, &(struct xs_frame){.data = f, .end = f + hdr + caplen});
	ev.wire_len = hdr + length;
	if (pr->o.vflag && ev.kind == XS_K_TCP)
		tcp_sum_host(&ev, f, hdr + caplen); /* -v's verdict, as replay sums an outer one */
	pi.wire_len = ev.wire_len;
	pi.cap_len = hdr + caplen;
	pi.data = f;
	view_init(&iv, &ev, &pi);
	depth++;
	if (etype) {
		lk = (struct link){.type = etype, .length = length, .caplen = caplen};
		print_network(pr, &iv, &lk, TCPDUMP_499, sb);
	} else if (print_ether(pr, &iv, length, TCPDUMP_499, &lk, sb)) {
		print_network(pr, &iv, &lk, TCPDUMP_499, sb);
	}
	depth--;
	if (iv.lost)
		v->lost = true;
}
