/* SPDX-License-Identifier: GPL-2.0-only */
/* The generator's templates: read from the mix capture, written back out as a replay capture. */
#ifndef XS_BENCH_TMPL_H
#define XS_BENCH_TMPL_H

#include "gen.h"

/* Reads up to GEN_SLOTS frames of PATH into t; returns how many, or -1 with a message. */
int tmpl_read(const char *path, struct gen_tmpl *t);

/* Writes the first COUNT frames the generator sends, one every 1e6/pps µs, as a pcap. */
int tmpl_write_pcap(const char *path, const struct gen_tmpl *t, int n, __u32 nflows,
		    unsigned long long count, double pps);

#endif
