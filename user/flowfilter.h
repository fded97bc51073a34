/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A filter expression for flows (`xdpspy top port 443`): libpcap compiles it, as for a
 * capture, and it runs on a packet made up from the flow's key in each direction (addresses,
 * ports, protocol, VLAN tag); the flow shows when either matches. Expressions about other
 * fields see them zero.
 */
#ifndef XDPSPY_FLOWFILTER_H
#define XDPSPY_FLOWFILTER_H

#include <stdbool.h>

#include "flow_table.h"

struct flowfilter;

/* Compiles the words of an expression; NULL with the error said. No words: every flow. */
struct flowfilter *flowfilter_new(char **words, int n);
bool flowfilter_match(const struct flowfilter *ff, const struct xs_flow_key *k);
void flowfilter_free(struct flowfilter *ff);

#endif
