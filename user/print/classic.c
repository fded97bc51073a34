// SPDX-License-Identifier: GPL-2.0-only
/*
 * --classic: the network layers of the record tcpdump 3.7.2 printed (print-ip.c, print-ip6.c
 * of 2003; ../shared/TCPDUMP-FORMAT.md 1.18). No "IP " prefix, and after the transport the IP
 * layer's trailer: (DF) or the fragment, tos, ttl, -v. The link layer (ether.c), the TCP line
 * (tcp.c) and its options (tcpopt.c) are the shared printers in 3.7.2's words. Other
 * transports, ARP and IPv6 extension headers keep the 4.99 text of the existing printers inside
 * that frame: 3.7.2 decoded them too, but nobody asked for its words for them, and the 4.99
 * ones say more.
 */
#include "addr.h"
#include "classic.h"
#include "demux.h"
#include "ip4.h"
#include "ip6.h"
#include "proto.h"
#include "tcp.h"
#include "wire.h"

/* TCP is 3.7.2's; anything else is the 4.99 printer's text after 3.7.2's address prefix. */
static void print_upper(struct printer *pr, struct pview *v, uint8_t proto, struct strbuf *sb)
{
	if (proto == XS_IPPROTO_TCP) {
		print_tcp(pr, v, TCPDUMP_372, sb);
		return;
	}
	/* The UDP printer names the addresses with its ports. */
	if (v->ev->kind != XS_K_UDP) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": ");
	}
	print_transport(pr, v, sb);
}

/*
 * An option's pointer and flags bytes (RFC 791 3.1). Of an option too short to have them 3.7.2
 * read what followed it, which the event does not hold: 0 instead.
 */
static uint8_t opt_byte(const uint8_t *cp, unsigned length, unsigned i)
{
	return i < length ? cp[i] : 0;
}

/* " RR{a b#c}" and the like: a recorded or source route, '#' at the pointer. */
static void put_route(const struct printer *pr, struct strbuf *sb, const char *type,
		      const uint8_t *cp, unsigned length)
{
	unsigned ptr = opt_byte(cp, length, 2) - 1u, len;
	const char *sep = "";

	sb_printf(sb, " %s{", type);
	if ((length + 1) & 3)
		sb_printf(sb, " [bad length %u]", length);
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		sb_printf(sb, " [bad ptr %u]", ptr + 1);
	for (len = 3; len + 4 <= length; len += 4) {
		if (ptr == len)
			sep = "#";
		sb_puts(sb, sep);
		put_host(pr, sb, cp + len, 0);
		sep = " ";
	}
	sb_puts(sb, ptr == len ? "#}" : "}");
}

/* " TS{TSONLY 1@ ^ }": RFC 791 internet timestamps, '^' at the pointer. */
static void put_ipts(const struct printer *pr, struct strbuf *sb, const uint8_t *cp,
		     unsigned length)
{
	static const char *const types[] = {"TSONLY", "TS+ADDR", "PRESPEC2.0", "PRESPEC"};
	unsigned ptr = opt_byte(cp, length, 2) - 1u, flags = opt_byte(cp, length, 3), len = 0;
	unsigned hoplen = (flags & 0xf) ? 8 : 4;
	const char *sep = " ";

	sb_puts(sb, " TS{");
	if ((length - 4) & (hoplen - 1))
		sb_printf(sb, "[bad length %u]", length);
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		sb_printf(sb, "[bad ptr %u]", ptr + 1);
	if ((flags & 0xf) > 3) {
		sb_printf(sb, "[bad ts type %u]", flags & 0xf);
	} else {
		sb_puts(sb, types[flags & 0xf]);
		for (len = 4; len + hoplen <= length; len += hoplen) {
			if (ptr == len)
				sep = " ^ ";
			sb_printf(sb, "%s%d@", sep, (int32_t)rd32(cp + len + hoplen - 4));
			if (hoplen == 8)
				put_host(pr, sb, cp + len, 0);
			sep = " ";
		}
	}
	if (ptr == len)
		sb_puts(sb, " ^ ");
	if (flags >> 4)
		sb_printf(sb, " [%u hops not recorded]} ", flags >> 4);
	else
		sb_putc(sb, '}');
}

/*
 * -v's IP options (print-ip.c ip_optprint). `snap` is how much of the frame follows the fixed
 * header, which 3.7.2's bounds checks look at; only `cap` option bytes are in the event.
 */
static void put_ip_opts(const struct printer *pr, struct strbuf *sb, const uint8_t *cp,
			unsigned length, unsigned cap, unsigned snap)
{
	for (unsigned pos = 0, len; pos < length; pos += len) {
		unsigned tt;

		if (pos >= cap) {
			sb_puts(sb, "[|ip]");
			return;
		}
		tt = cp[pos];
		len = 1;
		if (tt > XS_IPOPT_NOP) {
			if (pos + 1 >= cap) {
				sb_puts(sb, "[|ip]");
				return;
			}
			len = cp[pos + 1];
		}
		if (!len) {
			sb_puts(sb, "[|ip op len 0]");
			return;
		}
		if (pos + 1 >= snap || pos + len > snap || pos + len > cap) {
			sb_puts(sb, "[|ip]");
			return;
		}
		switch (tt) {
		case XS_IPOPT_EOL:
			sb_puts(sb, " EOL");
			if (length - pos > 1)
				sb_printf(sb, "-%u", length - pos - 1);
			return;
		case XS_IPOPT_NOP:
			sb_puts(sb, " NOP");
			break;
		case XS_IPOPT_TS:
			put_ipts(pr, sb, cp + pos, len);
			break;
		case XS_IPOPT_SECURITY:
			sb_printf(sb, " SECURITY{%u}", len);
			break;
		case XS_IPOPT_RR:
			put_route(pr, sb, "RR", cp + pos, len);
			break;
		case XS_IPOPT_SSRR:
			put_route(pr, sb, "SSRR", cp + pos, len);
			break;
		case XS_IPOPT_LSRR:
			put_route(pr, sb, "LSRR", cp + pos, len);
			break;
		case XS_IPOPT_RA: /* RFC 2113 router alert */
			sb_puts(sb, " RA");
			if (len != 4)
				sb_printf(sb, "{%u}", len);
			else if (cp[pos + 2] || cp[pos + 3])
				sb_printf(sb, "%u.%u", cp[pos + 2], cp[pos + 3]);
			break;
		default:
			sb_printf(sb, " IPOPT-%u{%u}", tt, len);
			break;
		}
	}
}

/* -v: " (ttl N, id N, len N[, bad cksum X!][, optlen=N ...])". */
static void put_ip4_verbose(const struct printer *pr, const struct pview *v, uint32_t hlen,
			    uint32_t caplen, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t optlen = hlen - XS_IP4_HLEN, optcap = ev->l3x_cap < optlen ? ev->l3x_cap : optlen;
	const char *sep = "";

	sb_puts(sb, " (");
	if (ev->ip_ttl > 1) {
		sb_puts(sb, "ttl ");
		sb_putu(sb, ev->ip_ttl);
		sep = ", ";
	}
	if (!(be16(ev->ip_frag) & (XS_IP_MF | XS_IP_OFFMASK))) {
		sb_puts(sb, sep);
		sb_puts(sb, "id ");
		sb_putu(sb, be16(ev->ip_id));
		sep = ", ";
	}
	sb_puts(sb, sep);
	sb_puts(sb, "len ");
	sb_putu(sb, be16(ev->ip_len));
	if (!pr->o.Kflag && caplen >= hlen && optcap == optlen && ip4_cksum(ev, v->l3x, optlen)) {
		sb_puts(sb, ", bad cksum ");
		sb_puthex(sb, be16(ev->ip_csum), 0);
		sb_putc(sb, '!');
	}
	if (optlen) {
		sb_puts(sb, ", optlen=");
		sb_putu(sb, optlen);
		put_ip_opts(pr, sb, v->l3x, optlen, optcap, caplen - XS_IP4_HLEN);
	}
	sb_putc(sb, ')');
}

/* What follows the transport: the fragment or (DF), tos, a low ttl, and -v's block. */
static void put_ip4_trailer(const struct printer *pr, const struct pview *v, uint32_t hlen,
			    uint32_t caplen, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint16_t off = be16(ev->ip_frag);
	static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};

	if (pr->o.qflag > 1)
		return;
	if (off & (XS_IP_MF | XS_IP_OFFMASK)) {
		/* A later fragment has no transport header: the addresses go here. */
		if (off & XS_IP_OFFMASK) {
			put_addr_pair(pr, v, sb);
			sb_putc(sb, ':');
		}
		sb_puts(sb, " (frag ");
		sb_putu(sb, be16(ev->ip_id));
		sb_putc(sb, ':');
		sb_putu(sb, be16(ev->ip_len) - hlen);
		sb_putc(sb, '@');
		sb_putu(sb, (uint64_t)(off & XS_IP_OFFMASK) * 8);
		sb_puts(sb, (off & XS_IP_MF) ? "+)" : ")");
	} else if (off & XS_IP_DF) {
		sb_puts(sb, " (DF)");
	}
	if (ev->ip_tos) {
		sb_puts(sb, " [tos 0x");
		sb_puthex(sb, ev->ip_tos, 0);
		sb_puts(sb, ecn[ev->ip_tos & 3]);
		sb_puts(sb, "] ");
	}
	if (ev->ip_ttl <= 1) {
		sb_puts(sb, " [ttl ");
		sb_putu(sb, ev->ip_ttl);
		sb_putc(sb, ']');
	}
	if (pr->o.vflag)
		put_ip4_verbose(pr, v, hlen, caplen, sb);
}

void classic_ip4(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
		 struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t hlen = (ev->ip_vhl & 0xf) * 4u, len = be16(ev->ip_len);
	uint16_t off = be16(ev->ip_frag);

	if (caplen < XS_IP4_HLEN) {
		sb_puts(sb, "[|ip]");
		return;
	}
	if (length < XS_IP4_HLEN) {
		sb_printf(sb, "truncated-ip %u", length);
		return;
	}
	if (hlen < XS_IP4_HLEN) {
		sb_printf(sb, "bad-hlen %u", hlen);
		return;
	}
	if (length < len)
		sb_printf(sb, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		sb_printf(sb, "bad-len %u", len);
		return;
	}
	if (!(off & XS_IP_OFFMASK)) {
		v->l4_len = len - hlen;
		v->l4_avail = caplen > hlen ? (caplen < len ? caplen : len) - hlen : 0;
		/* ip_print passes the offset with DF and MF masked: a first fragment counts as whole. */
		v->fragmented = (off & ~(XS_IP_DF | XS_IP_MF)) != 0;
		print_upper(pr, v, ev->ip_proto, sb);
	}
	put_ip4_trailer(pr, v, hlen, caplen, sb);
}

/* " [class 0x%x] [flowlabel 0x%x] [hlim N]" and -v's " (len N, hlim N)". */
static void put_ip6_trailer(const struct printer *pr, const struct xs_event *ev, struct strbuf *sb)
{
	uint32_t flow = be32(ev->ip6_flow);

	if (flow & XS_IP6_CLASS_MASK) {
		sb_puts(sb, " [class 0x");
		sb_puthex(sb, (flow & XS_IP6_CLASS_MASK) >> XS_IP6_CLASS_SHIFT, 0);
		sb_putc(sb, ']');
	}
	if (flow & XS_IP6_FLOW_MASK) {
		sb_puts(sb, " [flowlabel 0x");
		sb_puthex(sb, flow & XS_IP6_FLOW_MASK, 0);
		sb_putc(sb, ']');
	}
	if (ev->ip_ttl <= 1) {
		sb_puts(sb, " [hlim ");
		sb_putu(sb, ev->ip_ttl);
		sb_putc(sb, ']');
	}
	if (pr->o.vflag) {
		sb_puts(sb, " (len ");
		sb_putu(sb, be16(ev->ip_len));
		if (ev->ip_ttl > 1) {
			sb_puts(sb, ", hlim ");
			sb_putu(sb, ev->ip_ttl);
		}
		sb_putc(sb, ')');
	}
}

void classic_ip6(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
		 struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t len = be16(ev->ip_len);

	if (caplen < XS_IP6_HLEN) {
		sb_puts(sb, "[|ip6]");
		return;
	}
	if (xs_is_ext6(ev->ip_proto)) {
		/* The 4.99 walk of the extension headers, in 3.7.2's frame. */
		print_ip6(pr, v, length, caplen, TCPDUMP_372, sb);
	} else {
		if (length < XS_IP6_HLEN) {
			sb_printf(sb, "truncated-ip6 %u", length);
			return;
		}
		if (length < len + XS_IP6_HLEN)
			sb_printf(sb, "truncated-ip6 - %u bytes missing!",
				  len + XS_IP6_HLEN - length);
		v->l4_len = len;
		v->l4_avail =
		    (caplen < len + XS_IP6_HLEN ? caplen : len + XS_IP6_HLEN) - XS_IP6_HLEN;
		print_upper(pr, v, ev->ip_proto, sb);
	}
	put_ip6_trailer(pr, ev, sb);
}
