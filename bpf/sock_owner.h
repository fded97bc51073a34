/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --process: the process behind each packet, found in the kernel without kprobes or fentry.
 *
 * The socket side: cgroup socket hooks on the cgroup v2 root run in the process that creates,
 * binds, connects or closes a socket, and write its pid, command and cgroup under the socket's
 * cookie (owners). A bound port (a listening TCP socket, a UDP server) goes into owned_flows
 * under {netns, protocol, port}; a packet a known socket sends teaches owned_flows its
 * 5-tuple. sock:inet_sock_set_state removes a TCP socket's entries when it is gone (TCP_CLOSE).
 *
 * The packet side (owner_find, from prepare()): at egress the skb's socket, by its cookie;
 * otherwise, and at ingress where no socket is attached yet, the 5-tuple in the device's
 * network namespace (the local end is the source at egress, the destination at ingress), then
 * the bound port. A connection a listening socket accepted is named by the listener's process.
 * Nothing found: XS_OWN_NONE, never a guess. The owner travels as a tail after the record
 * (include/proc_owner.h, XS_F_OWNER); --pid, --comm and --cgroup drop what does not match.
 *
 * Off (process_on 0, a load-time constant) the verifier prunes every call, the socket-side
 * programs are not loaded, and records keep their size.
 */
#ifndef XDPSPY_OWNER_BPF_H
#define XDPSPY_OWNER_BPF_H

#include <bpf/bpf_core_read.h>

#include "cpu_ring.h"
#include "proc_owner.h"
#include "proto.h"

const volatile __u8 process_on = 0; /* --process */
const volatile __u32 own_pid = 0; /* --pid: 0 for any */
const volatile __u64 own_comm[2] = {0}; /* --comm, NUL-padded: 0 for any */
const volatile __u64 own_cgroup = 0; /* --cgroup: its id, 0 for any; and its depth */
const volatile __u32 own_cg_level = 0;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384); /* 1 when --process is off (the loader) */
	__type(key, __u64); /* the socket's cookie */
	__type(value, struct xs_owner_val);
} owners SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, struct xs_owner_flow);
	__type(value, __u64); /* the owning socket's cookie */
} owned_flows SEC(".maps");

/* The owner of the packet a hook is summarizing, from prepare() to the send: a hook's run
 * ends before another starts on its CPU. Index: 1 at egress. */
struct owner_now {
	struct xs_owner o;
	__u32 pass; /* matches --pid, --comm and --cgroup */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct owner_now);
} owner_now SEC(".maps");

/* The kernel's structures, read with CO-RE through local definitions (as bpf/gso_skb.h). */
struct net___xo {
	__u64 net_cookie;
} __attribute__((preserve_access_index));

struct possible_net___xo {
	struct net___xo *net;
} __attribute__((preserve_access_index));

struct net_device___xo {
	struct possible_net___xo nd_net;
} __attribute__((preserve_access_index));

struct sk_buff___xo {
	struct net_device___xo *dev;
} __attribute__((preserve_access_index));

struct xdp_rxq_info___xo {
	struct net_device___xo *dev;
} __attribute__((preserve_access_index));

struct xdp_buff___xo {
	struct xdp_rxq_info___xo *rxq;
} __attribute__((preserve_access_index));

struct atomic64___xo {
	__s64 counter;
} __attribute__((preserve_access_index));

struct sock_common___xo {
	struct possible_net___xo skc_net;
	struct atomic64___xo skc_cookie;
} __attribute__((preserve_access_index));

struct sock___xo {
	struct sock_common___xo __sk_common;
} __attribute__((preserve_access_index));

extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;

/* The process running now, as the owner of a socket it acts on. */
static __always_inline void owner_current(struct xs_owner_val *v)
{
	__builtin_memset(v, 0, sizeof(*v));
	v->o.pid = bpf_get_current_pid_tgid() >> 32;
	v->o.cgroup = bpf_get_current_cgroup_id();
	v->o.state = XS_OWN_OPEN;
	bpf_get_current_comm(v->o.comm, sizeof(v->o.comm));
	if (own_cgroup)
		v->cg_anc = bpf_get_current_ancestor_cgroup_id(own_cg_level);
}

static __always_inline void owner_set(__u64 cookie)
{
	struct xs_owner_val v;

	owner_current(&v);
	bpf_map_update_elem(&owners, &cookie, &v, BPF_ANY);
}

static __always_inline bool owner_inet(__u32 family)
{
	return family == XS_AF_INET || family == XS_AF_INET6;
}

SEC("cgroup/sock_create")
int xdpspy_sock_create(struct bpf_sock *sk)
{
	if (owner_inet(sk->family))
		owner_set(bpf_get_socket_cookie(sk));
	return 1;
}

/* The process that connects or sends names the socket from then on (a parent may have
 * created it); a send by the same process costs a lookup, no update. */
static __always_inline int owner_use(struct bpf_sock_addr *ctx)
{
	__u64 cookie = bpf_get_socket_cookie(ctx);
	struct xs_owner_val *v = bpf_map_lookup_elem(&owners, &cookie);

	if (!v || v->o.pid != bpf_get_current_pid_tgid() >> 32)
		owner_set(cookie);
	return 1;
}

SEC("cgroup/connect4")
int xdpspy_connect4(struct bpf_sock_addr *ctx)
{
	return owner_use(ctx);
}

SEC("cgroup/connect6")
int xdpspy_connect6(struct bpf_sock_addr *ctx)
{
	return owner_use(ctx);
}

SEC("cgroup/sendmsg4")
int xdpspy_sendmsg4(struct bpf_sock_addr *ctx)
{
	return owner_use(ctx);
}

SEC("cgroup/sendmsg6")
int xdpspy_sendmsg6(struct bpf_sock_addr *ctx)
{
	return owner_use(ctx);
}

static __always_inline void bound_key(struct xs_owner_flow *k, __u64 netns, __u32 proto, __u32 port)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->netns = netns;
	k->proto = (__u8)proto;
	k->lport = bpf_htons((__u16)port);
}

/* A bound port: the socket owns what arrives for it that no connection claims. */
static __always_inline int owner_bind(struct bpf_sock *sk)
{
	__u64 cookie = bpf_get_socket_cookie(sk);
	struct xs_owner_flow k;

	struct xs_owner_val v;

	owner_current(&v);
	/* sock_release may not read the port: it is kept here for it. */
	v.bound_port = (__u16)sk->src_port;
	v.bound_proto = (__u8)sk->protocol;
	bpf_map_update_elem(&owners, &cookie, &v, BPF_ANY);
	bound_key(&k, bpf_get_netns_cookie(sk), sk->protocol, sk->src_port);
	bpf_map_update_elem(&owned_flows, &k, &cookie, BPF_ANY);
	return 1;
}

SEC("cgroup/post_bind4")
int xdpspy_post_bind4(struct bpf_sock *sk)
{
	return owner_bind(sk);
}

SEC("cgroup/post_bind6")
int xdpspy_post_bind6(struct bpf_sock *sk)
{
	return owner_bind(sk);
}

/* close(): the process lets go. A TCP socket lives on (FIN, the last ACKs): its packets still
 * name the process, marked closed, until TCP_CLOSE removes it. The bound port is freed. */
SEC("cgroup/sock_release")
int xdpspy_sock_release(struct bpf_sock *sk)
{
	__u64 cookie = bpf_get_socket_cookie(sk), *bound;
	struct xs_owner_val *v;
	struct xs_owner_flow k;

	v = bpf_map_lookup_elem(&owners, &cookie);
	if (!v)
		return 1;
	v->o.state = XS_OWN_CLOSED;
	if (!v->bound_port)
		return 1;
	bound_key(&k, bpf_get_netns_cookie(sk), v->bound_proto, v->bound_port);
	bound = bpf_map_lookup_elem(&owned_flows, &k);
	if (bound && *bound == cookie)
		bpf_map_delete_elem(&owned_flows, &k);
	return 1;
}

/* /sys/kernel/tracing/events/sock/inet_sock_set_state/format (ports in host order) */
struct xs_sock_state {
	__u64 common;
	const void *skaddr;
	int oldstate;
	int newstate;
	__u16 sport;
	__u16 dport;
	__u16 family;
	__u16 protocol;
	__u8 saddr[4];
	__u8 daddr[4];
	__u8 saddr_v6[16];
	__u8 daddr_v6[16];
};

static __always_inline void owner_addr(__u8 *dst, const __u8 *a, bool ip6)
{
	if (ip6) {
		__builtin_memcpy(dst, a, 16);
		return;
	}
	__builtin_memset(dst, 0, 10);
	dst[10] = dst[11] = 0xff;
	__builtin_memcpy(dst + 12, a, 4);
}

/* A TCP socket gone (TCP_CLOSE): its packets from now on have no owner. */
SEC("tracepoint/sock/inet_sock_set_state")
int xdpspy_sock_state(struct xs_sock_state *ctx)
{
	struct xs_owner_flow k = {0};
	struct xs_sock_state t;
	const struct sock___xo *sk;
	__u64 cookie, *owner;
	bool ip6;

	if (ctx->newstate != XS_TCP_CLOSE || ctx->protocol != XS_IPPROTO_TCP)
		return 0;
	/* The context may only be read at fixed offsets: a copy, whose addresses can be sliced. */
	if (bpf_probe_read_kernel(&t, sizeof(t), ctx))
		return 0;
	sk = t.skaddr;
	ip6 = t.family == XS_AF_INET6;
	cookie = BPF_CORE_READ(sk, __sk_common.skc_cookie.counter);
	k.netns = BPF_CORE_READ(sk, __sk_common.skc_net.net, net_cookie);
	k.proto = XS_IPPROTO_TCP;
	if (t.oldstate == XS_TCP_LISTEN) {
		bound_key(&k, k.netns, XS_IPPROTO_TCP, t.sport);
	} else {
		owner_addr(k.laddr, ip6 ? t.saddr_v6 : t.saddr, ip6);
		owner_addr(k.raddr, ip6 ? t.daddr_v6 : t.daddr, ip6);
		k.lport = bpf_htons(t.sport);
		k.rport = bpf_htons(t.dport);
	}
	owner = bpf_map_lookup_elem(&owned_flows, &k);
	if (owner && *owner == cookie)
		bpf_map_delete_elem(&owned_flows, &k);
	if (cookie)
		bpf_map_delete_elem(&owners, &cookie);
	return 0;
}

/* The network namespace of the device a hook runs on. */
static __always_inline __u64 hook_netns(void *ctx, bool skb)
{
	struct net_device___xo *dev;

	if (skb) {
		struct sk_buff___xo *k = bpf_cast_to_kern_ctx(ctx);

		dev = k->dev;
	} else {
		struct xdp_buff___xo *x = bpf_cast_to_kern_ctx(ctx);

		dev = x->rxq->dev;
	}
	return dev ? dev->nd_net.net->net_cookie : 0;
}

static __always_inline struct xs_owner_val *owner_of(const __u64 *cookie)
{
	return cookie ? bpf_map_lookup_elem(&owners, cookie) : NULL;
}

/* The packet's local end and its peer, from the event; false when it has no ports. */
static __always_inline bool packet_flow(const struct xs_event *ev, bool egress, __u64 netns,
					struct xs_owner_flow *k)
{
	bool ip6 = ev->flags & XS_F_IP6;
	__u32 alen = ip6 ? 16 : 4;

	if ((ev->kind != XS_K_TCP && ev->kind != XS_K_UDP) || ev->stop == XS_S_L4 ||
	    (ev->flags & XS_F_LATER_FRAG) || !(ev->flags & (XS_F_IP4 | XS_F_IP6)))
		return false;
	__builtin_memset(k, 0, sizeof(*k));
	k->netns = netns;
	k->proto = ev->kind == XS_K_TCP ? XS_IPPROTO_TCP : XS_IPPROTO_UDP;
	owner_addr(k->laddr, ev->var + (egress ? 0 : alen), ip6);
	owner_addr(k->raddr, ev->var + (egress ? alen : 0), ip6);
	k->lport = egress ? ev->l4.tcp.sport : ev->l4.tcp.dport;
	k->rport = egress ? ev->l4.tcp.dport : ev->l4.tcp.sport;
	return true;
}

static __always_inline bool owner_pass(const struct xs_owner_val *v)
{
	const __u64 *have = (const __u64 *)v->o.comm;

	if (own_pid && v->o.pid != own_pid)
		return false;
	if (own_comm[0] && (have[0] != own_comm[0] || have[1] != own_comm[1]))
		return false;
	return !own_cgroup || v->cg_anc == own_cgroup;
}

/* Finds the owner of the packet ev summarizes and keeps it for the send (owner_now). */
static __always_inline void owner_find(void *ctx, bool skb, const struct xs_event *ev)
{
	bool egress = ev->flags & XS_F_EGRESS;
	struct xs_owner_val *v = NULL;
	struct owner_now *now;
	struct xs_owner_flow k;
	__u32 slot = egress;
	__u64 cookie = 0;
	bool flow;

	now = bpf_map_lookup_elem(&owner_now, &slot);
	if (!now)
		return;
	flow = packet_flow(ev, egress, hook_netns(ctx, skb), &k);
	if (egress && skb) {
		cookie = bpf_get_socket_cookie(ctx);
		v = cookie ? bpf_map_lookup_elem(&owners, &cookie) : NULL;
		/* Its 5-tuple names the socket for the packets that come back. A lookup first:
		 * an LRU update takes a lock and a node even when the key is there. */
		if (v && flow && !bpf_map_lookup_elem(&owned_flows, &k))
			bpf_map_update_elem(&owned_flows, &k, &cookie, BPF_NOEXIST);
	}
	if (!v && flow) {
		v = owner_of(bpf_map_lookup_elem(&owned_flows, &k));
		if (!v) {
			bound_key(&k, k.netns, k.proto, bpf_ntohs(k.lport));
			v = owner_of(bpf_map_lookup_elem(&owned_flows, &k));
		}
	}
	if (!v) {
		__builtin_memset(now, 0, sizeof(*now));
		now->pass = !own_pid && !own_comm[0] && !own_cgroup;
		return;
	}
	now->o = v->o;
	now->pass = owner_pass(v);
}

/* Global functions, verified once each, whose stack is their own: the hooks' call chains
 * stay within the 512 bytes, --process or not. */
__noinline int xs_owner_find_xdp(struct xdp_md *ctx, const struct xs_event *ev)
{
	if (ev)
		owner_find(ctx, false, ev);
	return 0;
}

__noinline int xs_owner_find_skb(struct __sk_buff *skb, const struct xs_event *ev)
{
	if (ev)
		owner_find(skb, true, ev);
	return 0;
}

/*
 * Sends the record of size bytes at rec (an event, or a staged record with frame bytes) with
 * the packet's owner after it. 0: sent; 1: its owner does not match --pid/--comm/--cgroup;
 * -1: the ring had no room.
 */
static __always_inline int owner_output(void *rec, __u32 size, __u32 max)
{
	struct owner_now *now;
	struct xs_ring_ctl *r;
	struct bpf_dynptr dp;
	__u64 n = size;
	__u32 slot;
	__u8 *at;

	slot = !!(((struct xs_event *)rec)->flags & XS_F_EGRESS);
	now = bpf_map_lookup_elem(&owner_now, &slot);
	XS_PIN(n); /* checked in the register the helper is given */
	if (!now || n > max)
		return -1;
	if (!now->pass)
		return 1;
	((struct xs_event *)rec)->flags |= XS_F_OWNER;
	r = ring_take();
	if (!r)
		return -1;
	at = ring_reserve(r, n + sizeof(now->o));
	if (!at)
		return -1;
	bpf_dynptr_from_mem(at, XS_RING_MAX, 0, &dp);
	bpf_dynptr_write(&dp, 0, rec, n, 0);
	bpf_dynptr_write(&dp, n, &now->o, sizeof(now->o), 0);
	ring_submit(r, n + sizeof(now->o));
	return 0;
}

#endif
