// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcpdump's relative TCP sequence numbers (tcpseq.h): per-connection bases created or reset
 * only by a segment with ACK set, keyed on addresses and ports put in one canonical order.
 * tcpdump never frees one; here the least recently used goes once --max-conns are held
 * (lru.h), and its connection starts over as if new.
 */
#include <string.h>

#include "lru.h"
#include "proto.h"
#include "tcpseq.h"
#include "wire.h"

struct seq_val {
	uint32_t seq; /* tcpdump's th->seq and th->ack */
	uint32_t ack;
};

struct lru *seq_table_new(uint32_t max_conns)
{
	return lru_new(sizeof(struct tcp_seq_key), sizeof(struct seq_val), max_conns, NULL);
}

void tcp_seq_prepare(const struct printer *pr, const struct pview *v, struct tcp_seq_ref *r)
{
	const struct xs_event *ev = v->ev;
	uint16_t sport = be16(ev->l4.tcp.sport), dport = be16(ev->l4.tcp.dport);
	size_t alen = v->is6 ? 16 : 4;

	r->skip = pr->o.Sflag || !(ev->l4.tcp.flags & XS_TCP_ACK) || !v->saddr || !v->daddr;
	if (r->skip)
		return;
	memset(&r->key, 0, sizeof(r->key));
	r->rev = sport > dport || (sport == dport && memcmp(v->saddr, v->daddr, alen) > 0);
	memcpy(r->key.src, r->rev ? v->daddr : v->saddr, alen);
	memcpy(r->key.dst, r->rev ? v->saddr : v->daddr, alen);
	r->key.port = r->rev ? (uint32_t)dport << 16 | sport : (uint32_t)sport << 16 | dport;
	r->key.is6 = (uint32_t)v->is6;
	r->hash = lru_hash(pr->seq, &r->key);
	lru_prefetch(pr->seq, r->hash);
}

void tcp_seq_prefetch(const struct printer *pr, const struct tcp_seq_ref *r)
{
	if (!r->skip)
		lru_prefetch_entry(pr->seq, r->hash);
}

/*
 * tcpdump's relative sequence numbers (print-tcp.c 255-382, the same in 3.7.2): with ACK set
 * and no -S, seeds the connection's bases or subtracts them from *seq and *ack. Returns the base
 * of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(const struct printer *pr, const struct pview *v,
			  const struct tcp_seq_ref *r, uint32_t *seq, uint32_t *ack)
{
	struct seq_val *th;
	bool fresh;

	if (r->skip)
		return 0;
	th = lru_get_hashed(pr->seq, &r->key, r->hash, &fresh);
	if (fresh || (v->ev->l4.tcp.flags & XS_TCP_SYN)) {
		if (r->rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (r->rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	return r->rev ? th->seq : th->ack;
}
