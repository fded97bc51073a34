/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parser's seam on the BPF side (include/parse.h): a frame's bytes past the linear part
 * come through its hook's load_bytes helper (bpf_xdp_load_bytes or bpf_skb_load_bytes, chosen
 * by xs_frame.src_kind, a constant wherever a frame is made), walks run as bpf_loop()
 * callbacks, one per hook, and the network layer, the walks and the transport layer after a
 * walk run as global functions, which the verifier checks once each rather than once for every
 * path that reaches them. bpf/xdpspy.bpf.c defines those functions.
 */
#ifndef XDPSPY_BPF_PARSE_GLUE_H
#define XDPSPY_BPF_PARSE_GLUE_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define XS_PARSE_SEAM
#include "parse.h"

/* xs_frame.src_kind: which helper loads from xs_frame.src, the program's context. */
enum xs_src_kind {
	XS_SRC_XDP, /* struct xdp_md */
	XS_SRC_SKB, /* struct __sk_buff */
};

/* One per hook: an XDP program may not even name the skb helper. */
static __always_inline long xs_load_xdp(const void *src, __u32 off, void *dst, __u32 n)
{
	return bpf_xdp_load_bytes((struct xdp_md *)src, off, dst, n);
}

static __always_inline long xs_load_skb(const void *src, __u32 off, void *dst, __u32 n)
{
	return bpf_skb_load_bytes(src, off, dst, n);
}

XS_INLINE long xs_frame_load(const struct xs_frame *f, __u32 off, void *dst, __u32 n, __u32 max)
{
	__u64 size = n;

	/* clang knows n <= max and would drop the check the verifier needs to see. */
	XS_PIN(size);
	if (size == 0 || size > max)
		return -1;
	return f->src_kind == XS_SRC_SKB ? xs_load_skb(f->src, off, dst, (__u32)size)
					 : xs_load_xdp(f->src, off, dst, (__u32)size);
}

XS_INLINE const void *xs_frame_src(const struct xs_frame *f)
{
	return f->src;
}

/* The walks' steps as bpf_loop() callbacks, one per step and hook: the verifier checks one step
 * of each. */
#define XS_STEP_CALLBACK(name, step, load)                                                         \
	static long name(__u32 i, void *w)                                                         \
	{                                                                                          \
		(void)i;                                                                           \
		return step(w, load);                                                              \
	}

XS_STEP_CALLBACK(xs_vlan_step_xdp, xs_vlan_step, xs_load_xdp)
XS_STEP_CALLBACK(xs_vlan_step_skb, xs_vlan_step, xs_load_skb)
XS_STEP_CALLBACK(xs_ext_step_xdp, xs_ext_step, xs_load_xdp)
XS_STEP_CALLBACK(xs_ext_step_skb, xs_ext_step, xs_load_skb)

XS_INLINE void xs_walk_loop(const struct xs_frame *f, struct xs_walk *w, __u32 steps)
{
	int skb = f->src_kind == XS_SRC_SKB;

	if (w->mode == XS_WALK_VLAN)
		bpf_loop(steps, skb ? xs_vlan_step_skb : xs_vlan_step_xdp, w, 0);
	else
		bpf_loop(steps, skb ? xs_ext_step_skb : xs_ext_step_xdp, w, 0);
}

/* The out-of-line parts, as global functions (bpf/xdpspy.bpf.c). */
int xs_l3_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l3_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l4_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l4_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto);
int xs_walk_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 l3end, __u32 off_nh);
int xs_walk_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 l3end, __u32 off_nh);

/* A walk's off, nh and mode in one argument: a global function takes at most five. */
#define XS_WALK_ARG(off, nh, mode) (((off)&0xffff) | (__u32)(nh) << 16 | (__u32)(mode) << 24)

XS_INLINE void xs_call_l3(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto)
{
	if (f->src_kind == XS_SRC_SKB)
		xs_l3_skb(f->src, ev, off, proto);
	else
		xs_l3_xdp(f->src, ev, off, proto);
}

XS_INLINE void xs_call_l4(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u8 proto)
{
	if (f->src_kind == XS_SRC_SKB)
		xs_l4_skb(f->src, ev, off, proto);
	else
		xs_l4_xdp(f->src, ev, off, proto);
}

XS_INLINE int xs_call_walk(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
			   __u8 nh, __u8 mode)
{
	__u32 arg = XS_WALK_ARG(off, nh, mode);

	return f->src_kind == XS_SRC_SKB ? xs_walk_skb(f->src, ev, l3end, arg)
					 : xs_walk_xdp(f->src, ev, l3end, arg);
}

#endif
