// SPDX-License-Identifier: GPL-2.0-only
/* The -v checksum sum in user space (see tcp_sum.h). */
#include <arpa/inet.h>
#include <string.h>

#include "tcp_sum.h"

static uint32_t sum16(const uint8_t *p, uint32_t len, uint32_t s)
{
	for (; len > 1; p += 2, len -= 2)
		s += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		s += (uint32_t)p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

/* An IPv6 jumbogram's payload length, from the hop-by-hop Jumbo Payload option; 0 if none
 * valid. */
static uint32_t jumbo_len(const struct xs_event *ev, const uint8_t *frame, uint32_t caplen)
{
	const uint8_t *h = frame + ev->l3_off + 40;
	uint32_t hlen, off;

	if (ev->ip_proto != 0 || ev->l3_off + 48u > caplen)
		return 0;
	hlen = (h[1] + 1u) * 8;
	for (off = 2; off + 2 <= hlen && ev->l3_off + 40u + off + 6 <= caplen;) {
		if (h[off] == 0) { /* Pad1 */
			off++;
			continue;
		}
		if (h[off] == 0xc2 && h[off + 1] == 4) {
			uint32_t v = (uint32_t)h[off + 2] << 24 | h[off + 3] << 16 |
				     h[off + 4] << 8 | h[off + 5];

			return v >= 65536 ? v : 0; /* smaller is no valid jumbogram (RFC 2675) */
		}
		off += 2u + h[off + 1];
	}
	return 0;
}

void tcp_sum_host(struct xs_event *ev, const uint8_t *frame, uint32_t caplen)
{
	uint32_t ext = ev->l4_off - ev->l3_off, ip = ntohs(ev->ip_len), len, s;
	uint8_t pseudo[40] = {0};

	if (ev->kind != XS_K_TCP || (ev->flags & XS_F_FRAG) || ev->stop != XS_S_OK)
		return;
	if (ev->flags & XS_F_IP6) {
		if (!ip)
			ip = jumbo_len(ev, frame, caplen);
		len = ip + 40 > ext ? ip + 40 - ext : 0;
		memcpy(pseudo, ev->var, 32);
		pseudo[32] = (uint8_t)(len >> 24);
		pseudo[33] = (uint8_t)(len >> 16);
		pseudo[34] = (uint8_t)(len >> 8);
		pseudo[35] = (uint8_t)len;
		pseudo[39] = 6;
		s = sum16(pseudo, 40, 0);
	} else {
		len = ip > ext ? ip - ext : 0;
		memcpy(pseudo, ev->var, 8);
		pseudo[9] = 6;
		pseudo[10] = (uint8_t)(len >> 8);
		pseudo[11] = (uint8_t)len;
		s = sum16(pseudo, 12, 0);
	}
	if (len < 20 || ev->l4_off + (uint64_t)len > caplen)
		return;
	ev->l4_sum = htons((uint16_t)sum16(frame + ev->l4_off, len, s));
	ev->flags |= XS_F_SUM;
}
