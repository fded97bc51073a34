// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading and driving the BPF object through its skeleton. Nothing else includes the skeleton,
 * so the rest of user space never sees libbpf's object model.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "loader.h"
#include "xdpspy.skel.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

struct loader {
	struct xdpspy_bpf *skel;
	struct ring_buffer *rb;
};

int loader_missing_caps(char *buf, size_t len)
{
	static const struct {
		int cap;
		const char *name;
	} need[] = {
	    {CAP_BPF, "CAP_BPF"}, {CAP_NET_ADMIN, "CAP_NET_ADMIN"}, {CAP_PERFMON, "CAP_PERFMON"}};
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2];
	int missing = 0;

	buf[0] = '\0';
	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		int c = need[i].cap;

		if (data[c / 32].effective & (1u << (c % 32)))
			continue;
		if (missing++)
			strncat(buf, ", ", len - strlen(buf) - 1);
		strncat(buf, need[i].name, len - strlen(buf) - 1);
	}
	return missing;
}

int loader_open(struct loader **out, const struct loader_cfg *cfg, loader_event_fn fn, void *ctx)
{
	struct loader *l = calloc(1, sizeof(*l));
	int err;

	if (!l)
		return -ENOMEM;
	l->skel = xdpspy_bpf__open();
	if (!l->skel) {
		err = -errno;
		goto fail;
	}
	l->skel->rodata->wakeup_bytes = cfg->wakeup_bytes;
	err = bpf_map__set_max_entries(l->skel->maps.events, cfg->ring_kib * 1024u);
	if (err)
		goto fail;
	err = xdpspy_bpf__load(l->skel);
	if (err)
		goto fail;
	l->rb = ring_buffer__new(bpf_map__fd(l->skel->maps.events), fn, ctx, NULL);
	if (!l->rb) {
		err = -errno;
		goto fail;
	}
	*out = l;
	return 0;
fail:
	loader_close(l);
	return err;
}

void loader_close(struct loader *l)
{
	if (!l)
		return;
	ring_buffer__free(l->rb);
	xdpspy_bpf__destroy(l->skel);
	free(l);
}

int loader_test_run(struct loader *l, const void *frame, uint32_t len, uint32_t *verdict)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = len, .repeat = 1);
	int err = bpf_prog_test_run_opts(bpf_program__fd(l->skel->progs.xdpspy_xdp), &opts);

	if (err)
		return -errno;
	if (verdict)
		*verdict = opts.retval;
	return 0;
}

int loader_consume(struct loader *l)
{
	return ring_buffer__consume(l->rb);
}

int loader_counters(struct loader *l, struct xs_counters *out)
{
	int ncpu = libbpf_num_possible_cpus();
	struct xs_counters *per;
	__u32 key = 0;
	int err;

	if (ncpu < 0)
		return ncpu;
	per = calloc((size_t)ncpu, sizeof(*per));
	if (!per)
		return -ENOMEM;
	err = bpf_map_lookup_elem(bpf_map__fd(l->skel->maps.stats), &key, per);
	if (err) {
		err = -errno;
		goto out;
	}
	memset(out, 0, sizeof(*out));
	for (int c = 0; c < ncpu; c++) {
		const __u64 *src = (const __u64 *)&per[c];
		__u64 *dst = (__u64 *)out;

		for (size_t i = 0; i < sizeof(*out) / sizeof(__u64); i++)
			dst[i] += src[i];
	}
out:
	free(per);
	return err;
}
