/* SPDX-License-Identifier: GPL-2.0-only */
/* The in-kernel benchmarks' frame: the first of a capture (bench/frames.py writes them). */
#ifndef XDPSPY_BENCH_FRAME_H
#define XDPSPY_BENCH_FRAME_H

#include <stdint.h>

struct frame {
	char name[64]; /* the file's name, up to its first dot */
	unsigned char data[16384];
	uint32_t len;
};

/* The first frame of the capture at path; 0, or -1 (said on stderr). */
int frame_read(const char *path, struct frame *f);
/* qsort's comparison of two uint32_t. */
int frame_cmp_u32(const void *a, const void *b);

#endif
