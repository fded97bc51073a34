// SPDX-License-Identifier: GPL-2.0-only
/*
 * ICMP multi-part extensions (RFC 4884, RFC 4950's MPLS label stack), which tcpdump 4.99.3
 * looks for under -v after the quoted packet of an unreachable, time exceeded or parameter
 * problem message longer than 136 bytes: the extension header 128 bytes after the ICMP header,
 * then its objects.
 */
#include "csum.h"
#include "dump.h"
#include "icmp.h"
#include "tok.h"
#include "wire.h"

enum {
	EXT_MINLEN = 136, /* the ICMP header and the 128 bytes of the original datagram */
	EXT_HLEN = 141, /* tcpdump's struct icmp_ext_t, one byte of data included */
};

static const struct tok objects[] = {
    {1, "MPLS Stack Entry"},
    {2, "Interface Identification"},
    {0, NULL},
};

/* in_cksum() over p[0, len): 0 when the checksum in it is right. */
static uint16_t in_cksum(const uint8_t *p, uint32_t len)
{
	return (uint16_t)~csum_fold(csum_add(0, p, len));
}

static bool multipart_type(uint8_t type)
{
	return type == 3 || type == 11 || type == 12;
}

/* The objects after the extension header; false when the capture ends first. */
static bool put_objects(const uint8_t *p, uint32_t n, uint32_t hlen, struct strbuf *sb)
{
	uint32_t at = EXT_MINLEN + 4, tlen, class, ctype;

	while (hlen > 4) {
		if (at + 4 > n)
			return false;
		tlen = rd16(p + at);
		class = p[at + 2];
		ctype = p[at + 3];
		at += 4;
		sb_printf(sb, "\n\t  %s Object (%u), Class-Type: %u, length %u",
			  tok_name(objects, class) ? tok_name(objects, class) : "unknown", class,
			  ctype, tlen);
		hlen -= 4;
		if (!class || tlen < 4)
			return true;
		tlen -= 4;
		if (class == 1 && ctype == 1) {
			uint32_t e;

			if (at + 4 > n)
				return false;
			e = rd32(p + at);
			sb_printf(sb, "\n\t    label %u, tc %u%s, ttl %u", e >> 12, (e >> 9) & 7,
				  e & 0x100 ? ", [S]" : "", e & 0xff);
		} else {
			print_hex_lines(sb, "\n\t    ", p + at, at + tlen <= n ? tlen : n - at);
		}
		if (hlen < tlen)
			break;
		hlen -= tlen;
		at += tlen;
	}
	return true;
}

bool print_icmp_ext(const uint8_t *p, uint32_t n, uint32_t plen, struct strbuf *sb)
{
	uint32_t hlen;

	if (plen <= EXT_MINLEN || !multipart_type(p[0]))
		return true;
	if (n < EXT_HLEN)
		return false;
	/* No length field: only a right checksum says an extension is there. */
	if (p[5] == 0 && n >= plen && in_cksum(p + EXT_MINLEN, plen - EXT_MINLEN))
		return true;
	sb_printf(sb, "\n\tICMP Multi-Part extension v%u", p[EXT_MINLEN] >> 4);
	if (p[EXT_MINLEN] >> 4 != 2) {
		sb_puts(sb, " packet not supported");
		return true;
	}
	hlen = plen - EXT_MINLEN;
	if (n >= plen)
		sb_printf(sb, ", checksum 0x%04x (%scorrect), length %u", rd16(p + EXT_MINLEN + 2),
			  in_cksum(p + EXT_MINLEN, hlen) ? "in" : "", hlen);
	return put_objects(p, n, hlen - 4, sb);
}
