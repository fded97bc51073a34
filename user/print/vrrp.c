// SPDX-License-Identifier: GPL-2.0-only
/*
 * VRRP (RFC 3768 version 2, RFC 5798 version 3) as tcpdump 4.99.3's print-vrrp.c prints it:
 * version, type, TTL when not 255, the advertisement's fields, and with -v the checksum
 * verdict, the addresses and a simple password. (CARP shares the protocol number; tcpdump
 * decodes it only when told to with -T carp.)
 */
#include "addr.h"
#include "csum.h"
#include "ipproto.h"
#include "pseudo.h"
#include "proto.h"
#include "text.h"

#define VRRP_ADVERTISEMENT 1
#define VRRP_AUTH_SIMPLE 1
#define VRRP_HLEN 8

static const char *const auth2str[] = {"none", "simple", "ah"};

/* -v's checksum verdict, over the whole message when tcpdump has it. */
static void put_cksum(const struct pview *v, struct cur *c, int version, uint32_t len,
		      struct strbuf *sb)
{
	uint16_t bad;

	if (!cur_has(c, 0, len))
		return;
	if (version == 2)
		bad = csum_fold(csum_add(0, c->p, len)) != 0xffff;
	else
		bad = l4_cksum(v, XS_IPPROTO_VRRP, c->p, len) != 0;
	if (bad)
		sb_printf(sb, ", (bad vrrp cksum %x)", cur_be16(c, 6));
}

static void put_addrs(const struct printer *pr, const struct pview *v, struct cur *c,
		      uint8_t naddrs, struct strbuf *sb)
{
	uint32_t off = VRRP_HLEN, alen = v->is6 ? 16 : 4;

	sb_puts(sb, ", addrs");
	if (naddrs > 1)
		sb_printf(sb, "(%u)", naddrs);
	sb_putc(sb, ':');
	for (uint32_t i = 0; i < naddrs; i++, off += alen) {
		if (!cur_need(c, off, alen))
			return;
		sb_putc(sb, i ? ',' : ' ');
		put_host(pr, sb, c->p + off, v->is6);
	}
}

bool print_vrrp(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	uint8_t b0 = cur_u8(c, 0), auth = 0, naddrs;
	int version = b0 >> 4, type = b0 & 0x0f;

	sb_puts(sb, "VRRP");
	if (c->cut)
		return true;
	sb_printf(sb, "v%u, ", version);
	if (type == VRRP_ADVERTISEMENT)
		sb_puts(sb, "Advertisement");
	else
		sb_printf(sb, "unknown type (%u)", type);
	if (v->ev->ip_ttl != 255)
		sb_printf(sb, ", (ttl %u)", v->ev->ip_ttl);
	if (version < 2 || version > 3 || type != VRRP_ADVERTISEMENT)
		return true;
	if (!cur_need(c, 1, 2))
		return true;
	sb_printf(sb, ", vrid %u, prio %u", c->p[1], c->p[2]);
	if (version == 2) {
		auth = cur_u8(c, 4);
		if (c->cut)
			return true;
		if (auth < 3)
			sb_printf(sb, ", authtype %s", auth2str[auth]);
		else
			sb_printf(sb, ", authtype #%u", auth);
		if (!cur_need(c, 5, 1))
			return true;
		sb_printf(sb, ", intvl %us, length %u", c->p[5], length);
	} else {
		if (!cur_need(c, 4, 2))
			return true;
		sb_printf(sb, ", intvl %ucs, length %u", (c->p[4] & 0x0fu) << 8 | c->p[5], length);
	}
	if (!pr->o.vflag)
		return true;
	naddrs = cur_u8(c, 3);
	if (c->cut)
		return true;
	put_cksum(v, c, version, length, sb);
	put_addrs(pr, v, c, naddrs, sb);
	if (c->cut || version != 2 || auth != VRRP_AUTH_SIMPLE)
		return true;
	sb_puts(sb, " auth \"");
	put_printjnp(sb, c, VRRP_HLEN + naddrs * (v->is6 ? 16u : 4u), 8);
	if (!c->cut)
		sb_putc(sb, '"');
	return true;
}
