/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two compilers of the shared code need said differently: clang -target bpf, whose
 * output the verifier must accept, and the host compiler, whose output runs under UBSan. Only
 * compiler matters here, not the hook: that is the parser's seam (parse.h).
 */
#ifndef XDPSPY_TARGET_H
#define XDPSPY_TARGET_H

#include <linux/types.h>

#ifdef __bpf__
#define XS_INLINE static __always_inline
/* Pins a value in a register, so clang cannot rebuild it from another base (`q + n` from a
 * pointer whose range the verifier lost) or fold a check the verifier needs to see. */
#define XS_PIN(x) asm volatile("" : "+r"(x))
/* Reads a byte/half-word field back from a struct on the stack: the verifier keeps no value
 * for such narrow stack writes, so paths that differed only there look the same again. */
#define XS_FORGET(lv) (*(volatile __typeof__(lv) *)&(lv))
#else
#include <string.h>
#define XS_INLINE static inline __attribute__((always_inline))
#define XS_PIN(x) ((void)0)
#define XS_FORGET(lv) (lv)
#endif

/*
 * Raw loads that keep network byte order. The BPF target loads directly (packet access may be
 * unaligned on every JIT we run on); the host goes through memcpy so UBSan accepts unaligned
 * fuzzer buffers.
 */
#ifdef __bpf__
#define XS_LOAD(type, p) (*(const type *)(p))
#else
#define XS_LOAD(type, p)                                                                           \
	({                                                                                         \
		type v_;                                                                           \
		memcpy(&v_, (p), sizeof(v_));                                                      \
		v_;                                                                                \
	})
#endif

XS_INLINE __u16 xs_ld16(const __u8 *p)
{
	return XS_LOAD(__u16, p);
}

XS_INLINE __u32 xs_ld32(const __u8 *p)
{
	return XS_LOAD(__u32, p);
}

#endif
