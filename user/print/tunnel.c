// SPDX-License-Identifier: GPL-2.0-only
/* Where a tunnel's header starts, by the layer that names it (tunnel.h). */
#include "proto.h"
#include "tunnel.h"

const uint8_t *tunnel_bytes(const struct pview *v, uint32_t xoff, uint32_t *caplen)
{
	const struct pkt_info *pi = v->pkt;
	uint32_t at, held;

	if (!pi || !pi->data)
		return NULL;
	at = v->ev->l3_off + (v->is6 ? XS_IP6_HLEN : XS_IP4_HLEN) + xoff;
	held = pi->cap_len > at ? pi->cap_len - at : 0;
	*caplen = held < v->l4_avail ? held : v->l4_avail;
	return pi->data + (held ? at : pi->cap_len);
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
	case XS_IPPROTO_ETHERNET:
		if (!v->is6)
			return false;
		print_inner(pr, v, 0, p, caplen, v->l4_len, sb);
		return true;
	default:
		return false;
	}
}

bool print_udp_tunnel(struct printer *pr, struct pview *v, uint16_t sport, uint16_t dport,
		      const uint8_t *p, uint32_t caplen, uint32_t length, struct strbuf *sb)
{
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

	if (!pi || !pi->data || v->ev->l3_off > pi->cap_len)
		return false;
	p = pi->data + v->ev->l3_off;
	if (lk->type == XS_ETH_P_PPPOE_SES || lk->type == XS_ETH_P_PPPOE_DISC)
		print_pppoe(pr, v, p, lk->caplen, lk->length, sb);
	else
		print_mpls(pr, v, p, lk->caplen, lk->length, sb);
	return true;
}
