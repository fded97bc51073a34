// SPDX-License-Identifier: GPL-2.0-only
/* Snapshots of a flow table, with rates since the one before, and their order (flowtools.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flowtools.h"

const char *const flow_sort_names[FS_COUNT] = {"rate", "pps",	  "bytes", "packets",
					       "rtt",  "retrans", "age"};

int flow_sort_parse(const char *name)
{
	for (int i = 0; i < FS_COUNT; i++)
		if (!strcmp(name, flow_sort_names[i]))
			return i;
	return -1;
}

/* qsort has no context argument: the keys of the snapshot being ordered. */
static const struct xs_flow_key *order_keys;

static int cmp_key(const void *a, const void *b)
{
	return memcmp(&order_keys[*(const size_t *)a], &order_keys[*(const size_t *)b],
		      sizeof(*order_keys));
}

static int cmp_key_to(const void *key, const void *idx)
{
	return memcmp(key, &order_keys[*(const size_t *)idx], sizeof(*order_keys));
}

/* prev's entry for key k, or NULL. */
static const struct xs_flow *find_prev(const struct flow_snap *prev, const struct xs_flow_key *k)
{
	const size_t *i;

	if (!prev || !prev->by_key)
		return NULL;
	order_keys = prev->flows.keys;
	i = bsearch(k, prev->by_key, prev->flows.n, sizeof(*i), cmp_key_to);
	return i ? &((const struct xs_flow *)prev->flows.vals)[*i] : NULL;
}

/* The rates of view v since prev: a flow entered since then had all its traffic in between. */
static void rates(struct flow_view *v, const struct flow_snap *s, const struct flow_snap *prev)
{
	const struct xs_flow *p = find_prev(prev, v->k);
	double dt = prev ? (double)(s->t_ns - prev->t_ns) / 1e9 : 0;
	uint64_t pb = 0, pp = 0;

	if (dt <= 0)
		return;
	if (p) {
		pb = p->dir[0].bytes + p->dir[1].bytes;
		pp = p->dir[0].packets + p->dir[1].packets;
	} else if (v->f->first_ns < prev->t_ns) {
		return; /* seen before, missed by that snapshot: no rate */
	}
	if (v->bytes >= pb && v->packets >= pp) {
		v->byte_rate = (double)(v->bytes - pb) / dt;
		v->pkt_rate = (double)(v->packets - pp) / dt;
	}
}

static int index_keys(struct flow_snap *s)
{
	s->by_key = malloc((s->flows.n ? s->flows.n : 1) * sizeof(*s->by_key));
	if (!s->by_key)
		return -ENOMEM;
	for (size_t i = 0; i < s->flows.n; i++)
		s->by_key[i] = i;
	order_keys = s->flows.keys;
	qsort(s->by_key, s->flows.n, sizeof(*s->by_key), cmp_key);
	return 0;
}

static int make_views(struct flow_snap *s, const struct flow_snap *prev,
		      const struct flowfilter *ff)
{
	const struct xs_flow_key *k = s->flows.keys;
	const struct xs_flow *f = s->flows.vals;

	s->v = malloc((s->flows.n ? s->flows.n : 1) * sizeof(*s->v));
	if (!s->v)
		return -ENOMEM;
	s->nv = 0;
	for (size_t i = 0; i < s->flows.n; i++) {
		if (ff && !flowfilter_match(ff, &k[i]))
			continue;
		flow_view_make(&s->v[s->nv], &k[i], &f[i]);
		rates(&s->v[s->nv], s, prev);
		s->nv++;
	}
	return 0;
}

int flow_snap_take(struct flow_snap *s, const struct flow_src *src, const struct flow_snap *prev,
		   const struct flowfilter *ff)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->t_ns = flow_now_ns();
	err = flow_src_counters(src, &s->counters);
	if (!err)
		err = flow_src_read(src, LFM_FLOWS, &s->flows);
	if (!err)
		err = flow_src_read(src, LFM_SOURCES, &s->sources);
	if (!err)
		err = flow_src_read(src, LFM_SERVICES, &s->services);
	if (!err)
		err = index_keys(s);
	if (!err)
		err = make_views(s, prev, ff);
	if (!err)
		err = alarms_collect(&s->sources, &s->services, &src->cfg, s->t_ns, &s->alarms);
	return err;
}

static enum flow_sort sort_by;

static double sort_value(const struct flow_view *v)
{
	switch (sort_by) {
	case FS_RATE:
		return v->byte_rate;
	case FS_PKT_RATE:
		return v->pkt_rate;
	case FS_BYTES:
		return (double)v->bytes;
	case FS_PACKETS:
		return (double)v->packets;
	case FS_RTT:
		return (double)flow_view_rtt_ns(v);
	case FS_RETRANS:
		return v->retransmits;
	default:
		return -(double)v->f->first_ns; /* the oldest first */
	}
}

/* Descending by the sort key, then by bytes, then by key: the same order at every refresh. */
static int cmp_view(const void *a, const void *b)
{
	const struct flow_view *x = a, *y = b;
	double vx = sort_value(x), vy = sort_value(y);

	if (vx != vy)
		return vx < vy ? 1 : -1;
	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return memcmp(x->k, y->k, sizeof(*x->k));
}

void flow_snap_sort(struct flow_snap *s, enum flow_sort by)
{
	sort_by = by;
	qsort(s->v, s->nv, sizeof(*s->v), cmp_view);
}

void flow_snap_free(struct flow_snap *s)
{
	map_copy_free(&s->flows);
	map_copy_free(&s->sources);
	map_copy_free(&s->services);
	alarm_list_free(&s->alarms);
	free(s->v);
	free(s->by_key);
	memset(s, 0, sizeof(*s));
}
