// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit test for print_tcp_payload() and print_dump(): crafted frames in, tcpdump 4.99.3's text
 * out. The table (payload_cases.h) was written by payload_cases.py from real tcpdump runs, one
 * pcap per frame, so this test needs no tcpdump; regenerate it when the cases change.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "print/app.h"
#include "print/dump.h"
#include "strbuf.h"

#define DUMP_NONE (-1)

struct payload_case {
	const char *name;
	const char *args; /* tcpdump's flags besides -n -tt */
	const uint8_t *frame; /* the captured bytes */
	uint32_t caplen;
	uint32_t l2; /* the link-layer header's length, VLAN tags included */
	int jumped; /* tcpdump longjmped out of the line (seen: its -X dump equals -XX's) */
	int has_tcp; /* 0: the frame stops before its TCP payload; only the dump is checked */
	uint16_t sport, dport;
	uint8_t flags;
	uint32_t pay_off; /* the TCP payload's offset in the frame */
	uint32_t pay_len; /* its length per the headers: tcpdump's "length N" */
	uint32_t captured; /* how much of it the frame holds (Ethernet padding excluded) */
	int vflag;
	enum app_result result;
	const char *app; /* what tcpdump printed after "length N" ("" for APP_UNSUPPORTED) */
	int dump; /* enum dump_kind, or DUMP_NONE */
	int doubled; /* -xx, -XX or -AA */
	const char *dump_text; /* the record between the line and its final "\n" */
};

#include "payload_cases.h"

static char out[1 << 16];

/* Returns what the printer says, for the dump's range. */
static enum app_result check_app(const struct payload_case *c)
{
	struct strbuf sb;
	enum app_result r;

	sb_init(&sb, out, sizeof(out) - 1);
	r = print_tcp_payload(&sb, c->sport, c->dport, c->flags, c->frame + c->pay_off, c->captured,
			      c->pay_len, c->vflag);
	out[sb.len] = '\0';
	CHECK(r == c->result, "%s [%s]: result %d, want %d", c->name, c->args, r, c->result);
	CHECK(!strcmp(out, c->app), "%s [%s]:\n  got:  \"%s\"\n  want: \"%s\"", c->name, c->args,
	      out, c->app);
	return r;
}

/* The caller's part, as print_dump.h and print_app.h describe it. */
static void check_dump(const struct payload_case *c, bool jumped)
{
	uint32_t off = 0, len = c->caplen;
	struct strbuf sb;

	if (!c->doubled && !jumped) {
		off = c->l2;
		len = c->caplen > c->l2 ? c->caplen - c->l2 : 0;
	}
	sb_init(&sb, out, sizeof(out) - 1);
	print_dump(&sb, (enum dump_kind)c->dump, c->frame + off, len);
	out[sb.len] = '\0';
	CHECK(!sb.full && !strcmp(out, c->dump_text),
	      "%s [%s] dump:\n  got:  \"%s\"\n  want: \"%s\"", c->name, c->args, out, c->dump_text);
}

/* What the table cannot show: no payload, a captured count past the length, a full buffer. */
static void check_edges(void)
{
	static const uint8_t get[] = "GET / HTTP/1.1\r\n";
	char small[8];
	struct strbuf sb;

	sb_init(&sb, out, sizeof(out));
	CHECK(print_tcp_payload(&sb, 40000, 80, 0x18, get, 0, 0, 1) == APP_NONE && !sb.len,
	      "length 0 prints nothing");
	/* captured beyond length is clamped: the same text as "http request" cut to 16 bytes */
	sb_init(&sb, out, sizeof(out) - 1);
	print_tcp_payload(&sb, 40000, 80, 0x18, get, 99, 16, 0);
	out[sb.len] = '\0';
	CHECK(!strcmp(out, ": HTTP: GET / HTTP/1.1"), "clamped: \"%s\"", out);
	sb_init(&sb, small, sizeof(small));
	print_tcp_payload(&sb, 40000, 80, 0x18, get, 16, 16, 1);
	CHECK(sb.full && sb.len == sizeof(small), "app fills a small buffer without overflow");
	sb_init(&sb, small, sizeof(small));
	print_dump(&sb, DUMP_HEX_ASCII, get, 16);
	CHECK(sb.full && sb.len == sizeof(small), "dump fills a small buffer without overflow");
	sb_init(&sb, out, sizeof(out));
	print_dump(&sb, DUMP_ASCII, get, 0);
	CHECK(!sb.len, "an empty dump prints nothing, not even -A's newline");
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(cases[0]);

	for (size_t i = 0; i < n; i++) {
		const struct payload_case *c = &cases[i];
		/* Without a TCP payload, what the header printers did is the table's to say. */
		bool jumped = c->has_tcp ? check_app(c) == APP_TRUNCATED : c->jumped;

		if (c->dump != DUMP_NONE)
			check_dump(c, jumped);
	}
	check_edges();
	printf("%zu tcpdump records checked\n", n);
	return check_summary();
}
