/* SPDX-License-Identifier: GPL-2.0-only */
/* Value-to-name tables as data, as tcpdump keeps them (struct tok, tok2str). */
#ifndef XDPSPY_PRINT_TOK_H
#define XDPSPY_PRINT_TOK_H

#include <stdint.h>

#include "strbuf.h"

struct tok {
	uint32_t v;
	const char *s;
};

/* The name of v in t, a table ending with {0, NULL}; NULL when it has none. */
const char *tok_name(const struct tok *t, uint32_t v);
/* tok2str() with a text that has no number in it: v's name in t, or `unknown`. */
const char *tok_or(const struct tok *t, uint32_t v, const char *unknown);
/* Appends v's name in t, or `unknown`, the number and `unknown_end` ("type-#" "5" ""). */
void put_tok(struct strbuf *sb, const struct tok *t, uint32_t v, const char *unknown,
	     const char *unknown_end);

/* bittok2str(): the names of v's bits in t, joined by ", ", or `none` when none is set. */
void put_bits(struct strbuf *sb, const struct tok *t, uint32_t v, const char *none);

#endif
