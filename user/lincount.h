/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linear counting (Whang et al., 1990), for the detectors' bitmaps: n distinct items hashed
 * into m bits set, on average, m (1 - (1 - 1/m)^n) of them. Without libm: the power by
 * repeated products, the inverse by counting up (the bitmaps are small).
 */
#ifndef XDPSPY_LINCOUNT_H
#define XDPSPY_LINCOUNT_H

/* The bits n distinct items set, on average, in a bitmap of m. */
static inline double lincount_bits(unsigned m, unsigned n)
{
	double keep = 1;

	for (unsigned i = 0; i < n; i++)
		keep *= 1 - 1.0 / m;
	return m * (1 - keep);
}

/*
 * The distinct items that set `bits` of m bits: the least n whose expected bits reach them.
 * A bitmap full to its last bit says only "at least", capped at 8 m.
 */
static inline unsigned lincount_estimate(unsigned m, unsigned bits)
{
	double keep = 1, want = 1 - (double)bits / m;
	unsigned n = 0;

	while (keep > want && n < 8 * m) {
		keep *= 1 - 1.0 / m;
		n++;
	}
	return n;
}

#endif
