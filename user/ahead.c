// SPDX-License-Identifier: GPL-2.0-only
/* The printer's lookahead (ahead.h): a small ring of parsed frames in front of the sink. */
#include <stdlib.h>
#include <string.h>

#include "ahead.h"
#include "log.h"

struct slot {
	struct xs_event ev;
	struct pkt_info pi;
	struct print_hint hint;
	struct pkt_owner owner; /* --process: the frame's, as the reader's is the next one's */
	uint8_t *bytes; /* the frame's bytes, owned */
	size_t room;
};

struct ahead {
	struct sink *sink;
	struct slot slot[AHEAD_DEPTH];
	unsigned first, held; /* the oldest slot, and how many are in use */
};

struct ahead *ahead_new(struct sink *s)
{
	struct ahead *a = calloc(1, sizeof(*a));

	if (a)
		a->sink = s;
	return a;
}

static struct slot *nth(struct ahead *a, unsigned i)
{
	return &a->slot[(a->first + i) % AHEAD_DEPTH];
}

static void send_oldest(struct ahead *a)
{
	struct slot *s = nth(a, 0);

	sink_packet(a->sink, &s->ev, &s->pi, &s->hint);
	a->first = (a->first + 1) % AHEAD_DEPTH;
	a->held--;
}

/* A copy of pi's bytes: a buffer of a byte at least, so that a frame of none still has bytes
 * (a record with data, however short, is not a headers-only one). */
static int keep_bytes(struct slot *s, const struct pkt_info *pi)
{
	size_t want = pi->cap_len ? pi->cap_len : 1;

	if (!pi->data)
		return 0;
	if (s->room < want) {
		uint8_t *b = realloc(s->bytes, want);

		if (!b) {
			log_msg("out of memory");
			return -1;
		}
		s->bytes = b;
		s->room = want;
	}
	memcpy(s->bytes, pi->data, pi->cap_len);
	s->pi.data = s->bytes;
	return 0;
}

int ahead_push(struct ahead *a, const struct xs_event *ev, const struct pkt_info *pi)
{
	struct slot *s;

	if (a->held == AHEAD_DEPTH)
		send_oldest(a);
	s = nth(a, a->held);
	s->ev = *ev;
	s->pi = *pi;
	if (pi->owner) {
		s->owner = *pi->owner;
		s->pi.owner = &s->owner;
	}
	if (keep_bytes(s, pi))
		return -1;
	sink_prefetch(a->sink, &s->ev, &s->pi, &s->hint);
	/* The frame AHEAD_GAP before it asked for its bucket then: now for the entry. */
	if (a->held >= AHEAD_GAP)
		sink_prefetch_entry(a->sink, &nth(a, a->held - AHEAD_GAP)->hint);
	a->held++;
	return sink_done(a->sink) ? 1 : 0;
}

void ahead_flush(struct ahead *a)
{
	while (a && a->held)
		send_oldest(a);
	if (a)
		sink_batch_end(a->sink); /* a batch's end: its lines, if stdout is a terminal */
}

void ahead_free(struct ahead *a)
{
	if (!a)
		return;
	for (unsigned i = 0; i < AHEAD_DEPTH; i++)
		free(a->slot[i].bytes);
	free(a);
}
