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

/* "00" to "99", two characters each: numbers are written two digits per division. */
extern const char sb_digit_pairs[201];

void sb_put0u(struct strbuf *sb, uint64_t v, int width); /* zero-padded to width */

/* Digits of a 32-bit value: compares, which a line's similar numbers predict well. */
static inline unsigned sb_ndigits32(uint32_t v)
{
	return 1u + (v >= 10) + (v >= 100) + (v >= 1000) + (v >= 10000) + (v >= 100000) +
	       (v >= 1000000) + (v >= 10000000) + (v >= 100000000) + (v >= 1000000000);
}

/* The n digits of v (n at least its own), zero-padded, ending at at + n. */
static inline void sb_digits32_at(char *at, uint32_t v, unsigned n)
{
	char *end = at + n;

	while (v >= 100) {
		unsigned d = v % 100 * 2;

		v /= 100;
		end -= 2;
		memcpy(end, sb_digit_pairs + d, 2);
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, sb_digit_pairs + v * 2, 2);
	} else {
		*--end = (char)('0' + v);
	}
	while (end > at)
		*--end = '0';
}

/*
 * A line has a dozen numbers (ports, sequence numbers, window, option values, length), nearly
 * all under 2^32: those are written here, inline, without a call; the rest by sb_put0u().
 */
static inline void sb_putu(struct strbuf *sb, uint64_t v)
{
	if (v <= UINT32_MAX && sb->cap - sb->len >= 10) {
		unsigned n = sb_ndigits32((uint32_t)v);

		sb_digits32_at(sb->buf + sb->len, (uint32_t)v, n);
		sb->len += n;
		return;
	}
	sb_put0u(sb, v, 0);
}

/* A time stamp's fraction, %06u or %09u: fixed width, so no digits to count. */
static inline void sb_putfrac(struct strbuf *sb, uint32_t v, unsigned width)
{
	if (v < (width == 9 ? 1000000000u : 1000000u) && sb->cap - sb->len >= width) {
		sb_digits32_at(sb->buf + sb->len, v, width);
		sb->len += width;
		return;
	}
	sb_put0u(sb, v, (int)width);
}

void sb_puthex(struct strbuf *sb, uint64_t v, int width); /* lowercase, zero-padded */
void sb_puthexbytes(struct strbuf *sb, const uint8_t *p, size_t n); /* "%02x" each */
/* Addresses as inet_ntop() writes them, without its sprintf. */
void sb_put_ip4(struct strbuf *sb, const uint8_t *a);
void sb_put_ip6(struct strbuf *sb, const uint8_t *a);
/* The same text at `at`, which has room for SB_IP4_ROOM or SB_IP6_ROOM bytes (some past the
 * text may be written); its length. */
#define SB_IP4_ROOM 16
#define SB_IP6_ROOM 64
size_t sb_ip4_text(char *at, const uint8_t *a);
size_t sb_ip6_text(char *at, const uint8_t *a);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));

#endif
