/* SPDX-License-Identifier: GPL-2.0-only */
/* -i: live capture on one interface, both directions, until a signal, -c or a closed stdout. */
#ifndef XDPSPY_LIVE_H
#define XDPSPY_LIVE_H

#include "opts.h"

/* Returns the exit code: 0 ok, 1 error, 3 interface busy, 4 missing privileges. */
int live_run(const struct opts *o);

#endif
