// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPFv2 (RFC 2328) as tcpdump 4.99.3's print-ospf.c prints it: version, type and length,
 * and with -v the router and area, the authentication, a Hello's timers, mask, routers and
 * neighbours, a Database Description's options, flags, MTU and sequence number. The LSA
 * headers and LSAs of database descriptions, requests, updates and acks, and the LLS block,
 * are not decoded here (nor OSPFv3 over IPv6).
 */
#include "addr.h"
#include "ipproto.h"
#include "text.h"
#include "tok.h"
#include "wire.h"

#define OSPF_HLEN 24
#define OSPF_AUTH_MD5 2
#define OSPF_AUTH_MD5_LEN 16
#define OSPF_HELLO_NBRS 44

enum { OSPF_HELLO = 1, OSPF_DD };

static const struct tok type2str[] = {
    {OSPF_HELLO, "Hello"}, {OSPF_DD, "Database Description"},
    {3, "LS-Request"},	   {4, "LS-Update"},
    {5, "LS-Ack"},	   {0, NULL},
};

static const struct tok option_values[] = {
    {0x01, "MultiTopology"}, {0x02, "External"}, {0x04, "Multicast"},
    {0x08, "NSSA"},	     {0x10, "LLS"},	 {0x20, "Demand Circuit"},
    {0x40, "Opaque"},	     {0x80, "Up/Down"},	 {0, NULL},
};

static const struct tok dd_flag_values[] = {
    {0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}, {0, NULL},
};

static const struct tok authtype_values[] = {
    {0, "none"},
    {1, "simple"},
    {OSPF_AUTH_MD5, "MD5"},
    {0, NULL},
};

static void hello(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	if (!cur_need(c, 24, 20))
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, option_values, c->p[30], "none");
	sb_printf(sb, "]\n\t  Hello Timer %us, Dead Timer %us, Mask ", rd16(c->p + 28),
		  rd32(c->p + 32));
	put_host(pr, sb, c->p + 24, 0);
	sb_printf(sb, ", Priority %u", c->p[31]);
	if (rd32(c->p + 36))
		put_host_at(pr, c, 36, "\n\t  Designated Router ", sb);
	if (rd32(c->p + 40))
		put_host_at(pr, c, 40, ", Backup Designated Router ", sb);
	if (OSPF_HELLO_NBRS < end)
		sb_puts(sb, "\n\t  Neighbor List:");
	for (uint32_t off = OSPF_HELLO_NBRS; off < end; off += 4)
		if (!put_host_at(pr, c, off, "\n\t    ", sb))
			return;
}

static void dd(struct cur *c, struct strbuf *sb)
{
	uint16_t mtu;

	if (!cur_need(c, 26, 2))
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, option_values, c->p[26], "none");
	sb_puts(sb, "], DD Flags [");
	put_bits(sb, dd_flag_values, c->p[27], "none");
	sb_putc(sb, ']');
	mtu = cur_be16(c, 24);
	if (mtu)
		sb_printf(sb, ", MTU: %u", mtu);
	if (cur_need(c, 28, 4))
		sb_printf(sb, ", Sequence: 0x%08x", rd32(c->p + 28));
}

/* -v's router, area and authentication; false when the record ends. */
static bool header(const struct printer *pr, struct cur *c, uint16_t auth, struct strbuf *sb)
{
	if (!put_host_at(pr, c, 4, "\n\tRouter-ID ", sb) || !cur_need(c, 8, 4))
		return false;
	if (rd32(c->p + 8))
		put_host_at(pr, c, 8, ", Area ", sb);
	else
		sb_puts(sb, ", Backbone Area");
	if (!cur_need(c, 16, 8))
		return false;
	sb_puts(sb, ", Authentication Type: ");
	put_tok(sb, authtype_values, auth, "unknown", "");
	sb_printf(sb, " (%u)", auth);
	if (auth == 1) {
		sb_puts(sb, "\n\tSimple text password: ");
		put_printjnp(sb, c, 16, 8);
	} else if (auth == OSPF_AUTH_MD5) {
		sb_printf(sb, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  c->p[18], c->p[19], rd32(c->p + 20));
	}
	return auth <= OSPF_AUTH_MD5;
}

bool print_ospf(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	uint16_t auth = cur_be16(c, 14), len;
	uint8_t version, type;
	uint32_t end;

	if (v->is6)
		return false; /* OSPFv3 */
	if (c->cut)
		return true;
	if (auth == OSPF_AUTH_MD5) {
		/* tcpdump strips the MD5 trailer off the length and its snapshot */
		length -= OSPF_AUTH_MD5_LEN;
		c->cap = c->cap > OSPF_AUTH_MD5_LEN ? c->cap - OSPF_AUTH_MD5_LEN : 0;
	}
	type = cur_u8(c, 1);
	version = cur_u8(c, 0);
	if (c->cut)
		return true;
	if (!tok_name(type2str, type)) {
		sb_printf(sb, "OSPFv%u, unknown LS-type %u, length %u", version, type, length);
		return true;
	}
	sb_printf(sb, "OSPFv%u, %s, length %u", version, tok_name(type2str, type), length);
	if (!pr->o.vflag)
		return true;
	len = cur_be16(c, 2);
	if (c->cut)
		return true;
	if (length != len)
		sb_printf(sb, " [len %u]", len);
	end = length > len ? len : length;
	if (!header(pr, c, auth, sb) || c->cut)
		return true;
	if (version != 2) {
		sb_printf(sb, " ospf [version %u]", version);
		return true;
	}
	if (type == OSPF_HELLO)
		hello(pr, c, end, sb);
	else if (type == OSPF_DD)
		dd(c, sb);
	return true;
}
