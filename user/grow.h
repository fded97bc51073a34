/* SPDX-License-Identifier: GPL-2.0-only */
/* Arrays that grow by doubling, one element at a time (the lists the tools and loader keep). */
#ifndef XDPSPY_GROW_H
#define XDPSPY_GROW_H

#include <stdlib.h>

/*
 * Room for element n of arr, which holds *cap of elem bytes each: arr itself while n < *cap,
 * else arr reallocated to twice *cap (first when empty) and *cap updated; NULL when out of
 * memory, arr and *cap left as they were.
 */
static inline void *grow_for(void *arr, size_t n, size_t *cap, size_t elem, size_t first)
{
	size_t want = *cap ? 2 * *cap : first;
	void *grown;

	if (n < *cap)
		return arr;
	grown = realloc(arr, want * elem);
	if (grown)
		*cap = want;
	return grown;
}

#endif
