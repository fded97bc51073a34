// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which filter programs give a segment its send's verdict (see seg_filter.h). Every path of
 * the program is walked once (classic BPF jumps only forward), keeping what the tests on the
 * way tell of the frame: the ethertype at 12 (or at 16 behind a tag) says where the IP header
 * is and which, IPv4's protocol and IPv6's next header where TCP is; libpcap's
 * `ldxb 4*([14]&0xf)` makes X the IPv4 header's length, so [x + k] is a TCP offset. Each load
 * is then checked against the bytes a segment changes, and against the shortest headers a TCP
 * segment has (past them: payload, which only the send's bytes hold). The segments in question
 * are TCP over IPv4 or IPv6: a path whose tests say otherwise is not one they take.
 */
#include <linux/filter.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "seg_filter.h"

enum layout {
	L_UNKNOWN, /* nothing tested yet: every layout */
	L_DEAD, /* not a TCP frame: no segment takes this path */
	L_TAGGED, /* [12] is a VLAN ethertype */
	L_IP4,
	L_IP6,
};

enum reg { R_OTHER, R_ABS, R_MSH, R_IMM };

struct state {
	bool reached;
	bool tcp6; /* IPv6: the next header is TCP, right after the fixed header */
	uint8_t layout; /* enum layout */
	uint8_t l3; /* L_IP4, L_IP6: the IP header's offset */
	uint8_t a, x; /* enum reg */
	uint32_t a_off, a_size, x_val; /* A holds [a_off, +a_size); X: MSH's offset or IMM's k */
};

struct walk {
	struct state *st;
	size_t len;
	bool variant, beyond;
};

static bool overlaps(int64_t off, uint32_t size, int64_t lo, int64_t hi)
{
	return off < hi && off + size > lo;
}

/* A load of [off, +size) from the TCP header (off from its start). */
static void tcp_load(struct walk *w, int64_t off, uint32_t size)
{
	if (off < 0 || overlaps(off, size, 4, 8) || overlaps(off, size, 13, 14) ||
	    overlaps(off, size, 16, 18) || off + size > 20)
		w->variant = true; /* seq, flags, checksum; options or payload */
	if (off + size > 20)
		w->beyond = true;
}

/* A load of [off, +size) from the frame, knowing s. */
static void abs_load(struct walk *w, const struct state *s, int64_t off, uint32_t size)
{
	int64_t r = off - s->l3;

	switch (s->layout) {
	case L_DEAD:
		return;
	case L_IP4: /* total length, ID, checksum; TCP where the header length puts it */
		if (overlaps(r, size, 2, 6) || overlaps(r, size, 10, 12) || r + size > 20)
			w->variant = true;
		if (r + size > 40)
			w->beyond = true;
		return;
	case L_IP6: /* payload length; TCP when it follows */
		if (overlaps(r, size, 4, 6))
			w->variant = true;
		if (r + size <= 40)
			return;
		if (s->tcp6)
			tcp_load(w, r - 40, size);
		else
			w->variant = w->beyond = true; /* extension headers of unknown length */
		return;
	default: /* MAC addresses, the ethertype and what follows it hold in every layout */
		if (off + size > (s->layout == L_TAGGED ? 18 : 16))
			w->variant = true;
		if (off + size > 54)
			w->beyond = true;
		return;
	}
}

static bool is_tag(uint32_t k)
{
	return k == XS_ETH_P_8021Q || k == XS_ETH_P_8021AD || k == XS_ETH_P_QINQ1 ||
	       k == XS_ETH_P_QINQ2;
}

/* IPv6 next headers a TCP segment may have before TCP: the extension headers but a
 * fragment header (a segmented send is never a fragment). */
static bool is_ext6(uint32_t k)
{
	return k == XS_IPPROTO_HOPOPTS || k == XS_IPPROTO_ROUTING || k == XS_IPPROTO_ESP ||
	       k == XS_IPPROTO_AH || k == XS_IPPROTO_DSTOPTS || k == XS_IPPROTO_MOBILITY ||
	       k == XS_IPPROTO_HIP || k == XS_IPPROTO_SHIM6 || k == XS_IPPROTO_EXP1 ||
	       k == XS_IPPROTO_EXP2;
}

/* What a taken `jeq #k` on A says of the frame. */
static void learn(struct state *s, uint32_t k)
{
	uint32_t off = s->a_off, size = s->a_size;

	if (s->a != R_ABS || s->layout == L_DEAD || size != (off < 18 ? 2u : 1u))
		return;
	if (off == 12 && s->layout == L_UNKNOWN) {
		s->layout = k == XS_ETH_P_IP	 ? L_IP4
			    : k == XS_ETH_P_IPV6 ? L_IP6
			    : is_tag(k)		 ? L_TAGGED
						 : L_DEAD;
		s->l3 = 14;
	} else if (off == 16 && s->layout == L_TAGGED) {
		s->layout = k == XS_ETH_P_IP	 ? L_IP4
			    : k == XS_ETH_P_IPV6 ? L_IP6
			    : is_tag(k)		 ? L_TAGGED
						 : L_DEAD;
		s->l3 = 18;
	} else if (s->layout == L_IP4 && off == s->l3 + 9u) {
		if (k != XS_IPPROTO_TCP)
			s->layout = L_DEAD;
	} else if (s->layout == L_IP6 && off == s->l3 + 6u) {
		if (k == XS_IPPROTO_TCP)
			s->tcp6 = true;
		else if (!is_ext6(k))
			s->layout = L_DEAD;
	}
}

/* What holds on both ways into an instruction. */
static void merge(struct state *into, const struct state *from)
{
	if (!from->reached || from->layout == L_DEAD)
		return;
	if (!into->reached || into->layout == L_DEAD) {
		*into = *from;
		return;
	}
	if (into->layout != from->layout || into->l3 != from->l3)
		into->layout = L_UNKNOWN;
	into->tcp6 = into->tcp6 && from->tcp6;
	if (into->a != from->a || into->a_off != from->a_off || into->a_size != from->a_size)
		into->a = R_OTHER;
	if (into->x != from->x || into->x_val != from->x_val)
		into->x = R_OTHER;
}

static void go(struct walk *w, size_t to, const struct state *s)
{
	if (to < w->len)
		merge(&w->st[to], s);
}

static uint32_t size_of(uint16_t code)
{
	return BPF_SIZE(code) == BPF_W ? 4 : BPF_SIZE(code) == BPF_H ? 2 : 1;
}

static void load(struct walk *w, struct state *s, const struct cbpf_insn *in)
{
	uint32_t size = size_of(in->code);

	switch (BPF_MODE(in->code)) {
	case BPF_ABS:
		if (in->k >= (uint32_t)SKF_AD_OFF) { /* skb metadata: each segment has the send's */
			s->a = R_OTHER;
			return;
		}
		abs_load(w, s, in->k, size);
		s->a = R_ABS;
		s->a_off = in->k;
		s->a_size = size;
		return;
	case BPF_IND:
		if (s->x == R_IMM)
			abs_load(w, s, (int64_t)s->x_val + in->k, size);
		else if (s->x == R_MSH && s->layout == L_IP4 && s->x_val == s->l3)
			tcp_load(w, (int64_t)in->k - s->l3, size);
		else if (s->layout != L_DEAD)
			w->variant = w->beyond = true;
		break;
	case BPF_LEN:
		if (s->layout != L_DEAD)
			w->variant = true;
		break;
	default: /* an immediate or a scratch word: what was loaded into it was checked then */
		break;
	}
	s->a = R_OTHER;
}

static void load_x(struct walk *w, struct state *s, const struct cbpf_insn *in)
{
	s->x = R_OTHER;
	switch (BPF_MODE(in->code)) {
	case BPF_IMM:
		s->x = R_IMM;
		s->x_val = in->k;
		return;
	case BPF_MSH:
		abs_load(w, s, in->k, 1);
		s->x = R_MSH;
		s->x_val = in->k;
		return;
	case BPF_LEN:
		if (s->layout != L_DEAD)
			w->variant = true;
		return;
	default:
		return;
	}
}

/* One instruction; false for a loop (protochain's backward jump), which is not followed. */
static bool step(struct walk *w, size_t i, const struct cbpf_insn *in)
{
	struct state s = w->st[i];

	switch (BPF_CLASS(in->code)) {
	case BPF_LD:
		load(w, &s, in);
		break;
	case BPF_LDX:
		load_x(w, &s, in);
		break;
	case BPF_ALU:
		s.a = R_OTHER;
		break;
	case BPF_MISC:
		if (BPF_MISCOP(in->code) == BPF_TAX)
			s.x = R_OTHER;
		else
			s.a = R_OTHER;
		break;
	case BPF_RET:
		return true;
	case BPF_JMP: {
		struct state t = s;

		if (BPF_OP(in->code) == BPF_JA) {
			if ((uint32_t)(i + 1 + in->k) <= i)
				return false;
			go(w, i + 1 + in->k, &s);
			return true;
		}
		if (BPF_OP(in->code) == BPF_JEQ && BPF_SRC(in->code) == BPF_K)
			learn(&t, in->k);
		go(w, i + 1 + in->jt, &t);
		go(w, i + 1 + in->jf, &s);
		return true;
	}
	default: /* stores */
		break;
	}
	go(w, i + 1, &s);
	return true;
}

enum seg_filter seg_filter_class(const struct cbpf_prog *prog)
{
	struct walk w = {.len = prog ? prog->len : 0};

	if (!w.len)
		return SEG_FILTER_SAME;
	w.st = calloc(w.len, sizeof(*w.st));
	if (!w.st)
		return SEG_FILTER_BYTES;
	w.st[0].reached = true;
	for (size_t i = 0; i < w.len; i++)
		if (w.st[i].reached && !step(&w, i, &prog->insns[i])) {
			w.variant = w.beyond = true;
			break;
		}
	free(w.st);
	return w.beyond ? SEG_FILTER_BYTES : w.variant ? SEG_FILTER_HEADERS : SEG_FILTER_SAME;
}
