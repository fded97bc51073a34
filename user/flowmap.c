// SPDX-License-Identifier: GPL-2.0-only
/* Reading the flow table and the detectors' maps (flowmap.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "counters_user.h"
#include "flowmap.h"
#include "log.h"
#include "pins.h"

#define BATCH 4096 /* entries per batch read */

static void init(struct flow_src *s, const char *ifname)
{
	char name[IF_NAMESIZE];

	snprintf(name, sizeof(name), "%s", ifname); /* ifname may be s->ifname */
	memset(s, 0, sizeof(*s));
	memcpy(s->ifname, name, sizeof(name));
	s->stats_fd = -1;
	for (int m = 0; m < LFM_COUNT; m++)
		s->fd[m] = -1;
}

static int read_cfg(struct flow_src *s)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(s->fd[LFM_DETECT], &key, &s->cfg) ? -errno : 0;
}

int flow_src_open_pinned(struct flow_src *s, const char *ifname)
{
	char path[256];
	int err;

	init(s, ifname);
	err = pins_trusted(ifname);
	if (err == -ENOENT)
		return err;
	if (err) {
		log_msg("%s: %s", ifname, pins_error(err));
		return err;
	}
	if (!pins_has(ifname, loader_flow_pin[LFM_FLOWS]))
		return -ENOMSG;
	pins_path(path, sizeof(path), ifname, "stats");
	s->stats_fd = bpf_obj_get(path);
	for (int m = 0; m < LFM_COUNT && s->stats_fd >= 0; m++) {
		pins_path(path, sizeof(path), ifname, loader_flow_pin[m]);
		s->fd[m] = bpf_obj_get(path);
		if (s->fd[m] < 0)
			break;
	}
	err = s->stats_fd < 0 || s->fd[LFM_COUNT - 1] < 0 ? -errno : read_cfg(s);
	if (err) {
		log_msg("%s: cannot open the pinned flow table: %s", ifname, strerror(-err));
		flow_src_close(s);
	}
	return err;
}

int flow_src_from_loader(struct flow_src *s, const char *ifname, struct loader *l)
{
	init(s, ifname);
	s->stats_fd = loader_stats_fd(l);
	for (int m = 0; m < LFM_COUNT; m++)
		s->fd[m] = loader_flow_fd(l, m);
	if (s->fd[LFM_FLOWS] < 0)
		return -EINVAL;
	s->own = l;
	return read_cfg(s);
}

void flow_src_close(struct flow_src *s)
{
	if (s->own) {
		loader_close(s->own); /* its fds go with it */
	} else {
		if (s->stats_fd >= 0)
			close(s->stats_fd);
		for (int m = 0; m < LFM_COUNT; m++)
			if (s->fd[m] >= 0)
				close(s->fd[m]);
	}
	init(s, s->ifname);
}

int flow_src_counters(const struct flow_src *s, struct xs_counters *c)
{
	return counters_read(s->stats_fd, c);
}

static int grow(struct map_copy *mc, size_t want)
{
	void *k, *v;

	if (want <= mc->cap)
		return 0;
	k = realloc(mc->keys, want * mc->ksize);
	if (k)
		mc->keys = k;
	v = realloc(mc->vals, want * mc->vsize);
	if (v)
		mc->vals = v;
	if (!k || !v)
		return -ENOMEM;
	mc->cap = want;
	return 0;
}

/* Key by key, for a kernel without batch reads of hash maps. */
static int read_by_key(int fd, struct map_copy *mc)
{
	char key[64], next[64];
	void *prev = NULL;
	int err;

	mc->n = 0;
	while (!bpf_map_get_next_key(fd, prev, next)) {
		memcpy(key, next, mc->ksize);
		prev = key;
		if ((err = grow(mc, mc->n + 1 > mc->cap ? 2 * mc->cap + 64 : mc->cap)))
			return err;
		if (bpf_map_lookup_elem(fd, key, (char *)mc->vals + mc->n * mc->vsize))
			continue; /* evicted meanwhile */
		memcpy((char *)mc->keys + mc->n * mc->ksize, key, mc->ksize);
		mc->n++;
	}
	return errno == ENOENT ? 0 : -errno;
}

int flow_src_read(const struct flow_src *s, int m, struct map_copy *mc)
{
	static const size_t ksize[] = {sizeof(struct xs_flow_key), sizeof(struct xs_host_key),
				       sizeof(struct xs_host_key)};
	static const size_t vsize[] = {sizeof(struct xs_flow), sizeof(struct xs_source),
				       sizeof(struct xs_service)};
	__u64 batch = 0;
	void *in = NULL;
	int err;

	mc->ksize = ksize[m];
	mc->vsize = vsize[m];
	mc->n = 0;
	for (;;) {
		__u32 count = BATCH;

		if ((err = grow(mc, mc->n + BATCH)))
			return err;
		err =
		    bpf_map_lookup_batch(s->fd[m], in, &batch, (char *)mc->keys + mc->n * mc->ksize,
					 (char *)mc->vals + mc->n * mc->vsize, &count, NULL);
		err = err ? -errno : 0;
		mc->n += count;
		in = &batch;
		if (err == -ENOENT)
			return 0;
		if (err == -EINVAL || err == -EOPNOTSUPP)
			return read_by_key(s->fd[m], mc);
		if (err)
			return err;
	}
}

void map_copy_free(struct map_copy *mc)
{
	free(mc->keys);
	free(mc->vals);
	memset(mc, 0, sizeof(*mc));
}

uint64_t flow_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
