// SPDX-License-Identifier: GPL-2.0-only
/*
 * The segments of a send segmented in software (see segments.h). Every segment repeats the
 * send's headers (Ethernet, VLAN tags, IP with its options or extension headers, TCP with its
 * options) and carries gso.size bytes of its payload, the last one the rest. What changes, as
 * the kernel changes it:
 *   IPv4: total length, ID (+1 a segment unless FIXEDID), header checksum (ip_send_check());
 *   IPv6: payload length;
 *   TCP: seq (+gso.size a segment), FIN and PSH only on the last, CWR only on the first
 *   (unless AccECN), and the checksum: the partial one adjusted to the segment's length
 *   (the device completes it), or with XS_GSO_CSUM completed over the segment's bytes.
 */
#include <arpa/inet.h>
#include <string.h>

#include "csum.h"
#include "decode.h"
#include "gso.h"
#include "proto.h"
#include "segments.h"
#include "tcp_sum.h"

/* One segment's frame; valid until the next segment. */
static uint8_t frame[XS_MAX_SNAP + 4];

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* ip_send_check(): over the header's fields as they now are, options included. */
static uint16_t ip4_csum(const struct xs_event *s, const uint8_t *opts, uint32_t optlen)
{
	uint64_t sum = (uint32_t)(s->ip_vhl << 8 | s->ip_tos) + ntohs(s->ip_len) + ntohs(s->ip_id) +
		       ntohs(s->ip_frag) + (uint32_t)(s->ip_ttl << 8 | s->ip_proto) +
		       csum_add(0, s->var, 8) + csum_add(0, opts, optlen);

	return (uint16_t)~csum_fold(sum);
}

/* The IPv4 options: from the send's bytes, else from the event's tail. NULL if neither. */
static const uint8_t *ip4_opts(const struct xs_event *ev, const uint8_t *data, uint32_t optlen)
{
	if (data)
		return data + ev->l3_off + 20;
	if (optlen > ev->l3x_cap)
		return NULL;
	return ev->var + xs_addr_len(ev) + XS_MAX_OPT;
}

/*
 * tcp_gso_segment()'s partial checksum for a segment of plen payload bytes: the send's,
 * its length in the pseudo header changed from the send's TCP length tlen to the segment's
 * (csum_add() of ~tlen + thlen + plen, in 32 bits, then folded).
 */
static uint16_t tcp_partial(uint16_t check, uint32_t tlen, uint32_t thlen, uint32_t plen)
{
	uint32_t delta = ~tlen + thlen + plen;

	return (uint16_t)csum_fold((uint64_t)check + (delta >> 16) + (delta & 0xffff));
}

/* The segment's header fields (k of n, plen payload bytes), in the event. */
static void segment_fields(struct xs_event *s, const struct xs_event *ev, const uint8_t *data,
			   uint32_t k, uint32_t n, uint32_t plen)
{
	uint32_t hdr = xs_gso_hdr_len(ev), thlen = hdr - ev->l4_off;

	s->wire_len = hdr + plen;
	if (s->cap_len > s->wire_len)
		s->cap_len = s->wire_len;
	if (ev->flags & XS_F_IP4) {
		uint32_t optlen = (uint32_t)(ev->ip_vhl & 0xf) * 4 - 20;
		const uint8_t *opts = ip4_opts(ev, data, optlen);

		s->ip_len = htons((uint16_t)(s->wire_len - ev->l3_off));
		if (!(ev->gso.flags & XS_GSO_FIXEDID))
			s->ip_id = htons((uint16_t)(ntohs(ev->ip_id) + k));
		if (opts)
			s->ip_csum = htons(ip4_csum(s, opts, optlen));
	} else {
		s->ip_len = htons((uint16_t)(s->wire_len - ev->l3_off - 40));
	}
	s->l4.tcp.seq = htonl(ntohl(ev->l4.tcp.seq) + k * ev->gso.size);
	if (k + 1 < n)
		s->l4.tcp.flags &= (uint8_t) ~(XS_TCP_FIN | XS_TCP_PSH);
	if (k > 0 && !(ev->gso.flags & XS_GSO_KEEP_CWR))
		s->l4.tcp.flags &= (uint8_t)~XS_TCP_CWR;
	s->l4.tcp.csum =
	    htons(tcp_partial(ntohs(ev->l4.tcp.csum), ev->wire_len - ev->l4_off, thlen, plen));
	/* A plain packet now: no GSO facts, no sum of the send's. */
	s->flags &= (uint16_t) ~(XS_F_GSO | XS_F_SUM);
	s->gso.size = 0;
	s->gso.flags = 0;
	s->gso.pad = 0;
}

/* The segment's bytes: the headers, patched as the event now says, and its payload share. */
static uint32_t segment_bytes(const struct xs_event *s, const uint8_t *data, uint32_t data_len,
			      uint32_t off, uint32_t plen)
{
	uint32_t hdr = xs_gso_hdr_len(s), have = data_len > off ? data_len - off : 0;
	uint8_t *ip = frame + s->l3_off, *th = frame + s->l4_off;

	if (have > plen)
		have = plen;
	memcpy(frame, data, hdr);
	memcpy(frame + hdr, data + off, have);
	if (s->flags & XS_F_IP4) {
		put16(ip + 2, ntohs(s->ip_len));
		put16(ip + 4, ntohs(s->ip_id));
		put16(ip + 10, ntohs(s->ip_csum));
	} else {
		put16(ip + 4, ntohs(s->ip_len));
	}
	memcpy(th + 4, &s->l4.tcp.seq, 4);
	th[13] = s->l4.tcp.flags;
	memcpy(th + 16, &s->l4.tcp.csum, 2);
	return hdr + have;
}

/* gso_make_checksum(): the whole checksum, over the segment with its partial one in place. */
static void complete_csum(struct xs_event *s, uint32_t len)
{
	uint16_t c = (uint16_t)~csum_fold(csum_add(0, frame + s->l4_off, len - s->l4_off));

	s->l4.tcp.csum = htons(c);
	put16(frame + s->l4_off + 16, c);
}

/* The send's headers as the event holds them, written out as a frame's first bytes (the
 * filter's view when the record has no bytes); their length, 0 if the event lacks some. */
static uint32_t event_headers(const struct xs_event *ev, uint8_t *b)
{
	uint32_t hdr = xs_gso_hdr_len(ev), p = 12, x = ev->l4_off - ev->l3_off;
	const uint8_t *tail = ev->var + xs_addr_len(ev);

	if (hdr > 256 || ev->nvlan > XS_MAX_VLAN || ev->l3_off != 14 + 4u * ev->nvlan ||
	    ev->l4x_len != hdr - ev->l4_off - 20)
		return 0;
	memcpy(b, ev->mac_dst, 6);
	memcpy(b + 6, ev->mac_src, 6);
	for (uint32_t i = 0; i < ev->nvlan; i++, p += 4) {
		memcpy(b + p, &ev->etype[i], 2);
		memcpy(b + p + 2, &ev->vlan_tci[i], 2);
	}
	memcpy(b + p, &ev->etype_l3, 2);
	b += ev->l3_off;
	if (ev->flags & XS_F_IP4) {
		b[0] = ev->ip_vhl;
		b[1] = ev->ip_tos;
		memcpy(b + 2, &ev->ip_len, 2);
		memcpy(b + 4, &ev->ip_id, 2);
		memcpy(b + 6, &ev->ip_frag, 2);
		b[8] = ev->ip_ttl;
		b[9] = ev->ip_proto;
		memcpy(b + 10, &ev->ip_csum, 2);
		memcpy(b + 12, ev->var, 8);
		x -= 20;
		b += 20;
	} else {
		memcpy(b, &ev->ip6_flow, 4);
		memcpy(b + 4, &ev->ip_len, 2);
		b[6] = ev->ip_proto;
		b[7] = ev->ip_ttl;
		memcpy(b + 8, ev->var, 32);
		x -= 40;
		b += 40;
	}
	if (x > ev->l3x_cap)
		return 0;
	memcpy(b, tail + XS_MAX_OPT, x); /* IPv4 options, IPv6 extension headers */
	b += x;
	memcpy(b, &ev->l4.tcp, 20);
	memcpy(b + 20, tail, ev->l4x_len); /* TCP options */
	return hdr;
}

int segments_range(const struct xs_event *ev, const uint8_t *data, uint32_t data_len,
		   struct segments_cfg *cfg, uint32_t first, uint32_t end, segment_fn fn, void *ctx)
{
	uint32_t hdr = xs_gso_hdr_len(ev), n = xs_gso_segs(ev), mss = ev->gso.size;
	/* The send's own bytes, else (for the filter) its headers. */
	const uint8_t *src = data && data_len >= hdr ? data : NULL;
	bool real = src;
	uint8_t hdrs[256];
	int ret = 0;

	if (n < 2) {
		struct xs_event s = *ev;

		return first == 0 && end > 0 ? fn(ctx, &s, data, data_len) : 0;
	}
	if (!src && cfg->keep && event_headers(ev, hdrs)) {
		src = hdrs;
		data_len = hdr;
	}
	for (uint32_t k = first; k < n && k < end && !ret; k++) {
		uint32_t plen = k + 1 < n ? mss : ev->wire_len - hdr - (n - 1) * mss, len = 0, snap;
		struct xs_event s = *ev;

		segment_fields(&s, ev, src, k, n, plen);
		if (src)
			len = segment_bytes(&s, src, data_len, hdr + k * mss, plen);
		if (real && (ev->gso.flags & XS_GSO_CSUM) && len == s.wire_len)
			complete_csum(&s, len);
		if (cfg->keep && src && !cfg->keep(cfg->keep_ctx, frame, s.wire_len, len)) {
			cfg->filtered++;
			continue;
		}
		if (real && cfg->sum)
			tcp_sum_host(&s, frame, len);
		snap = cfg->snap ? cfg->snap : cfg->app ? xs_app_bytes(cfg->app, &s) : 0;
		if (!snap || !real) {
			s.flags &= (uint16_t)~XS_F_DATA;
			ret = fn(ctx, &s, NULL, 0);
			continue;
		}
		if (len > snap)
			len = snap;
		if (len < s.cap_len) /* fewer than the headers: as tcpdump with this -s */
			decode_reparse(&s, frame, len);
		ret = fn(ctx, &s, frame, len);
	}
	return ret;
}

int segments_each(const struct xs_event *ev, const uint8_t *data, uint32_t data_len,
		  struct segments_cfg *cfg, segment_fn fn, void *ctx)
{
	return segments_range(ev, data, data_len, cfg, 0, UINT32_MAX, fn, ctx);
}
