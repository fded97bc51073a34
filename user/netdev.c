// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device facts from ethtool's ioctls (driver, feature names and states) and from the netdev
 * generic-netlink family (whether the driver runs XDP natively; kernel 6.3 and later).
 */
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netdev.h"

/* From the kernel's uapi/linux/netdev.h (6.3), which Debian 12's headers predate. */
#define NETDEV_FAMILY "netdev"
#define NETDEV_CMD_DEV_GET 1
#define NETDEV_A_DEV_IFINDEX 1
#define NETDEV_A_DEV_XDP_FEATURES 3
#define NETDEV_XDP_ACT_BASIC 1

static int ethtool(int fd, const char *ifname, void *cmd)
{
	struct ifreq ifr = {.ifr_data = cmd};

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	return ioctl(fd, SIOCETHTOOL, &ifr) ? -errno : 0;
}

/* The names of the device's features, ETH_GSTRING_LEN bytes each; NULL on failure. */
static char *feature_names(int fd, const char *ifname, unsigned int *n)
{
	struct {
		struct ethtool_sset_info hdr;
		uint32_t len;
	} info = {.hdr = {.cmd = ETHTOOL_GSSET_INFO, .sset_mask = 1ull << ETH_SS_FEATURES}};
	struct ethtool_gstrings *gs;
	char *names;

	if (ethtool(fd, ifname, &info) || !info.hdr.sset_mask || !info.len)
		return NULL;
	*n = info.len < NETDEV_FEAT_WORDS * 32 ? info.len : NETDEV_FEAT_WORDS * 32;
	gs = calloc(1, sizeof(*gs) + (size_t)info.len * ETH_GSTRING_LEN);
	if (!gs)
		return NULL;
	gs->cmd = ETHTOOL_GSTRINGS;
	gs->string_set = ETH_SS_FEATURES;
	gs->len = info.len;
	names = ethtool(fd, ifname, gs) ? NULL : malloc((size_t)*n * ETH_GSTRING_LEN);
	if (names)
		memcpy(names, gs->data, (size_t)*n * ETH_GSTRING_LEN);
	free(gs);
	return names;
}

static int feature_state(const struct netdev_info *ni, const char *names, const char *want)
{
	for (unsigned int i = 0; names && i < ni->nfeatures; i++)
		if (!strncmp(names + (size_t)i * ETH_GSTRING_LEN, want, ETH_GSTRING_LEN))
			return (ni->active[i / 32] >> (i % 32)) & 1;
	return -1;
}

static void read_features(int fd, const char *ifname, struct netdev_info *ni, char **names)
{
	struct {
		struct ethtool_gfeatures hdr;
		struct ethtool_get_features_block blocks[NETDEV_FEAT_WORDS];
	} f = {.hdr = {.cmd = ETHTOOL_GFEATURES, .size = NETDEV_FEAT_WORDS}};

	*names = feature_names(fd, ifname, &ni->nfeatures);
	if (!*names || ethtool(fd, ifname, &f)) {
		ni->nfeatures = 0;
		return;
	}
	for (int i = 0; i < NETDEV_FEAT_WORDS; i++)
		ni->active[i] = f.blocks[i].active;
}

/* A netlink attribute, with its payload. */
static void put_attr(char *buf, size_t *off, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)(buf + *off);

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy(buf + *off + NLA_HDRLEN, data, len);
	*off += NLA_ALIGN(a->nla_len);
}

/* One generic-netlink request and its answer's first attribute of type want (into out). */
static int genl_ask(int fd, uint16_t family, uint8_t cmd, uint16_t type, const void *val,
		    uint16_t len, uint16_t want, void *out, size_t outlen)
{
	char buf[1024] __attribute__((aligned(4))) = {0};
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct genlmsghdr *gh = NLMSG_DATA(nh);
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;
	ssize_t n;

	nh->nlmsg_type = family;
	nh->nlmsg_flags = NLM_F_REQUEST;
	gh->cmd = cmd;
	gh->version = 1;
	put_attr(buf, &off, type, val, len);
	nh->nlmsg_len = (uint32_t)off;
	if (send(fd, buf, off, 0) < 0)
		return -errno;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < (ssize_t)NLMSG_HDRLEN || !NLMSG_OK(nh, (size_t)n))
		return -EIO;
	if (nh->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(nh))->error ?: -EIO;
	for (off = NLMSG_HDRLEN + GENL_HDRLEN; off + NLA_HDRLEN <= nh->nlmsg_len;) {
		const struct nlattr *a = (const struct nlattr *)(buf + off);

		if (a->nla_len < NLA_HDRLEN)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == want) {
			size_t l = a->nla_len - NLA_HDRLEN;

			memcpy(out, buf + off + NLA_HDRLEN, l < outlen ? l : outlen);
			return 0;
		}
		off += NLA_ALIGN(a->nla_len);
	}
	return -ENOENT;
}

/* 1 when the netdev family says the driver runs XDP programs itself, 0 not, -1 unknown. */
static int native_xdp(int ifindex)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	uint16_t family = 0;
	uint64_t features = 0;
	uint32_t idx = (uint32_t)ifindex;
	int ret = -1;

	if (fd < 0)
		return -1;
	if (!genl_ask(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_NAME, NETDEV_FAMILY,
		      sizeof(NETDEV_FAMILY), CTRL_ATTR_FAMILY_ID, &family, sizeof(family)) &&
	    !genl_ask(fd, family, NETDEV_CMD_DEV_GET, NETDEV_A_DEV_IFINDEX, &idx, sizeof(idx),
		      NETDEV_A_DEV_XDP_FEATURES, &features, sizeof(features)))
		ret = (features & NETDEV_XDP_ACT_BASIC) ? 1 : 0;
	close(fd);
	return ret;
}

int netdev_info(const char *ifname, int ifindex, struct netdev_info *ni)
{
	struct ethtool_drvinfo drv = {.cmd = ETHTOOL_GDRVINFO};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	char *names = NULL;

	memset(ni, 0, sizeof(*ni));
	ni->gro = ni->rx_vlan = -1;
	ni->native_xdp = native_xdp(ifindex);
	if (fd < 0)
		return -errno;
	if (!ethtool(fd, ifname, &drv))
		snprintf(ni->driver, sizeof(ni->driver), "%s", drv.driver);
	read_features(fd, ifname, ni, &names);
	ni->gro = feature_state(ni, names, "rx-gro");
	ni->rx_vlan = feature_state(ni, names, "rx-vlan-hw-parse");
	free(names);
	close(fd);
	return 0;
}

const char *netdev_changed(const char *ifname, const struct netdev_info *a,
			   const struct netdev_info *b, char *name, unsigned int len)
{
	int fd;
	unsigned int n = 0, i;
	char *names;

	for (i = 0; i < a->nfeatures && i < b->nfeatures; i++)
		if (((a->active[i / 32] ^ b->active[i / 32]) >> (i % 32)) & 1)
			break;
	if (i >= a->nfeatures || i >= b->nfeatures)
		return NULL;
	snprintf(name, len, "feature %u", i);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	names = fd < 0 ? NULL : feature_names(fd, ifname, &n);
	if (names && i < n)
		snprintf(name, len, "%.*s", ETH_GSTRING_LEN, names + (size_t)i * ETH_GSTRING_LEN);
	free(names);
	if (fd >= 0)
		close(fd);
	return name;
}
