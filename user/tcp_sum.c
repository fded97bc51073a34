// SPDX-License-Identifier: GPL-2.0-only
/* The -v checksum sum in user space (see tcp_sum.h). */
#include <arpa/inet.h>
#include <string.h>

#include "csum.h"
#include "proto.h"
#include "tcp_sum.h"

/* An IPv6 jumbogram's payload length, from the hop-by-hop Jumbo Payload option; 0 if none
 * valid. */
static uint32_t jumbo_len(const struct xs_event *ev, const uint8_t *frame, uint32_t caplen)
{
	const uint8_t *h = frame + ev->l3_off + XS_IP6_HLEN;
	uint32_t hlen, off;

	if (ev->ip_proto != XS_IPPROTO_HOPOPTS || ev->l3_off + XS_IP6_HLEN + 8u > caplen)
		return 0;
	hlen = XS_EXT6_LEN(h[1]);
	for (off = 2; off + 2 <= hlen && ev->l3_off + XS_IP6_HLEN + off + 6 <= caplen;) {
		if (h[off] == XS_IP6OPT_PAD1) {
			off++;
			continue;
		}
		if (h[off] == XS_IP6OPT_JUMBO && h[off + 1] == 4) {
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
	uint32_t ext = ev->l4_off - ev->l3_off, ip = ntohs(ev->ip_len), len;
	uint8_t pseudo[40] = {0};
	uint64_t sum;

	if (ev->kind != XS_K_TCP || (ev->flags & XS_F_FRAG) || ev->stop != XS_S_OK)
		return;
	/* The pseudo header (RFC 9293 3.1, RFC 8200 8.1): addresses, protocol, TCP length. */
	if (ev->flags & XS_F_IP6) {
		if (!ip)
			ip = jumbo_len(ev, frame, caplen);
		len = ip + XS_IP6_HLEN > ext ? ip + XS_IP6_HLEN - ext : 0;
		memcpy(pseudo, ev->var, 32);
		pseudo[32] = (uint8_t)(len >> 24);
		pseudo[33] = (uint8_t)(len >> 16);
		pseudo[34] = (uint8_t)(len >> 8);
		pseudo[35] = (uint8_t)len;
		pseudo[39] = XS_IPPROTO_TCP;
		sum = csum_add(0, pseudo, 40);
	} else {
		len = ip > ext ? ip - ext : 0;
		memcpy(pseudo, ev->var, 8);
		pseudo[9] = XS_IPPROTO_TCP;
		pseudo[10] = (uint8_t)(len >> 8);
		pseudo[11] = (uint8_t)len;
		sum = csum_add(0, pseudo, 12);
	}
	if (len < XS_TCP_HLEN || ev->l4_off + (uint64_t)len > caplen)
		return;
	ev->l4_sum = htons(csum_fold(csum_add(sum, frame + ev->l4_off, len)));
	ev->flags |= XS_F_SUM;
}
