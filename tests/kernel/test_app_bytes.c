// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel in the loop, for the bytes a live record carries without -s (include/app_bytes.h):
 * the real BPF object, loaded with the table a live capture makes (user/app_ports.c) for each
 * option set, runs every frame of the given pcaps with BPF_PROG_TEST_RUN. Each record must
 * carry exactly the frame's first bytes the table asks for (none for a plain TCP segment), and
 * the line printed from the record, as a live capture prints it, must be the line printed from
 * the whole frame, as tcpdump (262144-byte snapshot) prints it. Frames are taken as whole (the
 * file's captured part is the frame).
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_ports.h"
#include "decode.h"
#include "loader.h"
#include "print.h"
#include "../check.h"
#include "parse_host.h"

struct rec_run {
	uint8_t buf[sizeof(struct xs_event) + XS_MAX_SNAP];
	size_t size;
	unsigned records;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct rec_run *r = ctx;

	r->records++;
	r->size = size < sizeof(r->buf) ? size : sizeof(r->buf);
	memcpy(r->buf, data, r->size);
	return 0;
}

struct tally {
	unsigned long frames, with_bytes, tcp_compact, lines, changed;
};

static char line_rec[PRINT_RECORD_MAX], line_file[PRINT_RECORD_MAX], line_compact[PRINT_RECORD_MAX];

static void print_line(struct printer *pr, const struct xs_event *ev, const uint8_t *data,
		       uint32_t cap, uint32_t wire, char *out)
{
	struct pkt_info pi = {.data = data, .cap_len = cap, .wire_len = wire};
	struct strbuf sb;

	sb_init(&sb, out, PRINT_RECORD_MAX - 1);
	print_packet(pr, ev, &pi, &sb);
	out[sb.len] = '\0';
}

/* One frame: the record's bytes against the table, its line against the whole frame's. pr:
 * the printers of the record's lines, the whole frame's, the compact event's. */
static void check_frame(const char *opt, const struct xs_app_cfg *app, struct rec_run *r,
			struct printer **pr, const uint8_t *frame, uint32_t len, struct tally *t)
{
	struct xs_event host, ev;
	const uint8_t *data;
	uint32_t n, want;

	memset(&host, 0, sizeof(host));
	xs_parse(&host, &(struct xs_frame){.data = frame, .end = frame + len});
	host.wire_len = len;
	want = xs_app_bytes(app, &host);
	if (!r->records || decode_event(r->buf, r->size, &ev, &data, &n)) {
		CHECK(0, "[%s] frame %lu: no valid record", opt, t->frames);
		return;
	}
	if (host.flags & XS_F_HDRS) {
		CHECK(data && n == len, "[%s] frame %lu: headers past the event, %u bytes", opt,
		      t->frames, n);
	} else if (want) {
		CHECK(data && n == want && !memcmp(data, frame, n),
		      "[%s] frame %lu: %u frame bytes in the record, the table asks for %u", opt,
		      t->frames, data ? n : 0, want);
		t->with_bytes++;
	} else {
		CHECK(!data, "[%s] frame %lu: %u bytes in a record the table leaves compact", opt,
		      t->frames, n);
		t->tcp_compact += host.kind == XS_K_TCP;
	}
	print_line(pr[0], &ev, data, data ? n : ev.cap_len, len, line_rec);
	print_line(pr[1], &ev, frame, len, len, line_file);
	t->lines++;
	/* What the bytes change: the line of the same event without them (a compact record). */
	print_line(pr[2], &ev, NULL, ev.cap_len, len, line_compact);
	t->changed += strcmp(line_compact, line_file) != 0;
	CHECK(!strcmp(line_rec, line_file), "[%s] frame %lu:\n  record: %s  frame:  %s", opt,
	      t->frames, line_rec, line_file);
}

static void run_opts(const char *opt, const struct print_opts *po, int argc, char **argv)
{
	static struct xs_app_cfg app;
	static struct rec_run r;
	struct loader_cfg cfg = {.ring_kib = 1024, .app = &app, .verify_sum = po->vflag > 0};
	struct printer *pr[3] = {printer_new(po), printer_new(po), printer_new(po)};
	struct tally t = {0};
	struct loader *l;
	int err;

	app_ports_fill(&app, po);
	err = loader_open(&l, &cfg, on_record, &r);
	CHECK(!err, "[%s] load: %s", opt, strerror(-err));
	if (err || !pr[0] || !pr[1] || !pr[2])
		goto out;
	for (int i = 1; i < argc; i++) {
		char errbuf[PCAP_ERRBUF_SIZE];
		struct pcap_pkthdr *h;
		const u_char *frame;
		pcap_t *p = pcap_open_offline(argv[i], errbuf);

		while (p && pcap_next_ex(p, &h, &frame) == 1) {
			r.records = 0;
			if (h->caplen < 14 || loader_test_run(l, frame, h->caplen, 0, NULL))
				continue;
			loader_consume(l);
			t.frames++;
			check_frame(opt, &app, &r, pr, frame, h->caplen, &t);
		}
		if (p)
			pcap_close(p);
	}
	printf("app bytes [%s]: %lu frames, %lu records with decoder bytes, %lu TCP records "
	       "compact; %lu lines compared with the whole frame's, %lu of them need the bytes\n",
	       opt, t.frames, t.with_bytes, t.tcp_compact, t.lines, t.changed);
	CHECK(t.frames && t.lines, "[%s] no frames", opt);
	loader_close(l);
out:
	for (int i = 0; i < 3; i++)
		printer_free(pr[i]);
}

int main(int argc, char **argv)
{
	struct print_opts po = {.nflag = 1, .tflag = 1};

	run_opts("-n", &po, argc, argv);
	po.vflag = 1;
	run_opts("-n -v", &po, argc, argv);
	po.vflag = 2;
	run_opts("-n -vv", &po, argc, argv);
	po.vflag = 0;
	po.qflag = 1;
	run_opts("-n -q", &po, argc, argv);
	return check_summary();
}
