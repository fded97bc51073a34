// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side: one summarizer run at XDP (ingress) and at TC egress. Each parses the frame
 * with include/parse.h, counts it, and sends the compact event through the ring buffer. It
 * never alters or drops traffic: XDP_PASS and TC_ACT_OK, always.
 *
 * With a filter expression the event is parsed into a per-CPU record and the filter, built at
 * run time from the expression, is tail-called; it tail-calls xdpspy_*_match (send the event)
 * or xdpspy_*_reject (count the frame as filtered). See include/chain.h. The same record
 * carries the frame's bytes when they are asked for (-s, -x, -w) and is the scratch space of
 * the -v checksum.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <stdbool.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "chain.h"
#include "counters.h"
#include "event.h"
#include "parse.h"
#include "tcp_sum.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader before load. */
const volatile __u32 wakeup_bytes = 0; /* 0: the kernel's adaptive wakeup, else a fill level */
const volatile __u8 counters_only = 0; /* `xdpspy attach`: count, send no events */
const volatile __u8 filter_on = 0; /* run the filter in the chains' FILTER slot */
const volatile __u32 snap_len = 0; /* frame bytes to send after the event (-s), 0 for none */
const volatile __u8 verify_sum = 0; /* -v: sum the TCP segment for its checksum verdict */

/* Replay: a frame's length on the wire, when the test run is given only its captured part;
 * the filter's `len` reads it. 0 for live frames. */
__u32 replay_wire_len = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20); /* resized by the loader (-B) */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_counters);
} stats SEC(".maps");

/* The filter chains; the loader fills them (include/chain.h). */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, XS_CHAIN_SLOTS);
	__type(key, __u32);
	__type(value, __u32);
} xdp_chain SEC(".maps"), tc_chain SEC(".maps");

/*
 * A record being built, between the parse and the filter's verdict or while frame bytes are
 * added: one per hook and CPU (a per-CPU map cannot hold 64 KiB values), at 2 * cpu + hook;
 * the loader sizes it for the machine when a capture needs it. A tail call stays on its CPU,
 * and egress runs with bottom halves off, so nothing interleaves.
 */
enum { STAGE_XDP, STAGE_TC };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_record);
} staged SEC(".maps");

static __always_inline struct xs_record *staged_record(__u32 stage)
{
	__u32 key = 2 * bpf_get_smp_processor_id() + stage;

	return bpf_map_lookup_elem(&staged, &key);
}

static __always_inline void count(struct xs_counters *c, const struct xs_event *ev)
{
	if (ev->flags & XS_F_IP4)
		c->ipv4++;
	else if (ev->flags & XS_F_IP6)
		c->ipv6++;
	else if (ev->kind == XS_K_ARP)
		c->arp++;
	else
		c->other_l3++;

	if (ev->stop != XS_S_OK)
		c->malformed++;

	switch (ev->kind) {
	case XS_K_TCP: {
		__u8 f = ev->l4.tcp.flags;

		c->tcp++;
		if (ev->stop != XS_S_OK && ev->stop != XS_S_OPT)
			break;
		if ((f & 0x12) == 0x02)
			c->syn++;
		else if ((f & 0x12) == 0x12)
			c->synack++;
		if (f & 0x01)
			c->fin++;
		if (f & 0x04)
			c->rst++;
		if (f & 0x08)
			c->psh++;
		if (f == 0x10) {
			__u32 hdrs = (ev->l4_off - ev->l3_off) + (ev->l4.tcp.doff >> 4) * 4;
			__u32 iplen = bpf_ntohs(ev->ip_len);

			if (ev->flags & XS_F_IP6)
				iplen += 40;
			if (iplen <= hdrs)
				c->pure_ack++;
		}
		break;
	}
	case XS_K_UDP:
		c->udp++;
		break;
	case XS_K_ICMP:
	case XS_K_ICMP6:
		c->icmp++;
		break;
	case XS_K_IP:
		c->other_l4++;
		break;
	default:
		break;
	}
}

/* Wake the reader only once the ring holds wakeup_bytes, never per event: wakeups are dear. */
static __always_inline __u64 wakeup_flags(void)
{
	if (!wakeup_bytes)
		return 0;
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP
									     : BPF_RB_NO_WAKEUP;
}

/*
 * An XDP frame's length. bpf_xdp_get_buff_len() costs a helper call; the linear part is the
 * whole frame whenever the IP length fits in it, which is every frame that is not multi-buffer.
 */
static __always_inline __u32 xdp_wire_len(const struct xs_frame *f, const struct xs_event *ev)
{
	__u32 linear = (__u32)(f->end - f->data);
	__u32 ip = bpf_ntohs(ev->ip_len);

	if (ev->flags & XS_F_IP6)
		ip = ip ? ip + 40 : 0xffffffff; /* 0: a jumbo payload */
	if ((ev->flags & (XS_F_IP4 | XS_F_IP6)) && ev->l3_off + ip <= linear)
		return linear;
	return bpf_xdp_get_buff_len((struct xdp_md *)f->ctx);
}

static __always_inline struct xs_counters *counters(void)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&stats, &key);
}

/*
 * Parses the frame into ev and counts it. skb_len: the egress skb's length; XDP works its
 * frame's out (xdp_wire_len). full: zero all of ev, as it will be sent (a record must not
 * carry stale bytes in its padding); counting reads only the fixed part.
 */
static __always_inline struct xs_counters *prepare(struct xs_event *ev, const struct xs_frame *f,
						   __u32 skb_len, __u16 dir_flag, bool full)
{
	struct xs_counters *c;

	if (full)
		__builtin_memset(ev, 0, sizeof(*ev));
	else
		__builtin_memset(ev, 0, XS_EVENT_FIXED);
	xs_parse(ev, f);
	ev->wire_len = f->skb ? skb_len : xdp_wire_len(f, ev);
	ev->flags |= dir_flag;

	c = counters();
	if (!c)
		return NULL;
	if (dir_flag & XS_F_EGRESS) {
		c->tx_packets++;
		c->tx_bytes += ev->wire_len;
	} else {
		c->rx_packets++;
		c->rx_bytes += ev->wire_len;
	}
	count(c, ev);
	return c;
}

static __always_inline void output(void *rec, __u32 size, struct xs_counters *c)
{
	if (bpf_ringbuf_output(&events, rec, size, wakeup_flags()) == 0)
		c->events++;
	else
		c->lost++;
}

/*
 * Writes the first k bytes of ev to the ring as one record; 0 when it fit. k is a constant:
 * the reservation needs one, and the copy is then inline stores (word by word: clang inlines
 * no memcpy this long), which cost less than bpf_ringbuf_output()'s memcpy of a variable
 * length.
 */
static __always_inline int ring_copy(const struct xs_event *ev, __u32 k)
{
	__u64 *rec = bpf_ringbuf_reserve(&events, k, 0);
	__u32 i;

	if (!rec)
		return -1;
#pragma unroll
	for (i = 0; i < k / 8; i++)
		rec[i] = ((const __u64 *)ev)[i];
	bpf_ringbuf_submit(rec, wakeup_flags());
	return 0;
}

/*
 * A compact event of any length (fixed part, addresses, tail; 8-byte steps), as a record of
 * exactly that length. A global function: the verifier checks its 18 reservations once, not
 * once for every way the parse can end.
 */
__noinline int xs_ring_event(struct xs_event *ev)
{
	__u32 size, k;

	if (!ev)
		return -1;
	size = xs_event_size(ev);
#pragma unroll
	for (k = XS_EVENT_FIXED; k <= sizeof(*ev); k += 8)
		if (size == k)
			return ring_copy(ev, k);
	return -1;
}

/*
 * The lengths most events have, reserved inline (a call costs ~8 ns): IPv4 with no options
 * (UDP, ICMP, a bare ACK), TCP timestamps or a SYN's options, ARP; IPv6 likewise. The rest
 * through xs_ring_event().
 */
static __always_inline int ring_event(struct xs_event *ev)
{
	switch (xs_event_size(ev)) {
	case 104:
		return ring_copy(ev, 104);
	case 120:
		return ring_copy(ev, 120);
	case 128:
		return ring_copy(ev, 128);
	case 136:
		return ring_copy(ev, 136);
	case 144:
		return ring_copy(ev, 144);
	case 152:
		return ring_copy(ev, 152);
	default:
		return xs_ring_event(ev);
	}
}

static __always_inline void send(struct xs_event *ev, struct xs_counters *c)
{
	ev->ts_ns = bpf_ktime_get_ns();
	if (ring_event(ev) == 0)
		c->events++;
	else
		c->lost++;
}

/*
 * Frame bytes a staged record carries: -s's, else with headers past what the event holds
 * (XS_F_HDRS) the whole frame, up to XS_MAX_SNAP, for the printer to read them from.
 */
static __always_inline __u32 record_bytes(const struct xs_event *ev)
{
	__u32 want = snap_len;

	if (!want && (ev->flags & XS_F_HDRS))
		want = XS_MAX_SNAP;
	return want < ev->wire_len ? want : ev->wire_len;
}

/* A staged record: the -v sum, then the frame's first bytes, if any, then out. */
static __always_inline void send_record(void *ctx, bool skb, struct xs_record *rec,
					struct xs_counters *c)
{
	struct xs_event *ev = &rec->ev;
	__u64 n = record_bytes(ev);

	if (verify_sum)
		tcp_sum(ctx, skb, rec);
	/* With -s (a constant) the compact event is never sent. */
	if (!snap_len && !(ev->flags & XS_F_HDRS)) {
		send(ev, c);
		return;
	}
	XS_PIN(n);
	if (n == 0 || n > XS_MAX_SNAP ||
	    (skb ? bpf_skb_load_bytes(ctx, 0, rec->data, n)
		 : bpf_xdp_load_bytes(ctx, 0, rec->data, n)))
		n = 0;
	ev->flags |= XS_F_DATA;
	ev->ts_ns = bpf_ktime_get_ns();
	output(rec, sizeof(*ev) + n, c);
}

/*
 * An event whose headers it cannot hold, sent as a staged record with the frame's bytes; as
 * is when there is no staged record. A global function: its copy of the event does not
 * weigh on the stack of the parse's call chain.
 */
static __always_inline void send_hdrs(void *ctx, bool skb, struct xs_event *ev)
{
	struct xs_counters *c = counters();
	struct xs_record *rec = staged_record(skb ? STAGE_TC : STAGE_XDP);

	if (!c)
		return;
	if (!rec) {
		send(ev, c);
		return;
	}
	__builtin_memcpy(&rec->ev, ev, sizeof(*ev));
	send_record(ctx, skb, rec, c);
}

__noinline int xs_send_hdrs_xdp(struct xdp_md *ctx, struct xs_event *ev)
{
	if (ev)
		send_hdrs(ctx, false, ev);
	return 0;
}

__noinline int xs_send_hdrs_skb(struct __sk_buff *skb, struct xs_event *ev)
{
	if (ev)
		send_hdrs(skb, true, ev);
	return 0;
}

/* Parse, count and send; with a filter, -s or -v: into the staged record first. */
static __always_inline void summarize(void *ctx, const struct xs_frame *f, __u32 skb_len,
				      __u16 dir_flag, void *chain, __u32 stage)
{
	struct xs_counters *c;
	struct xs_record *rec;
	struct xs_event ev;

	if (!filter_on && !snap_len && !verify_sum) {
		c = prepare(&ev, f, skb_len, dir_flag, !counters_only);
		if (!c || counters_only)
			return;
		/* Headers the event cannot hold travel as the frame's bytes. */
		if (ev.flags & XS_F_HDRS)
			stage == STAGE_TC ? xs_send_hdrs_skb(ctx, &ev) : xs_send_hdrs_xdp(ctx, &ev);
		else
			send(&ev, c);
		return;
	}
	rec = staged_record(stage);
	if (!rec)
		return;
	c = prepare(&rec->ev, f, skb_len, dir_flag, true);
	if (!c)
		return;
	if (!filter_on) {
		send_record(ctx, stage == STAGE_TC, rec, c);
		return;
	}
	bpf_tail_call(ctx, chain, XS_CHAIN_FILTER);
	c->lost++; /* only if the filter slot were empty, which the loader never leaves it */
}

/* The filter's verdicts (reached by tail call): send the staged record, or count the frame. */
static __always_inline void matched(void *ctx, __u32 stage)
{
	struct xs_counters *c = counters();
	struct xs_record *rec = staged_record(stage);

	if (c && rec)
		send_record(ctx, stage == STAGE_TC, rec, c);
}

static __always_inline void rejected(void)
{
	struct xs_counters *c = counters();

	if (c)
		c->filtered++;
}

/* Counting only, no event ever sent (summarize()): the parser skips the tails' bytes. */
static __always_inline int count_only(void)
{
	return counters_only && !filter_on && !snap_len && !verify_sum;
}

/* The parser's view of each hook's packet. */
static __always_inline struct xs_frame xdp_frame(struct xdp_md *ctx)
{
	return (struct xs_frame){
	    .data = (const __u8 *)(long)ctx->data,
	    .end = (const __u8 *)(long)ctx->data_end,
	    .ctx = ctx,
	    .count_only = count_only(),
	};
}

static __always_inline struct xs_frame skb_frame(struct __sk_buff *skb)
{
	return (struct xs_frame){
	    .data = (const __u8 *)(long)skb->data,
	    .end = (const __u8 *)(long)skb->data_end,
	    .ctx = skb,
	    .skb = 1,
	    .count_only = count_only(),
	};
}

/* The network and transport parsers as global functions: verified once each (parse.h). */
__noinline int xs_l3_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = xdp_frame(ctx);

	if (ev)
		xs_parse_l3_at(ev, &f, off, (__u16)proto);
	return 0;
}

__noinline int xs_l3_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = skb_frame(skb);

	if (ev)
		xs_parse_l3_at(ev, &f, off, (__u16)proto);
	return 0;
}

/* The walks of parse.h, their arguments packed by XS_WALK_ARG. */
__noinline int xs_walk_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 l3end, __u32 off_nh)
{
	struct xs_frame f = xdp_frame(ctx);

	if (!ev)
		return -1;
	return xs_walk(ev, &f, l3end, off_nh & 0xffff, (__u8)(off_nh >> 16), (__u8)(off_nh >> 24));
}

__noinline int xs_walk_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 l3end, __u32 off_nh)
{
	struct xs_frame f = skb_frame(skb);

	if (!ev)
		return -1;
	return xs_walk(ev, &f, l3end, off_nh & 0xffff, (__u8)(off_nh >> 16), (__u8)(off_nh >> 24));
}

__noinline int xs_l4_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = xdp_frame(ctx);

	if (ev)
		xs_parse_l4_at(ev, &f, off, (__u8)proto);
	return 0;
}

__noinline int xs_l4_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = skb_frame(skb);

	if (ev)
		xs_parse_l4_at(ev, &f, off, (__u8)proto);
	return 0;
}

SEC("xdp.frags")
int xdpspy_xdp(struct xdp_md *ctx)
{
	struct xs_frame f = xdp_frame(ctx);

	summarize(ctx, &f, 0, 0, &xdp_chain, STAGE_XDP);
	return XDP_PASS;
}

SEC("xdp.frags")
int xdpspy_xdp_match(struct xdp_md *ctx)
{
	matched(ctx, STAGE_XDP);
	return XDP_PASS;
}

SEC("xdp.frags")
int xdpspy_xdp_reject(struct xdp_md *ctx)
{
	rejected();
	return XDP_PASS;
}

/* Headers that fit in this much, incl. 64 bytes of IPv6 extensions and 40 of TCP options. */
#define XS_PULL_BYTES 256

SEC("tc")
int xdpspy_egress(struct __sk_buff *skb)
{
	__u32 linear = skb->data_end - skb->data;

	/* A send's headers can sit in a fragment; make them linear (the bytes stay the same). */
	if (linear < XS_PULL_BYTES && skb->len > linear)
		bpf_skb_pull_data(skb, skb->len < XS_PULL_BYTES ? skb->len : XS_PULL_BYTES);

	struct xs_frame f = skb_frame(skb);

	/* skb->len, not the linear part: offloaded sends are one large skb, as tcpdump shows. */
	summarize(skb, &f, skb->len, XS_F_EGRESS, &tc_chain, STAGE_TC);
	return TC_ACT_OK;
}

SEC("tc")
int xdpspy_tc_match(struct __sk_buff *skb)
{
	matched(skb, STAGE_TC);
	return TC_ACT_OK;
}

SEC("tc")
int xdpspy_tc_reject(struct __sk_buff *skb)
{
	rejected();
	return TC_ACT_OK;
}
