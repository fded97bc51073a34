/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segmented sends. A TCP send of several segments leaves the stack as one skb (the "GSO
 * super-packet"); the device either segments it itself (TSO: tcpdump, tapping in
 * dev_hard_start_xmit, sees the whole send) or lacks the offload for the send's GSO type, and
 * then the kernel segments it in software in validate_xmit_skb(), after the TC egress hook and
 * before tcpdump's tap, which then sees the segments. The egress program works out which
 * and flags the event XS_F_GSO (bpf/gso_skb.h); user space makes the segments of it
 * (user/segments.c). Seen by clang -target bpf and the host compiler alike.
 */
#ifndef XDPSPY_GSO_H
#define XDPSPY_GSO_H

#include <linux/types.h>

#include "event.h"

/*
 * The kernel's own numbers for what bpf/gso_skb.h reads (NETIF_F_* feature bits, SKB_GSO_* types):
 * they are not UAPI and move between versions (6.18 moved SKB_GSO_TCP_FIXEDID), so the loader
 * takes them from the running kernel's BTF (user/gso_btf.c). known = 0: not found, and sends
 * print whole, as before.
 */
struct xs_gso_consts {
	__u64 f_gso_mask; /* NETIF_F_GSO_MASK */
	__u64 f_ip_csum, f_ipv6_csum, f_hw_csum; /* checksum offload, per protocol or any */
	__u64 f_fraglist, f_robust, f_mangleid, f_vlan_tx;
	__u32 gso_shift; /* NETIF_F_GSO_SHIFT: SKB_GSO_X << shift is the feature for X */
	__u32 t_tcpv4, t_tcpv6, t_ecn, t_accecn;
	__u32 t_fixedid; /* SKB_GSO_TCP_FIXEDID (and _INNER) */
	__u32 t_fixedid_feat; /* the bit those map onto for the feature check (__SKB_GSO_...) */
	__u32 t_partial;
	__u32 t_split; /* the types segments are made of here: TCP, with its modifiers */
	__u32 known;
};

/* Bytes of headers each segment repeats: everything up to the TCP payload. */
static inline __u32 xs_gso_hdr_len(const struct xs_event *ev)
{
	return ev->l4_off + (__u32)(ev->l4.tcp.doff >> 4) * 4;
}

/* The packets a frame stands for on the wire: its segments with XS_F_GSO, else 1. */
static inline __u32 xs_gso_segs(const struct xs_event *ev)
{
	__u32 hdr, pay, size = ev->gso.size;

	if (!(ev->flags & XS_F_GSO) || !size)
		return 1;
	hdr = xs_gso_hdr_len(ev);
	pay = ev->wire_len > hdr ? ev->wire_len - hdr : 0;
	return pay > size ? (pay + size - 1) / size : 1;
}

/* Their bytes on the wire: the headers once more for every segment after the first. */
static inline __u64 xs_gso_bytes(const struct xs_event *ev)
{
	return ev->wire_len + (__u64)(xs_gso_segs(ev) - 1) * xs_gso_hdr_len(ev);
}

#endif
