/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading what came off the wire: the event's network-order fields in host order, and
 * big-endian numbers from byte arrays of any alignment. For every printer file.
 */
#ifndef XDPSPY_PRINT_WIRE_H
#define XDPSPY_PRINT_WIRE_H

#include <stdint.h>

/* A field the event keeps as it was on the wire (__be16, __be32), in host order. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define be16(raw) ((uint16_t)__builtin_bswap16(raw))
#define be32(raw) ((uint32_t)__builtin_bswap32(raw))
#else
#define be16(raw) ((uint16_t)(raw))
#define be32(raw) ((uint32_t)(raw))
#endif

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t rd64(const uint8_t *p)
{
	return (uint64_t)rd32(p) << 32 | rd32(p + 4);
}

#endif
