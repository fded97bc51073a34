/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which hook sees a device's received traffic. XDP is the cheapest where the driver runs it
 * natively and attaching it changes nothing else; everywhere else (veth, lo, bridges, tunnels,
 * bonds, drivers with generic XDP only, GRO or VLAN stripping on, another XDP program there)
 * TC ingress sees what tcpdump sees, at no cost to the traffic.
 */
#ifndef XDPSPY_HOOK_H
#define XDPSPY_HOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "loader.h"
#include "netdev.h"

enum ingress_hook { HOOK_AUTO, HOOK_XDP, HOOK_TC };

/* --hook, --mode, --tc-mode */
struct hook_opts {
	int hook; /* enum ingress_hook */
	int xdp_mode; /* enum xdp_mode */
	int tc_mode; /* enum tc_mode */
};

/* Someone else's XDP program on the interface: ingress is then captured at TC beside it. */
struct foreign_xdp {
	uint32_t id; /* 0: none */
	char name[64];
};

struct hook_plan {
	bool xdp; /* ingress at XDP, else at TC */
	bool disagree; /* XDP forced where its packets differ from tcpdump's (GRO, VLAN offload) */
	char why[192]; /* the reason, for the one line that says which hook */
	struct netdev_info dev; /* the device before anything was attached */
};

/*
 * Plans the ingress hook of ifname. foreign_id/foreign_name: an XDP program already there that
 * is not ours (0 if none). With `forced`, the plan is that hook, with the notices it calls for.
 */
void hook_plan(const char *ifname, int ifindex, enum ingress_hook forced, uint32_t foreign_id,
	       const char *foreign_name, struct hook_plan *hp);
/*
 * After XDP went in: whether it changed a feature of the device, which `auto` does not allow.
 * Returns true with hp->why saying which; the caller then moves ingress to TC.
 */
bool hook_xdp_changed_device(const char *ifname, int ifindex, struct hook_plan *hp);
/* Attaches the ingress program at the planned hook and says which, and why, in one line. */
int hook_attach_ingress(struct loader *l, const char *ifname, int ifindex,
			const struct hook_opts *o, const struct foreign_xdp *foreign,
			struct attach_info *ai);

#endif
