/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * At the egress hook: will the kernel segment this send in software (include/gso.h)? The
 * answer is what validate_xmit_skb() will find, worked out the way the kernel works it out
 * (net/core/dev.c: netif_skb_features(), gso_features_check(), harmonize_features(),
 * netif_needs_gso(); net/ipv4/tcp_offload.c for the DODGY case), from the skb and its device
 * as they are now: per packet, so a feature switched mid-capture counts from the next send
 * on, exactly (reading the features from user space once a second, as the interface check
 * does, would print a second of sends wrongly after a change). It costs about ten loads per
 * GSO skb (one per send of up to 64 KB), no helper call (the kfuncs bpf_cast_to_kern_ctx and
 * bpf_rdonly_cast give typed pointers whose loads the verifier makes fault-safe), nothing
 * for other packets.
 *
 * The kernel's structures are read with CO-RE through local definitions (libbpf's way without
 * vmlinux.h, which cannot share a file with the UAPI headers the parser is built on): each
 * field is found in the running kernel's layout at load time. Not followed: a driver's own
 * per-packet restrictions (ndo_features_check: some NICs refuse TSO for odd headers or
 * tunnels) and the TLS and IPsec device offloads. The same reading tells whether a send's
 * checksum, left partial by the stack, is completed in software after the hook.
 */
#ifndef XDPSPY_GSO_SKB_H
#define XDPSPY_GSO_SKB_H

#include <bpf/bpf_core_read.h>

#include "gso.h"

/* The kernel's feature bits and GSO types, from its BTF (user/gso_btf.c). */
const volatile struct xs_gso_consts gso_k = {0};

struct Qdisc___xs {
	void *enqueue; /* NULL: noqueue, the device transmits at once */
} __attribute__((preserve_access_index));

struct net_device___xs {
	int ifindex;
	struct Qdisc___xs *qdisc;
	__u64 features;
	__u64 vlan_features;
	__u64 gso_partial_features;
	__u16 gso_max_segs;
} __attribute__((preserve_access_index));

struct sk_buff___xs {
	struct net_device___xs *dev;
	unsigned char *head;
	unsigned int end; /* an offset from head on 64-bit kernels (NET_SKBUFF_DATA_USES_OFFSET) */
	__u8 ip_summed : 2;
	__u16 csum_start; /* offsets from head */
	__u16 csum_offset;
	__u16 transport_header;
	__u16 mac_header;
} __attribute__((preserve_access_index));

struct skb_shared_info___xs {
	struct sk_buff___xs *frag_list;
	unsigned int gso_type;
} __attribute__((preserve_access_index));

extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym;

#define XS_CHECKSUM_NONE 0 /* include/linux/skbuff.h */
#define XS_CHECKSUM_PARTIAL 3

/* can_checksum_protocol() for IPv4 or IPv6. */
static __always_inline bool gso_csum_ok(__u64 f, bool ip6)
{
	return (f & gso_k.f_hw_csum) || (f & (ip6 ? gso_k.f_ipv6_csum : gso_k.f_ip_csum));
}

/* netdev_intersect_features(): a HW_CSUM on one side stands for both IP checksums. */
static __always_inline __u64 gso_intersect(__u64 f1, __u64 f2)
{
	__u64 ip = gso_k.f_ip_csum | gso_k.f_ipv6_csum;

	if ((f1 ^ f2) & gso_k.f_hw_csum) {
		if (f1 & gso_k.f_hw_csum)
			f1 |= ip;
		else
			f2 |= ip;
	}
	return f1 & f2;
}

/* The features validate_xmit_skb() will send the skb with (netif_skb_features()); gso: it is
 * a GSO skb of type. */
static __always_inline __u64 gso_features(struct __sk_buff *skb, struct sk_buff___xs *k,
					  const struct xs_event *ev, bool gso, __u32 type)
{
	struct net_device___xs *dev = k->dev;
	__u64 f = dev->features;
	bool ip6 = ev->flags & XS_F_IP6;
	bool vlan_proto =
	    skb->protocol == XS_BE16(XS_ETH_P_8021Q) || skb->protocol == XS_BE16(XS_ETH_P_8021AD);

	/* gso_features_check() */
	if (gso && skb->gso_segs > dev->gso_max_segs)
		f &= ~gso_k.f_gso_mask;
	if (gso && !(type & gso_k.t_partial))
		f &= ~dev->gso_partial_features;
	if ((type & gso_k.t_tcpv4) && !(ev->ip_frag & XS_BE16(0x4000)))
		f &= ~gso_k.f_mangleid; /* no DF: the IDs must go up */
	/* skb_vlan_tagged(): the device's VLAN features; several tags: no segmentation offload
	 * (vlan_features_check(), the default ndo_features_check()) */
	if (skb->vlan_present || vlan_proto)
		f = gso_intersect(f, dev->vlan_features | gso_k.f_vlan_tx);
	if (ev->nvlan >= 2 && vlan_proto)
		f = gso_intersect(f, gso_k.f_hw_csum | gso_k.f_fraglist | gso_k.f_vlan_tx);
	/* harmonize_features(): no checksum offload for the protocol, no segmentation offload */
	if (BPF_CORE_READ_BITFIELD(k, ip_summed) != XS_CHECKSUM_NONE && !gso_csum_ok(f, ip6))
		f &= ~(gso_k.f_ip_csum | gso_k.f_ipv6_csum | gso_k.f_hw_csum | gso_k.f_gso_mask);
	return f;
}

/*
 * Flags ev XS_F_GSO when the kernel will segment this GSO send in software, with what the
 * segments need (include/event.h). Only TCP sends whose headers the event holds whole; other
 * GSO types (tunnels, UDP, SCTP, fraglist, partial) print as one line, as before. A global
 * function: verified once.
 */
__noinline int xs_gso_skb(struct __sk_buff *skb, struct xs_event *ev)
{
	struct sk_buff___xs *k;
	struct skb_shared_info___xs *sh;
	void *frag_list = NULL;
	__u32 type = 0, mapped;
	__u64 f, want;

	if (!ev || !gso_k.known || !skb->gso_size || ev->kind != XS_K_TCP || ev->stop != XS_S_OK ||
	    (ev->flags & (XS_F_FRAG | XS_F_HDRS)))
		return 0;
	k = bpf_cast_to_kern_ctx(skb);
	/* skb_shinfo(): typed for direct (fault-safe) loads, no helper call */
	sh =
	    bpf_rdonly_cast(k->head + k->end, bpf_core_type_id_kernel(struct skb_shared_info___xs));
	type = sh->gso_type;
	frag_list = sh->frag_list;
	if (!(type & (gso_k.t_tcpv4 | gso_k.t_tcpv6)) || (type & ~gso_k.t_split))
		return 0;
	f = gso_features(skb, k, ev, true, type);
	/* net_gso_ok(), skb_gso_ok(); a DODGY send the device could take is left to it
	 * (tcp_gso_segment() checks with NETIF_F_GSO_ROBUST added) */
	mapped = type | ((type & gso_k.t_fixedid) ? gso_k.t_fixedid_feat : 0);
	want = ((__u64)mapped << gso_k.gso_shift) & gso_k.f_gso_mask;
	if (((f | gso_k.f_robust) & want) == want && (!frag_list || (f & gso_k.f_fraglist)))
		return 0;
	ev->gso.size = (__u16)skb->gso_size;
	ev->gso.flags = 0;
	if (type & gso_k.t_fixedid)
		ev->gso.flags |= XS_GSO_FIXEDID;
	if (type & gso_k.t_accecn)
		ev->gso.flags |= XS_GSO_KEEP_CWR;
	if (!gso_csum_ok(f, ev->flags & XS_F_IP6))
		ev->gso.flags |= XS_GSO_CSUM;
	ev->flags |= XS_F_GSO;
	if (xs_gso_segs(ev) < 2) /* the kernel drops such a send rather than segment it */
		ev->flags &= ~XS_F_GSO;
	return 0;
}

/*
 * Flags ev XS_F_CSUM_SW when the stack left its TCP or UDP checksum for the device to complete
 * (CHECKSUM_PARTIAL) and the device cannot: validate_xmit_skb() completes it in software
 * (skb_checksum_help()), after the hook, before tcpdump's tap. Only asked when the checksum
 * shows (-v, frame bytes).
 */
__noinline int xs_csum_skb(struct __sk_buff *skb, struct xs_event *ev)
{
	struct sk_buff___xs *k;

	bool hdrs = ev && (ev->flags & XS_F_HDRS);

	if (!ev || !gso_k.known || (ev->kind != XS_K_TCP && ev->kind != XS_K_UDP && !hdrs) ||
	    !(ev->flags & (XS_F_IP4 | XS_F_IP6)) || (ev->flags & XS_F_FRAG))
		return 0;
	k = bpf_cast_to_kern_ctx(skb);
	if (BPF_CORE_READ_BITFIELD(k, ip_summed) != XS_CHECKSUM_PARTIAL)
		return 0;
	if (gso_csum_ok(gso_features(skb, k, ev, false, 0), ev->flags & XS_F_IP6))
		return 0;
	ev->flags |= XS_F_CSUM_SW;
	/* A record with the frame's bytes: the checksum may be an inner packet's (a tunnel's),
	 * so user space completes it where the skb says, as skb_checksum_help() does. */
	if (hdrs) {
		ev->csum.start = (__u16)(k->csum_start - k->mac_header);
		ev->csum.offset = k->csum_offset;
	}
	return 0;
}

#endif
