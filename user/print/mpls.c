// SPDX-License-Identifier: GPL-2.0-only
/*
 * MPLS label stacks (RFC 3032), PPPoE sessions (RFC 2516) and the PPP they carry, as tcpdump
 * 4.99.3's print-mpls.c, print-pppoe.c and print-ppp.c print them, then the packet inside.
 * PPP's control protocols (LCP, IPCP, ...) are ppp_ctrl.c's.
 */
#include "dump.h"
#include "ppp.h"
#include "proto.h"
#include "tok.h"
#include "tunnel.h"
#include "wire.h"

#define MPLS_LABEL(x) (((x)&0xfffff000) >> 12)
#define MPLS_TC(x) (((x)&0x00000e00) >> 9)
#define MPLS_STACK(x) (((x)&0x00000100) >> 8)
#define MPLS_TTL(x) ((x)&0x000000ff)
#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define PPPOE_MAXTAGPRINT 80
#define PPP_ADDRESS_CONTROL 0xff03
#define PPP_PPPD_IN 0x0003 /* pppd's direction bytes in place of address and control */
#define PPP_PPPD_OUT 0x0103
#define PPP_IP 0x0021
#define PPP_VJNC 0x002f
#define PPP_IPV6 0x0057
#define PPP_MPLS_UCAST 0x0281
#define PPP_MPLS_MCAST 0x0283

/* The reserved labels' names (-v); 4 to 15 are "rsvd". */
static const char *const mpls_labelname[4] = {"IPv4 explicit NULL", "router alert",
					      "IPv6 explicit NULL", "implicit NULL"};

static const struct tok pppoe_codes[] = {
    {0x09, "PADI"}, {0x07, "PADO"}, {0x19, "PADR"}, {0x65, "PADS"},
    {0xa7, "PADT"}, {0, ""},	    {0, NULL},
};

static const struct tok pppoe_tags[] = {
    {0x0000, "EOL"},
    {0x0101, "Service-Name"},
    {0x0102, "AC-Name"},
    {0x0103, "Host-Uniq"},
    {0x0104, "AC-Cookie"},
    {0x0105, "Vendor-Specific"},
    {0x0110, "Relay-Session-ID"},
    {0x0120, "PPP-Max-Payload"},
    {0x0201, "Service-Name-Error"},
    {0x0202, "AC-System-Error"},
    {0x0203, "Generic-Error"},
    {0, NULL},
};

/* The packet after the stack: IPv4 or IPv6 by the last label or the first byte, else hex. */
static void mpls_payload(struct printer *pr, struct pview *v, uint32_t label, const uint8_t *p,
			 uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	uint16_t type = 0;

	if (label == 0 || label == 3) {
		type = XS_ETH_P_IP;
	} else if (label == 2) {
		type = XS_ETH_P_IPV6;
	} else {
		if (length < 1)
			return;
		if (caplen < 1) {
			put_trunc(sb, "mpls");
			v->lost = true;
			return;
		}
		type = p[0] >= 0x45 && p[0] <= 0x4f   ? XS_ETH_P_IP
		       : p[0] >= 0x60 && p[0] <= 0x6f ? XS_ETH_P_IPV6
						      : 0;
	}
	if (!type) { /* ND_DEFAULTPRINT: hex and ASCII, as far as captured; not with -q, -x, -X */
		if (pr->o.qflag || pr->o.xflag || pr->o.Xflag)
			return;
		print_dump(sb, DUMP_HEX_ASCII, p, length < caplen ? length : caplen);
		if (length > caplen) {
			put_trunc(sb, "mpls");
			v->lost = true;
		}
		return;
	}
	sb_puts(sb, pr->o.vflag ? "\n\t" : " ");
	print_inner(pr, v, type, p, caplen, length, sb);
}

void print_mpls(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		uint32_t length, struct strbuf *sb)
{
	uint32_t entry, off = 0, n = 0;

	sb_puts(sb, "MPLS");
	do {
		if (length < 4) {
			sb_puts(sb, " (invalid)");
			if (caplen - off < length) {
				put_trunc(sb, "mpls");
				v->lost = true;
			}
			return;
		}
		if (caplen < off + 4) {
			put_trunc(sb, "mpls");
			v->lost = true;
			return;
		}
		entry = rd32(p + off);
		sb_printf(sb, "%s(label %u", n && pr->o.vflag ? "\n\t" : " ", MPLS_LABEL(entry));
		n++;
		if (pr->o.vflag && MPLS_LABEL(entry) < 16)
			sb_printf(sb, " (%s)",
				  MPLS_LABEL(entry) < 4 ? mpls_labelname[MPLS_LABEL(entry)]
							: "rsvd");
		sb_printf(sb, ", tc %u", MPLS_TC(entry));
		if (MPLS_STACK(entry))
			sb_puts(sb, ", [S]");
		sb_printf(sb, ", ttl %u)", MPLS_TTL(entry));
		off += 4;
		length -= 4;
	} while (!MPLS_STACK(entry));
	mpls_payload(pr, v, MPLS_LABEL(entry), p + off, caplen - off, length, sb);
}

/* handle_ppp: the packet PPP's protocol names. */
static void ppp_payload(struct printer *pr, struct pview *v, uint32_t proto, const uint8_t *p,
			uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	const char *name;

	switch (proto) {
	case XS_ETH_P_IP:
	case PPP_VJNC:
	case PPP_IP:
		print_inner(pr, v, XS_ETH_P_IP, p, caplen, length, sb);
		return;
	case XS_ETH_P_IPV6:
	case PPP_IPV6:
		print_inner(pr, v, XS_ETH_P_IPV6, p, caplen, length, sb);
		return;
	case PPP_MPLS_UCAST:
	case PPP_MPLS_MCAST:
		print_mpls(pr, v, p, caplen, length, sb);
		return;
	default:
		if (ppp_is_ctrl((uint16_t)proto)) {
			print_ppp_ctrl(pr, v, (uint16_t)proto, p, caplen, length, sb);
			return;
		}
		name = tok_name(ppp_type_names, proto);
		if (name)
			sb_printf(sb, "%s ", name);
		else
			sb_printf(sb, "unknown PPP protocol (0x%04x) ", proto);
		print_hex_lines(sb, "\n\t", p, length < caplen ? length : caplen);
		return;
	}
}

void print_ppp(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
	       uint32_t length, struct strbuf *sb)
{
	uint32_t olen = length, proto, off = 0;
	const char *name;

	if (length < 2 || caplen < 2)
		goto trunc;
	switch (rd16(p)) {
	case PPP_PPPD_IN:
	case PPP_PPPD_OUT:
		if (pr->o.eflag)
			sb_puts(sb, rd16(p) == PPP_PPPD_IN ? "In  " : "Out ");
		/* fallthrough */
	case PPP_ADDRESS_CONTROL:
		off = 2;
		length -= 2;
		break;
	default:
		break;
	}
	if (length < 2 || caplen < off + 2)
		goto trunc;
	if (p[off] % 2) { /* protocol field compression */
		proto = p[off];
		off++;
		length--;
	} else {
		proto = rd16(p + off);
		off += 2;
		length -= 2;
	}
	if (pr->o.eflag) {
		name = tok_name(ppp_type_names, proto);
		sb_printf(sb, "%s (0x%04x), length %u", name ? name : "unknown", proto, olen);
		if (!name)
			return;
		sb_puts(sb, ": ");
	}
	ppp_payload(pr, v, proto, p + off, caplen - off, length, sb);
	return;
trunc:
	put_trunc(sb, "ppp");
	v->lost = true;
}

static void put_tag_name(struct strbuf *sb, uint16_t type)
{
	const char *name = tok_name(pppoe_tags, type);

	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "TAG-0x%x", type);
}

/* A tag's value: text when most of its first 79 bytes print, else all of it in hex. */
static void put_tag_value(struct strbuf *sb, uint16_t type, const uint8_t *v, uint32_t len)
{
	uint32_t n = len < PPPOE_MAXTAGPRINT - 1 ? len : PPPOE_MAXTAGPRINT - 1, ascii = 0, i;
	char text[PPPOE_MAXTAGPRINT];

	for (i = 0; i < n; i++) {
		bool print = v[i] >= 0x20 && v[i] <= 0x7e;

		ascii += print;
		text[i] = print ? (char)v[i] : '.';
	}
	sb_puts(sb, " [");
	put_tag_name(sb, type);
	if (ascii > n - ascii) {
		sb_puts(sb, " \"");
		sb_putn(sb, text, n);
		sb_puts(sb, "\"]");
		return;
	}
	sb_puts(sb, " 0x");
	for (i = 0; i < len; i++)
		sb_printf(sb, "%02X", v[i]);
	sb_putc(sb, ']');
}

/* Discovery's tags, up to the end of the list or the payload length. */
static void put_pppoe_tags(struct pview *v, const uint8_t *p, uint32_t caplen, uint32_t plen,
			   struct strbuf *sb)
{
	uint32_t i = PPPOE_HDRLEN, end = PPPOE_HDRLEN + plen;
	uint16_t type = 0xffff, len;

	while (type && i < end) {
		if (caplen < i + 4)
			goto trunc;
		type = rd16(p + i);
		len = rd16(p + i + 2);
		i += 4;
		if (!len) {
			sb_puts(sb, " [");
			put_tag_name(sb, type);
			sb_putc(sb, ']');
		} else if (caplen < i + len) {
			goto trunc;
		} else {
			put_tag_value(sb, type, p + i, len);
		}
		i += len;
	}
	return;
trunc: /* a GET_ past the capture: tcpdump longjmps out */
	put_trunc(sb, "pppoe");
	v->lost = true;
}

void print_pppoe(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		 uint32_t length, struct strbuf *sb)
{
	uint32_t plen;
	uint8_t code;

	if (length < PPPOE_HDRLEN) {
		sb_printf(sb, " (length %u < %u) (invalid)", length, PPPOE_HDRLEN);
		return;
	}
	length -= PPPOE_HDRLEN;
	if (caplen < PPPOE_HDRLEN) {
		put_trunc(sb, "pppoe");
		v->lost = true;
		return;
	}
	code = p[1];
	plen = rd16(p + 4);
	if (p[0] >> 4 != 1)
		sb_printf(sb, " [ver %u]", p[0] >> 4);
	if ((p[0] & 0xf) != 1)
		sb_printf(sb, " [type %u]", p[0] & 0xf);
	sb_puts(sb, "PPPoE ");
	if (tok_name(pppoe_codes, code))
		sb_puts(sb, tok_name(pppoe_codes, code));
	else
		sb_printf(sb, "PAD-%x", code);
	if (code == PPPOE_PADI && plen > 1484 - PPPOE_HDRLEN)
		sb_printf(sb, " [len %u!]", plen);
	if (plen > length) {
		sb_printf(sb, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (rd16(p + 2))
		sb_printf(sb, " [ses 0x%x]", rd16(p + 2));
	if (code) {
		put_pppoe_tags(v, p, caplen, plen, sb);
		return;
	}
	sb_putc(sb, ' ');
	print_ppp(pr, v, p + PPPOE_HDRLEN, caplen - PPPOE_HDRLEN, plen, sb);
}
