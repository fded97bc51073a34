/* SPDX-License-Identifier: GPL-2.0-only */
/* The running kernel's feature bits and GSO types, for the egress program (include/gso.h). */
#ifndef XDPSPY_GSO_BTF_H
#define XDPSPY_GSO_BTF_H

#include <stdbool.h>

#include "gso.h"

/*
 * Fills k from the kernel's BTF (/sys/kernel/btf/vmlinux): the enumerators of
 * include/linux/netdev_features.h and skbuff.h, which are not UAPI and move between versions.
 * k->known stays 0 when one is missing: segmented sends then print whole, as the egress hook
 * sees them. *tap: the kernel has the tracepoint net_dev_start_xmit, which times each segment
 * (bpf/seg_tap.h).
 */
void gso_btf_consts(struct xs_gso_consts *k, bool *tap);

#endif
