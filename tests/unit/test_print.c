// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the printer on synthetic events: struct xs_event filled by hand, printed, and
 * compared with the lines tcpdump 4.99.3 printed for the same packets (../shared/
 * TCPDUMP-FORMAT.md, lines marked [run]). Covers the stateful parts: relative sequence numbers,
 * -S, time stamp modes, -#, -e with VLAN tags, -q.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "print.h"

struct tcp_spec {
	const char *src, *dst;
	unsigned sport, dport, seq, ack, flags, win, paylen;
	const char *opts; /* hex */
};

/* A TCP/IPv4 or TCP/IPv6 event as the kernel would send it for a fully captured packet. */
static void tcp_event(struct xs_event *ev, const struct tcp_spec *s)
{
	unsigned char opt[40];
	unsigned optlen = check_hex(s->opts, opt);
	int is6 = strchr(s->src, ':') != NULL;
	unsigned alen = is6 ? 16 : 4;

	memset(ev, 0, sizeof(*ev));
	ev->version = XS_EVENT_VERSION;
	ev->kind = XS_K_TCP;
	ev->flags = is6 ? XS_F_IP6 : XS_F_IP4;
	ev->l3_off = 14;
	ev->l4_off = (uint16_t)(14 + (is6 ? 40 : 20));
	ev->etype[0] = htons(is6 ? 0x86dd : 0x0800);
	ev->ip_vhl = is6 ? 0x60 : 0x45;
	ev->ip_ttl = 64;
	ev->ip_proto = 6;
	ev->ip_len = htons((uint16_t)((is6 ? 0 : 20) + 20 + optlen + s->paylen));
	inet_pton(is6 ? AF_INET6 : AF_INET, s->src, ev->var);
	inet_pton(is6 ? AF_INET6 : AF_INET, s->dst, ev->var + alen);
	ev->l4_proto = 6;
	ev->l4_cap = 20;
	ev->l4.tcp.sport = htons((uint16_t)s->sport);
	ev->l4.tcp.dport = htons((uint16_t)s->dport);
	ev->l4.tcp.seq = htonl(s->seq);
	ev->l4.tcp.ack = htonl(s->ack);
	ev->l4.tcp.doff = (uint8_t)((5 + optlen / 4) << 4);
	ev->l4.tcp.flags = (uint8_t)s->flags;
	ev->l4.tcp.win = htons((uint16_t)s->win);
	memcpy(ev->var + 2 * alen, opt, optlen);
	ev->l4x_len = (uint8_t)optlen;
	ev->cap_len = ev->l4_off + 20 + optlen + s->paylen;
	ev->wire_len = ev->cap_len;
}

/* The record for ev at sec + nsec nanoseconds. */
static void run_ns(struct printer *pr, const struct xs_event *ev, int64_t sec, int64_t nsec,
		   char *out, size_t outlen)
{
	struct pkt_info pi = {
	    .sec = sec, .nsec = nsec, .wire_len = ev->wire_len, .cap_len = ev->cap_len};
	struct strbuf sb;

	sb_init(&sb, out, outlen - 1);
	print_packet(pr, ev, &pi, NULL, &sb);
	out[sb.len] = '\0';
}

static void run(struct printer *pr, const struct xs_event *ev, int64_t sec, uint32_t usec,
		char *out, size_t outlen)
{
	run_ns(pr, ev, sec, usec * 1000ll, out, outlen);
}

/* The handshake of TCPDUMP-FORMAT.md 1.16, relative then absolute. */
static const struct tcp_spec conv[] = {
    {"192.0.2.1", "198.51.100.2", 34348, 80, 2974284112u, 0, 0x02, 64240, 0,
     "020405b40402080a000f2f650000000001030307"},
    {"198.51.100.2", "192.0.2.1", 80, 34348, 1000000000u, 2974284113u, 0x12, 65160, 0,
     "020405780402080a0000007b000f2f6501030309"},
    {"192.0.2.1", "198.51.100.2", 34348, 80, 2974284113u, 1000000001u, 0x10, 502, 0,
     "0101080a000f2f6f0000007b"},
    {"192.0.2.1", "198.51.100.2", 34348, 80, 2974284113u, 1000000001u, 0x18, 502, 43,
     "0101080a000f2f6f0000007b"},
    {"198.51.100.2", "192.0.2.1", 80, 34348, 1000000001u, 2974284156u, 0x10, 509, 0,
     "0101050ab147f9b4b147fa18"},
    {"192.0.2.1", "198.51.100.2", 34348, 80, 2974284156u, 1000000001u, 0x11, 502, 0, NULL},
    {"198.51.100.2", "192.0.2.1", 80, 34348, 1000000001u, 0, 0x04, 0, 0, NULL},
};

static const char *const conv_rel[] = {
    "22:13:20.123456 IP 192.0.2.1.34348 > 198.51.100.2.80: Flags [S], seq 2974284112, win 64240, "
    "options [mss 1460,sackOK,TS val 995173 ecr 0,nop,wscale 7], length 0\n",
    "22:13:20.133457 IP 198.51.100.2.80 > 192.0.2.1.34348: Flags [S.], seq 1000000000, ack "
    "2974284113, win 65160, options [mss 1400,sackOK,TS val 123 ecr 995173,nop,wscale 9], length "
    "0\n",
    "22:13:20.133556 IP 192.0.2.1.34348 > 198.51.100.2.80: Flags [.], ack 1, win 502, options "
    "[nop,nop,TS val 995183 ecr 123], length 0\n",
    "22:13:20.133656 IP 192.0.2.1.34348 > 198.51.100.2.80: Flags [P.], seq 1:44, ack 1, win 502, "
    "options [nop,nop,TS val 995183 ecr 123], length 43\n",
    "22:13:20.143456 IP 198.51.100.2.80 > 192.0.2.1.34348: Flags [.], ack 44, win 509, options "
    "[nop,nop,sack 1 {100:200}], length 0\n",
    "22:13:20.153456 IP 192.0.2.1.34348 > 198.51.100.2.80: Flags [F.], seq 44, ack 1, win 502, "
    "length 0\n",
    "22:13:20.163456 IP 198.51.100.2.80 > 192.0.2.1.34348: Flags [R], seq 1000000001, win 0, "
    "length 0\n",
};

static const uint32_t conv_usec[] = {123456, 133457, 133556, 133656, 143456, 153456, 163456};

static void test_conversation(void)
{
	struct print_opts o = {.nflag = 1};
	struct printer *pr = printer_new(&o);
	struct xs_event ev;
	char line[1024];

	for (size_t i = 0; i < sizeof(conv) / sizeof(conv[0]); i++) {
		tcp_event(&ev, &conv[i]);
		run(pr, &ev, 1700000000, conv_usec[i], line, sizeof(line));
		check_str("relative", line, conv_rel[i]);
	}
	printer_free(pr);

	o.Sflag = true;
	o.tflag = 2;
	pr = printer_new(&o);
	tcp_event(&ev, &conv[4]);
	run(pr, &ev, 1700000000, 143456, line, sizeof(line));
	check_str(
	    "-S sack absolute", line,
	    "1700000000.143456 IP 198.51.100.2.80 > 192.0.2.1.34348: Flags [.], ack 2974284156, "
	    "win 509, options [nop,nop,sack 1 {2974284212:2974284312}], length 0\n");
	printer_free(pr);
}

/* Four segments through one printer (-n -t), each line against want's. */
static void expect_four(const char *name, const struct print_opts *o, const struct tcp_spec *seg,
			const char *const want[4])
{
	struct printer *pr = printer_new(o);
	struct xs_event ev;
	char line[1024];

	for (int i = 0; i < 4; i++) {
		tcp_event(&ev, &seg[i]);
		run(pr, &ev, 1, 0, line, sizeof(line));
		check_str(name, line, want[i]);
	}
	printer_free(pr);
}

static void test_midstream(void)
{
	/* TCPDUMP-FORMAT.md 1.8: the reverse direction's base is the first segment's ack - 1. */
	static const struct tcp_spec seg[] = {
	    {"10.0.0.2", "10.0.0.1", 443, 51000, 5000, 9000, 0x18, 100, 10, NULL},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5010, 0x10, 100, 0, NULL},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5010, 0x18, 100, 5, NULL},
	    {"10.0.0.2", "10.0.0.1", 443, 51000, 5010, 9005, 0x18, 100, 10, NULL},
	};
	static const char *const want[] = {
	    "IP 10.0.0.2.443 > 10.0.0.1.51000: Flags [P.], seq 5000:5010, ack 9000, win 100, "
	    "length 10\n",
	    "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [.], ack 10, win 100, length 0\n",
	    "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 1:6, ack 10, win 100, length 5\n",
	    "IP 10.0.0.2.443 > 10.0.0.1.51000: Flags [P.], seq 10:20, ack 6, win 100, length 10\n",
	};
	struct print_opts o = {.nflag = 1, .tflag = 1};

	expect_four("mid-stream", &o, seg, want);
}

static void test_time_and_number(void)
{
	static const struct tcp_spec s = {"192.0.2.1", "198.51.100.2", 1111, 2222, 0, 0, 0, 0, 0,
					  NULL};
	struct print_opts o = {.nflag = 1, .tflag = 3, .number = true};
	struct printer *pr = printer_new(&o);
	struct xs_event ev;
	char line[1024];

	tcp_event(&ev, &s);
	run(pr, &ev, 1700000000, 123456, line, sizeof(line));
	check_str(
	    "-ttt first", line,
	    "    1   00:00:00.000000 IP 192.0.2.1.1111 > 198.51.100.2.2222: Flags [none], win "
	    "0, length 0\n");
	run(pr, &ev, 1700000000, 133457, line, sizeof(line));
	check_str(
	    "-ttt second", line,
	    "    2   00:00:00.010001 IP 192.0.2.1.1111 > 198.51.100.2.2222: Flags [none], win "
	    "0, length 0\n");
	printer_free(pr);

	o = (struct print_opts){.nflag = 1, .tflag = 4};
	pr = printer_new(&o);
	run(pr, &ev, 1700000000, 123456, line, sizeof(line));
	check_str("-tttt", line,
		  "2023-11-14 22:13:20.123456 IP 192.0.2.1.1111 > 198.51.100.2.2222: Flags [none], "
		  "win 0, length 0\n");
	run(pr, &ev, 2147483648LL, 5, line, sizeof(line));
	check_str(
	    "bit 31", line,
	    "[Error converting time] IP 192.0.2.1.1111 > 198.51.100.2.2222: Flags [none], win "
	    "0, length 0\n");
	printer_free(pr);

	o = (struct print_opts){.nflag = 1, .tflag = 2, .nano = true};
	pr = printer_new(&o);
	run_ns(pr, &ev, 1700000000, 123456000, line, sizeof(line));
	check_str(
	    "--nano", line,
	    "1700000000.123456000 IP 192.0.2.1.1111 > 198.51.100.2.2222: Flags [none], win 0, "
	    "length 0\n");
	printer_free(pr);
}

static void test_ether_vlan_quiet(void)
{
	static const struct tcp_spec s = {"192.0.2.1", "198.51.100.2", 40000, 443, 42,
					  0,	       0x02,	       65535, 0,   "020405b4"};
	struct print_opts o = {.nflag = 1, .tflag = 1, .eflag = 1};
	struct printer *pr = printer_new(&o);
	struct xs_event ev;
	char line[1024];

	tcp_event(&ev, &s);
	memcpy(ev.mac_dst, "\x02\x00\x00\x00\x00\x02", 6);
	memcpy(ev.mac_src, "\x02\x00\x00\x00\x00\x01", 6);
	ev.nvlan = 1;
	ev.etype[0] = htons(0x8100);
	ev.vlan_tci[0] = htons(0x6064); /* p 3, vid 100 */
	ev.etype[1] = htons(0x0800);
	ev.l3_off += 4;
	ev.l4_off += 4;
	ev.cap_len += 4;
	ev.wire_len = 62;
	run(pr, &ev, 0, 0, line, sizeof(line));
	check_str(
	    "-e vlan", line,
	    "02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802.1Q (0x8100), length 62: vlan "
	    "100, p 3, ethertype IPv4 (0x0800), 192.0.2.1.40000 > 198.51.100.2.443: Flags [S], "
	    "seq 42, win 65535, options [mss 1460], length 0\n");
	printer_free(pr);

	o = (struct print_opts){.nflag = 1, .tflag = 1, .qflag = 1};
	pr = printer_new(&o);
	ev.l4.tcp.flags = 0x18;
	ev.ip_len = htons(20 + 24 + 43);
	ev.wire_len = ev.cap_len = 18 + 20 + 24 + 43;
	run(pr, &ev, 0, 0, line, sizeof(line));
	check_str("-q", line, "IP 192.0.2.1.40000 > 198.51.100.2.443: tcp 43\n");
	printer_free(pr);
}

/*
 * --max-conns: two connections interleaved print tcpdump's lines while the table holds both;
 * with room for one, each evicts the other and comes back as new, its numbers absolute.
 */
static void test_flow_bound(void)
{
	static const struct tcp_spec seg[] = {
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5000, 0x10, 100, 0, NULL},
	    {"10.0.0.3", "10.0.0.2", 51001, 443, 7000, 3000, 0x10, 100, 0, NULL},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5010, 0x18, 100, 5, NULL},
	    {"10.0.0.3", "10.0.0.2", 51001, 443, 7000, 3010, 0x18, 100, 5, NULL},
	};
	static const char *const two[] = {
	    "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [.], ack 5000, win 100, length 0\n",
	    "IP 10.0.0.3.51001 > 10.0.0.2.443: Flags [.], ack 3000, win 100, length 0\n",
	    "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 0:5, ack 11, win 100, length 5\n",
	    "IP 10.0.0.3.51001 > 10.0.0.2.443: Flags [P.], seq 0:5, ack 11, win 100, length 5\n",
	};
	const char *const one[] = {
	    two[0],
	    two[1],
	    "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 9000:9005, ack 5010, win 100, "
	    "length 5\n",
	    "IP 10.0.0.3.51001 > 10.0.0.2.443: Flags [P.], seq 7000:7005, ack 3010, win 100, "
	    "length 5\n",
	};
	struct print_opts o = {.nflag = 1, .tflag = 1};

	expect_four("flows held, default bound", &o, seg, two); /* max_conns 0: the default */
	o.max_conns = 2;
	expect_four("flows held", &o, seg, two);
	o.max_conns = 1;
	expect_four("one flow", &o, seg, one);
}

/* The line's number and address writers (strbuf.h, without printf) against printf and
 * inet_ntop, on values at every digit count, and cut short by a buffer's end. */
static void test_number_writers(void)
{
	char got[96], want[96], tiny[5];
	struct strbuf sb;
	uint64_t v = 1;

	for (int i = 0; i < 400; i++, v = v * 7 + (uint64_t)i) {
		uint64_t x = i % 3 ? v % 10000000000ull : v;

		sb_init(&sb, got, sizeof(got));
		sb_putu(&sb, x);
		sb_putc(&sb, ' ');
		sb_putfrac(&sb, (uint32_t)(x % 2000000), 6);
		sb_putc(&sb, ' ');
		sb_putfrac(&sb, (uint32_t)(x % 2000000000), 9);
		sb_putc(&sb, ' ');
		sb_puthex(&sb, x, i % 5);
		got[sb.len] = 0;
		snprintf(want, sizeof(want), "%llu %06u %09u %0*llx", (unsigned long long)x,
			 (uint32_t)(x % 2000000), (uint32_t)(x % 2000000000), i % 5,
			 (unsigned long long)x);
		check_str("numbers", got, want);
	}
	for (int i = 0; i < 300; i++) {
		uint8_t a[16] = {0};

		for (int j = 0; j < 16; j++)
			a[j] = (i >> (j % 8) & 1) ? (uint8_t)(i * 31 + j * 17) : 0;
		if (i % 7 == 0)
			memcpy(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12);
		sb_init(&sb, got, sizeof(got));
		sb_put_ip6(&sb, a);
		sb_putc(&sb, ' ');
		sb_put_ip4(&sb, a + 12);
		got[sb.len] = 0;
		inet_ntop(AF_INET6, a, want, sizeof(want));
		strcat(want, " ");
		inet_ntop(AF_INET, a + 12, want + strlen(want), 16);
		check_str("addresses", got, want);
	}
	/* near the end: as much as fits, and full */
	sb_init(&sb, tiny, sizeof(tiny));
	sb_putu(&sb, 123456789);
	CHECK(sb.full && sb.len == 5 && !memcmp(tiny, "12345", 5), "sb_putu cut: %zu", sb.len);
	sb_init(&sb, tiny, sizeof(tiny));
	sb_put_ip4(&sb, (const uint8_t *)"\xc0\xa8\x01\x02");
	CHECK(sb.full && sb.len == 5 && !memcmp(tiny, "192.1", 5), "sb_put_ip4 cut: %zu", sb.len);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	test_conversation();
	test_midstream();
	test_time_and_number();
	test_ether_vlan_quiet();
	test_flow_bound();
	test_number_writers();
	return check_summary();
}
