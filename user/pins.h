/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where xdpspy pins its objects in bpffs: /sys/fs/bpf/xdpspy/IF/ (stats while a live capture
 * runs; program and links too for `attach`). Returns 0 or -errno everywhere.
 */
#ifndef XDPSPY_PINS_H
#define XDPSPY_PINS_H

#include <stddef.h>

#define XS_PIN_ROOT "/sys/fs/bpf/xdpspy"

/* XS_PIN_ROOT/ifname[/file] into buf. */
int pins_path(char *buf, size_t len, const char *ifname, const char *file);
/* Creates the interface's directory (and the root). -EROFS or -ENOENT without a usable bpffs. */
int pins_create(const char *ifname);
/* Removes every pin in the interface's directory, then the directory (and an empty root). */
int pins_remove(const char *ifname);
/* Whether the interface's directory exists. */
int pins_exist(const char *ifname);
/* Whether `attach` pinned a link there (counters-only mode). */
int pins_link_exists(const char *ifname);
/* Calls fn for every interface directory; stops at and returns fn's first non-zero result. */
int pins_for_each(int (*fn)(const char *ifname, void *ctx), void *ctx);

#endif
