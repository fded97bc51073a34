/* SPDX-License-Identifier: GPL-2.0-only */
/* tcpdump's time stamp column (-t, -tt, -ttt, -tttt, -ttttt), a second's text cached. */
#ifndef XDPSPY_TIMEFMT_H
#define XDPSPY_TIMEFMT_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

struct timefmt {
	int tflag;
	bool nano;
	int64_t ref_sec; /* -ttt: the previous packet; -ttttt: the first */
	int64_t ref_frac;
	int64_t cached_sec; /* this second's local time (or -tt's epoch text), formatted once */
	char cached[32];
	size_t cached_len;
};

void timefmt_init(struct timefmt *tf, int tflag, bool nano);
/* Appends the time stamp and its trailing space (nothing for -t). */
void timefmt_print(struct timefmt *tf, struct strbuf *sb, int64_t sec, int64_t frac);

#endif
