/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What xdpspy needs to know of a network device to choose its ingress hook: the driver, whether
 * it runs XDP natively, and its offload features (GRO and VLAN stripping change what XDP sees;
 * an attach that changes a feature changes the traffic itself).
 */
#ifndef XDPSPY_NETDEV_H
#define XDPSPY_NETDEV_H

#include <stdint.h>

#define NETDEV_FEAT_WORDS 4 /* 128 feature bits: the kernel has about 70 */

struct netdev_info {
	char driver[32]; /* ethtool's driver name; "" when the device reports none */
	int native_xdp; /* the driver runs XDP itself: 1, 0, or -1 unknown (kernel < 6.3) */
	int gro; /* generic-receive-offload: 1 on, 0 off, -1 unknown */
	int rx_vlan; /* rx-vlan-offload (the device strips 802.1Q tags): 1, 0, -1 */
	uint32_t active[NETDEV_FEAT_WORDS]; /* ethtool's active feature bits */
	unsigned int nfeatures;
};

/* Fills ni for the device; what cannot be read is left unknown. 0, or -errno. */
int netdev_info(const char *ifname, int ifindex, struct netdev_info *ni);
/* The name of the first feature whose state differs between two snapshots of ifname, or NULL. */
const char *netdev_changed(const char *ifname, const struct netdev_info *a,
			   const struct netdev_info *b, char *name, unsigned int len);

#endif
