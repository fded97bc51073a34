// SPDX-License-Identifier: GPL-2.0-only
/*
 * The packet inside a tunnel, printed by the layers that print an outer one (tunnel.h). As
 * quote.c does for an ICMP error's quote, the inner packet is parsed into an event of its own
 * by the host parser (behind a made-up Ethernet header when it has none), so the printers
 * need no second path.
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

const uint8_t *tunnel_bytes(const struct pview *v, uint32_t xoff, uint32_t *caplen)
{
	uint32_t held;

	if (!v->pkt || !v->pkt->data || !(v->ev->flags & XS_F_HDRS))
		return NULL;
	held = v->xcap > xoff ? v->xcap - xoff : 0;
	*caplen = held < v->l4_avail ? held : v->l4_avail;
	return v->x + xoff;
}

bool print_ip_tunnel(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff,
		     struct strbuf *sb)
{
	uint32_t caplen;
	const uint8_t *p = tunnel_bytes(v, xoff, &caplen);

	if (!p)
		return false;
	switch (nh) {
	case XS_IPPROTO_IPIP:
		print_inner(pr, v, XS_ETH_P_IP, p, caplen, v->l4_len, sb);
		return true;
	case XS_IPPROTO_IPV6:
		print_inner(pr, v, XS_ETH_P_IPV6, p, caplen, v->l4_len, sb);
		return true;
	case XS_IPPROTO_GRE:
		print_gre(pr, v, p, caplen, v->l4_len, sb);
		return true;
	default:
		return false;
	}
}

bool print_udp_tunnel(struct printer *pr, struct pview *v, uint16_t sport, uint16_t dport,
		      const uint8_t *p, uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	if (!(v->ev->flags & XS_F_HDRS))
		return false;
	if (sport == XS_PORT_VXLAN || dport == XS_PORT_VXLAN) {
		print_vxlan(pr, v, p, caplen, length, sb);
		return true;
	}
	if (sport == XS_PORT_GENEVE || dport == XS_PORT_GENEVE) {
		print_geneve(pr, v, p, caplen, length, sb);
		return true;
	}
	return false;
}

bool print_link_tunnel(struct printer *pr, struct pview *v, const struct link *lk,
		       struct strbuf *sb)
{
	const struct pkt_info *pi = v->pkt;
	const uint8_t *p;

	if (!pi || !pi->data || !(v->ev->flags & XS_F_HDRS) || v->ev->l3_off > pi->cap_len)
		return false;
	p = pi->data + v->ev->l3_off;
	if (lk->type == XS_ETH_P_PPPOE_SES || lk->type == XS_ETH_P_PPPOE_DISC)
		print_pppoe(pr, v, p, lk->caplen, lk->length, sb);
	else
		print_mpls(pr, v, p, lk->caplen, lk->length, sb);
	return true;
}
