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

#endif
