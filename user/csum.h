/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Internet checksum's ones'-complement arithmetic (RFC 1071, RFC 1624), once for the host
 * side: the -v TCP sum of frames the kernel did not see (tcp_sum.c), and the printer's IPv4
 * header check and its adjustments of the kernel's TCP sum. The BPF side sums with
 * bpf_csum_diff (bpf/tcp_sum.h).
 */
#ifndef XDPSPY_CSUM_H
#define XDPSPY_CSUM_H

#include <stddef.h>
#include <stdint.h>

/* sum plus the 16-bit big-endian words of p[0, len), an odd last byte padded with a zero. */
uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t len);
/* sum plus the complement of each word of p[0, len): takes those words out of it (RFC 1624). */
uint64_t csum_sub(uint64_t sum, const uint8_t *p, size_t len);
/* The sum folded to 16 bits with end-around carries: 0 only when every word added was 0. */
uint16_t csum_fold(uint64_t sum);
/*
 * tcpdump's in_cksum_shouldbe(): the checksum field that would have been right, from the one
 * there and the complement of the sum over the data with it (in_cksum()), host order both.
 */
uint16_t csum_shouldbe(uint16_t field, uint16_t computed);

#endif
