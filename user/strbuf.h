/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A bounded output buffer for building lines without printf on the hot path. Writers never
 * overflow: past the end they stop and set `full`, which callers check only where it matters.
 */
#ifndef XDPSPY_STRBUF_H
#define XDPSPY_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
	bool full;
};

static inline void sb_init(struct strbuf *sb, char *buf, size_t cap)
{
	sb->buf = buf;
	sb->len = 0;
	sb->cap = cap;
	sb->full = false;
}

static inline void sb_putn(struct strbuf *sb, const char *s, size_t n)
{
	if (n > sb->cap - sb->len) {
		n = sb->cap - sb->len;
		sb->full = true;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
}

static inline void sb_putc(struct strbuf *sb, char c)
{
	if (sb->len < sb->cap)
		sb->buf[sb->len++] = c;
	else
		sb->full = true;
}

static inline void sb_puts(struct strbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_putu(struct strbuf *sb, uint64_t v);
void sb_put0u(struct strbuf *sb, uint64_t v, int width); /* zero-padded to width */
void sb_puthex(struct strbuf *sb, uint64_t v, int width); /* lowercase, zero-padded */
void sb_puthexbytes(struct strbuf *sb, const uint8_t *p, size_t n); /* "%02x" each */
/* Addresses as inet_ntop() writes them, without its sprintf. */
void sb_put_ip4(struct strbuf *sb, const uint8_t *a);
void sb_put_ip6(struct strbuf *sb, const uint8_t *a);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));

#endif
