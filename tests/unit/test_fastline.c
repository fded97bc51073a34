// SPDX-License-Identifier: GPL-2.0-only
/*
 * print/fastline.c against print_packet(): every TCP segment of the captures named (default:
 * tests/data, the tcpdump corpus and the benchmark's mix) made into the compact record a live
 * capture reads, then printed by two printers side by side: one always the general way
 * (decode_event(), print_packet()), the other straight from the record whenever
 * fastline_take() takes it, as live.c does. Their lines must be the same bytes. Each record is
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

/* One record through both printers, as live.c takes it: the general way decodes it first. */
static void both(struct pair *p, const struct xs_compact *c, size_t size, const char *where)
{
	struct pkt_info pi = {.sec = (int64_t)(c->ts_ns / 1000000000),
			      .nsec = (int64_t)(c->ts_ns % 1000000000)};
	const uint8_t *bytes;
	struct xs_event ev;
	struct strbuf a, b;
	bool taken = fastline_take(&p->fl, c, size);
	uint32_t n;

	if (decode_event(c, size, &ev, &bytes, &n)) {
		CHECK(!taken, "%s: a record decode_event() refuses, taken", where);
		return;
	}
	pi.wire_len = ev.wire_len;
	pi.cap_len = ev.cap_len;
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

/* The record as it came, then with one field bent at a time. */
static void bent(struct pair *p, const struct xs_compact *rec, size_t size, const char *where)
{
	uint32_t ip_end = 14 + ntohs(rec->ip_len) + (rec->cflags & XS_C_IP6 ? 40 : 0);
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
				 rec->cap_len - 1,
				 rec->wire_len + 1,
				 262144,
				 262145};
	const uint32_t ip_lens[] = {
	    0,	  1, 19, 20, 39, 40, 41, 59, 60, ntohs(rec->ip_len) - 1, ntohs(rec->ip_len) + 1,
	    65535};
	const uint8_t vhls[] = {0x45, 0x46, 0x44, 0x65, 0x60, 0x6f, 0x40, 0x00};
	struct xs_compact c;

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		c = *rec;
		c.cap_len = lens[i] < rec->cap_len ? lens[i] : rec->cap_len;
		both(p, &c, size, where);
		c = *rec;
		c.wire_len = lens[i];
		both(p, &c, size, where);
	}
	for (size_t i = 0; i < sizeof(ip_lens) / sizeof(ip_lens[0]); i++) {
		c = *rec;
		c.ip_len = htons((uint16_t)ip_lens[i]);
		both(p, &c, size, where);
	}
	for (size_t i = 0; i < sizeof(vhls) / sizeof(vhls[0]); i++) {
		c = *rec;
		c.ip_vhl = vhls[i];
		both(p, &c, size, where);
	}
	for (unsigned doff = 0; doff < 16; doff++) {
		c = *rec;
		c.tcp[12] = (uint8_t)(doff << 4 | (rec->tcp[12] & 0xf));
		both(p, &c, size, where);
	}
	for (unsigned f = 0; f < 256; f += 7) {
		c = *rec;
		c.tcp[13] = (uint8_t)f;
		both(p, &c, size, where);
	}
	/* Records the decoder refuses: a flag it does not know, a size that is not theirs. */
	c = *rec;
	c.cflags |= 0x80;
	both(p, &c, size, where);
	c = *rec;
	both(p, &c, size - 8, where);
	both(p, rec, size, where);
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

	if (!pc)
		return; /* not a capture libpcap reads (the corpus has a few on purpose) */
	if (pcap_datalink(pc) != DLT_EN10MB) {
		pcap_close(pc);
		return;
	}
	while (pcap_next_ex(pc, &h, &data) == 1) {
		struct xs_event ev;
		struct xs_compact c;
		size_t size;

		nth++;
		memset(&ev, 0, sizeof(ev));
		xs_parse(&ev, &(struct xs_frame){.data = data, .end = data + h->caplen});
		ev.wire_len = h->len;
		ev.ts_ns = (uint64_t)h->ts.tv_sec * 1000000000 + (uint64_t)h->ts.tv_usec;
		if (!xs_compact_ok(&ev))
			continue;
		size = compact_encode(&ev, &c);
		snprintf(where, sizeof(where), "%s frame %lu", path, nth);
		if (bend)
			bent(p, &c, size, where);
		else
			both(p, &c, size, where);
	}
	pcap_close(pc);
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
