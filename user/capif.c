// SPDX-License-Identifier: GPL-2.0-only
/* One interface of a live capture (capif.h). */
#include <errno.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "app_ports.h"
#include "bpf_owner.h"
#include "capif.h"
#include "cgroups.h"
#include "compact.h"
#include "exit_codes.h"
#include "hook.h"
#include "iface.h"
#include "log.h"
#include "pins.h"

/* "another xdpspy is already capturing here", with its PID when /proc tells. */
static void say_busy(const char *ifname, const char *where, uint32_t id)
{
	char comm[32];
	pid_t pid = bpf_prog_holder(id, comm, sizeof(comm));

	if (pid)
		log_msg("%s: another xdpspy (pid %d, %s) is already capturing here (%s program id "
			"%u)",
			ifname, (int)pid, comm, where, id);
	else
		log_msg("%s: another xdpspy is already capturing here (%s program id %u)", ifname,
			where, id);
}

/*
 * Refuses an interface where another xdpspy captures, or (with --hook xdp) where someone
 * else's XDP program runs; otherwise notes that program in `foreign`, for the hook plan.
 * Returns 1 when `xdpspy attach` counts there: the capture borrows its links (a cooked
 * capture attaches its own beside them).
 */
static int check_free(const struct capif_cfg *cfg, const char *ifname, int ifindex,
		      struct foreign_xdp *foreign)
{
	const struct opts *o = cfg->o;
	uint32_t id = 0, tc;

	if (pins_link_exists(ifname))
		return 1;
	tc = loader_tcx_ours(ifindex);
	if (tc) {
		say_busy(ifname, "TC", tc);
		return -EBUSY;
	}
	if (loader_xdp_query(ifindex, &id, foreign->name, sizeof(foreign->name)) || !id)
		return 0;
	if (!strcmp(foreign->name, XS_PROG_XDP)) {
		say_busy(ifname, "XDP", id);
		return -EBUSY;
	}
	if (o->hook == HOOK_XDP && o->dir != DIR_OUT && !cfg->cooked) {
		log_msg("%s: XDP program '%s' (id %u) is attached; xdpspy leaves it alone (without "
			"--hook xdp, ingress is captured at TC beside it)",
			ifname, foreign->name[0] ? foreign->name : "?", id);
		return -EBUSY;
	}
	foreign->id = id;
	return 0;
}

/* What a killed run left on the interface: clsact filters, pins. */
static void remove_leftovers(const struct capif *c)
{
	if (loader_remove_stale_clsact(c->index) > 0)
		log_msg("%s: removed tc filters left by an earlier xdpspy", c->name);
	if (pins_exist(c->name) && !pins_remove(c->name))
		log_msg("%s: removed pins left by an earlier xdpspy in %s/%s", c->name, XS_PIN_ROOT,
			c->name);
}

static int attach(struct capif *c, const struct capif_cfg *cfg, const struct foreign_xdp *foreign)
{
	const struct opts *o = cfg->o;
	bool loopback = !strcmp(c->name, "lo");
	int err;

	if (o->dir != DIR_OUT) {
		if (cfg->cooked)
			err = loader_attach_tc(c->l, c->index, true, o->tc_mode, &c->ai);
		else
			err = hook_attach_ingress(
			    c->l, c->name, c->index,
			    &(struct hook_opts){o->hook, o->xdp_mode, o->tc_mode}, foreign, &c->ai);
		if (err)
			return err;
	}
	/* On lo every packet passes both hooks; tcpdump prints it once, and so do we. */
	if (o->dir == DIR_OUT || (o->dir == DIR_INOUT && !loopback)) {
		err = loader_attach_tc(c->l, c->index, false, o->tc_mode, &c->ai);
		if (err) {
			log_msg("%s: cannot attach the egress program: %s", c->name,
				strerror(-err));
			return err;
		}
	}
	return 0;
}

/*
 * Pins the counters for bpftool and `xdpspy stats` while the capture runs. Without a usable
 * bpffs the capture goes on unpinned, with a notice.
 */
static void pin_counters(struct capif *c, const struct opts *o)
{
	char path[256];
	int err;

	if (o->drop_user) {
		log_msg("%s: counters not pinned under %s (-Z: %s could not remove them at exit)",
			c->name, XS_PIN_ROOT, o->drop_user);
		return;
	}
	err = pins_create(c->name);
	if (!err)
		err = pins_path(path, sizeof(path), c->name, "stats");
	if (!err)
		err = loader_pin_stats(c->l, path);
	if (!err)
		err = loader_pin_flows(c->l, c->name);
	if (err) {
		log_msg("%s: counters not pinned: %s", c->name, pins_error(err));
		pins_remove(c->name);
		return;
	}
	c->pinned = true;
}

/* --flows beside `attach` without them: our table pinned there while the capture runs. */
static void pin_own_flows(struct capif *c)
{
	int err = loader_pin_flows(c->l, c->name);

	if (err) {
		log_msg("%s: flow table not pinned: %s", c->name, pins_error(err));
		for (int m = 0; m < LFM_COUNT; m++)
			pins_unlink(c->name, loader_flow_pin[m]);
		return;
	}
	c->flows_pinned = true;
}

/* The programs, loaded to send into the capture's ring; with attach's counters, borrowed. */
static int load(struct capif *c, const struct capif_cfg *cfg)
{
	const struct opts *o = cfg->o;
	static struct xs_app_cfg app; /* the same for every interface: the options' */
	struct loader_cfg lc = {.ring_kib = o->ring_kib,
				.rings = cfg->rings,
				.wakeup_bytes = cfg->wakeup_bytes,
				.filter = cfg->filter,
				.filter_tc = cfg->filter_tc,
				.snap_len = opts_event_snap(o),
				.app = &app,
				.verify_sum = o->print.vflag && !o->print.Kflag,
				.compact = compact_wanted(o),
				.cooked = cfg->cooked,
				.hatype = c->hatype,
				.seg_filter = cfg->seg_filter,
				.tap_fd = cfg->tap_fd,
				.stats_fd = c->stats_fd,
				.flows = c->flows,
				.process = o->process,
				.cgroup_root = cgroups_root(),
				.detect = c->detect};
	int err;

	memcpy(lc.flow_fds, c->flow_fds, sizeof(lc.flow_fds));
	app_ports_fill(&app, &o->print);
	err = loader_open(&c->l, &lc, NULL, NULL);

	if (err) {
		log_msg("%s: cannot load the BPF program: %s%s", c->name, strerror(-err),
			o->verbose ? "" : " (-v shows the verifier's log)");
		return err;
	}
	loader_counters(c->l, &c->base);
	return 0;
}

/*
 * Attach's flow table, when it keeps one: the capture's programs go on filling it (with its
 * thresholds), whether or not the capture asked for --flows.
 */
static int open_borrowed_flows(struct capif *c)
{
	char path[256];
	__u32 key = 0;

	if (!pins_has(c->name, loader_flow_pin[LFM_FLOWS]))
		return 0;
	for (int m = 0; m < LFM_COUNT; m++) {
		pins_path(path, sizeof(path), c->name, loader_flow_pin[m]);
		c->flow_fds[m] = bpf_obj_get(path);
		if (c->flow_fds[m] < 0) {
			log_msg("%s: cannot open the pinned %s: %s", c->name, loader_flow_pin[m],
				strerror(errno));
			return -errno;
		}
	}
	if (bpf_map_lookup_elem(c->flow_fds[LFM_DETECT], &key, &c->detect))
		return -errno;
	c->flows = true;
	return 0;
}

/* Attach's pinned counters, for a capture that borrows its hooks. */
static int open_borrowed(struct capif *c)
{
	char path[256];

	pins_path(path, sizeof(path), c->name, "stats");
	c->stats_fd = bpf_obj_get(path);
	if (c->stats_fd < 0) {
		log_msg("%s: cannot open the pinned counters: %s", c->name, strerror(errno));
		return -errno;
	}
	log_msg("%s: xdpspy counts here (attach); the capture borrows its hooks", c->name);
	c->borrowed = true;
	return open_borrowed_flows(c);
}

/* Hooks and pins, once the programs are loaded. */
static int hook_up(struct capif *c, const struct capif_cfg *cfg, const struct foreign_xdp *foreign)
{
	const struct opts *o = cfg->o;
	int err;

	if (c->borrowed) {
		err = loader_take_over(c->l, c->name, o->dir != DIR_OUT, o->dir != DIR_IN);
		if (err)
			log_msg("%s: cannot take the counters-only hooks over: %s", c->name,
				strerror(-err));
	} else {
		err = attach(c, cfg, foreign);
	}
	if (!err && o->drop_user && (c->ai.egress_clsact || c->ai.ingress_clsact)) {
		log_msg("%s: -Z: a TC hook is a clsact filter, which only root could remove at "
			"exit (use a kernel with TCX)",
			c->name);
		err = -EPERM;
	}
	if (err)
		return err == -EBUSY ? XS_EXIT_BUSY : XS_EXIT_ERR;
	if (!c->borrowed)
		pin_counters(c, o);
	else if (c->flows && c->flow_fds[LFM_FLOWS] < 0 && !o->drop_user)
		pin_own_flows(c);
	return 0;
}

int capif_open(struct capif *c, const char *name, const struct capif_cfg *cfg)
{
	const struct opts *o = cfg->o;
	struct foreign_xdp foreign = {0};
	int borrow;

	memset(c, 0, sizeof(*c));
	c->promisc = c->stats_fd = -1;
	for (int m = 0; m < LFM_COUNT; m++)
		c->flow_fds[m] = -1;
	c->flows = o->flows.on;
	c->detect = o->flows.cfg;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->index = (int)if_nametoindex(name);
	if (!c->index) {
		log_msg("%s: No such device exists", name);
		return XS_EXIT_ERR;
	}
	c->hatype = iface_hatype(name);
	c->detect.loopback = c->hatype == ARPHRD_LOOPBACK;
	borrow = check_free(cfg, name, c->index, &foreign);
	if (borrow < 0)
		return XS_EXIT_BUSY;
	/* A cooked capture has hooks of its own, beside attach's (which may be XDP). */
	if (borrow && !cfg->cooked && open_borrowed(c))
		return XS_EXIT_ERR;
	if (!borrow)
		remove_leftovers(c);
	if (load(c, cfg))
		return XS_EXIT_ERR;
	if (hook_up(c, cfg, &foreign))
		return XS_EXIT_ERR;
	/* tcpdump -i any takes no interface promiscuous. */
	if (!o->no_promisc && !cfg->any) {
		c->promisc = iface_promisc(c->index);
		if (c->promisc < 0)
			log_msg(
			    "%s: cannot enter promiscuous mode: %s%s", name, strerror(-c->promisc),
			    c->promisc == -EPERM ? " (it needs CAP_NET_RAW; -p goes without)" : "");
	}
	return 0;
}

void capif_detach(struct capif *c)
{
	if (c->l)
		loader_detach(c->l);
}

void capif_counters(const struct capif *c, struct xs_counters *out)
{
	struct xs_counters now = {0};

	memset(out, 0, sizeof(*out));
	if (!c->l || loader_counters(c->l, &now))
		return;
	out->rx_packets = now.rx_packets - c->base.rx_packets;
	out->tx_packets = now.tx_packets - c->base.tx_packets;
	out->lost = now.lost - c->base.lost;
	out->filtered = now.filtered - c->base.filtered;
}

void capif_close(struct capif *c)
{
	if (c->pinned)
		pins_remove(c->name);
	for (int m = 0; m < LFM_COUNT && c->flows_pinned; m++)
		pins_unlink(c->name, loader_flow_pin[m]);
	if (c->promisc >= 0)
		close(c->promisc);
	loader_close(c->l); /* detaches: links closed, clsact filters removed */
	if (c->stats_fd >= 0)
		close(c->stats_fd);
	for (int m = 0; m < LFM_COUNT; m++) {
		if (c->flow_fds[m] >= 0)
			close(c->flow_fds[m]);
		c->flow_fds[m] = -1;
	}
	c->l = NULL;
	c->pinned = c->flows_pinned = false;
	c->promisc = c->stats_fd = -1;
}
