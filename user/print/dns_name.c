// SPDX-License-Identifier: GPL-2.0-only
/*
 * DNS names and strings (RFC 1035 4.1.4 compression, RFC 2673 bit labels) as tcpdump 4.99.3's
 * print-domain.c walks them: pointers only backwards, names cut at 255 characters, bytes
 * outside printable ASCII escaped ("M-", "^"). dns.c prints the messages around them.
 */
#include "dns.h"
#include "wire.h"
#include "text.h"

enum {
	TYPE_MASK = 0xc0,
	TYPE_INDIR = 0xc0,
	TYPE_RESERVED = 0x80,
	TYPE_EDNS0 = 0x40,
	ELT_BITLABEL = 0x01,
	MAXCDNAME = 255,
};

bool dns_get(struct dns *d, uint32_t off, uint32_t n)
{
	if ((uint64_t)off + n <= d->cap)
		return true;
	d->lost = true;
	return false;
}

bool dns_printn(struct dns *d, uint32_t off, uint32_t n)
{
	for (; n && off < d->cap; n--, off++)
		put_print_char(d->sb, d->bp[off]);
	return n == 0;
}

int64_t dns_nskip(const struct dns *d, uint32_t cp)
{
	uint8_t i;

	if (cp >= d->cap)
		return -1;
	i = d->bp[cp++];
	while (i) {
		switch (i & TYPE_MASK) {
		case TYPE_INDIR:
			return cp + 1;
		case TYPE_EDNS0:
			if ((i & ~TYPE_MASK) != ELT_BITLABEL || cp >= d->cap)
				return -1;
			cp += 1 + ((d->bp[cp] ? d->bp[cp] : 256) + 7) / 8;
			break;
		case TYPE_RESERVED:
			return -1;
		default:
			cp += i;
			break;
		}
		if (cp >= d->cap)
			return -1;
		i = d->bp[cp++];
	}
	return cp;
}

/* blabel_print(): "\[x<hex>/<bits>]"; -1 when the record ended. */
static int64_t put_bitlabel(struct dns *d, uint32_t cp)
{
	uint32_t bitlen, lim, b, p;

	if (cp >= d->cap)
		return -1;
	bitlen = d->bp[cp] ? d->bp[cp] : 256;
	lim = cp + 1 + (bitlen + 3) / 4;
	sb_puts(d->sb, "\\[x");
	for (p = cp + 1, b = bitlen; p < lim && b > 7; b -= 8, p++) {
		if (!dns_get(d, p, 1))
			return -1;
		sb_printf(d->sb, "%02x", d->bp[p]);
	}
	if (b > 4) {
		if (!dns_get(d, p, 1))
			return -1;
		sb_printf(d->sb, "%02x", d->bp[p] & (0xff << (8 - b)) & 0xff);
	} else if (b > 0) {
		if (!dns_get(d, p, 1))
			return -1;
		sb_printf(d->sb, "%1x", (d->bp[p] >> 4) & (0x0f << (4 - b)) & 0x0f);
	}
	sb_printf(d->sb, "/%u]", bitlen);
	return lim;
}

/* labellen(): a label's length, a pointer's first byte, a bit label's bytes; -1 on a bad
 * type (said) or the end of the capture. */
static int64_t label_len(struct dns *d, uint32_t cp)
{
	uint8_t i;

	if (cp >= d->cap)
		return -1;
	i = d->bp[cp];
	switch (i & TYPE_MASK) {
	case TYPE_EDNS0:
		if ((i & ~TYPE_MASK) != ELT_BITLABEL) {
			sb_printf(d->sb, "<ELT %d>", i & ~TYPE_MASK);
			return -1;
		}
		if (cp + 1 >= d->cap)
			return -1;
		return ((d->bp[cp + 1] ? d->bp[cp + 1] : 256) + 7) / 8 + 1;
	case TYPE_RESERVED:
		sb_puts(d->sb, "<BAD LABEL TYPE>");
		return -1;
	default:
		return i;
	}
}

/* The label byte at *cp and its length, *cp past it; false when the name ends there. */
static bool next_label(struct dns *d, uint32_t *cp, uint8_t *i, int64_t *l)
{
	if (*cp >= d->cap)
		return false;
	*i = d->bp[*cp];
	if ((*l = label_len(d, *cp)) < 0)
		return false;
	(*cp)++;
	return true;
}

/* One label's text, or the bit label; false when the name's printing ends. */
static bool put_label(struct dns *d, uint8_t i, uint32_t cp, uint32_t l, uint32_t *chars)
{
	switch (i & TYPE_MASK) {
	case TYPE_EDNS0:
		if ((i & ~TYPE_MASK) != ELT_BITLABEL) {
			sb_printf(d->sb, "<ELT %u>", i & ~TYPE_MASK);
			return false;
		}
		return put_bitlabel(d, cp) >= 0;
	case TYPE_RESERVED:
		sb_puts(d->sb, "<BAD LABEL TYPE>");
		return false;
	default:
		if (*chars + l <= MAXCDNAME) {
			if (!dns_printn(d, cp, l))
				return false;
		} else if (*chars < MAXCDNAME) {
			if (!dns_printn(d, cp, MAXCDNAME - *chars))
				return false;
		}
		*chars += l;
		return true;
	}
}

int64_t dns_fqdn(struct dns *d, uint32_t cp)
{
	uint32_t max_off = cp, chars = 0, rp = 0, off;
	int64_t l = label_len(d, cp);
	bool compress = false;
	uint8_t i;

	if (l < 0 || cp >= d->cap)
		return -1;
	i = d->bp[cp++];
	if ((i & TYPE_MASK) != TYPE_INDIR)
		rp = cp + (uint32_t)l;
	if (!i) {
		sb_putc(d->sb, '.');
		return rp;
	}
	while (i && cp < d->cap) {
		if ((i & TYPE_MASK) == TYPE_INDIR) {
			if (!compress) {
				rp = cp + 1;
				compress = true;
			}
			if (cp >= d->cap)
				return -1;
			off = ((uint32_t)i << 8 | d->bp[cp]) & 0x3fff;
			if (off >= max_off) {
				sb_puts(d->sb, "<BAD PTR>");
				return -1;
			}
			max_off = off;
			cp = off;
			if (!next_label(d, &cp, &i, &l))
				return -1;
			continue;
		}
		if (!put_label(d, i, cp, (uint32_t)l, &chars))
			return -1;
		cp += (uint32_t)l;
		if (chars <= MAXCDNAME)
			sb_putc(d->sb, '.');
		chars++;
		if (!next_label(d, &cp, &i, &l))
			return -1;
		if (!compress)
			rp += (uint32_t)l + 1;
	}
	if (chars > MAXCDNAME)
		sb_puts(d->sb, "<DOMAIN NAME TOO LONG>");
	return rp;
}

int64_t dns_cstring(struct dns *d, uint32_t cp)
{
	uint8_t n;

	if (cp >= d->cap)
		return -1;
	n = d->bp[cp++];
	if (!dns_printn(d, cp, n))
		return -1;
	return cp + n;
}
