// SPDX-License-Identifier: GPL-2.0-only
/* Value-to-name tables (tok.h): they are short, a scan is all they need. */
#include <stddef.h>

#include "tok.h"

const char *tok_name(const struct tok *t, uint32_t v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

const char *tok_or(const struct tok *t, uint32_t v, const char *unknown)
{
	const char *name = tok_name(t, v);

	return name ? name : unknown;
}

void put_tok(struct strbuf *sb, const struct tok *t, uint32_t v, const char *unknown,
	     const char *unknown_end)
{
	const char *name = tok_name(t, v);

	if (name) {
		sb_puts(sb, name);
		return;
	}
	sb_puts(sb, unknown);
	sb_putu(sb, v);
	sb_puts(sb, unknown_end);
}

void put_bits(struct strbuf *sb, const struct tok *t, uint32_t v, const char *none)
{
	bool first = true;

	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			sb_puts(sb, first ? "" : ", ");
			sb_puts(sb, t->s);
			first = false;
		}
	}
	if (first)
		sb_puts(sb, none);
}
