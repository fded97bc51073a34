// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcpdump's relative TCP sequence numbers (tcpseq.h): per-connection bases created or reset
 * only by a segment with ACK set, never freed, keyed on addresses and ports put in one
 * canonical order.
 */
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "tcpseq.h"
#include "wire.h"

#define SEQ_BUCKETS 16384

struct seq_entry {
	struct seq_entry *next;
	uint8_t src[16]; /* the canonical order: see seq_lookup() */
	uint8_t dst[16];
	uint32_t port;
	uint32_t seq; /* tcpdump's th->seq and th->ack */
	uint32_t ack;
};

struct seq_table {
	struct seq_entry *b[SEQ_BUCKETS];
};

struct seq_table *seq_table_new(void)
{
	return calloc(1, sizeof(struct seq_table));
}

void seq_table_free(struct seq_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < SEQ_BUCKETS; i++) {
		struct seq_entry *e = t->b[i], *next;

		for (; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	free(t);
}

static unsigned seq_hash(const struct seq_entry *k)
{
	uint64_t h = k->port;

	/* A word at a time: this runs for every ACK printed. */
	for (int i = 0; i < 16; i += 4) {
		uint32_t s, d;

		memcpy(&s, k->src + i, 4);
		memcpy(&d, k->dst + i, 4);
		h = (h ^ s ^ (uint64_t)d << 32) * 0x9e3779b97f4a7c15ull;
	}
	return (unsigned)(h >> 40) % SEQ_BUCKETS;
}

/* Finds the connection's entry, or makes an empty one (*fresh set). NULL if out of memory. */
static struct seq_entry *seq_lookup(struct seq_table *t, const struct seq_entry *key, bool *fresh)
{
	unsigned h = seq_hash(key);
	struct seq_entry *e;

	for (e = t->b[h]; e; e = e->next)
		if (e->port == key->port && !memcmp(e->src, key->src, 16) &&
		    !memcmp(e->dst, key->dst, 16)) {
			*fresh = false;
			return e;
		}
	e = malloc(sizeof(*e));
	if (!e)
		return NULL;
	*e = *key;
	e->next = t->b[h];
	t->b[h] = e;
	*fresh = true;
	return e;
}

/*
 * tcpdump's relative sequence numbers (print-tcp.c 255-382, the same in 3.7.2): with ACK set
 * and no -S, seeds the connection's bases or subtracts them from *seq and *ack. Returns the base
 * of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(const struct printer *pr, const struct pview *v, uint32_t *seq,
			  uint32_t *ack)
{
	const struct xs_event *ev = v->ev;
	uint16_t sport = be16(ev->l4.tcp.sport), dport = be16(ev->l4.tcp.dport);
	uint8_t flags = ev->l4.tcp.flags;
	size_t alen = v->is6 ? 16 : 4;
	struct seq_entry key, *th;
	bool fresh;
	int rev;

	if (pr->o.Sflag || !(flags & XS_TCP_ACK))
		return 0;
	memset(&key, 0, sizeof(key));
	rev = sport > dport || (sport == dport && memcmp(v->saddr, v->daddr, alen) > 0);
	memcpy(key.src, rev ? v->daddr : v->saddr, alen);
	memcpy(key.dst, rev ? v->saddr : v->daddr, alen);
	key.port = rev ? (uint32_t)dport << 16 | sport : (uint32_t)sport << 16 | dport;
	th = seq_lookup(v->is6 ? pr->seq6 : pr->seq4, &key, &fresh);
	if (!th)
		return 0;
	if (fresh || (flags & XS_TCP_SYN)) {
		if (rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	return rev ? th->seq : th->ack;
}
