// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPFv2 (RFC 2328) as tcpdump 4.99.3's print-ospf.c prints it: version, type and length,
 * and with -v the router and area, the authentication, a Hello's timers, mask, routers and
 * neighbours, a Database Description's options, flags, MTU, sequence number and LSA headers,
 * the requests, updates (ospf_lsa.c) and acks, and the LLS block (RFC 5613). OSPFv3 over IPv6
 * is ospf6.c's.
 */
#include "addr.h"
#include "ipproto.h"
#include "ospf.h"
#include "text.h"
#include "tok.h"
#include "wire.h"

#define OSPF_HLEN 24
#define OSPF_AUTH_MD5 2
#define OSPF_AUTH_MD5_LEN 16
#define OSPF_HELLO_NBRS 44

#define OSPF_LSR_LEN 12
#define OSPF_LSA_HLEN 20
#define OSPF_OPTION_L 0x10

enum { OSPF_HELLO = 1, OSPF_DD, OSPF_LS_REQ, OSPF_LS_UPDATE, OSPF_LS_ACK };

static const struct tok type2str[] = {
    {OSPF_HELLO, "Hello"}, {OSPF_DD, "Database Description"},
    {3, "LS-Request"},	   {4, "LS-Update"},
    {5, "LS-Ack"},	   {0, NULL},
};

const struct tok ospf_option_values[] = {
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
	if (!cur_need(c, 30, 1))
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, ospf_option_values, c->p[30], "none");
	sb_putc(sb, ']');
	if (!cur_need(c, 24, 12))
		return;
	sb_printf(sb, "\n\t  Hello Timer %us, Dead Timer %us, Mask ", rd16(c->p + 28),
		  rd32(c->p + 32));
	put_host(pr, sb, c->p + 24, 0);
	sb_printf(sb, ", Priority %u", c->p[31]);
	if (cur_be32(c, 36))
		put_host_at(pr, c, 36, "\n\t  Designated Router ", sb);
	if (cur_be32(c, 40))
		put_host_at(pr, c, 40, ", Backup Designated Router ", sb);
	if (c->cut)
		return;
	if (OSPF_HELLO_NBRS < end)
		sb_puts(sb, "\n\t  Neighbor List:");
	for (uint32_t off = OSPF_HELLO_NBRS; off < end; off += 4)
		if (!put_host_at(pr, c, off, "\n\t    ", sb))
			return;
}

static void dd(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	uint16_t mtu;

	if (!cur_need(c, 26, 2))
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, ospf_option_values, c->p[26], "none");
	sb_puts(sb, "], DD Flags [");
	put_bits(sb, dd_flag_values, c->p[27], "none");
	sb_putc(sb, ']');
	mtu = cur_be16(c, 24);
	if (mtu)
		sb_printf(sb, ", MTU: %u", mtu);
	if (!cur_need(c, 28, 4))
		return;
	sb_printf(sb, ", Sequence: 0x%08x", rd32(c->p + 28));
	for (uint32_t o = 32; o < end && ospf_lshdr(pr, c, o, sb) != -1; o += OSPF_LSA_HLEN)
		;
}

static void ls_request(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	for (uint32_t o = OSPF_HLEN; o < end; o += OSPF_LSR_LEN) {
		uint32_t type;

		if (!cur_need(c, o, OSPF_LSR_LEN))
			return;
		type = rd32(c->p + o);
		put_host_at(pr, c, o + 8, "\n\t  Advertising Router: ", sb);
		sb_printf(sb, ", %s LSA (%u)", tok_or(ospf_lsa_values, type, "unknown"), type);
		if (type >= 9 && type <= 11) /* opaque LSAs */
			sb_printf(sb, ", Opaque-Type: %s LSA (%u), Opaque-ID: %u",
				  tok_or(ospf_lsa_opaque_values, c->p[o + 4], "unknown"),
				  c->p[o + 4], cur_be24(c, o + 5));
		else
			put_host_at(pr, c, o + 4, ", LSA-ID: ", sb);
	}
}

static void ls_update(const struct printer *pr, struct cur *c, struct strbuf *sb)
{
	uint32_t count = cur_be32(c, OSPF_HLEN), o = OSPF_HLEN + 4;
	int32_t len;

	if (c->cut)
		return;
	sb_printf(sb, ", %u LSA%s", count, count == 1 ? "" : "s");
	for (uint32_t i = 1; i && i <= count; i++) {
		sb_printf(sb, "\n\t  LSA #%u", i);
		len = ospf_lsa(pr, c, o, sb);
		if (len < 0) {
			c->cut = true; /* tcpdump's NULL: the record ends in " [|ospf2]" */
			return;
		}
		o += (uint32_t)len;
	}
}

static const struct tok lls_tlv_values[] = {
    {1, "Extended Options"},
    {2, "MD5 Authentication"},
    {0, NULL},
};

static const struct tok lls_eo_options[] = {
    {1, "LSDB resync"},
    {2, "Restart"},
    {0, NULL},
};

/* ospf_decode_lls: the link-local signalling block after a Hello's or a DD's length. */
static void lls(struct cur *c, uint8_t type, uint16_t auth, uint32_t length, struct strbuf *sb)
{
	uint32_t o, len2;

	if (cur_u8(c, type == OSPF_HELLO ? 30 : 26) & OSPF_OPTION_L) {
		len2 = cur_be16(c, 2);
		if (auth == OSPF_AUTH_MD5)
			len2 += cur_u8(c, 19);
	} else {
		return;
	}
	if (c->cut)
		return;
	if (len2 >= length) {
		sb_puts(sb, "\n\t[LLS truncated]");
		return;
	}
	o = len2;
	if (!cur_need(c, o, 2))
		return;
	sb_printf(sb, "\n\t  LLS: checksum: 0x%04x", cur_be16(c, o));
	len2 = cur_be16(c, o + 2);
	if (c->cut)
		return;
	sb_printf(sb, ", length: %u", len2);
	for (o += 4; o < length;) {
		uint16_t t = cur_be16(c, o), l;
		uint32_t v;

		if (c->cut)
			return;
		sb_printf(sb, "\n\t    %s (%u)", tok_or(lls_tlv_values, t, "Unknown TLV"), t);
		l = cur_be16(c, o + 2);
		if (c->cut)
			return;
		sb_printf(sb, ", length: %u", l);
		o += 4;
		if (t == 1) {
			if (l != 4)
				sb_puts(sb, " [should be 4]");
			l = 4;
			v = cur_be32(c, o);
			if (c->cut)
				return;
			sb_printf(sb, "\n\t      Options: 0x%08x [", v);
			put_bits(sb, lls_eo_options, v, "?");
			sb_putc(sb, ']');
		} else if (t == 2) {
			if (l != 20)
				sb_puts(sb, " [should be 20]");
			l = 20;
			v = cur_be32(c, o);
			if (c->cut)
				return;
			sb_printf(sb, "\n\t      Sequence number: 0x%08x", v);
		}
		o += l;
	}
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
	sb_printf(sb, "%s (%u)", tok_or(authtype_values, auth, "unknown"), auth);
	if (auth == 1) {
		sb_puts(sb, "\n\tSimple text password: ");
		put_printjnp(sb, c, 16, 8);
	} else if (auth == OSPF_AUTH_MD5) {
		sb_printf(sb, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  c->p[18], c->p[19], rd32(c->p + 20));
	}
	return auth <= OSPF_AUTH_MD5;
}

bool print_ospf(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	uint16_t auth, len;
	uint8_t version, type;
	uint32_t end;

	if (v->is6) {
		print_ospf6(pr, c, length, sb);
		return true;
	}
	auth = cur_be16(c, 14);
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
	switch (type) {
	case OSPF_HELLO:
		hello(pr, c, end, sb);
		break;
	case OSPF_DD:
		dd(pr, c, end, sb);
		break;
	case OSPF_LS_REQ:
		ls_request(pr, c, end, sb);
		break;
	case OSPF_LS_UPDATE:
		ls_update(pr, c, sb);
		break;
	default: /* LS-Ack: headers up to a bogus one or the capture's end */
		for (uint32_t o = OSPF_HLEN; ospf_lshdr(pr, c, o, sb) != -1; o += OSPF_LSA_HLEN)
			;
		break;
	}
	if (!c->cut && length > len && (type == OSPF_HELLO || type == OSPF_DD))
		lls(c, type, auth, length, sb);
	return true;
}
