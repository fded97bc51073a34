// SPDX-License-Identifier: GPL-2.0-only
/* pcapng blocks (pcapng.h). Block and option layouts: draft-ietf-opsawg-pcapng, sections 4.1-4.3. */
#include <string.h>

#include "pcapng.h"

#define BT_SHB 0x0a0d0d0a
#define BT_IDB 0x00000001
#define BT_EPB 0x00000006
#define BYTE_ORDER_MAGIC 0x1a2b3c4d
#define OPT_END 0
#define OPT_COMMENT 1
#define IF_NAME 2
#define IF_TSRESOL 9
#define EPB_FLAGS 2

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* An option (code, length, value, zero padding); returns the bytes it took. */
static size_t put_opt(uint8_t *p, uint16_t code, const void *val, size_t len)
{
	put16(p, code);
	put16(p + 2, (uint16_t)len);
	memcpy(p + 4, val, len);
	memset(p + 4 + len, 0, pad4(len) - len);
	return 4 + pad4(len);
}

/* The end of options, then the block's length at its start and its end. */
static size_t close_block(uint8_t *out, size_t len, int with_opts)
{
	if (with_opts) {
		put32(out + len, OPT_END);
		len += 4;
	}
	put32(out + 4, (uint32_t)(len + 4));
	put32(out + len, (uint32_t)(len + 4));
	return len + 4;
}

size_t pcapng_shb(uint8_t *out)
{
	put32(out, BT_SHB);
	put32(out + 8, BYTE_ORDER_MAGIC);
	put16(out + 12, 1); /* version 1.0 */
	put16(out + 14, 0);
	memset(out + 16, 0xff, 8); /* section length: not given */
	return close_block(out, 24, 0);
}

size_t pcapng_idb(uint8_t *out, uint16_t linktype, uint32_t snaplen, const char *name)
{
	uint8_t nanoseconds = 9;
	size_t len = 16, n = name ? strnlen(name, 16) : 0;

	put32(out, BT_IDB);
	put16(out + 8, linktype);
	put16(out + 10, 0);
	put32(out + 12, snaplen);
	if (n)
		len += put_opt(out + len, IF_NAME, name, n);
	len += put_opt(out + len, IF_TSRESOL, &nanoseconds, 1);
	return close_block(out, len, 1);
}

size_t pcapng_epb(uint8_t *out, const struct pcapng_pkt *p)
{
	size_t len = 28, n = p->comment_len;
	uint32_t flags = (uint32_t)p->dir;
	int opts = 0;

	put32(out, BT_EPB);
	put32(out + 8, p->ifid);
	put32(out + 12, (uint32_t)(p->ts_ns >> 32));
	put32(out + 16, (uint32_t)p->ts_ns);
	put32(out + 20, p->caplen);
	put32(out + 24, p->wire_len);
	memcpy(out + len, p->data, p->caplen);
	memset(out + len + p->caplen, 0, pad4(p->caplen) - p->caplen);
	len += pad4(p->caplen);
	if (flags) {
		len += put_opt(out + len, EPB_FLAGS, &flags, 4);
		opts = 1;
	}
	if (p->comment && n) {
		if (n > PCAPNG_COMMENT_MAX)
			n = PCAPNG_COMMENT_MAX;
		len += put_opt(out + len, OPT_COMMENT, p->comment, n);
		opts = 1;
	}
	return close_block(out, len, opts);
}
