// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live capture: attach the XDP (ingress) and TC egress programs to one interface, print every
 * event as tcpdump prints the packet, and on a signal drain the ring, print tcpdump's closing
 * counts and detach. The hooks are bpf_links, so a killed run leaves nothing behind; only the
 * clsact fallback needs removing, here or at the next start.
 */
#include <errno.h>
#include <bpf/bpf.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bpf_owner.h"
#include "csum_sw.h"
#include "decode.h"
#include "exit_codes.h"
#include "filter.h"
#include "hook.h"
#include "iface.h"
#include "live.h"
#include "loader.h"
#include "log.h"
#include "pcap_out.h"
#include "pins.h"
#include "print.h"
#include "privs.h"
#include "seg_filter.h"
#include "segments.h"

#define POLL_MS 100 /* the longest an event waits below the wakeup level */

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

struct live {
	const struct opts *o;
	struct printer *pr;
	struct pcap_out *out; /* -w */
	int out_err; /* the write error that stopped the capture, or 1: -G -W's last file */
	int64_t mono_to_real_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC, refreshed every second */
	unsigned long long captured, bad_records;
	struct xs_counters status; /* at the last --stats-interval line */
	unsigned long long status_captured;
	unsigned long long lost_reported; /* --json: losses already reported in the stream */
	struct xs_counters base; /* the counters when this capture began */
	struct segments_cfg seg; /* how sends segmented after the egress hook are printed */
	int64_t status_ns;
	bool stop; /* -c reached, or stdout gone */
	char line[PRINT_RECORD_MAX]; /* calloc()ed: only what is used becomes resident */
};

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* One more packet captured; -c may end the capture. */
static int counted(struct live *lv)
{
	lv->captured++;
	if (lv->o->count && lv->captured >= (unsigned long long)lv->o->count)
		lv->stop = true;
	return lv->stop ? 1 : 0;
}

/* One packet: to the -w file, printed, counted. */
static int on_packet(void *ctx, struct xs_event *ev, const uint8_t *data, uint32_t data_len)
{
	struct live *lv = ctx;
	struct pkt_info pi = {.data = data};
	struct strbuf sb;
	int64_t ns;

	ns = (int64_t)ev->ts_ns + lv->mono_to_real_ns;
	pi.sec = ns / 1000000000;
	pi.frac = ns % 1000000000;
	if (lv->out) {
		lv->out_err = pcap_out_write(lv->out, pi.sec, (uint32_t)pi.frac, pi.data, data_len,
					     ev->wire_len);
		if (lv->out_err) {
			lv->stop = true;
			return 1;
		}
		if (!lv->o->print_too)
			return counted(lv);
	}
	if (!lv->o->print.nano)
		pi.frac /= 1000;
	pi.wire_len = ev->wire_len;
	pi.cap_len = pi.data ? data_len : ev->cap_len;
	sb_init(&sb, lv->line, sizeof(lv->line));
	print_packet(lv->pr, ev, &pi, &sb);
	if (fwrite_unlocked(sb.buf, 1, sb.len, stdout) != sb.len) {
		lv->stop = true; /* the reader went away (| head): stop as if told to */
		return 1;
	}
	return counted(lv);
}

/* A segment's frame through the expression, as tcpdump's filter sees it (segments.h). */
static bool keep_segment(void *prog, const uint8_t *frame, uint32_t wire_len, uint32_t cap_len)
{
	return filter_match(prog, frame, wire_len, cap_len);
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct live *lv = ctx;
	const uint8_t *bytes;
	struct xs_event ev;
	uint32_t data_len;

	if (lv->stop)
		return 1;
	if (decode_event(data, size, &ev, &bytes, &data_len)) {
		lv->bad_records++;
		return 0;
	}
	/* A send the kernel segments after the egress hook: the segments, as tcpdump sees them. */
	if (ev.flags & XS_F_GSO)
		return segments_each(&ev, bytes, data_len, &lv->seg, on_packet, lv);
	/* A checksum the kernel completes after the egress hook: as tcpdump sees it. */
	if (ev.flags & XS_F_CSUM_SW)
		bytes = csum_sw_complete(&ev, bytes, data_len);
	return on_packet(lv, &ev, bytes, data_len);
}

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
 * Returns 1 when `xdpspy attach` counts there: the capture borrows its links.
 */
static int check_free(const struct opts *o, const char *ifname, int ifindex,
		      struct foreign_xdp *foreign)
{
	uint32_t id = 0, tc;

	if (pins_link_exists(ifname))
		return 1; /* counters-only mode: the capture takes its links over */
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
	if (o->hook == HOOK_XDP && o->dir != DIR_OUT) {
		log_msg("%s: XDP program '%s' (id %u) is attached; xdpspy leaves it alone (without "
			"--hook xdp, ingress is captured at TC beside it)",
			ifname, foreign->name[0] ? foreign->name : "?", id);
		return -EBUSY;
	}
	foreign->id = id;
	return 0;
}

static int attach(struct live *lv, struct loader *l, const char *ifname, int ifindex,
		  const struct foreign_xdp *foreign, struct attach_info *ai)
{
	const struct opts *o = lv->o;
	bool loopback = !strcmp(ifname, "lo");
	int err;

	if (o->dir != DIR_OUT) {
		err = hook_attach_ingress(l, ifname, ifindex,
					  &(struct hook_opts){o->hook, o->xdp_mode, o->tc_mode},
					  foreign, ai);
		if (err)
			return err;
	}
	/* On lo every packet passes both hooks; tcpdump prints it once, and so do we. */
	if (o->dir == DIR_OUT || (o->dir == DIR_INOUT && !loopback)) {
		err = loader_attach_tc(l, ifindex, false, o->tc_mode, ai);
		if (err) {
			log_msg("%s: cannot attach the egress program: %s", ifname, strerror(-err));
			return err;
		}
	}
	return 0;
}

/*
 * Pins the counters for bpftool and `xdpspy stats` while the capture runs. Without a writable
 * bpffs the capture goes on unpinned, with a notice.
 */
static bool pin_counters(struct loader *l, const char *ifname)
{
	char path[256];
	int err = pins_create(ifname);

	if (!err)
		err = pins_path(path, sizeof(path), ifname, "stats");
	if (!err)
		err = loader_pin_stats(l, path);
	if (err) {
		log_msg("%s: counters not pinned: %s", ifname, pins_error(err));
		pins_remove(ifname);
		return false;
	}
	return true;
}

static void print_counts(const struct live *lv, struct loader *l)
{
	struct xs_counters c = {0};

	loader_counters(l, &c);
	fprintf(stderr, "%llu packet%s captured\n", lv->captured, lv->captured == 1 ? "" : "s");
	/* Since this capture began: with `attach` the counters ran before it. */
	__u64 rx = lv->o->dir != DIR_OUT ? c.rx_packets - lv->base.rx_packets : 0;
	__u64 tx = lv->o->dir != DIR_IN ? c.tx_packets - lv->base.tx_packets : 0;
	__u64 lost = c.lost - lv->base.lost;
	/* As libpcap counts on Linux: the packets the filter accepted. */
	__u64 received = rx + tx - (c.filtered - lv->base.filtered) - lv->seg.filtered;

	fprintf(stderr, "%llu packet%s received by filter\n", (unsigned long long)received,
		received == 1 ? "" : "s");
	fprintf(stderr, "%llu packet%s dropped by kernel\n", (unsigned long long)lost,
		lost == 1 ? "" : "s");
	if (lv->bad_records)
		log_msg("%llu malformed ring records ignored", lv->bad_records);
}

static void handle_signals(void)
{
	struct sigaction sa = {.sa_handler = on_signal};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN); /* a closed stdout shows as a write error instead */
}

/* The interface's name and index; -errno when it does not exist or cannot be captured. */
static int pick_interface(const struct opts *o, char *ifname, size_t len, int *ifindex)
{
	int err;

	if (o->iface) {
		if (!strcmp(o->iface, "any")) {
			log_msg("-i any is not supported: XDP attaches to one interface; run one "
				"xdpspy per interface");
			return -EINVAL;
		}
		snprintf(ifname, len, "%s", o->iface);
	} else if ((err = iface_default(ifname, len))) {
		log_msg("no suitable interface to capture on (use -i)");
		return err;
	}
	*ifindex = (int)if_nametoindex(ifname);
	if (!*ifindex) {
		log_msg("%s: No such device exists", ifname);
		return -ENODEV;
	}
	return 0;
}

/* -w's file, opened as tcpdump opens it: after -Z, as the user the capture runs as. */
static int open_output(struct live *lv)
{
	const struct opts *o = lv->o;
	struct pcap_out_cfg pc = {.path = o->write_file,
				  .snaplen = o->snaplen,
				  .flush_each = o->write_flush,
				  .rotate_bytes = (uint64_t)o->rotate_mb * 1000000,
				  .rotate_secs = o->rotate_secs,
				  .max_files = o->max_files};

	return o->write_file ? pcap_out_open(&lv->out, &pc) : 0;
}

/* A pipe whose reader has closed shows POLLERR at once, before a buffered write fails. */
static bool stdout_gone(void)
{
	struct pollfd p = {.fd = STDOUT_FILENO, .events = 0};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

/* --json: a record in the stream itself for events the kernel could not deliver. */
static void report_losses(struct live *lv, struct loader *l)
{
	struct xs_counters c;

	if (loader_counters(l, &c) || c.lost == lv->lost_reported)
		return;
	printf("{\"type\":\"lost\",\"count\":%llu,\"total\":%llu}\n",
	       (unsigned long long)(c.lost - lv->lost_reported), (unsigned long long)c.lost);
	lv->lost_reported = c.lost;
}

/* --stats-interval: rates since the last line, and the losses so far, so loss shows as it
 * happens. */
static void status_line(struct live *lv, struct loader *l, const char *ifname, int64_t now)
{
	struct xs_counters c;
	double secs = (double)(now - lv->status_ns) / 1e9;

	if (loader_counters(l, &c) || secs <= 0)
		return;
	fprintf(
	    stderr,
	    "xdpspy: %s: %.0f packets/s (rx %.0f, tx %.0f), %.0f printed/s, %llu dropped by kernel "
	    "so far\n",
	    ifname,
	    (double)(c.rx_packets + c.tx_packets - lv->status.rx_packets - lv->status.tx_packets) /
		secs,
	    (double)(c.rx_packets - lv->status.rx_packets) / secs,
	    (double)(c.tx_packets - lv->status.tx_packets) / secs,
	    (double)(lv->captured - lv->status_captured) / secs, (unsigned long long)c.lost);
	lv->status = c;
	lv->status_captured = lv->captured;
	lv->status_ns = now;
}

static int capture(struct live *lv, struct loader *l, const char *ifname, int ifindex)
{
	int64_t next_tick = 0, next_status;
	int n;

	lv->status_ns = clock_ns(CLOCK_MONOTONIC);
	next_status = lv->status_ns + (int64_t)lv->o->stats_interval * 1000000000;

	while (!stop_signal && !lv->stop) {
		int64_t now = clock_ns(CLOCK_MONOTONIC);

		if (now >= next_tick) {
			lv->mono_to_real_ns = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
			next_tick = now + 1000000000;
			if ((int)if_nametoindex(ifname) != ifindex) {
				log_msg("%s: the interface went away", ifname);
				return -ENODEV;
			}
		}
		if (stdout_gone()) {
			lv->stop = true; /* the reader went away: no need to wait for a write */
			break;
		}
		if (lv->o->print.json)
			report_losses(lv, l);
		if (lv->o->stats_interval && now >= next_status) {
			status_line(lv, l, ifname, now);
			next_status = now + (int64_t)lv->o->stats_interval * 1000000000;
		}
		n = loader_poll(l, POLL_MS);
		if (n < 0 && !lv->stop) {
			log_msg("reading the ring buffer: %s", strerror(-n));
			return n;
		}
		if (lv->o->line_buffered)
			fflush(stdout);
	}
	return 0;
}

int live_run(const struct opts *o)
{
	struct loader_cfg cfg = {.ring_kib = o->ring_kib};
	char ifname[IF_NAMESIZE + 1], missing[128];
	struct attach_info ai = {0};
	struct foreign_xdp foreign = {0};
	struct privs_id user = {0};
	struct cbpf_prog filter, filter_tc;
	struct loader *l = NULL;
	struct live *lv;
	int ifindex, err, promisc = -1, rc = XS_EXIT_OK, borrow;
	bool pinned = false;

	if (o->list_ifaces)
		return iface_list() ? XS_EXIT_ERR : XS_EXIT_OK;
	if (pick_interface(o, ifname, sizeof(ifname), &ifindex))
		return XS_EXIT_ERR;
	if (o->drop_user && privs_lookup(o->drop_user, &user))
		return XS_EXIT_ERR;
	err = loader_missing_caps(missing, sizeof(missing));
	if (err > 0) {
		log_msg("live capture needs %s", missing);
		return XS_EXIT_PRIVS;
	}
	borrow = check_free(o, ifname, ifindex, &foreign);
	if (borrow < 0)
		return XS_EXIT_BUSY;
	if (borrow) {
		char path[256];

		pins_path(path, sizeof(path), ifname, "stats");
		cfg.stats_fd = bpf_obj_get(path);
		if (cfg.stats_fd < 0) {
			log_msg("%s: cannot open the pinned counters: %s", ifname, strerror(errno));
			return XS_EXIT_ERR;
		}
		log_msg("%s: xdpspy counts here (attach); the capture borrows its hooks", ifname);
	} else if (loader_remove_stale_clsact(ifindex) > 0)
		log_msg("%s: removed tc filters left by an earlier xdpspy", ifname);
	if (!borrow && pins_exist(ifname) && !pins_remove(ifname))
		log_msg("%s: removed pins left by an earlier xdpspy in %s/%s", ifname, XS_PIN_ROOT,
			ifname);

	if (filter_build(o, ifname, FILTER_LIVE_SNAPLEN, &filter) ||
	    filter_build_tc(o, ifname, &filter_tc)) {
		filter_free(&filter);
		if (cfg.stats_fd > 0)
			close(cfg.stats_fd);
		return XS_EXIT_ERR;
	}
	cfg.filter = &filter;
	cfg.filter_tc = &filter_tc;
	lv = calloc(1, sizeof(*lv));
	if (!lv || !(lv->pr = printer_new(&o->print))) {
		log_msg("out of memory");
		free(lv);
		filter_free(&filter);
		filter_free(&filter_tc);
		return XS_EXIT_ERR;
	}
	lv->o = o;
	/* Wake the reader by fill level: a quarter of the ring; the poll timeout does the rest. */
	cfg.wakeup_bytes = o->ring_kib * 1024u / 4;
	cfg.snap_len = opts_event_snap(o);
	cfg.verify_sum = o->print.vflag && !o->print.Kflag;
	lv->seg.snap = cfg.snap_len < XS_MAX_SNAP ? cfg.snap_len : XS_MAX_SNAP;
	lv->seg.sum = cfg.verify_sum;
	/* The egress hook's program decides which segments its verdict covers. */
	cfg.seg_filter = (uint8_t)seg_filter_class(filter_tc.len ? &filter_tc : &filter);
	if (cfg.seg_filter != SEG_FILTER_SAME) {
		lv->seg.keep = keep_segment;
		lv->seg.keep_ctx = &filter;
	}
	err = loader_open(&l, &cfg, on_event, lv);
	if (err) {
		log_msg("cannot load the BPF program: %s%s", strerror(-err),
			o->verbose ? "" : " (-v shows the verifier's log)");
		rc = XS_EXIT_ERR;
		goto out;
	}
	loader_counters(l, &lv->base);
	lv->lost_reported = lv->base.lost;
	if (borrow) {
		err = loader_take_over(l, ifname, o->dir != DIR_OUT, o->dir != DIR_IN);
		if (err)
			log_msg("%s: cannot take the counters-only hooks over: %s", ifname,
				strerror(-err));
	} else {
		err = attach(lv, l, ifname, ifindex, &foreign, &ai);
	}
	if (!err && o->drop_user && (ai.egress_clsact || ai.ingress_clsact)) {
		log_msg("%s: -Z: a TC hook is a clsact filter, which only root could remove at "
			"exit (use a kernel with TCX)",
			ifname);
		err = -EPERM;
	}
	if (err) {
		rc = err == -EBUSY ? XS_EXIT_BUSY : XS_EXIT_ERR;
		goto out;
	}
	if (!borrow && o->drop_user)
		log_msg("%s: counters not pinned under %s (-Z: %s could not remove them at exit)",
			ifname, XS_PIN_ROOT, o->drop_user);
	else if (!borrow)
		pinned = pin_counters(l, ifname);
	if (!o->no_promisc) {
		promisc = iface_promisc(ifindex);
		if (promisc < 0)
			log_msg(
			    "%s: cannot enter promiscuous mode: %s%s", ifname, strerror(-promisc),
			    promisc == -EPERM ? " (it needs CAP_NET_RAW; -p goes without)" : "");
	}
	if ((o->drop_user && privs_drop(&user)) || open_output(lv)) {
		rc = XS_EXIT_ERR;
		goto out;
	}
	setvbuf(stdout, NULL, (o->line_buffered || isatty(STDOUT_FILENO)) ? _IOLBF : _IOFBF,
		1 << 16);
	handle_signals();
	/* As tcpdump: no decoding to speak of when only writing a file. */
	if (!o->print.vflag && (!o->write_file || o->print_too))
		log_msg("verbose output suppressed, use -v[v]... for full protocol decode");
	fprintf(stderr,
		"%slistening on %s, link-type EN10MB (Ethernet), snapshot length %u bytes\n",
		o->write_file && !o->print_too ? "xdpspy: " : "", ifname, o->snaplen);
	if (o->ready_file) {
		int fd = open(o->ready_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd >= 0)
			close(fd);
	}
	if (capture(lv, l, ifname, ifindex))
		rc = XS_EXIT_ERR;
	/* Detach before the last drain: then every packet the hooks counted has either been
	 * sent to the ring or counted as lost, and received = captured + dropped holds. */
	loader_detach(l);
	if (!lv->stop)
		loader_poll(l, 0);
	if (o->print.json)
		report_losses(lv, l);
	if (fflush(stdout) && errno != EPIPE) {
		log_msg("writing the output failed: %s", strerror(errno));
		rc = XS_EXIT_ERR;
	}
	if (lv->out_err < 0 || pcap_out_close(lv->out))
		rc = XS_EXIT_ERR;
	lv->out = NULL;
	print_counts(lv, l);
out:
	pcap_out_close(lv->out);
	if (pinned)
		pins_remove(ifname);
	if (promisc >= 0)
		close(promisc);
	loader_close(l); /* detaches: links closed, a clsact filter removed */
	if (cfg.stats_fd > 0)
		close(cfg.stats_fd);
	printer_free(lv->pr);
	free(lv);
	filter_free(&filter);
	filter_free(&filter_tc);
	return rc;
}
