// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of user/segments.c, user/seg_taps.c and user/seg_filter.c: sends built by hand
 * (IPv4 with options, IPv6 behind a VLAN tag; TCP with timestamps; odd and even gso sizes),
 * their checksum left partial as the stack leaves it, made into segments; each segment checked
 * on its own terms against what tcp_gso_segment() and inet_gso_segment() make: its bytes parse
 * back to its event, its IPv4 header checksum and its TCP checksum (the pseudo header's sum
 * for its own length, or complete) verify, seq, ID and flags step as they should, the payload
 * is its share. The header-only frames the filter sees match the real ones. Sends held for
 * their segments' stamps at the tap. The filter classes of programs tcpdump -dd printed.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "gso.h"
#include "parse_host.h"
#include "seg_filter.h"
#include "seg_taps.h"
#include "segments.h"

#define MAXSEG 64

struct send {
	uint8_t frame[70000];
	uint32_t len, hdr, l3, l4;
	bool ip6;
	struct xs_event ev;
};

struct got {
	int n;
	struct xs_event ev[MAXSEG];
	uint8_t *bytes[MAXSEG];
	uint32_t len[MAXSEG];
	uint8_t hdrs[MAXSEG][256]; /* what the filter was given */
	uint32_t hdrs_len[MAXSEG], wire[MAXSEG];
};

static uint32_t fold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

static uint64_t sum(const uint8_t *p, uint32_t len)
{
	uint64_t s = 0;

	for (; len > 1; p += 2, len -= 2)
		s += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		s += (uint32_t)p[0] << 8;
	return s;
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The pseudo header's sum for a TCP length of len. */
static uint64_t pseudo(const struct send *s, const uint8_t *f, uint32_t len)
{
	if (s->ip6)
		return sum(f + s->l3 + 8, 32) + 6 + (len >> 16) + (len & 0xffff);
	return sum(f + s->l3 + 12, 8) + 6 + len;
}

/*
 * A send of pay payload bytes as the stack hands it to the device: IPv4 (ID 0xfffe, DF, 4
 * bytes of options) or IPv6 behind a VLAN tag; TCP with timestamps and flags; the checksum
 * the partial one (the pseudo header's sum), the IPv4 header's complete.
 */
static void build(struct send *s, bool ip6, uint32_t pay, uint8_t flags)
{
	static const uint8_t opt[12] = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
	uint8_t *f = s->frame, *ip, *th;
	uint32_t tlen = 32 + pay;

	memset(s, 0, sizeof(*s));
	s->ip6 = ip6;
	memcpy(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
	if (ip6) {
		memcpy(f + 12, "\x81\x00\x00\x64\x86\xdd", 6);
		s->l3 = 18;
		s->l4 = s->l3 + 40;
	} else {
		memcpy(f + 12, "\x08\x00", 2);
		s->l3 = 14;
		s->l4 = s->l3 + 24;
	}
	ip = f + s->l3;
	if (ip6) {
		memcpy(ip, "\x60\x01\x23\x45", 4);
		ip[4] = (uint8_t)(tlen >> 8);
		ip[5] = (uint8_t)tlen;
		ip[6] = 6;
		ip[7] = 64;
		memcpy(ip + 8, "\xfd\x00\x01\x99\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
		memcpy(ip + 24, "\xfd\x00\x01\x99\0\0\0\0\0\0\0\0\0\0\0\x02", 16);
	} else {
		uint32_t tot = 24 + tlen, c;

		ip[0] = 0x46;
		ip[2] = (uint8_t)(tot >> 8);
		ip[3] = (uint8_t)tot;
		ip[4] = 0xff;
		ip[5] = 0xfe;
		ip[6] = 0x40;
		ip[8] = 64;
		ip[9] = 6;
		memcpy(ip + 12, "\x0a\xc7\x00\x01\x0a\xc7\x00\x02", 8);
		memcpy(ip + 20, "\x01\x01\x01\x00", 4);
		c = (uint16_t)~fold(sum(ip, 24));
		ip[10] = (uint8_t)(c >> 8);
		ip[11] = (uint8_t)c;
	}
	th = f + s->l4;
	memcpy(th, "\x23\x28\xa4\x10\xff\xff\xf0\x00\x00\x00\x10\x00", 12);
	th[12] = 0x80;
	th[13] = flags;
	th[14] = 0x01;
	memcpy(th + 20, opt, 12);
	for (uint32_t i = 0; i < pay; i++)
		th[32 + i] = (uint8_t)(i * 7 + i / 251);
	s->hdr = s->l4 + 32;
	s->len = s->hdr + pay;
	{
		uint16_t c = (uint16_t)fold(pseudo(s, f, tlen));

		th[16] = (uint8_t)(c >> 8);
		th[17] = (uint8_t)c;
	}
	xs_parse(&s->ev, &(struct xs_frame){.data = f, .end = f + s->len});
	s->ev.wire_len = s->len;
	s->ev.flags |= XS_F_EGRESS | XS_F_GSO | XS_F_DATA;
}

static int collect(void *ctx, struct xs_event *ev, const uint8_t *data, uint32_t len)
{
	struct got *g = ctx;

	if (g->n >= MAXSEG)
		return 1;
	g->ev[g->n] = *ev;
	g->len[g->n] = len;
	g->bytes[g->n] = NULL;
	if (data) {
		g->bytes[g->n] = malloc(len);
		memcpy(g->bytes[g->n], data, len);
	}
	g->n++;
	return 0;
}

static bool keep_all(void *ctx, const uint8_t *frame, uint32_t wire_len, uint32_t cap_len)
{
	struct got *g = ctx;

	if (g->n < MAXSEG && cap_len <= 256) {
		memcpy(g->hdrs[g->n], frame, cap_len);
		g->hdrs_len[g->n] = cap_len;
		g->wire[g->n] = wire_len;
	}
	return true;
}

static void release(struct got *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->bytes[i]);
	memset(g, 0, sizeof(*g));
}

/* Every segment of s (gso size mss, flags): on its own terms, and against the send. */
static void check_send(struct send *s, uint32_t mss, uint8_t gflags, const char *what)
{
	static struct got g, h;
	struct segments_cfg cfg = {.snap = 65535, .sum = true};
	struct segments_cfg bare = {.keep = keep_all, .keep_ctx = &h};
	uint32_t pay = s->len - s->hdr, n = (pay + mss - 1) / mss;
	uint32_t seq0 = rd32(s->frame + s->l4 + 4);
	uint8_t flags0 = s->frame[s->l4 + 13];

	s->ev.gso.size = (uint16_t)mss;
	s->ev.gso.flags = gflags;
	CHECK(xs_gso_segs(&s->ev) == n, "%s: %u segments, want %u", what, xs_gso_segs(&s->ev), n);
	CHECK(xs_gso_bytes(&s->ev) == s->len + (n - 1) * s->hdr, "%s: bytes", what);
	segments_each(&s->ev, s->frame, s->len, &cfg, collect, &g);
	CHECK(g.n == (int)n, "%s: %d segments made, want %u", what, g.n, n);
	/* No bytes: the filter sees the headers, rebuilt from the event, as in the real ones. */
	s->ev.flags &= (uint16_t)~XS_F_DATA;
	segments_each(&s->ev, NULL, 0, &bare, collect, &h);
	s->ev.flags |= XS_F_DATA;
	CHECK(h.n == (int)n, "%s: %d bare segments", what, h.n);
	for (uint32_t k = 0; k < n && (int)k < g.n; k++) {
		const struct xs_event *e = &g.ev[k];
		const uint8_t *f = g.bytes[k], *th = f + s->l4;
		uint32_t plen = k + 1 < n ? mss : pay - (n - 1) * mss, tlen = 32 + plen;
		struct xs_event back;
		uint8_t want_flags = flags0;

		CHECK(g.len[k] == s->hdr + plen && e->wire_len == g.len[k], "%s %u: length %u",
		      what, k, g.len[k]);
		CHECK(!memcmp(f + s->hdr, s->frame + s->hdr + k * mss, plen), "%s %u: payload",
		      what, k);
		CHECK(!(e->flags & XS_F_GSO) && e->gso.size == 0, "%s %u: still GSO", what, k);
		/* The event is what its bytes say. */
		memset(&back, 0, sizeof(back));
		xs_parse(&back, &(struct xs_frame){.data = f, .end = f + g.len[k]});
		CHECK(back.ip_len == e->ip_len && back.ip_id == e->ip_id &&
			  back.ip_csum == e->ip_csum && back.l4.tcp.seq == e->l4.tcp.seq &&
			  back.l4.tcp.flags == e->l4.tcp.flags &&
			  back.l4.tcp.csum == e->l4.tcp.csum,
		      "%s %u: event and bytes differ", what, k);
		CHECK(rd32(th + 4) == seq0 + k * mss, "%s %u: seq", what, k);
		if (k + 1 < n)
			want_flags &= (uint8_t)~0x09;
		if (k > 0 && !(gflags & XS_GSO_KEEP_CWR))
			want_flags &= (uint8_t)~0x80;
		CHECK(th[13] == want_flags, "%s %u: flags %#x, want %#x", what, k, th[13],
		      want_flags);
		if (!s->ip6) {
			uint16_t id = (uint16_t)((gflags & XS_GSO_FIXEDID) ? 0xfffe : 0xfffe + k);

			CHECK(rd16(f + s->l3 + 2) == 24 + tlen, "%s %u: IPv4 length", what, k);
			CHECK(rd16(f + s->l3 + 4) == id, "%s %u: ID %#x", what, k,
			      rd16(f + s->l3 + 4));
			CHECK(fold(sum(f + s->l3, 24)) == 0xffff, "%s %u: IPv4 checksum", what, k);
		} else {
			CHECK(rd16(f + s->l3 + 4) == tlen, "%s %u: IPv6 payload length", what, k);
		}
		if (gflags & XS_GSO_CSUM)
			CHECK(fold(pseudo(s, f, tlen) + sum(th, tlen)) == 0xffff,
			      "%s %u: TCP checksum not complete", what, k);
		else
			CHECK(rd16(th + 16) == fold(pseudo(s, f, tlen)),
			      "%s %u: partial checksum %#x, want the pseudo header's %#x", what, k,
			      rd16(th + 16), fold(pseudo(s, f, tlen)));
		CHECK((e->flags & XS_F_SUM) &&
			  ntohs(e->l4_sum) == fold(pseudo(s, f, tlen) + sum(th, tlen)),
		      "%s %u: -v sum", what, k);
		/* (but for a checksum completed over the payload, which it does not have: such
		 * a send's record carries its bytes when the filter reads its headers) */
		CHECK(h.hdrs_len[k] == s->hdr && h.wire[k] == g.len[k] &&
			  !memcmp(h.hdrs[k], f, s->l4 + 16) &&
			  !memcmp(h.hdrs[k] + s->l4 + 18, f + s->l4 + 18, s->hdr - s->l4 - 18) &&
			  ((gflags & XS_GSO_CSUM) ||
			   !memcmp(h.hdrs[k] + s->l4 + 16, f + s->l4 + 16, 2)),
		      "%s %u: the filter's header-only frame differs", what, k);
		CHECK(!(h.ev[k].flags & XS_F_DATA) && h.ev[k].ip_id == e->ip_id &&
			  h.ev[k].l4.tcp.seq == e->l4.tcp.seq,
		      "%s %u: bare event", what, k);
	}
	release(&g);
	release(&h);
}

/* -s: every segment's first bytes only, parsed again when fewer than the headers. */
static void check_snap(struct send *s)
{
	static struct got g;
	struct segments_cfg cfg = {.snap = 40};

	s->ev.gso.size = 1000;
	s->ev.gso.flags = 0;
	segments_each(&s->ev, s->frame, s->len, &cfg, collect, &g);
	CHECK(g.n == 3 && g.len[0] == 40 && g.len[2] == 40, "snap: %d segments", g.n);
	CHECK(g.n >= 3 && g.ev[2].stop == XS_S_L4 && g.ev[2].wire_len == s->hdr + 500,
	      "snap: cut short, stop %u", g.n >= 3 ? g.ev[2].stop : 0);
	release(&g);
	/* -c: the callback's non-zero return ends it. */
	cfg.snap = 0;
	g.n = MAXSEG - 1;
	CHECK(segments_each(&s->ev, s->frame, s->len, &cfg, collect, &g) == 1 && g.n == MAXSEG,
	      "stop");
	g.n = MAXSEG;
	release(&g);
}

static void test_segments(void)
{
	static struct send s;

	build(&s, false, 3000, 0x98); /* CWR, ACK, PSH */
	check_send(&s, 1448, 0, "ip4");
	check_send(&s, 1001, XS_GSO_CSUM, "ip4 odd, complete");
	check_send(&s, 1000, XS_GSO_FIXEDID | XS_GSO_KEEP_CWR, "ip4 fixed ID, AccECN");
	build(&s, false, 2896, 0x19); /* ACK, PSH, FIN; 2 whole segments */
	check_send(&s, 1448, XS_GSO_CSUM, "ip4 exact");
	build(&s, true, 4001, 0x18);
	check_send(&s, 1428, 0, "ip6 vlan");
	check_send(&s, 999, XS_GSO_CSUM, "ip6 vlan odd, complete");
	build(&s, false, 2500, 0x18);
	check_snap(&s);
}

/* A stamp of segment seg of the send held (struct xs_tap), at ts. */
static struct xs_tap stamp(const struct send *s, uint16_t seg, uint64_t ts)
{
	return (struct xs_tap){.ts_ns = ts,
			       .ifindex = s->ev.ifindex,
			       .seq = s->ev.l4.tcp.seq,
			       .version = XS_TAP_VERSION,
			       .seg = seg};
}

/* The segments of sends held for their stamps (user/seg_taps.c): each segment once, in order,
 * byte for byte as segments_each() makes it, at its own stamp; those whose stamps never come
 * at the send's, when the send is let go. */
static void test_seg_taps(void)
{
	static struct send s, o;
	static struct got want, g;
	struct segments_cfg cfg = {.snap = 65535};
	struct seg_taps t;
	struct xs_tap tap;

	build(&s, false, 5000, 0x18); /* 4 segments of 1448 */
	s.ev.gso.size = 1448;
	s.ev.ifindex = 7;
	s.ev.ts_ns = 1000;
	segments_each(&s.ev, s.frame, s.len, &cfg, collect, &want);
	s.ev.flags |= XS_F_GSO_TAP;
	seg_taps_init(&t, &cfg, collect, &g);
	CHECK(seg_taps_hold(&t, &s.ev, s.frame, s.len) == 0 && g.n == 0 && t.used == 1,
	      "taps: held, nothing out");
	tap = stamp(&s, 0, 2000);
	CHECK(seg_taps_is_stamp(&tap, sizeof(tap)) && !seg_taps_is_stamp(&s.ev, sizeof(s.ev)),
	      "taps: a stamp told from an event");
	tap.seq ^= 1; /* another send's */
	seg_taps_stamp(&t, &tap);
	CHECK(g.n == 0, "taps: a stamp of another send took a segment");
	tap = stamp(&s, 0, 2000);
	seg_taps_stamp(&t, &tap);
	CHECK(g.n == 1 && g.ev[0].ts_ns == 2000, "taps: segment 0 at its stamp");
	tap = stamp(&s, 2, 3000); /* segment 1's stamp lost */
	seg_taps_stamp(&t, &tap);
	CHECK(g.n == 3 && g.ev[1].ts_ns == 3000 && g.ev[2].ts_ns == 3000,
	      "taps: segments 1 and 2 at 2's stamp");
	seg_taps_stamp(&t, &tap);
	CHECK(g.n == 3, "taps: a stamp again printed again");
	CHECK(seg_taps_expire(&t, 1000) == 0 && g.n == 3, "taps: let go too soon");
	seg_taps_expire(&t, 1001);
	CHECK(g.n == 4 && g.ev[3].ts_ns == 1000 && t.used == 0,
	      "taps: the last segment at the send's stamp, when let go");
	for (int k = 0; k < 4 && k < g.n; k++)
		CHECK(g.len[k] == want.len[k] && !memcmp(g.bytes[k], want.bytes[k], g.len[k]) &&
			  g.ev[k].l4.tcp.seq == want.ev[k].l4.tcp.seq,
		      "taps: segment %d differs from segments_each()'s", k);
	release(&g);
	/* More sends than slots: the oldest goes out whole, the newest is held. */
	o = s;
	for (int i = 0; i <= SEG_TAPS_HELD; i++) {
		o.ev.ts_ns = 5000 + (uint64_t)i;
		o.ev.l4.tcp.seq = htonl((uint32_t)i);
		seg_taps_hold(&t, &o.ev, o.frame, o.len);
	}
	CHECK(g.n == 4 && g.ev[0].ts_ns == 5000 && t.used == SEG_TAPS_HELD,
	      "taps: a full table lets its oldest go (%d out)", g.n);
	/* The end: every send held goes out, oldest first; -c's stop ends it. */
	g.n = MAXSEG - 2;
	CHECK(seg_taps_expire(&t, UINT64_MAX) == 1 && g.n == MAXSEG, "taps: stop");
	g.n = MAXSEG;
	release(&g);
	seg_taps_expire(&t, UINT64_MAX);
	CHECK(g.n == (SEG_TAPS_HELD - 1) * 4 && t.used == 0, "taps: the others out at the end (%d)",
	      g.n);
	release(&g);
	/* No bytes: held and printed from the event alone. */
	s.ev.flags &= (uint16_t)~XS_F_DATA;
	seg_taps_hold(&t, &s.ev, NULL, 0);
	tap = stamp(&s, 3, 4000);
	seg_taps_stamp(&t, &tap);
	CHECK(g.n == 4 && g.ev[3].ts_ns == 4000 && !g.bytes[0] && t.used == 0,
	      "taps: a send without bytes");
	release(&g);
	release(&want);
	seg_taps_free(&t);
}

/* Programs as tcpdump -dd prints them. */
static const struct cbpf_insn port[] = {
    {0x28, 0, 0, 0x0c},	   {0x15, 0, 6, 0x86dd},  {0x30, 0, 0, 0x14},	{0x15, 0, 15, 0x06},
    {0x28, 0, 0, 0x36},	   {0x15, 12, 0, 0x2328}, {0x28, 0, 0, 0x38},	{0x15, 10, 11, 0x2328},
    {0x15, 0, 10, 0x0800}, {0x30, 0, 0, 0x17},	  {0x15, 0, 8, 0x06},	{0x28, 0, 0, 0x14},
    {0x45, 6, 0, 0x1fff},  {0xb1, 0, 0, 0x0e},	  {0x48, 0, 0, 0x0e},	{0x15, 2, 0, 0x2328},
    {0x48, 0, 0, 0x10},	   {0x15, 0, 1, 0x2328},  {0x6, 0, 0, 0x40000}, {0x6, 0, 0, 0},
};
static const struct cbpf_insn push[] = {
    {0x28, 0, 0, 0x0c}, {0x15, 0, 8, 0x0800}, {0x30, 0, 0, 0x17}, {0x15, 0, 6, 0x06},
    {0x28, 0, 0, 0x14}, {0x45, 4, 0, 0x1fff}, {0xb1, 0, 0, 0x0e}, {0x50, 0, 0, 0x1b},
    {0x45, 0, 1, 0x08}, {0x6, 0, 0, 0x40000}, {0x6, 0, 0, 0},
};
static const struct cbpf_insn len[] = {
    {0x80, 0, 0, 0}, {0x35, 0, 1, 0x3e8}, {0x6, 0, 0, 0}, {0x6, 0, 0, 0x40000}};
static const struct cbpf_insn payload[] = {
    {0x28, 0, 0, 0x0c}, {0x15, 0, 13, 0x0800}, {0x30, 0, 0, 0x17},   {0x15, 0, 11, 0x06},
    {0x28, 0, 0, 0x14}, {0x45, 9, 0, 0x1fff},  {0xb1, 0, 0, 0x0e},   {0x50, 0, 0, 0x1a},
    {0x54, 0, 0, 0xf0}, {0x74, 0, 0, 0x02},    {0x0c, 0, 0, 0},	     {0x07, 0, 0, 0},
    {0x50, 0, 0, 0x0e}, {0x15, 0, 1, 0x72},    {0x6, 0, 0, 0x40000}, {0x6, 0, 0, 0},
};
static const struct cbpf_insn vlan_host[] = {
    {0x28, 0, 0, 0x0c},	      {0x15, 2, 0, 0x8100}, {0x15, 1, 0, 0x88a8},     {0x15, 0, 16, 0x9100},
    {0x28, 0, 0, 0x0e},	      {0x54, 0, 0, 0x0fff}, {0x15, 0, 13, 0x64},      {0x28, 0, 0, 0x10},
    {0x15, 0, 4, 0x0800},     {0x20, 0, 0, 0x1e},   {0x15, 8, 0, 0x01020304}, {0x20, 0, 0, 0x22},
    {0x15, 6, 7, 0x01020304}, {0x15, 1, 0, 0x0806}, {0x15, 0, 5, 0x8035},     {0x20, 0, 0, 0x20},
    {0x15, 2, 0, 0x01020304}, {0x20, 0, 0, 0x2a},   {0x15, 0, 1, 0x01020304}, {0x6, 0, 0, 0x40000},
    {0x6, 0, 0, 0},
};
/* A loop (protochain's backward jump), cut short: not followed. */
static const struct cbpf_insn loop[] = {
    {0x28, 0, 0, 0x0c},	     {0x15, 0, 2, 0x86dd}, {0x30, 0, 0, 0x14},
    {0x5, 0, 0, 0xfffffffd}, {0x6, 0, 0, 0},
};

#define PROG(p) (&(struct cbpf_prog){(struct cbpf_insn *)(p), sizeof(p) / sizeof((p)[0])})

static void test_filter_class(void)
{
	CHECK(seg_filter_class(NULL) == SEG_FILTER_SAME, "no program");
	CHECK(seg_filter_class(PROG(port)) == SEG_FILTER_SAME, "tcp port 9000");
	CHECK(seg_filter_class(PROG(vlan_host)) == SEG_FILTER_SAME, "vlan 100 and host");
	CHECK(seg_filter_class(PROG(push)) == SEG_FILTER_HEADERS, "tcp-push");
	CHECK(seg_filter_class(PROG(len)) == SEG_FILTER_HEADERS, "len < 1000");
	CHECK(seg_filter_class(PROG(payload)) == SEG_FILTER_BYTES, "payload byte");
	CHECK(seg_filter_class(PROG(loop)) == SEG_FILTER_BYTES, "loop");
}

int main(void)
{
	test_segments();
	test_seg_taps();
	test_filter_class();
	return check_summary();
}
