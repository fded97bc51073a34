// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IPv6 part of a record, as tcpdump 4.99.3's ip6_print() prints it: the fixed header (RFC
 * 8200), the -v header summary, and the walk over the extension headers with the printers it
 * calls (hop-by-hop and destination options with the RFC 2675 Jumbo Payload, routing headers
 * of types 0, 2 and 4 (RFC 8754 SRH), fragment headers) up to the upper-layer header.
 *
 * tcpdump reads the headers from the capture as it goes and stops with a " [|proto]" marker at
 * the first byte past its snapshot end (the capture cut at the IPv6 payload length). The event
 * holds the first XS_MAX_L3X bytes after the fixed header, as far as they were captured, and
 * when the headers need more, the record carries the frame's bytes (XS_F_HDRS); a byte
 * tcpdump would have but neither does ends the record with " [|ip6]" instead.
 */
#include "addr.h"
#include "demux.h"
#include "ip6.h"
#include "proto.h"
#include "wire.h"

#define IP6_HDR_LEN ((uint32_t)XS_IP6_HLEN)

/* What the header printers return instead of a header length. */
#define HDR_FAIL (-1) /* tcpdump's -1: the caller still prints what it prints after a failure */
#define HDR_STOP (-2) /* the record is complete: print nothing more */
#define HDR_UPPER (-3) /* not an extension header: the upper layer */

struct ip6_walk {
	struct printer *pr;
	struct pview *v;
	struct strbuf *sb;
	const uint8_t *x; /* x[i] is byte 40 + i of the IPv6 packet */
	uint32_t xend; /* 40 + bytes of x the event holds */
	uint32_t snap; /* tcpdump's snapend, counted from the IPv6 header */
	bool verbose;
	/* ip6_print's own: */
	uint32_t length; /* what the link layer left */
	uint32_t len; /* what the payload length leaves, from the header being looked at */
	uint32_t payload_len; /* the fixed header's, or a Jumbo Payload option's */
	uint32_t total; /* bytes of headers walked */
	bool found_ext, found_jumbo, found_hbh, fragmented;
	uint8_t ph; /* set by every extension header; 255 before the first */
};

enum span { SPAN_OK, SPAN_CUT, SPAN_GAP };

/* Can tcpdump read bytes [off, off + n) of the packet, and does the event hold them? */
static enum span span(const struct ip6_walk *w, uint32_t off, uint32_t n)
{
	uint64_t end = (uint64_t)off + n;

	if (end > w->snap)
		return SPAN_CUT;
	if (end > w->xend)
		return SPAN_GAP;
	return SPAN_OK;
}

/* Only after span() said SPAN_OK for off, which is never inside the fixed header. */
static const uint8_t *at(const struct ip6_walk *w, uint32_t off)
{
	return w->x + (off - IP6_HDR_LEN);
}

/*
 * Ends the record where a read failed: tcpdump's marker for a byte past its snapshot, ours
 * for a byte it has and the event does not.
 */
static int cut(struct ip6_walk *w, enum span s, const char *proto)
{
	put_trunc(w->sb, s == SPAN_CUT ? proto : "ip6");
	w->v->lost = true; /* tcpdump's GET_ macros longjmp out of the record */
	return HDR_STOP;
}

static void put_invalid(struct strbuf *sb)
{
	sb_puts(sb, " (invalid)");
}

/*
 * Inside a header tcpdump has checked is captured, a read can only fail for us: true when the
 * event holds bytes [off, off + n).
 */
static bool held(const struct ip6_walk *w, uint32_t off, uint32_t n)
{
	return span(w, off, n) == SPAN_OK;
}

/*
 * The type and length of the option at pos, as ip6_opt_process and ip6_sopt_print find them
 * in an area `left` bytes long from pos: HDR_FAIL when the option does not fit.
 */
static int opt_len(struct ip6_walk *w, uint32_t pos, uint32_t left, uint32_t *optlen)
{
	const uint8_t *o;

	if (!held(w, pos, 1))
		return cut(w, SPAN_GAP, NULL);
	o = at(w, pos);
	if (o[0] == XS_IP6OPT_PAD1) {
		*optlen = 1;
	} else {
		if (left < 2)
			return HDR_FAIL;
		if (!held(w, pos + 1, 1))
			return cut(w, SPAN_GAP, NULL);
		*optlen = o[1] + 2u;
	}
	return *optlen > left ? HDR_FAIL : 0;
}

/* The sub-options of a Home Address option: [pos, pos + len), all inside a checked header. */
static int put_subopts(struct ip6_walk *w, uint32_t pos, uint32_t len)
{
	uint32_t i, optlen;

	for (i = 0; i < len; i += optlen) {
		int r = opt_len(w, pos + i, len - i, &optlen);
		const uint8_t *o;

		if (r)
			return r;
		o = at(w, pos + i);
		if (o[0] == XS_IP6OPT_PAD1)
			sb_puts(w->sb, ", pad1");
		else if (o[0] == XS_IP6OPT_PADN)
			sb_puts(w->sb, ", padn");
		else
			sb_printf(w->sb, ", sopt_type 0x%02x: len=%u", o[0], o[1]);
	}
	return 0;
}

/*
 * The Jumbo Payload option (RFC 2675) is valid only as a hop-by-hop option, with the fixed
 * header's payload length 0 and a length of at least 65536; only the first one counts.
 */
static void put_jumbo(struct ip6_walk *w, uint32_t jumbolen, bool *seen, uint32_t *payload_len,
		      bool *found_jumbo)
{
	const char *why = NULL;

	if (*seen) {
		why = " - already seen";
	} else {
		*seen = true;
		if (!payload_len) {
			why = " - not a hop-by-hop option";
		} else if (*payload_len) {
			why = " - payload len != 0";
		} else if (jumbolen < 65536) {
			why = " - < 65536";
		} else {
			*found_jumbo = true;
			*payload_len = jumbolen;
		}
	}
	if (w->verbose)
		sb_printf(w->sb, "(jumbo: %u%s) ", jumbolen, why ? why : "");
}

/*
 * ip6_opt_process's checks of an option whose data is `size` bytes (at least `size` with
 * at_least): that the area, `left` bytes from the option on, holds them, and that the length
 * byte says so. False, with tcpdump's complaint printed, when either fails.
 */
static bool opt_size_ok(struct strbuf *sb, const char *name, const uint8_t *o, uint32_t left,
			uint8_t size, bool at_least)
{
	if (left < 2u + size) {
		sb_printf(sb, "(%s: trunc)", name);
		return false;
	}
	if (at_least ? o[1] < size : o[1] != size) {
		sb_printf(sb, "(%s: invalid len %u)", name, o[1]);
		return false;
	}
	return true;
}

/*
 * print-ip6opts.c ip6_opt_process: the options of the header at off, hlen bytes that tcpdump
 * has checked are captured. payload_len is NULL for destination options. Errors and -v
 * listings print as they are met; HDR_FAIL is tcpdump's "goto trunc".
 */
static int put_options(struct ip6_walk *w, uint32_t off, uint32_t hlen, uint32_t *payload_len,
		       bool *found_jumbo)
{
	uint32_t pos = off + 2, len = hlen - 2, i, optlen;
	struct strbuf *sb = w->sb;
	bool seen = false;

	for (i = 0; i < len; i += optlen) {
		uint32_t left = len - i, p = pos + i;
		int r = opt_len(w, p, left, &optlen);
		const uint8_t *o;

		if (r)
			return r;
		o = at(w, p);
		/* Each case reads only what tcpdump reads, so a long option's tail may be missing. */
		switch (o[0]) {
		case XS_IP6OPT_PAD1:
			if (w->verbose)
				sb_puts(sb, "(pad1)");
			break;
		case XS_IP6OPT_PADN:
			if (w->verbose)
				sb_puts(sb, "(padn)");
			break;
		case XS_IP6OPT_ROUTER_ALERT:
			if (!opt_size_ok(sb, "rtalert", o, left, 2, false))
				return HDR_FAIL;
			if (!w->verbose)
				break;
			if (!held(w, p + 2, 2))
				return cut(w, SPAN_GAP, NULL);
			sb_printf(sb, "(rtalert: 0x%04x) ", rd16(o + 2));
			break;
		case XS_IP6OPT_JUMBO:
			if (!opt_size_ok(sb, "jumbo", o, left, 4, false))
				return HDR_FAIL;
			if (!held(w, p + 2, 4))
				return cut(w, SPAN_GAP, NULL);
			put_jumbo(w, rd32(o + 2), &seen, payload_len, found_jumbo);
			break;
		case XS_IP6OPT_HOME_ADDRESS:
			if (!opt_size_ok(sb, "homeaddr", o, left, 16, true))
				return HDR_FAIL;
			if (!w->verbose)
				break;
			if (!held(w, p + 2, 16))
				return cut(w, SPAN_GAP, NULL);
			sb_puts(sb, "(homeaddr: ");
			put_host(w->pr, sb, o + 2, 1);
			r = o[1] > 16 ? put_subopts(w, p + 18, optlen - 18) : 0;
			if (r)
				return r;
			sb_putc(sb, ')');
			break;
		default:
			if (w->verbose)
				sb_printf(sb, "(opt_type 0x%02x: len=%u)", o[0], o[1]);
			break;
		}
	}
	if (w->verbose)
		sb_putc(sb, ' ');
	return 0;
}

/*
 * The length of a hop-by-hop or destination options header at off, which tcpdump reads and
 * then checks is all captured. A header cut inside its first 8 bytes fails the check whatever
 * its length byte says, so the event need not hold that byte. HDR_STOP when the read itself
 * failed (marker printed), HDR_FAIL when the check did (marker left to the caller).
 */
static int opt_hdr_len(struct ip6_walk *w, uint32_t off, const char *proto)
{
	enum span s = span(w, off + 1, 1);
	uint32_t hlen;

	if (s == SPAN_CUT)
		return cut(w, s, proto);
	if (span(w, off, 8) == SPAN_CUT)
		return HDR_FAIL;
	if (s == SPAN_GAP)
		return cut(w, s, proto);
	hlen = XS_EXT6_LEN(at(w, off)[1]);
	return span(w, off, hlen) == SPAN_CUT ? HDR_FAIL : (int)hlen;
}

/* print-ip6opts.c hbhopt_process: the Hop-by-Hop Options header (RFC 8200 4.3). */
static int print_hbh(struct ip6_walk *w, uint32_t off, uint32_t *payload_len, bool *found_jumbo)
{
	int hlen = opt_hdr_len(w, off, "hbhopt");
	int r;

	if (hlen == HDR_FAIL)
		/* A failed check, not a failed read: ip6_print still judges the jumbo. */
		put_trunc(w->sb, "hbhopt");
	if (hlen < 0)
		return hlen;
	sb_puts(w->sb, "HBH ");
	r = put_options(w, off, (uint32_t)hlen, payload_len, found_jumbo);
	if (r == HDR_FAIL)
		put_trunc(w->sb, "hbhopt");
	return r ? r : hlen;
}

/* print-ip6opts.c dstopt_process: the options are only read with -v. */
static int print_dstopt(struct ip6_walk *w, uint32_t off)
{
	int hlen = opt_hdr_len(w, off, "dstopt");
	int r = 0;

	if (hlen < 0) {
		if (hlen == HDR_FAIL)
			put_trunc(w->sb, "dstopt");
		return HDR_STOP;
	}
	sb_puts(w->sb, "DSTOPT ");
	if (w->verbose)
		r = put_options(w, off, (uint32_t)hlen, NULL, NULL);
	if (r == HDR_FAIL)
		put_trunc(w->sb, "dstopt");
	/* Without -v nothing past the length byte is read. */
	return r ? HDR_STOP : hlen;
}

/* The addresses of a type 0/2 routing header or an SRH segment list, 16 bytes each. */
static int put_rt6_addrs(struct ip6_walk *w, uint32_t pos, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++, pos += 16) {
		enum span s = span(w, pos, 16);

		if (s != SPAN_OK)
			return cut(w, s, "rt6");
		sb_printf(w->sb, ", [%u]", i);
		put_host(w->pr, w->sb, at(w, pos), 1);
	}
	sb_puts(w->sb, ") ");
	return 0;
}

/* print-rt6.c rt6_print: types 0 (deprecated, RFC 5095), 2 (RFC 6275) and 4 (SRH, RFC 8754). */
static int print_rt6(struct ip6_walk *w, uint32_t off)
{
	struct strbuf *sb = w->sb;
	const uint8_t *h;
	uint32_t len;
	enum span s;
	uint8_t type;

	sb_puts(sb, "RT6");
	/* Byte by byte, as tcpdump reads them: each field prints before the next is read. */
	s = span(w, off + 1, 1);
	if (s != SPAN_OK)
		return cut(w, s, "rt6");
	h = at(w, off);
	len = h[1];
	sb_printf(sb, " (len=%u", len);
	s = span(w, off + 2, 1);
	if (s != SPAN_OK)
		return cut(w, s, "rt6");
	type = h[2];
	sb_printf(sb, ", type=%u", type);
	if (type == 0)
		sb_puts(sb, " [Deprecated]");
	s = span(w, off + 3, 1);
	if (s != SPAN_OK)
		return cut(w, s, "rt6");
	sb_printf(sb, ", segleft=%u", h[3]);

	switch (type) {
	case 0:
	case 2: {
		uint32_t rsv;

		s = span(w, off + 4, 4);
		if (s != SPAN_OK)
			return cut(w, s, "rt6");
		rsv = rd32(h + 4);
		if (rsv || w->verbose)
			sb_printf(sb, ", rsv=0x%0x", rsv);
		break;
	}
	case 4:
		s = span(w, off + 4, 1);
		if (s != SPAN_OK)
			return cut(w, s, "rt6");
		sb_printf(sb, ", last-entry=%u", h[4]);
		s = span(w, off + 5, 1);
		if (s != SPAN_OK)
			return cut(w, s, "rt6");
		if (h[5] || w->verbose)
			sb_printf(sb, ", flags=0x%0x", h[5]);
		s = span(w, off + 6, 2);
		if (s != SPAN_OK)
			return cut(w, s, "rt6");
		sb_printf(sb, ", tag=%x", rd16(h + 6));
		break;
	default:
		sb_puts(sb, " (unknown type)");
		put_invalid(sb);
		return HDR_STOP;
	}
	if (len % 2) {
		sb_printf(sb, " (invalid length %u)", len);
		put_invalid(sb);
		return HDR_STOP;
	}
	if (put_rt6_addrs(w, off + 8, len / 2))
		return HDR_STOP;
	return (int)((len + 1) * 8);
}

/*
 * print-frag6.c frag6_print. The length is tcpdump's size_t arithmetic on the fixed header's
 * payload length, so a fragment header past that length prints a wrapped 64-bit number.
 * Returns HDR_STOP for a later fragment: nothing of the upper layer is decoded.
 */
static int print_frag6(struct ip6_walk *w, uint32_t off, uint16_t plen)
{
	/* tcpdump reads the identification only with -v, and the offset always. */
	enum span s = w->verbose ? span(w, off + 2, 6) : span(w, off + 2, 2);
	uint64_t rest = (uint64_t)IP6_HDR_LEN + plen - off - 8;
	const uint8_t *h;
	uint16_t offset;

	if (s != SPAN_OK)
		return cut(w, s, "frag6");
	h = at(w, off);
	offset = rd16(h + 2) & XS_IP6_FRAG_OFFMASK;
	if (w->verbose)
		sb_printf(w->sb, "frag (0x%08x:%u|%llu)", rd32(h + 4), offset,
			  (unsigned long long)rest);
	else
		sb_printf(w->sb, "frag (%u|%llu)", offset, (unsigned long long)rest);
	if (offset)
		return HDR_STOP;
	sb_putc(w->sb, ' ');
	return 8;
}

/*
 * print-mobility.c (mobility.c) from the frame's bytes, up to tcpdump's snapshot end; without
 * them only the marker for a header whose length byte was not captured is exact.
 */
static void walk_mobility(struct ip6_walk *w, uint32_t off)
{
	const struct pkt_info *pi = w->v->pkt;
	uint32_t l3 = w->v->ev->l3_off, end = w->snap;
	struct cur c;

	if (!pi || !pi->data || (uint64_t)l3 + off > pi->cap_len) {
		cut(w, span(w, off + 1, 1) == SPAN_CUT ? SPAN_CUT : SPAN_GAP, "mobility");
		return;
	}
	if (end > pi->cap_len - l3)
		end = pi->cap_len - l3;
	c = cur_make(pi->data + l3 + off, end > off ? end - off : 0);
	print_mobility(w->pr, &c, w->sb);
	if (c.cut)
		w->v->lost = true;
}

static void put_v_header(const struct xs_event *ev, uint32_t payload_len, struct strbuf *sb)
{
	uint32_t flow = be32(ev->ip6_flow);

	sb_putc(sb, '(');
	if (flow & XS_IP6_CLASS_MASK)
		sb_printf(sb, "class 0x%02x, ", (flow & XS_IP6_CLASS_MASK) >> XS_IP6_CLASS_SHIFT);
	if (flow & XS_IP6_FLOW_MASK)
		sb_printf(sb, "flowlabel 0x%05x, ", flow & XS_IP6_FLOW_MASK);
	sb_printf(sb, "hlim %u, next-header %s (%u) payload length: %u) ", ev->ip_ttl,
		  ipproto_name(ev->ip_proto), ev->ip_proto, payload_len);
}

/*
 * A Hop-by-Hop Options header at off (RFC 8200 4.3: only once, and only right after the fixed
 * header); its length, or HDR_STOP.
 */
static int walk_hbh(struct ip6_walk *w, uint32_t off)
{
	int r;

	if (w->found_hbh || w->ph != 255) {
		sb_puts(w->sb, w->found_hbh ? "[The Hop-by-Hop Options header was already found]"
					    : "[The Hop-by-Hop Options header don't follow the "
					      "IPv6 header]");
		put_invalid(w->sb);
		return HDR_STOP;
	}
	r = print_hbh(w, off, &w->payload_len, &w->found_jumbo);
	if (r == HDR_STOP)
		return HDR_STOP;
	if (w->payload_len == 0 && !w->found_jumbo) {
		sb_puts(w->sb, "[No valid Jumbo Payload Hop-by-Hop option found]");
		put_invalid(w->sb);
		return HDR_STOP;
	}
	if (r < 0)
		return HDR_STOP;
	w->found_hbh = true;
	return r;
}

/*
 * The header nh at off, when ip6_print() walks past it: its length, HDR_STOP when the record
 * ends in it, HDR_UPPER when nh is the upper layer instead.
 */
static int walk_header(struct ip6_walk *w, uint8_t nh, uint32_t off)
{
	int r;

	switch (nh) {
	case XS_IPPROTO_HOPOPTS:
		return walk_hbh(w, off);
	case XS_IPPROTO_DSTOPTS:
		r = print_dstopt(w, off);
		return r < 0 ? HDR_STOP : r;
	case XS_IPPROTO_FRAGMENT:
		r = print_frag6(w, off, be16(w->v->ev->ip_len));
		/* Nothing follows a fragment header that ends the snapshot. */
		if (r < 0 || w->snap <= off + (uint32_t)r)
			return HDR_STOP;
		w->fragmented = true;
		return r;
	case XS_IPPROTO_ROUTING:
		if (off >= w->snap) {
			put_trunc(w->sb, "ip6");
			return HDR_STOP;
		}
		r = print_rt6(w, off);
		return r < 0 ? HDR_STOP : r;
	case XS_IPPROTO_MOBILITY_OLD:
	case XS_IPPROTO_MOBILITY:
		walk_mobility(w, off);
		return HDR_STOP;
	default:
		return HDR_UPPER;
	}
}

/* The upper layer nh at off: ip6_print's hand-off to ip_demux_print. */
static void walk_upper(struct ip6_walk *w, uint8_t nh, uint32_t off)
{
	struct pview *v = w->v;

	if (w->found_jumbo) {
		w->len = w->payload_len + IP6_HDR_LEN;
		if (w->len < w->total) {
			put_trunc(w->sb, "ip6");
			return;
		}
		if (w->length < w->len)
			sb_printf(w->sb, "truncated-ip6 - %u bytes missing!", w->len - w->length);
		if (w->len < w->snap)
			w->snap = w->len;
		w->len -= w->total;
	} else if (w->payload_len == 0) {
		/* No payload to hold an extension header. */
		if (w->found_ext) {
			put_trunc(w->sb, "ip6");
			return;
		}
		w->snap = IP6_HDR_LEN;
		w->len = 0;
	}
	v->l4_len = w->len;
	v->l4_avail = w->snap > off ? w->snap - off : 0;
	v->fragmented = w->fragmented;
	ip_demux(w->pr, v, nh, off - IP6_HDR_LEN, w->sb);
}

/*
 * ip6_print's checks of the fixed header and its "IP6 " (not in --classic's frame) and -v
 * summary; false when the record ends there. Sets up the walk's lengths.
 */
static bool header(struct ip6_walk *w, uint32_t caplen, enum dialect d)
{
	const struct xs_event *ev = w->v->ev;
	struct strbuf *sb = w->sb;

	if (caplen < IP6_HDR_LEN) {
		put_trunc(sb, "ip6");
		return false;
	}
	if (w->length < IP6_HDR_LEN) {
		sb_printf(sb, "truncated-ip6 %u", w->length);
		return false;
	}
	if (!w->pr->o.eflag && d == TCPDUMP_499)
		sb_puts(sb, "IP6 ");
	if ((ev->ip_vhl >> 4) != 6) {
		sb_printf(sb, "version error: %u != 6", ev->ip_vhl >> 4);
		return false;
	}
	w->payload_len = be16(ev->ip_len);
	if (w->payload_len) {
		w->len = w->payload_len + IP6_HDR_LEN;
		if (w->length < w->len)
			sb_printf(sb, "truncated-ip6 - %u bytes missing!", w->len - w->length);
	} else {
		/* Provisional, until a Jumbo Payload option (RFC 2675) says otherwise. */
		w->len = w->length + IP6_HDR_LEN;
	}
	if (w->verbose)
		put_v_header(ev, w->payload_len, sb);
	return true;
}

void print_ip6(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
	       enum dialect d, struct strbuf *sb)
{
	struct ip6_walk w = {
	    .pr = pr, .v = v, .sb = sb, .verbose = pr->o.vflag != 0, .length = length, .ph = 255};
	uint32_t off = 0, advance = IP6_HDR_LEN;
	uint8_t nh = v->ev->ip_proto;

	if (!header(&w, caplen, d))
		return;
	view_frame_headers(v);
	w.x = v->x;
	w.xend = IP6_HDR_LEN + v->xcap;
	w.snap = caplen < w.len ? caplen : w.len;

	/* off is where the header being looked at starts; advance is the length of the last. */
	while (off < w.snap) {
		int r;

		if (w.len < advance) {
			put_trunc(sb, "ip6");
			return;
		}
		off += advance;
		w.len -= advance;
		w.total += advance;
		if (off == IP6_HDR_LEN && !upper_prints_addrs(nh)) {
			put_addr_pair(pr, v, sb);
			sb_puts(sb, ": ");
		}
		r = walk_header(&w, nh, off);
		if (r == HDR_UPPER) {
			walk_upper(&w, nh, off);
			return;
		}
		if (r < 0)
			return;
		/* Every header printer that returned a length checked its first byte. */
		nh = at(&w, off)[0];
		advance = (uint32_t)r;
		w.found_ext = true;
		w.ph = nh;
	}
}
