// SPDX-License-Identifier: GPL-2.0-only
/* Number formatting for struct strbuf; printf only for the rare odd format. */
#include <stdarg.h>
#include <stdio.h>

#include "strbuf.h"

void sb_put0u(struct strbuf *sb, uint64_t v, int width)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
		width--;
	} while (v);
	while (width-- > 0 && i > 0)
		tmp[--i] = '0';
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void sb_putu(struct strbuf *sb, uint64_t v)
{
	sb_put0u(sb, v, 0);
}

void sb_puthex(struct strbuf *sb, uint64_t v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v & 0xf];
		v >>= 4;
		width--;
	} while (v);
	while (width-- > 0 && i > 0)
		tmp[--i] = '0';
	sb_putn(sb, tmp + i, sizeof(tmp) - (size_t)i);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room = sb->cap - sb->len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		sb->len = room ? sb->cap - 1 : sb->cap;
		sb->full = true;
		return;
	}
	sb->len += (size_t)n;
}
