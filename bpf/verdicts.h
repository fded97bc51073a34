/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The verdicts (--flows; include/verdict.h): is each flow direction encrypted? xs_flows() says
 * when a packet is to be read (XS_DO_VERDICT): its direction is not done and it carries
 * payload; then xs_verdict_xdp()/_skb() (bpf/flows.h) copy its first bytes (at most XS_VERDICT_BYTES) into
 * a per-CPU buffer and classify them into the flow's entry. A direction is done after its
 * first payload unless it is clear text, and after a few packets at most (Telnet's more), so a
 * flow under way costs one byte's test per packet. --no-verdicts (detect_cfg.verdicts, rodata,
 * 0) prunes all of it.
 */
#ifndef XDPSPY_BPF_VERDICTS_H
#define XDPSPY_BPF_VERDICTS_H

#include "detect.h"
#include "verdict.h"

#define XS_DO_VERDICT 0x400 /* the packet's payload is to be read for its direction's verdict */

/* The bytes are read here, not on the hooks' stacks. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xs_verdict_buf);
} verdict_buf SEC(".maps");

/* The classifier's steps as functions of their own: each verified once, on a path of its own
 * (arg: the bytes in buf, bits 0-15; the IP protocol, 16-23; a UDP port is 4500, bit 31). */
__noinline int xs_verdict_kind_call(struct xs_flow_verdict *v, __u32 d,
				    const struct xs_verdict_buf *buf, __u32 arg, __u32 len)
{
	__u32 n = arg & 0xffff;

	if (!v || !buf || n > XS_VERDICT_BYTES)
		return 0;
	xs_verdict_kind(v, (int)d, buf->b, n, len, (__u8)(arg >> 16), (int)(arg >> 31));
	return 0;
}

__noinline int xs_verdict_login_call(struct xs_flow_verdict *v, __u32 d,
				     const struct xs_verdict_buf *buf, __u32 n)
{
	if (!v || !buf || n > XS_VERDICT_BYTES)
		return 0;
	xs_verdict_login(v, (int)d, buf->b, n);
	return 0;
}

/* The packet's payload: its offset in the frame (*off), and its length; 0 for none. */
static __always_inline __u32 verdict_payload(const struct xs_event *ev, __u32 *off)
{
	__u32 hdrs, ip;

	if (ev->flags & XS_F_FRAG)
		return 0;
	if (ev->kind == XS_K_TCP && ev->l4_cap >= 20) {
		hdrs = (__u32)(ev->l4_off - ev->l3_off) + (ev->l4.tcp.doff >> 4) * 4;
		ip = bpf_ntohs(ev->ip_len);
		if (ev->flags & XS_F_IP6)
			ip = ip ? ip + 40 : ev->wire_len - ev->l3_off; /* 0: a jumbogram */
		*off = ev->l4_off + (ev->l4.tcp.doff >> 4) * 4;
		return ip > hdrs ? ip - hdrs : 0;
	}
	if (ev->kind == XS_K_UDP && ev->l4_cap >= 8) {
		ip = bpf_ntohs(ev->l4.udp.len);
		*off = ev->l4_off + 8;
		return ip > 8 ? ip - 8 : 0;
	}
	return 0;
}

/*
 * Whether xs_flows() is to have the packet read for direction d: its verdict not done, and
 * payload. ESP needs no bytes: its IP protocol says it.
 */
static __always_inline __u32 verdict_wanted(struct xs_flow *fl, int d, const struct xs_event *ev)
{
	struct xs_flow_verdict_dir *D = &fl->verdict.dir[d & 1];
	__u32 off;

	if (!detect_cfg.verdicts || (D->flags & XS_VF_DONE))
		return 0;
	if (ev->ip_proto == XS_IPPROTO_ESP || ev->l4_proto == XS_IPPROTO_ESP) {
		D->kind = XS_VK_ESP;
		D->flags |= XS_VF_DONE;
		return 0;
	}
	return verdict_payload(ev, &off) ? XS_DO_VERDICT : 0;
}

#endif
