// SPDX-License-Identifier: GPL-2.0-only
/*
 * Classic BPF to eBPF (see xlate.h). Registers: r6 the context, r7 A, r8 X, r9 the loop
 * budget; the scratch words M[0..15] live at fp-64..fp-4 and load_bytes copies to fp-72; a
 * view's synthesized header is at fp-104..fp-73 and its length at fp-112.
 * Classic jumps are resolved in a second pass, once every instruction's eBPF start is known;
 * the labels MATCH and REJECT follow the last classic instruction.
 */
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/pkt_cls.h>
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "chain.h"
#include "xlate.h"

#define R_CTX BPF_REG_6
#define R_A BPF_REG_7
#define R_X BPF_REG_8
#define R_BUDGET BPF_REG_9
#define M_OFF(i) (-64 + 4 * (int)(i))
#define BUF_OFF (-72)
#define VIEW_OFF (-104) /* the view's first VIEW_HDR bytes, then 4 more of the frame */
#define VIEW_LEN_OFF (-112) /* u32: the view's length; 0 when it is the frame itself */

/* A view: its synthesized header of `hdr` bytes stands for the frame's first `skip`. */
struct view {
	int32_t hdr, skip;
};

static const struct view views[] = {
    [XLATE_VIEW_FRAME] = {0, 0},
    [XLATE_VIEW_VLAN] = {16, 12}, /* the MACs, then the tag: TPID and TCI */
    [XLATE_VIEW_SLL2] = {20, 14}, /* the SLL2 header for the Ethernet header */
};

/* eBPF instructions one classic instruction may take at most, and the fixed parts. */
#define PER_INSN 32
#define EXTRA 64

struct hook {
	int16_t data_off, end_off;
	int32_t load_bytes; /* helper: (ctx, offset, buf, len) */
	int32_t pass; /* the verdict that leaves the packet, and the hook's later programs, alone */
};

static const struct hook hooks[] = {
    [XLATE_XDP] = {.data_off = offsetof(struct xdp_md, data),
		   .end_off = offsetof(struct xdp_md, data_end),
		   .load_bytes = BPF_FUNC_xdp_load_bytes,
		   .pass = XDP_PASS},
    [XLATE_TC] = {.data_off = offsetof(struct __sk_buff, data),
		  .end_off = offsetof(struct __sk_buff, data_end),
		  .load_bytes = BPF_FUNC_skb_load_bytes,
		  .pass = TC_ACT_UNSPEC}, /* not TC_ACT_OK, which skips what follows */
};

struct fixup {
	size_t at; /* the jump's index */
	size_t target; /* a classic index, or n (MATCH) / n + 1 (REJECT) */
};

struct em {
	const struct xlate_cfg *cfg;
	const struct hook *hook;
	struct bpf_insn *buf;
	size_t len;
	size_t *start; /* eBPF index of each classic instruction, then MATCH and REJECT */
	struct fixup *fix;
	size_t nfix;
	size_t match, reject; /* the two labels' classic-side indices */
};

static void put(struct em *e, uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
	e->buf[e->len++] =
	    (struct bpf_insn){.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm};
}

/* A jump to a classic instruction or a label, resolved once all are placed. */
static void jump_to(struct em *e, uint8_t code, uint8_t dst, uint8_t src, int32_t imm,
		    size_t target)
{
	e->fix[e->nfix++] = (struct fixup){.at = e->len, .target = target};
	put(e, code, dst, src, 0, imm);
}

/* A forward jump within one translation: put() it, then land() it where it goes. */
static size_t skip(struct em *e, uint8_t code, uint8_t dst, uint8_t src, int32_t imm)
{
	put(e, code, dst, src, 0, imm);
	return e->len - 1;
}

static void land(struct em *e, size_t jump)
{
	e->buf[jump].off = (int16_t)(e->len - jump - 1);
}

/* dst = a 32-bit constant, zero-extended. */
static void mov_u32(struct em *e, uint8_t dst, uint32_t k)
{
	put(e, BPF_ALU | BPF_MOV | BPF_K, dst, 0, 0, (int32_t)k);
}

static void ld_map_value(struct em *e, uint8_t dst, int fd, uint32_t off)
{
	put(e, BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_VALUE, 0, fd);
	put(e, 0, 0, 0, 0, (int32_t)off);
}

/*
 * dst = the size bytes at the packet offset in r1 (any u64), network to host order. Direct
 * access when they lie in the linear part, else the hook's load_bytes; past the end: REJECT.
 */
static void packet_load(struct em *e, uint8_t dst, unsigned size)
{
	uint8_t sz = size == 4 ? BPF_W : size == 2 ? BPF_H : BPF_B;
	const struct view *v = &views[e->cfg->view];
	size_t far, beyond, done, framed = 0, shift = 0, from_view = 0;

	if (v->hdr) {
		/* A view in force: its header from the stack, the rest from the frame, moved. */
		put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, BPF_REG_10, VIEW_LEN_OFF, 0);
		framed = skip(e, BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_2, 0, 0);
		put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_3, BPF_REG_1, 0, 0);
		put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_3, 0, 0, (int32_t)size);
		jump_to(e, BPF_JMP | BPF_JGT | BPF_X, BPF_REG_3, BPF_REG_2, 0, e->reject);
		shift = skip(e, BPF_JMP | BPF_JGE | BPF_K, BPF_REG_1, 0, v->hdr);
		put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_3, BPF_REG_10, 0, 0);
		put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_3, 0, 0, VIEW_OFF);
		put(e, BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_3, BPF_REG_1, 0, 0);
		put(e, BPF_LDX | sz | BPF_MEM, dst, BPF_REG_3, 0, 0);
		from_view = skip(e, BPF_JMP | BPF_JA, 0, 0, 0);
		land(e, shift);
		put(e, BPF_ALU64 | BPF_SUB | BPF_K, BPF_REG_1, 0, 0, v->hdr - v->skip);
		land(e, framed);
	}
	far = skip(e, BPF_JMP | BPF_JGT | BPF_K, BPF_REG_1, 0, (int32_t)(0xffff - size));
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, e->hook->data_off, 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_3, R_CTX, e->hook->end_off, 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_2, BPF_REG_1, 0, 0);
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_4, BPF_REG_2, 0, 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_4, 0, 0, (int32_t)size);
	beyond = skip(e, BPF_JMP | BPF_JGT | BPF_X, BPF_REG_4, BPF_REG_3, 0);
	put(e, BPF_LDX | sz | BPF_MEM, dst, BPF_REG_2, 0, 0);
	done = skip(e, BPF_JMP | BPF_JA, 0, 0, 0);

	land(e, far);
	land(e, beyond);
	/* An offset of 2^32 or more is past any frame; the helper takes 32 bits. */
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_4, BPF_REG_1, 0, 0);
	put(e, BPF_ALU64 | BPF_RSH | BPF_K, BPF_REG_4, 0, 0, 32);
	jump_to(e, BPF_JMP | BPF_JNE | BPF_K, BPF_REG_4, 0, 0, e->reject);
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_1, 0, 0);
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, R_CTX, 0, 0);
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_3, BPF_REG_10, 0, 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_3, 0, 0, BUF_OFF);
	put(e, BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_4, 0, 0, (int32_t)size);
	put(e, BPF_JMP | BPF_CALL, 0, 0, 0, e->hook->load_bytes);
	jump_to(e, BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, 0, e->reject);
	put(e, BPF_LDX | sz | BPF_MEM, dst, BPF_REG_10, BUF_OFF, 0);

	land(e, done);
	if (from_view)
		land(e, from_view);
	if (size > 1)
		put(e, BPF_ALU | BPF_END | BPF_TO_BE, dst, 0, 0, (int32_t)size * 8);
}

/*
 * A socket filter's metadata load (k = SKF_AD_OFF + what), at TC: the skb's field, in the
 * byte order the kernel's socket filter gives it. -1 where the hook has no such field (then
 * it is an ordinary load, past the frame's end).
 */
static int metadata_load(struct em *e, uint8_t dst, uint32_t k)
{
	static const struct {
		int32_t what;
		int16_t field;
		bool swap16; /* kept in network order in the skb */
	} fields[] = {
	    {SKF_AD_PROTOCOL, offsetof(struct __sk_buff, protocol), true},
	    {SKF_AD_PKTTYPE, offsetof(struct __sk_buff, pkt_type), false},
	    {SKF_AD_IFINDEX, offsetof(struct __sk_buff, ifindex), false},
	    {SKF_AD_VLAN_TAG, offsetof(struct __sk_buff, vlan_tci), false},
	    {SKF_AD_VLAN_TAG_PRESENT, offsetof(struct __sk_buff, vlan_present), false},
	    {SKF_AD_VLAN_TPID, offsetof(struct __sk_buff, vlan_proto), true},
	};
	int32_t what = (int32_t)k - SKF_AD_OFF;

	if (e->cfg->hook != XLATE_TC)
		return -1;
	if (what == SKF_AD_PKTTYPE && e->cfg->egress) {
		mov_u32(e, dst, PACKET_OUTGOING);
		return 0;
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].what != what)
			continue;
		put(e, BPF_LDX | BPF_W | BPF_MEM, dst, R_CTX, fields[i].field, 0);
		if (fields[i].swap16)
			put(e, BPF_ALU | BPF_END | BPF_TO_BE, dst, 0, 0, 16);
		return 0;
	}
	return -1;
}

/* r1 = k, or X + k for an indexed load: 64 bits wide, so the sum cannot wrap. */
static void load_offset(struct em *e, bool indexed, uint32_t k)
{
	if (!indexed) {
		mov_u32(e, BPF_REG_1, k);
		return;
	}
	put(e, BPF_ALU | BPF_MOV | BPF_X, BPF_REG_1, R_X, 0, 0);
	if (k <= INT32_MAX) {
		if (k)
			put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_1, 0, 0, (int32_t)k);
	} else {
		mov_u32(e, BPF_REG_2, k);
		put(e, BPF_ALU64 | BPF_ADD | BPF_X, BPF_REG_1, BPF_REG_2, 0, 0);
	}
}

/* dst = the frame's length on the wire. */
static void wire_len(struct em *e, uint8_t dst)
{
	size_t known = 0;

	if (e->cfg->hook == XLATE_TC) {
		size_t framed = 0;

		if (views[e->cfg->view].hdr) {
			put(e, BPF_LDX | BPF_W | BPF_MEM, dst, BPF_REG_10, VIEW_LEN_OFF, 0);
			framed = skip(e, BPF_JMP | BPF_JNE | BPF_K, dst, 0, 0);
		}
		put(e, BPF_LDX | BPF_W | BPF_MEM, dst, R_CTX, offsetof(struct __sk_buff, len), 0);
		if (framed)
			land(e, framed);
		return;
	}
	if (e->cfg->wire_len_fd >= 0) {
		ld_map_value(e, BPF_REG_1, e->cfg->wire_len_fd, e->cfg->wire_len_off);
		put(e, BPF_LDX | BPF_W | BPF_MEM, dst, BPF_REG_1, 0, 0);
		known = skip(e, BPF_JMP | BPF_JNE | BPF_K, dst, 0, 0);
	}
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, R_CTX, 0, 0);
	put(e, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_xdp_get_buff_len);
	put(e, BPF_ALU | BPF_MOV | BPF_X, dst, BPF_REG_0, 0, 0);
	if (known)
		land(e, known);
}

static void verdict(struct em *e, enum xs_chain_slot slot, int ret)
{
	if (e->cfg->verdict == XLATE_RETURN) {
		put(e, BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, ret);
		put(e, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		return;
	}
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, R_CTX, 0, 0);
	put(e, BPF_LD | BPF_DW | BPF_IMM, BPF_REG_2, BPF_PSEUDO_MAP_FD, 0, e->cfg->chain_fd);
	put(e, 0, 0, 0, 0, 0);
	mov_u32(e, BPF_REG_3, slot);
	put(e, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_tail_call);
	/* Only when the slot is empty, which the loader never leaves it. */
	put(e, BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, e->hook->pass);
	put(e, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Where control may go from instruction i: its jump targets, and i + 1 if it falls through. */
static int check_flow(const struct cbpf_prog *p, char *err, size_t errlen)
{
	for (size_t i = 0; i < p->len; i++) {
		const struct cbpf_insn *in = &p->insns[i];
		unsigned cls = BPF_CLASS(in->code);

		if (cls == BPF_RET)
			continue;
		if (cls != BPF_JMP) {
			if (i + 1 >= p->len)
				return fail(err, errlen, "(%03zu) runs off the program's end", i);
			continue;
		}
		if (BPF_OP(in->code) == BPF_JA) {
			if ((uint32_t)(i + 1 + in->k) >= p->len)
				return fail(err, errlen, "(%03zu) jumps out of the program", i);
		} else if (i + 1 + in->jt >= p->len || i + 1 + in->jf >= p->len) {
			return fail(err, errlen, "(%03zu) jumps out of the program", i);
		}
	}
	return 0;
}

/*
 * Marks the instructions some path reaches: the verifier refuses unreachable code, and libpcap
 * leaves some (`ip or not ip` compiles to a lone `ret`). Runs after check_flow().
 */
static int mark_reachable(const struct cbpf_prog *p, bool *reach)
{
	size_t *todo = calloc(p->len, sizeof(*todo)), n = 0;

	if (!todo)
		return -1;
	reach[0] = true;
	todo[n++] = 0;
	while (n) {
		size_t i = todo[--n], next[2], k = 0;
		const struct cbpf_insn *in = &p->insns[i];

		if (BPF_CLASS(in->code) == BPF_RET)
			continue;
		if (in->code == (BPF_JMP | BPF_JA)) {
			next[k++] = (uint32_t)(i + 1 + in->k);
		} else if (BPF_CLASS(in->code) == BPF_JMP) {
			next[k++] = i + 1 + in->jt;
			next[k++] = i + 1 + in->jf;
		} else {
			next[k++] = i + 1;
		}
		while (k--)
			if (!reach[next[k]]) {
				reach[next[k]] = true;
				todo[n++] = next[k];
			}
	}
	free(todo);
	return 0;
}

/* Whether some jump goes to target. */
static bool targeted(const struct em *e, size_t target)
{
	for (size_t f = 0; f < e->nfix; f++)
		if (e->fix[f].target == target)
			return true;
	return false;
}

/* Classic ALU, 32 bits as in classic BPF. */
static int alu(struct em *e, const struct cbpf_insn *in)
{
	uint8_t op = BPF_OP(in->code);
	bool by_x = BPF_SRC(in->code) == BPF_X;

	switch (op) {
	case BPF_ADD:
	case BPF_SUB:
	case BPF_MUL:
	case BPF_OR:
	case BPF_AND:
	case BPF_XOR:
		break;
	case BPF_DIV:
	case BPF_MOD:
		/* Division by zero rejects the packet. */
		if (!by_x && !in->k) {
			jump_to(e, BPF_JMP | BPF_JA, 0, 0, 0, e->reject);
			return 0;
		}
		if (by_x)
			jump_to(e, BPF_JMP32 | BPF_JEQ | BPF_K, R_X, 0, 0, e->reject);
		break;
	case BPF_LSH:
	case BPF_RSH:
		/* libpcap shifts by 32 or more to 0; eBPF would mask the count. */
		if (!by_x) {
			if (in->k >= 32)
				mov_u32(e, R_A, 0);
			else
				put(e, BPF_ALU | op | BPF_K, R_A, 0, 0, (int32_t)in->k);
			return 0;
		} else {
			size_t small = skip(e, BPF_JMP32 | BPF_JLT | BPF_K, R_X, 0, 32);
			size_t done;

			mov_u32(e, R_A, 0);
			done = skip(e, BPF_JMP | BPF_JA, 0, 0, 0);
			land(e, small);
			put(e, BPF_ALU | op | BPF_X, R_A, R_X, 0, 0);
			land(e, done);
			return 0;
		}
	case BPF_NEG:
		put(e, BPF_ALU | BPF_NEG, R_A, 0, 0, 0);
		return 0;
	default:
		return -1;
	}
	if (by_x)
		put(e, BPF_ALU | op | BPF_X, R_A, R_X, 0, 0);
	else
		put(e, BPF_ALU | op | BPF_K, R_A, 0, 0, (int32_t)in->k);
	return 0;
}

static int jump(struct em *e, const struct cbpf_insn *in, size_t i)
{
	uint8_t op = BPF_OP(in->code);
	size_t next = i + 1;

	if (op == BPF_JA) {
		size_t target = (uint32_t)(next + in->k);

		if (target <= i) {
			/* A loop (protochain): bounded, so the verifier sees it end. */
			jump_to(e, BPF_JMP | BPF_JEQ | BPF_K, R_BUDGET, 0, 0, e->reject);
			put(e, BPF_ALU64 | BPF_SUB | BPF_K, R_BUDGET, 0, 0, 1);
		}
		jump_to(e, BPF_JMP | BPF_JA, 0, 0, 0, target);
		return 0;
	}
	if (op != BPF_JEQ && op != BPF_JGT && op != BPF_JGE && op != BPF_JSET)
		return -1;
	if (BPF_SRC(in->code) == BPF_X)
		jump_to(e, BPF_JMP32 | op | BPF_X, R_A, R_X, 0, next + in->jt);
	else
		jump_to(e, BPF_JMP32 | op | BPF_K, R_A, 0, (int32_t)in->k, next + in->jt);
	if (in->jf)
		jump_to(e, BPF_JMP | BPF_JA, 0, 0, 0, next + in->jf);
	return 0;
}

static unsigned size_of(uint16_t code)
{
	switch (BPF_SIZE(code)) {
	case BPF_W:
		return 4;
	case BPF_H:
		return 2;
	case BPF_B:
		return 1;
	default:
		return 0;
	}
}

static int load(struct em *e, const struct cbpf_insn *in)
{
	uint8_t dst = BPF_CLASS(in->code) == BPF_LD ? R_A : R_X;
	unsigned mode = BPF_MODE(in->code), size = size_of(in->code);

	switch (mode) {
	case BPF_IMM:
		mov_u32(e, dst, in->k);
		return 0;
	case BPF_MEM:
		if (in->k >= BPF_MEMWORDS)
			return -1;
		put(e, BPF_LDX | BPF_W | BPF_MEM, dst, BPF_REG_10, (int16_t)M_OFF(in->k), 0);
		return 0;
	case BPF_LEN:
		wire_len(e, dst);
		return 0;
	case BPF_ABS:
	case BPF_IND:
		if (dst != R_A || !size)
			return -1;
		/* Elsewhere (XDP, libpcap's interpreter) such an offset is past every frame. */
		if (mode == BPF_ABS && in->k >= (uint32_t)SKF_AD_OFF &&
		    !metadata_load(e, dst, in->k))
			return 0;
		load_offset(e, mode == BPF_IND, in->k);
		packet_load(e, R_A, size);
		return 0;
	case BPF_MSH: /* X = 4 * (P[k] & 0xf), an IPv4 header's length */
		if (dst != R_X || size != 1)
			return -1;
		load_offset(e, false, in->k);
		packet_load(e, R_X, 1);
		put(e, BPF_ALU | BPF_AND | BPF_K, R_X, 0, 0, 0xf);
		put(e, BPF_ALU | BPF_LSH | BPF_K, R_X, 0, 0, 2);
		return 0;
	default:
		return -1;
	}
}

static int insn(struct em *e, const struct cbpf_insn *in, size_t i)
{
	switch (BPF_CLASS(in->code)) {
	case BPF_LD:
	case BPF_LDX:
		return load(e, in);
	case BPF_ST:
	case BPF_STX:
		if (in->k >= BPF_MEMWORDS)
			return -1;
		put(e, BPF_STX | BPF_W | BPF_MEM, BPF_REG_10,
		    BPF_CLASS(in->code) == BPF_ST ? R_A : R_X, (int16_t)M_OFF(in->k), 0);
		return 0;
	case BPF_ALU:
		return alu(e, in);
	case BPF_JMP:
		return jump(e, in, i);
	case BPF_RET:
		if (BPF_RVAL(in->code) == BPF_A)
			jump_to(e, BPF_JMP32 | BPF_JNE | BPF_K, R_A, 0, 0, e->match);
		else if (BPF_RVAL(in->code) != BPF_K)
			return -1;
		jump_to(e, BPF_JMP | BPF_JA, 0, 0, 0,
			BPF_RVAL(in->code) == BPF_K && in->k ? e->match : e->reject);
		return 0;
	case BPF_MISC:
		if (BPF_MISCOP(in->code) == BPF_TAX)
			put(e, BPF_ALU | BPF_MOV | BPF_X, R_X, R_A, 0, 0);
		else if (BPF_MISCOP(in->code) == BPF_TXA)
			put(e, BPF_ALU | BPF_MOV | BPF_X, R_A, R_X, 0, 0);
		else
			return -1;
		return 0;
	default:
		return -1;
	}
}

/* skb_load_bytes(ctx, off, fp + to, len); r0 is its result. */
static void load_bytes_to_stack(struct em *e, int32_t off, int16_t to, int32_t len)
{
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, R_CTX, 0, 0);
	mov_u32(e, BPF_REG_2, (uint32_t)off);
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_3, BPF_REG_10, 0, 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_3, 0, 0, to);
	mov_u32(e, BPF_REG_4, (uint32_t)len);
	put(e, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_skb_load_bytes);
}

/*
 * The VLAN view, built once per packet: when the skb holds a tag, the MACs, the tag (TPID as
 * stored, TCI to network order) and the frame's next 4 bytes on the stack, and the view's
 * length (the frame's + 4); else length 0, the frame as it is.
 */
static void vlan_view(struct em *e)
{
	size_t none, cut;

	put(e, BPF_ST | BPF_W | BPF_MEM, BPF_REG_10, 0, VIEW_LEN_OFF, 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX,
	    offsetof(struct __sk_buff, vlan_present), 0);
	none = skip(e, BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_2, 0, 0);
	for (int16_t o = 0; o < 32; o += 8)
		put(e, BPF_ST | BPF_DW | BPF_MEM, BPF_REG_10, 0, (int16_t)(VIEW_OFF + o), 0);
	load_bytes_to_stack(e, 0, VIEW_OFF, 12);
	cut = skip(e, BPF_JMP | BPF_JNE | BPF_K, BPF_REG_0, 0, 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, vlan_proto),
	    0);
	put(e, BPF_STX | BPF_H | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_OFF + 12, 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, vlan_tci),
	    0);
	put(e, BPF_ALU | BPF_END | BPF_TO_BE, BPF_REG_2, 0, 0, 16);
	put(e, BPF_STX | BPF_H | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_OFF + 14, 0);
	/* The frame's bytes that follow, for a load across the view's end (absent: zeros). */
	load_bytes_to_stack(e, 12, VIEW_OFF + 16, 4);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, len), 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, 4);
	put(e, BPF_STX | BPF_W | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_LEN_OFF, 0);
	land(e, none);
	land(e, cut);
}

/*
 * The cooked (LINUX_SLL2) view, built once per packet: protocol (the skb's, as stored), a zero
 * word, the interface index, the ARPHRD type, the packet type (PACKET_OUTGOING at egress, as
 * a packet tap sees a send), the address length and the source MAC, then the frame's 4 bytes
 * after its Ethernet header; the view's length is the frame's less 14 plus 20.
 */
static void sll2_view(struct em *e)
{
	for (int16_t o = 0; o < 32; o += 8)
		put(e, BPF_ST | BPF_DW | BPF_MEM, BPF_REG_10, 0, (int16_t)(VIEW_OFF + o), 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, protocol),
	    0);
	put(e, BPF_STX | BPF_H | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_OFF, 0);
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, ifindex), 0);
	put(e, BPF_ALU | BPF_END | BPF_TO_BE, BPF_REG_2, 0, 0, 32);
	put(e, BPF_STX | BPF_W | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_OFF + 4, 0);
	put(e, BPF_ST | BPF_H | BPF_MEM, BPF_REG_10, 0, VIEW_OFF + 8, htons(e->cfg->hatype));
	if (e->cfg->egress) {
		put(e, BPF_ST | BPF_B | BPF_MEM, BPF_REG_10, 0, VIEW_OFF + 10, PACKET_OUTGOING);
	} else {
		put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX,
		    offsetof(struct __sk_buff, pkt_type), 0);
		put(e, BPF_STX | BPF_B | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_OFF + 10, 0);
	}
	put(e, BPF_ST | BPF_B | BPF_MEM, BPF_REG_10, 0, VIEW_OFF + 11, 6);
	load_bytes_to_stack(e, 6, VIEW_OFF + 12, 6);
	load_bytes_to_stack(e, 14, VIEW_OFF + 20, 4); /* absent: zeros */
	put(e, BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, R_CTX, offsetof(struct __sk_buff, len), 0);
	put(e, BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, 20 - 14);
	put(e, BPF_STX | BPF_W | BPF_MEM, BPF_REG_10, BPF_REG_2, VIEW_LEN_OFF, 0);
}

/* Zero the scratch words the program reads, and arm the loop budget if it loops. */
static void prologue(struct em *e, const struct cbpf_prog *p)
{
	bool mem[BPF_MEMWORDS] = {false}, loops = false;

	for (size_t i = 0; i < p->len; i++) {
		const struct cbpf_insn *in = &p->insns[i];
		unsigned cls = BPF_CLASS(in->code);

		if ((cls == BPF_LD || cls == BPF_LDX) && BPF_MODE(in->code) == BPF_MEM &&
		    in->k < BPF_MEMWORDS)
			mem[in->k] = true;
		if (in->code == (BPF_JMP | BPF_JA) && (uint32_t)(i + 1 + in->k) <= i)
			loops = true;
	}
	put(e, BPF_ALU64 | BPF_MOV | BPF_X, R_CTX, BPF_REG_1, 0, 0);
	mov_u32(e, R_A, 0);
	mov_u32(e, R_X, 0);
	for (unsigned k = 0; k < BPF_MEMWORDS; k++)
		if (mem[k])
			put(e, BPF_ST | BPF_W | BPF_MEM, BPF_REG_10, 0, (int16_t)M_OFF(k), 0);
	if (loops)
		put(e, BPF_ALU64 | BPF_MOV | BPF_K, R_BUDGET, 0, 0, XLATE_LOOP_BUDGET);
	if (e->cfg->view == XLATE_VIEW_VLAN)
		vlan_view(e);
	else if (e->cfg->view == XLATE_VIEW_SLL2)
		sll2_view(e);
}

int xlate(const struct cbpf_prog *p, const struct xlate_cfg *cfg, struct xlate_out *out, char *err,
	  size_t errlen)
{
	struct em e = {
	    .cfg = cfg, .hook = &hooks[cfg->hook], .match = p->len, .reject = p->len + 1};
	bool *reach = NULL;
	int rc = -1;

	out->insns = NULL;
	out->len = 0;
	if (!p->len)
		return fail(err, errlen, "empty program");
	if (check_flow(p, err, errlen))
		return -1;
	e.buf = calloc(p->len * PER_INSN + EXTRA, sizeof(*e.buf));
	e.start = calloc(p->len + 2, sizeof(*e.start));
	e.fix = calloc(p->len * 4 + 8, sizeof(*e.fix));
	reach = calloc(p->len, sizeof(*reach));
	if (!e.buf || !e.start || !e.fix || !reach || mark_reachable(p, reach)) {
		fail(err, errlen, "out of memory");
		goto out;
	}

	prologue(&e, p);
	for (size_t i = 0; i < p->len; i++) {
		e.start[i] = e.len;
		if (!reach[i])
			continue;
		if (insn(&e, &p->insns[i], i)) {
			fail(err, errlen, "(%03zu) instruction 0x%04x cannot run in XDP", i,
			     p->insns[i].code);
			goto out;
		}
	}
	/* Only the verdicts some path reaches, for the same reason. */
	e.start[e.match] = e.len;
	if (targeted(&e, e.match))
		verdict(&e, XS_CHAIN_MATCH, 1);
	e.start[e.reject] = e.len;
	if (targeted(&e, e.reject))
		verdict(&e, XS_CHAIN_REJECT, 0);

	for (size_t f = 0; f < e.nfix; f++) {
		long off = (long)e.start[e.fix[f].target] - (long)e.fix[f].at - 1;

		if (off < INT16_MIN || off > INT16_MAX) {
			fail(err, errlen, "program too large: a jump spans %ld instructions", off);
			goto out;
		}
		e.buf[e.fix[f].at].off = (int16_t)off;
	}
	out->insns = e.buf;
	out->len = e.len;
	e.buf = NULL;
	rc = 0;
out:
	free(e.buf);
	free(e.start);
	free(e.fix);
	free(reach);
	return rc;
}

void xlate_free(struct xlate_out *out)
{
	free(out->insns);
	out->insns = NULL;
	out->len = 0;
}
