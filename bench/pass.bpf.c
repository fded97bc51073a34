// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passes every frame. The benchmark puts it on the receiving veth when no xdpspy runs there
 * (no capture, tcpdump): a veth only takes XDP frames redirected from its peer, as the
 * generator sends them, while an XDP program (or GRO, which adds work of its own) runs on it.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int pass(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_PASS;
}
