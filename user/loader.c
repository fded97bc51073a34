// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading and driving the BPF object through its skeleton. Nothing else includes the skeleton,
 * so the rest of user space never sees libbpf's object model.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/pkt_cls.h>
#include <stdio.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "chain.h"
#include "counters_user.h"
#include "event.h"
#include "flow_table.h"
#include "gso_btf.h"
#include "loader.h"
#include "log.h"
#include "owner_seed.h"
#include "pins.h"
#include "xdpspy.skel.h"
#include "xlate.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

/* Debian's linux/bpf.h (6.1) predates TCX; the kernel has it. */
#define XS_BPF_TCX_INGRESS 46
#define XS_BPF_TCX_EGRESS 47
#define XS_TC_HANDLE 0x5853 /* "XS": marks our clsact filter */
#define XS_TC_PRIO 0xc001

/* --process: the programs that follow sockets (bpf/sock_owner.h), and a NULL. */
#define XS_OWNER_PROGS 10

struct loader {
	struct xdpspy_bpf *skel;
	struct ring *ring; /* its own, without cfg->rings */
	int link[XS_HOOKS]; /* bpf_links, -1 where none */
	int clsact_ifindex[XS_HOOKS]; /* a clsact filter to remove at detach, 0 if none */
	/* Taken over from `xdpspy attach`: the pinned links, and the programs to give back. */
	int borrowed_link[XS_HOOKS];
	int lent_prog[XS_HOOKS];
	int filter_prog[XS_HOOKS]; /* the filter expression, translated for each hook */
	struct bpf_link *owner_link[XS_OWNER_PROGS]; /* --process: the socket-side programs */
	bool tap; /* segments stamped at the tap (bpf/seg_tap.h), once egress is attached */
	bool tap_shared; /* by another loader's program (cfg->tap_fd) */
	struct bpf_link *tap_link; /* this loader's program, attached */
};

static struct bpf_program *owner_prog(const struct xdpspy_bpf *skel, int i)
{
	struct bpf_program *const p[XS_OWNER_PROGS] = {
	    skel->progs.xdpspy_sock_create, skel->progs.xdpspy_connect4,
	    skel->progs.xdpspy_connect6,    skel->progs.xdpspy_sendmsg4,
	    skel->progs.xdpspy_sendmsg6,    skel->progs.xdpspy_post_bind4,
	    skel->progs.xdpspy_post_bind6,  skel->progs.xdpspy_sock_release,
	    skel->progs.xdpspy_sock_state,  NULL};

	return p[i];
}

/* Off, the programs stay unloaded and the tables take one entry; on, the filters go into
 * rodata. */
static int setup_owner(struct loader *l, const struct loader_cfg *cfg)
{
	const struct owner_cfg *p = &cfg->process;
	int err = 0;

	l->skel->rodata->process_on = p->on;
	if (!p->on) {
		for (int i = 0; owner_prog(l->skel, i); i++)
			bpf_program__set_autoload(owner_prog(l->skel, i), false);
		err = bpf_map__set_max_entries(l->skel->maps.owners, 1);
		return err ? err : bpf_map__set_max_entries(l->skel->maps.owned_flows, 1);
	}
	l->skel->rodata->own_pid = p->pid;
	memcpy((void *)l->skel->rodata->own_comm, p->comm, sizeof(p->comm));
	l->skel->rodata->own_cgroup = p->cgroup;
	l->skel->rodata->own_cg_level = p->cg_level;
	return 0;
}

/* A socket that was there before: what the socket side learned since it was attached wins. */
static int seed_put(void *ctx, const struct xs_owner_flow *k, uint64_t cookie,
		    const struct xs_owner_val *v)
{
	struct loader *l = ctx;

	if (bpf_map__update_elem(l->skel->maps.owners, &cookie, sizeof(cookie), v, sizeof(*v),
				 BPF_NOEXIST))
		return -errno;
	/* A flow a newer socket owns is not taken from it. */
	if (bpf_map__update_elem(l->skel->maps.owned_flows, k, sizeof(*k), &cookie, sizeof(cookie),
				 BPF_NOEXIST) &&
	    errno != EEXIST)
		return -errno;
	return 0;
}

/* The sockets made before the socket side was attached (owner_seed.h), once it is: a socket
 * made in between is in both, and the socket side's record is kept. */
static int seed_owners(struct loader *l, const struct loader_cfg *cfg)
{
	struct owner_seed_stats st;
	int err = owner_seed(cfg->process.cgroup ? cfg->process.cg_level : 0, seed_put, l, &st);

	if (err)
		log_msg("warning: --process: the sockets opened before the capture: %s; their "
			"packets say [no owner]",
			strerror(-err));
	return 0;
}

/* The socket-side programs on the cgroup v2 root: every socket of the machine, whatever its
 * cgroup or network namespace. Links: gone with the process. */
static int attach_owner(struct loader *l, const struct loader_cfg *cfg)
{
	int cg, err = 0;

	if (!cfg->process.on || cfg->test_runs || !cfg->cgroup_root)
		return 0;
	cg = open(cfg->cgroup_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg < 0)
		return -errno;
	for (int i = 0; owner_prog(l->skel, i) && !err; i++) {
		struct bpf_program *p = owner_prog(l->skel, i);

		l->owner_link[i] = bpf_program__type(p) == BPF_PROG_TYPE_TRACEPOINT
				       ? bpf_program__attach(p)
				       : bpf_program__attach_cgroup(p, cg);
		err = l->owner_link[i] ? 0 : -errno;
	}
	close(cg);
	return err ? err : seed_owners(l, cfg);
}

int loader_owner_seed(struct loader *l, const struct xs_owner_flow *k, uint64_t cookie,
		      const struct xs_owner_val *v)
{
	if (bpf_map__update_elem(l->skel->maps.owners, &cookie, sizeof(cookie), v, sizeof(*v),
				 BPF_ANY) ||
	    bpf_map__update_elem(l->skel->maps.owned_flows, k, sizeof(*k), &cookie, sizeof(cookie),
				 BPF_ANY))
		return -errno;
	return 0;
}

/* What `attach` pins for each hook, and the hooks' programs. */
static const char *const link_pin[XS_HOOKS] = {XS_PIN_XDP_LINK, XS_PIN_EGRESS_LINK,
					       XS_PIN_INGRESS_LINK};
static const char *const prog_pin[XS_HOOKS] = {"xdp_prog", "egress_prog", "ingress_prog"};

static struct bpf_program *hook_prog(const struct xdpspy_bpf *skel, enum xs_hook h)
{
	return h == XS_HOOK_XDP		? skel->progs.xdpspy_xdp
	       : h == XS_HOOK_TC_EGRESS ? skel->progs.xdpspy_egress
					: skel->progs.xdpspy_ingress;
}

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

/* Loads the filter translated for one hook and puts it, with the verdict programs, in the
 * hook's chain. */
static int install_filter(struct loader *l, const struct loader_cfg *lc, enum xs_hook h)
{
	struct xdpspy_bpf *skel = l->skel;
	bool xdp = h == XS_HOOK_XDP;
	struct bpf_map *chains[XS_HOOKS] = {skel->maps.xdp_chain, skel->maps.tc_chain,
					    skel->maps.tc_in_chain};
	struct bpf_program *match[XS_HOOKS] = {skel->progs.xdpspy_xdp_match,
					       skel->progs.xdpspy_tc_match,
					       skel->progs.xdpspy_tc_in_match};
	struct bpf_program *reject[XS_HOOKS] = {skel->progs.xdpspy_xdp_reject,
						skel->progs.xdpspy_tc_reject,
						skel->progs.xdpspy_tc_in_reject};
	/* At TC, the program tcpdump would run there; without one, the capture file's, seeing a
	 * VLAN tag the skb holds back in the frame, as libpcap shows it (bpf: vlan_reinsert). */
	bool live = !xdp && lc->filter_tc && lc->filter_tc->len;
	const struct cbpf_prog *p = live ? lc->filter_tc : lc->filter;
	struct xlate_cfg cfg = {
	    .hook = xdp ? XLATE_XDP : XLATE_TC,
	    .view = lc->cooked	  ? XLATE_VIEW_SLL2
		    : xdp || live ? XLATE_VIEW_FRAME
				  : XLATE_VIEW_VLAN,
	    .hatype = lc->hatype,
	    .egress = h == XS_HOOK_TC_EGRESS,
	    .verdict = XLATE_TAIL_CALL,
	    .chain_fd = bpf_map__fd(chains[h]),
	    .wire_len_fd = xdp ? bpf_map__fd(skel->maps.bss) : -1,
	    .wire_len_off = (uint32_t)((char *)&skel->bss->replay_wire_len - (char *)skel->bss),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = xdp ? BPF_XDP : 0,
		    .prog_flags = xdp ? BPF_F_XDP_HAS_FRAGS : 0);
	int slots[XS_CHAIN_SLOTS], fd, err = 0;
	struct xlate_out out;
	char why[160];

	if (xlate(p, &cfg, &out, why, sizeof(why))) {
		log_msg("the filter cannot run in the kernel: %s", why);
		return -EINVAL;
	}
	fd = bpf_prog_load(xdp ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS, "xdpspy_filter",
			   "GPL", out.insns, out.len, &opts);
	if (fd < 0) {
		/* Again with the verifier's log, for -v. */
		static char log[1 << 16];

		err = -errno;
		opts.log_buf = log;
		opts.log_size = sizeof(log);
		opts.log_level = 1;
		if (bpf_prog_load(xdp ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS,
				  "xdpspy_filter", "GPL", out.insns, out.len, &opts) < 0 &&
		    log_verbosity)
			fputs(log, stderr);
		log_msg("the kernel refused the filter program (%s)%s", strerror(-err),
			log_verbosity ? "" : "; -v shows the verifier's log");
		xlate_free(&out);
		return err;
	}
	xlate_free(&out);
	l->filter_prog[h] = fd;
	slots[XS_CHAIN_FILTER] = fd;
	slots[XS_CHAIN_MATCH] = bpf_program__fd(match[h]);
	slots[XS_CHAIN_REJECT] = bpf_program__fd(reject[h]);
	for (uint32_t k = 0; k < XS_CHAIN_SLOTS && !err; k++)
		if (bpf_map_update_elem(cfg.chain_fd, &k, &slots[k], BPF_ANY))
			err = -errno;
	return err;
}

static struct bpf_map *flow_map(const struct xdpspy_bpf *skel, enum loader_flow_map m)
{
	return m == LFM_FLOWS	   ? skel->maps.flows
	       : m == LFM_SOURCES  ? skel->maps.sources
	       : m == LFM_SERVICES ? skel->maps.services
				   : skel->maps.detect;
}

/*
 * --flows: the thresholds into rodata and the tables sized, or the pinned ones reused (a
 * capture borrowing `attach --flows`'s hooks). Off, the tables take one entry each: the
 * verifier prunes every use of them.
 */
static int setup_flows(struct loader *l, const struct loader_cfg *cfg)
{
	const struct xs_detect_cfg *d = &cfg->detect;
	int err = 0;

	l->skel->rodata->flows_on = cfg->flows;
	if (!cfg->flows) {
		for (int m = LFM_FLOWS; m <= LFM_SERVICES && !err; m++)
			err = bpf_map__set_max_entries(flow_map(l->skel, m), 1);
		return err;
	}
	l->skel->rodata->detect_cfg = *d;
	for (int m = 0; m < LFM_COUNT && !err; m++) {
		uint32_t n = m == LFM_FLOWS    ? d->flow_entries
			     : m == LFM_DETECT ? 1
					       : d->host_entries;

		err = cfg->flow_fds[m] > 0
			  ? bpf_map__reuse_fd(flow_map(l->skel, m), cfg->flow_fds[m])
			  : bpf_map__set_max_entries(flow_map(l->skel, m), n);
	}
	return err;
}

/* The thresholds, where the readers (top, watch, flows) find them. */
static int store_detect_cfg(struct loader *l, const struct loader_cfg *cfg)
{
	__u32 key = 0;

	if (!cfg->flows || cfg->flow_fds[LFM_DETECT] > 0)
		return 0;
	return bpf_map_update_elem(bpf_map__fd(l->skel->maps.detect), &key, &cfg->detect, BPF_ANY)
		   ? -errno
		   : 0;
}

/* With the egress hook attached: the tracepoint program that stamps segments at the tap
 * (another loader's, or attached now). Without it (a kernel that refuses it), sends are not
 * armed, and their segments print at the send's stamp. */
static void start_tap(struct loader *l)
{
	if (!l->tap || l->skel->bss->tap_on)
		return;
	if (!l->tap_shared) {
		log_libbpf_quiet(true);
		l->tap_link = bpf_program__attach(l->skel->progs.xdpspy_seg_tap);
		log_libbpf_quiet(false);
		if (!l->tap_link)
			return;
	}
	l->skel->bss->tap_on = 1;
}

int loader_tap_share(struct loader *l, int *map_fd, int *link_fd)
{
	int err;

	if (!l->tap_link)
		return -ENOENT;
	*map_fd = fcntl(bpf_map__fd(l->skel->maps.tap_wait), F_DUPFD_CLOEXEC, 3);
	*link_fd = fcntl(bpf_link__fd(l->tap_link), F_DUPFD_CLOEXEC, 3);
	err = -errno;
	if (*map_fd >= 0 && *link_fd >= 0)
		return 0;
	if (*map_fd >= 0)
		close(*map_fd);
	if (*link_fd >= 0)
		close(*link_fd);
	return err;
}

/* Plain stores, not atomic exchanges, are enough where other CPUs see stores in program order
 * and hooks only nest (bpf/cpu_ring.h): x86, without PREEMPT_RT. */
static bool plain_stores_enough(void)
{
#if defined(__x86_64__) || defined(__i386__)
	char rt = '0';
	int fd = open("/sys/kernel/realtime", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, &rt, 1) != 1)
			rt = '1'; /* unknown: the safe way */
		close(fd);
	}
	return rt != '1';
#else
	return false;
#endif
}

/* The programs send into r and ring its bell. */
static int use_rings(struct loader *l, const struct ring *r)
{
	int err;

	l->skel->rodata->ring_mask = ring_bytes(r) - 1;
	/* CPUs that share a ring must take it in turn. */
	l->skel->rodata->ring_atomic = ring_shared(r) || !plain_stores_enough();
	err = bpf_map__reuse_fd(l->skel->maps.events, ring_fd(r));
	return err ? err : bpf_map__reuse_fd(l->skel->maps.ring_bell, ring_bell_fd(r));
}

int loader_open(struct loader **out, const struct loader_cfg *cfg, ring_event_fn fn, void *ctx)
{
	struct loader *l = calloc(1, sizeof(*l));
	bool tap = false;
	int err;

	if (!l)
		return -ENOMEM;
	for (int h = 0; h < XS_HOOKS; h++)
		l->link[h] = l->borrowed_link[h] = l->lent_prog[h] = l->filter_prog[h] = -1;
	l->skel = xdpspy_bpf__open();
	if (!l->skel) {
		err = -errno;
		goto fail;
	}
	/* Replay drains the ring after each test run: a wakeup would only cost. */
	l->skel->rodata->wakeup_bytes = cfg->test_runs ? UINT32_MAX : cfg->wakeup_bytes;
	if (cfg->test_runs || cfg->cooked) {
		/* Replay needs no TC programs, a cooked capture no XDP ones: less to verify. */
		enum bpf_prog_type keep =
		    cfg->test_runs ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS;
		struct bpf_program *p;

		bpf_object__for_each_program(p, l->skel->obj)
		{
			if (bpf_program__type(p) != keep)
				bpf_program__set_autoload(p, false);
		}
	}
	l->skel->rodata->cooked = cfg->cooked;
	l->skel->rodata->counters_only = cfg->counters_only;
	/* With the owner's tail a record stays whole (decode_owner() reads its flags). */
	l->skel->rodata->compact_on = cfg->compact && !cfg->cooked && !cfg->process.on;
	l->skel->rodata->filter_on = cfg->filter && cfg->filter->len;
	l->skel->rodata->snap_len = cfg->snap_len < XS_MAX_SNAP ? cfg->snap_len : XS_MAX_SNAP;
	l->skel->rodata->verify_sum = cfg->verify_sum;
	if (cfg->app)
		memcpy((void *)&l->skel->rodata->app_cfg, cfg->app, sizeof(*cfg->app));
	l->skel->rodata->seg_filter = cfg->seg_filter;
	if (!cfg->test_runs)
		gso_btf_consts(&l->skel->rodata->gso_k, &tap);
	/* Segments are stamped at the tap where records go out and segments are made of them:
	 * by this loader's tracepoint program, or by another interface's (tap_fd). */
	tap = tap && !cfg->counters_only && l->skel->rodata->gso_k.known;
	bpf_program__set_autoload(l->skel->progs.xdpspy_seg_tap, tap && cfg->tap_fd <= 0);
	if (tap && cfg->tap_fd > 0) {
		err = bpf_map__reuse_fd(l->skel->maps.tap_wait, cfg->tap_fd);
		if (err)
			goto fail;
	}
	if (!cfg->counters_only) {
		/* A record being built per hook and CPU (bpf/xdpspy.bpf.c, staged_record()): for a
		 * filter, -s or -v, and for frames whose headers the event cannot hold. */
		int cpus = libbpf_num_possible_cpus();

		err = cpus < 0 ? cpus
			       : bpf_map__set_max_entries(l->skel->maps.staged, XS_HOOKS * cpus);
		if (err)
			goto fail;
	}
	if (cfg->stats_fd > 0) {
		/* Count into the map already pinned, so counting goes on without a gap. */
		err = bpf_map__reuse_fd(l->skel->maps.stats, cfg->stats_fd);
		if (err)
			goto fail;
	}
	err = setup_flows(l, cfg);
	if (!err)
		err = setup_owner(l, cfg);
	if (err)
		goto fail;
	/* Counting only sends nothing: the array of rings stays as libbpf makes it, empty. */
	if (!cfg->rings && !cfg->counters_only)
		err = ring_new(&l->ring, cfg->ring_kib, false, fn, ctx);
	if (!err && (cfg->rings || l->ring))
		err = use_rings(l, cfg->rings ? cfg->rings : l->ring);
	if (err)
		goto fail;
	err = xdpspy_bpf__load(l->skel);
	l->tap = tap;
	l->tap_shared = tap && cfg->tap_fd > 0;
	if (!err)
		err = store_detect_cfg(l, cfg);
	if (!err)
		err = attach_owner(l, cfg);
	if (err)
		goto fail;
	for (int h = 0; h < XS_HOOKS && l->skel->rodata->filter_on; h++) {
		/* Each hook whose programs are loaded. */
		bool loaded = h == XS_HOOK_XDP ? !cfg->cooked : !cfg->test_runs;

		err = loaded ? install_filter(l, cfg, h) : 0;
		if (err)
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
	loader_detach(l);
	for (int i = 0; i < XS_OWNER_PROGS; i++)
		bpf_link__destroy(l->owner_link[i]);
	bpf_link__destroy(l->tap_link);
	xdpspy_bpf__destroy(l->skel);
	ring_free(l->ring);
	for (int h = 0; h < XS_HOOKS; h++)
		if (l->filter_prog[h] >= 0)
			close(l->filter_prog[h]);
	free(l);
}

int loader_test_run(struct loader *l, const void *frame, uint32_t len, uint32_t wire_len,
		    uint32_t *verdict)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = len, .repeat = 1);
	int err;

	l->skel->bss->replay_wire_len = wire_len > len ? wire_len : 0;
	err = bpf_prog_test_run_opts(bpf_program__fd(l->skel->progs.xdpspy_xdp), &opts);

	if (err)
		return -errno;
	if (verdict)
		*verdict = opts.retval;
	return 0;
}

static int timed_run(int fd, const void *frame, uint32_t len, uint32_t repeat, uint32_t *ns)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = len,
		    .repeat = repeat);

	if (bpf_prog_test_run_opts(fd, &opts))
		return -errno;
	*ns = opts.duration;
	return 0;
}

int loader_test_run_timed(struct loader *l, bool tc, const void *frame, uint32_t len,
			  uint32_t repeat, uint32_t *ns)
{
	l->skel->bss->replay_wire_len = 0;
	return timed_run(
	    bpf_program__fd(tc ? l->skel->progs.xdpspy_ingress : l->skel->progs.xdpspy_xdp), frame,
	    len, repeat, ns);
}

int loader_test_run_empty(bool tc, const void *frame, uint32_t len, uint32_t repeat, uint32_t *ns)
{
	const struct bpf_insn pass[] = {
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K,
	     .dst_reg = BPF_REG_0,
	     .imm = tc ? TC_ACT_UNSPEC : XDP_PASS},
	    {.code = BPF_JMP | BPF_EXIT},
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = tc ? 0 : BPF_XDP,
		    .prog_flags = tc ? 0 : BPF_F_XDP_HAS_FRAGS);
	int fd = bpf_prog_load(tc ? BPF_PROG_TYPE_SCHED_CLS : BPF_PROG_TYPE_XDP, "xdpspy_empty",
			       "GPL", pass, 2, &opts),
	    err;

	if (fd < 0)
		return -errno;
	err = timed_run(fd, frame, len, repeat, ns);
	close(fd);
	return err;
}

int loader_consume(struct loader *l)
{
	return l->ring ? ring_drain(l->ring) : 0;
}

struct ring *loader_ring(struct loader *l)
{
	return l->ring;
}

int loader_counters(struct loader *l, struct xs_counters *out)
{
	return counters_read(bpf_map__fd(l->skel->maps.stats), out);
}

int loader_pin_stats(struct loader *l, const char *path)
{
	return bpf_obj_pin(bpf_map__fd(l->skel->maps.stats), path) ? -errno : 0;
}

const char *const loader_flow_pin[LFM_COUNT] = {"flows", "sources", "services", "detect"};

int loader_pin_flows(struct loader *l, const char *ifname)
{
	char path[256];
	int err = 0;

	if (!l->skel->rodata->flows_on)
		return 0;
	for (int m = 0; m < LFM_COUNT && !err; m++) {
		err = pins_path(path, sizeof(path), ifname, loader_flow_pin[m]);
		if (!err && bpf_obj_pin(bpf_map__fd(flow_map(l->skel, m)), path))
			err = -errno;
	}
	return err;
}

int loader_stats_fd(struct loader *l)
{
	return bpf_map__fd(l->skel->maps.stats);
}

int loader_flow_fd(struct loader *l, enum loader_flow_map m)
{
	return l->skel->rodata->flows_on ? bpf_map__fd(flow_map(l->skel, m)) : -1;
}

static int pin_fd(int fd, const char *ifname, const char *file)
{
	char path[256];
	int err;

	if (fd < 0)
		return 0;
	err = pins_path(path, sizeof(path), ifname, file);
	return err ? err : bpf_obj_pin(fd, path) ? -errno : 0;
}

int loader_pin_links(struct loader *l, const char *ifname)
{
	int err = 0;

	for (int h = 0; h < XS_HOOKS && !err; h++) {
		if (l->link[h] < 0)
			continue;
		err = pin_fd(l->link[h], ifname, link_pin[h]);
		if (!err)
			err = pin_fd(bpf_program__fd(hook_prog(l->skel, h)), ifname, prog_pin[h]);
	}
	/* --process: the socket side stays attached with the hooks, and goes with them. */
	for (int i = 0; i < XS_OWNER_PROGS && l->owner_link[i] && !err; i++) {
		char file[64];

		snprintf(file, sizeof(file), "%s%s", XS_PIN_OWNER_PREFIX,
			 bpf_program__name(owner_prog(l->skel, i)));
		err = pin_fd(bpf_link__fd(l->owner_link[i]), ifname, file);
	}
	/* A clsact filter stays: `detach` removes it. */
	for (int h = 0; h < XS_HOOKS && !err; h++)
		l->clsact_ifindex[h] = 0;
	return err;
}

int loader_attach_xdp(struct loader *l, int ifindex, enum xdp_mode mode, struct attach_info *ai)
{
	LIBBPF_OPTS(bpf_link_create_opts, opts);
	int fd = bpf_program__fd(l->skel->progs.xdpspy_xdp);

	opts.flags = mode == XDP_MODE_GENERIC ? XDP_FLAGS_SKB_MODE : XDP_FLAGS_DRV_MODE;
	l->link[XS_HOOK_XDP] = bpf_link_create(fd, ifindex, BPF_XDP, &opts);
	if (l->link[XS_HOOK_XDP] < 0 && mode == XDP_MODE_AUTO) {
		/* The driver has no native XDP: the generic hook sees the same frames, later. */
		opts.flags = XDP_FLAGS_SKB_MODE;
		l->link[XS_HOOK_XDP] = bpf_link_create(fd, ifindex, BPF_XDP, &opts);
		ai->xdp_generic = l->link[XS_HOOK_XDP] >= 0;
	} else {
		ai->xdp_generic = mode == XDP_MODE_GENERIC;
	}
	return l->link[XS_HOOK_XDP] < 0 ? -errno : 0;
}

static enum bpf_tc_attach_point tc_point(enum xs_hook h)
{
	return h == XS_HOOK_TC_INGRESS ? BPF_TC_INGRESS : BPF_TC_EGRESS;
}

static int attach_clsact(struct loader *l, int ifindex, enum xs_hook h)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = tc_point(h));
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = XS_TC_HANDLE, .priority = XS_TC_PRIO,
		    .prog_fd = bpf_program__fd(hook_prog(l->skel, h)));
	int err = bpf_tc_hook_create(&hook);

	if (err && err != -EEXIST)
		return err;
	err = bpf_tc_attach(&hook, &opts);
	if (err)
		return err;
	l->clsact_ifindex[h] = ifindex;
	return 0;
}

int loader_attach_tc(struct loader *l, int ifindex, bool ingress, enum tc_mode mode,
		     struct attach_info *ai)
{
	enum xs_hook h = ingress ? XS_HOOK_TC_INGRESS : XS_HOOK_TC_EGRESS;
	int fd = bpf_program__fd(hook_prog(l->skel, h)), err;

	if (mode != TC_MODE_CLSACT) {
		l->link[h] = bpf_link_create(
		    fd, ifindex, ingress ? XS_BPF_TCX_INGRESS : XS_BPF_TCX_EGRESS, NULL);
		err = l->link[h] < 0 ? -errno : 0;
		if (!err && !ingress)
			start_tap(l);
		if (!err || mode == TC_MODE_TCX)
			return err;
	}
	/* A kernel without TCX (before 6.6), or --tc-mode clsact. */
	if (ingress)
		ai->ingress_clsact = true;
	else
		ai->egress_clsact = true;
	err = attach_clsact(l, ifindex, h);
	if (!err && !ingress)
		start_tap(l);
	return err;
}

static int detach_clsact(int ifindex, enum xs_hook h)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = tc_point(h));
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = XS_TC_HANDLE, .priority = XS_TC_PRIO);

	return bpf_tc_detach(&hook, &opts);
}

int loader_take_over(struct loader *l, const char *ifname, bool in, bool out)
{
	char path[256];
	bool any = false;

	for (int h = 0; h < XS_HOOKS; h++) {
		if (!(h == XS_HOOK_TC_EGRESS ? out : in))
			continue; /* that direction keeps counting only */
		if (pins_path(path, sizeof(path), ifname, link_pin[h]))
			return -ENAMETOOLONG;
		l->borrowed_link[h] = bpf_obj_get(path);
		if (l->borrowed_link[h] < 0)
			continue; /* not this hook (lo, a clsact fallback, the other ingress hook) */
		any = true;
		pins_path(path, sizeof(path), ifname, prog_pin[h]);
		l->lent_prog[h] = bpf_obj_get(path);
		if (l->lent_prog[h] < 0 ||
		    bpf_link_update(l->borrowed_link[h], bpf_program__fd(hook_prog(l->skel, h)),
				    NULL)) {
			int err = -errno;

			loader_detach(l);
			return err;
		}
		if (h == XS_HOOK_TC_EGRESS)
			start_tap(l);
	}
	return any ? 0 : -ENOENT;
}

void loader_detach(struct loader *l)
{
	for (int h = 0; h < XS_HOOKS; h++) {
		/* Give borrowed links their counters-only programs back before anything else. */
		if (l->borrowed_link[h] >= 0 && l->lent_prog[h] >= 0)
			bpf_link_update(l->borrowed_link[h], l->lent_prog[h], NULL);
		if (l->borrowed_link[h] >= 0)
			close(l->borrowed_link[h]);
		if (l->lent_prog[h] >= 0)
			close(l->lent_prog[h]);
		if (l->link[h] >= 0)
			close(l->link[h]);
		if (l->clsact_ifindex[h])
			detach_clsact(l->clsact_ifindex[h], h);
		l->borrowed_link[h] = l->lent_prog[h] = l->link[h] = -1;
		l->clsact_ifindex[h] = 0;
	}
}

int loader_remove_stale_clsact(int ifindex)
{
	int removed = 0;

	for (int h = XS_HOOK_TC_EGRESS; h <= XS_HOOK_TC_INGRESS; h++) {
		LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = tc_point(h));
		LIBBPF_OPTS(bpf_tc_opts, opts, .handle = XS_TC_HANDLE, .priority = XS_TC_PRIO);
		int err;

		/* No clsact qdisc is the usual answer; libbpf would print the kernel's complaint. */
		log_libbpf_quiet(true);
		err = bpf_tc_query(&hook, &opts);
		log_libbpf_quiet(false);
		if (!err && detach_clsact(ifindex, h) == 0)
			removed = 1;
	}
	return removed;
}

/* The name of program id into name ("" when it cannot be read). */
static void prog_name(uint32_t id, char *name, size_t namelen)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd = bpf_prog_get_fd_by_id(id);

	name[0] = '\0';
	if (fd < 0)
		return;
	memset(&info, 0, sizeof(info));
	if (!bpf_obj_get_info_by_fd(fd, &info, &len))
		snprintf(name, namelen, "%s", info.name);
	close(fd);
}

int loader_xdp_query(int ifindex, uint32_t *id, char *name, size_t namelen)
{
	int err;

	name[0] = '\0';
	err = bpf_xdp_query_id(ifindex, 0, id);
	if (!err && *id)
		prog_name(*id, name, namelen);
	return err;
}

uint32_t loader_tcx_ours(int ifindex)
{
	static const int points[] = {XS_BPF_TCX_INGRESS, XS_BPF_TCX_EGRESS};
	char name[BPF_OBJ_NAME_LEN];

	for (size_t p = 0; p < sizeof(points) / sizeof(points[0]); p++) {
		__u32 ids[64], n = 64;

		/* Before TCX (6.6) the query fails: nothing of ours can be there. */
		if (bpf_prog_query(ifindex, points[p], 0, NULL, ids, &n))
			continue;
		for (__u32 i = 0; i < n && i < 64; i++) {
			prog_name(ids[i], name, sizeof(name));
			if (!strcmp(name, XS_PROG_INGRESS) || !strcmp(name, XS_PROG_EGRESS))
				return ids[i];
		}
	}
	return 0;
}

void loader_detach_xdp(struct loader *l)
{
	if (l->link[XS_HOOK_XDP] >= 0)
		close(l->link[XS_HOOK_XDP]);
	l->link[XS_HOOK_XDP] = -1;
}
