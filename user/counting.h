/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The counters-only programs (with --flows, the flow table too) attached to an interface:
 * what `xdpspy attach` pins and leaves running, and what `top` and `watch` attach for as long
 * as they run where nothing is attached.
 */
#ifndef XDPSPY_COUNTING_H
#define XDPSPY_COUNTING_H

#include "detect_opts.h"
#include "hook.h"
#include "loader.h"

/*
 * Loads and attaches them to ifname (ingress at the planned hook, egress but on lo). Returns
 * 0 with *out, or an exit code (exit_codes.h), said.
 */
int counting_attach(const char *ifname, enum ingress_hook hook, const struct flow_opts *fo,
		    struct loader **out, struct attach_info *ai);

#endif
