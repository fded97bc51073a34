// SPDX-License-Identifier: GPL-2.0-only
/*
 * ICMP (RFC 792, 1256, 1812) from the frame's bytes, as tcpdump 4.99.3's icmp_print() words
 * it: errors name what the packet they quote was sent to (its destination, protocol, port),
 * redirects the gateway, timestamps and masks their values. tcpdump builds the text before
 * printing it, so a read past the capture prints " [|icmp]" alone.
 */
#include "addr.h"
#include "csum.h"
#include "icmp.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

enum {
	ICMP_UNREACH = 3,
	ICMP_SOURCEQUENCH = 4,
	ICMP_REDIRECT = 5,
	ICMP_ROUTERADVERT = 9,
	ICMP_TIMXCEED = 11,
	ICMP_PARAMPROB = 12,
	ICMP_TSTAMP = 13,
	ICMP_TSTAMPREPLY = 14,
	ICMP_MASKREPLY = 18,
	/* Offsets in the message: the word after the checksum, the quoted IPv4 header's
	 * protocol and destination. */
	Q_IP = 8,
	Q_PROTO = Q_IP + 9,
	Q_DST = Q_IP + 16,
};

/* The types the switch of icmp_print() leaves to its table (icmp2str). */
static const struct tok icmp2str[] = {
    {XS_ICMP_ECHOREPLY, "echo reply"},	 {ICMP_SOURCEQUENCH, "source quench"},
    {XS_ICMP_ECHO, "echo request"},	 {10, "router solicitation"},
    {ICMP_TSTAMP, "time stamp request"}, {ICMP_TSTAMPREPLY, "time stamp reply"},
    {15, "information request"},	 {16, "information reply"},
    {17, "address mask request"},	 {0, NULL},
};

/* Unreachable codes: a format around the quoted destination ("%s" stands for it). */
static const struct tok unreach_fmt[] = {
    {0, "net %s unreachable"},
    {1, "host %s unreachable"},
    {5, "%s unreachable - source route failed"},
    {6, "net %s unreachable - unknown"},
    {7, "host %s unreachable - unknown"},
    {8, "%s unreachable - source host isolated"},
    {9, "net %s unreachable - admin prohibited"},
    {10, "host %s unreachable - admin prohibited"},
    {11, "net %s unreachable - tos prohibited"},
    {12, "host %s unreachable - tos prohibited"},
    {13, "host %s unreachable - admin prohibited filter"},
    {14, "host %s unreachable - host precedence violation"},
    {15, "host %s unreachable - precedence cutoff"},
    {0, NULL},
};

static const char *const redirect_fmt[] = {
    "redirect %s to net %s",
    "redirect %s to host %s",
    "redirect-tos %s to net %s",
    "redirect-tos %s to host %s",
};

struct msg {
	const struct printer *pr;
	const uint8_t *p;
	uint32_t n; /* bytes captured */
};

/* Writes fmt with its first "%s" the quoted destination, a second the gateway (redirects). */
static void put_fmt(const struct msg *m, struct strbuf *sb, const char *fmt)
{
	unsigned at = Q_DST;

	for (; *fmt; fmt++) {
		if (fmt[0] == '%' && fmt[1] == 's') {
			put_host(m->pr, sb, m->p + at, 0);
			at = 4;
			fmt++;
		} else {
			sb_putc(sb, *fmt);
		}
	}
}

static bool print_unreach(const struct msg *m, uint8_t code, struct strbuf *sb)
{
	const char *fmt = tok_name(unreach_fmt, code);
	uint32_t hlen, mtu;
	uint8_t proto;

	if (code == 3) { /* port: the quoted transport header's destination port */
		if (m->n < Q_PROTO + 1)
			return false;
		hlen = (m->p[Q_IP] & 0x0f) * 4u;
		if (m->n < Q_IP + hlen + 4 || m->n < Q_DST + 4)
			return false;
		proto = m->p[Q_PROTO];
		put_host(m->pr, sb, m->p + Q_DST, 0);
		if (proto == XS_IPPROTO_TCP || proto == XS_IPPROTO_UDP) {
			sb_puts(sb, proto == XS_IPPROTO_TCP ? " tcp port " : " udp port ");
			put_port(m->pr, sb, rd16(m->p + Q_IP + hlen + 2), proto == XS_IPPROTO_UDP);
		} else {
			sb_printf(sb, " protocol %u port %u", proto, rd16(m->p + Q_IP + hlen + 2));
		}
		sb_puts(sb, " unreachable");
		return true;
	}
	if (code == 2) {
		if (m->n < Q_DST + 4)
			return false;
		put_host(m->pr, sb, m->p + Q_DST, 0);
		sb_printf(sb, " protocol %u unreachable", m->p[Q_PROTO]);
		return true;
	}
	if (code == 4) {
		if (m->n < Q_DST + 4)
			return false;
		mtu = rd16(m->p + 6);
		put_host(m->pr, sb, m->p + Q_DST, 0);
		sb_puts(sb, " unreachable - need to frag");
		if (mtu)
			sb_printf(sb, " (mtu %u)", mtu);
		return true;
	}
	if (m->n < Q_DST + 4)
		return false;
	if (fmt) {
		put_fmt(m, sb, fmt);
	} else {
		put_host(m->pr, sb, m->p + Q_DST, 0);
		sb_printf(sb, " unreachable - #%u", code);
	}
	return true;
}

static bool print_redirect(const struct msg *m, uint8_t code, struct strbuf *sb)
{
	if (m->n < Q_DST + 4)
		return false;
	if (code < 4) {
		put_fmt(m, sb, redirect_fmt[code]);
		return true;
	}
	sb_printf(sb, "redirect-#%u ", code);
	put_fmt(m, sb, "%s to %s");
	return true;
}

/* RFC 1256's lifetime: seconds, m:ss or h:mm:ss. */
static void put_lifetime(struct strbuf *sb, uint32_t t)
{
	if (t < 60)
		sb_printf(sb, "%u", t);
	else if (t < 3600)
		sb_printf(sb, "%u:%02u", t / 60, t % 60);
	else
		sb_printf(sb, "%u:%02u:%02u", t / 3600, t % 3600 / 60, t % 60);
}

static bool print_router_advert(const struct msg *m, struct strbuf *sb)
{
	uint32_t num;

	sb_puts(sb, "router advertisement");
	if (m->n < 8)
		return false;
	sb_puts(sb, " lifetime ");
	put_lifetime(sb, rd16(m->p + 6));
	num = m->p[4];
	sb_printf(sb, " %u:", num);
	if (m->p[5] != 2) {
		sb_printf(sb, " [size %u]", m->p[5]);
		return true;
	}
	for (uint32_t i = 0; i < num; i++) {
		uint32_t at = 8 + 8 * i;

		if (m->n < at + 8)
			return false;
		sb_puts(sb, " {");
		put_host(m->pr, sb, m->p + at, 0);
		sb_printf(sb, " %u}", rd32(m->p + at + 4));
	}
	return true;
}

/* icmp_tstamp_print(): milliseconds since midnight as hh:mm:ss.mmm. */
static void put_tstamp(struct strbuf *sb, uint32_t ms)
{
	uint32_t sec = ms / 1000, min = sec / 60, hrs = min / 60;

	sb_printf(sb, "%02u:%02u:%02u.%03u", hrs, min - hrs * 60, sec - min * 60, ms % 1000);
}

static bool print_tstamp(const struct msg *m, uint8_t type, struct strbuf *sb)
{
	if (type == ICMP_TSTAMP) {
		if (m->n < 8)
			return false;
		sb_printf(sb, "time stamp query id %u seq %u", rd16(m->p + 4), rd16(m->p + 6));
		return true;
	}
	if (m->n < 20)
		return false;
	sb_printf(sb, "time stamp reply id %u seq %u: org ", rd16(m->p + 4), rd16(m->p + 6));
	put_tstamp(sb, rd32(m->p + 8));
	sb_puts(sb, ", recv ");
	put_tstamp(sb, rd32(m->p + 12));
	sb_puts(sb, ", xmit ");
	put_tstamp(sb, rd32(m->p + 16));
	return true;
}

/* The words after "ICMP "; false when tcpdump reads past the capture. */
static bool put_text(const struct msg *m, struct strbuf *sb)
{
	uint8_t type, code;

	if (m->n < 2)
		return false;
	type = m->p[0];
	code = m->p[1];
	switch (type) {
	case XS_ICMP_ECHO:
	case XS_ICMP_ECHOREPLY:
		if (m->n < 8)
			return false;
		sb_printf(sb, "echo %s, id %u, seq %u", type == XS_ICMP_ECHO ? "request" : "reply",
			  rd16(m->p + 4), rd16(m->p + 6));
		return true;
	case ICMP_UNREACH:
		return print_unreach(m, code, sb);
	case ICMP_REDIRECT:
		return print_redirect(m, code, sb);
	case ICMP_ROUTERADVERT:
		return print_router_advert(m, sb);
	case ICMP_TIMXCEED:
		if (m->n < Q_DST + 4)
			return false;
		if (code < 2)
			sb_puts(sb,
				code ? "ip reassembly time exceeded" : "time exceeded in-transit");
		else
			sb_printf(sb, "time exceeded-#%u", code);
		return true;
	case ICMP_PARAMPROB:
		if (!code && m->n < 5)
			return false;
		if (code)
			sb_printf(sb, "parameter problem - code %u", code);
		else
			sb_printf(sb, "parameter problem - octet %u", m->p[4]);
		return true;
	case ICMP_MASKREPLY:
		if (m->n < 12)
			return false;
		sb_printf(sb, "address mask is 0x%08x", rd32(m->p + 8));
		return true;
	case ICMP_TSTAMP:
	case ICMP_TSTAMPREPLY:
		return print_tstamp(m, type, sb);
	default:
		put_tok(sb, icmp2str, type, "type-#", "");
		return true;
	}
}

bool icmp_is_error(uint8_t type)
{
	return type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH || type == ICMP_REDIRECT ||
	       type == ICMP_TIMXCEED || type == ICMP_PARAMPROB;
}

bool print_icmp_bytes(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t n,
		      struct strbuf *sb)
{
	struct msg m = {pr, p, n};
	size_t mark = sb->len;

	sb_puts(sb, "ICMP ");
	if (!n || !put_text(&m, sb)) {
		sb->len = mark;
		put_trunc(sb, "icmp");
		v->lost = true;
		return false;
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, v->l4_len);
	if (pr->o.vflag && !v->fragmented && n >= v->l4_len) {
		uint16_t sum = (uint16_t)~csum_fold(csum_add(0, p, v->l4_len));

		if (sum && n < 4) { /* the checksum field is read after the sum */
			put_trunc(sb, "icmp");
			v->lost = true;
			return false;
		}
		if (sum)
			sb_printf(sb, " (wrong icmp cksum %x (->%x)!)", rd16(p + 2),
				  csum_shouldbe(rd16(p + 2), sum));
	}
	if (pr->o.vflag && icmp_is_error(p[0])) {
		print_icmp_quote(pr, v, p + 8, n > 8 ? n - 8 : 0, sb);
		if (v->lost)
			return false;
	}
	if (pr->o.vflag && !print_icmp_ext(p, n, v->l4_len, sb)) {
		put_trunc(sb, "icmp");
		return false;
	}
	return true;
}
