/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --flows with --process: the flow table's entry learns the local process behind it, from the
 * owner bpf/sock_owner.h found for the packet (owner_now). The first owner found stays until
 * a SYN starts a new connection on the 5-tuple: on a loopback both endpoints are local, and a
 * flow that changed owners with every packet would name neither. Off (either option) the verifier prunes the call: nothing is looked up.
 */
#ifndef XDPSPY_FLOW_OWNER_BPF_H
#define XDPSPY_FLOW_OWNER_BPF_H

#include "flows.h"
#include "sock_owner.h"

/* A global function: verified once, with a stack frame of its own. */
__noinline int xs_flow_owner(const struct xs_event *ev)
{
	struct xs_flow_key k __attribute__((aligned(8)));
	__u32 slot, egress;
	struct owner_now *now;
	struct xs_flow *fl;
	int d;

	if (!ev || !(ev->flags & (XS_F_IP4 | XS_F_IP6)))
		return 0;
	egress = !!(ev->flags & XS_F_EGRESS);
	slot = egress;
	now = bpf_map_lookup_elem(&owner_now, &slot);
	if (!now || now->o.state == XS_OWN_NONE)
		return 0;
	d = flow_key(ev, &k) & 1;
	fl = bpf_map_lookup_elem(&flows, &k);
	/* A SYN opens a new connection on the 5-tuple (flow_restart()): its owner may be new. */
	if (!fl || (fl->owner.known && !(ev->kind == XS_K_TCP && ev->l4_cap >= 14 &&
					 (ev->l4.tcp.flags & 0x12) == 0x02)))
		return 0;
	fl->owner.cgroup = now->o.cgroup;
	fl->owner.pid = now->o.pid;
	__builtin_memcpy(fl->owner.comm, now->o.comm, sizeof(fl->owner.comm));
	/* The local end: the source at egress, the destination at ingress. */
	fl->owner.endpoint = (__u8)(egress ? d : !d);
	fl->owner.known = 1;
	return 0;
}

static __always_inline void flow_owner(const struct xs_event *ev)
{
	if (flows_on && process_on)
		xs_flow_owner(ev);
}

#endif
