// SPDX-License-Identifier: GPL-2.0-only
/*
 * print/fastline.c against print_packet(): every TCP segment of the captures named (default:
 * tests/data, the tcpdump corpus and the benchmark's mix) made into the records a live
 * capture reads (a compact record; the whole event with the frame's bytes, all or cut, as for
 * a payload decoder), then printed by two printers side by side: one always the general way
 * (decode_event(), print_packet()), the other in one pass whenever fastline_take() or
 * fastline_take_event() takes it, as live.c does. Their lines must be the same bytes. Each is
 * also printed with its lengths, header fields and flags bent (a frame cut short, an IP length
 * past the frame, a bad data offset, ...), so the checks that send a record the general way
 * are held to print_packet()'s own; and for -t, -tt, -ttt, -tttt, -ttttt, --nano and -S.
 */
#include <arpa/inet.h>
#include <glob.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "compact.h"
#include "compact_rec.h"
#include "decode.h"
#include "parse_host.h"
#include "print.h"
#include "print/fastline.h"

#define LINE_MAX_BYTES 65536

struct pair {
	struct printer *general, *fast;
	struct fastline fl;
	unsigned long packets, taken;
	unsigned mismatches;
	char a[LINE_MAX_BYTES], b[LINE_MAX_BYTES];
};

/* A difference is shown (the first few only). */
static void same(struct pair *p, const struct strbuf *a, const struct strbuf *b, const char *where)
{
	p->a[a->len] = p->b[b->len] = '\0';
	if (a->len == b->len && !memcmp(p->a, p->b, a->len)) {
		passed++;
		return;
	}
	if (p->mismatches++ < 20)
		check_str(where, p->b, p->a);
	else
		failed++;
}

/* A ring record: a compact one, or a whole event with the frame's bytes after it. */
struct rec {
	union {
		struct xs_compact c;
		struct xs_event ev;
		uint8_t b[sizeof(struct xs_event) + 65536];
	};
	size_t size;
};

/* One record through both printers, as live.c's on_event() takes it: the general way decodes
 * it and prints the event, the one-pass way takes it as it is or once decoded. */
static void both(struct pair *p, const struct rec *r, const char *where)
{
	uint64_t ts = r->c.ts_ns;
	struct pkt_info pi = {.sec = (int64_t)(ts / 1000000000),
			      .nsec = (int64_t)(ts % 1000000000)};
	const uint8_t *bytes, *fbytes = NULL;
	struct xs_event ev, fev;
	struct strbuf a, b;
	bool taken = fastline_take(&p->fl, r->b, r->size);
	uint32_t n, fn = 0;

	if (decode_event(r->b, r->size, &ev, &bytes, &n)) {
		CHECK(!taken, "%s: a record decode_event() refuses, taken", where);
		return;
	}
	if (!taken && !decode_event(r->b, r->size, &fev, &fbytes, &fn))
		taken = fastline_take_event(&p->fl, &fev, fbytes, fn);
	pi.data = bytes;
	pi.wire_len = ev.wire_len;
	pi.cap_len = bytes ? n : ev.cap_len;
	sb_init(&a, p->a, sizeof(p->a) - 1);
	sb_init(&b, p->b, sizeof(p->b) - 1);
	print_packet(p->general, &ev, &pi, NULL, &a);
	if (taken)
		fastline_print(p->fast, &p->fl, &pi, &b);
	else
		print_packet(p->fast, &ev, &pi, NULL, &b);
	p->packets++;
	p->taken += taken;
	same(p, &a, &b, where);
}

static void compact_rec(const struct xs_event *ev, struct rec *r)
{
	r->size = compact_encode(ev, &r->c);
}

/* ev with the first n bytes of frame, as the kernel sends it when a payload decoder reads
 * them. */
static void event_rec(const struct xs_event *ev, const uint8_t *frame, uint32_t n, struct rec *r)
{
	r->ev = *ev;
	r->ev.flags |= XS_F_DATA;
	memcpy(r->b + sizeof(r->ev), frame, n);
	r->size = sizeof(r->ev) + n;
}

/* ev as a compact record, and with the frame's bytes (all of them, or cut), as they came. */
static void records(struct pair *p, struct rec *r, const struct xs_event *ev, const uint8_t *frame,
		    uint32_t caplen, const char *where)
{
	uint32_t hdrs = ev->l4_off + (ev->l4.tcp.doff >> 4) * 4u;
	const uint32_t cuts[] = {caplen, ev->cap_len - 1, hdrs, hdrs + 1, hdrs + 20, hdrs + 100};

	compact_rec(ev, r);
	both(p, r, where);
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		if (cuts[i] > caplen || (i && cuts[i] == caplen))
			continue;
		event_rec(ev, frame, cuts[i], r);
		both(p, r, where);
	}
}

/* One event bent, as a compact record and with the whole frame. */
static void bent_one(struct pair *p, struct rec *r, const struct xs_event *ev, const uint8_t *frame,
		     uint32_t caplen, const char *where)
{
	compact_rec(ev, r);
	both(p, r, where);
	event_rec(ev, frame, caplen, r);
	both(p, r, where);
}

/* The packet's event with one field bent at a time. */
static void bent(struct pair *p, struct rec *r, const struct xs_event *ev, const uint8_t *frame,
		 uint32_t caplen, const char *where)
{
	uint32_t ip_end = 14 + ntohs(ev->ip_len) + (ev->flags & XS_F_IP6 ? 40 : 0);
	const uint32_t lens[] = {0,
				 1,
				 13,
				 14,
				 33,
				 34,
				 53,
				 54,
				 73,
				 74,
				 ip_end - 1,
				 ip_end,
				 ip_end + 1,
				 ev->cap_len - 1,
				 ev->wire_len + 1,
				 262144,
				 262145};
	const uint32_t ip_lens[] = {
	    0, 1, 19, 20, 39, 40, 41, 59, 60, ntohs(ev->ip_len) - 1, ntohs(ev->ip_len) + 1, 65535};
	const uint8_t vhls[] = {0x45, 0x46, 0x44, 0x65, 0x60, 0x6f, 0x40, 0x00};
	struct xs_event e;

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		e = *ev;
		e.cap_len = lens[i] < ev->cap_len ? lens[i] : ev->cap_len;
		bent_one(p, r, &e, frame, caplen, where);
		e = *ev;
		e.wire_len = lens[i];
		bent_one(p, r, &e, frame, caplen, where);
	}
	for (size_t i = 0; i < sizeof(ip_lens) / sizeof(ip_lens[0]); i++) {
		e = *ev;
		e.ip_len = htons((uint16_t)ip_lens[i]);
		bent_one(p, r, &e, frame, caplen, where);
	}
	for (size_t i = 0; i < sizeof(vhls) / sizeof(vhls[0]); i++) {
		e = *ev;
		e.ip_vhl = vhls[i];
		bent_one(p, r, &e, frame, caplen, where);
	}
	for (unsigned doff = 0; doff < 16; doff++) {
		e = *ev;
		e.l4.tcp.doff = (uint8_t)(doff << 4 | (ev->l4.tcp.doff & 0xf));
		bent_one(p, r, &e, frame, caplen, where);
	}
	for (unsigned f = 0; f < 256; f += 7) {
		e = *ev;
		e.l4.tcp.flags = (uint8_t)f;
		bent_one(p, r, &e, frame, caplen, where);
	}
	/* A fragment (a whole event only), and records the decoder refuses. */
	e = *ev;
	e.ip_frag = htons(0x0001);
	event_rec(&e, frame, caplen, r);
	both(p, r, where);
	compact_rec(ev, r);
	r->c.cflags |= 0x80;
	both(p, r, where);
	compact_rec(ev, r);
	r->size -= 8;
	both(p, r, where);
}

/* Every TCP segment of one capture that a live capture would send as a compact record. */
static void one_file(struct pair *p, const char *path, bool bend)
{
	char errbuf[PCAP_ERRBUF_SIZE], where[512];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *pc =
	    pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	unsigned long nth = 0;
	struct rec *r = malloc(sizeof(*r));

	if (!pc || !r) {
		free(r);
		if (pc)
			pcap_close(pc);
		return; /* not a capture libpcap reads (the corpus has a few on purpose) */
	}
	while (pcap_datalink(pc) == DLT_EN10MB && pcap_next_ex(pc, &h, &data) == 1) {
		uint32_t caplen = h->caplen < 65536 ? h->caplen : 65536;
		struct xs_event ev;

		nth++;
		memset(&ev, 0, sizeof(ev));
		xs_parse(&ev, &(struct xs_frame){.data = data, .end = data + h->caplen});
		ev.wire_len = h->len;
		ev.ts_ns = (uint64_t)h->ts.tv_sec * 1000000000 + (uint64_t)h->ts.tv_usec;
		if (!xs_compact_ok(&ev) || caplen < ev.cap_len)
			continue;
		snprintf(where, sizeof(where), "%s frame %lu", path, nth);
		records(p, r, &ev, data, caplen, where);
		if (bend)
			bent(p, r, &ev, data, caplen, where);
	}
	pcap_close(pc);
	free(r);
}

static struct pair *pair_new(const struct print_opts *o)
{
	struct pair *p = calloc(1, sizeof(*p));

	if (!p || !(p->general = printer_new(o)) || !(p->fast = printer_new(o))) {
		printf("out of memory\n");
		exit(1);
	}
	return p;
}

static void pair_free(struct pair *p)
{
	printer_free(p->general);
	printer_free(p->fast);
	free(p);
}

/* The files, through the default line (bent too), then through each time stamp format. */
static void run_files(char **paths, size_t n)
{
	struct print_opts o = {.nflag = 1};
	struct pair *p = pair_new(&o);

	for (size_t i = 0; i < n; i++)
		one_file(p, paths[i], true);
	printf("default line: %lu packets, %lu in one pass\n", p->packets, p->taken);
	CHECK(p->taken * 4 > p->packets, "too few packets in one pass: %lu of %lu", p->taken,
	      p->packets);
	pair_free(p);
	for (int t = 1; t <= 7; t++) {
		o = (struct print_opts){
		    .nflag = 1, .tflag = t < 6 ? t : 0, .nano = t == 6, .Sflag = t == 7};
		p = pair_new(&o);
		for (size_t i = 0; i < n; i++)
			one_file(p, paths[i], false);
		pair_free(p);
	}
}

static void test_wanted(void)
{
	struct print_opts o = {.nflag = 1};

	CHECK(fastline_wanted(&o), "-n");
	o.nflag = 0;
	CHECK(!fastline_wanted(&o), "names");
	o = (struct print_opts){.nflag = 1, .vflag = 1};
	CHECK(!fastline_wanted(&o), "-v");
	o = (struct print_opts){.nflag = 1, .qflag = 1};
	CHECK(!fastline_wanted(&o), "-q");
	o = (struct print_opts){.nflag = 1, .number = true};
	CHECK(!fastline_wanted(&o), "-#");
	o = (struct print_opts){.nflag = 1, .eflag = 1};
	CHECK(!fastline_wanted(&o), "-e");
}

int main(int argc, char **argv)
{
	static const char *const defaults[] = {"tests/data/*.pcap*", "tests/corpus/tcpdump/*.pcap*",
					       "build/bench/mix.pcap"};
	glob_t g = {0};

	test_wanted();
	if (argc > 1) {
		run_files(argv + 1, (size_t)argc - 1);
		return check_summary();
	}
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		glob(defaults[i], i ? GLOB_APPEND : 0, NULL, &g);
	CHECK(g.gl_pathc > 0, "no captures found (run from the top of the tree)");
	run_files(g.gl_pathv, g.gl_pathc);
	globfree(&g);
	return check_summary();
}
