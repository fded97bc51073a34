// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's traffic generator, run by BPF_PROG_RUN with BPF_F_TEST_XDP_LIVE_FRAMES on
 * the generator's end of a veth pair. Each run turns the recycled page into the next template
 * (tail cut to its length, bytes copied over), moves it to this cycle's flow and returns
 * XDP_TX, which the test runner turns into a redirect out of that veth: the frame arrives on
 * the peer as a received frame. The runner calls it in a tight loop on one CPU, so the
 * counters below need no atomics.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "gen.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, GEN_SLOTS);
	__type(key, __u32);
	__type(value, struct gen_tmpl);
} tmpls SEC(".maps");

const volatile __u32 ntmpl = 1; /* templates in the map */
const volatile __u32 nflows = 1; /* flows per conversation */
const volatile __u64 gap_ns = 0; /* paced: ns between two frames; 0: as fast as possible */

__u64 sent; /* frames handed to XDP_TX */
__u64 limit; /* frames to send; then every run drops its untouched page */
__u64 failed; /* frames a helper refused (dropped, not counted in sent) */
__u64 first_ns; /* paced: when the first and the last frame went */
__u64 last_ns;
static __u32 slot; /* the next template */
static __u32 flow; /* this cycle's flow */
static __u64 due_ns; /* paced: when the next frame may go */

/* Paced: one frame per gap_ns; after a stall (preemption, a long softirq) at most 256 frames
 * go back to back to catch up, so the mean rate holds without unbounded bursts. */
static __always_inline int frame_due(void)
{
	__u64 now = bpf_ktime_get_ns();

	if (now < due_ns)
		return 0;
	if (now - due_ns > 256 * gap_ns)
		due_ns = now;
	due_ns += gap_ns;
	if (!first_ns)
		first_ns = now;
	last_ns = now;
	return 1;
}

SEC("xdp")
int gen(struct xdp_md *ctx)
{
	__u32 key = slot, f = flow;
	struct gen_tmpl *t;
	__u16 port, csum;
	__u32 len, po, co;
	int cur;

	if (sent >= limit || (gap_ns && !frame_due()))
		return XDP_DROP;
	if (++slot >= ntmpl) {
		slot = 0;
		if (++flow >= nflows)
			flow = 0;
	}
	t = bpf_map_lookup_elem(&tmpls, &key);
	if (!t)
		goto fail;
	len = t->len;
	if (len < 60 || len > GEN_FRAME_MAX)
		goto fail;
	cur = (int)(ctx->data_end - ctx->data);
	if (cur != (int)len && bpf_xdp_adjust_tail(ctx, (int)len - cur))
		goto fail;
	if (bpf_xdp_store_bytes(ctx, 0, t->data, len))
		goto fail;

	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u16 *pp, *cp;

	po = t->port_off & GEN_OFF_MAX;
	co = t->csum_off & GEN_OFF_MAX;
	pp = data + po;
	cp = data + co;
	if ((void *)(pp + 1) > end || (void *)(cp + 1) > end)
		goto fail;
	gen_flow(t, f, &port, &csum);
	*pp = port;
	*cp = csum;
	sent++;
	return XDP_TX;
fail:
	failed++;
	return XDP_DROP;
}
