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

#endif
