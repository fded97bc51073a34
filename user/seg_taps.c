// SPDX-License-Identifier: GPL-2.0-only
/* Sends held for their segments' stamps (see seg_taps.h). */
#include <stdlib.h>
#include <string.h>

#include "gso.h"
#include "seg_taps.h"

void seg_taps_init(struct seg_taps *t, struct segments_cfg *cfg, segment_fn fn, void *ctx)
{
	*t = (struct seg_taps){.cfg = cfg, .fn = fn, .ctx = ctx};
}

void seg_taps_free(struct seg_taps *t)
{
	for (unsigned i = 0; i < SEG_TAPS_HELD; i++)
		free(t->held[i].data);
}

/* Segments h->next to end - 1 at stamp ts; the send is let go after its last. */
static int out(struct seg_taps *t, struct seg_held *h, uint32_t end, uint64_t ts)
{
	const uint8_t *data = h->data_len ? h->data : NULL;
	int ret;

	if (end > h->n)
		end = h->n;
	h->ev.ts_ns = ts;
	ret = segments_range(&h->ev, data, h->data_len, t->cfg, h->next, end, t->fn, t->ctx);
	h->next = end;
	if (h->next >= h->n) {
		h->used = false;
		t->used--;
	}
	return ret;
}

/* The send held longest. */
static struct seg_held *oldest(struct seg_taps *t)
{
	struct seg_held *o = NULL;

	for (unsigned i = 0; i < SEG_TAPS_HELD; i++)
		if (t->held[i].used && (!o || t->held[i].send_ts < o->send_ts))
			o = &t->held[i];
	return o;
}

int seg_taps_hold(struct seg_taps *t, const struct xs_event *ev, const uint8_t *data,
		  uint32_t data_len)
{
	struct seg_held *h = NULL;
	int ret = 0;

	if (t->used == SEG_TAPS_HELD) {
		h = oldest(t);
		ret = out(t, h, h->n, h->send_ts);
	}
	for (unsigned i = 0; i < SEG_TAPS_HELD && (!h || h->used); i++)
		h = &t->held[i];
	if (data && data_len && !h->data)
		h->data = malloc(XS_MAX_SNAP + 4);
	/* Out of memory: the segments go out now, at the send's stamp. */
	if (ret || h->used || (data && data_len && !h->data) || data_len > XS_MAX_SNAP)
		return ret ? ret : segments_each(ev, data, data_len, t->cfg, t->fn, t->ctx);
	h->ev = *ev;
	h->data_len = data ? data_len : 0;
	if (h->data_len)
		memcpy(h->data, data, data_len);
	h->next = 0;
	h->n = xs_gso_segs(ev);
	h->send_ts = ev->ts_ns;
	h->used = true;
	t->used++;
	return 0;
}

int seg_taps_stamp(struct seg_taps *t, const struct xs_tap *tap)
{
	for (unsigned i = 0; i < SEG_TAPS_HELD && t->used; i++) {
		struct seg_held *h = &t->held[i];

		if (h->used && h->ev.ifindex == tap->ifindex && h->ev.l4.tcp.seq == tap->seq &&
		    tap->seg >= h->next)
			return out(t, h, (uint32_t)tap->seg + 1, tap->ts_ns);
	}
	return 0;
}

int seg_taps_expire(struct seg_taps *t, uint64_t before)
{
	struct seg_held *h;
	int ret = 0;

	while (!ret && t->used && (h = oldest(t)) && h->send_ts < before)
		ret = out(t, h, h->n, h->send_ts);
	return ret;
}
