/* SPDX-License-Identifier: GPL-2.0-only */
/* Which process holds a BPF program: for "another xdpspy (pid N) is capturing here". */
#ifndef XDPSPY_BPF_OWNER_H
#define XDPSPY_BPF_OWNER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The first process with a descriptor on program prog_id (or on a link to it), its command in
 * comm; 0 when none is found (pinned only, or /proc not readable). */
pid_t bpf_prog_holder(uint32_t prog_id, char *comm, size_t len);

#endif
