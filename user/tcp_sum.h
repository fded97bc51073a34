/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The -v TCP checksum sum for frames the kernel did not see (replay's host path: frames a
 * test run cannot take, such as BIG TCP jumbograms, and replay without BPF privileges): what
 * bpf/tcp_sum.h computes in the kernel, from the frame's bytes.
 */
#ifndef XDPSPY_TCP_SUM_HOST_H
#define XDPSPY_TCP_SUM_HOST_H

#include <stdint.h>

#include "event.h"

/* Sets ev->l4_sum and XS_F_SUM when the frame holds the whole TCP segment. */
void tcp_sum_host(struct xs_event *ev, const uint8_t *frame, uint32_t caplen);

#endif
