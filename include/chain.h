/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tail-call chain a filter expression runs in. The attached program parses and counts the
 * frame, then tail-calls the filter built at run time from the expression; the filter
 * tail-calls MATCH (send the event) or REJECT (count it as filtered). Slots of the per-hook
 * program arrays, shared by the BPF side, the loader and the translator.
 */
#ifndef XDPSPY_CHAIN_H
#define XDPSPY_CHAIN_H

/* The hooks, each with a chain and a per-CPU staged record of its own. */
enum xs_hook {
	XS_HOOK_XDP, /* ingress, at XDP */
	XS_HOOK_TC_EGRESS,
	XS_HOOK_TC_INGRESS, /* ingress, at TC: after GRO */
	XS_HOOKS,
};

enum xs_chain_slot {
	XS_CHAIN_FILTER,
	XS_CHAIN_MATCH,
	XS_CHAIN_REJECT,
	XS_CHAIN_SLOTS,
};

#endif
