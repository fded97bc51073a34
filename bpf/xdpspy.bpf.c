// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side: one summarizer run at ingress (XDP, or TC where XDP would cost the traffic
 * or show other packets than tcpdump) and at TC egress. Each parses the frame with
 * include/parse.h, counts it, and sends the compact event through its CPU's ring
 * (bpf/cpu_ring.h). It never alters or drops traffic: XDP_PASS always, and at TC,
 * TC_ACT_UNSPEC: "not mine, go on", so the programs and filters after ours (another tool's TCX
 * programs, clsact filters) still run; TC_ACT_OK would end the hook's processing there and
 * skip them.
 *
 * With a filter expression the event is parsed into a per-CPU record and the filter, built at
 * run time from the expression, is tail-called; it tail-calls xdpspy_*_match (send the event)
 * or xdpspy_*_reject (count the frame as filtered). See include/chain.h. The same record
 * carries the frame's bytes when they are asked for (-s, -x, -w) and is the scratch space of
 * the -v checksum.
 *
 * At egress a send may still change before tcpdump's tap sees it: the kernel segments it in
 * software, or completes its checksum, where the device cannot (bpf/gso_skb.h). The event says
 * so; user space makes of it what the tap sees (user/segments.c, user/csum_sw.c), each
 * segment at the stamp a tracepoint takes right after the tap (bpf/seg_tap.h).
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <stdbool.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "app_bytes.h"
#include "chain.h"
#include "compact_rec.h"
#include "counters.h"
#include "cpu_ring.h"
#include "event.h"
#include "flows.h"
#include "parse_glue.h"
#include "proto.h"
#include "tcp_sum.h"
#include "seg_tap.h"
#include "sock_owner.h"
#include "flow_owner.h"

char LICENSE[] SEC("license") = "GPL";

#define XS_PACKET_OUTGOING 4 /* linux/if_packet.h's, as a packet tap sees a send */

/* Set by the loader before load (and bpf/cpu_ring.h's). */
const volatile __u8 counters_only = 0; /* `xdpspy attach`: count, send no events */
/* The default line's events as compact records (include/compact_rec.h), when nothing else is
 * printed of them */
const volatile __u8 compact_on = 0;
const volatile __u8 filter_on = 0; /* run the filter in the chains' FILTER slot */
const volatile __u32 snap_len = 0; /* frame bytes to send after the event (-s), 0 for none */
const volatile __u8 verify_sum = 0; /* -v: sum the TCP segment for its checksum verdict */
/* -i any (several interfaces): printed as tcpdump's cooked capture, which puts no VLAN tag
 * back (libpcap has no place for it in a LINUX_SLL2 header) */
const volatile __u8 cooked = 0;
/* The filter on a send segmented after the egress hook (user/seg_filter.h): 0, its verdict is
 * every segment's; 1, user space runs it on each segment, from the headers; 2, from the bytes */
const volatile __u8 seg_filter = 0;

/* The records that carry bytes for the printer's payload decoders without -s
 * (include/app_bytes.h): none until the loader says. */
const volatile struct xs_app_cfg app_cfg = {};

/* Replay: a frame's length on the wire, when the test run is given only its captured part;
 * the filter's `len` reads it. 0 for live frames. */
__u32 replay_wire_len = 0;

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
} xdp_chain SEC(".maps"), tc_chain SEC(".maps"), tc_in_chain SEC(".maps");

/*
 * A record being built, between the parse and the filter's verdict or while frame bytes are
 * added: one per hook and CPU (a per-CPU map cannot hold 64 KiB values), at
 * XS_HOOKS * cpu + hook; the loader sizes it for the machine when a capture needs it. A tail
 * call stays on its CPU, and each hook's chain runs to its end before another starts there.
 */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_record);
} staged SEC(".maps");

static __always_inline struct xs_record *staged_record(__u32 hook)
{
	__u32 key = XS_HOOKS * bpf_get_smp_processor_id() + hook;

	return bpf_map_lookup_elem(&staged, &key);
}

/* n: the packets the frame stands for (a send segmented in software: its segments, of which
 * only the last keeps FIN and PSH). */
static __always_inline void count(struct xs_counters *c, const struct xs_event *ev, __u32 n)
{
	if (ev->flags & XS_F_IP4)
		c->ipv4 += n;
	else if (ev->flags & XS_F_IP6)
		c->ipv6 += n;
	else if (ev->kind == XS_K_ARP)
		c->arp++;
	else
		c->other_l3++;

	if (ev->stop != XS_S_OK)
		c->malformed++;

	switch (ev->kind) {
	case XS_K_TCP: {
		__u8 f = ev->l4.tcp.flags;

		c->tcp += n;
		if (ev->stop != XS_S_OK && ev->stop != XS_S_OPT)
			break;
		if ((f & (XS_TCP_SYN | XS_TCP_ACK)) == XS_TCP_SYN)
			c->syn += n;
		else if ((f & (XS_TCP_SYN | XS_TCP_ACK)) == (XS_TCP_SYN | XS_TCP_ACK))
			c->synack += n;
		if (f & XS_TCP_FIN)
			c->fin++;
		if (f & XS_TCP_RST)
			c->rst += n;
		if (f & XS_TCP_PSH)
			c->psh++;
		if (f == XS_TCP_ACK) {
			__u32 hdrs = (ev->l4_off - ev->l3_off) + (ev->l4.tcp.doff >> 4) * 4;
			__u32 iplen = bpf_ntohs(ev->ip_len);

			if (ev->flags & XS_F_IP6)
				iplen += XS_IP6_HLEN;
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
	return bpf_xdp_get_buff_len((struct xdp_md *)f->src);
}

static __always_inline struct xs_counters *counters(void)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&stats, &key);
}

/*
 * At the TC hooks the stack keeps a frame's outer VLAN tag in the skb (a NIC's VLAN offload,
 * a VLAN device's send, or the receive path's untagging), not in its bytes; libpcap puts it
 * back for tcpdump. So does this, in the event, right after the parse: the tags move one place
 * in (when the event has no room for one more, the printer reads them from the frame's bytes:
 * XS_F_HDRS), the offsets and the length grow by the tag's 4 bytes, and XS_F_VLAN_META tells
 * what reads the skb's own bytes (the -v sum, the copy of the frame) that they lack the tag,
 * and user space to put it back into the bytes a record carries.
 */
static __always_inline void vlan_reinsert(struct xs_event *ev, struct __sk_buff *skb)
{
	__u32 i;

	if (!skb->vlan_present)
		return;
	for (i = XS_MAX_VLAN; i > 0; i--)
		ev->etype[i] = ev->etype[i - 1];
	for (i = XS_MAX_VLAN - 1; i > 0; i--)
		ev->vlan_tci[i] = ev->vlan_tci[i - 1];
	ev->etype[0] = (__be16)skb->vlan_proto;
	ev->vlan_tci[0] = bpf_htons((__u16)skb->vlan_tci);
	if (ev->nvlan < XS_MAX_VLAN && !(ev->flags & XS_F_HDRS))
		ev->nvlan++;
	else
		ev->flags |= XS_F_HDRS;
	if (ev->kind != XS_K_SHORT) {
		ev->l3_off += 4;
		ev->l4_off += 4;
	}
	ev->wire_len += 4;
	ev->cap_len += 4;
	ev->flags |= XS_F_VLAN_META;
}

/* The bytes a put-back tag adds to the event's offsets and length but the skb lacks. */
static __always_inline __u32 meta_tag(const struct xs_event *ev)
{
	return (ev->flags & XS_F_VLAN_META) ? 4 : 0;
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
	ev->wire_len = f->src_kind == XS_SRC_SKB ? skb_len : xdp_wire_len(f, ev);
	ev->flags |= dir_flag;
	if (f->src_kind == XS_SRC_SKB) {
		struct __sk_buff *skb = f->src;

		ev->ifindex = skb->ifindex;
		ev->pkt_type = dir_flag & XS_F_EGRESS ? XS_PACKET_OUTGOING : skb->pkt_type;
		if (!cooked)
			vlan_reinsert(ev, skb);
		/* A send the kernel segments after this hook counts as its segments, as it
		 * leaves; a checksum it completes after the hook matters where checksums show. */
		if (dir_flag & XS_F_EGRESS) {
			if (skb->gso_size) {
				xs_gso_skb(skb, ev);
				/* only sends segmented after the hook: no call for a TSO send */
				if (!counters_only && tap_on && (ev->flags & XS_F_GSO))
					xs_tap_arm(skb, ev);
			} else if (verify_sum || snap_len)
				xs_csum_skb(skb, ev);
		}
	} else {
		ev->ifindex = ((struct xdp_md *)f->src)->ingress_ifindex;
		ev->pkt_type = XS_PKTTYPE_UNKNOWN;
	}

	c = counters();
	if (!c)
		return NULL;
	if (dir_flag & XS_F_EGRESS) {
		c->tx_packets += xs_gso_segs(ev);
		c->tx_bytes += xs_gso_bytes(ev);
		if (ev->flags & XS_F_GSO)
			c->segmented_sends++;
	} else {
		c->rx_packets++;
		c->rx_bytes += ev->wire_len;
	}
	count(c, ev, xs_gso_segs(ev));
	flows_track(ev, c, f);
	return c;
}

/* --process: a record with its owner after it (bpf/sock_owner.h); global functions, so their
 * stack is not the hooks'. */
__noinline int xs_owner_send_event(struct xs_event *ev)
{
	if (!ev)
		return -1;
	return owner_output(ev, xs_event_size(ev), sizeof(*ev));
}

__noinline int xs_owner_send_record(struct xs_record *rec, __u32 size)
{
	if (!rec)
		return -1;
	return owner_output(rec, size, sizeof(*rec));
}

/* rc of a send: 0 sent, > 0 dropped by --pid/--comm/--cgroup, < 0 no room in the ring. */
static __always_inline void tally(int rc, __u32 n, struct xs_counters *c)
{
	if (rc == 0)
		c->events += n;
	else if (rc > 0)
		c->filtered += n;
	else
		c->lost += n;
}

/* events and lost count packets: a segmented send's record carries all its segments. */
static __always_inline void output(void *rec, __u32 size, struct xs_counters *c)
{
	__u32 n = xs_gso_segs(rec);

	if (process_on) {
		tally(xs_owner_send_record(rec, size), n, c);
		return;
	}
	if (ring_write(rec, size) == 0)
		c->events += n;
	else
		c->lost += n;
}

/*
 * Writes the first k bytes of ev to the ring as one record; 0 when it fit. k is a constant:
 * the copy is then inline stores (word by word: clang inlines no memcpy this long), which cost
 * less than a helper's memcpy of a variable length.
 */
static __always_inline int ring_copy(const struct xs_event *ev, __u32 k)
{
	struct xs_ring_ctl *r = ring_take();
	__u64 *rec;
	__u32 i;

	if (!r)
		return -1;
	rec = (__u64 *)ring_reserve(r, k);
	if (!rec)
		return -1;
#pragma unroll
	for (i = 0; i < k / 8; i++)
		rec[i] = ((const __u64 *)ev)[i];
	ring_submit(r, k);
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
	case XS_EVENT_FIXED + 8:
		return ring_copy(ev, XS_EVENT_FIXED + 8);
	case XS_EVENT_FIXED + 24:
		return ring_copy(ev, XS_EVENT_FIXED + 24);
	case XS_EVENT_FIXED + 32:
		return ring_copy(ev, XS_EVENT_FIXED + 32);
	case XS_EVENT_FIXED + 40:
		return ring_copy(ev, XS_EVENT_FIXED + 40);
	case XS_EVENT_FIXED + 48:
		return ring_copy(ev, XS_EVENT_FIXED + 48);
	case XS_EVENT_FIXED + 56:
		return ring_copy(ev, XS_EVENT_FIXED + 56);
	default:
		return xs_ring_event(ev);
	}
}

/*
 * The compact record of ev, k bytes (a constant: xs_compact_size()), written straight into the
 * ring, field by field: no copy of the whole event on the way.
 */
static __always_inline int compact_copy(const struct xs_event *ev, __u32 k)
{
	struct xs_ring_ctl *ring = ring_take();
	struct xs_compact *r;
	__u32 i;

	if (!ring)
		return -1;
	r = (struct xs_compact *)ring_reserve(ring, k);
	if (!r)
		return -1;
	r->ts_ns = ev->ts_ns;
	r->wire_len = ev->wire_len;
	r->cap_len = ev->cap_len;
	r->version = XS_COMPACT_VERSION;
	r->cflags =
	    ((ev->flags & XS_F_IP6) ? XS_C_IP6 : 0) | ((ev->flags & XS_F_EGRESS) ? XS_C_EGRESS : 0);
	r->l4x_len = ev->l4x_len;
	r->ip_vhl = ev->ip_vhl;
	r->ifindex = ev->ifindex;
	r->ip_len = ev->ip_len;
	r->ip_tos = ev->ip_tos;
	r->pkt_type = ev->pkt_type;
	__builtin_memcpy(r->tcp, ev->l4.raw, sizeof(r->tcp));
	/* The event's var part is zeroed past what the parse wrote: so is the padding. */
#pragma unroll
	for (i = 0; i < (k - XS_COMPACT_FIXED) / 8; i++)
		((__u64 *)r->var)[i] = ((const __u64 *)ev->var)[i];
	ring_submit(ring, k);
	return 0;
}

/* A compact record of any length, out of line (as xs_ring_event()). */
#define XS_COMPACT_CASE(k)                                                                         \
	case XS_COMPACT_FIXED + (k):                                                               \
		return compact_copy(ev, XS_COMPACT_FIXED + (k))

__noinline int xs_ring_compact(struct xs_event *ev)
{
	if (!ev)
		return -1;
	switch (xs_compact_size(ev->flags & XS_F_IP6, ev->l4x_len)) {
		XS_COMPACT_CASE(8);
		XS_COMPACT_CASE(16);
		XS_COMPACT_CASE(24);
		XS_COMPACT_CASE(32);
		XS_COMPACT_CASE(40);
		XS_COMPACT_CASE(48);
		XS_COMPACT_CASE(56);
		XS_COMPACT_CASE(64);
		XS_COMPACT_CASE(72);
	default:
		return -1;
	}
}

/* The common lengths inline: timestamps, a SYN's options, none; IPv4 and IPv6. */
static __always_inline int ring_compact(struct xs_event *ev)
{
	switch (xs_compact_size(ev->flags & XS_F_IP6, ev->l4x_len)) {
	case XS_COMPACT_FIXED + 8 + 16:
		return compact_copy(ev, XS_COMPACT_FIXED + 8 + 16);
	case XS_COMPACT_FIXED + 8 + 24:
		return compact_copy(ev, XS_COMPACT_FIXED + 8 + 24);
	case XS_COMPACT_FIXED + 32 + 16:
		return compact_copy(ev, XS_COMPACT_FIXED + 32 + 16);
	case XS_COMPACT_FIXED + 32 + 24:
		return compact_copy(ev, XS_COMPACT_FIXED + 32 + 24);
	default:
		return xs_ring_compact(ev);
	}
}

static __always_inline void send(struct xs_event *ev, struct xs_counters *c)
{
	__u32 n = xs_gso_segs(ev);
	int rc;

	ev->ts_ns = bpf_ktime_get_ns();
	if (process_on) {
		tally(xs_owner_send_event(ev), n, c);
		return;
	}
	if (compact_on && xs_compact_ok(ev))
		rc = ring_compact(ev);
	else
		rc = ring_event(ev);
	if (rc == 0)
		c->events += n;
	else
		c->lost += n;
}

/*
 * Frame bytes a staged record carries: -s's, else with headers past what the event holds
 * (XS_F_HDRS) the whole frame, up to XS_MAX_SNAP, for the printer to read them from, else what
 * the printer's payload decoder reads (app). A send segmented in software goes whole, whatever
 * -s says: user space cuts each segment (and its first -s or app bytes) out of it.
 */
static __always_inline __u32 record_bytes(const struct xs_event *ev, __u32 app)
{
	__u32 want = snap_len ? snap_len : app;

	if ((!snap_len && (ev->flags & XS_F_HDRS)) || (ev->flags & XS_F_GSO))
		want = XS_MAX_SNAP;
	return want < ev->wire_len ? want : ev->wire_len;
}

/* Bytes a segmented send needs although no -s asks for them: -v sums every segment, and a
 * filter that may read their payload, or their checksums completed over it, runs on each of
 * them in user space. */
static __always_inline bool gso_bytes(const struct xs_event *ev)
{
	if (!(ev->flags & XS_F_GSO))
		return false;
	return verify_sum || seg_filter == 2 || (seg_filter && (ev->gso.flags & XS_GSO_CSUM));
}

/* xs_app_bytes() out of line, for a staged record: the verifier checks it once, not on every
 * path that reaches a send. */
__noinline __u32 xs_app_bytes_call(struct xs_event *ev)
{
	return ev ? xs_app_bytes(&app_cfg, ev) : 0;
}

/* A staged record's decoder bytes; a TCP segment on a port without a decoder, the common
 * case, decided inline (a call costs ~8 ns). Read back through a half-word on the stack, so
 * the verifier goes on with one state for both ways (XS_MAX_SNAP fits). */
static __always_inline __u32 staged_app_bytes(struct xs_event *ev)
{
	__u16 app = 0;

	if (!snap_len && !xs_app_tcp_none(&app_cfg, ev))
		app = (__u16)xs_app_bytes_call(ev);
	return XS_FORGET(app);
}

/* A staged record: the -v sum, then the frame's first bytes, if any, then out. */
static __always_inline void send_record(void *ctx, bool skb, struct xs_record *rec,
					struct xs_counters *c)
{
	struct xs_event *ev = &rec->ev;
	__u32 app = staged_app_bytes(ev);
	/* As tcpdump captures them, a put-back tag included: the skb has that many fewer. */
	__u64 n = record_bytes(ev, app), tag = meta_tag(ev);

	/* The sum over a send whose checksum is completed later gives that checksum. */
	if ((verify_sum || (ev->flags & XS_F_CSUM_SW)) && !(ev->flags & XS_F_GSO))
		tcp_sum(ctx, skb, rec);
	/* With -s (a constant) the compact event is never sent. */
	if (!snap_len && !(ev->flags & XS_F_HDRS) && !gso_bytes(ev) && !app) {
		send(ev, c);
		return;
	}
	n = n > tag ? n - tag : 0;
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
 * An event whose headers it cannot hold, or whose payload the printer decodes, sent as a
 * staged record (the hook's) with the frame's bytes; as is when there is no staged record. A
 * global function: its copy of the event does not weigh on the stack of the parse's call
 * chain.
 */
static __always_inline void send_bytes(void *ctx, bool skb, __u32 hook, struct xs_event *ev)
{
	struct xs_counters *c = counters();
	struct xs_record *rec = staged_record(hook);

	if (!c)
		return;
	if (!rec) {
		send(ev, c);
		return;
	}
	__builtin_memcpy(&rec->ev, ev, sizeof(*ev));
	send_record(ctx, skb, rec, c);
}

__noinline int xs_send_bytes_xdp(struct xdp_md *ctx, struct xs_event *ev)
{
	if (ev)
		send_bytes(ctx, false, XS_HOOK_XDP, ev);
	return 0;
}

__noinline int xs_send_bytes_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 hook)
{
	if (ev)
		send_bytes(skb, true, hook, ev);
	return 0;
}

/* Parse, count and send; with a filter, -s or -v: into the staged record first. */
/* --process: the packet's owner, kept for its send (bpf/sock_owner.h). */
static __always_inline void find_owner(void *ctx, __u32 hook, const struct xs_event *ev)
{
	if (!process_on)
		return;
	if (hook == XS_HOOK_XDP)
		xs_owner_find_xdp(ctx, ev);
	else
		xs_owner_find_skb(ctx, ev);
	flow_owner(ev); /* --flows too: the flow's entry learns it */
}

static __always_inline void summarize(void *ctx, const struct xs_frame *f, __u32 skb_len,
				      __u16 dir_flag, void *chain, __u32 hook)
{
	struct xs_counters *c;
	struct xs_record *rec;
	struct xs_event ev;

	if (!filter_on && !snap_len && !verify_sum) {
		c = prepare(&ev, f, skb_len, dir_flag, !counters_only);
		if (!c)
			return;
		/* Counting with the flow table and the socket side (`watch`, `audit`, `attach
		 * --flows --process`): the flow learns its owner, and no event goes out. */
		find_owner(ctx, hook, &ev);
		if (counters_only)
			return;
		/* Headers the event cannot hold, and payload a decoder reads, travel as the
		 * frame's bytes. */
		if ((ev.flags & XS_F_HDRS) || xs_app_bytes(&app_cfg, &ev))
			hook == XS_HOOK_XDP ? xs_send_bytes_xdp(ctx, &ev)
					    : xs_send_bytes_skb(ctx, &ev, hook);
		else
			send(&ev, c);
		return;
	}
	rec = staged_record(hook);
	if (!rec)
		return;
	c = prepare(&rec->ev, f, skb_len, dir_flag, true);
	if (!c)
		return;
	find_owner(ctx, hook, &rec->ev);
	if (!filter_on) {
		send_record(ctx, hook != XS_HOOK_XDP, rec, c);
		return;
	}
	bpf_tail_call(ctx, chain, XS_CHAIN_FILTER);
	c->lost++; /* only if the filter slot were empty, which the loader never leaves it */
}

/* The filter's verdicts (reached by tail call): send the staged record, or count the frame. */
static __always_inline void matched(void *ctx, __u32 hook)
{
	struct xs_counters *c = counters();
	struct xs_record *rec = staged_record(hook);

	if (c && rec)
		send_record(ctx, hook != XS_HOOK_XDP, rec, c);
}

/* A send segmented after the egress hook counts as all its segments; where the filter may
 * take some of them (seg_filter), it goes to user space, which decides and counts for each. */
static __always_inline void rejected(void *ctx, __u32 hook)
{
	struct xs_counters *c = counters();
	struct xs_record *rec;
	__u32 n = 1;

	if (!c)
		return;
	if (hook == XS_HOOK_TC_EGRESS && (rec = staged_record(hook))) {
		if (seg_filter && (rec->ev.flags & XS_F_GSO)) {
			send_record(ctx, true, rec, c);
			return;
		}
		n = xs_gso_segs(&rec->ev);
		tap_disarm();
	}
	c->filtered += n;
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
	    .src = ctx,
	    .src_kind = XS_SRC_XDP,
	    .count_only = count_only(),
	};
}

static __always_inline struct xs_frame skb_frame(struct __sk_buff *skb)
{
	return (struct xs_frame){
	    .data = (const __u8 *)(long)skb->data,
	    .end = (const __u8 *)(long)skb->data_end,
	    .src = skb,
	    .src_kind = XS_SRC_SKB,
	    .count_only = count_only(),
	};
}

/* The out-of-line parts of the parser (bpf/parse_glue.h): global functions, verified once each. */
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

/* The walks, their arguments packed by XS_WALK_ARG. */
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

	summarize(ctx, &f, 0, 0, &xdp_chain, XS_HOOK_XDP);
	return XDP_PASS;
}

SEC("xdp.frags")
int xdpspy_xdp_match(struct xdp_md *ctx)
{
	matched(ctx, XS_HOOK_XDP);
	return XDP_PASS;
}

SEC("xdp.frags")
int xdpspy_xdp_reject(struct xdp_md *ctx)
{
	rejected(ctx, XS_HOOK_XDP);
	return XDP_PASS;
}

/* Headers that fit in this much, incl. 64 bytes of IPv6 extensions and 40 of TCP options. */
#define XS_PULL_BYTES 256
#define XS_UNSURE 0xffff

/*
 * The bytes from the frame's start the parser reads in the common frames: Ethernet, up to two
 * VLAN tags, IPv4 or plain IPv6, TCP with its options, or 32 bytes of any other header;
 * XS_UNSURE when it cannot tell cheaply (IPv6 extension headers, a header cut short).
 */
static __always_inline __u32 headers_len(const struct __sk_buff *skb)
{
	const __u8 *d = (const __u8 *)(long)skb->data, *end = (const __u8 *)(long)skb->data_end;
	const __u8 *tcp;
	__u32 off = XS_ETH_HLEN, l4, i;
	__u16 proto;
	__u8 p;

	if (d + XS_ETH_HLEN > end)
		return XS_UNSURE;
	proto = xs_ld16(d + 12);
	for (i = 0; i < 2; i++) {
		if (proto != XS_BE16(XS_ETH_P_8021Q) && proto != XS_BE16(XS_ETH_P_8021AD))
			break;
		if (d + off + XS_VLAN_HLEN > end)
			return XS_UNSURE;
		proto = xs_ld16(d + off + 2);
		off += XS_VLAN_HLEN;
	}
	if (proto == XS_BE16(XS_ETH_P_IP)) {
		if (d + off + XS_IP4_HLEN > end)
			return XS_UNSURE;
		l4 = off + (d[off] & 0xf) * 4;
		p = d[off + 9];
	} else if (proto == XS_BE16(XS_ETH_P_IPV6)) {
		if (d + off + XS_IP6_HLEN > end)
			return XS_UNSURE;
		l4 = off + XS_IP6_HLEN;
		p = d[off + 6];
		if (xs_is_ext6(p))
			return XS_UNSURE;
	} else {
		return off + 32;
	}
	if (p != XS_IPPROTO_TCP)
		return l4 + 32;
	tcp = d + l4;
	if (tcp + XS_TCP_HLEN > end)
		return XS_UNSURE;
	return l4 + (tcp[12] >> 4) * 4;
}

/*
 * A TC hook's packet. Its headers can sit in a fragment (a TCP send's payload always does); the
 * parser needs them linear, so they are pulled in then, and only then: pulling a cloned skb
 * (every TCP send is one) copies its head, which the monitored traffic would pay for. skb->len,
 * not the linear part, is the length: a TSO send or a GRO merge is one skb, one line, as
 * tcpdump shows it.
 */
static __always_inline void summarize_skb(struct __sk_buff *skb, __u16 dir_flag, void *chain,
					  __u32 hook)
{
	__u32 linear = skb->data_end - skb->data;

	if (skb->len > linear && headers_len(skb) > linear && linear < XS_PULL_BYTES)
		bpf_skb_pull_data(skb, skb->len < XS_PULL_BYTES ? skb->len : XS_PULL_BYTES);

	struct xs_frame f = skb_frame(skb);

	summarize(skb, &f, skb->len, dir_flag, chain, hook);
}

SEC("tc")
int xdpspy_egress(struct __sk_buff *skb)
{
	summarize_skb(skb, XS_F_EGRESS, &tc_chain, XS_HOOK_TC_EGRESS);
	return TC_ACT_UNSPEC;
}

SEC("tc")
int xdpspy_tc_match(struct __sk_buff *skb)
{
	matched(skb, XS_HOOK_TC_EGRESS);
	return TC_ACT_UNSPEC;
}

SEC("tc")
int xdpspy_tc_reject(struct __sk_buff *skb)
{
	rejected(skb, XS_HOOK_TC_EGRESS);
	return TC_ACT_UNSPEC;
}

/* Ingress at TC: after GRO, as tcpdump's packet socket sees received traffic. */
SEC("tc")
int xdpspy_ingress(struct __sk_buff *skb)
{
	summarize_skb(skb, 0, &tc_in_chain, XS_HOOK_TC_INGRESS);
	return TC_ACT_UNSPEC;
}

SEC("tc")
int xdpspy_tc_in_match(struct __sk_buff *skb)
{
	matched(skb, XS_HOOK_TC_INGRESS);
	return TC_ACT_UNSPEC;
}

SEC("tc")
int xdpspy_tc_in_reject(struct __sk_buff *skb)
{
	rejected(skb, XS_HOOK_TC_INGRESS);
	return TC_ACT_UNSPEC;
}

/* Right after tcpdump's tap on transmit (xmit_one(): dev_queue_xmit_nit(), then this
 * tracepoint): the stamp of each segment a CPU waits for (bpf/seg_tap.h). */
SEC("tp_btf/net_dev_start_xmit")
int xdpspy_seg_tap(__u64 *ctx)
{
	struct sk_buff___xs *skb = (void *)ctx[0];
	struct net_device___xs *dev = (void *)ctx[1];
	struct xs_tap t;

	if (tap_match(skb, dev, &t))
		ring_write(&t, sizeof(t));
	return 0;
}
