// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bounded LRU table of lru.h. Entries sit in one array and name each other by 1-based
 * index (0: none), so a link costs 4 bytes. The array and the buckets are reserved at the
 * bound's size and the kernel backs only the pages touched: memory follows the entries in
 * use, nothing is ever copied to grow, and an evicted entry's slot is reused in place, so
 * nothing is allocated per packet. The buckets double as entries arrive.
 *
 * The use order is CLOCK's, the page cache's approximation of least recently used: a hit
 * only marks its entry (whose line the key compare has just read), and a hand sweeping the
 * array evicts the first unmarked entry, unmarking those it passes. An exact order would
 * relink three other entries on every hit: at a million connections, three more cache
 * misses per printed line.
 *
 * A link (a bucket, or an entry's next) holds beside the index it names the top bits of that
 * entry's hash and whether a chain goes on past it: a lookup reads an entry only when its tag
 * matches or it must be passed, so a new connection's lookup (most of them, at a million)
 * reads its bucket and no entry.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "lru.h"

#define LRU_START 64 /* buckets of a new table */
/* Bytes of each array kept on small pages: 4 MiB left half the buckets of a million
 * connections on them, and their lookups took page walks (measured on bench/conns.c's 1M). */
#define LRU_SMALL (256u << 10)
#define LRU_HUGE (2u << 20) /* x86's huge page */

/*
 * An entry: this header, the key, a 4-byte mark (used since the hand last passed: read and
 * written with the key, in its cache line), the value from an 8-byte boundary. An entry's size
 * is a power of two up to 64 bytes, so that none straddles two cache lines: an IPv4
 * connection's takes 32, half what one header for both families took.
 */
struct lru_node {
	uint32_t next; /* the link to the bucket's next entry */
	uint32_t hash;
};

struct lru {
	size_t key_size, used_off, val_off, val_size, node_size;
	uint32_t max, count; /* bound, entries in use */
	uint32_t mask; /* buckets - 1 */
	uint32_t hand; /* the next entry the sweep looks at */
	uint32_t idx_mask, more; /* a link's index bits, and its bit for "a chain goes on" */
	uint32_t *bucket;
	unsigned char *nodes;
	lru_drop_fn drop;
};

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static struct lru_node *node(const struct lru *t, uint32_t i)
{
	return (struct lru_node *)(t->nodes + (size_t)(i - 1) * t->node_size);
}

/* A link's tag bits: the hash's bits above the index and the more bit (none at 2^31 entries,
 * then every tag matches). */
static uint32_t tag_mask(const struct lru *t)
{
	return ~(t->idx_mask | t->more);
}

static uint32_t link_idx(const struct lru *t, uint32_t link)
{
	return link & t->idx_mask;
}

/* Whether the entry behind link may be the one of hash h. */
static bool link_may_be(const struct lru *t, uint32_t link, uint32_t h)
{
	return !((link ^ h) & tag_mask(t));
}

/* A link to entry i of hash h, followed in its chain by the one its next names. */
static uint32_t make_link(const struct lru *t, uint32_t i, uint32_t h, uint32_t next)
{
	return i | (h & tag_mask(t)) | (link_idx(t, next) ? t->more : 0);
}

static void *node_key(struct lru_node *n)
{
	return n + 1;
}

static uint32_t *node_used(const struct lru *t, struct lru_node *n)
{
	return (uint32_t *)((unsigned char *)n + t->used_off);
}

static void *node_val(const struct lru *t, struct lru_node *n)
{
	return (unsigned char *)n + t->val_off;
}

/*
 * Past a few MiB every lookup misses the cache and, with 4 KiB pages, the TLB too: a page walk
 * that costs more than the line's formatting in a VM. Huge pages where the kernel gives them on
 * request (transparent_hugepage=madvise) take the walk away; a small table keeps small pages,
 * so a short capture's memory stays small. What follows the prefix is whole huge pages, from a
 * huge page's boundary: a part of one is backed by small pages, a page fault (an exit to the
 * hypervisor in a VM) and a TLB entry for every 4 KiB.
 */
static size_t reserved_bytes(size_t n)
{
	if (n <= LRU_SMALL)
		return n;
	return LRU_SMALL + ((n - LRU_SMALL + LRU_HUGE - 1) & ~(size_t)(LRU_HUGE - 1));
}

/* Room for n bytes, as reserved_bytes(n) says (munmap() that much). */
static void *reserve(size_t n)
{
	size_t len = reserved_bytes(n), slack = n > LRU_SMALL ? LRU_HUGE : 0;
	char *p = mmap(NULL, len + slack, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *q;

	if (p == MAP_FAILED)
		return NULL;
	if (!slack)
		return p;
	q = (char *)((((uintptr_t)p + LRU_SMALL + LRU_HUGE - 1) & ~(uintptr_t)(LRU_HUGE - 1)) -
		     LRU_SMALL);
	if (q > p)
		munmap(p, (size_t)(q - p));
	if (q < p + slack)
		munmap(q + len, (size_t)(p + slack - q));
	(void)madvise(q + LRU_SMALL, len - LRU_SMALL, MADV_HUGEPAGE);
	return q;
}

/*
 * Two buckets an entry at least: a lookup then reads 1.2 entries on average, not 1.5. One an
 * entry took a third fewer reads from memory by cachegrind, but more CPU at a million
 * connections: the second entry of a chain is a load no prefetch covers.
 */
static size_t bucket_bytes(uint32_t max)
{
	size_t n = LRU_START;

	while (n < (size_t)max * 2)
		n *= 2;
	return n * sizeof(uint32_t);
}

struct lru *lru_new(size_t key_size, size_t val_size, uint32_t max, lru_drop_fn drop)
{
	struct lru *t;

	if (!key_size || key_size % 4 || !max || max > LRU_MAX_ENTRIES) {
		errno = EINVAL;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->key_size = key_size;
	t->used_off = sizeof(struct lru_node) + key_size;
	t->val_off = round8(t->used_off + sizeof(uint32_t));
	t->val_size = val_size;
	t->node_size = round8(t->val_off + val_size);
	if (t->node_size <= 64)
		while (t->node_size & (t->node_size - 1))
			t->node_size += 8;
	t->max = max;
	t->mask = LRU_START - 1;
	t->hand = 1;
	t->idx_mask = (uint32_t)((2ull << (31 - __builtin_clz(max))) - 1);
	t->more = t->idx_mask + 1;
	t->drop = drop;
	t->nodes = reserve((size_t)max * t->node_size);
	t->bucket = reserve(bucket_bytes(max));
	if (!t->nodes || !t->bucket) {
		lru_free(t);
		errno = ENOMEM;
		return NULL;
	}
	return t;
}

void lru_free(struct lru *t)
{
	if (!t)
		return;
	for (uint32_t i = 1; t->drop && i <= t->count; i++)
		t->drop(node_val(t, node(t, i)));
	if (t->nodes)
		munmap(t->nodes, reserved_bytes((size_t)t->max * t->node_size));
	if (t->bucket)
		munmap(t->bucket, reserved_bytes(bucket_bytes(t->max)));
	free(t);
}

uint32_t lru_count(const struct lru *t)
{
	return t->count;
}

uint32_t lru_buckets(const struct lru *t)
{
	return t->mask + 1;
}

/* Eight bytes per multiply: this runs for every line with a TCP ACK. */
uint32_t lru_hash(const struct lru *t, const void *k)
{
	const unsigned char *key = k;
	uint64_t h = t->key_size, w;
	size_t i = 0;

	for (; i + 8 <= t->key_size; i += 8) {
		memcpy(&w, key + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	}
	if (i < t->key_size) {
		uint32_t w4;

		memcpy(&w4, key + i, 4);
		h = (h ^ w4) * 0x9e3779b97f4a7c15ull;
	}
	return (uint32_t)(h >> 32 ^ h >> 7);
}

/* Entry i of hash h, at the head of its bucket's chain. */
static void link_in(struct lru *t, uint32_t i, uint32_t h)
{
	uint32_t *b = &t->bucket[h & t->mask];

	node(t, i)->next = *b;
	*b = make_link(t, i, h, *b);
}

/* Entries whose buckets a rehash asks for before it links them: each link is a write to a
 * random bucket, and a million of them in a row waited on memory one at a time. */
#define LRU_REHASH_AHEAD 16

/* Twice the buckets, in place; every entry is rehashed from its stored hash. */
static void grow_buckets(struct lru *t)
{
	/*
	 * The new half is still zero, but written all the same: a never touched huge page's first
	 * fault must be a write's. A read's (a link_in() below) maps the shared zero page, and the
	 * write after it splits that into 4 KiB pages, a fault each and a TLB entry each.
	 */
	memset(t->bucket, 0, ((size_t)t->mask + 1) * 2 * sizeof(*t->bucket));
	t->mask = t->mask * 2 + 1;
	for (uint32_t i = 1; i <= t->count; i++) {
		if (i + LRU_REHASH_AHEAD <= t->count)
			__builtin_prefetch(
			    &t->bucket[node(t, i + LRU_REHASH_AHEAD)->hash & t->mask], 1);
		link_in(t, i, node(t, i)->hash);
	}
}

/* The first entry at or past the hand not used since it last passed, out of its chain, its
 * value dropped. Each sweep unmarks what it passes, so one comes within a turn. */
static uint32_t evict(struct lru *t)
{
	uint32_t i, *pp, *up = NULL;
	struct lru_node *n;

	for (;;) {
		i = t->hand;
		t->hand = i == t->max ? 1 : i + 1;
		n = node(t, i);
		if (!*node_used(t, n))
			break;
		*node_used(t, n) = 0;
	}
	for (pp = &t->bucket[n->hash & t->mask]; link_idx(t, *pp) != i;
	     pp = &node(t, link_idx(t, *pp))->next)
		up = pp;
	*pp = n->next;
	if (up && !link_idx(t, n->next))
		*up &= ~t->more; /* the entry before it ends the chain now */
	if (t->drop)
		t->drop(node_val(t, n));
	return i;
}

/* A slot for a new entry: a fresh one while under the bound, else the evicted one's. */
static uint32_t take_slot(struct lru *t)
{
	if (t->count == t->max)
		return evict(t);
	if (t->count >= (t->mask + 1) / 2)
		grow_buckets(t);
	return ++t->count;
}

void lru_prefetch(const struct lru *t, uint32_t hash)
{
	__builtin_prefetch(&t->bucket[hash & t->mask]);
}

void lru_prefetch_entry(const struct lru *t, uint32_t hash)
{
	uint32_t link = t->bucket[hash & t->mask];

	if (link_idx(t, link) && (link_may_be(t, link, hash) || (link & t->more)))
		__builtin_prefetch(node(t, link_idx(t, link)));
}

void *lru_get(struct lru *t, const void *key, bool *fresh)
{
	return lru_get_hashed(t, key, lru_hash(t, key), fresh);
}

void *lru_get_hashed(struct lru *t, const void *key, uint32_t h, bool *fresh)
{
	uint32_t i, link = t->bucket[h & t->mask];
	struct lru_node *n;

	for (; link_idx(t, link); link = n->next) {
		n = node(t, link_idx(t, link));
		if (link_may_be(t, link, h) && n->hash == h &&
		    !memcmp(node_key(n), key, t->key_size)) {
			if (!*node_used(t, n))
				*node_used(t, n) = 1; /* written once a turn, not per hit */
			*fresh = false;
			return node_val(t, n);
		}
		if (!(link & t->more))
			break; /* its next is not read: a miss stops at the last tag */
	}
	i = take_slot(t);
	n = node(t, i);
	n->hash = h;
	memcpy(node_key(n), key, t->key_size);
	memset(node_val(t, n), 0, t->val_size);
	*node_used(t, n) = 0;
	link_in(t, i, h);
	*fresh = true;
	return node_val(t, n);
}
