// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pseudo header of the TCP, UDP and ICMPv6 checksums (RFC 9293 3.1, RFC 768, RFC 8200 8.1)
 * as tcpdump 4.99.3 builds it (nextproto4_cksum, nextproto6_cksum): a source route's last hop
 * stands for the destination.
 */
#include "csum.h"
#include "proto.h"
#include "pseudo.h"
#include "wire.h"

/*
 * print-ip.c ip_finddst(): with a source route, the pseudo header holds the route's last
 * address, not the header's destination. NULL when there is none. A kind in the area's last
 * byte has its length byte after the area (v->x holds it).
 */
const uint8_t *route_final_dst4(const struct pview *v)
{
	const uint8_t *cp = v->x;
	uint32_t left = (v->ev->ip_vhl & 0xf) * 4u - XS_IP4_HLEN, len;

	if (left + 1 > v->xcap)
		return NULL;
	for (; left; cp += len, left -= len) {
		if (cp[0] == XS_IPOPT_EOL)
			break;
		if (cp[0] == XS_IPOPT_NOP) {
			len = 1;
			continue;
		}
		if ((len = cp[1]) < 2 || len > left)
			break;
		if ((cp[0] == XS_IPOPT_LSRR || cp[0] == XS_IPOPT_SSRR) && len >= 7)
			return cp + len - 4;
	}
	return NULL;
}

/*
 * print-ip6.c ip6_finddst(): the final destination the first routing header names; a
 * segment routing header's segment 0, which may lie past the header (v->x holds 16 bytes past
 * the extension headers).
 */
const uint8_t *route_final_dst6(const struct pview *v)
{
	const uint8_t *x = v->x, *final = NULL;
	uint32_t cap = v->xcap;
	size_t off = 0, n, len;
	uint8_t nh = v->ev->ip_proto;

	while (off + 2 <= cap) {
		switch (nh) {
		case XS_IPPROTO_HOPOPTS:
		case XS_IPPROTO_DSTOPTS:
		case XS_IPPROTO_MOBILITY_OLD:
		case XS_IPPROTO_MOBILITY:
			nh = x[off];
			off += (size_t)XS_EXT6_LEN(x[off + 1]);
			break;
		case XS_IPPROTO_FRAGMENT:
			nh = x[off];
			off += XS_IP6_FRAG_HLEN;
			break;
		case XS_IPPROTO_ROUTING: /* the first one decides */
			if (off + 4 > cap || (x[off + 1] & 1))
				return NULL;
			len = x[off + 1] / 2u;
			if (x[off + 2] == XS_IP6_RT_SRH) /* segment 0 is the last hop */
				return off + 24 <= cap ? x + off + 8 : NULL;
			if (x[off + 2] != XS_IP6_RT_TYPE0 && x[off + 2] != XS_IP6_RT_TYPE2)
				return NULL;
			for (n = 0; n < len && off + 8 + 16 * (n + 1) <= cap; n++)
				final = x + off + 8 + 16 * n;
			return final;
		default:
			return NULL;
		}
	}
	return NULL;
}

uint16_t l4_cksum(const struct pview *v, uint8_t proto, const uint8_t *p, uint32_t len)
{
	return l4_cksum_cov(v, proto, p, len, len);
}

uint16_t l4_cksum_cov(const struct pview *v, uint8_t proto, const uint8_t *p, uint32_t len,
		      uint32_t cov)
{
	const uint8_t *dst = v->is6 ? route_final_dst6(v) : route_final_dst4(v);
	size_t alen = v->is6 ? 16 : 4;
	uint8_t tail[8] = {0};
	uint64_t sum;

	if (!dst)
		dst = v->daddr;
	sum = csum_add(csum_add(0, v->saddr, alen), dst, alen);
	if (v->is6) {
		tail[0] = (uint8_t)(len >> 24);
		tail[1] = (uint8_t)(len >> 16);
		tail[2] = (uint8_t)(len >> 8);
		tail[3] = (uint8_t)len;
		tail[7] = proto;
		sum = csum_add(sum, tail, 8);
	} else {
		tail[1] = proto;
		tail[2] = (uint8_t)(len >> 8);
		tail[3] = (uint8_t)len;
		sum = csum_add(sum, tail, 4);
	}
	return (uint16_t)~csum_fold(csum_add(sum, p, cov));
}
