// SPDX-License-Identifier: GPL-2.0-only
/* IPv4, as tcpdump 4.99.3 prints it (print-ip.c, RFC 791): the header checks, -v's details
 * and options, and the hand-over to the demultiplexer. */
#include <string.h>

#include "addr.h"
#include "csum.h"
#include "demux.h"
#include "ip4.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

/* print-ip.c ip_option_values. */
static const struct tok ip_option_values[] = {
    {XS_IPOPT_EOL, "EOL"},
    {XS_IPOPT_NOP, "NOP"},
    {XS_IPOPT_TS, "timestamp"},
    {XS_IPOPT_SECURITY, "security"},
    {XS_IPOPT_RR, "RR"},
    {XS_IPOPT_SSRR, "SSRR"},
    {XS_IPOPT_LSRR, "LSRR"},
    {XS_IPOPT_RA, "RA"},
    {XS_IPOPT_TRACEROUTE, "traceroute"},
    {0, NULL},
};

/*
 * What an option printer returns. OPT_CUT: a read past the capture (tcpdump's "goto trunc":
 * " [truncated-option]" follows); OPT_LOST: one its GET_ macros make, where tcpdump gives up
 * on the packet.
 */
enum opt_result { OPT_OK, OPT_CUT, OPT_LOST };

/*
 * ip_printroute(): the addresses of RR, LSRR and SSRR, a comma after those already used. It
 * reads 4 bytes from every offset 3, 7, ... below the option's length, so an odd length reads
 * past the option: cap is how many bytes from cp are there.
 */
static enum opt_result put_route(const struct printer *pr, struct strbuf *sb, const uint8_t *cp,
				 uint32_t len, uint32_t cap)
{
	uint32_t ptr;

	if (len < 3) {
		sb_printf(sb, " [bad length %u]", len);
		return OPT_OK;
	}
	if ((len + 1) & 3)
		sb_printf(sb, " [bad length %u]", len);
	ptr = cp[2] - 1u;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > len + 1)
		sb_printf(sb, " [bad ptr %u]", cp[2]);
	for (uint32_t i = 3; i < len; i += 4) {
		if (i + 4 > cap)
			return OPT_CUT;
		sb_putc(sb, ' ');
		put_host(pr, sb, cp + i, 0);
		if (ptr > i)
			sb_putc(sb, ',');
	}
	return OPT_OK;
}

/* ip_printts(): the timestamp option; like a route, it reads a whole hop past a bad length. */
static enum opt_result put_timestamps(const struct printer *pr, struct strbuf *sb,
				      const uint8_t *cp, uint32_t len, uint32_t cap)
{
	static const char *const kinds[] = {[0] = "TSONLY", [1] = "TS+ADDR", [3] = "PRESPEC"};
	uint32_t ptr, hop, i = 0, kind;
	const char *sep = " ";

	if (len < 4) {
		sb_printf(sb, "[bad length %u]", len);
		return OPT_OK;
	}
	sb_puts(sb, " TS{");
	kind = cp[3] & 0xf;
	hop = kind != 0 ? 8 : 4;
	if ((len - 4) & (hop - 1))
		sb_printf(sb, "[bad length %u]", len);
	ptr = cp[2] - 1u;
	if (ptr < 4 || ((ptr - 4) & (hop - 1)) || ptr > len + 1)
		sb_printf(sb, "[bad ptr %u]", cp[2]);
	if (kind > 3 || !kinds[kind]) {
		sb_printf(sb, "[bad ts type %u]", kind);
	} else {
		sb_puts(sb, kinds[kind]);
		for (i = 4; i < len; i += hop) {
			if (ptr == i)
				sep = " ^ ";
			if (i + hop > cap)
				return OPT_CUT; /* no closing brace: tcpdump returns there */
			sb_printf(sb, "%s%u@", sep, rd32(cp + i + hop - 4));
			if (hop == 8)
				put_host(pr, sb, cp + i, 0);
			sep = " ";
		}
	}
	sb_puts(sb, ptr == i ? " ^ " : "");
	if (cp[3] >> 4)
		sb_printf(sb, " [%u hops not recorded]} ", cp[3] >> 4);
	else
		sb_putc(sb, '}');
	return OPT_OK;
}

/*
 * ip_optprint(): the options area, `len` bytes at cp, of which `cap` (more than len when the
 * bytes after the area were captured too) can be read.
 */
static enum opt_result put_options(const struct printer *pr, struct strbuf *sb, const uint8_t *cp,
				   uint32_t len, uint32_t cap)
{
	uint32_t olen;
	enum opt_result r = OPT_OK;

	for (const char *sep = ""; len > 0; cp += olen, len -= olen, cap -= olen, sep = ",") {
		sb_puts(sb, sep);
		if (!cap)
			return OPT_LOST;
		put_tok(sb, ip_option_values, cp[0], "unknown ", "");
		if (cp[0] == XS_IPOPT_NOP || cp[0] == XS_IPOPT_EOL) {
			olen = 1;
		} else {
			if (cap < 2)
				return OPT_LOST; /* the length byte, maybe past the area */
			olen = cp[1];
			if (olen < 2) {
				sb_printf(sb, " [bad length %u]", olen);
				return OPT_OK;
			}
		}
		if (olen > len) {
			sb_printf(sb, " [bad length %u]", olen);
			return OPT_OK;
		}
		if (olen > cap)
			return OPT_CUT;
		switch (cp[0]) {
		case XS_IPOPT_EOL:
			return OPT_OK;
		case XS_IPOPT_TS:
			r = put_timestamps(pr, sb, cp, olen, cap);
			break;
		case XS_IPOPT_RR:
		case XS_IPOPT_SSRR:
		case XS_IPOPT_LSRR:
			r = put_route(pr, sb, cp, olen, cap);
			break;
		case XS_IPOPT_RA:
			if (olen < 4)
				sb_printf(sb, " [bad length %u]", olen);
			else if (rd16(cp + 2))
				sb_printf(sb, " value %u", rd16(cp + 2));
			break;
		default:
			break;
		}
		if (r != OPT_OK)
			return r;
	}
	return OPT_OK;
}

uint16_t ip4_cksum(const struct xs_event *ev, const uint8_t *opts, uint32_t optlen)
{
	uint8_t h[XS_IP4_HLEN] = {ev->ip_vhl, ev->ip_tos};

	memcpy(h + 2, &ev->ip_len, 6); /* length, id, flags and offset, as on the wire */
	h[8] = ev->ip_ttl;
	h[9] = ev->ip_proto;
	memcpy(h + 10, &ev->ip_csum, 2);
	memcpy(h + 12, ev->var, 8); /* the addresses */
	return (uint16_t)~csum_fold(csum_add(csum_add(0, h, sizeof(h)), opts, optlen));
}

/* -v's "flags [DF]": the flags word's bits, "none" when none is set. */
static void put_flags(struct strbuf *sb, uint16_t off)
{
	const char *sep = "";

	if (!(off & (XS_IP_RF | XS_IP_DF | XS_IP_MF))) {
		sb_puts(sb, "none");
		return;
	}
	if (off & XS_IP_MF) {
		sb_puts(sb, "+");
		sep = ", ";
	}
	if (off & XS_IP_DF) {
		sb_puts(sb, sep);
		sb_puts(sb, "DF");
		sep = ", ";
	}
	if (off & XS_IP_RF) {
		sb_puts(sb, sep);
		sb_puts(sb, "rsvd");
	}
}

/* -v: "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)\n    ".
 * False when the options were cut short: the record ends there. */
static bool put_details(const struct printer *pr, struct pview *v, uint32_t hlen, uint32_t caplen,
			struct strbuf *sb)
{
	static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
	const struct xs_event *ev = v->ev;
	uint16_t off = be16(ev->ip_frag);
	/* What tcpdump can read after the fixed header (its snapshot ends at the IP length),
	 * and the part of it we hold. */
	uint32_t optlen = hlen - XS_IP4_HLEN;
	uint32_t readable = caplen > XS_IP4_HLEN ? caplen - XS_IP4_HLEN : 0, optcap;
	enum opt_result opts = OPT_OK;

	if (readable > v->xcap)
		readable = v->xcap;
	optcap = readable < optlen ? readable : optlen;

	sb_printf(sb, "(tos 0x%x%s", ev->ip_tos, ecn[ev->ip_tos & 3]);
	if (ev->ip_ttl >= 1)
		sb_printf(sb, ", ttl %u", ev->ip_ttl);
	sb_printf(sb, ", id %u, offset %u, flags [", be16(ev->ip_id), (off & XS_IP_OFFMASK) * 8u);
	put_flags(sb, off);
	sb_printf(sb, "], proto %s (%u), length %u", ipproto_name(ev->ip_proto), ev->ip_proto,
		  be16(ev->ip_len));
	if (optlen) {
		sb_puts(sb, ", options (");
		opts = put_options(pr, sb, v->x, optlen, readable);
		if (opts == OPT_LOST) {
			put_trunc(sb, "ip");
			v->lost = true;
			return false;
		}
		if (opts == OPT_CUT)
			sb_puts(sb, " [truncated-option]");
		sb_putc(sb, ')');
	}
	if (!pr->o.Kflag && caplen >= hlen && optcap == optlen) {
		uint16_t sum = ip4_cksum(ev, v->x, optlen);

		if (sum)
			sb_printf(sb, ", bad cksum %x (->%x)!", be16(ev->ip_csum),
				  csum_shouldbe(be16(ev->ip_csum), sum));
	}
	sb_puts(sb, ")\n    ");
	if (opts == OPT_CUT) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": ");
		put_trunc(sb, "ip");
		return false;
	}
	return true;
}

/* ip_print's checks of the fixed header: its length in bytes, or 0 when the record ends. */
static uint32_t header_len(const struct printer *pr, struct pview *v, uint32_t length,
			   uint32_t caplen, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t hlen, len;

	if (caplen < 1) {
		put_trunc(sb, "ip");
		v->lost = true; /* the version's GET_U_1 longjmps */
		return 0;
	}
	if ((ev->ip_vhl >> 4) != 4) {
		if ((ev->ip_vhl >> 4) == 6) {
			sb_puts(sb, "IP6, wrong link-layer encapsulation");
		} else {
			sb_puts(sb, "IP");
			sb_putu(sb, ev->ip_vhl >> 4);
		}
		sb_puts(sb, " (invalid)");
		return 0;
	}
	if (!pr->o.eflag)
		sb_puts(sb, "IP ");
	if (caplen < XS_IP4_HLEN) {
		put_trunc(sb, "ip");
		return 0;
	}
	if (length < XS_IP4_HLEN) {
		sb_puts(sb, "truncated-ip ");
		sb_putu(sb, length);
		return 0;
	}
	hlen = (ev->ip_vhl & 0xf) * 4u;
	if (hlen < XS_IP4_HLEN) {
		sb_puts(sb, "bad-hlen ");
		sb_putu(sb, hlen);
		return 0;
	}
	len = be16(ev->ip_len);
	if (length < len) {
		sb_puts(sb, "truncated-ip - ");
		sb_putu(sb, len - length);
		sb_puts(sb, " bytes missing! ");
	}
	if (len < hlen) {
		sb_puts(sb, "bad-len ");
		sb_putu(sb, len);
		return 0;
	}
	return hlen;
}

void print_ip4(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
	       struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t hlen = header_len(pr, v, length, caplen, sb), len = be16(ev->ip_len);
	uint16_t off = be16(ev->ip_frag);

	if (!hlen)
		return;
	if (caplen > len)
		caplen = len; /* tcpdump cuts its snapshot at the IP length */
	view_frame_headers(v);
	if (pr->o.vflag && !put_details(pr, v, hlen, caplen, sb))
		return;
	if (off & XS_IP_OFFMASK) {
		/* A later fragment: nothing of the upper layer. */
		if (pr->o.qflag > 1)
			return;
		put_addr_pair(pr, v, sb);
		sb_putc(sb, ':');
		put_proto(pr, sb, ev->ip_proto);
		return;
	}
	if (!upper_prints_addrs(ev->ip_proto)) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": ");
	}
	if (caplen < hlen) {
		sb_printf(sb, " [remaining caplen(%u) < header length(%u)]", caplen, hlen);
		put_trunc(sb, "ip");
		v->lost = true; /* tcpdump's nd_trunc_longjmp() */
		return;
	}
	v->l4_len = len - hlen;
	v->l4_avail = caplen - hlen;
	v->fragmented = (off & XS_IP_MF) != 0;
	ip_demux(pr, v, ev->ip_proto, hlen - XS_IP4_HLEN, sb);
}
