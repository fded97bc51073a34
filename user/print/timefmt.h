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

/*
 * timefmt_print()'s default column (local time, no -t) at p, when sec is the second whose text
 * it formatted last and frac is in range: the cursor after its space. NULL otherwise: then
 * timefmt_print() writes it. p has room for 48 bytes.
 */
static inline char *timefmt_same_second(const struct timefmt *tf, char *p, int64_t sec,
					int64_t frac)
{
	unsigned width = tf->nano ? 9 : 6;

	if (tf->tflag != 0 || sec != tf->cached_sec || frac < 0 ||
	    frac >= (tf->nano ? 1000000000 : 1000000))
		return NULL;
	memcpy(p, tf->cached, tf->cached_len);
	p += tf->cached_len;
	*p++ = '.';
	sb_digits32_at(p, (uint32_t)frac, width);
	p += width;
	*p++ = ' ';
	return p;
}

#endif
