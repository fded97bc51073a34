// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live capture: attach to one interface (-i IF) or several (-i any, -i A -i B: a cooked
 * capture, as tcpdump's any device), print every event as tcpdump prints the packet, and on a
 * signal drain the ring, print tcpdump's closing counts and detach. The hooks are bpf_links,
 * so a killed run leaves nothing behind; only the clsact fallback needs removing, here or at
 * the next start. Every interface's programs send into the capture's per-CPU rings, merged by
 * time stamp (ring.h), so the events of all come out in the order they were made.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ahead.h"
#include "app_ports.h"
#include "capif.h"
#include "csum_sw.h"
#include "cgroups.h"
#include "compact.h"
#include "decode.h"
#include "exit_codes.h"
#include "filter.h"
#include "grow.h"
#include "hook.h"
#include "iface.h"
#include "live.h"
#include "loader.h"
#include "log.h"
#include "print/fastline.h"
#include "privs.h"
#include "ring.h"
#include "seg_filter.h"
#include "seg_taps.h"
#include "segments.h"
#include "sink.h"

#define POLL_MS 100 /* the longest an event waits below the wakeup level */

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

struct live {
	const struct opts *o;
	bool cooked; /* several interfaces: LINUX_SLL2, as tcpdump -i any */
	bool any; /* -i any: every interface that is up, as they come and go */
	bool fast; /* the default line: print/fastline.h for the records it takes */
	bool ahead_held; /* frames went to the lookahead since it was last flushed */
	struct sink *sink;
	struct ahead *ahead; /* in front of the sink */
	struct ring *ring;
	struct capif_cfg cfg;
	struct cbpf_prog filter, filter_tc;
	char default_if[IF_NAMESIZE + 1]; /* without -i: the first up, not loopback */
	struct capif *ifs;
	size_t nifs, cap;
	struct xs_counters gone; /* what interfaces that went away (-i any) counted */
	int64_t mono_to_real_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC, refreshed every second */
	unsigned long long bad_records;
	unsigned long long lost_reported; /* --json: losses already reported in the stream */
	struct segments_cfg seg; /* how sends segmented after the egress hook are printed */
	struct xs_app_cfg seg_app; /* the segments' decoder bytes (seg.app) */
	struct seg_taps taps; /* sends waiting for their segments' stamps at the tap */
	uint8_t seg_filter; /* enum seg_filter: which segments the kernel's verdict covers */
	int tap_link; /* > 0: the stamping program's link, shared by every interface (cfg.tap_fd) */
	struct xs_counters status; /* at the last --stats-interval line */
	unsigned long long status_captured;
	int64_t status_ns;
	struct pkt_owner owner; /* --process: the record's owner, for each packet it makes */
	struct fastline fl;
};

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* CLOCK_REALTIME - CLOCK_MONOTONIC, read between two reads of the monotonic clock: of three
 * tries, the one with the least time between them (the stamps are exact to about that). */
static int64_t mono_to_real(void)
{
	int64_t best = INT64_MAX, off = 0;

	for (int i = 0; i < 3; i++) {
		int64_t m1 = clock_ns(CLOCK_MONOTONIC), r = clock_ns(CLOCK_REALTIME);
		int64_t m2 = clock_ns(CLOCK_MONOTONIC);

		if (m2 - m1 < best) {
			best = m2 - m1;
			off = r - m1 - (m2 - m1) / 2;
		}
	}
	return off;
}

/* The capture's interface with index ifindex, or NULL (gone since). */
static const struct capif *capif_by_index(const struct live *lv, uint32_t ifindex)
{
	for (size_t i = 0; i < lv->nifs; i++)
		if ((uint32_t)lv->ifs[i].index == ifindex)
			return &lv->ifs[i];
	return NULL;
}

/* What the printer is told of a packet besides its event. */
static void packet_info(const struct live *lv, const struct xs_event *ev, const uint8_t *data,
			uint32_t data_len, struct pkt_info *pi)
{
	int64_t ns = (int64_t)ev->ts_ns + lv->mono_to_real_ns;

	*pi = (struct pkt_info){.data = data};
	pi->sec = ns / 1000000000;
	pi->nsec = ns % 1000000000;
	pi->wire_len = ev->wire_len;
	pi->cap_len = data ? data_len : ev->cap_len;
	if (lv->o->process.on)
		pi->owner = &lv->owner;
	if (lv->cooked) {
		const struct capif *c = capif_by_index(lv, ev->ifindex);

		pi->ifname = c ? c->name : "?"; /* as tcpdump names an interface it cannot find */
		pi->hatype = c ? c->hatype : 1;
	}
}

/* One packet: to the sink (written, printed, counted). */
static int on_packet(void *ctx, struct xs_event *ev, const uint8_t *data, uint32_t data_len)
{
	struct live *lv = ctx;
	struct pkt_info pi;

	packet_info(lv, ev, data, data_len, &pi);
	lv->ahead_held = true;
	return ahead_push(lv->ahead, ev, &pi) ? 1 : 0;
}

/*
 * A record whose line print/fastline.h writes in one pass (nearly every one of a busy
 * capture): straight from the ring to the sink, after the frames the lookahead holds, so the
 * order stays.
 */
static int fast_packet(struct live *lv)
{
	int64_t ns = (int64_t)lv->fl.ev.ts_ns + lv->mono_to_real_ns;
	struct pkt_info pi = {.sec = ns / 1000000000, .nsec = ns % 1000000000};

	if (lv->ahead_held) {
		ahead_flush(lv->ahead);
		lv->ahead_held = false;
	}
	return sink_fastline(lv->sink, &lv->fl, &pi) ? 1 : 0;
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

	if (sink_done(lv->sink))
		return 1;
	if (lv->taps.used && size >= sizeof(uint64_t)) {
		uint64_t ts;
		int stop;

		memcpy(&ts, data, sizeof(ts));
		if (ts > SEG_TAPS_WAIT_NS &&
		    (stop = seg_taps_expire(&lv->taps, ts - SEG_TAPS_WAIT_NS)))
			return stop;
	}
	if (seg_taps_is_stamp(data, size))
		return seg_taps_stamp(&lv->taps, data);
	if (lv->fast && fastline_take(&lv->fl, data, size))
		return fast_packet(lv);
	if (lv->o->process.on) {
		if (!decode_owner(data, &size, &lv->owner.k))
			memset(&lv->owner, 0, sizeof(lv->owner));
		lv->owner.cgroup = lv->owner.k.state ? cgroups_path(lv->owner.k.cgroup) : NULL;
	}
	if (decode_event(data, size, &ev, &bytes, &data_len)) {
		lv->bad_records++;
		return 0;
	}
	ev.flags &= ~XS_F_OWNER;
	/* A record with the frame's bytes for a payload decoder (an HTTP request line). */
	if (lv->fast && fastline_take_event(&lv->fl, &ev, bytes, data_len))
		return fast_packet(lv);
	/* A send the kernel segments after the egress hook: the segments, as tcpdump sees them. */
	if (ev.flags & XS_F_GSO_TAP)
		return seg_taps_hold(&lv->taps, &ev, bytes, data_len);
	if (ev.flags & XS_F_GSO)
		return segments_each(&ev, bytes, data_len, &lv->seg, on_packet, lv);
	/* A checksum the kernel completes after the egress hook: as tcpdump sees it. */
	if (ev.flags & XS_F_CSUM_SW)
		bytes = ev.flags & XS_F_HDRS ? csum_sw_at(&ev, bytes, data_len)
					     : csum_sw_complete(&ev, bytes, data_len);
	return on_packet(lv, &ev, bytes, data_len);
}

/* Every interface's counters since the capture began, those that went away included. */
static void totals(const struct live *lv, struct xs_counters *t)
{
	*t = lv->gone;
	for (size_t i = 0; i < lv->nifs; i++) {
		struct xs_counters c;

		capif_counters(&lv->ifs[i], &c);
		t->rx_packets += c.rx_packets;
		t->tx_packets += c.tx_packets;
		t->lost += c.lost;
		t->filtered += c.filtered;
	}
}

static void print_counts(const struct live *lv, unsigned long long captured)
{
	struct xs_counters c;

	totals(lv, &c);
	fprintf(stderr, "%llu packet%s captured\n", captured, captured == 1 ? "" : "s");
	__u64 rx = lv->o->dir != DIR_OUT ? c.rx_packets : 0;
	__u64 tx = lv->o->dir != DIR_IN ? c.tx_packets : 0;
	/* As libpcap counts on Linux: the packets the filter accepted (segments dropped by it in
	 * user space too). */
	__u64 received = rx + tx - c.filtered - lv->seg.filtered;

	fprintf(stderr, "%llu packet%s received by filter\n", (unsigned long long)received,
		received == 1 ? "" : "s");
	fprintf(stderr, "%llu packet%s dropped by kernel\n", (unsigned long long)c.lost,
		c.lost == 1 ? "" : "s");
	if (lv->bad_records)
		log_msg("%llu malformed ring records ignored", lv->bad_records);
	if (ring_late(lv->ring))
		log_msg(
		    "%llu records came out of time order (a CPU held one past the %llu ms window)",
		    ring_late(lv->ring), RING_WINDOW_NS / 1000000);
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

/* A pipe whose reader has closed shows POLLERR at once, before a buffered write fails. */
static bool stdout_gone(void)
{
	struct pollfd p = {.fd = STDOUT_FILENO, .events = 0};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

/* --json: a record in the stream itself for events the kernel could not deliver. */
static void report_losses(struct live *lv)
{
	struct xs_counters c;

	totals(lv, &c);
	if (c.lost == lv->lost_reported)
		return;
	printf("{\"type\":\"lost\",\"count\":%llu,\"total\":%llu}\n",
	       (unsigned long long)(c.lost - lv->lost_reported), (unsigned long long)c.lost);
	lv->lost_reported = c.lost;
}

/* --stats-interval: rates since the last line, and the losses so far, so loss shows as it
 * happens. */
static void status_line(struct live *lv, int64_t now)
{
	double secs = (double)(now - lv->status_ns) / 1e9;
	unsigned long long captured = sink_count(lv->sink);
	struct xs_counters c;

	totals(lv, &c);
	if (secs <= 0)
		return;
	fprintf(
	    stderr,
	    "xdpspy: %s: %.0f packets/s (rx %.0f, tx %.0f), %.0f printed/s, %llu dropped by kernel "
	    "so far\n",
	    lv->any ? "any" : lv->ifs[0].name,
	    (double)(c.rx_packets + c.tx_packets - lv->status.rx_packets - lv->status.tx_packets) /
		secs,
	    (double)(c.rx_packets - lv->status.rx_packets) / secs,
	    (double)(c.tx_packets - lv->status.tx_packets) / secs,
	    (double)(captured - lv->status_captured) / secs, (unsigned long long)c.lost);
	lv->status = c;
	lv->status_captured = captured;
	lv->status_ns = now;
}

/* Attaches to one more interface. 0, or an exit code (logged). */
static int add_interface(struct live *lv, const char *name)
{
	struct capif *grown;
	int rc;

	grown = grow_for(lv->ifs, lv->nifs, &lv->cap, sizeof(*grown), 8);
	if (!grown) {
		log_msg("out of memory");
		return XS_EXIT_ERR;
	}
	lv->ifs = grown;
	rc = capif_open(&lv->ifs[lv->nifs], name, &lv->cfg);
	if (rc) {
		capif_close(&lv->ifs[lv->nifs]);
		return rc;
	}
	/* The first interface's tracepoint program stamps every interface's segments; it stays
	 * attached when that interface goes (-i any). */
	if (lv->cfg.tap_fd <= 0)
		loader_tap_share(lv->ifs[lv->nifs].l, &lv->cfg.tap_fd, &lv->tap_link);
	lv->nifs++;
	return 0;
}

/* Detaches interface i, keeping what it counted, and forgets it. */
static void drop_interface(struct live *lv, size_t i)
{
	struct xs_counters c;

	capif_counters(&lv->ifs[i], &c);
	lv->gone.rx_packets += c.rx_packets;
	lv->gone.tx_packets += c.tx_packets;
	lv->gone.lost += c.lost;
	lv->gone.filtered += c.filtered;
	capif_close(&lv->ifs[i]);
	lv->ifs[i] = lv->ifs[--lv->nifs];
}

static int take_any(const char *name, void *ctx)
{
	struct live *lv = ctx;

	for (size_t i = 0; i < lv->nifs; i++)
		if (!strcmp(lv->ifs[i].name, name))
			return 0;
	/* One that cannot be taken (another xdpspy captures there) is said and left out. */
	if (!add_interface(lv, name) && lv->o->verbose)
		log_msg("%s: captured from now on", name);
	return 0;
}

/*
 * Once a second: an interface deleted under the capture ends it (-i IF), or is dropped
 * (-i any), which also takes up every interface that came up meanwhile. -ENODEV to end it.
 */
static int follow_interfaces(struct live *lv)
{
	for (size_t i = 0; i < lv->nifs; i++) {
		if ((int)if_nametoindex(lv->ifs[i].name) == lv->ifs[i].index)
			continue;
		if (!lv->any) {
			log_msg("%s: the interface went away", lv->ifs[i].name);
			return -ENODEV;
		}
		if (lv->o->verbose)
			log_msg("%s: the interface went away", lv->ifs[i].name);
		drop_interface(lv, i--);
	}
	if (lv->any)
		iface_for_each_up(take_any, lv);
	return 0;
}

/* Until a signal, -c, the reader going away or a fatal error; 0 or -errno. */
static int capture(struct live *lv)
{
	const struct opts *o = lv->o;
	int64_t next_tick = 0, next_status;
	int n;

	lv->status_ns = clock_ns(CLOCK_MONOTONIC);
	next_status = lv->status_ns + (int64_t)o->stats_interval * 1000000000;
	while (!stop_signal && !sink_done(lv->sink)) {
		int64_t now = clock_ns(CLOCK_MONOTONIC);

		if (now >= next_tick) {
			lv->mono_to_real_ns = mono_to_real();
			next_tick = now + 1000000000;
			if (follow_interfaces(lv))
				return -ENODEV;
		}
		if (stdout_gone())
			break; /* the reader went away: no need to wait for a write */
		if (o->print.json)
			report_losses(lv);
		if (o->stats_interval && now >= next_status) {
			status_line(lv, now);
			next_status = now + (int64_t)o->stats_interval * 1000000000;
		}
		n = ring_poll(lv->ring, POLL_MS);
		ahead_flush(lv->ahead); /* a read's last frames wait for no later one */
		lv->ahead_held = false;
		if (n < 0 && !sink_done(lv->sink)) {
			log_msg("reading the ring buffer: %s", strerror(-n));
			return n;
		}
		if (o->line_buffered)
			fflush(stdout);
	}
	return 0;
}

/* The interfaces the capture starts on: the ones named, every one up for `any`, or the first
 * that is up and not loopback. 0, or an exit code (logged). */
static int attach_all(struct live *lv)
{
	const struct opts *o = lv->o;
	int rc;

	if (lv->any) {
		iface_for_each_up(take_any, lv);
		if (lv->nifs)
			return 0;
		log_msg("any: no interface could be captured on");
		return XS_EXIT_ERR;
	}
	if (!o->niface)
		return add_interface(lv, lv->default_if);
	for (int i = 0; i < o->niface; i++)
		if ((rc = add_interface(lv, o->iface[i])))
			return rc;
	return 0;
}

/*
 * How sends segmented after the egress hook are printed: each segment with its bytes (-s, -x,
 * -w) and its checksum (-v); and which of them the kernel's verdict on the whole send covers,
 * the others filtered here, segment by segment (user/seg_filter.c). A cooked capture's
 * program reads a cooked view, which the segments do not have: the send's verdict stands.
 */
static void segments_setup(struct live *lv)
{
	const struct opts *o = lv->o;
	const struct cbpf_prog *tc = lv->filter_tc.len ? &lv->filter_tc : &lv->filter;
	uint32_t snap = opts_event_snap(o);

	lv->seg.snap = snap < XS_MAX_SNAP ? snap : XS_MAX_SNAP;
	app_ports_fill(&lv->seg_app, &o->print); /* as capif.c's, for the kernel */
	lv->seg.app = &lv->seg_app;
	lv->seg.sum = o->print.vflag && !o->print.Kflag;
	lv->seg_filter = lv->cooked ? SEG_FILTER_SAME : (uint8_t)seg_filter_class(tc);
	if (lv->seg_filter != SEG_FILTER_SAME) {
		lv->seg.keep = keep_segment;
		lv->seg.keep_ctx = &lv->filter;
	}
	seg_taps_init(&lv->taps, &lv->seg, on_packet, lv);
}

/* Filters, the ring and the output, before anything is attached. 0 or an exit code. */
static int prepare(struct live *lv)
{
	const struct opts *o = lv->o;
	const char *first = o->niface ? o->iface[0] : lv->default_if;
	int err;

	if (!o->niface && iface_default(lv->default_if, sizeof(lv->default_if))) {
		log_msg("no suitable interface to capture on (use -i)");
		return XS_EXIT_ERR;
	}
	if (lv->cooked ? filter_build_cooked(o, &lv->filter)
		       : filter_build(o, first, FILTER_LIVE_SNAPLEN, &lv->filter) ||
			     filter_build_tc(o, first, &lv->filter_tc))
		return XS_EXIT_ERR;
	lv->sink = sink_new(o);
	if (!lv->sink)
		return XS_EXIT_ERR;
	lv->ahead = ahead_new(lv->sink);
	if (!lv->ahead) {
		log_msg("out of memory");
		return XS_EXIT_ERR;
	}
	err = ring_new(&lv->ring, o->ring_kib, false, on_event, lv);
	if (err) {
		log_msg("cannot create the ring buffer: %s", strerror(-err));
		return XS_EXIT_ERR;
	}
	segments_setup(lv);
	lv->cfg = (struct capif_cfg){.o = o,
				     .seg_filter = lv->seg_filter,
				     .cooked = lv->cooked,
				     .any = lv->any,
				     .filter = &lv->filter,
				     .filter_tc = &lv->filter_tc,
				     .rings = lv->ring,
				     /* Wake the reader by fill level: a quarter of a CPU's ring;
				      * the poll timeout does the rest. */
				     .wakeup_bytes = (uint32_t)(ring_bytes(lv->ring) / 4)};
	return 0;
}

/* tcpdump's line, once attached: the interfaces, the link type, the snapshot length. */
static void say_listening(const struct live *lv)
{
	const struct opts *o = lv->o;
	const char *prefix = o->write_file && !o->print_too ? "xdpspy: " : "";

	/* As tcpdump: no decoding to speak of when only writing a file. */
	if (!o->print.vflag && (!o->write_file || o->print_too))
		log_msg("verbose output suppressed, use -v[v]... for full protocol decode");
	fprintf(stderr, "%slistening on ", prefix);
	if (lv->any)
		fputs("any", stderr);
	for (size_t i = 0; !lv->any && i < lv->nifs; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", lv->ifs[i].name);
	fprintf(stderr, ", link-type %s, snapshot length %u bytes\n",
		lv->cooked ? "LINUX_SLL2 (Linux cooked v2)" : "EN10MB (Ethernet)", o->snaplen);
}

/* After attaching: -Z, the -w file (opened as the user -Z names, as tcpdump opens it), stdout's
 * buffering, signals, the listening line and the ready file. 0 or an exit code. */
static int start(struct live *lv, const struct privs_id *user)
{
	const struct opts *o = lv->o;

	if ((o->drop_user && privs_drop(user)) || sink_open_file(lv->sink, o->snaplen, lv->cooked))
		return XS_EXIT_ERR;
	setvbuf(stdout, NULL, (o->line_buffered || isatty(STDOUT_FILENO)) ? _IOLBF : _IOFBF,
		1 << 16);
	handle_signals();
	say_listening(lv);
	if (o->ready_file) {
		int fd = open(o->ready_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd >= 0)
			close(fd);
	}
	return 0;
}

/* Detach before the last drain: then every packet the hooks counted has either been sent to
 * the ring or counted as lost, and received = captured + dropped holds. */
static int finish(struct live *lv)
{
	unsigned long long captured;
	int rc = XS_EXIT_OK;

	for (size_t i = 0; i < lv->nifs; i++)
		capif_detach(&lv->ifs[i]);
	if (!sink_done(lv->sink))
		ring_drain(lv->ring); /* the window too: nothing can come any more */
	if (!sink_done(lv->sink))
		seg_taps_expire(&lv->taps, UINT64_MAX);
	ahead_flush(lv->ahead);
	if (lv->o->print.json)
		report_losses(lv);
	captured = sink_count(lv->sink);
	if (sink_close(lv->sink))
		rc = XS_EXIT_ERR;
	lv->sink = NULL;
	print_counts(lv, captured);
	return rc;
}

static void free_live(struct live *lv)
{
	for (size_t i = 0; i < lv->nifs; i++)
		capif_close(&lv->ifs[i]);
	free(lv->ifs);
	ahead_free(lv->ahead);
	sink_close(lv->sink);
	ring_free(lv->ring);
	seg_taps_free(&lv->taps);
	if (lv->tap_link > 0)
		close(lv->tap_link);
	if (lv->cfg.tap_fd > 0)
		close(lv->cfg.tap_fd);
	filter_free(&lv->filter);
	filter_free(&lv->filter_tc);
	free(lv);
}

int live_run(const struct opts *o)
{
	struct privs_id user = {0};
	char missing[128];
	struct live *lv;
	int rc;

	if (o->list_ifaces)
		return iface_list() ? XS_EXIT_ERR : XS_EXIT_OK;
	if (o->drop_user && privs_lookup(o->drop_user, &user))
		return XS_EXIT_ERR;
	if (loader_missing_caps(missing, sizeof(missing)) > 0) {
		log_msg("live capture needs %s", missing);
		return XS_EXIT_PRIVS;
	}
	lv = calloc(1, sizeof(*lv));
	if (!lv) {
		log_msg("out of memory");
		return XS_EXIT_ERR;
	}
	lv->o = o;
	lv->cooked = opts_cooked(o);
	lv->any = o->niface == 1 && lv->cooked;
	lv->fast = compact_wanted(o) && fastline_wanted(&o->print) && !lv->cooked;
	if (lv->cooked && o->hook == HOOK_XDP) {
		log_msg("--hook xdp: a capture on several interfaces (-i any) runs at TC");
		rc = XS_EXIT_ERR;
	} else {
		rc = prepare(lv);
	}
	if (!rc)
		rc = attach_all(lv);
	if (!rc)
		rc = start(lv, &user);
	if (!rc) {
		rc = capture(lv) ? XS_EXIT_ERR : XS_EXIT_OK;
		if (finish(lv))
			rc = XS_EXIT_ERR;
	}
	free_live(lv);
	return rc;
}
