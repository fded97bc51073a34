/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A decoder's bytes as tcpdump's GET_ macros read them: a read past the captured bytes yields
 * 0 and marks the cursor cut, where tcpdump longjmps out of the record and prints " [|proto]".
 * Decoders read, print what they read, and stop at the first cut read (cur_cut()).
 */
#ifndef XDPSPY_PRINT_CURSOR_H
#define XDPSPY_PRINT_CURSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "dump.h"

struct cur {
	const uint8_t *p;
	uint32_t cap; /* bytes held from p on */
	bool cut; /* a read went past cap */
	const char *proto; /* " [|proto]"'s name when it is not the caller's, or NULL */
};

static inline struct cur cur_make(const uint8_t *p, uint32_t cap)
{
	struct cur c = {p, p ? cap : 0, false, NULL};

	return c;
}

/* ND_TTEST_LEN: are bytes [off, off + n) held? */
static inline bool cur_has(const struct cur *c, uint32_t off, uint32_t n)
{
	return (uint64_t)off + n <= c->cap;
}

/* ND_TCHECK_LEN: the same, marking the cursor cut when they are not. */
static inline bool cur_need(struct cur *c, uint32_t off, uint32_t n)
{
	if (cur_has(c, off, n))
		return true;
	c->cut = true;
	return false;
}

static inline uint8_t cur_u8(struct cur *c, uint32_t off)
{
	return cur_need(c, off, 1) ? c->p[off] : 0;
}

static inline uint16_t cur_be16(struct cur *c, uint32_t off)
{
	return cur_need(c, off, 2) ? (uint16_t)(c->p[off] << 8 | c->p[off + 1]) : 0;
}

static inline uint32_t cur_be24(struct cur *c, uint32_t off)
{
	return cur_need(c, off, 3)
		   ? (uint32_t)c->p[off] << 16 | (uint32_t)c->p[off + 1] << 8 | c->p[off + 2]
		   : 0;
}

static inline uint32_t cur_be32(struct cur *c, uint32_t off)
{
	return cur_need(c, off, 4) ? (uint32_t)c->p[off] << 24 | (uint32_t)c->p[off + 1] << 16 |
					 (uint32_t)c->p[off + 2] << 8 | c->p[off + 3]
				   : 0;
}

static inline uint16_t cur_le16(struct cur *c, uint32_t off)
{
	return cur_need(c, off, 2) ? (uint16_t)(c->p[off] | c->p[off + 1] << 8) : 0;
}

/* ND_DEFAULTPRINT of len bytes at off: the hex and ASCII of those held; a cut read past them. */
static inline void cur_default_print(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t len)
{
	uint32_t held = off < c->cap ? c->cap - off : 0;

	print_dump(sb, DUMP_HEX_ASCII, c->p + (held ? off : 0), len < held ? len : held);
	if (len > held)
		c->cut = true;
}

/* print_unknown_data: the hex of len bytes at off, those held. */
static inline void cur_unknown_data(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t len,
				    const char *ident)
{
	uint32_t held = off < c->cap ? c->cap - off : 0;

	print_hex_lines(sb, ident, c->p + (held ? off : 0), len < held ? len : held);
}

#endif
