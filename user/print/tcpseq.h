/* SPDX-License-Identifier: GPL-2.0-only */
/* tcpdump's relative TCP sequence numbers (print-tcp.c 255-382, the same in 3.7.2). */
#ifndef XDPSPY_PRINT_TCPSEQ_H
#define XDPSPY_PRINT_TCPSEQ_H

#include <stdint.h>

#include "printer.h"
#include "view.h"

/* A table of connections' bases: pr->seq4 and pr->seq6. NULL when out of memory. */
struct seq_table *seq_table_new(void);
void seq_table_free(struct seq_table *t);

/*
 * With ACK set and no -S, seeds the connection's bases or subtracts them from *seq and *ack.
 * Returns the base of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(const struct printer *pr, const struct pview *v, uint32_t *seq,
			  uint32_t *ack);

#endif
