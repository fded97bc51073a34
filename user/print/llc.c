// SPDX-License-Identifier: GPL-2.0-only
/*
 * IEEE 802.2 LLC (print-llc.c llc_print) after an 802.3 length field: the SAPs and control
 * field of I, S and U frames, SNAP (RFC 1042) with its OUI and protocol id, and the BPDUs of
 * the spanning tree SAP. IPX, ISO CLNS, RFC 948 IP and the payloads SNAP's Cisco and bridged
 * ids carry (but BPDUs) are not decoded: they print as an unknown SAP would.
 */
#include "addr.h"
#include "dump.h"
#include "ethertype_name.h"
#include "llc.h"
#include "oui.h"
#include "proto.h"
#include "tok.h"
#include "view.h"

static const struct tok llc_values[] = {
    {0x00, "Null"},	      {XS_LLCSAP_GLOBAL, "Global"},
    {0x02, "802.1B I"},	      {0x03, "802.1B G"},
    {XS_LLCSAP_IP, "IP"},     {0x04, "SNA"},
    {0x0e, "ProWay NM"},      {XS_LLCSAP_8021D, "STP"},
    {0x4e, "RS511"},	      {0x7e, "ISO8208"},
    {0x8e, "ProWay"},	      {XS_LLCSAP_SNAP, "SNAP"},
    {XS_LLCSAP_IPX, "IPX"},   {0xf0, "NetBeui"},
    {XS_LLCSAP_ISONS, "OSI"}, {0, NULL},
};

static const struct tok llc_cmd_values[] = {
    {XS_LLC_UI, "ui"}, {0xe3, "test"},	{XS_LLC_XID, "xid"}, {0x63, "ua"}, {0x43, "disc"},
    {0x0f, "dm"},      {0x6f, "sabme"}, {0x87, "frmr"},	     {0, NULL},
};

/* The response bit of the SSAP with the poll/final bit of the control field. */
static const char *llc_flag(uint32_t v)
{
	switch (v) {
	case 0:
		return "Command";
	case XS_LLC_GSAP:
		return "Response";
	case XS_LLC_U_POLL:
	case XS_LLC_IS_POLL:
		return "Poll";
	case XS_LLC_GSAP | XS_LLC_U_POLL:
	case XS_LLC_GSAP | XS_LLC_IS_POLL:
		return "Final";
	default:
		return "?";
	}
}

static const struct tok llc_supervisory_values[] = {
    {0, "Receiver Ready"},
    {1, "Receiver not Ready"},
    {2, "Reject"},
    {0, NULL},
};

static const struct tok cisco_values[] = {
    {0x2000, "CDP"},
    {0x2003, "VTP"},
    {0x2004, "DTP"},
    {0x0111, "UDLD"},
    {XS_PID_CISCO_PVST, "PVST"},
    {XS_PID_CISCO_VLANBRIDGE, "VLAN Bridge"},
    {0, NULL},
};

static const struct tok bridged_values[] = {
    {0x0001, "Ethernet + FCS"}, {0x0007, "Ethernet w/o FCS"},  {0x0002, "802.4 + FCS"},
    {0x0008, "802.4 w/o FCS"},	{0x0003, "Token Ring + FCS"},  {0x0009, "Token Ring w/o FCS"},
    {0x0004, "FDDI + FCS"},	{0x000a, "FDDI w/o FCS"},      {0x0005, "802.6 + FCS"},
    {0x000b, "802.6 w/o FCS"},	{XS_PID_RFC2684_BPDU, "BPDU"}, {0, NULL},
};

/* oui_to_struct_tok: the name of a SNAP protocol id under its OUI. */
static const char *pid_name(uint32_t oui, uint16_t pid)
{
	switch (oui) {
	case XS_OUI_ENCAP_ETHER:
	case 0x0000f8:
	case 0x080007:
		return ethertype_name(pid);
	case XS_OUI_CISCO:
		return tok_name(cisco_values, pid);
	case XS_OUI_RFC2684:
		return tok_name(bridged_values, pid);
	default:
		return NULL;
	}
}

static const char *name_or(const char *name, const char *unknown)
{
	return name ? name : unknown;
}

/* snap_print; false when the payload is unknown (the caller dumps it). */
static bool print_snap(const struct printer *pr, struct cur *c, uint32_t length, uint32_t off,
		       const uint8_t *src, const uint8_t *dst, struct strbuf *sb)
{
	const char *pid;
	uint32_t oui;
	uint16_t et;

	if (!cur_has(c, off, XS_SNAP_HLEN) || length < XS_SNAP_HLEN) {
		put_trunc(sb, "snap");
		return true;
	}
	oui = cur_be24(c, off);
	et = cur_be16(c, off + 3);
	pid = name_or(pid_name(oui, et), "Unknown");
	if (pr->o.eflag)
		sb_printf(sb, "oui %s (0x%06x), %s %s (0x%04x), length %u: ",
			  name_or(oui_name(oui), "Unknown"), oui,
			  oui == XS_OUI_ENCAP_ETHER ? "ethertype" : "pid", pid, et,
			  length - XS_SNAP_HLEN);
	if ((oui == XS_OUI_CISCO && (et == XS_PID_CISCO_PVST || et == XS_PID_CISCO_VLANBRIDGE)) ||
	    (oui == XS_OUI_RFC2684 && et == XS_PID_RFC2684_BPDU)) {
		struct cur bpdu = cur_make(c->p + off + XS_SNAP_HLEN, c->cap - off - XS_SNAP_HLEN);

		print_stp(pr, &bpdu, length - XS_SNAP_HLEN, sb);
		return true;
	}
	if (pr->o.eflag)
		return false;
	put_mac(sb, src, TCPDUMP_499);
	sb_puts(sb, " > ");
	put_mac(sb, dst, TCPDUMP_499);
	sb_putc(sb, ' ');
	if (oui == XS_OUI_ENCAP_ETHER)
		sb_printf(sb, "SNAP, ethertype %s (0x%04x), length %u: ", pid, et,
			  length - XS_SNAP_HLEN);
	else
		sb_printf(sb, "SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: ",
			  name_or(oui_name(oui), "Unknown"), oui, pid, et, length - XS_SNAP_HLEN);
	return false;
}

/* A SAP's name, or "Unknown SSAP 0x.." / "Unknown DSAP 0x..". */
static void put_sap(struct strbuf *sb, uint8_t sap, const char *which)
{
	if (tok_name(llc_values, sap))
		sb_puts(sb, tok_name(llc_values, sap));
	else
		sb_printf(sb, "Unknown %s 0x%02x", which, sap);
}

/* Without -e: the addresses and SAPs of a frame nothing decodes further. */
static void put_saps(struct strbuf *sb, uint8_t ssap, uint8_t dsap, const uint8_t *src,
		     const uint8_t *dst)
{
	put_mac(sb, src, TCPDUMP_499);
	if (ssap != dsap) {
		sb_putc(sb, ' ');
		put_sap(sb, ssap, "SSAP");
	}
	sb_puts(sb, " > ");
	put_mac(sb, dst, TCPDUMP_499);
	sb_putc(sb, ' ');
	put_sap(sb, dsap, "DSAP");
	sb_putc(sb, ' ');
}

/* A U frame's command, and an XID's format identifier; the header length or its negative. */
static int put_unnumbered(struct cur *c, uint32_t length, uint8_t ssap_field, uint16_t control,
			  struct strbuf *sb)
{
	const char *cmd = tok_name(llc_cmd_values, control & 0xef);

	sb_puts(sb, "Unnumbered, ");
	if (cmd)
		sb_puts(sb, cmd);
	else
		sb_printf(sb, "%02x", control & 0xef);
	sb_printf(sb, ", Flags [%s], length %u",
		  llc_flag((ssap_field & XS_LLC_GSAP) | (control & XS_LLC_U_POLL)), length);
	if ((control & ~XS_LLC_U_POLL) != XS_LLC_XID)
		return -XS_LLC_HLEN_U;
	if (length == XS_LLC_HLEN_U)
		return XS_LLC_HLEN_U;
	if (!cur_has(c, XS_LLC_HLEN_U, 1)) {
		put_trunc(sb, "llc");
		return XS_LLC_HLEN_U;
	}
	if (c->p[XS_LLC_HLEN_U] != XS_LLC_XID_FI)
		return -XS_LLC_HLEN_U;
	if (!cur_has(c, XS_LLC_HLEN_U, 3) || length < XS_LLC_HLEN_U + 3) {
		put_trunc(sb, "llc");
		print_dump(sb, DUMP_HEX_ASCII, c->p + XS_LLC_HLEN_U, c->cap - XS_LLC_HLEN_U);
	} else {
		sb_printf(sb, ": %02x %02x", c->p[XS_LLC_HLEN_U + 1], c->p[XS_LLC_HLEN_U + 2]);
	}
	return XS_LLC_HLEN_U;
}

/* -e's words for the header. */
static void put_header(uint8_t dsap_field, uint8_t ssap_field, uint16_t control, bool is_u,
		       struct strbuf *sb)
{
	uint8_t dsap = dsap_field & ~XS_LLC_GSAP, ssap = ssap_field & ~XS_LLC_GSAP;

	sb_printf(sb, "LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s",
		  name_or(tok_name(llc_values, dsap), "Unknown"), dsap,
		  dsap_field & XS_LLC_GSAP ? "Group" : "Individual",
		  name_or(tok_name(llc_values, ssap), "Unknown"), ssap,
		  ssap_field & XS_LLC_GSAP ? "Response" : "Command");
	sb_printf(sb, is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", control);
}

int print_llc(const struct printer *pr, struct cur *c, uint32_t length, const uint8_t *src,
	      const uint8_t *dst, struct strbuf *sb)
{
	uint8_t dsap_field, ssap_field, dsap, ssap;
	uint16_t control;
	int hdrlen;
	bool is_u;

	if (c->cap < XS_LLC_HLEN_U || length < XS_LLC_HLEN_U) {
		put_trunc(sb, "llc");
		print_dump(sb, DUMP_HEX_ASCII, c->p, c->cap);
		return 0;
	}
	dsap_field = c->p[0];
	ssap_field = c->p[1];
	control = c->p[2];
	is_u = (control & XS_LLC_U_FMT) == XS_LLC_U_FMT;
	if (!is_u) {
		if (c->cap < XS_LLC_HLEN_IS || length < XS_LLC_HLEN_IS) {
			put_trunc(sb, "llc");
			print_dump(sb, DUMP_HEX_ASCII, c->p, c->cap);
			return 0;
		}
		control = cur_le16(c, 2);
	}
	hdrlen = is_u ? XS_LLC_HLEN_U : XS_LLC_HLEN_IS;
	if (ssap_field == XS_LLCSAP_GLOBAL && dsap_field == XS_LLCSAP_GLOBAL)
		return -hdrlen; /* Novell's raw 802.3 IPX, not decoded */
	dsap = dsap_field & ~XS_LLC_GSAP;
	ssap = ssap_field & ~XS_LLC_GSAP;
	if (pr->o.eflag)
		put_header(dsap_field, ssap_field, control, is_u, sb);
	if (ssap == XS_LLCSAP_SNAP && dsap == XS_LLCSAP_SNAP && control == XS_LLC_UI)
		return print_snap(pr, c, length - (uint32_t)hdrlen, (uint32_t)hdrlen, src, dst, sb)
			   ? hdrlen + XS_SNAP_HLEN
			   : -(hdrlen + XS_SNAP_HLEN);
	if (ssap == XS_LLCSAP_8021D && dsap == XS_LLCSAP_8021D && control == XS_LLC_UI) {
		struct cur bpdu = cur_make(c->p + hdrlen, c->cap - (uint32_t)hdrlen);

		print_stp(pr, &bpdu, length - (uint32_t)hdrlen, sb);
		return hdrlen;
	}
	if (!pr->o.eflag)
		put_saps(sb, ssap, dsap, src, dst);
	if (is_u)
		return put_unnumbered(c, length, ssap_field, control, sb);
	if ((control & XS_LLC_S_FMT) == XS_LLC_S_FMT) {
		sb_printf(sb, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
			  name_or(tok_name(llc_supervisory_values, (control >> 2) & 3), "?"),
			  (control >> 9) & 0x7f,
			  llc_flag((ssap_field & XS_LLC_GSAP) | (control & XS_LLC_IS_POLL)),
			  length);
		return hdrlen;
	}
	sb_printf(sb, "Information, send seq %u, rcv seq %u, Flags [%s], length %u",
		  (control >> 1) & 0x7f, (control >> 9) & 0x7f,
		  llc_flag((ssap_field & XS_LLC_GSAP) | (control & XS_LLC_IS_POLL)), length);
	return -hdrlen;
}
