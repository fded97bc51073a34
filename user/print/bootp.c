// SPDX-License-Identifier: GPL-2.0-only
/*
 * BOOTP and DHCP (RFC 951, RFC 2131) as tcpdump 4.99.3's bootp_print() prints them: the
 * operation, a request's client MAC and the length, and with -v the header's fields that are
 * set, the server name and boot file, and the vendor area: DHCP options (dhcp_opts.c) or a
 * vendor number. CMU's vendor area is not decoded.
 */
#include <string.h>

#include "addr.h"
#include "bootp.h"
#include "text.h"
#include "udpapp.h"

#define BOOTPREQUEST 1
#define BOOTPREPLY 2
#define MAC_LEN 6
#define OFF_CHADDR 28
#define OFF_SNAME 44
#define SNAME_LEN 64
#define OFF_FILE 108
#define FILE_LEN 128
#define OFF_VEND 236

static const uint8_t vm_rfc1048[4] = {99, 130, 83, 99};

/* nd_printztn: up to n bytes or a NUL, escaped; false when the capture ends first. */
static bool put_ztn(struct cur *c, uint32_t off, uint32_t n, struct strbuf *sb)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!cur_has(c, off + i, 1))
			return false;
		if (!c->p[off + i])
			return true;
		put_print_char(sb, c->p[off + i]);
	}
	return true;
}

/* An address field of the header when it is not 0.0.0.0; false when the record ends. */
static bool put_addr_field(const struct printer *pr, struct cur *c, uint32_t off, const char *label,
			   struct strbuf *sb)
{
	if (!cur_need(c, off, 4))
		return false;
	if (c->p[off] | c->p[off + 1] | c->p[off + 2] | c->p[off + 3]) {
		sb_puts(sb, label);
		put_host(pr, sb, c->p + off, 0);
	}
	return true;
}

/* The server name or boot file, when its first byte is not NUL; false when the record ends. */
static bool put_name_field(struct cur *c, uint32_t off, uint32_t n, const char *label,
			   struct strbuf *sb)
{
	if (!cur_need(c, off, 1))
		return false;
	if (!c->p[off])
		return true;
	sb_puts(sb, label);
	if (!put_ztn(c, off, n, sb)) {
		sb_putc(sb, '"');
		c->cut = true;
		return false;
	}
	sb_putc(sb, '"');
	return true;
}

static bool put_fields(const struct printer *pr, struct cur *c, struct strbuf *sb)
{
	uint8_t htype = c->p[1], hlen = c->p[2], hops;
	uint32_t xid;
	uint16_t secs, flags;

	if (htype != 1)
		sb_printf(sb, ", htype %u", htype);
	if (htype != 1 || hlen != MAC_LEN)
		sb_printf(sb, ", hlen %u", hlen);
	hops = cur_u8(c, 3);
	xid = cur_be32(c, 4);
	secs = cur_be16(c, 8);
	if (hops)
		sb_printf(sb, ", hops %u", hops);
	if (xid)
		sb_printf(sb, ", xid 0x%x", xid);
	if (secs)
		sb_printf(sb, ", secs %u", secs);
	flags = cur_be16(c, 10); /* the first field not checked with the others */
	if (c->cut)
		return false;
	sb_puts(sb, flags & 0x8000 ? ", Flags [Broadcast]" : ", Flags [none]");
	if (pr->o.vflag > 1)
		sb_printf(sb, " (0x%04x)", flags);
	if (!put_addr_field(pr, c, 12, "\n\t  Client-IP ", sb) ||
	    !put_addr_field(pr, c, 16, "\n\t  Your-IP ", sb) ||
	    !put_addr_field(pr, c, 20, "\n\t  Server-IP ", sb) ||
	    !put_addr_field(pr, c, 24, "\n\t  Gateway-IP ", sb))
		return false;
	if (htype == 1 && hlen == MAC_LEN) {
		if (!cur_need(c, OFF_CHADDR, MAC_LEN))
			return false;
		sb_puts(sb, "\n\t  Client-Ethernet-Address ");
		put_mac(sb, c->p + OFF_CHADDR, TCPDUMP_499);
	}
	return put_name_field(c, OFF_SNAME, SNAME_LEN, "\n\t  sname \"", sb) &&
	       put_name_field(c, OFF_FILE, FILE_LEN, "\n\t  file \"", sb);
}

void print_bootp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		 struct strbuf *sb)
{
	uint8_t op = cur_u8(c, 0);

	(void)v;
	if (c->cut)
		return;
	sb_puts(sb, "BOOTP/DHCP, ");
	if (op == BOOTPREQUEST || op == BOOTPREPLY)
		sb_puts(sb, op == BOOTPREQUEST ? "Request" : "Reply");
	else
		sb_printf(sb, "unknown (0x%02x)", op);
	if (!cur_need(c, 1, 2))
		return;
	if (c->p[1] == 1 && c->p[2] == MAC_LEN && op == BOOTPREQUEST) {
		if (!cur_need(c, OFF_CHADDR, MAC_LEN))
			return;
		sb_puts(sb, " from ");
		put_mac(sb, c->p + OFF_CHADDR, TCPDUMP_499);
	}
	sb_printf(sb, ", length %u", length);
	if (!pr->o.vflag || !cur_need(c, 8, 2) || !put_fields(pr, c, sb))
		return;
	if (!cur_need(c, OFF_VEND, 4))
		return;
	if (!memcmp(c->p + OFF_VEND, vm_rfc1048, 4))
		print_dhcp_options(pr, c, OFF_VEND, sb);
	else if (!memcmp(c->p + OFF_VEND, "CMU", 4))
		return; /* CMU's vendor area: not decoded */
	else if (cur_be32(c, OFF_VEND))
		sb_printf(sb, "\n\t  Vendor-#0x%x", cur_be32(c, OFF_VEND));
}
