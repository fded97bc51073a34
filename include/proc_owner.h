/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The process behind a packet (--process), as the kernel found it (bpf/owner.h): the tail a
 * record carries after its own bytes when XS_F_OWNER is set. Seen by both compilers. No local
 * socket found (a forwarded packet, one before its socket exists or after it is gone):
 * state XS_OWN_NONE, and nothing else is set.
 */
#ifndef XDPSPY_PROC_OWNER_H
#define XDPSPY_PROC_OWNER_H

#include <linux/types.h>

#define XS_OWN_COMM 16 /* TASK_COMM_LEN */

enum xs_own_state {
	XS_OWN_NONE = 0, /* no local socket owns the packet */
	XS_OWN_OPEN, /* the socket's process, which still holds it */
	XS_OWN_CLOSED, /* the socket's process, which has closed it (a FIN after close()) */
};

struct xs_owner {
	__u64 cgroup; /* host order: the cgroup v2 id (its directory's inode) of the process */
	__u32 pid; /* host order: the process (thread group) id, in the initial pid namespace */
	__u8 state; /* enum xs_own_state */
	__u8 pad[3];
	char comm[XS_OWN_COMM]; /* the task's command, NUL-padded */
};

_Static_assert(sizeof(struct xs_owner) == 32, "xs_owner size changed");

/* The kernel's tables (bpf/sock_owner.h), here for a benchmark that fills them. A socket, by
 * its cookie: */
struct xs_owner_val {
	struct xs_owner o;
	__u64 cg_anc; /* the creator's cgroup at own_cg_level (--cgroup matches descendants) */
	__u16 bound_port; /* host order: the port it was bound to (post_bind), 0 for none */
	__u8 bound_proto;
	__u8 pad[5];
};

/* A flow or a bound port a socket owns (the value: its cookie). */
struct xs_owner_flow {
	__u64 netns; /* the network namespace's cookie */
	__u8 laddr[16]; /* IPv4 as ::ffff:a.b.c.d, as dual-stack sockets see it */
	__u8 raddr[16]; /* zero, with rport, for a bound port */
	__be16 lport;
	__be16 rport;
	__u8 proto;
	__u8 pad[3];
};

_Static_assert(sizeof(struct xs_owner_val) == 48, "xs_owner_val size changed");
_Static_assert(sizeof(struct xs_owner_flow) == 48, "xs_owner_flow size changed");

#endif
