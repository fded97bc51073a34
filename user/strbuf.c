// SPDX-License-Identifier: GPL-2.0-only
/* Number formatting for struct strbuf; printf only for the rare odd format. */
#include <stdarg.h>
#include <stdio.h>

#include "strbuf.h"

/* Two digits per division: the printer's hottest function (sequence numbers, times). */
const char sb_digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* Digits of v, from its highest bit (Bit Twiddling Hacks' integer log base 10). */
static int ndigits(uint64_t v)
{
	static const uint64_t pow10[20] = {1ull,
					   10ull,
					   100ull,
					   1000ull,
					   10000ull,
					   100000ull,
					   1000000ull,
					   10000000ull,
					   100000000ull,
					   1000000000ull,
					   10000000000ull,
					   100000000000ull,
					   1000000000000ull,
					   10000000000000ull,
					   100000000000000ull,
					   1000000000000000ull,
					   10000000000000000ull,
					   100000000000000000ull,
					   1000000000000000000ull,
					   10000000000000000000ull};
	int t = (64 - __builtin_clzll(v | 1)) * 1233 >> 12;

	return t - ((v | 1) < pow10[t]) + 1; /* | 1: 0 has a digit too */
}

/* Writes the digits of v backwards, ending at end; 32-bit divisions while v fits in 32 bits. */
static void put_digits(char *end, uint64_t v)
{
	uint32_t w;

	while (v > UINT32_MAX) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		*--end = sb_digit_pairs[d + 1];
		*--end = sb_digit_pairs[d];
	}
	for (w = (uint32_t)v; w >= 100; w /= 100) {
		unsigned d = w % 100 * 2;

		*--end = sb_digit_pairs[d + 1];
		*--end = sb_digit_pairs[d];
	}
	if (w >= 10) {
		*--end = sb_digit_pairs[(size_t)w * 2 + 1];
		*--end = sb_digit_pairs[(size_t)w * 2];
	} else {
		*--end = (char)('0' + w);
	}
}

/* Straight into the buffer (the digits counted first), so no copy on every number of a line. */
void sb_put0u(struct strbuf *sb, uint64_t v, int width)
{
	int n = ndigits(v), len = width > n ? width : n;
	char tmp[24];

	if ((size_t)len <= sb->cap - sb->len) {
		char *at = sb->buf + sb->len;

		put_digits(at + len, v);
		for (int i = 0; i < len - n; i++)
			at[i] = '0';
		sb->len += (size_t)len;
		return;
	}
	/* Near the end: as much as fits, then full (sb_putn). */
	len = len > (int)sizeof(tmp) ? (int)sizeof(tmp) : len;
	put_digits(tmp + len, v);
	memset(tmp, '0', (size_t)(len - n));
	sb_putn(sb, tmp, (size_t)len);
}

static const char hex_digits[] = "0123456789abcdef";

/* The hex digits of v (at least width), ending at end; how many. */
static size_t hex_at(char *end, uint64_t v, int width)
{
	char *p = end;

	do {
		*--p = hex_digits[v & 0xf];
		v >>= 4;
		width--;
	} while (v);
	while (width-- > 0)
		*--p = '0';
	return (size_t)(end - p);
}

void sb_puthex(struct strbuf *sb, uint64_t v, int width)
{
	char tmp[32];
	size_t n;

	width = width > 16 ? 16 : width;
	n = hex_at(tmp + sizeof(tmp), v, width);
	sb_putn(sb, tmp + sizeof(tmp) - n, n);
}

void sb_puthexbytes(struct strbuf *sb, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char two[2] = {hex_digits[p[i] >> 4], hex_digits[p[i] & 0xf]};

		sb_putn(sb, two, 2);
	}
}

/* An address byte's digits and a dot after them, four bytes each, made once: an IPv4 line has
 * eight address bytes, each then one 4-byte copy. */
static char ip4_forms[256][4];
static uint8_t ip4_lens[256];

static void make_ip4_forms(void)
{
	for (unsigned b = 0; b < 256; b++) {
		unsigned n = sb_ndigits32(b);

		sb_digits32_at(ip4_forms[b], b, n);
		ip4_forms[b][n] = '.';
		ip4_lens[b] = (uint8_t)n;
	}
}

/* The address's text, its last dot written past the returned length: room for 16. */
static size_t ip4_at(char *at, const uint8_t *a)
{
	char *p = at;

	if (!ip4_lens[0])
		make_ip4_forms();
	for (int i = 0; i < 4; i++) {
		memcpy(p, ip4_forms[a[i]], 4);
		p += ip4_lens[a[i]] + 1u;
	}
	return (size_t)(p - at) - 1;
}

size_t sb_ip4_text(char *at, const uint8_t *a)
{
	return ip4_at(at, a);
}

void sb_put_ip4(struct strbuf *sb, const uint8_t *a)
{
	char tmp[SB_IP4_ROOM];
	size_t n;

	if (sb->cap - sb->len >= sizeof(tmp)) {
		sb->len += ip4_at(sb->buf + sb->len, a);
		return;
	}
	n = ip4_at(tmp, a);
	sb_putn(sb, tmp, n);
}

/* Same layout as inet_ntop(): longest run (>= 2) of zero words as "::", v4-mapped tail. */
size_t sb_ip6_text(char *tmp, const uint8_t *a)
{
	uint16_t w[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	size_t n = 0;

	for (int i = 0; i < 8; i++) {
		w[i] = (uint16_t)(a[2 * (size_t)i] << 8 | a[2 * (size_t)i + 1]);
		if (w[i] == 0) {
			if (cur < 0)
				cur = i, cur_len = 0;
			cur_len++;
			if (cur_len > best_len)
				best = cur, best_len = cur_len;
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;

	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				tmp[n++] = ':';
			continue;
		}
		if (i)
			tmp[n++] = ':';
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)))
			return n + ip4_at(tmp + n, a + 12);
		n += hex_at(tmp + n + 1 + (w[i] >= 0x10) + (w[i] >= 0x100) + (w[i] >= 0x1000), w[i],
			    0);
	}
	if (best >= 0 && best + best_len == 8)
		tmp[n++] = ':';
	return n;
}

/* Built in a local buffer and copied once (up to 45 characters). */
void sb_put_ip6(struct strbuf *sb, const uint8_t *a)
{
	char tmp[SB_IP6_ROOM];
	size_t n = sb_ip6_text(tmp, a);

	sb_putn(sb, tmp, n);
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
