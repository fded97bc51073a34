/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --classic's time stamp column (tcpdump 3.7.2's util.c ts_print): the zone offset taken once
 * per process, -ttt's "[%d. ]%06d" deltas. The reference of -ttt/-ttttt is the printer's
 * timefmt's, which only classic uses in those modes.
 */
#ifndef XDPSPY_PRINT_CLASSIC_TS_H
#define XDPSPY_PRINT_CLASSIC_TS_H

#include "printer.h"
#include "strbuf.h"

/* Appends the time stamp and its trailing space (nothing for -t). */
void classic_ts(struct printer *pr, struct strbuf *sb, const struct pkt_info *pi);

#endif
