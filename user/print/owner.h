/* SPDX-License-Identifier: GPL-2.0-only */
/* --process: the owner the kernel found, after tcpdump's line (which stays as it was). */
#ifndef XDPSPY_PRINT_OWNER_H
#define XDPSPY_PRINT_OWNER_H

#include "strbuf.h"
#include "types.h"

/* " [COMM PID CGROUP]", " [COMM PID CGROUP, closed]" or " [no owner]". */
void print_owner(const struct pkt_owner *o, struct strbuf *sb);
/* The command, as printed: what is not printable ASCII, a space or a bracket becomes '?', so a
 * line splits into its fields by spaces. Returns its length. */
size_t owner_comm(const struct xs_owner *k, char out[XS_OWN_COMM + 1]);
/*
 * -w to pcapng: the owner as a packet comment, in the form ptcpdump writes ("PID: N\nCmd: C",
 * which its reader and Wireshark's frame.comment take), then what ptcpdump has no key for:
 * "Cgroup:" (the path, when the cgroup still exists), "CgroupId:", "SocketClosed: true".
 * Nothing for no owner: ptcpdump writes no comment then either.
 */
void owner_comment(const struct pkt_owner *o, struct strbuf *sb);

#endif
