/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hash table of fixed-size keys and values with a bound on its entries: once full, one not
 * used for the longest while (CLOCK's approximation of the least recently used) makes room
 * for a new one. The printer's per-connection and per-host
 * state (print/tcpseq.c, names.c) lives in these, so a lookup costs the same at a million flows
 * as at ten and memory stops at the bound instead of growing for as long as xdpspy runs.
 */
#ifndef XDPSPY_LRU_H
#define XDPSPY_LRU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LRU_MAX_ENTRIES 0x7fffffffu

struct lru;

/* Called on a value as its entry is evicted or the table freed (to free what it points to). */
typedef void (*lru_drop_fn)(void *val);

/*
 * An empty table of at most max entries (1 to LRU_MAX_ENTRIES); key_size a multiple of 4.
 * The address space for max entries is reserved at once; memory is taken as entries arrive.
 * NULL and errno set on failure.
 */
struct lru *lru_new(size_t key_size, size_t val_size, uint32_t max, lru_drop_fn drop);
void lru_free(struct lru *t);

/*
 * The value stored under key, now marked used; or, when there is none, a zeroed
 * value just stored under it (*fresh set), evicting an unused entry if the table
 * is full. Valid until the next lru_get().
 */
void *lru_get(struct lru *t, const void *key, bool *fresh);

/*
 * lru_get() in two steps, for a caller with other work to do in between: the key's hash, and
 * a request for its bucket's memory; then the lookup with that hash.
 */
uint32_t lru_hash(const struct lru *t, const void *key);
void lru_prefetch(const struct lru *t, uint32_t hash);
/* The entry the hash's bucket names first, asked for once lru_prefetch() has brought the bucket
 * (a caller working a few keys ahead); not when the bucket's tag says the lookup will not read
 * it (another key's, at the end of its chain). */
void lru_prefetch_entry(const struct lru *t, uint32_t hash);
void *lru_get_hashed(struct lru *t, const void *key, uint32_t hash, bool *fresh);

uint32_t lru_count(const struct lru *t);
/* Hash buckets in use: the table doubles them to keep a chain at one entry on average. */
uint32_t lru_buckets(const struct lru *t);

#endif
