// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPFv2's link state advertisements (RFC 2328 section 12, RFC 3101, RFC 5250) as tcpdump
 * 4.99.3's print-ospf.c prints them with -v: the LSA header (ospf_print_lshdr) and the router,
 * network, summary, external, NSSA, group, router information, grace and (ospf_te.c)
 * traffic engineering LSAs (ospf_print_lsa).
 */
#include "addr.h"
#include "ospf.h"
#include "tok.h"
#include "wire.h"

#define LSA_HLEN 20
#define RLA_LINK_LEN 12

enum {
	LS_TYPE_ROUTER = 1,
	LS_TYPE_NETWORK,
	LS_TYPE_SUM_IP,
	LS_TYPE_SUM_ABR,
	LS_TYPE_ASE,
	LS_TYPE_GROUP,
	LS_TYPE_NSSA,
	LS_TYPE_OPAQUE_LL = 9,
	LS_TYPE_OPAQUE_AL,
	LS_TYPE_OPAQUE_DW,
};

enum { LS_OPAQUE_TYPE_TE = 1, LS_OPAQUE_TYPE_GRACE = 3, LS_OPAQUE_TYPE_RI };

const struct tok ospf_lsa_values[] = {
    {LS_TYPE_ROUTER, "Router"},
    {LS_TYPE_NETWORK, "Network"},
    {LS_TYPE_SUM_IP, "Summary"},
    {LS_TYPE_SUM_ABR, "ASBR Summary"},
    {LS_TYPE_ASE, "External"},
    {LS_TYPE_GROUP, "Multicast Group"},
    {LS_TYPE_NSSA, "NSSA"},
    {LS_TYPE_OPAQUE_LL, "Link Local Opaque"},
    {LS_TYPE_OPAQUE_AL, "Area Local Opaque"},
    {LS_TYPE_OPAQUE_DW, "Domain Wide Opaque"},
    {0, NULL},
};

const struct tok ospf_lsa_opaque_values[] = {
    {LS_OPAQUE_TYPE_TE, "Traffic Engineering"},
    {LS_OPAQUE_TYPE_GRACE, "Graceful restart"},
    {LS_OPAQUE_TYPE_RI, "Router Information"},
    {0, NULL},
};

static const struct tok rla_flag_values[] = {
    {0x01, "ABR"}, {0x02, "ASBR"}, {0x04, "Virtual"}, {0x08, "Wildcard"},
    {0x10, "Nt"},  {0x80, "Host"}, {0, NULL},
};

static const struct tok topology_values[] = {
    {0, "default"},
    {1, "multicast"},
    {2, "management"},
    {0, NULL},
};

static const struct tok grace_tlv_values[] = {
    {1, "Grace Period"},
    {2, "Graceful restart Reason"},
    {3, "IPv4 interface address"},
    {0, NULL},
};

static const struct tok grace_reason_values[] = {
    {0, "Unknown"},
    {1, "Software Restart"},
    {2, "Software Reload/Upgrade"},
    {3, "Control Processor Switch"},
    {0, NULL},
};

static const struct tok ri_tlv_values[] = {
    {1, "Router Capabilities"},
    {0, NULL},
};

static const struct tok ri_cap_values[] = {
    {1, "Reserved"},
    {2, "Reserved"},
    {4, "Reserved"},
    {8, "Reserved"},
    {16, "graceful restart capable"},
    {32, "graceful restart helper"},
    {64, "Stub router support"},
    {128, "Traffic engineering"},
    {256, "p2p over LAN"},
    {512, "path computation server"},
    {0, NULL},
};

int32_t ospf_lshdr(const struct printer *pr, struct cur *c, uint32_t o, struct strbuf *sb)
{
	uint16_t ls_length = cur_be16(c, o + 18);
	uint8_t type;

	if (c->cut)
		return -1;
	if (ls_length < LSA_HLEN) {
		sb_printf(sb, "\n\t    Bogus length %u < header (%u)", ls_length, LSA_HLEN);
		return -1;
	}
	/* the bytes before ls_length are held too */
	put_host_at(pr, c, o + 8, "\n\t  Advertising Router ", sb);
	sb_printf(sb, ", seq 0x%08x, age %us, length %u", rd32(c->p + o + 12), rd16(c->p + o),
		  ls_length - LSA_HLEN);
	type = c->p[o + 3];
	switch (type) {
	case LS_TYPE_OPAQUE_LL:
	case LS_TYPE_OPAQUE_AL:
	case LS_TYPE_OPAQUE_DW:
		sb_printf(sb, "\n\t    %s LSA (%u), Opaque-Type %s LSA (%u), Opaque-ID %u",
			  tok_or(ospf_lsa_values, type, "unknown"), type,
			  tok_or(ospf_lsa_opaque_values, c->p[o + 4], "unknown"), c->p[o + 4],
			  cur_be24(c, o + 5));
		break;
	default:
		sb_printf(sb, "\n\t    %s LSA (%u), ", tok_or(ospf_lsa_values, type, "unknown"),
			  type);
		put_host_at(pr, c, o + 4, "LSA-ID: ", sb);
		break;
	}
	sb_puts(sb, "\n\t    Options: [");
	put_bits(sb, ospf_option_values, c->p[o + 2], "none");
	sb_putc(sb, ']');
	return ls_length;
}

/* ospf_print_tos_metrics: the link's own metric, then tos_count more, at t. */
static void tos_metrics(struct cur *c, uint32_t t, struct strbuf *sb)
{
	uint32_t n = cur_u8(c, t + 1) + 1u, i;

	for (i = 0; i < n && !c->cut; i++, t += 4) {
		uint8_t type = cur_u8(c, t);
		uint16_t metric = cur_be16(c, t + 2);

		if (c->cut)
			return;
		type = i ? type : 0; /* the first is the link's */
		sb_printf(sb, "\n\t\ttopology %s (%u), metric %u",
			  tok_or(topology_values, type, "Unknown"), type, metric);
	}
}

/* What ospf_print_lsa returns: NULL (the record is cut), or the LSA's end, early (without
 * -vv's dump) or after the body. */
enum lsa_ret { LSA_CUT, LSA_EARLY, LSA_DONE };

/* A router LSA's links from b. */
static enum lsa_ret router_lsa(const struct printer *pr, struct cur *c, uint32_t b,
			       struct strbuf *sb)
{
	uint8_t flags = cur_u8(c, b);
	uint32_t count, rl = b + 4;

	if (c->cut)
		return LSA_CUT;
	sb_puts(sb, "\n\t    Router LSA Options: [");
	put_bits(sb, rla_flag_values, flags, "none");
	sb_putc(sb, ']');
	count = cur_be16(c, b + 2);
	if (c->cut || !cur_has(c, rl, RLA_LINK_LEN))
		return LSA_CUT;
	for (; count; count--) {
		const char *fmt;

		if (!cur_has(c, rl, RLA_LINK_LEN))
			return LSA_CUT;
		switch (c->p[rl + 8]) {
		case 4:
			fmt = "\n\t      Virtual Link: Neighbor Router-ID: ";
			break;
		case 1:
			fmt = "\n\t      Neighbor Router-ID: ";
			break;
		case 2:
			fmt = "\n\t      Neighbor Network-ID: ";
			break;
		case 3:
			fmt = "\n\t      Stub Network: ";
			break;
		default:
			sb_printf(sb, "\n\t      Unknown Router Link Type (%u)", c->p[rl + 8]);
			return LSA_EARLY;
		}
		put_host_at(pr, c, rl, fmt, sb);
		put_host_at(pr, c, rl + 4,
			    c->p[rl + 8] == 3 ? ", Mask: " : ", Interface Address: ", sb);
		tos_metrics(c, rl + 8, sb);
		if (c->cut)
			return LSA_CUT;
		rl += RLA_LINK_LEN + c->p[rl + 9] * 4u;
	}
	return LSA_DONE;
}

/* Summary LSAs' metrics from m to the LSA's end. */
static void sum_metrics(struct cur *c, uint32_t m, uint32_t end, struct strbuf *sb)
{
	for (; m < end; m += 4) {
		uint32_t ul = cur_be32(c, m), topology = (ul & 0x7f000000) >> 24;

		if (c->cut)
			return;
		sb_printf(sb, "\n\t\ttopology %s (%u) metric %u",
			  tok_or(topology_values, topology, "Unknown"), topology, ul & 0x00ffffff);
	}
}

/* External and NSSA LSAs' metrics, forwarding addresses and tags from m to the end. */
static void ase_metrics(const struct printer *pr, struct cur *c, uint32_t m, uint32_t end,
			struct strbuf *sb)
{
	for (; m < end; m += 12) {
		uint32_t ul = cur_be32(c, m), topology = (ul & 0x7f000000) >> 24;

		if (c->cut)
			return;
		sb_printf(sb, "\n\t\ttopology %s (%u), type %u, metric",
			  tok_or(topology_values, topology, "Unknown"), topology,
			  ul & 0x80000000 ? 2 : 1);
		if ((ul & 0x00ffffff) == 0xffffff)
			sb_puts(sb, " infinite");
		else
			sb_printf(sb, " %u", ul & 0x00ffffff);
		if (cur_be32(c, m + 4))
			put_host_at(pr, c, m + 4, ", forward ", sb);
		if (cur_be32(c, m + 8))
			put_host_at(pr, c, m + 8, ", tag ", sb);
		if (c->cut)
			return;
	}
}

/* ospf_grace_lsa_print: its TLVs; a check that fails ends the LSA, not the record. */
static enum lsa_ret grace_lsa(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
			      struct strbuf *sb)
{
	while (len > 0) {
		uint16_t type, tlen;

		if (!cur_has(c, t, 4))
			return LSA_EARLY;
		if (len < 4) {
			sb_printf(sb, "\n\t    Remaining LS length %u < 4", len);
			return LSA_EARLY;
		}
		type = rd16(c->p + t);
		tlen = rd16(c->p + t + 2);
		t += 4;
		len -= 4;
		sb_printf(sb, "\n\t    %s TLV (%u), length %u, value: ",
			  tok_or(grace_tlv_values, type, "unknown"), type, tlen);
		if (tlen > len) {
			sb_printf(sb, "\n\t    Bogus length %u > %u", tlen, len);
			return LSA_EARLY;
		}
		if (!type || !tlen || !cur_has(c, t, tlen))
			return LSA_EARLY;
		switch (type) {
		case 1:
		case 3:
			if (tlen != 4) {
				sb_printf(sb, "\n\t    Bogus length %u != 4", tlen);
				return LSA_EARLY;
			}
			if (type == 1)
				sb_printf(sb, "%us", rd32(c->p + t));
			else
				put_host_at(pr, c, t, "", sb);
			break;
		case 2:
			if (tlen != 1) {
				sb_printf(sb, "\n\t    Bogus length %u != 1", tlen);
				return LSA_EARLY;
			}
			sb_printf(sb, "%s (%u)", tok_or(grace_reason_values, c->p[t], "Unknown"),
				  c->p[t]);
			break;
		default:
			if (pr->o.vflag <= 1)
				cur_unknown_data(sb, c, t, tlen, "\n\t      ");
			break;
		}
		tlen = (uint16_t)(tlen % 4 ? tlen + 4 - tlen % 4 : tlen);
		len -= tlen; /* tcpdump's unsigned arithmetic: past the end wraps */
		t += tlen;
	}
	return LSA_DONE;
}

bool ospf_grace_tlvs(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
		     struct strbuf *sb)
{
	return grace_lsa(pr, c, t, len, sb) == LSA_DONE;
}

/* The router information LSA's TLVs. */
static enum lsa_ret ri_lsa(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
			   struct strbuf *sb)
{
	while (len) {
		uint16_t type, tlen;

		if (!cur_has(c, t, 4))
			return LSA_CUT;
		if (len < 4) {
			sb_printf(sb, "\n\t    Remaining LS length %u < 4", len);
			return LSA_EARLY;
		}
		type = rd16(c->p + t);
		tlen = rd16(c->p + t + 2);
		t += 4;
		len -= 4;
		sb_printf(sb, "\n\t    %s TLV (%u), length: %u, value: ",
			  tok_or(ri_tlv_values, type, "unknown"), type, tlen);
		if (tlen > len) {
			sb_printf(sb, "\n\t    Bogus length %u > remaining LS length %u", tlen,
				  len);
			return LSA_EARLY;
		}
		if (!cur_has(c, t, tlen))
			return LSA_CUT;
		if (type == 1) {
			if (tlen != 4) {
				sb_printf(sb, "\n\t    Bogus length %u != 4", tlen);
				return LSA_EARLY;
			}
			sb_puts(sb, "Capabilities: ");
			put_bits(sb, ri_cap_values, rd32(c->p + t), "Unknown");
		} else if (pr->o.vflag <= 1) {
			cur_unknown_data(sb, c, t, tlen, "\n\t      ");
		}
		t += tlen;
		len -= tlen;
	}
	return LSA_DONE;
}

/* The body of the LSA at o, ls_length bytes with its header. */
static enum lsa_ret lsa_body(const struct printer *pr, struct cur *c, uint32_t o,
			     uint32_t ls_length, struct strbuf *sb)
{
	uint32_t b = o + LSA_HLEN, end = o + ls_length, len = ls_length - LSA_HLEN;

	switch (c->p[o + 3]) {
	case LS_TYPE_ROUTER:
		return router_lsa(pr, c, b, sb);
	case LS_TYPE_NETWORK:
		if (!put_host_at(pr, c, b, "\n\t    Mask ", sb))
			return LSA_CUT;
		sb_puts(sb, "\n\t    Connected Routers:");
		for (uint32_t a = b + 4; a < end; a += 4)
			if (!put_host_at(pr, c, a, "\n\t      ", sb))
				return LSA_CUT;
		return LSA_DONE;
	case LS_TYPE_SUM_IP:
		if (!put_host_at(pr, c, b, "\n\t    Mask ", sb))
			return LSA_CUT;
		__attribute__((fallthrough));
	case LS_TYPE_SUM_ABR:
		if (!cur_has(c, b + 4, 4))
			return LSA_CUT;
		sum_metrics(c, b + 4, end, sb);
		return c->cut ? LSA_CUT : LSA_DONE;
	case LS_TYPE_ASE:
	case LS_TYPE_NSSA:
		if (!put_host_at(pr, c, b, "\n\t    Mask ", sb) || !cur_has(c, b + 4, 4))
			return LSA_CUT;
		ase_metrics(pr, c, b + 4, end, sb);
		return c->cut ? LSA_CUT : LSA_DONE;
	case LS_TYPE_GROUP:
		for (uint32_t m = b; m < end; m += 8) {
			uint32_t vtype = cur_be32(c, m);

			if (c->cut)
				return LSA_CUT;
			if (vtype == 1)
				put_host_at(pr, c, m + 4, "\n\t    Router Router-ID ", sb);
			else if (vtype == 2)
				put_host_at(pr, c, m + 4, "\n\t    Network Designated Router ", sb);
			else
				sb_printf(sb, "\n\t    unknown VertexType (%u)", vtype);
			if (c->cut)
				return LSA_CUT;
		}
		return LSA_DONE;
	case LS_TYPE_OPAQUE_LL:
	case LS_TYPE_OPAQUE_AL:
	case LS_TYPE_OPAQUE_DW:
		switch (c->p[o + 4]) {
		case LS_OPAQUE_TYPE_RI:
			return ri_lsa(pr, c, b, len, sb);
		case LS_OPAQUE_TYPE_GRACE:
			return grace_lsa(pr, c, b, len, sb);
		case LS_OPAQUE_TYPE_TE:
			return ospf_te_tlvs(pr, c, b, len, sb) ? LSA_DONE : LSA_EARLY;
		default:
			if (pr->o.vflag <= 1)
				cur_unknown_data(sb, c, b, len, "\n\t    ");
			return LSA_DONE;
		}
	default:
		return LSA_DONE;
	}
}

int32_t ospf_lsa(const struct printer *pr, struct cur *c, uint32_t o, struct strbuf *sb)
{
	int32_t ls_length = ospf_lshdr(pr, c, o, sb);
	enum lsa_ret ret;

	if (ls_length < 0)
		return -1;
	ret = lsa_body(pr, c, o, (uint32_t)ls_length, sb);
	if (ret == LSA_CUT || c->cut)
		return -1;
	if (ret == LSA_DONE && pr->o.vflag > 1)
		cur_unknown_data(sb, c, o + LSA_HLEN, (uint32_t)ls_length - LSA_HLEN, "\n\t    ");
	return ls_length;
}
