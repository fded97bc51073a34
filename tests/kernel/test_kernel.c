// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel in the loop: the real BPF object, loaded through the loader, runs every frame of the
 * given pcaps with BPF_PROG_TEST_RUN. For each frame the event from the ring must equal, field
 * by field, what the host build of the same parser makes of the same bytes; the verdict must
 * be XDP_PASS; the counters must add up. Then a ring too small to hold the events: every event
 * must be delivered or counted as lost, none silently dropped.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compact.h"
#include "compact_rec.h"
#include "decode.h"
#include "loader.h"
#include "tcp_sum.h"
#include "../check.h"
#include "rec_run.h"
#include "parse_host.h"

#define XDP_PASS 2 /* linux/bpf.h, which cannot be included beside libpcap's bpf.h */

struct run {
	struct xs_event got;
	size_t got_size;
	unsigned records;
	unsigned compact; /* compact records received */
	uint8_t raw[sizeof(struct xs_compact)]; /* the last record's first bytes, as sent */
	/* A record with the frame's bytes (XS_F_HDRS): them, after the whole event. */
	uint8_t bytes[XS_MAX_SNAP];
	size_t nbytes;
};

static int on_event(void *ctx, void *data, size_t size)
{
	struct run *r = ctx;

	r->records++;
	memcpy(r->raw, data, size < sizeof(r->raw) ? size : sizeof(r->raw));
	memset(&r->got, 0, sizeof(r->got));
	memcpy(&r->got, data, size < sizeof(r->got) ? size : sizeof(r->got));
	r->got_size = size;
	r->nbytes = size > sizeof(r->got) ? size - sizeof(r->got) : 0;
	if (r->nbytes > sizeof(r->bytes))
		r->nbytes = sizeof(r->bytes);
	memcpy(r->bytes, (uint8_t *)data + sizeof(r->got), r->nbytes);
	return 0;
}

static const char *field_diff(const struct xs_event *a, const struct xs_event *b, size_t size)
{
#define SAME(f)                                                                                    \
	if (memcmp(&a->f, &b->f, sizeof(a->f)))                                                    \
		return #f;
	SAME(cap_len) SAME(version) SAME(kind) SAME(stop) SAME(nvlan) SAME(flags) SAME(l3_off);
	SAME(l4_off) SAME(l4_cap) SAME(l4x_len) SAME(mac_dst) SAME(mac_src) SAME(etype);
	SAME(vlan_tci) SAME(ip_vhl) SAME(ip_tos) SAME(ip_ttl) SAME(ip_proto) SAME(ip_len);
	SAME(ip_id) SAME(ip_frag) SAME(ip_csum) SAME(l3x_cap) SAME(l4_proto) SAME(ip6_flow);
	SAME(frag_id) SAME(l4) SAME(etype_l3);
#undef SAME
	if (memcmp(a->var, b->var, size - XS_EVENT_FIXED))
		return "var";
	return NULL;
}

/*
 * A compact record where the host's event qualifies, none elsewhere; read back, it is the
 * host's event less the fields it leaves out. Then r->got is the event, for the common checks.
 */
static void check_compact(struct run *r, const struct xs_event *want, const char *path,
			  unsigned long nth)
{
	struct xs_event got, cut = *want;
	bool compact = r->got_size > XS_COMPACT_VERSION_AT &&
		       r->raw[XS_COMPACT_VERSION_AT] == XS_COMPACT_VERSION;

	CHECK(compact == !!xs_compact_ok(want), "%s frame %lu: compact record %d, host says %d",
	      path, nth, compact, xs_compact_ok(want));
	if (!compact)
		return;
	r->compact++;
	if (compact_decode(r->raw, r->got_size, &got)) {
		CHECK(0, "%s frame %lu: compact record of %zu bytes refused", path, nth,
		      r->got_size);
		return;
	}
	CHECK(r->got_size == xs_compact_size(want->flags & XS_F_IP6, want->l4x_len),
	      "%s frame %lu: compact record size %zu", path, nth, r->got_size);
	memset(cut.mac_dst, 0, sizeof(cut.mac_dst));
	memset(cut.mac_src, 0, sizeof(cut.mac_src));
	cut.ip_ttl = 0;
	cut.ip_id = cut.ip_frag = cut.ip_csum = 0;
	cut.ip6_flow = 0;
	cut.wire_len = got.wire_len;
	cut.ts_ns = got.ts_ns;
	cut.ifindex = got.ifindex;
	cut.pkt_type = got.pkt_type;
	CHECK(!memcmp(&got, &cut, sizeof(got)), "%s frame %lu: compact record reads back wrong",
	      path, nth);
	/* The common checks on the event the kernel would have sent. */
	r->got = *want;
	r->got.wire_len = got.wire_len;
	r->got_size = xs_event_size(want);
}

static void replay_file(struct loader *l, struct run *r, const char *path, unsigned long *frames,
			bool compact)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(path, errbuf);

	if (!p) {
		CHECK(0, "%s: %s", path, errbuf);
		return;
	}
	while (pcap_next_ex(p, &h, &data) == 1) {
		struct xs_event want;
		uint32_t verdict = ~0u, linear;
		const char *diff;

		if (h->caplen < 14)
			continue; /* the kernel refuses these; replay uses the host parser */
		r->records = 0;
		if (loader_test_run(l, data, h->caplen, 0, &verdict))
			continue; /* too large for a test run */
		(*frames)++;
		loader_consume(l);
		CHECK(verdict == XDP_PASS, "%s: verdict %u", path, verdict);
		CHECK(r->records == 1, "%s: %u records for one frame", path, r->records);
		if (r->records != 1)
			continue;
		/* Past about 3.5 KB a test run puts the rest in fragments (xdp.frags): the parser
		 * sees the linear part, which still holds every header. */
		linear = r->got.cap_len < h->caplen ? r->got.cap_len : h->caplen;
		CHECK(linear == h->caplen || linear >= 3000, "%s: linear part %u of %u", path,
		      linear, h->caplen);
		memset(&want, 0, sizeof(want));
		xs_parse(&want, &(struct xs_frame){.data = data, .end = data + linear});
		if (compact)
			check_compact(r, &want, path, *frames);
		if (want.flags & XS_F_HDRS) {
			/* Headers past what the event holds: the record carries the frame. */
			CHECK((r->got.flags & XS_F_DATA) && r->nbytes == h->caplen &&
				  !memcmp(r->bytes, data, h->caplen),
			      "%s frame %lu: %zu frame bytes in the record, %u in the frame", path,
			      *frames, r->nbytes, h->caplen);
			r->got.flags &= (uint16_t)~XS_F_DATA;
			r->got_size = xs_event_size(&want);
		}
		CHECK(r->got_size == xs_event_size(&want), "%s: record size %zu, host says %u",
		      path, r->got_size, xs_event_size(&want));
		diff = field_diff(&r->got, &want, r->got_size);
		CHECK(!diff, "%s frame %lu: kernel and host differ in %s", path, *frames, diff);
		CHECK(r->got.wire_len == h->caplen, "%s: wire_len %u", path, r->got.wire_len);
	}
	pcap_close(p);
}

static void test_equivalence(int argc, char **argv, bool compact)
{
	struct loader_cfg cfg = {.ring_kib = 1024, .compact = compact};
	struct xs_counters c;
	struct loader *l;
	static struct run r;
	unsigned long frames = 0;
	int err = loader_open(&l, &cfg, on_event, &r);

	CHECK(!err, "load: %s", strerror(-err));
	if (err)
		return;
	for (int i = 1; i < argc; i++)
		replay_file(l, &r, argv[i], &frames, compact);
	CHECK(!loader_counters(l, &c), "counters");
	CHECK(c.rx_packets == frames && c.events == frames && c.lost == 0,
	      "counters: rx %llu events %llu lost %llu for %lu frames",
	      (unsigned long long)c.rx_packets, (unsigned long long)c.events,
	      (unsigned long long)c.lost, frames);
	CHECK(c.ipv4 + c.ipv6 + c.arp + c.other_l3 == frames, "l3 counters add up");
	CHECK(!compact || r.compact > frames / 4, "only %u compact records", r.compact);
	printf("kernel: %lu frames compared field by field%s (%u compact records)\n", frames,
	       compact ? ", compact records on" : "", r.compact);
	loader_close(l);
}

struct sum_run {
	struct rec_run r;
	unsigned long summed; /* records with the -v sum */
};

/* One frame's record: the frame's bytes, and the kernel's sum the host's. */
static void check_record(void *ctx, const char *path, unsigned long nth, const uint8_t *frame,
			 uint32_t len)
{
	struct sum_run *s = ctx;
	struct rec_run *r = &s->r;
	struct xs_event ev, want;
	const uint8_t *data;
	uint32_t n;

	if (!r->records || decode_event(r->buf, r->size, &ev, &data, &n)) {
		CHECK(0, "%s: no valid record", path);
		return;
	}
	CHECK(data && n == len && !memcmp(data, frame, n),
	      "%s frame %lu: %u bytes in the record, %u in the frame", path, nth, n, len);
	memset(&want, 0, sizeof(want));
	xs_parse(&want, &(struct xs_frame){.data = frame, .end = frame + len});
	tcp_sum_host(&want, frame, len);
	CHECK((ev.flags & XS_F_SUM) == (want.flags & XS_F_SUM) && ev.l4_sum == want.l4_sum,
	      "%s frame %lu: kernel sum %s%04x, host %s%04x", path, nth,
	      ev.flags & XS_F_SUM ? "" : "none ", ev.l4_sum, want.flags & XS_F_SUM ? "" : "none ",
	      want.l4_sum);
	s->summed += !!(ev.flags & XS_F_SUM);
}

/*
 * Every frame again, through a program that copies whole frames and sums TCP segments: the
 * record's bytes must be the frame's, and the kernel's sum the host's (user/tcp_sum.c), for
 * every segment, correct checksum or not.
 */
static void test_records(int argc, char **argv)
{
	struct loader_cfg cfg = {.ring_kib = 1024, .snap_len = XS_MAX_SNAP, .verify_sum = true};
	static struct sum_run s;
	unsigned long frames;
	struct loader *l;
	int err = loader_open(&l, &cfg, on_record, &s.r);

	CHECK(!err, "load with payload and sums: %s", strerror(-err));
	if (err)
		return;
	frames = rec_run_pcaps(l, &s.r, argc, argv, check_record, &s);
	printf("kernel: %lu records with frame bytes, %lu TCP segments summed like the host\n",
	       frames, s.summed);
	loader_close(l);
}

/* A 4 KiB ring nobody drains: what does not fit must be counted as lost, exactly. */
static void test_full_ring(void)
{
	static const unsigned char syn[74] = {
	    2,	 0,    0,    0,	   0,	 2,    2, 0,  0, 0, 0, 1,   0x08, 0x00, 0x45,
	    0,	 0,    60,   0,	   1,	 0x40, 0, 64, 6, 0, 0, 192, 0,	  2,	1,
	    198, 51,   100,  2,	   0x86, 0x2c, 0, 80, 0, 0, 0, 1,   0,	  0,	0,
	    0,	 0xa0, 0x02, 0xfa, 0xf0, 0,    0, 0,  0, 2, 4, 5,   0xb4, 4,	2,
	    8,	 10,   0,    0,	   0,	 1,    0, 0,  0, 0, 1, 3,   3,	  7};
	struct loader_cfg cfg = {.ring_kib = 4};
	struct xs_counters c;
	struct loader *l;
	static struct run r;
	const unsigned runs = 500;
	int err = loader_open(&l, &cfg, on_event, &r);

	CHECK(!err, "load with a 4 KiB ring: %s", strerror(-err));
	if (err)
		return;
	for (unsigned i = 0; i < runs; i++)
		loader_test_run(l, syn, sizeof(syn), 0, NULL);
	r.records = 0;
	loader_consume(l);
	CHECK(!loader_counters(l, &c), "counters");
	CHECK(c.lost > 0, "a full ring lost nothing?");
	CHECK(c.events + c.lost == runs, "events %llu + lost %llu != %u runs",
	      (unsigned long long)c.events, (unsigned long long)c.lost, runs);
	CHECK(r.records == c.events, "delivered %u, counted %llu", r.records,
	      (unsigned long long)c.events);
	CHECK(c.syn == runs && c.tcp == runs, "syn %llu", (unsigned long long)c.syn);
	printf("kernel: full ring: %u runs, %llu delivered, %llu lost\n", runs,
	       (unsigned long long)c.events, (unsigned long long)c.lost);
	loader_close(l);
}

int main(int argc, char **argv)
{
	test_equivalence(argc, argv, false);
	test_equivalence(argc, argv, true);
	test_records(argc, argv);
	test_full_ring();
	return check_summary();
}
