// SPDX-License-Identifier: GPL-2.0-only
/* The ingress hook for a device (hook.h): the rules, in the order they are checked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hook.h"
#include "log.h"

#define PLAN(hp, use_xdp, ...)                                                                     \
	do {                                                                                       \
		(hp)->xdp = (use_xdp);                                                             \
		snprintf((hp)->why, sizeof((hp)->why), __VA_ARGS__);                               \
	} while (0)

/* Why XDP would show other packets than tcpdump on this device, or NULL. */
static const char *disagreement(const struct netdev_info *d)
{
	if (d->gro == 1)
		return "GRO is on: XDP sees the frames before GRO merges them, tcpdump after";
	if (d->rx_vlan == 1)
		return "the device strips VLAN tags before XDP; libpcap puts them back";
	return NULL;
}

void hook_plan(const char *ifname, int ifindex, enum ingress_hook forced, uint32_t foreign_id,
	       const char *foreign_name, struct hook_plan *hp)
{
	const struct netdev_info *d = &hp->dev;
	const char *differs;

	memset(hp, 0, sizeof(*hp));
	netdev_info(ifname, ifindex, &hp->dev);
	differs = disagreement(d);
	if (forced == HOOK_TC) {
		PLAN(hp, false, "--hook tc");
	} else if (forced == HOOK_XDP) {
		PLAN(hp, true, "--hook xdp%s%s%s", differs ? " (" : "", differs ? differs : "",
		     differs ? "; --hook tc prints what tcpdump prints)" : "");
		hp->disagree = differs != NULL;
	} else if (foreign_id) {
		PLAN(hp, false,
		     "XDP program '%s' (id %u) is attached there; xdpspy leaves it alone",
		     foreign_name[0] ? foreign_name : "?", foreign_id);
	} else if (d->native_xdp != 1) {
		PLAN(hp, false, "no native XDP in %s%s%s", d->driver[0] ? "driver " : "this device",
		     d->driver, d->native_xdp < 0 ? " (the kernel does not say)" : "");
	} else if (!strcmp(d->driver, "veth")) {
		PLAN(hp, false, "XDP on a veth turns its peer's segmentation offload off");
	} else if (differs) {
		PLAN(hp, false, "%s", differs);
	} else {
		PLAN(hp, true, "native XDP in driver %s, GRO and VLAN stripping off", d->driver);
	}
}

bool hook_xdp_changed_device(const char *ifname, int ifindex, struct hook_plan *hp)
{
	struct netdev_info now;
	char name[64];

	netdev_info(ifname, ifindex, &now);
	if (!netdev_changed(ifname, &hp->dev, &now, name, sizeof(name)))
		return false;
	PLAN(hp, false, "attaching XDP changed %s on the device", name);
	return true;
}

/* Ingress at the hook planned for the device (hook.h), saying which and why. */
int hook_attach_ingress(struct loader *l, const char *ifname, int ifindex,
			const struct hook_opts *o, const struct foreign_xdp *foreign,
			struct attach_info *ai)
{
	struct hook_plan hp;
	int err;

	hook_plan(ifname, ifindex, o->hook, foreign->id, foreign->name, &hp);
	if (hp.xdp) {
		err = loader_attach_xdp(l, ifindex, o->xdp_mode, ai);
		if (err && o->hook == HOOK_XDP) {
			log_msg("%s: cannot attach the XDP program: %s", ifname, strerror(-err));
			return err == -EBUSY || err == -EEXIST ? -EBUSY : err;
		}
		if (err)
			snprintf(hp.why, sizeof(hp.why), "the driver refused XDP (%s)",
				 strerror(-err));
		if (!err && o->hook == HOOK_AUTO && hook_xdp_changed_device(ifname, ifindex, &hp))
			loader_detach_xdp(l);
		hp.xdp = !err && hp.xdp;
	}
	if (!hp.xdp) {
		err = loader_attach_tc(l, ifindex, true, o->tc_mode, ai);
		if (err) {
			log_msg("%s: cannot attach the TC ingress program: %s", ifname,
				strerror(-err));
			return err;
		}
	}
	log_msg("%s: ingress at %s: %s", ifname,
		hp.xdp ? (ai->xdp_generic ? "XDP (generic mode)" : "XDP")
		       : (ai->ingress_clsact ? "TC (clsact)" : "TC"),
		hp.why);
	return 0;
}
