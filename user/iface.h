/* SPDX-License-Identifier: GPL-2.0-only */
/* Interfaces: the default one, the -D list, a device's link type, and promiscuous mode held by
 * a packet socket. */
#ifndef XDPSPY_IFACE_H
#define XDPSPY_IFACE_H

#include <stddef.h>
#include <stdint.h>

/* The interface tcpdump would pick: the first that is up and not loopback. 0 or -errno. */
int iface_default(char *name, size_t len);
/* Calls fn for every interface that is up (lo included); stops at fn's first non-zero result,
 * which it returns. */
int iface_for_each_up(int (*fn)(const char *name, void *ctx), void *ctx);
/* Prints the interfaces as `tcpdump -D` does. Returns 0 or -errno. */
int iface_list(void);
/* The device's ARPHRD_ type, from sysfs; Ethernet's (1) when it cannot be read. */
uint16_t iface_hatype(const char *name);
/*
 * Enters promiscuous mode through a packet-socket membership, which the kernel drops when
 * the socket closes, also when the process is killed. Returns the socket (keep it open) or
 * -errno.
 */
int iface_promisc(int ifindex);

#endif
