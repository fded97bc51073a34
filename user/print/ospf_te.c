// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPF's traffic engineering LSA (RFC 3630, with RFC 4203's and RFC 4124's sub-TLVs) as
 * tcpdump 4.99.3's print-ospf.c ospf_te_lsa_print() prints it, for OSPFv2's opaque LSA and
 * OSPFv3's intra-area TE LSA: the router address TLV and the link TLV's sub-TLVs.
 */
#include <string.h>

#include "addr.h"
#include "ospf.h"
#include "tok.h"
#include "wire.h"

enum { TE_TLV_ROUTER = 1, TE_TLV_LINK };

enum {
	SUB_LINK_TYPE = 1,
	SUB_LINK_ID,
	SUB_LOCAL_IP,
	SUB_REMOTE_IP,
	SUB_TE_METRIC,
	SUB_MAX_BW,
	SUB_MAX_RES_BW,
	SUB_UNRES_BW,
	SUB_ADMIN_GROUP,
	SUB_LINK_LOCAL_REMOTE_ID = 11,
	SUB_LINK_PROTECTION_TYPE = 14,
	SUB_INTF_SW_CAP_DESCR,
	SUB_SHARED_RISK_GROUP,
	SUB_BW_CONSTRAINTS,
};

static const struct tok te_tlv_values[] = {
    {TE_TLV_ROUTER, "Router Address"},
    {TE_TLV_LINK, "Link"},
    {0, NULL},
};

static const struct tok te_link_subtlv_values[] = {
    {SUB_LINK_TYPE, "Link Type"},
    {SUB_LINK_ID, "Link ID"},
    {SUB_LOCAL_IP, "Local Interface IP address"},
    {SUB_REMOTE_IP, "Remote Interface IP address"},
    {SUB_TE_METRIC, "Traffic Engineering Metric"},
    {SUB_MAX_BW, "Maximum Bandwidth"},
    {SUB_MAX_RES_BW, "Maximum Reservable Bandwidth"},
    {SUB_UNRES_BW, "Unreserved Bandwidth"},
    {SUB_ADMIN_GROUP, "Administrative Group"},
    {SUB_LINK_LOCAL_REMOTE_ID, "Link Local/Remote Identifier"},
    {SUB_LINK_PROTECTION_TYPE, "Link Protection Type"},
    {SUB_INTF_SW_CAP_DESCR, "Interface Switching Capability"},
    {SUB_SHARED_RISK_GROUP, "Shared Risk Link Group"},
    {SUB_BW_CONSTRAINTS, "Bandwidth Constraints"},
    {0, NULL},
};

static const struct tok link_type_values[] = {
    {1, "Point-to-point"},
    {2, "Multi-Access"},
    {0, NULL},
};

/* gmpls.c's tables */
static const struct tok bc_model_values[] = {
    {0, "Russian dolls"},
    {1, "Maximum allocation"},
    {254, "Maximum allocation with E-LSP support"},
    {0, NULL},
};

static const struct tok link_prot_values[] = {
    {0x01, "Extra Traffic"}, {0x02, "Unprotected"},   {0x04, "Shared"},
    {0x08, "Dedicated 1:1"}, {0x10, "Dedicated 1+1"}, {0x20, "Enhanced"},
    {0x40, "Reserved"},	     {0x80, "Reserved"},      {0, NULL},
};

static const struct tok switch_cap_values[] = {
    {1, "Packet-Switch Capable-1"},
    {2, "Packet-Switch Capable-2"},
    {3, "Packet-Switch Capable-3"},
    {4, "Packet-Switch Capable-4"},
    {51, "Layer-2 Switch Capable"},
    {100, "Time-Division-Multiplex"},
    {150, "Lambda-Switch Capable"},
    {200, "Fiber-Switch Capable"},
    {0, NULL},
};

static const struct tok encoding_values[] = {
    {1, "Packet"},
    {2, "Ethernet V2/DIX"},
    {3, "ANSI/ETSI PDH"},
    {4, "Reserved"},
    {5, "SDH ITU-T G.707/SONET ANSI T1.105"},
    {6, "Reserved"},
    {7, "Digital Wrapper"},
    {8, "Lambda (photonic)"},
    {9, "Fiber"},
    {10, "Reserved"},
    {11, "FiberChannel"},
    {0, NULL},
};

/* An IEEE float in bytes per second as tcpdump prints it: "%.3f" of f * 8 / 1000000 in float. */
static double mbps(const uint8_t *p)
{
	uint32_t i = rd32(p);
	float f;

	memcpy(&f, &i, sizeof(f));
	f = f * 8 / 1000000;
	return f;
}

/* The sub-TLVs of four bytes; false: tcpdump's -1. */
static bool subtlv_4(const struct printer *pr, struct cur *c, uint16_t type, uint16_t len,
		     uint32_t t, struct strbuf *sb)
{
	const uint8_t *p = c->p + t;

	if (len != 4) {
		sb_puts(sb, " != 4 (invalid)");
		return false;
	}
	if (type == SUB_ADMIN_GROUP) {
		sb_printf(sb, ", 0x%08x", rd32(p));
	} else if (type == SUB_TE_METRIC) {
		sb_printf(sb, ", Metric %u", rd32(p));
	} else if (type == SUB_LOCAL_IP || type == SUB_REMOTE_IP) {
		put_host_at(pr, c, t, ", ", sb);
	} else if (type == SUB_LINK_PROTECTION_TYPE) {
		sb_puts(sb, ", ");
		put_bits(sb, link_prot_values, p[0], "none");
	} else {
		sb_printf(sb, ", %.3f Mbps", mbps(p));
	}
	return true;
}

/* A link sub-TLV's value (its bytes held); false: tcpdump's -1 ("(invalid)" printed). */
static bool subtlv_value(const struct printer *pr, struct cur *c, uint16_t type, uint16_t len,
			 uint32_t t, struct strbuf *sb)
{
	const uint8_t *p = c->p + t;

	switch (type) {
	case SUB_ADMIN_GROUP:
	case SUB_TE_METRIC:
	case SUB_LOCAL_IP:
	case SUB_REMOTE_IP:
	case SUB_MAX_BW:
	case SUB_MAX_RES_BW:
	case SUB_LINK_PROTECTION_TYPE:
		return subtlv_4(pr, c, type, len, t, sb);
	case SUB_LINK_ID:
	case SUB_LINK_LOCAL_REMOTE_ID:
		if (len != 4 && len != 8) {
			sb_puts(sb, " != 4 && != 8 (invalid)");
			return false;
		}
		for (uint32_t o = 0; o < len; o += 4) {
			put_host_at(pr, c, t + o, ", ", sb);
			sb_printf(sb, " (0x%08x)", rd32(p + o));
		}
		return true;
	case SUB_UNRES_BW:
		if (len != 32) {
			sb_puts(sb, " != 32 (invalid)");
			return false;
		}
		for (uint32_t i = 0; i < 8; i++)
			sb_printf(sb, "\n\t\tTE-Class %u: %.3f Mbps", i, mbps(p + (size_t)i * 4));
		return true;
	case SUB_BW_CONSTRAINTS:
		if (len < 4) {
			sb_puts(sb, " < 4 (invalid)");
			return false;
		}
		sb_printf(sb, "\n\t\tBandwidth Constraints Model ID: %s (%u)",
			  tok_or(bc_model_values, p[0], "unknown"), p[0]);
		if (len % 4) {
			sb_printf(sb, "\n\t\tlength %u != N x 4 (invalid)", len);
			return false;
		}
		if (len > 36) {
			sb_printf(sb, "\n\t\tlength %u > 36 (invalid)", len);
			return false;
		}
		for (uint32_t i = 0; i < (len - 4u) / 4; i++)
			sb_printf(sb, "\n\t\t  Bandwidth constraint CT%u: %.3f Mbps", i,
				  mbps(p + 4 + (size_t)i * 4));
		return true;
	case SUB_INTF_SW_CAP_DESCR:
		if (len < 36) {
			sb_puts(sb, " < 36 (invalid)");
			return false;
		}
		sb_printf(sb, "\n\t\tInterface Switching Capability: %s",
			  tok_or(switch_cap_values, p[0], "Unknown"));
		sb_printf(sb, "\n\t\tLSP Encoding: %s\n\t\tMax LSP Bandwidth:",
			  tok_or(encoding_values, p[1], "Unknown"));
		for (uint32_t i = 0; i < 8; i++)
			sb_printf(sb, "\n\t\t  priority level %u: %.3f Mbps", i,
				  mbps(p + 4 + (size_t)i * 4));
		return true;
	case SUB_LINK_TYPE:
		if (len != 1) {
			sb_puts(sb, " != 1 (invalid)");
			return false;
		}
		sb_printf(sb, ", %s (%u)", tok_or(link_type_values, p[0], "unknown"), p[0]);
		return true;
	case SUB_SHARED_RISK_GROUP:
		if (len % 4) {
			sb_puts(sb, " != N x 4 (invalid)");
			return false;
		}
		if (len)
			sb_puts(sb, "\n\t\t  Shared risk group: ");
		for (uint32_t o = 0; o < len; o += 4)
			sb_printf(sb, o + 4 < len ? "%u, " : "%u", rd32(p + o));
		return true;
	default:
		if (pr->o.vflag <= 1)
			cur_unknown_data(sb, c, t, len, "\n\t\t");
		return true;
	}
}

/* The link TLV's sub-TLVs from *tp, tlv_length bytes, *tp moved past them; false: tcpdump's
 * -1. */
static bool link_tlv(const struct printer *pr, struct cur *c, uint32_t *tp, uint32_t tlv_length,
		     struct strbuf *sb)
{
	uint32_t t = *tp;

	while (tlv_length) {
		uint16_t type, len;
		uint32_t padded;

		if (tlv_length < 4) {
			sb_printf(sb, "\n\t    Remaining TLV length %u < 4", tlv_length);
			return false;
		}
		type = cur_be16(c, t);
		len = cur_be16(c, t + 2);
		if (c->cut)
			return false;
		t += 4;
		tlv_length -= 4;
		if (!type || !len) {
			sb_puts(sb, " (invalid)");
			return false;
		}
		sb_printf(sb, "\n\t      %s subTLV (%u), length: %u",
			  tok_or(te_link_subtlv_values, type, "unknown"), type, len);
		if (tlv_length < len) {
			sb_printf(sb, "\n\t    Remaining TLV length %u < %u", tlv_length + 4,
				  len + 4);
			return false;
		}
		if (!cur_has(c, t, len) || !subtlv_value(pr, c, type, len, t, sb))
			return false;
		if (type == SUB_SHARED_RISK_GROUP)
			t += len; /* tcpdump's SRLG loop moves the pointer too: it skips twice */
		padded = len % 4 ? len + 4u - len % 4 : len;
		if (tlv_length < padded) {
			sb_printf(sb, "\n\t    Remaining TLV length %u < %u", tlv_length + 4,
				  padded + 4);
			return false;
		}
		tlv_length -= padded;
		t += padded;
		*tp = t;
	}
	return true;
}

bool ospf_te_tlvs(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
		  struct strbuf *sb)
{
	while (len) {
		uint16_t type, tlen;

		if (!cur_has(c, t, 4))
			return false;
		if (len < 4) {
			sb_printf(sb, "\n\t    Remaining LS length %u < 4", len);
			return false;
		}
		type = rd16(c->p + t);
		tlen = rd16(c->p + t + 2);
		t += 4;
		len -= 4;
		sb_printf(sb, "\n\t    %s TLV (%u), length: %u",
			  tok_or(te_tlv_values, type, "unknown"), type, tlen);
		if (tlen > len) {
			sb_printf(sb, "\n\t    Bogus length %u > %u", tlen, len);
			return false;
		}
		if (!type || !tlen)
			return false;
		if (type == TE_TLV_LINK) {
			/* tcpdump's loop moves the pointer and uses the TLV's length up, so the
			 * LSA's remaining length keeps the link TLV's bytes */
			if (!link_tlv(pr, c, &t, tlen, sb))
				return false;
			continue;
		} else if (type == TE_TLV_ROUTER) {
			if (tlen < 4) {
				sb_printf(sb, "\n\t    TLV length %u < 4", tlen);
				return false;
			}
			if (!put_host_at(pr, c, t, ", ", sb))
				return false;
		} else if (pr->o.vflag <= 1) {
			if (t > c->cap)
				return false;
			cur_unknown_data(sb, c, t, tlen, "\n\t      ");
		}
		tlen = (uint16_t)(tlen % 4 ? tlen + 4 - tlen % 4 : tlen);
		if (tlen > len) {
			sb_printf(sb, "\n\t    Bogus padded length %u > %u", tlen, len);
			return false;
		}
		len -= tlen;
		t += tlen;
	}
	return true;
}
