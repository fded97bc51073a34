/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pcapng blocks (draft-ietf-opsawg-pcapng) as -w writes them to a .pcapng file: a section
 * header, one interface description per interface seen, and an enhanced packet block per
 * packet with its direction (epb_flags) and, with --process, its owner as a comment in the
 * form ptcpdump writes. Encoding only, into a caller's buffer, in the writer's byte order.
 */
#ifndef XDPSPY_PCAPNG_H
#define XDPSPY_PCAPNG_H

#include <stddef.h>
#include <stdint.h>

/* epb_flags' inbound/outbound bits (the draft's section 4.3.1) */
enum pcapng_dir {
	PCAPNG_DIR_UNKNOWN = 0,
	PCAPNG_DIR_IN = 1,
	PCAPNG_DIR_OUT = 2,
};

#define PCAPNG_SHB_LEN 28
/* An interface description: fixed part, if_name (at most IF_NAMESIZE), if_tsresol, end. */
#define PCAPNG_IDB_MAX (20 + 4 + 16 + 8 + 4 + 4)
#define PCAPNG_COMMENT_MAX 512
/* What an enhanced packet block adds to its bytes (padded): fixed part, flags, comment, end. */
#define PCAPNG_EPB_EXTRA (32 + 8 + 4 + PCAPNG_COMMENT_MAX + 4 + 3)

struct pcapng_pkt {
	uint32_t ifid; /* the interface's place among this section's descriptions */
	uint64_t ts_ns; /* since the epoch; the descriptions say nanoseconds */
	const uint8_t *data;
	uint32_t caplen, wire_len;
	enum pcapng_dir dir;
	const char *comment; /* NULL or empty: none; cut at PCAPNG_COMMENT_MAX bytes */
	size_t comment_len;
};

/* Each returns the block's length, written at out (room enough: the sizes above). */
size_t pcapng_shb(uint8_t *out);
size_t pcapng_idb(uint8_t *out, uint16_t linktype, uint32_t snaplen, const char *name);
size_t pcapng_epb(uint8_t *out, const struct pcapng_pkt *p);

#endif
