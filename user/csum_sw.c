// SPDX-License-Identifier: GPL-2.0-only
/* Checksums completed after the egress hook (see csum_sw.h). */
#include <arpa/inet.h>
#include <stdbool.h>
#include <string.h>

#include "csum.h"
#include "csum_sw.h"

static uint8_t copy[XS_MAX_SNAP + 4];

/* The L4 length, from the IP header, and the pseudo header's sum for it. */
static uint32_t l4_len(const struct xs_event *ev, uint32_t *pseudo)
{
	uint32_t ext = ev->l4_off - ev->l3_off, ip = ntohs(ev->ip_len), len;

	if (ev->flags & XS_F_IP6) {
		len = ip + 40 > ext ? ip + 40 - ext : 0;
		*pseudo = csum_fold(csum_add(0, ev->var, 32) + ev->l4_proto + (len >> 16) +
				    (len & 0xffff));
	} else {
		len = ip > ext ? ip - ext : 0;
		*pseudo = csum_fold(csum_add(0, ev->var, 8) + ev->l4_proto + len);
	}
	return len;
}

/* skb_checksum_help(): the fold of the sum over the segment, partial checksum included,
 * complemented; 0 is sent as 0xffff (CSUM_MANGLED_0). */
static uint16_t complete(uint32_t t)
{
	uint16_t c = (uint16_t) ~(t ? t : 0xffff); /* a sum of data that is not all zeros */

	return c ? c : 0xffff;
}

const uint8_t *csum_sw_complete(struct xs_event *ev, const uint8_t *data, uint32_t data_len)
{
	uint32_t pseudo, len = l4_len(ev, &pseudo),
			 at = ev->l4_off + (ev->kind == XS_K_TCP ? 16 : 6);
	bool whole = data && (uint64_t)ev->l4_off + len <= data_len;
	uint16_t c;

	if (ev->kind == XS_K_TCP && (ev->flags & XS_F_SUM)) {
		uint32_t s = ntohs(ev->l4_sum), p = ntohs(ev->l4.tcp.csum);

		c = complete(csum_fold(s + 0xffff - pseudo));
		ev->l4_sum = htons((uint16_t)csum_fold(s + (0xffff - p) + c));
	} else if (whole && (ev->kind == XS_K_TCP || ev->kind == XS_K_UDP)) {
		c = complete(csum_fold(csum_add(0, data + ev->l4_off, len)));
	} else {
		return data;
	}
	if (ev->kind == XS_K_TCP)
		ev->l4.tcp.csum = htons(c);
	else
		ev->l4.udp.csum = htons(c);
	if (!data || at + 2 > data_len)
		return data;
	memcpy(copy, data, data_len);
	copy[at] = (uint8_t)(c >> 8);
	copy[at + 1] = (uint8_t)c;
	return copy;
}

const uint8_t *csum_sw_at(struct xs_event *ev, const uint8_t *data, uint32_t data_len)
{
	/* A tag put back after the MAC addresses moves what follows it (decode.c). */
	uint32_t start = ev->csum.start + (ev->flags & XS_F_VLAN_META ? 4u : 0u);
	uint32_t at = start + ev->csum.offset;
	uint16_t c;

	if (start == ev->l4_off) /* the event's own TCP or UDP header: its sum too */
		return csum_sw_complete(ev, data, data_len);
	if (!data || data_len != ev->wire_len || start >= data_len || at + 2 > data_len)
		return data;
	c = complete(csum_fold(csum_add(0, data + start, data_len - start)));
	memcpy(copy, data, data_len);
	copy[at] = (uint8_t)(c >> 8);
	copy[at + 1] = (uint8_t)c;
	return copy;
}
