/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local process behind a flow (struct xs_flow_owner, --flows with --process) as top, flows
 * and watch show it. Only what the kernel found: a flow whose owner is not known shows none.
 */
#ifndef XDPSPY_FLOWOWNER_H
#define XDPSPY_FLOWOWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flow_table.h"
#include "flowfmt.h"

/* "curl/812" for the PROCESS column, or "-" when not known. */
void flow_owner_cell(char *buf, size_t len, const struct xs_flow *f);
/* " (curl, pid 812)" after an alarm about the flow, or "" when its owner is not known. */
void flow_owner_suffix(char *buf, size_t len, const struct xs_flow *f);
/* ,"process":{"pid":N,"comm":"curl","cgroup":"/...","cgroup_id":N,"endpoint":"client"} (the
 * cgroup's path null when it is gone), or ,"process":null. client: the flow's client end. */
void flow_owner_json(FILE *out, const struct xs_flow *f, int client);
/* Whether any of the n flows has its owner: top and flows show the column only then. */
bool flow_owner_any(const struct flow_view *v, size_t n);

#endif
