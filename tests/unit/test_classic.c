// SPDX-License-Identifier: GPL-2.0-only
/*
 * Golden tests of --classic (user/print/classic.c, and the shared printers' 3.7.2 words): frames
 * built byte by byte, parsed by the parser the kernel runs, summed as the kernel sums them for
 * -v, printed through print_packet(), and compared with
 * tcpdump 3.7-era lines: the seed article's own (../shared/seed/000_5b4903ae7c34fdd4.txt), the
 * examples of ../shared/TCPDUMP-FORMAT.md 1.18, and real 3.7 output quoted on linux-kernel in
 * 2001 and 2003. Host names come from this file's hosts fixture, and only when
 * tests/unit/run-classic.sh runs it in private namespaces (XS_NAMES_FIXTURE set); otherwise the
 * same lines are checked with -n, addresses and port numbers in place of the names.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "parse_host.h"
#include "print.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define PSH 0x08
#define ACK 0x10
#define URG 0x20
#define ECE 0x40
#define CWR 0x80
#define DF 0x4000
#define MF 0x2000

/* The article's SYN options: mss 1460, sackOK, timestamp 995173 0, nop, wscale 0. */
#define SYN_OPTS "020405b4 0402 080a000f2f6500000000 01 030300"

/* The fixture: the article's hosts and the 2003 IPv6 capture's. */
#define WINDBAG "192.0.2.10"
#define VENUS "198.51.100.20"
#define VENUS_EUAO "198.51.100.21"
#define SNAPCOUNT "2001:888:1036:0:208:a1ff:fe19:f0f1"
#define HUBERT "2001:888:1036:0:208:a1ff:fe19:f0f0"

static const char *const hosts[][2] = {
    {"venus.domain.com", VENUS}, {"venus.euao.com", VENUS_EUAO},
    {"windbag", WINDBAG},	 {"snapcount", SNAPCOUNT},
    {"hubert", HUBERT},
};

/* Service names as /etc/services has them, longest first. */
static const char *const ports[][2] = {{".pop3s", ".995"}, {".pop3", ".110"}, {".ssh", ".22"}};

static bool names_on;

/* One TCP segment; zero fields take the defaults noted. */
struct seg {
	const char *src, *dst;
	unsigned sport, dport;
	uint32_t seq, ack;
	unsigned flags, win, urg;
	unsigned paylen;
	unsigned frag; /* IPv4 flags and fragment offset */
	unsigned id, tos, ttl; /* ttl 0: 64; tos is the traffic class for IPv6 */
	uint32_t flow; /* IPv6 flow label */
	unsigned vlan; /* the TCI of an 802.1Q tag, 0 for none */
	const char *opts; /* TCP options, hex */
	const char *ipopts; /* IPv4 options, hex */
};

static const uint8_t mac_dst[6] = {0x00, 0xa0, 0xc9, 0x01, 0x02, 0x03};
static const uint8_t mac_src[6] = {0x00, 0x02, 0xb3, 0x04, 0x05, 0x06};

/* Hex digits into bytes; spaces between bytes are for the reader. */
static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i += 2)
		sum += (uint32_t)p[i] << 8 | (i + 1 < n ? p[i + 1] : 0);
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* The TCP pseudo header's sum: addresses, protocol, length (RFC 9293 3.1, RFC 8200 8.1). */
static uint32_t pseudo_sum(const uint8_t *ip, int is6, uint32_t len)
{
	return sum16(0, ip + (is6 ? 8 : 12), is6 ? 32 : 8) + 6 + (len >> 16) + (len & 0xffff);
}

/* An Ethernet frame with one TCP segment, its checksums right. Returns its length. */
static size_t build(uint8_t *f, const struct seg *s)
{
	uint8_t opt[40], ipopt[40], *ip, *tcp;
	unsigned optlen = check_hex(s->opts, opt), ipoptlen = check_hex(s->ipopts, ipopt);
	int is6 = strchr(s->src, ':') != NULL;
	unsigned iphl = is6 ? 40 : 20 + ipoptlen, tcplen = 20 + optlen + s->paylen, n = 12;

	memcpy(f, mac_dst, 6);
	memcpy(f + 6, mac_src, 6);
	if (s->vlan) {
		put16(f + 12, 0x8100);
		put16(f + 14, s->vlan);
		n = 16;
	}
	put16(f + n, is6 ? 0x86dd : 0x0800);
	ip = f + n + 2;
	memset(ip, 0, iphl);
	if (is6) {
		put32(ip, 6u << 28 | s->tos << 20 | s->flow);
		put16(ip + 4, tcplen);
		ip[6] = 6;
		ip[7] = (uint8_t)(s->ttl ? s->ttl : 64);
		inet_pton(AF_INET6, s->src, ip + 8);
		inet_pton(AF_INET6, s->dst, ip + 24);
	} else {
		ip[0] = (uint8_t)(0x40 | iphl / 4);
		ip[1] = (uint8_t)s->tos;
		put16(ip + 2, iphl + tcplen);
		put16(ip + 4, s->id);
		put16(ip + 6, s->frag);
		ip[8] = (uint8_t)(s->ttl ? s->ttl : 64);
		ip[9] = 6;
		inet_pton(AF_INET, s->src, ip + 12);
		inet_pton(AF_INET, s->dst, ip + 16);
		memcpy(ip + 20, ipopt, ipoptlen);
		put16(ip + 10, (uint16_t)~fold(sum16(0, ip, iphl)));
	}
	tcp = ip + iphl;
	put16(tcp, s->sport);
	put16(tcp + 2, s->dport);
	put32(tcp + 4, s->seq);
	put32(tcp + 8, s->ack);
	tcp[12] = (uint8_t)((5 + optlen / 4) << 4);
	tcp[13] = (uint8_t)s->flags;
	put16(tcp + 14, s->win);
	put16(tcp + 16, 0);
	put16(tcp + 18, s->urg);
	memcpy(tcp + 20, opt, optlen);
	memset(tcp + 20 + optlen, 'x', s->paylen);
	put16(tcp + 16, (uint16_t)~fold(sum16(pseudo_sum(ip, is6, tcplen), tcp, tcplen)));
	return n + 2 + iphl + tcplen;
}

/*
 * The event the kernel sends for the frame's first `cap` bytes: the parser's, and the sum
 * bpf/tcp_sum.h adds for -v when the whole segment is there.
 */
static void parse(struct xs_event *ev, const uint8_t *f, size_t len, size_t cap)
{
	uint32_t seg;

	if (cap > len)
		cap = len;
	memset(ev, 0, sizeof(*ev));
	xs_parse(ev, &(struct xs_frame){.data = f, .end = f + cap});
	ev->wire_len = (uint32_t)len;
	if (ev->kind != XS_K_TCP || (ev->flags & XS_F_FRAG) || ev->stop != XS_S_OK)
		return;
	seg = ntohs(ev->ip_len) + ((ev->flags & XS_F_IP6) ? 40u : 0u) - (ev->l4_off - ev->l3_off);
	if (seg < 20 || ev->l4_off + seg > cap)
		return;
	ev->l4_sum = htons(fold(sum16(pseudo_sum(f + ev->l3_off, (ev->flags & XS_F_IP6) != 0, seg),
				      f + ev->l4_off, seg)));
	ev->flags |= XS_F_SUM;
}

static void event_of(struct xs_event *ev, const struct seg *s, size_t cap)
{
	uint8_t f[2048];
	size_t len = build(f, s);

	parse(ev, f, len, cap);
}

static void event_hex(struct xs_event *ev, const char *hex)
{
	uint8_t f[2048];

	parse(ev, f, check_hex(hex, f), sizeof(f));
}

static const char *run(struct printer *pr, const struct xs_event *ev, int64_t sec, int64_t nsec)
{
	static char out[1024];
	struct pkt_info pi = {
	    .sec = sec, .nsec = nsec, .wire_len = ev->wire_len, .cap_len = ev->cap_len};
	struct strbuf sb;

	sb_init(&sb, out, sizeof(out) - 1);
	print_packet(pr, ev, &pi, NULL, &sb);
	out[sb.len] = '\0';
	return out;
}

static const char *seg_line(struct printer *pr, const struct seg *s, int64_t sec, int64_t nsec)
{
	struct xs_event ev;

	event_of(&ev, s, 2048);
	return run(pr, &ev, sec, nsec);
}

static struct printer *printer(struct print_opts o)
{
	struct printer *pr;

	o.classic = true;
	pr = printer_new(&o);

	if (!pr) {
		perror("printer_new");
		exit(2);
	}
	return pr;
}

/* A printer resolving names when the fixture is in place, else a -n one. */
static struct printer *named(struct print_opts o)
{
	o.nflag = !names_on;
	return printer(o);
}

static void replace_all(char *s, size_t cap, const char *from, const char *to)
{
	char tmp[1024], *p;

	while ((p = strstr(s, from))) {
		snprintf(tmp, sizeof(tmp), "%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
		snprintf(s, cap, "%s", tmp);
	}
}

/* `want` as it reads without names: the fixture's addresses and port numbers instead. */
static const char *numeric(const char *want)
{
	static char out[1024];

	snprintf(out, sizeof(out), "%s", want);
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		replace_all(out, sizeof(out), hosts[i][0], hosts[i][1]);
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		replace_all(out, sizeof(out), ports[i][0], ports[i][1]);
	return out;
}

/* An oracle line with names: as it is with the fixture, numeric without. */
static void expect_named(const char *what, const char *got, const char *want)
{
	check_str(what, got, names_on ? want : numeric(want));
}

/* ---- the seed article (its lines lost their "<...>" options to HTML stripping) ---- */

static const struct seg pop3[] = {
    {WINDBAG, VENUS, 34348, 110, 2974284112u, 0, SYN, 5840, .frag = DF},
    {VENUS, WINDBAG, 110, 34348, 2862911212u, 2974284113u, SYN | ACK, 5840, .frag = DF},
    {WINDBAG, VENUS, 34348, 110, 2974284113u, 2862911213u, ACK, 5840, .frag = DF},
    {WINDBAG, VENUS, 34348, 110, 2974284112u + 46, 2862911212u + 181, PSH | ACK, 5840, .paylen = 6,
     .frag = DF},
    {VENUS, WINDBAG, 110, 34348, 2862911212u + 181, 2974284112u + 52, PSH | ACK, 5840, .paylen = 57,
     .frag = DF},
};

static const char *const pop3_lines[] = {
    "15:04:49.050227 windbag.34348 > venus.domain.com.pop3: S 2974284112:2974284112(0) win "
    "5840 (DF)\n",
    "15:04:49.190076 venus.domain.com.pop3 > windbag.34348: S 2862911212:2862911212(0) ack "
    "2974284113 win 5840 (DF)\n",
    "15:04:49.190168 windbag.34348 > venus.domain.com.pop3: . ack 1 win 5840 (DF)\n",
    "15:04:49.548954 windbag.34348 > venus.domain.com.pop3: P 46:52(6) ack 181 win 5840 (DF)\n",
    "15:04:49.653945 venus.domain.com.pop3 > windbag.34348: P 181:238(57) ack 52 win 5840 "
    "(DF)\n",
};

static const int64_t pop3_usec[] = {50227, 190076, 190168, 548954, 653945};

static void test_article_pop3(void)
{
	/* The SYN, whose options the article explains one by one. */
	struct seg syn = pop3[0];
	struct printer *pr = named((struct print_opts){0});
	const char *got;

	for (size_t i = 0; i < sizeof(pop3) / sizeof(pop3[0]); i++)
		expect_named("article pop3",
			     seg_line(pr, &pop3[i], 1069513489, pop3_usec[i] * 1000),
			     pop3_lines[i]);
	/* "32:46(14) ack 70 win 5840 (DF)": a line's end, its -X dump lost. */
	got = seg_line(pr,
		       &(struct seg){WINDBAG, VENUS, 34348, 110, 2974284112u + 32, 2862911212u + 70,
				     PSH | ACK, 5840, .paylen = 14, .frag = DF},
		       1069513490, 0);
	CHECK(strlen(got) > 31 &&
		  !strcmp(got + strlen(got) - 31, "32:46(14) ack 70 win 5840 (DF)\n"),
	      "article's line end: %s", got);
	printer_free(pr);

	pr = named((struct print_opts){.tflag = 1});
	syn.opts = SYN_OPTS;
	expect_named("issue SYN", seg_line(pr, &syn, 0, 0),
		     "windbag.34348 > venus.domain.com.pop3: S 2974284112:2974284112(0) win 5840 "
		     "<mss 1460,sackOK,timestamp 995173 0,nop,wscale 0> (DF)\n");
	printer_free(pr);
}

/*
 * The pop3s handshake: its SYN goes to venus.euao.com, the rest to venus.domain.com, as the
 * article prints them; a third address gives exactly that (a bare SYN seeds nothing).
 */
static void test_article_pop3s(void)
{
	static const struct seg s[] = {
	    {WINDBAG, VENUS_EUAO, 34465, 995, 2698160498u, 0, SYN, 5840, .frag = DF},
	    {VENUS, WINDBAG, 995, 34465, 2694170013u, 2698160499u, SYN | ACK, 5840, .frag = DF},
	    {WINDBAG, VENUS, 34465, 995, 2698160499u, 2694170014u, ACK, 5840, .frag = DF},
	};
	static const char *const want[] = {
	    "16:10:05.054198 windbag.34465 > venus.euao.com.pop3s: S 2698160498:2698160498(0) win "
	    "5840 (DF)\n",
	    "16:10:05.171235 venus.domain.com.pop3s > windbag.34465: S 2694170013:2694170013(0) "
	    "ack "
	    "2698160499 win 5840 (DF)\n",
	    "16:10:05.171319 windbag.34465 > venus.domain.com.pop3s: . ack 1 win 5840 (DF)\n",
	};
	static const int64_t usec[] = {54198, 171235, 171319};
	struct printer *pr = named((struct print_opts){0});

	for (int i = 0; i < 3; i++)
		expect_named("article pop3s", seg_line(pr, &s[i], 1069517405, usec[i] * 1000),
			     want[i]);
	printer_free(pr);
}

/* ---- TCPDUMP-FORMAT.md 1.18's derived examples ---- */

static void test_derived(void)
{
	static const struct seg s[] = {
	    {WINDBAG, VENUS, 34348, 110, 2974284112u, 0, SYN, 5840, .opts = SYN_OPTS, .frag = DF},
	    {VENUS, WINDBAG, 110, 34348, 1000000000, 2974284113u, SYN | ACK, 5792,
	     .opts = "020405b4 0402 080a0000007b000f2f65 01 030300", .frag = DF},
	    {WINDBAG, VENUS, 34348, 110, 2974284113u, 1000000001, ACK, 5840,
	     .opts = "0101080a000f2f6f0000007b", .frag = DF},
	    {WINDBAG, VENUS, 34348, 110, 2974284158u, 1000000181, PSH | ACK, 5840, .paylen = 6,
	     .frag = DF},
	    {VENUS, WINDBAG, 110, 34348, 1000000001, 0, RST, 0, .frag = DF},
	};
	static const int64_t sec[] = {1044439501, 1044439501, 1044439501, 1044439502, 1044439503};
	static const int64_t usec[] = {123456, 133456, 133556, 0, 0};
	static const char *const want[] = {
	    "10:05:01.123456 windbag.34348 > venus.domain.com.pop3: S 2974284112:2974284112(0) win "
	    "5840 <mss 1460,sackOK,timestamp 995173 0,nop,wscale 0> (DF)\n",
	    "10:05:01.133456 venus.domain.com.pop3 > windbag.34348: S 1000000000:1000000000(0) ack "
	    "2974284113 win 5792 <mss 1460,sackOK,timestamp 123 995173,nop,wscale 0> (DF)\n",
	    "10:05:01.133556 windbag.34348 > venus.domain.com.pop3: . ack 1 win 5840 "
	    "<nop,nop,timestamp 995183 123> (DF)\n",
	    "10:05:02.000000 windbag.34348 > venus.domain.com.pop3: P 46:52(6) ack 181 win 5840 "
	    "(DF)\n",
	    "10:05:03.000000 venus.domain.com.pop3 > windbag.34348: R 1000000001:1000000001(0) win "
	    "0 "
	    "(DF)\n",
	};
	struct printer *pr = named((struct print_opts){0});

	for (int i = 0; i < 5; i++)
		expect_named("derived", seg_line(pr, &s[i], sec[i], usec[i] * 1000), want[i]);
	printer_free(pr);

	pr = named((struct print_opts){.vflag = 1});
	expect_named("derived -v", seg_line(pr, &s[0], sec[0], usec[0] * 1000),
		     "10:05:01.123456 windbag.34348 > venus.domain.com.pop3: S [tcp sum ok] "
		     "2974284112:2974284112(0) win 5840 <mss 1460,sackOK,timestamp 995173 0,nop,"
		     "wscale 0> (DF) (ttl 64, id 0, len 60)\n");
	printer_free(pr);
}

/* ---- real 3.7 output ---- */

/*
 * linux-kernel, 2001-12-13, "Re: TCP LAST-ACK state broken in 2.4.17-pre2", tcpdump -vv -n.
 * The connection's bases are seeded by a SYN-ACK the quote does not show; the data segments
 * were cut by the snapshot length, hence no sum on them.
 */
static void test_lkml_2001(void)
{
	const uint32_t a = 1234567890, b = 987654321;
	const struct seg s[] = {
	    {"10.0.5.3", "10.0.5.11", 3071, 1327, a + 254033, b + 1, PSH | ACK, 7300,
	     .opts = "080adcc9c46a0081f0660000", .paylen = 1448, .frag = DF, .id = 860, .ttl = 63},
	    {"10.0.5.11", "10.0.5.3", 1327, 3071, b + 1, a + 255481, ACK, 65160,
	     .opts = "0101080a008262dedcc9c46a", .frag = DF, .id = 30696},
	    {"10.0.5.3", "10.0.5.11", 3071, 1327, a + 255481, b + 1, FIN | PSH | ACK, 7300,
	     .opts = "080adce02db80081f0660000", .paylen = 520, .frag = DF, .id = 861, .ttl = 63},
	    {"10.0.5.11", "10.0.5.3", 1327, 3071, b + 1, a + 256002, FIN | ACK, 65160,
	     .opts = "0101080a00826311dce02db8", .frag = DF, .id = 30697},
	    {"10.0.5.3", "10.0.5.11", 3071, 1327, a + 255481, b + 1, FIN | PSH | ACK, 7300,
	     .opts = "080ade2692d90081f0660000", .paylen = 520, .frag = DF, .id = 863, .ttl = 63},
	    {"10.0.5.11", "10.0.5.3", 1327, 3071, b + 2, a + 256002, ACK, 65160,
	     .opts = "0101080a00826869de2692d9 0101050a4999e8cb4999ead4", .frag = DF, .id = 30698},
	};
	static const int64_t sec[] = {1008241917, 1008241917, 1008241917,
				      1008241917, 1008241931, 1008241931};
	static const int64_t usec[] = {149389, 149451, 661595, 661660, 340666, 340698};
	static const char *const want[] = {
	    "11:11:57.149389 10.0.5.3.3071 > 10.0.5.11.1327: P 254033:255481(1448) ack 1 win 7300 "
	    "<timestamp 3704210538 8515686,eol> (DF) (ttl 63, id 860, len 1500)\n",
	    "11:11:57.149451 10.0.5.11.1327 > 10.0.5.3.3071: . [tcp sum ok] 1:1(0) ack 255481 win "
	    "65160 <nop,nop,timestamp 8544990 3704210538> (DF) (ttl 64, id 30696, len 52)\n",
	    "11:11:57.661595 10.0.5.3.3071 > 10.0.5.11.1327: FP 255481:256001(520) ack 1 win 7300 "
	    "<timestamp 3705679288 8515686,eol> (DF) (ttl 63, id 861, len 572)\n",
	    "11:11:57.661660 10.0.5.11.1327 > 10.0.5.3.3071: F [tcp sum ok] 1:1(0) ack 256002 win "
	    "65160 <nop,nop,timestamp 8545041 3705679288> (DF) (ttl 64, id 30697, len 52)\n",
	    "11:12:11.340666 10.0.5.3.3071 > 10.0.5.11.1327: FP 255481:256001(520) ack 1 win 7300 "
	    "<timestamp 3727069913 8515686,eol> (DF) (ttl 63, id 863, len 572)\n",
	    "11:12:11.340698 10.0.5.11.1327 > 10.0.5.3.3071: . [tcp sum ok] 2:2(0) ack 256002 win "
	    "65160 <nop,nop,timestamp 8546409 3727069913,nop,nop,sack sack 1 {255481:256002} > "
	    "(DF) (ttl 64, id 30698, len 64)\n",
	};
	struct printer *pr = printer((struct print_opts){.nflag = 1, .vflag = 2});
	struct xs_event ev;

	event_of(
	    &ev,
	    &(struct seg){"10.0.5.11", "10.0.5.3", 1327, 3071, b, a + 1, SYN | ACK, 1, .paylen = 0},
	    2048);
	run(pr, &ev, 1008241900, 0);
	for (int i = 0; i < 6; i++) {
		event_of(&ev, &s[i], 100);
		check_str("linux-kernel 2001", run(pr, &ev, sec[i], usec[i] * 1000), want[i]);
	}
	printer_free(pr);
}

/*
 * linux-kernel, 2003-03-19, "[BUG] 2.5.65 ipv6 TCP checksum errors (capture attached)",
 * tcpdump -r file -v -v: the attached capture's frames, printed with names. The poster cut the
 * time stamps to "29.09"; -t leaves them out here. 3.7.2 summed in host order on x86, so the
 * bad sums read byte-swapped ("4f2" for 0xf204).
 */
static const char *const bad_csum_pcap[] = {
    "0008a119f0f000a0ccc8f25c86dd600000000028064020010888103600000208a1fffe19f0f1200108881036"
    "00000208a1fffe19f0f082800016a32851d200000000a002168002240000020405a00402080a00a31f9f0000"
    "000001030300",
    "00a0ccc8f25c0008a119f0f086dd600000000028064020010888103600000208a1fffe19f0f0200108881036"
    "00000208a1fffe19f0f1001682808f03badda32851d3a0121650eba10000020405a00402080a00a5cc1a00a3"
    "1f9f01030300",
    "0008a119f0f000a0ccc8f25c86dd600000000020064020010888103600000208a1fffe19f0f1200108881036"
    "00000208a1fffe19f0f082800016a32851d38f03bade801016801a2200000101080a00a31fa000a5cc1a",
    "00a0ccc8f25c0008a119f0f086dd600000000048064020010888103600000208a1fffe19f0f0200108881036"
    "00000208a1fffe19f0f1001682808f03badea32851d380181650680d00000101080a00a5cc1f00a31fa05353"
    "482d312e39392d4f70656e5353485f332e3570312044656269616e20313a332e3570312d350a",
    "00a0ccc8f25c0008a119f0f086dd600000000048064020010888103600000208a1fffe19f0f0200108881036"
    "00000208a1fffe19f0f1001682808f03badea32851d380181650680d00000101080a00a5cce800a31fa05353"
    "482d312e39392d4f70656e5353485f332e3570312044656269616e20313a332e3570312d350a",
    "00a0ccc8f25c0008a119f0f086dd600000000048064020010888103600000208a1fffe19f0f0200108881036"
    "00000208a1fffe19f0f1001682808f03badea32851d380181650680d00000101080a00a5cf0000a31fa05353"
    "482d312e39392d4f70656e5353485f332e3570312044656269616e20313a332e3570312d350a",
    "00a0ccc8f25c0008a119f0f086dd600000000048064020010888103600000208a1fffe19f0f0200108881036"
    "00000208a1fffe19f0f1001682808f03badea32851d380181650680d00000101080a00a5d30000a31fa05353"
    "482d312e39392d4f70656e5353485f332e3570312044656269616e20313a332e3570312d350a",
};

static const char *const bad_csum_lines[] = {
    "snapcount.33408 > hubert.ssh: S [tcp sum ok] 2737328594:2737328594(0) win 5760 <mss 1440,"
    "sackOK,timestamp 10690463 0,nop,wscale 0> (len 40, hlim 64)\n",
    "hubert.ssh > snapcount.33408: S [tcp sum ok] 2399386333:2399386333(0) ack 2737328595 win "
    "5712 <mss 1440,sackOK,timestamp 10865690 10690463,nop,wscale 0> (len 40, hlim 64)\n",
    "snapcount.33408 > hubert.ssh: . [tcp sum ok] 1:1(0) ack 1 win 5760 <nop,nop,timestamp "
    "10690464 10865690> (len 32, hlim 64)\n",
    "hubert.ssh > snapcount.33408: P [bad tcp cksum 4f2!] 1:41(40) ack 1 win 5712 "
    "<nop,nop,timestamp 10865695 10690464> (len 72, hlim 64)\n",
    "hubert.ssh > snapcount.33408: P [bad tcp cksum 3bf1!] 1:41(40) ack 1 win 5712 "
    "<nop,nop,timestamp 10865896 10690464> (len 72, hlim 64)\n",
    "hubert.ssh > snapcount.33408: P [bad tcp cksum 23ef!] 1:41(40) ack 1 win 5712 "
    "<nop,nop,timestamp 10866432 10690464> (len 72, hlim 64)\n",
    "hubert.ssh > snapcount.33408: P [bad tcp cksum 23eb!] 1:41(40) ack 1 win 5712 "
    "<nop,nop,timestamp 10867456 10690464> (len 72, hlim 64)\n",
};

static void test_lkml_2003_ipv6(void)
{
	struct printer *pr = named((struct print_opts){.tflag = 1, .vflag = 2});
	struct xs_event ev;

	for (size_t i = 0; i < sizeof(bad_csum_pcap) / sizeof(bad_csum_pcap[0]); i++) {
		event_hex(&ev, bad_csum_pcap[i]);
		expect_named("linux-kernel 2003 IPv6", run(pr, &ev, 1048077449, 96027000),
			     bad_csum_lines[i]);
	}
	printer_free(pr);
}

/* TCP/IP Illustrated vol. 1, 2nd ed., 13.6.1: a SYN to a closed port and its reset (-v -n). */
static void test_illustrated(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .vflag = 1});

	check_str(
	    "closed port SYN",
	    seg_line(pr,
		     &(struct seg){"127.0.0.1", "127.0.0.1", 32803, 9999, 3357881819u, 0, SYN,
				   32767, .opts = "0204400c 0402 080a0102905300000000 01 030300",
				   .frag = DF, .id = 42376, .tos = 0x10},
		     0, 0),
	    "127.0.0.1.32803 > 127.0.0.1.9999: S [tcp sum ok] 3357881819:3357881819(0) win 32767 "
	    "<mss 16396,sackOK,timestamp 16945235 0,nop,wscale 0> (DF) [tos 0x10]  (ttl 64, id "
	    "42376, len 60)\n");
	check_str(
	    "closed port RST",
	    seg_line(pr,
		     &(struct seg){"127.0.0.1", "127.0.0.1", 9999, 32803, 0, 3357881820u, RST | ACK,
				   0, .frag = DF, .tos = 0x10},
		     0, 0),
	    "127.0.0.1.9999 > 127.0.0.1.32803: R [tcp sum ok] 0:0(0) ack 3357881820 win 0 (DF) "
	    "[tos 0x10]  (ttl 64, id 0, len 40)\n");
	printer_free(pr);
}

/* ---- the rules of 1.18, one at a time (-n, -t) ---- */

#define SEG(fl, ...)                                                                               \
	(&(struct seg){"192.0.2.1", "198.51.100.2", 1111, 2222, 5, 6, fl, 7, .flow = 0,            \
		       __VA_ARGS__})
#define ADDRS "192.0.2.1.1111 > 198.51.100.2.2222: "

static void test_flags(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .Sflag = true});

	check_str("SYN-ACK", seg_line(pr, SEG(SYN | ACK), 0, 0), ADDRS "S 5:5(0) ack 6 win 7\n");
	check_str("bare RST", seg_line(pr, SEG(RST), 0, 0), ADDRS "R 5:5(0) win 7\n");
	check_str("FIN|PSH", seg_line(pr, SEG(FIN | PSH | ACK, .paylen = 3), 0, 0),
		  ADDRS "FP 5:8(3) ack 6 win 7\n");
	check_str("no flags", seg_line(pr, SEG(0), 0, 0), ADDRS ". win 7\n");
	check_str("URG", seg_line(pr, SEG(URG | ACK, .urg = 9), 0, 0),
		  ADDRS ". ack 6 win 7 urg 9\n");
	check_str("ECN SYN", seg_line(pr, SEG(SYN | ECE | CWR), 0, 0), ADDRS "SWE 5:5(0) win 7\n");
	check_str("all eight", seg_line(pr, SEG(0xff, .urg = 9), 0, 0),
		  ADDRS "SFRPWE 5:5(0) ack 6 win 7 urg 9\n");
	printer_free(pr);

	pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .vflag = 2});
	check_str("-vv pure ACK", seg_line(pr, SEG(ACK, .id = 7), 0, 0),
		  ADDRS ". [tcp sum ok] 5:5(0) ack 6 win 7 (ttl 64, id 7, len 40)\n");
	printer_free(pr);
}

/* TCPDUMP-FORMAT.md 1.8: mid-stream bases, and a new SYN-ACK re-seeding them. */
static void test_relative(void)
{
	static const struct seg mid[] = {
	    {"10.0.0.2", "10.0.0.1", 443, 51000, 5000, 9000, PSH | ACK, 100, .paylen = 10},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5010, ACK, 100, .paylen = 0},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 9000, 5010, PSH | ACK, 100, .paylen = 5},
	    {"10.0.0.2", "10.0.0.1", 443, 51000, 5010, 9005, PSH | ACK, 100, .paylen = 10},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 100, 0, SYN, 100, .paylen = 0},
	    {"10.0.0.2", "10.0.0.1", 443, 51000, 700, 101, SYN | ACK, 100, .paylen = 0},
	    {"10.0.0.1", "10.0.0.2", 51000, 443, 101, 701, ACK, 100, .paylen = 0},
	};
	static const char *const want[] = {
	    "10.0.0.2.443 > 10.0.0.1.51000: P 5000:5010(10) ack 9000 win 100\n",
	    "10.0.0.1.51000 > 10.0.0.2.443: . ack 10 win 100\n",
	    "10.0.0.1.51000 > 10.0.0.2.443: P 1:6(5) ack 10 win 100\n",
	    "10.0.0.2.443 > 10.0.0.1.51000: P 10:20(10) ack 6 win 100\n",
	    "10.0.0.1.51000 > 10.0.0.2.443: S 100:100(0) win 100\n",
	    "10.0.0.2.443 > 10.0.0.1.51000: S 700:700(0) ack 101 win 100\n",
	    "10.0.0.1.51000 > 10.0.0.2.443: . ack 1 win 100\n",
	};
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1});

	for (int i = 0; i < 7; i++)
		check_str("relative", seg_line(pr, &mid[i], 0, 0), want[i]);
	printer_free(pr);

	pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .Sflag = true});
	check_str("-S", seg_line(pr, &mid[1], 0, 0),
		  "10.0.0.1.51000 > 10.0.0.2.443: . ack 5010 win 100\n");
	printer_free(pr);
}

static const char *opt_line(struct printer *pr, const char *opts, unsigned flags, size_t cut)
{
	struct xs_event ev;

	event_of(&ev, SEG(flags, .opts = opts), 54 + strlen(opts) / 2 - cut);
	return run(pr, &ev, 0, 0);
}

static void test_options(void)
{
	static const struct {
		const char *opts;
		size_t cut; /* option bytes not captured */
		const char *want;
	} t[] = {
	    {"0606000000010706000000020b06000000030c06000000040d06000000050101", 0,
	     "<echo 1,echoreply 2,cc 3,ccnew 4,ccecho 5,nop,nop>"},
	    {"6304dead01010101", 0, "<opt-99:dead,nop,nop,nop,nop>"},
	    {"020305b4", 0, "<mss 1460[len 3]>"},
	    {"02010000", 0, "<[bad opt]>"},
	    {"020405b402090000", 0, "<mss 1460,[bad opt]>"},
	    {"0101080a000f2f6f0000007b", 4, "<nop,nop,timestamp 995183[|tcp]>"},
	    {"020405b404020000", 4, "<mss 1460,[|tcp]>"},
	    {"0101050600000001", 0, "<nop,nop,sack malformed sack >"},
	    {"0101051200000064000000c80000012c00000190", 0,
	     "<nop,nop,sack sack 2 {100:200}{300:400} >"},
	    {"00010101", 0, "<eol>"},
	    {"03030e00", 0, "<wscale 14,eol>"},
	};
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .Sflag = true});
	char want[256];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(want, sizeof(want), ADDRS ". ack 6 win 7 %s\n", t[i].want);
		check_str(t[i].opts, opt_line(pr, t[i].opts, ACK, t[i].cut), want);
	}
	printer_free(pr);
}

/* Cut headers: 3.7.2 has no longjmp, so the IP trailer follows whatever stopped the TCP text. */
static void test_truncation(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1});
	uint8_t f[128];
	struct xs_event ev;
	size_t len = build(f, SEG(ACK, .frag = DF));

	parse(&ev, f, len, 14 + 20 + 10);
	check_str("cut header", run(pr, &ev, 0, 0), ADDRS "[|tcp] (DF)\n");
	parse(&ev, f, len, 14 + 20 + 2);
	check_str("cut ports", run(pr, &ev, 0, 0), "192.0.2.1 > 198.51.100.2: [|tcp] (DF)\n");
	parse(&ev, f, len, 14 + 10);
	check_str("cut IP", run(pr, &ev, 0, 0), "[|ip]\n");
	parse(&ev, f, len, 10);
	check_str("cut Ethernet", run(pr, &ev, 0, 0), "[|ether]\n");
	f[14 + 20 + 12] = 0xf0;
	parse(&ev, f, len, len);
	check_str("bad hdr length", run(pr, &ev, 0, 0), ADDRS ". [bad hdr length] (DF)\n");
	printer_free(pr);
}

static void test_ip_trailer(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .Sflag = true});
	struct xs_event ev;
	uint8_t f[128];
	size_t len;

	check_str("first fragment",
		  seg_line(pr, SEG(PSH | ACK, .paylen = 28, .frag = MF, .id = 999), 0, 0),
		  ADDRS "P 5:33(28) ack 6 win 7 (frag 999:48@0+)\n");
	check_str("middle fragment",
		  seg_line(pr, SEG(ACK, .paylen = 28, .frag = MF | 6, .id = 999), 0, 0),
		  "192.0.2.1 > 198.51.100.2: (frag 999:48@48+)\n");
	check_str("last fragment", seg_line(pr, SEG(ACK, .frag = 12, .id = 999), 0, 0),
		  "192.0.2.1 > 198.51.100.2: (frag 999:20@96)\n");
	check_str("tos", seg_line(pr, SEG(ACK, .tos = 0x10), 0, 0),
		  ADDRS ". ack 6 win 7 [tos 0x10] \n");
	check_str("ECT(1)", seg_line(pr, SEG(ACK, .tos = 0x01), 0, 0),
		  ADDRS ". ack 6 win 7 [tos 0x1,ECT(1)] \n");
	check_str("ECT(0)", seg_line(pr, SEG(ACK, .tos = 0xb8 | 2), 0, 0),
		  ADDRS ". ack 6 win 7 [tos 0xba,ECT(0)] \n");
	check_str("CE", seg_line(pr, SEG(ACK, .tos = 0x03, .frag = DF), 0, 0),
		  ADDRS ". ack 6 win 7 (DF) [tos 0x3,CE] \n");
	check_str("ttl 1", seg_line(pr, SEG(ACK, .ttl = 1), 0, 0), ADDRS ". ack 6 win 7 [ttl 1]\n");
	printer_free(pr);

	pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .vflag = 1, .Sflag = true});
	check_str("-v ttl 1", seg_line(pr, SEG(ACK, .ttl = 1, .id = 5), 0, 0),
		  ADDRS ". [tcp sum ok] ack 6 win 7 [ttl 1] (id 5, len 40)\n");
	check_str("-v later fragment",
		  seg_line(pr, SEG(ACK, .paylen = 28, .frag = MF | 6, .id = 9), 0, 0),
		  "192.0.2.1 > 198.51.100.2: (frag 9:48@48+) (ttl 64, len 68)\n");
	check_str("-v IP options",
		  seg_line(pr, SEG(ACK, .ipopts = "01070704c0000201 94040000 01000000"), 0, 0),
		  ADDRS ". [tcp sum ok] ack 6 win 7 (ttl 64, id 0, len 56, optlen=16 NOP "
			"RR{#192.0.2.1} RA NOP EOL-2)\n");
	check_str("-v TS option",
		  seg_line(pr, SEG(ACK, .ipopts = "440c0d01c000020100000064 88040000"), 0, 0),
		  ADDRS ". [tcp sum ok] ack 6 win 7 (ttl 64, id 0, len 56, optlen=16 "
			"TS{TS+ADDR 100@192.0.2.1 ^ } IPOPT-136{4})\n");
	check_str("-v short RR", seg_line(pr, SEG(ACK, .ipopts = "07020000"), 0, 0),
		  ADDRS
		  ". [tcp sum ok] ack 6 win 7 (ttl 64, id 0, len 44, optlen=4 RR{ [bad length 2] "
		  "[bad ptr 0]} EOL-1)\n");
	len = build(f, SEG(ACK, .id = 1));
	f[14 + 10] ^= 0x10;
	parse(&ev, f, len, len);
	CHECK(strstr(run(pr, &ev, 0, 0), ", id 1, len 40, bad cksum ") != NULL, "bad IP cksum: %s",
	      run(pr, &ev, 0, 0));
	len = build(f, SEG(ACK));
	f[14 + 20 + 16] ^= 0x10;
	parse(&ev, f, len, len);
	CHECK(!strncmp(run(pr, &ev, 0, 0), ADDRS ". [bad tcp cksum ",
		       sizeof(ADDRS ". [bad tcp cksum ") - 1),
	      "bad TCP cksum: %s", run(pr, &ev, 0, 0));
	printer_free(pr);

	pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .vflag = 1, .Kflag = true});
	check_str("-K", seg_line(pr, SEG(ACK), 0, 0),
		  ADDRS ". ack 6 win 7 (ttl 64, id 0, len 40)\n");
	printer_free(pr);
}

static void test_link(void)
{
	struct seg syn = {WINDBAG,	    VENUS,     34348, 110, 2974284112u, 0, SYN, 5840,
			  .opts = SYN_OPTS, .frag = DF};
	struct printer *pr = named((struct print_opts){.tflag = 1, .eflag = 1});

	expect_named(
	    "-e", seg_line(pr, &syn, 0, 0),
	    "0:2:b3:4:5:6 0:a0:c9:1:2:3 ip 74: windbag.34348 > venus.domain.com.pop3: S "
	    "2974284112:2974284112(0) win 5840 <mss 1460,sackOK,timestamp 995173 0,nop,wscale "
	    "0> (DF)\n");
	syn.vlan = 0x6064;
	expect_named("-e 802.1Q", seg_line(pr, &syn, 0, 0),
		     "0:2:b3:4:5:6 0:a0:c9:1:2:3 8100 78: 802.1Q vlan#100 P3 windbag.34348 > "
		     "venus.domain.com.pop3: S 2974284112:2974284112(0) win 5840 <mss 1460,sackOK,"
		     "timestamp 995173 0,nop,wscale 0> (DF)\n");
	syn.vlan = 0x7064;
	syn.opts = NULL;
	printer_free(pr);

	pr = named((struct print_opts){.tflag = 1});
	expect_named("802.1Q", seg_line(pr, &syn, 0, 0),
		     "802.1Q vlan#100 P3 CFI windbag.34348 > venus.domain.com.pop3: S "
		     "2974284112:2974284112(0) win 5840 (DF)\n");
	printer_free(pr);

	pr = named((struct print_opts){.tflag = 1, .eflag = 1, .qflag = 1});
	syn.vlan = 0;
	expect_named("-e -q", seg_line(pr, &syn, 0, 0),
		     "0:2:b3:4:5:6 0:a0:c9:1:2:3 54: windbag.34348 > venus.domain.com.pop3: tcp 0 "
		     "(DF)\n");
	printer_free(pr);

	pr = named((struct print_opts){.tflag = 1, .qflag = 2});
	expect_named("-qq", seg_line(pr, &syn, 0, 0),
		     "windbag.34348 > venus.domain.com.pop3: tcp 0\n");
	printer_free(pr);
}

/* Not TCP: 3.7.2's frame around the 4.99 printers' text. */
static void test_other(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1});
	struct xs_event ev;
	uint8_t f[60];

	event_hex(&ev,
		  "00a0c90102030002b30405060800450000210000400040114e7ac000020ac63364149c40270f0"
		  "00d000068656c6c6f");
	check_str("UDP", run(pr, &ev, 0, 0),
		  "192.0.2.10.40000 > 198.51.100.20.9999: UDP, length 5 (DF)\n");
	event_hex(&ev,
		  "00a0c90102030002b30405060800450000200000400040014e8bc000020ac6336414080018ec0"
		  "042000170696e67");
	check_str("ICMP", run(pr, &ev, 0, 0),
		  "192.0.2.10 > 198.51.100.20: ICMP echo request, id 66, seq 1, length 12 (DF)\n");
	event_hex(&ev,
		  "ffffffffffff0002b3040506080600010800060400010002b3040506c000020a000000000000c6"
		  "336414");
	check_str("ARP", run(pr, &ev, 0, 0),
		  "ARP, Request who-has 198.51.100.20 tell 192.0.2.10, length 28\n");
	memset(f, 0, sizeof(f));
	memcpy(f, mac_dst, 6);
	memcpy(f + 6, mac_src, 6);
	put16(f + 12, 0x88cc);
	parse(&ev, f, 60, 60);
	check_str("unknown ethertype", run(pr, &ev, 0, 0),
		  "0:2:b3:4:5:6 0:a0:c9:1:2:3 88cc 60: \n");
	event_hex(&ev,
		  "00a0c90102030002b304050686dd60000000001c3c4020010db8000000000000000000000001200"
		  "10db80000000000000000000000020600010400000000c3511f900000000100000000500203e80"
		  "0000000");
	check_str(
	    "IPv6 extension header", run(pr, &ev, 0, 0),
	    "2001:db8::1 > 2001:db8::2: DSTOPT 50001 > 8080: Flags [S], seq 1, win 1000, length "
	    "0\n");
	printer_free(pr);
}

static void test_ipv6(void)
{
	static const struct seg s = {
	    "2001:db8::1", "2001:db8::2", 50000,	   22,	    777, 0, SYN,
	    64800,	   .tos = 0x10,	  .flow = 0x12345, .ttl = 1};
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 1});

	check_str(
	    "IPv6", seg_line(pr, &s, 0, 0),
	    "2001:db8::1.50000 > 2001:db8::2.22: S 777:777(0) win 64800 [class 0x10] [flowlabel "
	    "0x12345] [hlim 1]\n");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .tflag = 1, .vflag = 1});
	check_str(
	    "IPv6 -v", seg_line(pr, &s, 0, 0),
	    "2001:db8::1.50000 > 2001:db8::2.22: S [tcp sum ok] 777:777(0) win 64800 [class 0x10] "
	    "[flowlabel 0x12345] [hlim 1] (len 20)\n");
	printer_free(pr);
}

/* ---- time stamps (util.c ts_print) ---- */

static void expect_ts(struct printer *pr, int64_t sec, int64_t nsec, const char *want)
{
	static const struct seg s = {"192.0.2.1", "198.51.100.2", 1111, 2222, .flags = 0};
	char line[128];

	snprintf(line, sizeof(line), "%s192.0.2.1.1111 > 198.51.100.2.2222: . win 0\n", want);
	check_str("time stamp", seg_line(pr, &s, sec, nsec), line);
}

static void test_time(void)
{
	struct printer *pr = printer((struct print_opts){.nflag = 1, .tflag = 2});

	expect_ts(pr, 1069513489, 50227000, "1069513489.050227 ");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .tflag = 3});
	expect_ts(pr, 1069513489, 50227000, "000000 ");
	expect_ts(pr, 1069513489, 190076000, "139849 ");
	expect_ts(pr, 1069513490, 190077000, "1. 000001 ");
	expect_ts(pr, 1069513489, 190078000, "-1. 000001 ");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .tflag = 5});
	expect_ts(pr, 1069513489, 50227000, "000000 ");
	expect_ts(pr, 1069513489, 190076000, "139849 ");
	expect_ts(pr, 1069513491, 50227000, "2. 000000 ");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .tflag = 4});
	expect_ts(pr, 1069513489, 50227000, "11/22/2003 15:04:49.050227 ");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .nano = true});
	expect_ts(pr, 1069513489, 50227123, "15:04:49.050227123 ");
	printer_free(pr);
	pr = printer((struct print_opts){.nflag = 1, .tflag = 3, .nano = true});
	expect_ts(pr, 1069513489, 50227123, "000000000 ");
	expect_ts(pr, 1069513490, 50227122, "999999999 ");
	printer_free(pr);
}

/*
 * 3.7.2 shifts every time stamp by the zone offset it found at start-up. Under a zone with DST
 * a winter and a summer packet therefore show the same offset, where 4.99's per-packet
 * localtime would differ by an hour. The offset is kept per process: a child of its own.
 */
static void test_zone_fixed(void)
{
	int status = 1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		time_t now = time(NULL);
		struct tm tm;
		struct printer *pr;
		char want[32];

		setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
		tzset();
		localtime_r(&now, &tm);
		pr = printer((struct print_opts){.nflag = 1});
		snprintf(want, sizeof(want), "%02ld:00:00.000000 ", 12 + tm.tm_gmtoff / 3600);
		expect_ts(pr, 1042632000, 0, want); /* 2003-01-15 12:00 UTC */
		expect_ts(pr, 1058270400, 0, want); /* 2003-07-15 12:00 UTC */
		printer_free(pr);
		fflush(stdout);
		_exit(failed != 0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "fixed zone offset (child status %d)", status);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--hosts")) {
		for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
			printf("%s %s\n", hosts[i][1], hosts[i][0]);
		return 0;
	}
	setenv("TZ", "UTC", 1);
	tzset();
	names_on = getenv("XS_NAMES_FIXTURE") != NULL;
	if (!names_on)
		printf("classic: names checked as -n (tests/unit/run-classic.sh checks them)\n");
	test_zone_fixed();
	test_article_pop3();
	test_article_pop3s();
	test_derived();
	test_lkml_2001();
	test_lkml_2003_ipv6();
	test_illustrated();
	test_flags();
	test_relative();
	test_options();
	test_truncation();
	test_ip_trailer();
	test_link();
	test_other();
	test_ipv6();
	test_time();
	return check_summary();
}
