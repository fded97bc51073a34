/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -v: the TCP checksum over the whole segment, in the kernel, so the printer can say
 * `cksum 0x1234 (correct)` without the payload crossing the ring. The segment is copied into
 * the record's data area (load_bytes reaches multi-buffer and paged data) and summed with
 * bpf_csum_diff, 512 bytes at a time (its limit), then with the pseudo header.
 */
#ifndef XDPSPY_BPF_TCP_SUM_H
#define XDPSPY_BPF_TCP_SUM_H

#include "event.h"
#include "proto.h"
#include "target.h"

#define SUM_CHUNK 512

static __always_inline __u32 fold(__u64 sum)
{
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u32)((sum & 0xffff) + (sum >> 16));
}

/* The TCP segment's length, from the IP header; 0 when the event cannot say. */
static __always_inline __u64 tcp_seg_len(const struct xs_event *ev)
{
	__u64 hdrs = (__u64)ev->l4_off - ev->l3_off, ip = bpf_ntohs(ev->ip_len);

	if (ev->flags & XS_F_IP6)
		return ip + XS_IP6_HLEN > hdrs ? ip + XS_IP6_HLEN - hdrs : 0;
	return ip > hdrs ? ip - hdrs : 0;
}

struct sum_ctx {
	__u8 *data;
	__u64 len;
	__u64 sum;
};

#define SUM_CHUNKS ((XS_MAX_SNAP + SUM_CHUNK - 1) / SUM_CHUNK)

/* One bpf_loop() step: bpf_csum_diff over the i-th chunk, zero-padded to whole words. A
 * callback is verified once, where an unrolled loop would be verified per chunk. */
static long sum_chunk(__u32 i, void *arg)
{
	struct sum_ctx *c = arg;
	__u64 off = (__u64)i * SUM_CHUNK, n;

	if (i >= SUM_CHUNKS || off >= c->len)
		return 1;
	n = c->len - off;
	n = n > SUM_CHUNK ? SUM_CHUNK : (n + 3) & ~3ull;
	XS_PIN(n);
	if (n > SUM_CHUNK)
		return 1;
	c->sum += (__u32)bpf_csum_diff(NULL, 0, (__be32 *)(c->data + off), (__u32)n, 0);
	return 0;
}

/* Sets ev->l4_sum and XS_F_SUM when the whole segment is there; rec->data is scratch. */
static __always_inline void tcp_sum(void *ctx, bool skb, struct xs_record *rec)
{
	struct xs_event *ev = &rec->ev;
	__u64 len = tcp_seg_len(ev), sum = 0; /* 64 bits: no zero-extension between the checks */
	__u32 pseudo[10] = {0}, plen, off;

	if (ev->kind != XS_K_TCP || (ev->flags & XS_F_FRAG) || ev->stop != XS_S_OK)
		return;
	/* Two checks, pinned apart: clang would fold them into one the verifier cannot use. */
	if (len > XS_MAX_SNAP)
		return;
	XS_PIN(len);
	if (len < XS_TCP_HLEN)
		return;
	XS_PIN(len);
	/* A tag put back from the skb's metadata (XS_F_VLAN_META) is not in its bytes. */
	off = ev->l4_off - ((ev->flags & XS_F_VLAN_META) ? 4 : 0);
	if (skb ? bpf_skb_load_bytes(ctx, off, rec->data, len)
		: bpf_xdp_load_bytes(ctx, off, rec->data, len))
		return; /* not all of it captured: tcpdump prints no verdict either */
	/* Zeros up to the next word: bpf_csum_diff sums whole words (the area has room). */
	rec->data[len] = 0;
	rec->data[len + 1] = 0;
	rec->data[len + 2] = 0;

	{
		struct sum_ctx c = {.data = rec->data, .len = len};

		bpf_loop(SUM_CHUNKS, sum_chunk, &c, 0);
		sum = c.sum;
	}

	/* The pseudo header, in network order: addresses, then the protocol and the length. */
	if (ev->flags & XS_F_IP6) {
		__builtin_memcpy(pseudo, ev->var, 32);
		pseudo[8] = bpf_htonl((__u32)len);
		pseudo[9] = bpf_htonl(XS_IPPROTO_TCP);
		plen = 40;
	} else {
		__builtin_memcpy(pseudo, ev->var, 8);
		pseudo[2] = bpf_htonl((XS_IPPROTO_TCP << 16) | (__u32)len);
		plen = 12;
	}
	sum += (__u32)bpf_csum_diff(NULL, 0, (__be32 *)pseudo, plen, 0);
	ev->l4_sum = (__be16)fold(sum);
	ev->flags |= XS_F_SUM;
}

#endif
