// SPDX-License-Identifier: GPL-2.0-only
/* The LINUX_SLL2 form of a frame (cooked.h). */
#include <string.h>

#include "cooked.h"

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint32_t cooked_frame(const struct xs_event *ev, uint16_t hatype, const uint8_t *frame,
		      uint32_t len, uint8_t *out, uint32_t room)
{
	uint32_t n = len > ETHER_HDR_LEN ? len - ETHER_HDR_LEN : 0;

	if (room < COOKED_HDR_LEN)
		return 0;
	memset(out, 0, COOKED_HDR_LEN);
	memcpy(out, &ev->etype[0], 2); /* as on the wire */
	put16(out + 4, (uint16_t)(ev->ifindex >> 16));
	put16(out + 6, (uint16_t)ev->ifindex);
	put16(out + 8, hatype);
	out[10] = ev->pkt_type;
	out[11] = 6; /* an Ethernet address */
	memcpy(out + 12, ev->mac_src, 6);
	if (n > room - COOKED_HDR_LEN)
		n = room - COOKED_HDR_LEN;
	memcpy(out + COOKED_HDR_LEN, frame + ETHER_HDR_LEN, n);
	return COOKED_HDR_LEN + n;
}
