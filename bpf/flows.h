/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The flow table (--flows): every IP packet the hooks parse, entered in an LRU hash under its
 * folded 5-tuple (include/flow_table.h), with per-direction packets and bytes, first and last
 * seen, and for TCP what a person reading tcpdump's lines would look for: the handshake and
 * its timing, retransmissions, gaps, duplicate ACKs, zero windows. The detectors
 * (bpf/detect.h) run from here for the packets that concern them.
 *
 * Off (flows_on, rodata, 0) the verifier prunes the call: counting costs what it did. On, a
 * packet of a known flow costs one lookup and a few stores; the first packet of a flow an
 * insert; a SYN, an RST, a probe or a suspicious packet one more lookup in the detectors' maps.
 * Updates are plain stores, not atomics: a direction's packets are handled by one CPU at a
 * time when RSS/RPS steer a flow to one queue, as they do; two CPUs updating one entry at the
 * same instant may lose a count. An LRU entry evicted while a program on another CPU holds it
 * may receive that packet's update (the kernel reuses LRU entries at once).
 */
#ifndef XDPSPY_BPF_FLOWS_H
#define XDPSPY_BPF_FLOWS_H

#include "detect.h"
#include "parse_glue.h"
#include "verdicts.h"

const volatile __u8 flows_on = 0; /* --flows; set by the loader before load */

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XS_FLOW_ENTRIES); /* --flow-entries */
	__type(key, struct xs_flow_key);
	__type(value, struct xs_flow);
} flows SEC(".maps");

/* The thresholds the programs were loaded with, for the readers (the loader fills it). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_detect_cfg);
} detect SEC(".maps");

static const struct xs_flow zero_flow;

/* The source and destination ports, or an ICMP echo's identifier as both. */
static __always_inline void flow_ports(const struct xs_event *ev, __be16 *sp, __be16 *dp)
{
	__u8 t = ev->l4.icmp.type;

	if ((ev->kind == XS_K_TCP || ev->kind == XS_K_UDP) && ev->l4_cap >= 4) {
		*sp = ev->l4.tcp.sport;
		*dp = ev->l4.tcp.dport;
	} else if (ev->l4_cap >= 8 && ((ev->kind == XS_K_ICMP && (t == 0 || t == 8)) ||
				       (ev->kind == XS_K_ICMP6 && (t == 128 || t == 129)))) {
		*sp = *dp = ev->l4.icmp.id;
	}
}

/*
 * The packet's folded key into k (8-aligned). Returns its direction: 0 when its source is
 * endpoint a. Raw bytes compare: any total order folds, and this one costs two compares.
 */
static __always_inline int flow_key(const struct xs_event *ev, struct xs_flow_key *k)
{
	__be16 sp = 0, dp = 0;
	int d;

	flow_ports(ev, &sp, &dp);
	if (ev->flags & XS_F_IP4) {
		__u32 *w = (__u32 *)k, s, t;

		__builtin_memcpy(&s, ev->var, 4);
		__builtin_memcpy(&t, ev->var + 4, 4);
		d = s > t || (s == t && sp > dp);
		w[0] = w[1] = w[4] = w[5] = 0;
		w[2] = w[6] = bpf_htonl(0xffff);
		w[3] = d ? t : s;
		w[7] = d ? s : t;
	} else {
		__u64 *q = (__u64 *)k, sh, sl, th, tl;

		__builtin_memcpy(&sh, ev->var, 8);
		__builtin_memcpy(&sl, ev->var + 8, 8);
		__builtin_memcpy(&th, ev->var + 16, 8);
		__builtin_memcpy(&tl, ev->var + 24, 8);
		d = sh > th || (sh == th && (sl > tl || (sl == tl && sp > dp)));
		q[0] = d ? th : sh;
		q[1] = d ? tl : sl;
		q[2] = d ? sh : th;
		q[3] = d ? sl : tl;
	}
	k->port[0] = d ? dp : sp;
	k->port[1] = d ? sp : dp;
	k->vlan = ev->nvlan ? bpf_ntohs(ev->vlan_tci[0]) & 0xfff : 0;
	k->proto = ev->l4_proto ? ev->l4_proto : ev->ip_proto;
	k->pad = 0;
	return d;
}

/* The TCP payload's length, from the IP header's (a TSO send's is the whole send's). */
static __always_inline __u32 tcp_payload(const struct xs_event *ev)
{
	__u32 hdrs = (__u32)(ev->l4_off - ev->l3_off) + (ev->l4.tcp.doff >> 4) * 4;
	__u32 ip = bpf_ntohs(ev->ip_len);

	if (ev->flags & XS_F_IP6)
		ip = ip ? ip + 40 : ev->wire_len - ev->l3_off; /* 0: a jumbogram (BIG TCP) */
	return ip > hdrs ? ip - hdrs : 0;
}

/* A new connection on the flow's 5-tuple (a SYN after the last one ended): start over. */
static __always_inline void flow_restart(struct xs_flow *fl)
{
	fl->state = 0;
	fl->syn_ns = fl->synack_ns = fl->ack_ns = 0;
	fl->dir[0].seq_known = fl->dir[1].seq_known = 0;
	if (detect_cfg.verdicts) /* the new connection's payload is read afresh */
		__builtin_memset(&fl->verdict, 0, sizeof(fl->verdict));
}

/* Sequence analysis of one segment in its direction D. */
static __always_inline void flow_seq(struct xs_flow_dir *D, const struct xs_event *ev, __u8 f,
				     struct xs_counters *c)
{
	__u32 seq = bpf_ntohl(ev->l4.tcp.seq), ack = bpf_ntohl(ev->l4.tcp.ack);
	__u16 win = bpf_ntohs(ev->l4.tcp.win);
	__u32 len = tcp_payload(ev);
	__u32 span = len + !!(f & XS_TCP_SYN) + !!(f & XS_TCP_FIN);

	if (!D->seq_known) {
		D->next_seq = seq + span;
		D->seq_known = 1;
	} else if (span && !(f & XS_TCP_RST)) {
		if ((__s32)(seq + span - D->next_seq) <= 0) {
			D->retransmits++;
			c->retransmits++;
		} else {
			if ((__s32)(seq - D->next_seq) > 0) {
				D->out_of_order++;
				c->out_of_order++;
			}
			D->next_seq = seq + span;
		}
	} else if ((f & (XS_TCP_ACK | XS_TCP_SYN | XS_TCP_FIN | XS_TCP_RST)) == XS_TCP_ACK &&
		   ack == D->ack && win == D->window) {
		D->dup_acks++;
		c->dup_acks++;
	}
	if (!win && !(f & XS_TCP_RST)) {
		D->zero_windows++;
		c->zero_windows++;
	}
	D->ack = ack;
	D->window = win;
}

/*
 * The handshake: which endpoint is the client, and the hooks' time stamps of its steps. A
 * SYN or SYN-ACK sent again makes its step's timing ambiguous (which one was answered?): as
 * TCP's own RTT estimate (Karn), none is taken from it, and no clock is read for it either.
 * Returns what the detectors are to hear of: a SYN that opens a connection (not one sent
 * again), a handshake completed.
 */
static __always_inline __u32 flow_handshake(struct xs_flow *fl, int d, __u8 f,
					    struct xs_counters *c, const struct xs_event *ev)
{
	__u8 hs = f & (XS_TCP_SYN | XS_TCP_ACK), st = fl->state;
	__u32 tell = 0;

	if (hs == XS_TCP_SYN) {
		if (st & XS_FLOW_SYN) {
			st |= XS_FLOW_SYN_AGAIN;
		} else {
			st |= XS_FLOW_SYN;
			fl->client = (__u8)d;
			fl->syn_ns = bpf_ktime_get_ns();
			tell = XS_DO_SYN;
		}
	} else if (hs == (XS_TCP_SYN | XS_TCP_ACK)) {
		if (st & XS_FLOW_SYNACK) {
			st |= XS_FLOW_SYNACK_AGAIN;
		} else {
			st |= XS_FLOW_SYNACK;
			fl->synack_ns = bpf_ktime_get_ns();
		}
	} else if ((f & (XS_TCP_ACK | XS_TCP_RST)) == XS_TCP_ACK &&
		   (st & (XS_FLOW_SYN | XS_FLOW_SYNACK | XS_FLOW_EST)) ==
		       (XS_FLOW_SYN | XS_FLOW_SYNACK) &&
		   d == fl->client && bpf_ntohl(ev->l4.tcp.ack) == fl->dir[!d].next_seq) {
		st |= XS_FLOW_EST;
		fl->ack_ns = bpf_ktime_get_ns();
		c->handshakes++;
		tell = XS_DO_HANDSHAKE;
	}
	if (f & XS_TCP_FIN)
		st |= XS_FLOW_FIN;
	if (f & XS_TCP_RST)
		st |= XS_FLOW_RST;
	if (st != fl->state)
		fl->state = st;
	return tell;
}

/* A TCP segment with its whole header: returns what the detectors are to hear of. */
static __always_inline __u32 flow_tcp(struct xs_flow *fl, int d, const struct xs_event *ev,
				      struct xs_counters *c)
{
	__u8 f = ev->l4.tcp.flags;

	if ((f & (XS_TCP_SYN | XS_TCP_ACK)) == XS_TCP_SYN &&
	    (fl->state & (XS_FLOW_EST | XS_FLOW_FIN | XS_FLOW_RST)))
		flow_restart(fl);
	fl->dir[d & 1].tcp_flags |= f;
	flow_seq(&fl->dir[d & 1], ev, f, c);
	return flow_handshake(fl, d, f, c, ev) | xs_stealth(f) | (f & XS_TCP_RST ? XS_EV_RST : 0);
}

/* Whether the first packet of a flow is a probe: a SYN, a stealth segment, UDP, an echo. */
static __always_inline int flow_probe(const struct xs_event *ev, __u32 kinds)
{
	__u8 t = ev->l4.icmp.type;

	switch (ev->kind) {
	case XS_K_TCP:
		return (ev->l4.tcp.flags & (XS_TCP_SYN | XS_TCP_ACK)) == XS_TCP_SYN ||
		       (kinds & XS_EV_STEALTH);
	case XS_K_UDP:
		return 1;
	case XS_K_ICMP:
		return t == 8;
	case XS_K_ICMP6:
		return t == 128;
	default:
		return 0;
	}
}

/* The packet's flow entry, entered if new (*created then says so). */
static __always_inline struct xs_flow *flow_entry(const struct xs_flow_key *k, int d, __u64 now,
						  int *created, struct xs_counters *c)
{
	struct xs_flow *fl = bpf_map_lookup_elem(&flows, k);

	if (fl)
		return fl;
	if (bpf_map_update_elem(&flows, k, &zero_flow, BPF_NOEXIST))
		return bpf_map_lookup_elem(&flows, k); /* another CPU entered it first */
	fl = bpf_map_lookup_elem(&flows, k);
	if (!fl)
		return NULL;
	*created = 1;
	fl->first_ns = now;
	fl->client = (__u8)d;
	c->flows++;
	return fl;
}

/*
 * One packet, parsed and counted (prepare()): its flow. Returns what the detectors are to hear
 * of (XS_EV_*, XS_DO_*, the VLAN ID above them), 0 for nothing. A global function: verified
 * once, whichever hook and path calls it, with a stack frame of its own.
 */
__noinline int xs_flows(const struct xs_event *ev, struct xs_counters *c)
{
	struct xs_flow_key k __attribute__((aligned(8)));
	struct xs_flow *fl;
	int d, created = 0;
	__u32 tell = 0;
	__u64 now;

	if (!ev || !c || !(ev->flags & (XS_F_IP4 | XS_F_IP6)))
		return 0;
	d = flow_key(ev, &k) & 1;
	now = bpf_ktime_get_coarse_ns();
	fl = flow_entry(&k, d, now, &created, c);
	if (!fl)
		return 0;
	fl->last_ns = now;
	fl->dir[d].packets++;
	fl->dir[d].bytes += ev->wire_len;
	if (ev->kind == XS_K_TCP && ev->l4_cap >= 20)
		tell = flow_tcp(fl, d, ev, c);
	if (!detect_cfg.loopback) {
		tell |= xs_land(ev) ? XS_EV_LAND : 0;
		tell |= xs_martian(ev) ? XS_EV_MARTIAN : 0;
	}
	if (created && flow_probe(ev, tell))
		tell |= XS_EV_PROBE;
	tell |= verdict_wanted(fl, d, ev);
	if (tell & XS_EV_COUNTED)
		count_kinds(c, tell);
	return tell ? (int)(tell | (__u32)k.vlan << 16) : 0;
}

/*
 * What xs_flows() told of, for the detectors' maps (bpf/detect.h): a function of its own, so
 * its stack frame is not added to the flow table's (the verifier's 512 bytes are for the whole
 * chain of calls).
 */
__noinline int xs_detect(const struct xs_event *ev, struct xs_counters *c, __u32 tell)
{
	__u16 vlan = (__u16)(tell >> 16);
	__be16 sp = 0, dp = 0;
	__u64 now;

	if (!ev || !c)
		return 0;
	now = bpf_ktime_get_coarse_ns();
	flow_ports(ev, &sp, &dp);
	if (tell & XS_DO_SYN)
		detect_syn(ev, dp, vlan, now, c);
	if (tell & XS_DO_HANDSHAKE)
		detect_handshake(ev, dp, vlan, now);
	if (tell & XS_EV_SOURCE)
		detect_source(ev, dp, vlan, tell, now, c);
	return 0;
}

/* The payload's first bytes into the flow's verdict. */
static __always_inline int verdict_read(void *ctx, bool skb, const struct xs_event *ev)
{
	struct xs_flow_key k __attribute__((aligned(8)));
	__u32 off = 0, len, avail, n, zero = 0;
	__u32 tag = (ev->flags & XS_F_VLAN_META) ? 4 : 0; /* put back in the event, not the skb */
	struct xs_verdict_buf *buf;
	struct xs_flow *fl;
	__u16 sp, dp;
	int d;

	buf = bpf_map_lookup_elem(&verdict_buf, &zero);
	len = verdict_payload(ev, &off);
	if (!buf || !len || off < tag || ev->wire_len < off)
		return 0;
	avail = ev->wire_len - off;
	off -= tag;
	n = len < avail ? len : avail;
	if (n == 0)
		return 0;
	/* 1 to XS_VERDICT_BYTES, in a form the verifier cannot lose the bounds of */
	n = ((n < XS_VERDICT_BYTES ? n : XS_VERDICT_BYTES) - 1) & XS_VERDICT_MASK;
	XS_PIN(n);
	n += 1;
	if (skb ? bpf_skb_load_bytes(ctx, off, buf->b, n) : bpf_xdp_load_bytes(ctx, off, buf->b, n))
		return 0;
	d = flow_key(ev, &k) & 1;
	fl = bpf_map_lookup_elem(&flows, &k);
	if (!fl)
		return 0;
	sp = bpf_ntohs(ev->l4.udp.sport);
	dp = bpf_ntohs(ev->l4.udp.dport);
	if (!xs_verdict_begin(&fl->verdict, d, n))
		return 0;
	xs_verdict_kind_call(&fl->verdict, (__u32)d, buf,
			     n | (ev->kind == XS_K_UDP ? XS_IPPROTO_UDP : XS_IPPROTO_TCP) << 16 |
				 (__u32)(sp == 4500 || dp == 4500) << 31,
			     len);
	xs_verdict_login_call(&fl->verdict, (__u32)d, buf, n);
	xs_verdict_end(&fl->verdict, d);
	return 0;
}

__noinline int xs_verdict_xdp(struct xdp_md *ctx, const struct xs_event *ev)
{
	return ev ? verdict_read(ctx, false, ev) : 0;
}

__noinline int xs_verdict_skb(struct __sk_buff *skb, const struct xs_event *ev)
{
	return ev ? verdict_read(skb, true, ev) : 0;
}

/* The one call prepare() makes: the flow table, then, when there is any, the detectors and
 * the verdict (f: the frame, whose payload that reads). */
static __always_inline void flows_track(const struct xs_event *ev, struct xs_counters *c,
					const struct xs_frame *f)
{
	int tell;

	if (!flows_on)
		return;
	tell = xs_flows(ev, c);
	if (tell & (XS_EV_SOURCE | XS_DO_SYN | XS_DO_HANDSHAKE))
		xs_detect(ev, c, (__u32)tell);
	if (!(tell & XS_DO_VERDICT))
		return;
	if (f->src_kind == XS_SRC_SKB)
		xs_verdict_skb(f->src, ev);
	else
		xs_verdict_xdp(f->src, ev);
}

#endif
