// SPDX-License-Identifier: GPL-2.0-only
/* Finding an interface's flow table (flowtools.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "counting.h"
#include "exit_codes.h"
#include "flowtools.h"
#include "iface.h"
#include "log.h"
#include "pins.h"

int flowtools_open(const char *ifname, bool may_attach, const struct flow_opts *fo,
		   struct flow_src *s)
{
	struct flow_opts own = *fo;
	struct attach_info ai = {0};
	struct loader *l;
	char missing[128];
	int err = flow_src_open_pinned(s, ifname), rc;

	if (!err) {
		if (fo->process && !pins_has(ifname, XS_PIN_OWNER_PROBE))
			log_msg(
			    "%s: the pinned flow table learns no owners (`xdpspy detach %s`, then "
			    "`xdpspy attach %s --flows --process`)",
			    ifname, ifname, ifname);
		return XS_EXIT_OK;
	}
	if (err == -ENOMSG) {
		log_msg("%s: xdpspy counts here without the flow table (`xdpspy detach %s`, then "
			"`xdpspy attach %s --flows`; or a capture with --flows)",
			ifname, ifname, ifname);
		return XS_EXIT_ERR;
	}
	if (err != -ENOENT)
		return XS_EXIT_ERR;
	if (!may_attach) {
		log_msg("%s: no flow table pinned here (`xdpspy attach %s --flows`)", ifname,
			ifname);
		return XS_EXIT_ERR;
	}
	if (loader_missing_caps(missing, sizeof(missing)) > 0) {
		log_msg("this needs %s", missing);
		return XS_EXIT_PRIVS;
	}
	own.on = true;
	if ((rc = counting_attach(ifname, HOOK_AUTO, &own, &l, &ai)))
		return rc;
	if (flow_src_from_loader(s, ifname, l)) {
		log_msg("%s: cannot read the flow table", ifname);
		loader_close(l);
		return XS_EXIT_ERR;
	}
	log_msg("%s: nothing attached here; counting with the flow table while this runs", ifname);
	return XS_EXIT_OK;
}

struct pick {
	char name[IF_NAMESIZE];
	int n;
};

static int count_flows(const char *ifname, void *ctx)
{
	struct pick *p = ctx;

	if (pins_has(ifname, loader_flow_pin[LFM_FLOWS]) && p->n++ == 0)
		snprintf(p->name, sizeof(p->name), "%s", ifname);
	return 0;
}

int flowtools_pick_if(char *buf, size_t len)
{
	struct pick p = {0};

	pins_for_each(count_flows, &p);
	if (p.n == 1) {
		snprintf(buf, len, "%s", p.name);
		return 0;
	}
	return iface_default(buf, len);
}
