// SPDX-License-Identifier: GPL-2.0-only
/* Ones'-complement sums (csum.h). 64 bits hold the sum of any frame without folding. */
#include "csum.h"

uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t len)
{
	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint64_t csum_sub(uint64_t sum, const uint8_t *p, size_t len)
{
	for (; len > 1; p += 2, len -= 2)
		sum += (uint16_t) ~(p[0] << 8 | p[1]);
	if (len)
		sum += (uint16_t) ~(p[0] << 8);
	return sum;
}

uint16_t csum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

uint16_t csum_shouldbe(uint16_t field, uint16_t computed)
{
	return csum_fold((uint64_t)field + computed);
}
