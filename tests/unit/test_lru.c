// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of user/lru.c, the bounded table behind relative sequence numbers and host names:
 * the least recently used entry is the one evicted, the buckets grow as entries arrive and
 * every entry is still found after, values survive until their entry goes, and what an evicted
 * or freed value holds is handed to the drop function exactly once; entries sharing a bucket,
 * or a bucket and the hash bits a bucket keeps as a tag, are told apart, and their chain stays
 * whole as any of them is evicted.
 */
#include <stdio.h>
#include <string.h>

#include "lru.h"

static int passed, failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("FAIL %s:%d: %s\n", __func__, __LINE__, #cond);                     \
		}                                                                                  \
	} while (0)

struct key {
	uint32_t k[3];
};

static int drops;
static uint32_t dropped_sum;

static void count_drop(void *val)
{
	drops++;
	dropped_sum += *(uint32_t *)val;
}

/* The value of key k, stored as k * 10 when it was new; *fresh says which. */
static uint32_t *get(struct lru *t, uint32_t k, bool *fresh)
{
	struct key key = {{k, ~k, 7}};
	uint32_t *v = lru_get(t, &key, fresh);

	if (*fresh)
		*v = k * 10;
	return v;
}

static bool has(struct lru *t, uint32_t k)
{
	bool fresh;

	get(t, k, &fresh);
	return !fresh;
}

static void test_evicts_least_recent(void)
{
	struct lru *t = lru_new(sizeof(struct key), sizeof(uint32_t), 3, count_drop);
	bool fresh;

	drops = 0;
	dropped_sum = 0;
	get(t, 1, &fresh);
	CHECK(fresh);
	get(t, 2, &fresh);
	get(t, 3, &fresh);
	CHECK(*get(t, 1, &fresh) == 10 && !fresh); /* 1 used again: 2 is now the oldest */
	get(t, 4, &fresh);
	CHECK(fresh && lru_count(t) == 3);
	CHECK(drops == 1 && dropped_sum == 20); /* 2 went, its value handed to drop */
	/* 1, 3, 4 remain; asking for 2 again makes it new and evicts 3, the oldest. */
	get(t, 2, &fresh);
	CHECK(fresh && drops == 2 && dropped_sum == 50);
	CHECK(has(t, 1) && has(t, 4) && has(t, 2));
	CHECK(drops == 2);
	lru_free(t);
	CHECK(drops == 5); /* the three left, at free */
}

static void test_resize(void)
{
	enum { N = 100000 };
	struct lru *t = lru_new(sizeof(struct key), sizeof(uint32_t), N, NULL);
	uint32_t start = lru_buckets(t), bad = 0;
	bool fresh;

	for (uint32_t k = 0; k < N; k++)
		get(t, k, &fresh);
	CHECK(lru_count(t) == N);
	CHECK(start < 1000 && lru_buckets(t) >= 2 * N); /* grown, two buckets an entry */
	for (uint32_t k = 0; k < N; k++)
		if (*get(t, k, &fresh) != k * 10 || fresh)
			bad++;
	CHECK(bad == 0);
	CHECK(lru_count(t) == N);
	lru_free(t);
}

/* A full table keeps its bound and its last `max` keys, whatever the order of arrival. */
static void test_bound(void)
{
	enum { MAX = 1000, N = 50000 };
	struct lru *t = lru_new(sizeof(struct key), sizeof(uint32_t), MAX, count_drop);
	uint32_t kept = 0;
	bool fresh;

	drops = 0;
	for (uint32_t k = 0; k < N; k++)
		get(t, k * 7919 % N, &fresh);
	CHECK(lru_count(t) == MAX && drops == N - MAX);
	for (uint32_t k = N - MAX; k < N; k++)
		kept += has(t, k * 7919 % N);
	CHECK(kept == MAX && drops == N - MAX);
	lru_free(t);
}

/* n keys, from k upward, whose hashes in t agree on the bits of mask with want's. */
static void keys_like(const struct lru *t, uint32_t want, uint32_t mask, uint32_t k, uint32_t *out,
		      int n)
{
	for (int i = 0; i < n; k++) {
		struct key key = {{k, ~k, 7}};

		if (!((lru_hash(t, &key) ^ want) & mask))
			out[i++] = k;
	}
}

/*
 * A table of 2^24 entries keeps 6 bits of a hash beside each link: keys alike in those and in
 * their bucket are still different keys, each with its own value.
 */
static void test_same_tag(void)
{
	struct lru *t = lru_new(sizeof(struct key), sizeof(uint32_t), 1u << 24, NULL);
	uint32_t k[4], bad = 0;
	bool fresh;

	keys_like(t, 5, 0xfc00003f, 1, k, 4); /* bucket 5 of 64, the same top 6 bits */
	for (int i = 0; i < 4; i++)
		bad += !*get(t, k[i], &fresh) || !fresh;
	for (int i = 0; i < 4; i++)
		bad += *get(t, k[i], &fresh) != k[i] * 10 || fresh;
	CHECK(bad == 0 && lru_count(t) == 4);
	lru_free(t);
}

static uint32_t last_dropped;

static void note_drop(void *val)
{
	last_dropped = *(uint32_t *)val;
}

/*
 * CLOCK by brute force: slots filled in order, a hit marks its slot, a miss when full takes the
 * first unmarked slot from the hand on, unmarking those passed. Keys in two buckets of a table
 * that never grows them, in a random order: chains of up to 8 entries lose their first, last
 * and middle ones, and every answer (found or new, value, entry dropped) must match.
 */
static void test_chains_match_clock(void)
{
	enum { MAX = 8, KEYS = 24, STEPS = 20000 };
	struct lru *t = lru_new(sizeof(struct key), sizeof(uint32_t), MAX, note_drop);
	uint32_t keys[KEYS], slot[MAX], used[MAX] = {0}, count = 0, hand = 0, bad = 0;
	uint64_t rnd = 88172645463325252ull;

	keys_like(t, 0, 62, 1, keys, KEYS); /* buckets 0 and 1 of 64 */
	for (int step = 0; step < STEPS; step++) {
		uint32_t k, i, drop = 0;
		bool fresh, want_fresh;

		rnd ^= rnd << 13, rnd ^= rnd >> 7, rnd ^= rnd << 17;
		k = keys[rnd % KEYS];
		for (i = 0; i < count && slot[i] != k; i++)
			;
		want_fresh = i == count;
		if (!want_fresh) {
			used[i] = 1;
		} else if (count < MAX) {
			slot[count] = k, used[count++] = 0;
		} else {
			while (used[hand])
				used[hand] = 0, hand = (hand + 1) % MAX;
			drop = slot[hand] * 10, slot[hand] = k, used[hand] = 0;
			hand = (hand + 1) % MAX;
		}
		last_dropped = 0;
		bad += *get(t, k, &fresh) != k * 10 || fresh != want_fresh || last_dropped != drop;
	}
	CHECK(bad == 0 && lru_count(t) == MAX && lru_buckets(t) == 64);
	lru_free(t);
}

static void test_bad_args(void)
{
	CHECK(!lru_new(3, 4, 10, NULL)); /* key not a multiple of 4 */
	CHECK(!lru_new(4, 4, 0, NULL));
	CHECK(!lru_new(4, 4, LRU_MAX_ENTRIES + 1u, NULL));
}

int main(void)
{
	test_evicts_least_recent();
	test_resize();
	test_bound();
	test_same_tag();
	test_chains_match_clock();
	test_bad_args();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
