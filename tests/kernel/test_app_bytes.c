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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_ports.h"
#include "decode.h"
#include "loader.h"
#include "print.h"
#include "../check.h"
#include "rec_run.h"
#include "parse_host.h"

/* One option set's run: its table, the records, the printers of the record's lines, the
 * whole frame's and the compact event's, and the counts. */
struct app_run {
	const char *opt;
	struct xs_app_cfg app;
	struct rec_run r;
	struct printer *pr[3];
	unsigned long with_bytes, tcp_compact, changed;
};

static char line_rec[PRINT_RECORD_MAX], line_file[PRINT_RECORD_MAX], line_compact[PRINT_RECORD_MAX];

static void print_line(struct printer *pr, const struct xs_event *ev, const uint8_t *data,
		       uint32_t cap, uint32_t wire, char *out)
{
	struct pkt_info pi = {.data = data, .cap_len = cap, .wire_len = wire};
	struct strbuf sb;

	sb_init(&sb, out, PRINT_RECORD_MAX - 1);
	print_packet(pr, ev, &pi, NULL, &sb);
	out[sb.len] = '\0';
}

/* One frame: the record's bytes against the table, its line against the whole frame's. */
static void check_frame(void *ctx, const char *path, unsigned long nth, const uint8_t *frame,
			uint32_t len)
{
	struct app_run *a = ctx;
	struct xs_event host, ev;
	const uint8_t *data;
	uint32_t n, want;

	memset(&host, 0, sizeof(host));
	xs_parse(&host, &(struct xs_frame){.data = frame, .end = frame + len});
	host.wire_len = len;
	want = xs_app_bytes(&a->app, &host);
	if (!a->r.records || decode_event(a->r.buf, a->r.size, &ev, &data, &n)) {
		CHECK(0, "[%s] %s frame %lu: no valid record", a->opt, path, nth);
		return;
	}
	if (host.flags & XS_F_HDRS) {
		CHECK(data && n == len, "[%s] %s frame %lu: headers past the event, %u bytes",
		      a->opt, path, nth, n);
	} else if (want) {
		CHECK(data && n == want && !memcmp(data, frame, n),
		      "[%s] %s frame %lu: %u frame bytes in the record, the table asks for %u",
		      a->opt, path, nth, data ? n : 0, want);
		a->with_bytes++;
	} else {
		CHECK(!data, "[%s] %s frame %lu: %u bytes in a record the table leaves compact",
		      a->opt, path, nth, n);
		a->tcp_compact += host.kind == XS_K_TCP;
	}
	print_line(a->pr[0], &ev, data, data ? n : ev.cap_len, len, line_rec);
	print_line(a->pr[1], &ev, frame, len, len, line_file);
	/* What the bytes change: the line of the same event without them (a compact record). */
	print_line(a->pr[2], &ev, NULL, ev.cap_len, len, line_compact);
	a->changed += strcmp(line_compact, line_file) != 0;
	CHECK(!strcmp(line_rec, line_file), "[%s] %s frame %lu:\n  record: %s  frame:  %s", a->opt,
	      path, nth, line_rec, line_file);
}

static void run_opts(const char *opt, const struct print_opts *po, int argc, char **argv)
{
	static struct app_run a;
	struct loader_cfg cfg = {.ring_kib = 1024, .app = &a.app, .verify_sum = po->vflag > 0};
	unsigned long frames;
	struct loader *l;
	int err;

	memset(&a, 0, sizeof(a));
	a.opt = opt;
	app_ports_fill(&a.app, po);
	for (int i = 0; i < 3; i++)
		a.pr[i] = printer_new(po);
	err = loader_open(&l, &cfg, on_record, &a.r);
	CHECK(!err, "[%s] load: %s", opt, strerror(-err));
	if (err || !a.pr[0] || !a.pr[1] || !a.pr[2])
		goto out;
	frames = rec_run_pcaps(l, &a.r, argc, argv, check_frame, &a);
	printf("app bytes [%s]: %lu frames, %lu records with decoder bytes, %lu TCP records "
	       "compact; %lu lines compared with the whole frame's, %lu of them need the bytes\n",
	       opt, frames, a.with_bytes, a.tcp_compact, frames, a.changed);
	CHECK(frames, "[%s] no frames", opt);
	loader_close(l);
out:
	for (int i = 0; i < 3; i++)
		printer_free(a.pr[i]);
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
