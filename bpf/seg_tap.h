/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time stamps of a send's segments, taken where tcpdump's copy is taken. A send the kernel
 * segments in software (bpf/gso_skb.h) passes the egress hook whole; its segments pass the tap
 * one by one after it, tens of microseconds apart, and a packet crossing in the other direction
 * on another CPU reaches tcpdump between two of them. So the egress hook arms this CPU's wait
 * with the send, and a program on the tracepoint net_dev_start_xmit, which xmit_one() fires
 * right after the tap (dev_queue_xmit_nit()), sends each segment's stamp as it passes (struct
 * xs_tap). User space prints each segment at its own stamp (user/seg_taps.c).
 *
 * Only a device without a queue (veth, tunnels, bridges: noqueue) transmits the segments at
 * once, on the sending CPU with bottom halves off, so that the next segments this CPU transmits
 * are the send's; a device with a queue may send them later, from another CPU, and its sends
 * are not armed: their segments print at the send's stamp, one after the other. A segment is
 * known by its device and sequence number: anything else transmitted meanwhile (on another
 * device, nested in a tunnel's transmit) leaves the wait as it is.
 */
#ifndef XDPSPY_SEG_TAP_H
#define XDPSPY_SEG_TAP_H

#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "gso_skb.h"

/* Set by the loader once the tracepoint's program is attached: only then are sends armed. */
__u8 tap_on = 0;

struct xs_tap_wait {
	__u32 ifindex;
	__be32 seq; /* the send's first sequence number */
	__u32 mss;
	__u16 segs; /* segments awaited; 0: none */
	__u16 next; /* the next one's number */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_tap_wait);
} tap_wait SEC(".maps");

static __always_inline struct xs_tap_wait *tap_wait_cpu(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&tap_wait, &zero);
}

/*
 * At the egress hook, a send flagged XS_F_GSO whose record goes to user space, with tap_on
 * (the caller checks both): this CPU waits for its segments, and the record says their stamps
 * follow. A global function: verified once, called once per send segmented in software.
 */
__noinline int xs_tap_arm(struct __sk_buff *skb, struct xs_event *ev)
{
	struct sk_buff___xs *k;
	struct xs_tap_wait *w;

	if (!skb || !ev)
		return 0;
	k = bpf_cast_to_kern_ctx(skb);
	if (k->dev->qdisc->enqueue)
		return 0; /* a queue: sent later, maybe from another CPU */
	w = tap_wait_cpu();
	if (!w)
		return 0;
	w->ifindex = ev->ifindex;
	w->seq = ev->l4.tcp.seq;
	w->mss = ev->gso.size;
	w->segs = (__u16)xs_gso_segs(ev);
	w->next = 0;
	ev->flags |= XS_F_GSO_TAP;
	return 0;
}

/* The armed send does not go to user space after all (the filter took none of it). */
static __always_inline void tap_disarm(void)
{
	struct xs_tap_wait *w = tap_wait_cpu();

	if (w)
		w->segs = 0;
}

/* At the tracepoint: is skb the segment this CPU waits for? If so, t gets its stamp. */
static __always_inline bool tap_match(struct sk_buff___xs *skb, struct net_device___xs *dev,
				      struct xs_tap *t)
{
	struct xs_tap_wait *w = tap_wait_cpu();
	__be32 seq = 0;

	if (!w || !w->segs || dev->ifindex != (int)w->ifindex)
		return false;
	if (bpf_probe_read_kernel(&seq, sizeof(seq), skb->head + skb->transport_header + 4) ||
	    seq != bpf_htonl(bpf_ntohl(w->seq) + (__u32)w->next * w->mss))
		return false;
	t->ts_ns = bpf_ktime_get_ns();
	t->ifindex = w->ifindex;
	t->seq = w->seq;
	t->version = XS_TAP_VERSION;
	t->pad = 0;
	t->seg = w->next;
	t->pad2 = 0;
	if (++w->next >= w->segs)
		w->segs = 0;
	return true;
}

#endif
