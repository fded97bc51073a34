// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel side: one summarizer run at XDP (ingress) and at TC egress. Each parses the frame
 * with include/parse.h, counts it, and sends the compact event through the ring buffer. It
 * never alters or drops traffic: XDP_PASS and TC_ACT_OK, always.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "event.h"
#include "counters.h"
#include "parse.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader before load. */
const volatile __u32 wakeup_bytes = 0; /* 0: the kernel's adaptive wakeup, else a fill level */
const volatile __u8 counters_only = 0; /* `xdpspy attach`: count, send no events */

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

/* skb_len: the egress skb's length; XDP works its frame's out (xdp_wire_len). */
static __always_inline void summarize(const struct xs_frame *f, __u32 skb_len, __u16 dir_flag)
{
	struct xs_counters *c;
	struct xs_event ev;
	__u32 key = 0, size;

	/* All of it when the event is sent: a record must not carry stale stack bytes in its
	 * padding. Counting reads the fixed part only. */
	if (counters_only)
		__builtin_memset(&ev, 0, XS_EVENT_FIXED);
	else
		__builtin_memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, f);
	ev.wire_len = f->skb ? skb_len : xdp_wire_len(f, &ev);
	ev.flags |= dir_flag;

	c = bpf_map_lookup_elem(&stats, &key);
	if (!c)
		return;
	if (dir_flag & XS_F_EGRESS) {
		c->tx_packets++;
		c->tx_bytes += ev.wire_len;
	} else {
		c->rx_packets++;
		c->rx_bytes += ev.wire_len;
	}
	count(c, &ev);
	if (counters_only)
		return;
	ev.ts_ns = bpf_ktime_get_ns();

	size = xs_event_size(&ev);
	if (size > sizeof(ev))
		size = sizeof(ev);
	if (bpf_ringbuf_output(&events, &ev, size, wakeup_flags()) == 0)
		c->events++;
	else
		c->lost++;
}

/* The transport parser as global functions: verified once each (see xs_parse_l4_at). */
__noinline int xs_l4_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = {
	    .data = (const __u8 *)(long)ctx->data,
	    .end = (const __u8 *)(long)ctx->data_end,
	    .ctx = ctx,
	};

	if (ev)
		xs_parse_l4_at(ev, &f, off, (__u8)proto);
	return 0;
}

__noinline int xs_l4_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto)
{
	struct xs_frame f = {
	    .data = (const __u8 *)(long)skb->data,
	    .end = (const __u8 *)(long)skb->data_end,
	    .ctx = skb,
	    .skb = 1,
	};

	if (ev)
		xs_parse_l4_at(ev, &f, off, (__u8)proto);
	return 0;
}

SEC("xdp.frags")
int xdpspy_xdp(struct xdp_md *ctx)
{
	struct xs_frame f = {
	    .data = (const __u8 *)(long)ctx->data,
	    .end = (const __u8 *)(long)ctx->data_end,
	    .ctx = ctx,
	};

	summarize(&f, 0, 0);
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

	struct xs_frame f = {
	    .data = (const __u8 *)(long)skb->data,
	    .end = (const __u8 *)(long)skb->data_end,
	    .ctx = skb,
	    .skb = 1,
	};

	/* skb->len, not the linear part: offloaded sends are one large skb, as tcpdump shows. */
	summarize(&f, skb->len, XS_F_EGRESS);
	return TC_ACT_OK;
}
