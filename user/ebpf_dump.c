// SPDX-License-Identifier: GPL-2.0-only
/* eBPF as text, in the notation of the verifier's log (`r1 = *(u32 *)(r6 +0)`). */
#include <linux/bpf.h>

#include "ebpf_dump.h"

static const char *const alu_ops[16] = {"+=", "-=", "*=", "/=", "|=",	"&=", "<<=", ">>=",
					NULL, "%=", "^=", "=",	"s>>=", NULL, NULL,  NULL};
static const char *const jmp_ops[16] = {
    NULL, "==", ">", ">=", "&", "!=", "s>", "s>=", NULL, NULL, "<", "<=", "s<", "s<=", NULL, NULL};
static const char *const sizes[4] = {"u32", "u16", "u8", "u64"};

static const char *helper(int id)
{
	switch (id) {
	case BPF_FUNC_tail_call:
		return "tail_call";
	case BPF_FUNC_skb_load_bytes:
		return "skb_load_bytes";
	case BPF_FUNC_xdp_get_buff_len:
		return "xdp_get_buff_len";
	case BPF_FUNC_xdp_load_bytes:
		return "xdp_load_bytes";
	default:
		return "helper";
	}
}

static void one(FILE *f, const struct bpf_insn *in, size_t i, size_t n)
{
	unsigned cls = BPF_CLASS(in->code), op = BPF_OP(in->code) >> 4;
	char r = cls == BPF_ALU || cls == BPF_JMP32 ? 'w' : 'r';
	const char *size = sizes[BPF_SIZE(in->code) >> 3];

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_OP(in->code) == BPF_NEG)
			fprintf(f, "%c%d = -%c%d", r, in->dst_reg, r, in->dst_reg);
		else if (BPF_OP(in->code) == BPF_END)
			fprintf(f, "%c%d = be%d %c%d", r, in->dst_reg, in->imm, r, in->dst_reg);
		else if (!alu_ops[op])
			fprintf(f, "alu 0x%02x", in->code);
		else if (BPF_SRC(in->code) == BPF_X)
			fprintf(f, "%c%d %s %c%d", r, in->dst_reg, alu_ops[op], r, in->src_reg);
		else
			fprintf(f, "%c%d %s %d", r, in->dst_reg, alu_ops[op], in->imm);
		break;
	case BPF_LDX:
		fprintf(f, "r%d = *(%s *)(r%d %+d)", in->dst_reg, size, in->src_reg, in->off);
		break;
	case BPF_STX:
		fprintf(f, "*(%s *)(r%d %+d) = r%d", size, in->dst_reg, in->off, in->src_reg);
		break;
	case BPF_ST:
		fprintf(f, "*(%s *)(r%d %+d) = %d", size, in->dst_reg, in->off, in->imm);
		break;
	case BPF_LD:
		if (in->code != (BPF_LD | BPF_DW | BPF_IMM) || i + 1 >= n)
			fprintf(f, "ld 0x%02x", in->code);
		else if (in->src_reg == BPF_PSEUDO_MAP_FD)
			fprintf(f, "r%d = map[fd %d]", in->dst_reg, in->imm);
		else if (in->src_reg == BPF_PSEUDO_MAP_VALUE)
			fprintf(f, "r%d = map[fd %d] value %+d", in->dst_reg, in->imm, in[1].imm);
		else
			fprintf(f, "r%d = 0x%x%08x ll", in->dst_reg, in[1].imm, in->imm);
		break;
	case BPF_JMP:
	case BPF_JMP32:
		if (in->code == (BPF_JMP | BPF_JA))
			fprintf(f, "goto %+d", in->off);
		else if (in->code == (BPF_JMP | BPF_CALL))
			fprintf(f, "call %s#%d", helper(in->imm), in->imm);
		else if (in->code == (BPF_JMP | BPF_EXIT))
			fprintf(f, "exit");
		else if (!jmp_ops[op])
			fprintf(f, "jmp 0x%02x", in->code);
		else if (BPF_SRC(in->code) == BPF_X)
			fprintf(f, "if %c%d %s %c%d goto %+d", r, in->dst_reg, jmp_ops[op], r,
				in->src_reg, in->off);
		else
			fprintf(f, "if %c%d %s 0x%x goto %+d", r, in->dst_reg, jmp_ops[op],
				(unsigned)in->imm, in->off);
		break;
	default:
		fprintf(f, "0x%02x", in->code);
	}
}

void ebpf_dump(FILE *f, const void *insns, size_t n)
{
	const struct bpf_insn *in = insns;

	for (size_t i = 0; i < n; i++) {
		fprintf(f, "(%03zu) ", i);
		one(f, &in[i], i, n);
		fputc('\n', f);
		if (in[i].code == (BPF_LD | BPF_DW | BPF_IMM))
			i++; /* the second half of a 64-bit immediate */
	}
}
