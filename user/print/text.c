// SPDX-License-Identifier: GPL-2.0-only
/* Text from the wire, escaped as tcpdump's util-print.c escapes it (text.h). */
#include "text.h"

void put_print_char(struct strbuf *sb, uint8_t c)
{
	if (c & 0x80) {
		c &= 0x7f;
		sb_puts(sb, "M-");
	}
	if (c < 0x20 || c > 0x7e) {
		c ^= 0x40;
		sb_putc(sb, '^');
	}
	sb_putc(sb, (char)c);
}

void put_printjnp(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t ch = cur_u8(c, off + i);

		if (c->cut || ch == '\0')
			return;
		put_print_char(sb, ch);
	}
}

void put_printjn(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t ch = cur_u8(c, off + i);

		if (c->cut)
			return;
		put_print_char(sb, ch);
	}
}
