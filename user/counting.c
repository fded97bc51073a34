// SPDX-License-Identifier: GPL-2.0-only
/* Counters-only programs on an interface (counting.h). */
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>

#include "cgroups.h"
#include "counting.h"
#include "exit_codes.h"
#include "iface.h"
#include "log.h"

/* Another xdpspy's programs on the interface, or a foreign XDP program (then noted). */
static int check_hooks_free(const char *ifname, int ifindex, enum ingress_hook hook,
			    struct foreign_xdp *foreign)
{
	uint32_t id = 0;

	if (loader_tcx_ours(ifindex) ||
	    (!loader_xdp_query(ifindex, &id, foreign->name, sizeof(foreign->name)) && id &&
	     !strcmp(foreign->name, XS_PROG_XDP))) {
		log_msg("%s: another xdpspy is capturing here", ifname);
		return XS_EXIT_BUSY;
	}
	if (id && hook == HOOK_XDP) {
		log_msg("%s: XDP program '%s' (id %u) is attached; xdpspy leaves it alone", ifname,
			foreign->name, id);
		return XS_EXIT_BUSY;
	}
	foreign->id = id;
	return XS_EXIT_OK;
}

int counting_attach(const char *ifname, enum ingress_hook hook, const struct flow_opts *fo,
		    struct loader **out, struct attach_info *ai)
{
	struct loader_cfg cfg = {.ring_kib = 4,
				 .counters_only = true,
				 .flows = fo->on,
				 .detect = fo->cfg,
				 .process = {.on = fo->on && fo->process},
				 .cgroup_root = fo->on && fo->process ? cgroups_root() : NULL};
	struct hook_opts ho = {.hook = hook};
	struct foreign_xdp foreign = {0};
	int ifindex = (int)if_nametoindex(ifname), err, rc;

	*out = NULL;
	if (!ifindex) {
		log_msg("%s: No such device exists", ifname);
		return XS_EXIT_ERR;
	}
	if ((rc = check_hooks_free(ifname, ifindex, hook, &foreign)))
		return rc;
	cfg.detect.loopback = iface_hatype(ifname) == ARPHRD_LOOPBACK;
	err = loader_open(out, &cfg, NULL, NULL);
	if (!err)
		err = hook_attach_ingress(*out, ifname, ifindex, &ho, &foreign, ai);
	if (!err && strcmp(ifname, "lo") != 0)
		err = loader_attach_tc(*out, ifindex, false, TC_MODE_AUTO, ai);
	if (!err)
		return XS_EXIT_OK;
	log_msg("%s: cannot attach: %s", ifname, strerror(-err));
	loader_close(*out);
	*out = NULL;
	return err == -EBUSY || err == -EEXIST ? XS_EXIT_BUSY : XS_EXIT_ERR;
}
