// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit test of the host's ones'-complement arithmetic (user/csum.c) against RFC 1071's worked
 * example and the identities the printer relies on, and of the printer's reads of network-order
 * fields (user/print/wire.h), which must not depend on the host's byte order.
 */
#include <string.h>

#include "../check.h"
#include "csum.h"
#include "print/wire.h"

/* RFC 1071 1.: the sum of 00 01 f2 03 f4 f5 f6 f7 is ddf2, its checksum 220d. */
static void test_rfc1071(void)
{
	static const uint8_t b[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
	uint16_t sum = csum_fold(csum_add(0, b, sizeof(b)));
	uint16_t cksum = (uint16_t)(sum ^ 0xffff);

	CHECK(sum == 0xddf2, "sum %04x", sum);
	CHECK(cksum == 0x220d, "checksum %04x", cksum);
	/* An odd length pads with a zero byte; a split at an even offset changes nothing. */
	CHECK(csum_fold(csum_add(0, b, 7)) == csum_fold(csum_add(0, b, 6) + 0xf600), "odd length");
	CHECK(csum_fold(csum_add(csum_add(0, b, 4), b + 4, 4)) == sum, "split");
}

/* Taking words out (RFC 1624) and putting others in is summing the result afresh. */
static void test_replace(void)
{
	static const uint8_t old[] = {0xc0, 0x00, 0x02, 0x01}, new[] = {0xc6, 0x33, 0x64, 0x02};
	static const uint8_t rest[] = {0x12, 0x34, 0xab, 0xcd, 0x00, 0x06};
	uint64_t with_old = csum_add(csum_add(0, rest, sizeof(rest)), old, sizeof(old));
	uint16_t swapped = csum_fold(csum_add(csum_sub(with_old, old, 4), new, 4));
	uint16_t fresh = csum_fold(csum_add(csum_add(0, rest, sizeof(rest)), new, sizeof(new)));

	CHECK(swapped == fresh, "replaced %04x, fresh %04x", swapped, fresh);
}

/* A large sum needs no intermediate fold: 64 KiB of 0xff sums to 0xffff. */
static void test_large(void)
{
	static uint8_t b[262144];

	memset(b, 0xff, sizeof(b));
	CHECK(csum_fold(csum_add(0, b, sizeof(b))) == 0xffff, "all ones");
}

/* tcpdump's in_cksum_shouldbe(): the field that makes the sum come out right. */
static void test_shouldbe(void)
{
	static const uint8_t hdr[] = {0x45, 0x00, 0x00, 0x54, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01,
				      0x00, 0x00, 0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x02};
	uint8_t fixed[sizeof(hdr)];
	uint16_t computed = (uint16_t)~csum_fold(csum_add(0, hdr, sizeof(hdr)));
	uint16_t field = csum_shouldbe(0, computed);

	memcpy(fixed, hdr, sizeof(hdr));
	fixed[10] = (uint8_t)(field >> 8);
	fixed[11] = (uint8_t)field;
	CHECK(csum_fold(csum_add(0, fixed, sizeof(fixed))) == 0xffff, "field %04x", field);
}

/* be16()/be32() read fields stored as on the wire, whatever the host's byte order. */
static void test_wire(void)
{
	static const uint8_t b[] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
	uint16_t h;
	uint32_t w;

	memcpy(&h, b, 2);
	memcpy(&w, b, 4);
	CHECK(be16(h) == 0x1234 && rd16(b) == 0x1234, "be16 %04x", be16(h));
	CHECK(be32(w) == 0x12345678 && rd32(b) == 0x12345678, "be32 %08x", be32(w));
	CHECK(rd64(b) == 0x123456789abcdef0ull, "rd64");
}

int main(void)
{
	test_rfc1071();
	test_replace();
	test_large();
	test_shouldbe();
	test_wire();
	return check_summary();
}
