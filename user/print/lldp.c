// SPDX-License-Identifier: GPL-2.0-only
/*
 * LLDP (IEEE 802.1AB) as tcpdump 4.99.3's print-lldp.c prints it: the length and the system
 * name, and with -v each TLV's type and length, the chassis and port ids, TTL, descriptions,
 * capabilities, the management address, the organisation specific TLVs of 802.1, 802.3 and
 * IANA (lldp_org.c), and the hex of what it does not decode. TIA's and DCBX's are not
 * decoded here.
 */
#include "addr.h"
#include "ethertype.h"
#include "lldp.h"
#include "oui.h"
#include "text.h"
#include "tok.h"

#define LLDP_TLV_TYPE(x) (((x)&0xfe00) >> 9)
#define LLDP_TLV_LEN(x) ((x)&0x01ff)
#define MAC_LEN 6
#define IP6_LEN 16
#define INTF_NUM_LEN 5 /* the management address's interface numbering: subtype, number */

enum {
	LLDP_CHASSIS_ID = 1,
	LLDP_PORT_ID,
	LLDP_TTL,
	LLDP_PORT_DESCR,
	LLDP_SYSTEM_NAME,
	LLDP_SYSTEM_DESCR,
	LLDP_SYSTEM_CAP,
	LLDP_MGMT_ADDR,
	LLDP_PRIVATE = 127,
};

static const struct tok lldp_tlv_values[] = {
    {0, "End"},
    {LLDP_CHASSIS_ID, "Chassis ID"},
    {LLDP_PORT_ID, "Port ID"},
    {LLDP_TTL, "Time to Live"},
    {LLDP_PORT_DESCR, "Port Description"},
    {LLDP_SYSTEM_NAME, "System Name"},
    {LLDP_SYSTEM_DESCR, "System Description"},
    {LLDP_SYSTEM_CAP, "System Capabilities"},
    {LLDP_MGMT_ADDR, "Management Address"},
    {LLDP_PRIVATE, "Organization specific"},
    {0, NULL},
};

static const struct tok chassis_subtype_values[] = {
    {1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"}, {4, "MAC address"},
    {5, "Network address"},   {6, "Interface name"},  {7, "Local"},	     {0, NULL},
};

static const struct tok port_subtype_values[] = {
    {1, "Interface alias"}, {2, "Port component"},   {3, "MAC address"}, {4, "Network Address"},
    {5, "Interface Name"},  {6, "Agent circuit ID"}, {7, "Local"},	 {0, NULL},
};

static const struct tok cap_values[] = {
    {1 << 0, "Other"},	 {1 << 1, "Repeater"},	   {1 << 2, "Bridge"},
    {1 << 3, "WLAN AP"}, {1 << 4, "Router"},	   {1 << 5, "Telephone"},
    {1 << 6, "Docsis"},	 {1 << 7, "Station Only"}, {0, NULL},
};

/* af.c af_values. */
static const struct tok af_values[] = {
    {0, "Reserved"},
    {1, "IPv4"},
    {2, "IPv6"},
    {3, "NSAP"},
    {4, "HDLC"},
    {5, "BBN 1822"},
    {6, "802"},
    {7, "E.163"},
    {8, "E.164"},
    {9, "F.69"},
    {10, "X.121"},
    {11, "Novell IPX"},
    {12, "Appletalk"},
    {13, "Decnet IV"},
    {14, "Banyan Vines"},
    {15, "E.164 with NSAP subaddress"},
    {196, "Layer-2 VPN"},
    {25, "VPLS"},
    {0, NULL},
};

/* Which organisation specific TLVs tcpdump decodes (and lldp_org.c may not). */
static bool oui_decoded(uint32_t oui)
{
	return oui == 0x0080c2 || oui == 0x00120f || oui == 0x00005e || oui == 0x0012bb ||
	       oui == 0x001b21;
}

static const struct tok intf_numb_subtype_values[] = {
    {2, "Interface Index"},
    {3, "System Port Number"},
    {0, NULL},
};

/* The address bytes an address family's printer reads (0: none prints it). */
static uint32_t addr_len(uint8_t af)
{
	return af == 1 ? 4 : af == 2 ? IP6_LEN : af == 6 ? MAC_LEN : 0;
}

/* Is a len-byte network address (family, address) long enough for lldp_network_addr_print? */
static bool network_addr_ok(const uint8_t *p, uint32_t len)
{
	return len >= 1 && len - 1 >= addr_len(p[0]);
}

/* lldp_network_addr_print; false when it is too short (tcpdump's trunc). */
static bool put_network_addr(const struct printer *pr, const uint8_t *p, uint32_t len,
			     struct strbuf *sb)
{
	const char *af_name;
	uint32_t need;

	if (!network_addr_ok(p, len))
		return false;
	af_name = tok_name(af_values, p[0]);
	need = addr_len(p[0]);
	sb_printf(sb, "AFI %s (%u)", af_name ? af_name : "Unknown", p[0]);
	if (!need) {
		sb_puts(sb, ", no AF printer !");
		return true;
	}
	sb_puts(sb, ": ");
	if (p[0] == 6)
		put_mac(sb, p + 1, TCPDUMP_499);
	else
		put_host(pr, sb, p + 1, p[0] == 2);
	return true;
}

/* A chassis or port id: its subtype and value; false for tcpdump's trunc. */
static bool put_id(const struct printer *pr, struct cur *c, uint32_t off, uint32_t len, bool port,
		   bool *hexdump, struct strbuf *sb)
{
	uint8_t subtype;
	const char *name;

	if (len < 2)
		return false;
	subtype = c->p[off];
	name = tok_name(port ? port_subtype_values : chassis_subtype_values, subtype);
	sb_printf(sb, "\n\t  Subtype %s (%u): ", name ? name : "Unknown", subtype);
	if (subtype == (port ? 3 : 4)) {
		if (len < 1 + MAC_LEN)
			return false;
		put_mac(sb, c->p + off + 1, TCPDUMP_499);
	} else if (subtype == (port ? 4 : 5)) {
		return put_network_addr(pr, c->p + off + 1, len - 1, sb);
	} else if (subtype >= 1 && subtype <= 7) {
		put_printjnp(sb, c, off + 1, len - 1);
	} else {
		*hexdump = true;
	}
	return true;
}

/* lldp_mgmt_addr_tlv_print: the address, the interface numbering, the OID if any; false for
 * tcpdump's trunc, with nothing of the address printed when it is what is short. */
static bool put_mgmt_addr(const struct printer *pr, struct cur *c, uint32_t off, uint32_t len,
			  struct strbuf *sb)
{
	const uint8_t *p = c->p + off;
	uint32_t alen, oid_len, subtype;
	const char *name;

	if (len < 1)
		return false;
	alen = p[0];
	if (len - 1 < alen || !network_addr_ok(p + 1, alen))
		return false;
	sb_printf(sb, "\n\t  Management Address length %u, ", alen);
	put_network_addr(pr, p + 1, alen, sb);
	len -= 1 + alen;
	p += 1 + alen;
	if (len < INTF_NUM_LEN)
		return false;
	subtype = p[0];
	name = tok_name(intf_numb_subtype_values, subtype);
	sb_printf(sb, "\n\t  %s Interface Numbering (%u): %u", name ? name : "Unknown", subtype,
		  (uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 8 | p[4]);
	len -= INTF_NUM_LEN;
	p += INTF_NUM_LEN;
	if (!len)
		return true; /* the OID is optional */
	oid_len = p[0];
	if (len < 1 + oid_len)
		return false;
	if (oid_len) {
		sb_printf(sb, "\n\t  OID length %u", oid_len);
		put_printjnp(sb, c, (uint32_t)(p + 1 - c->p), oid_len);
	}
	return true;
}

/* -v's words for one TLV's value; false for tcpdump's trunc. */
static bool put_tlv(const struct printer *pr, struct cur *c, uint32_t type, uint32_t off,
		    uint32_t len, bool *hexdump, struct strbuf *sb)
{
	uint32_t oui;

	switch (type) {
	case LLDP_CHASSIS_ID:
	case LLDP_PORT_ID:
		return put_id(pr, c, off, len, type == LLDP_PORT_ID, hexdump, sb);
	case LLDP_TTL:
		if (len < 2)
			return false;
		sb_printf(sb, ": TTL %us", cur_be16(c, off));
		return true;
	case LLDP_PORT_DESCR:
		sb_puts(sb, ": ");
		put_printjnp(sb, c, off, len);
		return true;
	case LLDP_SYSTEM_DESCR:
		sb_puts(sb, "\n\t  ");
		put_printjnp(sb, c, off, len);
		return true;
	case LLDP_SYSTEM_CAP:
		if (len < 4)
			return false;
		for (int i = 0; i < 2; i++) {
			uint16_t cap = cur_be16(c, off + 2u * i);

			sb_puts(sb, i ? "\n\t  Enabled Capabilities ["
				      : "\n\t  System  Capabilities [");
			put_bits(sb, cap_values, cap, "none");
			sb_printf(sb, "] (0x%04x)", cap);
		}
		return true;
	case LLDP_MGMT_ADDR:
		return put_mgmt_addr(pr, c, off, len, sb);
	case LLDP_PRIVATE:
		if (len < 3)
			return false;
		oui = cur_be24(c, off);
		sb_printf(sb, ": OUI %s (0x%06x)", oui_name(oui) ? oui_name(oui) : "Unknown", oui);
		if (lldp_org_decodes(oui))
			*hexdump = print_lldp_org(c, oui, off, len, sb);
		else
			*hexdump = !oui_decoded(oui);
		return true;
	default:
		*hexdump = true;
		return true;
	}
}

void print_lldp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint32_t off = 0, tlen = length;

	sb_printf(sb, "LLDP, length %u", length);
	while (tlen >= 2) {
		uint16_t tlv = cur_be16(c, off);
		uint32_t type = LLDP_TLV_TYPE(tlv), len = LLDP_TLV_LEN(tlv);
		bool hexdump = false;

		if (c->cut)
			return;
		tlen -= 2;
		off += 2;
		if (pr->o.vflag) {
			const char *name = tok_name(lldp_tlv_values, type);

			sb_printf(sb, "\n\t%s TLV (%u), length %u", name ? name : "Unknown", type,
				  len);
		}
		if (!type || !len)
			return;
		if (!cur_need(c, off, len))
			return;
		if (tlen < len) {
			c->cut = true;
			return;
		}
		if (type == LLDP_SYSTEM_NAME) {
			sb_puts(sb, ": ");
			put_printjnp(sb, c, off, len);
		} else if (pr->o.vflag && !put_tlv(pr, c, type, off, len, &hexdump, sb)) {
			c->cut = true;
			return;
		}
		if (pr->o.vflag > 1 || (pr->o.vflag && hexdump))
			cur_unknown_data(sb, c, off, len, "\n\t  ");
		tlen -= len;
		off += len;
	}
}
