// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPFv3 (RFC 5340) as tcpdump 4.99.3's print-ospf6.c prints it: version, type and length,
 * with -v the router, area and instance, a Hello's and a Database Description's fields and the
 * trailer (LLS, RFC 5613; authentication trailer, RFC 7166); with -vv the LSA headers of
 * descriptions, requests and acks, and an LS Update's LSAs (ospf6_lsa.c).
 */
#include "addr.h"
#include "ospf.h"
#include "tok.h"
#include "wire.h"

#define OSPF6_HLEN 16
#define LSA6_HLEN 20
#define LSR6_LEN 12
#define OSPF6_OPTION_L 0x0200
#define LLS_HLEN 4
#define AT_HLEN 16

enum { OSPF6_HELLO = 1, OSPF6_DD, OSPF6_LS_REQ, OSPF6_LS_UPDATE, OSPF6_LS_ACK };

const struct tok ospf6_option_values[] = {
    {0x01, "V6"},
    {0x02, "External"},
    {0x04, "Deprecated"},
    {0x08, "NSSA"},
    {0x10, "Router"},
    {0x20, "Demand Circuit"},
    {0x0100, "AFs Support"},
    {OSPF6_OPTION_L, "LLS"},
    {0x0400, "Authentication Trailer"},
    {0, NULL},
};

static const struct tok type_values[] = {
    {OSPF6_HELLO, "Hello"},	  {OSPF6_DD, "Database Description"},
    {OSPF6_LS_REQ, "LS-Request"}, {OSPF6_LS_UPDATE, "LS-Update"},
    {OSPF6_LS_ACK, "LS-Ack"},	  {0, NULL},
};

static const struct tok lsa_values[] = {
    {1, "Router"},
    {2, "Network"},
    {3, "Inter-Area Prefix"},
    {4, "Inter-Area Router"},
    {5, "External"},
    {6, "Deprecated"},
    {7, "NSSA"},
    {8, "Link"},
    {9, "Intra-Area Prefix"},
    {10, "Intra-Area TE"},
    {11, "Grace"},
    {12, "Router Information"},
    {13, "Inter-AS-TE"},
    {14, "Layer 1 VPN"},
    {0, NULL},
};

static const struct tok ls_scope_values[] = {
    {0x0000, "Link Local"},
    {0x2000, "Area Local"},
    {0x4000, "Domain Wide"},
    {0, NULL},
};

static const struct tok dd_flag_values[] = {
    {0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x10, "IPv6 MTU"}, {0, NULL},
};

static const struct tok auth_type_values[] = {
    {1, "HMAC"},
    {0, NULL},
};

/* ospf6_print_ls_type: an LS type and its ID at id; false when cut. */
bool ospf6_ls_type(const struct printer *pr, struct cur *c, uint16_t type, uint32_t id,
		   struct strbuf *sb)
{
	if (!cur_need(c, id, 4))
		return false;
	sb_printf(sb, "\n\t    %s LSA (%u), %s Scope%s, ",
		  tok_or(lsa_values, type & 0x1fff, "Unknown"), type & 0x1fff,
		  tok_or(ls_scope_values, type & 0x6000, "Unknown"),
		  type & 0x8000 ? ", transitive" : "");
	return put_host_at(pr, c, id, "LSA-ID ", sb);
}

/* ospf6_print_lshdr: false where tcpdump goes to its truncation mark. */
bool ospf6_lshdr(const struct printer *pr, struct cur *c, uint32_t o, uint32_t end,
		 struct strbuf *sb)
{
	if (o + LSA6_HLEN > end || !cur_need(c, o, LSA6_HLEN))
		return false;
	put_host_at(pr, c, o + 8, "\n\t  Advertising Router ", sb);
	/* tcpdump subtracts the header's size as a size_t: a short length wraps to 64 bits */
	sb_printf(sb, ", seq 0x%08x, age %us, length %llu", rd32(c->p + o + 12), rd16(c->p + o),
		  (unsigned long long)((uint64_t)rd16(c->p + o + 18) - LSA6_HLEN));
	return ospf6_ls_type(pr, c, rd16(c->p + o + 2), o + 4, sb);
}

static void hello(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	uint32_t options = cur_be32(c, 20);

	if (c->cut)
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, ospf6_option_values, options, "none");
	sb_putc(sb, ']');
	if (!cur_need(c, 16, 12))
		return;
	sb_printf(sb, "\n\t  Hello Timer %us, Dead Timer %us, ", rd16(c->p + 24), rd16(c->p + 26));
	put_host_at(pr, c, 16, "Interface-ID ", sb);
	sb_printf(sb, ", Priority %u", c->p[20]);
	if (cur_be32(c, 28))
		put_host_at(pr, c, 28, "\n\t  Designated Router ", sb);
	if (cur_be32(c, 32))
		put_host_at(pr, c, 32, ", Backup Designated Router ", sb);
	if (c->cut || pr->o.vflag < 2)
		return;
	sb_puts(sb, "\n\t  Neighbor List:");
	for (uint32_t o = 36; o < end; o += 4)
		if (!put_host_at(pr, c, o, "\n\t    ", sb))
			return;
}

static void dd(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	uint32_t options = cur_be32(c, 16);

	if (c->cut)
		return;
	sb_puts(sb, "\n\tOptions [");
	put_bits(sb, ospf6_option_values, options, "none");
	if (!cur_need(c, 23, 1))
		return;
	sb_puts(sb, "], DD Flags [");
	put_bits(sb, dd_flag_values, c->p[23], "none");
	if (!cur_need(c, 24, 4))
		return;
	sb_printf(sb, "], MTU %u, DD-Sequence 0x%08x", rd16(c->p + 20), rd32(c->p + 24));
	if (pr->o.vflag < 2)
		return;
	for (uint32_t o = 28; o < end; o += LSA6_HLEN)
		if (!ospf6_lshdr(pr, c, o, end, sb)) {
			c->cut = true;
			return;
		}
}

/* ospf6_decode_v3: false where tcpdump goes to its truncation mark. */
static bool decode_v3(const struct printer *pr, struct cur *c, uint8_t type, uint32_t end,
		      struct strbuf *sb)
{
	switch (type) {
	case OSPF6_HELLO:
		hello(pr, c, end, sb);
		return true;
	case OSPF6_DD:
		dd(pr, c, end, sb);
		return true;
	case OSPF6_LS_REQ:
		if (pr->o.vflag < 2)
			return true;
		for (uint32_t o = OSPF6_HLEN; o < end; o += LSR6_LEN) {
			if (!cur_has(c, o, LSR6_LEN))
				return false;
			put_host_at(pr, c, o + 8, "\n\t  Advertising Router ", sb);
			if (!ospf6_ls_type(pr, c, rd16(c->p + o + 2), o + 4, sb))
				return true;
		}
		return true;
	case OSPF6_LS_UPDATE:
		return pr->o.vflag < 2 || ospf6_ls_update(pr, c, end, sb);
	case OSPF6_LS_ACK:
		if (pr->o.vflag < 2)
			return true;
		for (uint32_t o = OSPF6_HLEN; o < end; o += LSA6_HLEN)
			if (!ospf6_lshdr(pr, c, o, end, sb))
				return false;
		return true;
	default:
		return true;
	}
}

/* ospf6_print_lls: the LLS block's length, or -1 for the truncation mark. */
static int32_t lls(struct cur *c, uint32_t o, uint32_t len, struct strbuf *sb)
{
	uint16_t datalen;

	if (!len)
		return 0;
	if (len < LLS_HLEN || !cur_need(c, o, 2))
		return -1;
	sb_printf(sb, "\n\tLLS Checksum 0x%04x", rd16(c->p + o));
	datalen = cur_be16(c, o + 2);
	if (c->cut)
		return -1;
	sb_printf(sb, ", Data Length %u", datalen);
	if (datalen < LLS_HLEN || datalen > len || !cur_has(c, o + 4, datalen - LLS_HLEN))
		return -1;
	return datalen;
}

/* ospf6_decode_at: false for the truncation mark. */
static bool auth_trailer(const struct printer *pr, struct cur *c, uint32_t o, uint32_t len,
			 struct strbuf *sb)
{
	uint16_t type, datalen;

	if (!len)
		return true;
	if (len < AT_HLEN)
		return false;
	type = cur_be16(c, o);
	if (c->cut)
		return false;
	sb_puts(sb, "\n\tAuthentication Type ");
	if (tok_name(auth_type_values, type))
		sb_puts(sb, tok_name(auth_type_values, type));
	else
		sb_printf(sb, "unknown (0x%04x)", type);
	datalen = cur_be16(c, o + 2);
	if (c->cut)
		return false;
	sb_printf(sb, ", Length %u", datalen);
	if (datalen < AT_HLEN || datalen > len || !cur_need(c, o + 6, 2))
		return false;
	sb_printf(sb, ", SAID %u", rd16(c->p + o + 6));
	if (!cur_need(c, o + 8, 4))
		return false;
	sb_printf(sb, ", CSN 0x%08x", rd32(c->p + o + 8));
	if (!cur_need(c, o + 12, 4))
		return false;
	sb_printf(sb, ":%08x", rd32(c->p + o + 12));
	if (!cur_has(c, o + AT_HLEN, datalen - AT_HLEN))
		return false;
	if (pr->o.vflag > 1)
		cur_unknown_data(sb, c, o + AT_HLEN, datalen - AT_HLEN, "\n\tAuthentication Data ");
	return true;
}

/* ospf6_decode_v3_trailer: LLS in a Hello or DD that says so, then an authentication
 * trailer in any. */
static bool trailer(const struct printer *pr, struct cur *c, uint8_t type, uint32_t o, uint32_t len,
		    struct strbuf *sb)
{
	int32_t llslen = 0;
	uint32_t options = 0;

	if (type == OSPF6_HELLO)
		options = cur_be32(c, 20);
	else if (type == OSPF6_DD)
		options = cur_be32(c, 16);
	if (c->cut)
		return false;
	if (options & OSPF6_OPTION_L) {
		llslen = lls(c, o, len, sb);
		if (llslen < 0)
			return false;
	}
	return auth_trailer(pr, c, o + (uint32_t)llslen, len - (uint32_t)llslen, sb);
}

void print_ospf6(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t type = cur_u8(c, 1), version;
	uint16_t datalen;

	c->proto = "ospf3";
	version = cur_u8(c, 0);
	if (c->cut)
		return;
	sb_printf(sb, "OSPFv%u, ", version);
	if (tok_name(type_values, type))
		sb_puts(sb, tok_name(type_values, type));
	else
		sb_printf(sb, "unknown packet type (%u)", type);
	sb_printf(sb, ", length %u", length);
	if (!tok_name(type_values, type) || !pr->o.vflag)
		return;
	datalen = cur_be16(c, 2);
	if (c->cut)
		return;
	if (datalen > length) {
		sb_printf(sb, " [len %u]", datalen);
		return;
	}
	if (!put_host_at(pr, c, 4, "\n\tRouter-ID ", sb))
		return;
	if (cur_be32(c, 8))
		put_host_at(pr, c, 8, ", Area ", sb);
	else if (!c->cut)
		sb_puts(sb, ", Backbone Area");
	if (cur_u8(c, 14))
		sb_printf(sb, ", Instance %u", c->p[14]);
	if (c->cut || version != 3)
		return;
	if (!decode_v3(pr, c, type, datalen, sb) ||
	    (!c->cut && !trailer(pr, c, type, datalen, length - datalen, sb)))
		c->cut = true;
}
