// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replay. Reading a file needs no kernel: each frame goes through the parser the XDP program
 * runs (include/parse.h), built for the host, filtered by libpcap's interpreter. With
 * --kernel-parser each frame goes through the kernel program instead (one BPF_PROG_TEST_RUN
 * per frame), filter expression included, as a live capture would take it; the kernel refuses
 * a few (shorter than an Ethernet header, or larger than a test run takes), and those, or
 * every frame when BPF is not allowed here, still take the host path. Either way the printer
 * sees the same event. The host path prints through a lookahead of a few frames (ahead.h).
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ahead.h"
#include "compact.h"
#include "decode.h"
#include "exit_codes.h"
#include "filter.h"
#include "loader.h"
#include "log.h"
#include "parse_host.h"
#include "print.h"
#include "replay.h"
#include "sink.h"
#include "tcp_sum.h"

struct replay {
	const struct opts *o;
	struct sink *sink; /* printed, written, counted */
	struct ahead *ahead; /* in front of the sink on the host path; NULL through the kernel */
	struct pkt_info pi; /* the frame being replayed */
	struct cbpf_prog filter;
	unsigned got; /* events that arrived for the current frame */
	bool failed; /* out of memory */
	unsigned long long via_kernel, via_host, bad_records, event_bytes;
	unsigned long long filtered; /* the kernel's filtered counter, as last read */
	unsigned long long events; /* ring records received */
};

/* A packet that passed the filter. */
static void emit(struct replay *r, const struct xs_event *ev)
{
	sink_packet(r->sink, ev, &r->pi, NULL);
}

/* A ring record: checked for size and version before it is read. */
static int on_event(void *ctx, void *data, size_t size)
{
	struct replay *r = ctx;
	const uint8_t *bytes;
	struct xs_event ev;
	uint32_t n;

	/* The printer takes the frame's bytes from the file, as tcpdump does, not the record. */
	if (decode_event(data, size, &ev, &bytes, &n)) {
		r->bad_records++;
		return 0;
	}
	r->got++;
	r->events++;
	r->event_bytes += size;
	emit(r, &ev);
	return 0;
}

/* Returns whether the frame was printed. */
static bool via_host(struct replay *r, const uint8_t *frame, uint32_t caplen)
{
	struct xs_event ev;

	r->via_host++;
	if (!filter_match(&r->filter, frame, r->pi.wire_len, caplen))
		return false;
	memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, &(struct xs_frame){.data = frame, .end = frame + caplen});
	if (r->o->print.vflag && !r->o->print.Kflag)
		tcp_sum_host(&ev, frame, caplen);
	ev.wire_len = r->pi.wire_len;
	if (!r->ahead)
		emit(r, &ev);
	else if (ahead_push(r->ahead, &ev, &r->pi))
		r->failed = true;
	return true;
}

/* Whether the kernel's filter rejected the frame just run: its counter grew. */
static bool kernel_filtered(struct replay *r, struct loader *l)
{
	struct xs_counters c;

	if (!r->filter.len || loader_counters(l, &c) || c.filtered == r->filtered)
		return false;
	r->filtered = c.filtered;
	return true;
}

/* 1: the kernel sent the frame's event, 0: its filter rejected the frame, -1: it refused the
 * frame (too short, or too large for a test run). */
static int via_kernel(struct replay *r, struct loader *l, const uint8_t *frame, uint32_t caplen)
{
	if (!l || caplen < 14)
		return -1;
	r->got = 0;
	if (loader_test_run(l, frame, caplen, r->pi.wire_len, NULL) || loader_consume(l) < 0)
		return -1;
	if (r->got == 0 && !kernel_filtered(r, l))
		return -1;
	r->via_kernel++;
	return r->got > 0;
}

static struct loader *open_kernel(const struct opts *o, struct replay *r)
{
	struct loader_cfg cfg = {.ring_kib = 256,
				 .test_runs = true,
				 .filter = &r->filter,
				 .compact = compact_wanted(o),
				 .verify_sum = o->print.vflag && !o->print.Kflag};
	struct loader *l = NULL;
	char missing[128];
	int err;

	if (!o->kernel_parser)
		return NULL;
	if (loader_missing_caps(missing, sizeof(missing)) > 0) {
		log_msg("no BPF privileges (missing %s): replaying through the host parser",
			missing);
		return NULL;
	}
	err = loader_open(&l, &cfg, on_event, r);
	if (err) {
		log_msg("cannot load the BPF program (%s)%s: replaying through the host parser",
			strerror(-err), o->verbose ? "" : "; -v shows the verifier's log");
		return NULL;
	}
	return l;
}

/*
 * The file through stdio with a buffer of 1 MiB: libpcap's own opening leaves stdio's 4 KiB,
 * a read(2) every 30 frames of a TCP capture, and in a VM each is an exit to the hypervisor
 * that also costs the table lookups their TLB entries (2M frames: 64 484 reads took 70 ns a
 * line at 1k connections, more at 1M). Standard input, or a file fopen() refuses, goes
 * through libpcap's opening, which words the error as tcpdump prints it.
 */
static pcap_t *open_buffered(const char *path, int precision, char *errbuf)
{
	static char vbuf[1 << 20]; /* one file is replayed at a time */
	FILE *f = strcmp(path, "-") ? fopen(path, "rbe") : NULL;
	pcap_t *p;

	if (!f)
		return pcap_open_offline_with_tstamp_precision(path, precision, errbuf);
	setvbuf(f, vbuf, _IOFBF, sizeof(vbuf));
	p = pcap_fopen_offline_with_tstamp_precision(f, precision, errbuf);
	if (!p)
		fclose(f);
	return p;
}

/* The capture file, if it can be replayed: Ethernet only. NULL (logged) otherwise. */
static pcap_t *open_file(const struct opts *o)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = open_buffered(
	    o->read_file, o->print.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO,
	    errbuf);

	if (!p) {
		log_msg("%s", errbuf);
		return NULL;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		log_msg("%s: link-type %s is not supported (Ethernet only)", o->read_file,
			pcap_datalink_val_to_name(pcap_datalink(p)) ?: "unknown");
		pcap_close(p);
		return NULL;
	}
	return p;
}

/* Every frame of the file, through the kernel or the host parser, until the sink is done. */
static int replay_frames(struct replay *r, pcap_t *p, struct loader *l)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int ret = 1;

	while (!sink_done(r->sink) && !r->failed && (ret = pcap_next_ex(p, &h, &data)) == 1) {
		r->pi.sec = h->ts.tv_sec;
		/* Nanoseconds until printed; a file's 0xffffffff is -1 here, as in tcpdump. */
		r->pi.nsec = r->o->print.nano ? h->ts.tv_usec : (int64_t)h->ts.tv_usec * 1000;
		r->pi.wire_len = h->len;
		r->pi.cap_len = h->caplen;
		r->pi.data = data;
		if (!h->caplen || via_kernel(r, l, data, h->caplen) < 0)
			via_host(r, data, h->caplen);
	}
	if (r->ahead)
		ahead_flush(r->ahead);
	if (r->failed)
		return -1;
	if (ret != PCAP_ERROR)
		return 0;
	sink_flush(r->sink);
	fflush(stdout);
	log_msg("%s: %s", r->o->read_file, pcap_geterr(p));
	return -1;
}

int replay_run(const struct opts *o)
{
	struct replay *r;
	struct loader *l = NULL;
	int rc = XS_EXIT_OK;
	pcap_t *p = open_file(o);

	if (!p)
		return XS_EXIT_ERR;
	r = calloc(1, sizeof(*r));
	if (!r || !(r->sink = sink_new(o))) {
		log_msg("out of memory");
		free(r);
		pcap_close(p);
		return XS_EXIT_ERR;
	}
	r->o = o;
	fprintf(stderr, "reading from file %s, link-type EN10MB (Ethernet), snapshot length %d\n",
		strcmp(o->read_file, "-") ? o->read_file : "-", pcap_snapshot(p));
	if (filter_build(o, NULL, pcap_snapshot(p), &r->filter) ||
	    sink_open_file(r->sink, (uint32_t)pcap_snapshot(p), false)) {
		rc = XS_EXIT_ERR;
		goto out;
	}
	l = open_kernel(o, r);
	/* Through the kernel frames print as its events arrive: a lookahead on the host path
	 * would put the frames it refuses after later ones. */
	if (!l && !(r->ahead = ahead_new(r->sink))) {
		log_msg("out of memory");
		rc = XS_EXIT_ERR;
		goto out;
	}
	if (replay_frames(r, p, l))
		rc = XS_EXIT_ERR;
	if (r->bad_records) {
		log_msg("%llu malformed ring records ignored", r->bad_records);
		rc = XS_EXIT_ERR;
	}
	if (o->verbose)
		log_msg("%llu frames through the kernel, %llu through the host parser, "
			"mean event %.1f bytes",
			r->via_kernel, r->via_host,
			r->events ? (double)r->event_bytes / (double)r->events : 0.0);
out:
	if (sink_close(r->sink))
		rc = XS_EXIT_ERR;
	loader_close(l);
	ahead_free(r->ahead);
	filter_free(&r->filter);
	free(r);
	pcap_close(p);
	return rc;
}
