/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -r: every packet of a pcap/pcapng file through the loaded XDP program (BPF_PROG_TEST_RUN),
 * its event drained from the ring and printed with the file's time stamp.
 */
#ifndef XDPSPY_REPLAY_H
#define XDPSPY_REPLAY_H

#include "opts.h"

/* Returns the process exit code. */
int replay_run(const struct opts *o);

#endif
