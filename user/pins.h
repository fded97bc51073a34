/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where xdpspy pins its objects in bpffs: /sys/fs/bpf/xdpspy/IF/ (stats while a live capture
 * runs; program and links too for `attach`). Root's `xdpspy stats` and bpftool trust what they
 * find there, so, as ssh's StrictModes does, a directory not owned by root or writable by group
 * or others is never used: pins go in, are read from and are removed from trusted directories
 * only, and only root creates them. Returns 0 or -errno everywhere; pins_error() says why.
 */
#ifndef XDPSPY_PINS_H
#define XDPSPY_PINS_H

#include <stddef.h>

#define XS_BPFFS "/sys/fs/bpf"
#define XS_PIN_ROOT XS_BPFFS "/xdpspy"

/* What `attach` pins beside stats: each hook's link and program. */
#define XS_PIN_XDP_LINK "xdp_link"
#define XS_PIN_EGRESS_LINK "egress_link"
#define XS_PIN_INGRESS_LINK "ingress_link" /* ingress at TC */
/* attach --process: the socket side's links, each named after its program */
#define XS_PIN_OWNER_PREFIX "owner_"
#define XS_PIN_OWNER_PROBE XS_PIN_OWNER_PREFIX "xdpspy_sock_create"

/* XS_PIN_ROOT/ifname[/file] into buf. */
int pins_path(char *buf, size_t len, const char *ifname, const char *file);
/* Creates the interface's directory (and the root) as root, or finds them trusted. */
int pins_create(const char *ifname);
/* Whether the interface's directory is there and trusted: 0, or -errno (-ENOENT: absent). */
int pins_trusted(const char *ifname);
/* Removes every pin in the trusted interface's directory, then it (and an empty root). */
int pins_remove(const char *ifname);
/* Removes one pin from the trusted interface's directory. */
int pins_unlink(const char *ifname, const char *file);
/* Whether the interface's directory exists, trusted or not. */
int pins_exist(const char *ifname);
/* Whether `attach` pinned links there (counters-only mode), in a trusted directory. */
int pins_link_exists(const char *ifname);
/* Whether the pin `file` is there, in a trusted directory. */
int pins_has(const char *ifname, const char *file);
/* Calls fn for every interface directory; stops at and returns fn's first non-zero result. */
int pins_for_each(int (*fn)(const char *ifname, void *ctx), void *ctx);
/* Why the last call above failed, for "counters not pinned: %s" (strerror when nothing else). */
const char *pins_error(int err);

#endif
