// SPDX-License-Identifier: GPL-2.0-only
/*
 * The filter translator in the kernel: classic programs translated for XDP and for TC, loaded
 * through the real verifier and run with BPF_PROG_TEST_RUN, must give libpcap's verdict
 * (bpf_filter(), through filter_match()) on the same bytes. Hand-written programs reach every
 * instruction and edge case; a loop checks the backward-jump budget; invalid programs must be
 * refused; then libpcap-compiled expressions run every frame of the pcaps given as arguments.
 *
 * libpcap's <pcap/pcap.h> and <linux/bpf.h> both define struct bpf_insn: this file sees only
 * the kernel's, and reaches libpcap through filter.h and its own small pcap reader.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "ebpf_dump.h"
#include "filter.h"
#include "xlate.h"

static const char *const hook_name[] = {[XLATE_XDP] = "xdp", [XLATE_TC] = "tc"};

/* Kernel-vs-reference comparisons made, one per frame, program and hook. */
static unsigned long compared;

/* --- loading and running ------------------------------------------------------------------ */

/* One translation in the kernel; the eBPF is kept to be disassembled when a verdict differs. */
struct kprog {
	int fd;
	enum xlate_hook hook;
	struct xlate_out out;
	bool dumped;
};

static char vlog[1 << 20]; /* the verifier's log, filled only when a load fails */

static int kprog_load_cfg(struct kprog *kp, const struct cbpf_prog *p,
			  const struct xlate_cfg *cfg_in, const char *what)
{
	struct xlate_cfg cfg = *cfg_in;
	enum xlate_hook hook = cfg.hook;
	/* libbpf retries a failed load with log_level 1 when it has a buffer: no log otherwise. */
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = vlog, .log_size = sizeof(vlog));
	char err[160] = "";
	size_t n;

	kp->fd = -1;
	kp->hook = hook;
	kp->dumped = false;
	if (xlate(p, &cfg, &kp->out, err, sizeof(err))) {
		CHECK(0, "%s (%s): xlate: %s", what, hook_name[hook], err);
		return -1;
	}
	if (hook == XLATE_XDP) {
		/* As the real hook: frames larger than a page arrive in fragments. */
		opts.prog_flags = BPF_F_XDP_HAS_FRAGS;
		opts.expected_attach_type = BPF_XDP;
	}
	vlog[0] = '\0';
	kp->fd = bpf_prog_load(hook == XLATE_XDP ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS,
			       NULL, "GPL", kp->out.insns, kp->out.len, &opts);
	CHECK(kp->fd >= 0, "%s (%s): the kernel refuses it: %s", what, hook_name[hook],
	      strerror(errno));
	if (kp->fd < 0) {
		ebpf_dump(stdout, kp->out.insns, kp->out.len);
		/* The log's end says why. */
		n = strlen(vlog);
		printf("verifier log (end):\n%s\n", n > 4000 ? vlog + n - 4000 : vlog);
		xlate_free(&kp->out);
		return -1;
	}
	return 0;
}

static int kprog_load(struct kprog *kp, const struct cbpf_prog *p, enum xlate_hook hook,
		      const char *what)
{
	struct xlate_cfg cfg = {
	    .hook = hook, .verdict = XLATE_RETURN, .chain_fd = -1, .wire_len_fd = -1};

	return kprog_load_cfg(kp, p, &cfg, what);
}

static void kprog_close(struct kprog *kp)
{
	if (kp->fd >= 0)
		close(kp->fd);
	kp->fd = -1;
	xlate_free(&kp->out);
}

/* The eBPF once per program, the first time one of its verdicts is wrong. */
static void kprog_dump(struct kprog *kp)
{
	if (kp->dumped)
		return;
	kp->dumped = true;
	printf("eBPF (%s, %zu instructions):\n", hook_name[kp->hook], kp->out.len);
	ebpf_dump(stdout, kp->out.insns, kp->out.len);
}

#define SKIPPED (-1)
#define RUN_FAILED (-2)

/* TC runs the kernel would not make (see kprog_run). */
static unsigned long tc_skipped;

/*
 * The kernel's verdict on frame: 1 match, 0 reject. XDP runs put what exceeds a page in
 * fragments; an skb test run refuses (EINVAL) a frame larger than its one linear page, and
 * one whose EtherType announces IPv4 or IPv6 but that is too short for the header: SKIPPED.
 */
static int kprog_run(const struct kprog *kp, const uint8_t *frame, uint32_t len)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = frame, .data_size_in = len, .repeat = 1);
	int err = bpf_prog_test_run_opts(kp->fd, &o);

	if (err == -EINVAL && kp->hook == XLATE_TC) {
		tc_skipped++;
		return SKIPPED;
	}
	if (err) {
		printf("test run (%s, %u bytes): %s\n", hook_name[kp->hook], len, strerror(-err));
		return RUN_FAILED;
	}
	return (int)o.retval;
}

/* --- hand-written programs ---------------------------------------------------------------- */

/* A frame's bytes depend on its length too, so one offset holds different values. */
#define PAT(len, i) ((uint8_t)((i)*7u + (len)*13u + 1u))
#define PAT16(len, i) ((uint32_t)PAT(len, i) << 8 | PAT(len, (i) + 1))
#define PAT32(len, i) (PAT16(len, i) << 16 | PAT16(len, (i) + 2))

/* Every boundary the programs below test has a frame on each side; 3600 and 5000 exceed an
 * XDP test run's linear part (3520 bytes with 4 KiB pages) and use a fragment. */
static const uint32_t frame_lens[] = {14, 15, 16, 17, 19, 20, 21, 60, 64, 100, 1514, 3600, 5000};
#define NFRAMES (sizeof(frame_lens) / sizeof(frame_lens[0]))

#define PROG(...)                                                                                  \
	{                                                                                          \
		.insns = (struct cbpf_insn[]){__VA_ARGS__},                                        \
		.len = sizeof((struct cbpf_insn[]){__VA_ARGS__}) / sizeof(struct cbpf_insn)        \
	}

#define RET(k) BPF_STMT(BPF_RET | BPF_K, k)
#define RET_A BPF_STMT(BPF_RET | BPF_A, 0)
#define MATCH RET(1)
#define REJECT RET(0)
#define LD_IMM(k) BPF_STMT(BPF_LD | BPF_IMM, k)
#define LDX_IMM(k) BPF_STMT(BPF_LDX | BPF_IMM, k)
#define LD_LEN BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0)
#define LDX_LEN BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0)
#define LD_ABS(size, k) BPF_STMT(BPF_LD | (size) | BPF_ABS, k)
#define LD_IND(size, k) BPF_STMT(BPF_LD | (size) | BPF_IND, k)
#define LDX_MSH(k) BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, k)
#define LD_MEM(k) BPF_STMT(BPF_LD | BPF_MEM, k)
#define LDX_MEM(k) BPF_STMT(BPF_LDX | BPF_MEM, k)
#define ST(k) BPF_STMT(BPF_ST, k)
#define STX(k) BPF_STMT(BPF_STX, k)
#define ALU_K(op, k) BPF_STMT(BPF_ALU | (op) | BPF_K, k)
#define ALU_X(op) BPF_STMT(BPF_ALU | (op) | BPF_X, 0)
#define NEG BPF_STMT(BPF_ALU | BPF_NEG, 0)
#define TAX BPF_STMT(BPF_MISC | BPF_TAX, 0)
#define TXA BPF_STMT(BPF_MISC | BPF_TXA, 0)
#define JA(k) BPF_JUMP(BPF_JMP | BPF_JA, k, 0, 0)
#define JMP_K(op, k, jt, jf) BPF_JUMP(BPF_JMP | (op) | BPF_K, k, jt, jf)
#define JMP_X(op, jt, jf) BPF_JUMP(BPF_JMP | (op) | BPF_X, 0, jt, jf)
/* Go on when the condition holds, else reject: one program checks a chain of results. */
#define IF_K(op, k) JMP_K(op, k, 1, 0), REJECT
#define UNLESS_K(op, k) JMP_K(op, k, 0, 1), REJECT
#define IF_X(op) JMP_X(op, 1, 0), REJECT
#define UNLESS_X(op) JMP_X(op, 0, 1), REJECT
#define A_IS(v) IF_K(BPF_JEQ, v)

/*
 * What a program must do: match exactly the frames whose length is in [lo, hi], or (mixed)
 * whatever libpcap says, as long as the frames take both verdicts. libpcap must agree with the
 * expectation too, which catches a wrong expectation. Where libpcap 1.10's interpreter is no
 * reference (promise), only the translator's promise is checked.
 */
struct hand {
	const char *name;
	struct cbpf_prog prog;
	uint32_t lo, hi;
	bool mixed;
	bool promise;
};

#define ALL .lo = 0, .hi = UINT32_MAX
#define NONE .lo = 1, .hi = 0
#define FROM(n) .lo = (n), .hi = UINT32_MAX
#define ONLY(n) .lo = (n), .hi = (n)
#define MIXED .mixed = true

static const struct hand hands[] = {
    /* Jumps: A = the frame's length, so the frames take both branches. */
    {"jeq #k, jf taken by a jump", PROG(LD_LEN, JMP_K(BPF_JEQ, 60, 0, 1), MATCH, REJECT), ONLY(60)},
    {"jeq #k, jt taken by a jump", PROG(LD_LEN, JMP_K(BPF_JEQ, 60, 1, 0), REJECT, MATCH), ONLY(60)},
    /* jt and jf both jump; what they skip is reached from the first jump (see "unreachable"). */
    {"jgt #k, both taken by jumps",
     PROG(LD_LEN, JMP_K(BPF_JGT, 1000, 1, 0), JMP_K(BPF_JGT, 20, 1, 2), MATCH, MATCH, REJECT),
     FROM(21)},
    {"jge #k", PROG(LD_LEN, JMP_K(BPF_JGE, 20, 0, 1), MATCH, REJECT), FROM(20)},
    {"jset #k", PROG(LD_LEN, JMP_K(BPF_JSET, 1, 0, 1), MATCH, REJECT), MIXED},
    {"jeq x", PROG(LDX_IMM(60), LD_LEN, JMP_X(BPF_JEQ, 1, 0), REJECT, MATCH), ONLY(60)},
    {"jgt x", PROG(LDX_IMM(20), LD_LEN, JMP_X(BPF_JGT, 0, 1), MATCH, REJECT), FROM(21)},
    {"jge x, both taken by jumps",
     PROG(LDX_IMM(20), LD_LEN, JMP_K(BPF_JGT, 1000, 1, 0), JMP_X(BPF_JGE, 1, 2), MATCH, MATCH,
	  REJECT),
     FROM(20)},
    {"jset x", PROG(LDX_IMM(1), LD_LEN, JMP_X(BPF_JSET, 0, 1), MATCH, REJECT), MIXED},
    /* Classic compares are unsigned 32-bit: a k or X with the top bit set must stay so. */
    {"jumps with k >= 2^31 compare unsigned",
     PROG(LD_IMM(0xffffffff), IF_K(BPF_JEQ, 0xffffffff), IF_K(BPF_JGT, 0x80000000),
	  IF_K(BPF_JSET, 0x80000000), IF_K(BPF_JGE, 0xfffffffe), LD_IMM(1),
	  UNLESS_K(BPF_JGT, 0x80000000), UNLESS_K(BPF_JSET, 0x80000000), MATCH),
     ALL},
    {"jumps with x >= 2^31 compare unsigned",
     PROG(LDX_IMM(0x80000000), LD_IMM(0x7fffffff), UNLESS_X(BPF_JGT), UNLESS_X(BPF_JGE),
	  LD_IMM(0xffffffff), IF_X(BPF_JGT), IF_X(BPF_JSET), LDX_IMM(0xffffffff), IF_X(BPF_JEQ),
	  IF_X(BPF_JGE), MATCH),
     ALL},
    {"ja", PROG(LD_LEN, JMP_K(BPF_JGE, 60, 1, 0), JA(2), JA(0), MATCH, REJECT), FROM(60)},

    /* ALU: 32-bit, wrapping, unsigned division. */
    {"add sub mul #k",
     PROG(LD_IMM(0x12345678), ALU_K(BPF_ADD, 0x9abcdef0), A_IS(0xacf13568),
	  ALU_K(BPF_SUB, 0xacf13569), A_IS(0xffffffff), ALU_K(BPF_MUL, 3), A_IS(0xfffffffd),
	  ALU_K(BPF_ADD, 3), A_IS(0), MATCH),
     ALL},
    {"div mod #k",
     PROG(LD_IMM(0xfffffffd), ALU_K(BPF_DIV, 7), A_IS(0x24924924), LD_IMM(0xfffffffd),
	  ALU_K(BPF_MOD, 7), A_IS(1), LD_IMM(0xffffffff), ALU_K(BPF_DIV, 0x80000000), A_IS(1),
	  LD_IMM(0xffffffff), ALU_K(BPF_MOD, 0x80000000), A_IS(0x7fffffff), MATCH),
     ALL},
    {"and or xor #k",
     PROG(LD_IMM(0xf0f0f0f0), ALU_K(BPF_AND, 0xff00ff00), A_IS(0xf000f000),
	  ALU_K(BPF_OR, 0x0000000f), A_IS(0xf000f00f), ALU_K(BPF_XOR, 0xffffffff), A_IS(0x0fff0ff0),
	  MATCH),
     ALL},
    {"add sub mul x",
     PROG(LD_IMM(0x12345678), LDX_IMM(0x9abcdef0), ALU_X(BPF_ADD), A_IS(0xacf13568),
	  LDX_IMM(0xacf13569), ALU_X(BPF_SUB), A_IS(0xffffffff), LDX_IMM(3), ALU_X(BPF_MUL),
	  A_IS(0xfffffffd), MATCH),
     ALL},
    {"div mod x",
     PROG(LD_IMM(0xfffffffd), LDX_IMM(7), ALU_X(BPF_DIV), A_IS(0x24924924), LD_IMM(0xfffffffd),
	  ALU_X(BPF_MOD), A_IS(1), LD_IMM(0xffffffff), LDX_IMM(0x80000000), ALU_X(BPF_DIV), A_IS(1),
	  LD_IMM(0xffffffff), ALU_X(BPF_MOD), A_IS(0x7fffffff), MATCH),
     ALL},
    {"and or xor x",
     PROG(LD_IMM(0xf0f0f0f0), LDX_IMM(0xff00ff00), ALU_X(BPF_AND), A_IS(0xf000f000),
	  LDX_IMM(0x0000000f), ALU_X(BPF_OR), A_IS(0xf000f00f), LDX_IMM(0xffffffff), ALU_X(BPF_XOR),
	  A_IS(0x0fff0ff0), MATCH),
     ALL},
    {"alu on packet words",
     PROG(LD_ABS(BPF_W, 14), ALU_K(BPF_MUL, 0x9e3779b9), ALU_K(BPF_RSH, 28),
	  JMP_K(BPF_JGT, 7, 0, 1), MATCH, REJECT),
     MIXED},
    {"div x, x = 0", PROG(LD_IMM(7), LDX_IMM(0), ALU_X(BPF_DIV), MATCH), NONE},
    {"mod x, x = 0", PROG(LD_IMM(7), LDX_IMM(0), ALU_X(BPF_MOD), MATCH), NONE},
    {"div x, x = 0 for even lengths",
     PROG(LD_LEN, ALU_K(BPF_AND, 1), TAX, LD_IMM(100), ALU_X(BPF_DIV), MATCH), MIXED},
    /* libpcap 1.10 divides by k = 0 and dies of SIGFPE: its validator refuses such programs.
     * The frames past 1000 bytes go around the division. */
    {"div #0", PROG(LD_LEN, JMP_K(BPF_JGT, 1000, 1, 0), ALU_K(BPF_DIV, 0), MATCH), FROM(1001),
     .promise = true},
    {"mod #0", PROG(LD_LEN, JMP_K(BPF_JGT, 1000, 1, 0), ALU_K(BPF_MOD, 0), MATCH), FROM(1001),
     .promise = true},
    {"shifts by #31",
     PROG(LD_IMM(3), ALU_K(BPF_LSH, 31), A_IS(0x80000000), ALU_K(BPF_RSH, 31), A_IS(1),
	  LD_IMM(0xffffffff), ALU_K(BPF_RSH, 31), A_IS(1), MATCH),
     ALL},
    /* libpcap 1.10 shifts by k & 31 there (undefined in C); the translator promises 0. */
    {"shifts by #32 and #33",
     PROG(LD_IMM(5), ALU_K(BPF_LSH, 32), A_IS(0), LD_IMM(5), ALU_K(BPF_RSH, 32), A_IS(0),
	  LD_IMM(0xffffffff), ALU_K(BPF_LSH, 33), A_IS(0), LD_IMM(0xffffffff), ALU_K(BPF_RSH, 33),
	  A_IS(0), MATCH),
     ALL, .promise = true},
    /* eBPF masks a shift count: x = 32 must not shift by 0, nor x = 33 by 1. */
    {"shifts by x = 31, 32, 33, 2^32 - 1",
     PROG(LD_IMM(3), LDX_IMM(31), ALU_X(BPF_LSH), A_IS(0x80000000), ALU_X(BPF_RSH), A_IS(1),
	  LDX_IMM(32), LD_IMM(5), ALU_X(BPF_LSH), A_IS(0), LD_IMM(5), ALU_X(BPF_RSH), A_IS(0),
	  LDX_IMM(33), LD_IMM(0xffffffff), ALU_X(BPF_LSH), A_IS(0), LD_IMM(0xffffffff),
	  ALU_X(BPF_RSH), A_IS(0), LDX_IMM(0xffffffff), LD_IMM(1), ALU_X(BPF_LSH), A_IS(0), MATCH),
     ALL},
    {"neg",
     PROG(LD_IMM(5), NEG, A_IS(0xfffffffb), LD_IMM(0), NEG, A_IS(0), LD_IMM(0x80000000), NEG,
	  A_IS(0x80000000), MATCH),
     ALL},

    /* Scratch memory. */
    {"st stx ld ldx M[]",
     PROG(LD_IMM(0x11), ST(0), LDX_IMM(0x22), STX(15), LD_MEM(15), A_IS(0x22), LDX_MEM(0), TXA,
	  A_IS(0x11), LD_IMM(0x33), ST(0), LD_IMM(0), LD_MEM(0), A_IS(0x33), MATCH),
     ALL},
    /* libpcap 1.10 leaves its scratch words uninitialized; the translator promises 0. */
    {"M[] never written reads 0",
     PROG(LD_IMM(0x11), ST(0), LD_MEM(7), A_IS(0), LDX_IMM(1), LDX_MEM(3), TXA, A_IS(0), MATCH),
     ALL, .promise = true},

    /* The index register. */
    {"tax txa ldx #k",
     PROG(LD_IMM(0x1234), TAX, LD_IMM(0), TXA, A_IS(0x1234), LDX_IMM(0xdeadbeef), TXA,
	  A_IS(0xdeadbeef), MATCH),
     ALL},
    {"ldx #len", PROG(LDX_LEN, TXA, JMP_K(BPF_JGE, 64, 0, 1), MATCH, REJECT), FROM(64)},
    {"ld #len counts the fragments", PROG(LD_LEN, JMP_K(BPF_JGE, 5000, 0, 1), MATCH, REJECT),
     FROM(5000)},
    {"ldxb 4*([k]&0xf)",
     PROG(LDX_MSH(14), LD_ABS(BPF_B, 14), ALU_K(BPF_AND, 0xf), ALU_K(BPF_LSH, 2),
	  JMP_X(BPF_JEQ, 0, 1), MATCH, REJECT),
     FROM(15)},
    {"ldxb 4*([k]&0xf) one past the end", PROG(LDX_MSH(20), MATCH), FROM(21)},
    {"ldb [x+k] = ldb [k]",
     PROG(LD_ABS(BPF_B, 20), ST(0), LDX_IMM(16), LD_IND(BPF_B, 4), LDX_MEM(0), JMP_X(BPF_JEQ, 0, 1),
	  MATCH, REJECT),
     FROM(21)},
    {"ldh [x+k] = ldh [k]",
     PROG(LD_ABS(BPF_H, 19), ST(0), LDX_IMM(9), LD_IND(BPF_H, 10), LDX_MEM(0), JMP_X(BPF_JEQ, 0, 1),
	  MATCH, REJECT),
     FROM(21)},
    {"ld [x+k] = ld [k]",
     PROG(LD_ABS(BPF_W, 17), ST(0), LDX_IMM(17), LD_IND(BPF_W, 0), LDX_MEM(0), JMP_X(BPF_JEQ, 0, 1),
	  MATCH, REJECT),
     FROM(21)},

    /* Loads past the end reject: by one byte, and with offsets no frame reaches. */
    {"ldb [k] one past the end", PROG(LD_ABS(BPF_B, 20), MATCH), FROM(21)},
    {"ldh [k] one past the end", PROG(LD_ABS(BPF_H, 19), MATCH), FROM(21)},
    {"ld [k] one past the end", PROG(LD_ABS(BPF_W, 17), MATCH), FROM(21)},
    {"ldb [x+k] one past the end", PROG(LDX_IMM(10), LD_IND(BPF_B, 10), MATCH), FROM(21)},
    {"ldh [x+k] one past the end", PROG(LDX_IMM(10), LD_IND(BPF_H, 9), MATCH), FROM(21)},
    {"ld [x+k] one past the end", PROG(LDX_IMM(10), LD_IND(BPF_W, 7), MATCH), FROM(21)},
    {"ldb [0xffffffff]", PROG(LD_ABS(BPF_B, 0xffffffff), MATCH), NONE},
    {"ldh [0xffffffff]", PROG(LD_ABS(BPF_H, 0xffffffff), MATCH), NONE},
    {"ld [0xfffffffc]", PROG(LD_ABS(BPF_W, 0xfffffffc), MATCH), NONE},
    {"ld [0x10000]", PROG(LD_ABS(BPF_W, 0x10000), MATCH), NONE},
    {"ldb [x+1], x = 2^32 - 1", PROG(LDX_IMM(0xffffffff), LD_IND(BPF_B, 1), MATCH), NONE},
    {"ld [x+0xffffffff], x = 1", PROG(LDX_IMM(1), LD_IND(BPF_W, 0xffffffff), MATCH), NONE},
    {"ldh [x+2^31], x = 2^31", PROG(LDX_IMM(0x80000000), LD_IND(BPF_H, 0x80000000), MATCH), NONE},

    /* Frames beyond the linear part: the bytes there come through the helper. */
    {"loads at the end of 5000 bytes",
     PROG(LD_ABS(BPF_W, 4996), A_IS(PAT32(5000, 4996)), LD_ABS(BPF_H, 4998),
	  A_IS(PAT16(5000, 4998)), LD_ABS(BPF_B, 4999), A_IS(PAT(5000, 4999)), MATCH),
     FROM(5000)},
    {"ld [k] one past 5000 bytes", PROG(LD_ABS(BPF_W, 4997), MATCH), NONE},
    {"ldb [k] one past 5000 bytes", PROG(LD_ABS(BPF_B, 5000), MATCH), NONE},
    {"ld [k] across the linear part's end = its 4 bytes",
     PROG(LD_ABS(BPF_B, 3518), ALU_K(BPF_LSH, 24), TAX, LD_ABS(BPF_B, 3519), ALU_K(BPF_LSH, 16),
	  ALU_X(BPF_OR), TAX, LD_ABS(BPF_B, 3520), ALU_K(BPF_LSH, 8), ALU_X(BPF_OR), TAX,
	  LD_ABS(BPF_B, 3521), ALU_X(BPF_OR), TAX, LD_ABS(BPF_W, 3518), JMP_X(BPF_JEQ, 0, 1), MATCH,
	  REJECT),
     FROM(3522)},
    {"ld [x+k] in the fragment = ld [k]",
     PROG(LD_ABS(BPF_W, 4990), ST(0), LDX_IMM(4000), LD_IND(BPF_W, 990), LDX_MEM(0),
	  JMP_X(BPF_JEQ, 0, 1), MATCH, REJECT),
     FROM(4994)},
    {"the last byte, as ldb [x] and in ld [x-3]",
     PROG(LD_LEN, ALU_K(BPF_SUB, 1), TAX, LD_IND(BPF_B, 0), ST(0), LD_LEN, ALU_K(BPF_SUB, 4), TAX,
	  LD_IND(BPF_W, 0), ALU_K(BPF_AND, 0xff), LDX_MEM(0), JMP_X(BPF_JEQ, 0, 1), MATCH, REJECT),
     ALL},

    /* Verdicts. */
    {"ret a, a = 0", PROG(LD_IMM(0), RET_A), NONE},
    {"ret a, a = len", PROG(LD_LEN, RET_A), ALL},
    {"ret a, a = 2^31", PROG(LD_IMM(0x80000000), RET_A), ALL},
    {"ret a, a = a packet byte", PROG(LD_ABS(BPF_B, 14), RET_A), MIXED},
    /* One verdict for every packet: libpcap compiles "ip or not ip" to a lone ret #262144. */
    {"ret #0", PROG(REJECT), NONE},
    {"ret #1", PROG(MATCH), ALL},
    {"ret #262144", PROG(RET(262144)), ALL},
    /* Valid classic BPF (libpcap runs it); the eBPF verifier refuses unreachable code. */
    {"unreachable", PROG(LD_LEN, JA(1), REJECT, MATCH), ALL},
};

static void test_hand(uint8_t *const frames[NFRAMES])
{
	for (size_t c = 0; c < sizeof(hands) / sizeof(hands[0]); c++) {
		const struct hand *h = &hands[c];

		for (int hook = XLATE_XDP; hook <= XLATE_TC; hook++) {
			unsigned seen[2] = {0, 0};
			struct kprog kp;

			if (kprog_load(&kp, &h->prog, hook, h->name))
				continue;
			for (size_t f = 0; f < NFRAMES; f++) {
				uint32_t len = frame_lens[f];
				int got = kprog_run(&kp, frames[f], len), want, ref;

				if (got == SKIPPED)
					continue;
				want = len >= h->lo && len <= h->hi;
				ref =
				    h->promise ? want : filter_match(&h->prog, frames[f], len, len);
				if (h->mixed)
					want = ref;
				compared++;
				CHECK(got == want && ref == want,
				      "%s (%s), %u bytes: kernel %d, libpcap %d, expected %d",
				      h->name, hook_name[hook], len, got, h->promise ? -1 : ref,
				      want);
				if (got != want)
					kprog_dump(&kp);
				if (got == 0 || got == 1)
					seen[got]++;
			}
			CHECK(!h->mixed || (seen[0] && seen[1]),
			      "%s (%s): the frames never %s: add a frame", h->name, hook_name[hook],
			      seen[0] ? "match" : "reject");
			kprog_close(&kp);
		}
	}
}

/*
 * A = n; then while A != 0: A -= 1 and jump back; then match. It takes n backward jumps.
 * XLATE_LOOP_BUDGET is the translator's promise: 16 backward jumps per packet, the 17th
 * rejects. libpcap 1.10 has no such limit, so past the budget only the promise is checked.
 */
static void test_loop(const uint8_t *frame, uint32_t len)
{
	for (uint32_t n = 0; n <= XLATE_LOOP_BUDGET + 1; n++) {
		struct cbpf_prog p = PROG(LD_IMM(n), JMP_K(BPF_JEQ, 0, 2, 0), ALU_K(BPF_SUB, 1),
					  JA((uint32_t)-3), MATCH);
		int want = n <= XLATE_LOOP_BUDGET;

		if (want)
			CHECK(filter_match(&p, frame, len, len), "loop %u: libpcap rejects", n);
		for (int hook = XLATE_XDP; hook <= XLATE_TC; hook++) {
			struct kprog kp;
			int got;

			if (kprog_load(&kp, &p, hook, "loop"))
				continue;
			got = kprog_run(&kp, frame, len);
			compared++;
			CHECK(got == want, "loop of %u backward jumps (%s): kernel %d, expected %d",
			      n, hook_name[hook], got, want);
			if (got != want)
				kprog_dump(&kp);
			kprog_close(&kp);
		}
	}
}

/*
 * The socket-filter metadata loads libpcap emits for a live capture read the skb at TC: a test
 * run parses the frame with eth_type_trans() on the loopback device, so the protocol is the
 * EtherType, the packet type follows the destination MAC, the interface is lo and no VLAN tag
 * is held. At the egress hook the packet type is PACKET_OUTGOING, as a packet tap sees it. At
 * XDP such an offset is an ordinary one, past every frame: the packet is rejected.
 */
static void test_metadata(void)
{
	static uint8_t frame[60] = {0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00, 0x45};
	static uint8_t bcast[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
				    0,	  0,	0,    0,    2,	  0x08, 0x06};
	const struct {
		const char *name;
		int32_t what;
		uint32_t want;
		const uint8_t *frame;
		bool egress;
	} m[] = {
	    {"protocol", SKF_AD_PROTOCOL, 0x0800, frame, false},
	    {"protocol (ARP)", SKF_AD_PROTOCOL, 0x0806, bcast, false},
	    {"pkttype, another host", SKF_AD_PKTTYPE, PACKET_OTHERHOST, frame, false},
	    /* lo's own broadcast address is all zeros: ff:ff:... is only multicast there */
	    {"pkttype, multicast", SKF_AD_PKTTYPE, PACKET_MULTICAST, bcast, false},
	    {"pkttype at egress", SKF_AD_PKTTYPE, PACKET_OUTGOING, frame, true},
	    {"ifindex (lo)", SKF_AD_IFINDEX, 1, frame, false},
	    {"vlan tag present", SKF_AD_VLAN_TAG_PRESENT, 0, frame, false},
	    {"vlan tag", SKF_AD_VLAN_TAG, 0, frame, false},
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		struct cbpf_prog p = PROG(LD_ABS(BPF_W, (uint32_t)(SKF_AD_OFF + m[i].what)),
					  JMP_K(BPF_JEQ, m[i].want, 0, 1), MATCH, REJECT);

		for (int hook = XLATE_XDP; hook <= XLATE_TC; hook++) {
			struct xlate_cfg cfg = {.hook = hook,
						.egress = m[i].egress,
						.verdict = XLATE_RETURN,
						.chain_fd = -1,
						.wire_len_fd = -1};
			struct kprog kp;
			int got, want = hook == XLATE_TC;

			if (kprog_load_cfg(&kp, &p, &cfg, m[i].name))
				continue;
			got = kprog_run(&kp, m[i].frame, sizeof(frame));
			compared++;
			CHECK(got == want, "metadata %s (%s): kernel %d, expected %d", m[i].name,
			      hook_name[hook], got, want);
			if (got != want)
				kprog_dump(&kp);
			kprog_close(&kp);
		}
	}
}

/* Programs the translator cannot run: refused, with a reason. */
static void test_invalid(void)
{
	const struct {
		const char *name;
		struct cbpf_prog prog;
	} bad[] = {
	    {"empty", {.insns = NULL, .len = 0}},
	    {"ja past the end", PROG(LD_IMM(0), JA(1), MATCH)},
	    {"ja before the start", PROG(LD_IMM(0), JA((uint32_t)-3), MATCH)},
	    {"jt past the end", PROG(LD_IMM(0), JMP_K(BPF_JEQ, 0, 1, 0), MATCH)},
	    {"jf past the end", PROG(LD_IMM(0), JMP_K(BPF_JEQ, 0, 0, 1), MATCH)},
	    {"unknown opcode 0xff", PROG({.code = 0xff}, MATCH)},
	    {"ldx [k]", PROG(BPF_STMT(BPF_LDX | BPF_W | BPF_ABS, 0), MATCH)},
	    {"falls off the end", PROG(LD_IMM(1))},
	    {"falls off the end after a jump", PROG(JMP_K(BPF_JEQ, 0, 0, 1), MATCH, TAX)},
	    {"ld M[16]", PROG(LD_MEM(BPF_MEMWORDS), MATCH)},
	    {"ldx M[16]", PROG(LDX_MEM(BPF_MEMWORDS), MATCH)},
	    {"st M[16]", PROG(ST(BPF_MEMWORDS), MATCH)},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (int hook = XLATE_XDP; hook <= XLATE_TC; hook++) {
			struct xlate_cfg cfg = {.hook = hook,
						.verdict = XLATE_RETURN,
						.chain_fd = -1,
						.wire_len_fd = -1};
			struct xlate_out out;
			char err[160] = "";
			int rc = xlate(&bad[i].prog, &cfg, &out, err, sizeof(err));

			CHECK(rc == -1 && err[0] && !out.insns, "%s (%s): xlate %d, message \"%s\"",
			      bad[i].name, hook_name[hook], rc, err);
			if (!rc)
				xlate_free(&out);
		}
	}
}

/* --- real captures ------------------------------------------------------------------------ */

/* An XDP test run takes a page and 17 fragments (73 KB with 4 KiB pages): IPv4's 64 KiB fit,
 * BIG TCP's 80 KB frames do not. */
#define MAX_FRAME 65535

struct frame {
	const uint8_t *data;
	uint32_t len;
	const char *file;
	unsigned record; /* 1-based, as tcpdump counts */
};

struct corpus {
	struct frame *frames;
	size_t n, cap;
	uint8_t **files; /* the files' bytes, which the frames point into */
	size_t nfiles;
};

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (size = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc(size ? (size_t)size : 1);
		if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return buf;
}

static uint32_t get32(const uint8_t *p, bool swap)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return swap ? __builtin_bswap32(v) : v;
}

/*
 * Classic pcap, either byte order, micro- or nanosecond stamps; anything else (pcapng) is
 * skipped. A truncated record ends the file, as it ends libpcap's reading.
 */
static void corpus_add(struct corpus *c, const char *path)
{
	size_t len = 0, off;
	uint8_t *buf = slurp(path, &len), **files;
	uint32_t magic;
	unsigned record = 0;
	bool swap;

	CHECK(buf, "%s: %s", path, strerror(errno));
	if (!buf)
		return;
	magic = len >= 24 ? get32(buf, false) : 0;
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
		swap = false;
	} else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
		swap = true;
	} else {
		free(buf);
		return;
	}
	files = realloc(c->files, (c->nfiles + 1) * sizeof(*files));
	if (!files) {
		CHECK(0, "out of memory");
		free(buf);
		return;
	}
	c->files = files;
	c->files[c->nfiles++] = buf;
	for (off = 24; len - off >= 16; off += 16 + get32(buf + off + 8, swap)) {
		uint32_t caplen = get32(buf + off + 8, swap);

		record++;
		if (caplen > len - off - 16)
			break;
		/* The kernel's test runs want an Ethernet header at least. */
		if (caplen < ETH_HLEN || caplen > MAX_FRAME)
			continue;
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 1024;
			struct frame *grown = realloc(c->frames, cap * sizeof(*grown));

			if (!grown) {
				CHECK(0, "out of memory");
				return;
			}
			c->frames = grown;
			c->cap = cap;
		}
		c->frames[c->n++] = (struct frame){
		    .data = buf + off + 16, .len = caplen, .file = path, .record = record};
	}
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	free(c->frames);
}

static const char *const exprs[] = {
    "tcp port 22",
    "host 10.0.0.1 and not port 80",
    "ip6",
    "vlan and tcp",
    "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
    "len > 100",
    "less 60",
    "greater 1000",
    "ip[6:2] & 0x1fff != 0",
    "net 10.0.0.0/8",
    "portrange 1-1024",
    "ether src 00:00:00:00:00:01 or ether broadcast",
    "icmp",
    "udp",
    "arp",
    /* protochain walks the IPv6 header chain with backward jumps: the loop budget at work. */
    "ip6 protochain 6",
    "protochain 17",
    "ip proto 47",
    "tcp[13] = 2",
    "ip[2:2] > 576",
    "ether[12:2] = 0x86dd",
    "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420",
    "vlan 100",
    "not ip",
    "src port 179 or dst port 6633",
    "ip6 and tcp",
    "ip and ip[8] < 64",
    "udp[8:2] = 0",
    "tcp and (tcp[tcpflags] & tcp-ack = 0)",
    "ip multicast",
    "ether multicast",
    "icmp6",
    "port 53 or port 80 or port 443",
    "ip6 src net 2001:db8::/32",
    "ip[0] & 0xf > 5",
    "tcp[tcpflags] & tcp-rst != 0",
    "ether[len - 1] & 1 = 1",
    "ether[len - 4:4] != 0",
    "ip[2:2] / 4 > 100",
    "ip[2:2] % 7 = 3",
    "ip[2:2] / (ip[8] - 64) > 2",
    "ip[2:2] % ip[9] = 1",
    "-ip[8] > 100",
    "ip or not ip",
    "tcp[12] >> 4 > 5 and tcp[12] << 28 = 0",
    "ip[8] ^ 0xff < 200",
    "ip[2:2] * 3 - 1 > 4000",
};

/* The frames whose verdict differs are printed, a few per program. */
#define SHOW_DIFFS 3

/* Every frame through one program; TC on a quarter of them keeps the run short. */
static void compare_frames(const struct corpus *c, const char *name, const struct cbpf_prog *prog,
			   struct kprog kp[2])
{
	unsigned runs[2] = {0, 0}, diffs[2] = {0, 0};

	for (size_t i = 0; i < c->n; i++) {
		const struct frame *f = &c->frames[i];
		/* The kernel sees only the captured bytes: the wire length is the same. */
		int ref = filter_match(prog, f->data, f->len, f->len);

		for (int hook = XLATE_XDP; hook <= (i % 4 ? XLATE_XDP : XLATE_TC); hook++) {
			int got = kprog_run(&kp[hook], f->data, f->len);

			if (got == SKIPPED)
				continue;
			runs[hook]++;
			compared++;
			if (got == ref)
				continue;
			if (diffs[hook]++ < SHOW_DIFFS)
				printf(
				    "\"%s\" (%s): %s record %u (%u bytes): kernel %d, libpcap %d\n",
				    name, hook_name[hook], f->file, f->record, f->len, got, ref);
			kprog_dump(&kp[hook]);
		}
	}
	CHECK(!diffs[XLATE_XDP] && !diffs[XLATE_TC] && runs[XLATE_TC],
	      "\"%s\": the kernel differs from libpcap on %u of %u frames (xdp), %u of %u (tc)",
	      name, diffs[XLATE_XDP], runs[XLATE_XDP], diffs[XLATE_TC], runs[XLATE_TC]);
}

/* Each expression as tcpdump compiles it, then unoptimized (tcpdump -O): other code shapes. */
static void test_captures(const struct corpus *c)
{
	for (size_t e = 0; e < sizeof(exprs) / sizeof(exprs[0]); e++) {
		for (int unopt = 0; unopt <= 1; unopt++) {
			char *word = (char *)exprs[e], name[128];
			struct kprog kp[2];
			struct cbpf_prog prog;
			struct opts o;
			int rc;

			snprintf(name, sizeof(name), "%s%s", exprs[e], unopt ? ", -O" : "");
			memset(&o, 0, sizeof(o));
			o.expr = &word;
			o.expr_words = 1;
			o.no_optimize = unopt;
			rc = filter_build(&o, NULL, FILTER_LIVE_SNAPLEN, &prog);
			CHECK(!rc && prog.len, "\"%s\" does not compile", name);
			if (rc || !prog.len)
				continue;
			if (!kprog_load(&kp[XLATE_XDP], &prog, XLATE_XDP, name)) {
				if (!kprog_load(&kp[XLATE_TC], &prog, XLATE_TC, name)) {
					compare_frames(c, name, &prog, kp);
					kprog_close(&kp[XLATE_TC]);
				}
				kprog_close(&kp[XLATE_XDP]);
			}
			filter_free(&prog);
		}
	}
}

int main(int argc, char **argv)
{
	uint8_t *frames[NFRAMES];
	struct corpus c = {0};
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t f = 0; f < NFRAMES; f++) {
		frames[f] = malloc(frame_lens[f]);
		if (!frames[f]) {
			CHECK(0, "out of memory");
			return check_summary();
		}
		for (uint32_t i = 0; i < frame_lens[f]; i++)
			frames[f][i] = PAT(frame_lens[f], i);
	}
	test_hand(frames);
	test_loop(frames[0], frame_lens[0]);
	test_metadata();
	test_invalid();

	for (int i = 1; i < argc; i++)
		corpus_add(&c, argv[i]);
	CHECK(c.n > 0, "no frames in the pcaps given");
	test_captures(&c);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("xlate: %lu verdicts compared (%zu hand-written programs on %zu frames, %zu "
	       "expressions, optimized and -O, on %zu captured frames; %lu tc runs refused by "
	       "the kernel), %.1f s\n",
	       compared, sizeof(hands) / sizeof(hands[0]), NFRAMES,
	       sizeof(exprs) / sizeof(exprs[0]), c.n, tc_skipped,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	corpus_free(&c);
	for (size_t f = 0; f < NFRAMES; f++)
		free(frames[f]);
	return check_summary();
}
