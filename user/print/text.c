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

/* unsigned_relts_print(): -vvv's TTL as 1w2d3h4m5s. */
void put_relts(struct strbuf *sb, uint32_t secs)
{
	static const char *const units[] = {"y", "w", "d", "h", "m", "s"};
	static const uint32_t seconds[] = {31536000, 604800, 86400, 3600, 60, 1};

	if (!secs) {
		sb_puts(sb, "0s");
		return;
	}
	for (int i = 0; i < 6; i++) {
		if (secs >= seconds[i]) {
			sb_printf(sb, "%u%s", secs / seconds[i], units[i]);
			secs %= seconds[i];
		}
	}
}
