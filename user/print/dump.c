// SPDX-License-Identifier: GPL-2.0-only
/*
 * Packet dumps as tcpdump 4.99.3 prints them (print-ascii.c): hex words, hex with an ASCII
 * column, or the bytes as text. Only strbuf writers; the caller owns the range and the record.
 */
#include "dump.h"

#define BYTES_PER_LINE 16
#define HEX_COLUMN 40 /* 8 words of " %02x%02x": hexstuff's "%-40s" */

static const char hexdig[] = "0123456789abcdef";

static void put_hex2(struct strbuf *sb, uint8_t b)
{
	sb_putc(sb, hexdig[b >> 4]);
	sb_putc(sb, hexdig[b & 0xf]);
}

static void put_offset(struct strbuf *sb, size_t off)
{
	sb_puts(sb, "\n\t0x");
	sb_puthex(sb, off, 4);
	sb_puts(sb, ": ");
}

/* One line's words, " %02x%02x" per pair and " %02x" for an odd last byte; returns columns. */
static unsigned put_words(struct strbuf *sb, const uint8_t *p, size_t n)
{
	unsigned cols = 0;

	for (size_t i = 0; i < n; i++) {
		if (!(i & 1)) {
			sb_putc(sb, ' ');
			cols++;
		}
		put_hex2(sb, p[i]);
		cols += 2;
	}
	return cols;
}

/* tcpdump's ND_ASCII_ISGRAPH: ASCII only, whatever the locale. */
static bool is_graph(uint8_t c)
{
	return c > 0x20 && c < 0x7f;
}

static void dump_hex(struct strbuf *sb, const uint8_t *p, size_t len, bool ascii)
{
	for (size_t off = 0; off < len; off += BYTES_PER_LINE) {
		size_t n = len - off < BYTES_PER_LINE ? len - off : BYTES_PER_LINE;
		unsigned cols;

		put_offset(sb, off);
		cols = put_words(sb, p + off, n);
		if (!ascii)
			continue;
		/* -X pads a short last line so its text column lines up. */
		for (; cols < HEX_COLUMN + 2; cols++)
			sb_putc(sb, ' ');
		for (size_t i = 0; i < n; i++)
			sb_putc(sb, is_graph(p[off + i]) ? (char)p[off + i] : '.');
	}
}

/*
 * -A keeps tab, space and newline and drops a CR when a LF follows it. It also drops a CR that
 * is one of the last two bytes: tcpdump tests "more than one byte left" before looking at the
 * next one, so "\rX" at the very end loses its CR too.
 */
static void dump_ascii(struct strbuf *sb, const uint8_t *p, size_t len)
{
	sb_putc(sb, '\n');
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];
		size_t left = len - i - 1;

		if (c == '\r') {
			if (left > 1 && p[i + 1] != '\n')
				sb_putc(sb, '.');
		} else if (is_graph(c) || c == '\t' || c == ' ' || c == '\n') {
			sb_putc(sb, (char)c);
		} else {
			sb_putc(sb, '.');
		}
	}
}

void print_dump(struct strbuf *sb, enum dump_kind kind, const uint8_t *p, size_t len)
{
	if (!len)
		return;
	switch (kind) {
	case DUMP_HEX:
		dump_hex(sb, p, len, false);
		break;
	case DUMP_HEX_ASCII:
		dump_hex(sb, p, len, true);
		break;
	case DUMP_ASCII:
		dump_ascii(sb, p, len);
		break;
	}
}

void print_hex_lines(struct strbuf *sb, const char *ident, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		if (i % 16 == 0) {
			sb_puts(sb, ident);
			sb_printf(sb, "0x%04zx: ", i);
		}
		sb_printf(sb, " %02x%02x", p[i], p[i + 1]);
	}
	if (len & 1) {
		if (i % 16 == 0) {
			sb_puts(sb, ident);
			sb_printf(sb, "0x%04zx: ", i);
		}
		sb_printf(sb, " %02x", p[i]);
	}
}
