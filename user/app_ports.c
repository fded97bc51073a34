// SPDX-License-Identifier: GPL-2.0-only
/*
 * The table of include/app_bytes.h, from what the printer reads (print_payload_reads()): each
 * TCP and UDP port gets the class of its bound, classes made as bounds are met (a handful).
 * ICMP and ICMPv6 messages other than echoes, ARP, other ethertypes and IP protocols are
 * printed from their bytes whole;
 * echoes too with -v, whose checksum verdict sums the message. -q, --classic and --json print
 * no payload: nothing but ICMP and ARP then (and not even those for the last two).
 */
#include <string.h>

#include "app_ports.h"
#include "print.h"

/* The class whose bound is len, made if there is none yet; 0 for len 0 (or no class left,
 * which cannot happen with the printer's few bounds: the port then stays compact). */
static uint8_t class_of(struct xs_app_cfg *a, uint32_t len)
{
	uint8_t c;

	if (!len)
		return 0;
	if (len > XS_APP_ALL)
		len = XS_APP_ALL;
	for (c = 1; c < XS_APP_CLASSES && a->len[c]; c++)
		if (a->len[c] == len)
			return c;
	if (c == XS_APP_CLASSES)
		return 0;
	a->len[c] = len;
	return c;
}

static void fill_proto(struct xs_app_cfg *a, uint8_t *t, uint8_t ipproto,
		       const struct print_opts *o)
{
	for (uint32_t port = 0; port < 65536; port++) {
		uint8_t c = class_of(a, print_payload_reads(o, ipproto, (uint16_t)port));

		t[port / 2] |= (uint8_t)(port & 1 ? c << 4 : c);
	}
}

void app_ports_fill(struct xs_app_cfg *a, const struct print_opts *o)
{
	bool plain = !o->classic && !o->json;

	memset(a, 0, sizeof(*a));
	fill_proto(a, a->tcp, XS_IPPROTO_TCP, o);
	fill_proto(a, a->udp, XS_IPPROTO_UDP, o);
	a->icmp = !plain ? XS_APP_ICMP_NONE : o->vflag ? XS_APP_ICMP_ALL : XS_APP_ICMP_NOT_ECHO;
	a->arp = plain;
	a->other = plain;
	a->rst = plain && o->vflag && !o->qflag;
}
