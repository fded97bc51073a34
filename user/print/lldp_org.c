// SPDX-License-Identifier: GPL-2.0-only
/*
 * LLDP's organisation specific TLVs as tcpdump 4.99.3's print-lldp.c prints them with -v:
 * IEEE 802.1 (port VLAN, protocol VLAN, VLAN name, protocol identity, link aggregation,
 * congestion notification, ETS, PFC, application priority, EVB, CDCP), IEEE 802.3 (MAC/PHY,
 * power via MDI, link aggregation, max frame size) and IANA's MUD URL. TIA's LLDP-MED and
 * DCBX are not decoded here. The whole TLV is held (lldp.c checked it).
 */
#include "lldp.h"
#include "text.h"
#include "tok.h"

#define OUI_IEEE_8021 0x0080c2
#define OUI_IEEE_8023 0x00120f
#define OUI_IANA 0x00005e

static const struct tok subtype_8021_values[] = {
    {1, "Port VLAN Id"},
    {2, "Port and Protocol VLAN ID"},
    {3, "VLAN name"},
    {4, "Protocol Identity"},
    {7, "Link aggregation"},
    {8, "Congestion Notification"},
    {9, "ETS Configuration"},
    {10, "ETS Recommendation"},
    {11, "Priority Flow Control Configuration"},
    {12, "Application Priority"},
    {13, "EVB"},
    {14, "CDCP"},
    {0, NULL},
};

static const struct tok port_protocol_id_values[] = {
    {1 << 1, "supported"},
    {1 << 2, "enabled"},
    {0, NULL},
};

static const struct tok subtype_8023_values[] = {
    {1, "MAC/PHY configuration/status"},
    {2, "Power via MDI"},
    {3, "Link aggregation"},
    {4, "Max frame size"},
    {0, NULL},
};

static const struct tok mau_types_values[] = {
    {0, "Unknown"},
    {1, "AUI"},
    {2, "10BASE_5"},
    {3, "FOIRL"},
    {4, "10BASE2"},
    {5, "10BASET duplex mode unknown"},
    {6, "10BASEFP"},
    {7, "10BASEFB"},
    {8, "10BASEFL duplex mode unknown"},
    {9, "10BROAD36"},
    {10, "10BASET hdx"},
    {11, "10BASET fdx"},
    {12, "10BASEFL hdx"},
    {13, "10BASEFL fdx"},
    {14, "100BASET4"},
    {15, "100BASETX hdx"},
    {16, "100BASETX fdx"},
    {17, "100BASEFX hdx"},
    {18, "100BASEFX fdx"},
    {19, "100BASET2 hdx"},
    {20, "100BASET2 fdx"},
    {21, "1000BASEX hdx"},
    {22, "1000BASEX fdx"},
    {23, "1000BASELX hdx"},
    {24, "1000BASELX fdx"},
    {25, "1000BASESX hdx"},
    {26, "1000BASESX fdx"},
    {27, "1000BASECX hdx"},
    {28, "1000BASECX fdx"},
    {29, "1000BASET hdx"},
    {30, "1000BASET fdx"},
    {31, "10GBASEX"},
    {32, "10GBASELX4"},
    {33, "10GBASER"},
    {34, "10GBASEER"},
    {35, "10GBASELR"},
    {36, "10GBASESR"},
    {37, "10GBASEW"},
    {38, "10GBASEEW"},
    {39, "10GBASELW"},
    {40, "10GBASESW"},
    {0, NULL},
};

static const struct tok autonegotiation_values[] = {
    {1 << 0, "supported"},
    {1 << 1, "enabled"},
    {0, NULL},
};

/* RFC 3636 ifMauAutoNegCapAdvertisedBits (tcpdump leaves bit 15, "other", unnamed) */
static const struct tok pmd_capability_values[] = {
    {1 << 14, "10BASE-T hdx"},
    {1 << 13, "10BASE-T fdx"},
    {1 << 12, "100BASE-T4"},
    {1 << 11, "100BASE-TX hdx"},
    {1 << 10, "100BASE-TX fdx"},
    {1 << 9, "100BASE-T2 hdx"},
    {1 << 8, "100BASE-T2 fdx"},
    {1 << 7, "Pause for fdx links"},
    {1 << 6, "Asym PAUSE for fdx"},
    {1 << 5, "Sym PAUSE for fdx"},
    {1 << 4, "Asym and Sym PAUSE for fdx"},
    {1 << 3, "1000BASE-{X LX SX CX} hdx"},
    {1 << 2, "1000BASE-{X LX SX CX} fdx"},
    {1 << 1, "1000BASE-T hdx"},
    {1 << 0, "1000BASE-T fdx"},
    {0, NULL},
};

static const struct tok mdi_values[] = {
    {1 << 0, "PSE"}, {1 << 1, "supported"}, {1 << 2, "enabled"}, {1 << 3, "can be controlled"},
    {0, NULL},
};

static const struct tok mdi_power_pairs_values[] = {
    {1, "signal"},
    {2, "spare"},
    {0, NULL},
};

static const struct tok mdi_power_class_values[] = {
    {1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}, {0, NULL},
};

static const struct tok aggregation_values[] = {
    {1 << 0, "supported"},
    {1 << 1, "enabled"},
    {0, NULL},
};

static const struct tok evb_mode_values[] = {
    {0, "Not Supported"},
    {1, "EVB Bridge"},
    {2, "EVB Station"},
    {3, "Reserved for future Standardization"},
    {0, NULL},
};

static const struct tok iana_subtype_values[] = {
    {1, "MUD-URL"},
    {0, NULL},
};

/* "%-3d" of eight values: the nibbles of 4 bytes, or 8 bytes. */
static void put_row(struct strbuf *sb, const char *head, struct cur *c, uint32_t o, bool nibbles)
{
	sb_puts(sb, head);
	for (uint32_t i = 0; i < 8; i++) {
		uint8_t v = nibbles ? cur_u8(c, o + i / 2) : cur_u8(c, o + i);

		if (nibbles)
			v = i % 2 ? v & 0x0f : v >> 4;
		sb_printf(sb, i < 7 ? "%-3d " : "%-3d", v);
	}
}

/* ETS configuration and recommendation: the three tables after byte 4. */
static void ets_tables(struct cur *c, uint32_t o, struct strbuf *sb)
{
	sb_puts(sb, "\n\t    Priority Assignment Table"
		    "\n\t     Priority : 0   1   2   3   4   5   6   7");
	put_row(sb, "\n\t     Value    : ", c, o + 5, true);
	sb_puts(sb, "\n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7");
	put_row(sb, "\n\t     Value : ", c, o + 9, false);
	sb_puts(sb, "\n\t    TSA Assignment Table"
		    "\n\t     Traffic Class: 0   1   2   3   4   5   6   7");
	put_row(sb, "\n\t     Value        : ", c, o + 17, false);
}

/* A byte's eight bits, lowest first, as "%-2d ". */
static void put_bit_row(struct strbuf *sb, const char *title, uint8_t v)
{
	sb_puts(sb, title);
	sb_puts(sb, "\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
	for (int i = 0; i < 8; i++)
		sb_printf(sb, "%-2d ", (v >> i) & 1);
}

/* 802.1's data centre bridging subtypes (802.1Qau, Qaz, Qbb, Qbg): true when tcpdump then
 * dumps the TLV. */
static bool ieee_8021_dcb(struct cur *c, uint32_t o, uint32_t len, uint8_t subtype,
			  struct strbuf *sb)
{
	uint8_t v;

	switch (subtype) {
	case 8:
		if (len < 6)
			return false;
		put_bit_row(sb, "\n\t    Pre-Priority CNPV Indicator", cur_u8(c, o + 4));
		put_bit_row(sb, "\n\t    Pre-Priority Ready Indicator", cur_u8(c, o + 5));
		return false;
	case 9:
		if (len < 25)
			return false;
		v = cur_u8(c, o + 4);
		/* tcpdump's CBS: (v >> 6) & 0x02, as it writes it */
		sb_printf(sb, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", v >> 7,
			  (v >> 6) & 0x02, (v >> 3) & 0x07, v & 0x07);
		ets_tables(c, o, sb);
		return false;
	case 10:
		if (len < 25)
			return false;
		sb_printf(sb, "\n\t    RES: %u", cur_u8(c, o + 4));
		ets_tables(c, o, sb);
		return false;
	case 11:
		if (len < 6)
			return false;
		v = cur_u8(c, o + 4);
		sb_printf(sb, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", v >> 7,
			  (v >> 6) & 0x01, (v >> 4) & 0x03, v & 0x0f);
		put_bit_row(sb, "\n\t    PFC Enable", cur_u8(c, o + 5));
		return false;
	case 12:
		if (len < 5)
			return false;
		sb_printf(sb, "\n\t    RES: %u", cur_u8(c, o + 4));
		if (len <= 5 || (len - 5) % 3)
			return false;
		sb_puts(sb, "\n\t    Application Priority Table");
		for (uint32_t i = 0; i < len - 5; i += 3) {
			v = cur_u8(c, o + 5 + i);
			sb_printf(sb, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u",
				  v >> 5, (v >> 3) & 0x03, v & 0x07, cur_be16(c, o + 6 + i));
		}
		return false;
	case 13:
		if (len < 9)
			return false;
		v = cur_u8(c, o + 4);
		sb_printf(
		    sb,
		    "\n\t    EVB Bridge Status\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u",
		    v >> 3, (v >> 2) & 0x01, (v >> 1) & 0x01, v & 0x01);
		v = cur_u8(c, o + 5);
		sb_printf(
		    sb,
		    "\n\t    EVB Station Status\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u",
		    v >> 4, (v >> 3) & 0x01, (v >> 2) & 0x01, v & 0x03);
		v = cur_u8(c, o + 6);
		sb_printf(sb, "\n\t    R: %u, RTE: %u, ", v >> 5, v & 0x1f);
		v = cur_u8(c, o + 7);
		sb_printf(sb, "EVB Mode: %s [%u]", tok_or(evb_mode_values, v >> 6, "unknown"),
			  v >> 6);
		sb_printf(sb, "\n\t    ROL: %u, RWD: %u, ", (v >> 5) & 0x01, v & 0x1f);
		v = cur_u8(c, o + 8);
		sb_printf(sb, "RES: %u, ROL: %u, RKA: %u", v >> 6, (v >> 5) & 0x01, v & 0x1f);
		return false;
	case 14:
		if (len < 8)
			return false;
		v = cur_u8(c, o + 4);
		sb_printf(sb, "\n\t    Role: %u, RES: %u, Scomp: %u ", v >> 7, (v >> 4) & 0x07,
			  (v >> 3) & 0x01);
		sb_printf(sb, "ChnCap: %u", cur_be16(c, o + 6) & 0x0fff);
		if ((len - 8) % 3)
			return false;
		for (uint32_t i = 0; i < len - 8; i += 3) {
			uint32_t t = cur_be24(c, o + 8 + i);

			sb_printf(sb, "\n\t    SCID: %u, SVID: %u", t >> 12, t & 0x000fff);
		}
		return false;
	default:
		return true;
	}
}

/* lldp_private_8021_print: true when tcpdump then dumps the TLV. */
static bool ieee_8021(struct cur *c, uint32_t o, uint32_t len, struct strbuf *sb)
{
	uint8_t subtype, v;
	uint32_t sublen;

	if (len < 4)
		return false;
	subtype = cur_u8(c, o + 3);
	sb_printf(sb, "\n\t  %s Subtype (%u)", tok_or(subtype_8021_values, subtype, "unknown"),
		  subtype);
	switch (subtype) {
	case 1:
		if (len >= 6)
			sb_printf(sb, "\n\t    port vlan id (PVID): %u", cur_be16(c, o + 4));
		return false;
	case 2:
		if (len < 7)
			return false;
		v = cur_u8(c, o + 4);
		sb_printf(sb, "\n\t    port and protocol vlan id (PPVID): %u, flags [",
			  cur_be16(c, o + 5));
		put_bits(sb, port_protocol_id_values, v, "none");
		sb_printf(sb, "] (0x%02x)", v);
		return false;
	case 3:
		if (len < 6)
			return false;
		sb_printf(sb, "\n\t    vlan id (VID): %u", cur_be16(c, o + 4));
		if (len < 7)
			return false;
		sublen = cur_u8(c, o + 6);
		if (len < 7 + sublen)
			return false;
		sb_puts(sb, "\n\t    vlan name: ");
		put_printjnp(sb, c, o + 7, sublen);
		return false;
	case 4:
		if (len < 5)
			return false;
		sublen = cur_u8(c, o + 4);
		if (len < 5 + sublen)
			return false;
		sb_puts(sb, "\n\t    protocol identity: ");
		put_printjnp(sb, c, o + 5, sublen);
		return false;
	case 7:
		if (len < 9)
			return false;
		sb_puts(sb, "\n\t    aggregation status [");
		put_bits(sb, aggregation_values, cur_u8(c, o + 4), "none");
		sb_printf(sb, "], aggregation port ID %u", cur_be32(c, o + 5));
		return false;
	default:
		return ieee_8021_dcb(c, o, len, subtype, sb);
	}
}

/* lldp_private_8023_print: true when tcpdump then dumps the TLV. */
static bool ieee_8023(struct cur *c, uint32_t o, uint32_t len, struct strbuf *sb)
{
	uint8_t subtype, v;
	uint16_t w;

	if (len < 4)
		return false;
	subtype = cur_u8(c, o + 3);
	sb_printf(sb, "\n\t  %s Subtype (%u)", tok_or(subtype_8023_values, subtype, "unknown"),
		  subtype);
	switch (subtype) {
	case 1:
		if (len < 9)
			return false;
		v = cur_u8(c, o + 4);
		sb_puts(sb, "\n\t    autonegotiation [");
		put_bits(sb, autonegotiation_values, v, "none");
		sb_printf(sb, "] (0x%02x)", v);
		w = cur_be16(c, o + 5);
		sb_puts(sb, "\n\t    PMD autoneg capability [");
		put_bits(sb, pmd_capability_values, w, "unknown");
		sb_printf(sb, "] (0x%04x)", w);
		w = cur_be16(c, o + 7);
		sb_printf(sb, "\n\t    MAU type %s (0x%04x)",
			  tok_or(mau_types_values, w, "unknown"), w);
		return false;
	case 2:
		if (len < 7)
			return false;
		sb_puts(sb, "\n\t    MDI power support [");
		put_bits(sb, mdi_values, cur_u8(c, o + 4), "none");
		sb_printf(sb, "], power pair %s, power class %s",
			  tok_or(mdi_power_pairs_values, cur_u8(c, o + 5), "unknown"),
			  tok_or(mdi_power_class_values, cur_u8(c, o + 6), "unknown"));
		return false;
	case 3:
		if (len < 9)
			return false;
		sb_puts(sb, "\n\t    aggregation status [");
		put_bits(sb, aggregation_values, cur_u8(c, o + 4), "none");
		sb_printf(sb, "], aggregation port ID %u", cur_be32(c, o + 5));
		return false;
	case 4:
		if (len >= 6)
			sb_printf(sb, "\n\t    MTU size %u", cur_be16(c, o + 4));
		return false;
	default:
		return true;
	}
}

/* lldp_private_iana_print: the MUD URL (RFC 8520). */
static bool iana(struct cur *c, uint32_t o, uint32_t len, struct strbuf *sb)
{
	uint8_t subtype;

	if (len < 8)
		return false;
	subtype = cur_u8(c, o + 3);
	sb_printf(sb, "\n\t  %s Subtype (%u)", tok_or(iana_subtype_values, subtype, "unknown"),
		  subtype);
	if (subtype != 1)
		return true;
	sb_puts(sb, "\n\t  MUD-URL=");
	for (uint32_t i = 4; i < len; i++)
		put_print_char(sb, cur_u8(c, o + i));
	return false;
}

bool lldp_org_decodes(uint32_t oui)
{
	return oui == OUI_IEEE_8021 || oui == OUI_IEEE_8023 || oui == OUI_IANA;
}

bool print_lldp_org(struct cur *c, uint32_t oui, uint32_t o, uint32_t len, struct strbuf *sb)
{
	switch (oui) {
	case OUI_IEEE_8021:
		return ieee_8021(c, o, len, sb);
	case OUI_IEEE_8023:
		return ieee_8023(c, o, len, sb);
	case OUI_IANA:
		return iana(c, o, len, sb);
	default:
		return true;
	}
}
