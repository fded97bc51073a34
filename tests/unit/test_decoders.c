// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the decoders that read the frame's bytes (DNS, ICMP errors and their -v quote,
 * ICMPv6 neighbour discovery, ARP): frames parsed by the host parser and printed with their
 * bytes, against the records tcpdump 4.99.3 printed for them with -t -n and -t -v -n; and
 * the same events without bytes, which keep the generic form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "parse_host.h"
#include "print.h"

struct dcase {
	const char *name, *hex, *plain, *verbose;
};

static const struct dcase cases[] = {
    {"DNS query",
     "02000000000102000000000208004500004d00010000401164cf0ae700020ae700019c4000350039f63ee3fc01200"
     "001000000000001037765620474657374000001000100002904d000000000000c000a00080102030405060708",
     "IP 10.231.0.2.40000 > 10.231.0.1.53: 58364+ [1au] A? web.test. (49)\n",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 77)\n"
     "    10.231.0.2.40000 > 10.231.0.1.53: 58364+ [1au] A? web.test. (49)\n"},
    {"DNS answer (pointer)",
     "02000000000102000000000208004500004600010000401164d60ae700010ae7000200359c400032d0d6e3fc85800"
     "0010001000000000377656204746573740000010001c00c000100010000012c00040ae70005",
     "IP 10.231.0.1.53 > 10.231.0.2.40000: 58364* 1/0/0 A 10.231.0.5 (42)\n",
     "IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 70)\n"
     "    10.231.0.1.53 > 10.231.0.2.40000: 58364* 1/0/0 web.test. A 10.231.0.5 (42)\n"},
    {"port unreachable",
     "02000000000102000000000208004500003800070000400164ee0ae700010ae7000203036a0f000000004500004d0"
     "0010000401164cf0ae700020ae700019c4000350039f63e",
     "IP 10.231.0.1 > 10.231.0.2: ICMP 10.231.0.1 udp port 53 unreachable, length 36\n",
     "IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 56)\n"
     "    10.231.0.1 > 10.231.0.2: ICMP 10.231.0.1 udp port 53 unreachable, length 36\n"
     "\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto UDP (17), length 77)\n"
     "    10.231.0.2.40000 > 10.231.0.1.53:  [|domain]\n"},
    {"neighbour solicitation",
     "33330000000202000000000186dd6000000000203afffe800000000000000000000000000001ff020000000000000"
     "0000001ff00000287004b5f0000000020010db80000000000000000000000020101020000000001",
     "IP6 fe80::1 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has 2001:db8::2, length 32\n",
     "IP6 (hlim 255, next-header ICMPv6 (58) payload length: 32) fe80::1 > ff02::1:ff00:2: [icmp6 "
     "sum ok] ICMP6, neighbor solicitation, length 32, who has 2001:db8::2\n"
     "\t  source link-address option (1), length 8 (1): 02:00:00:00:00:01\n"},
    {"ARP request",
     "ffffffffffff020000000001080600010800060400010200000000010ae700020000000000000ae70001000000000"
     "000000000000000000000000000",
     "ARP, Request who-has 10.231.0.1 tell 10.231.0.2, length 46\n",
     "ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 10.231.0.1 tell 10.231.0.2, length "
     "46\n"},
};

/* The record of the frame, printed with -t -n, -v when verbose, its bytes when with_bytes. */
static void print_frame(const unsigned char *f, unsigned n, int verbose, int with_bytes, char *out,
			size_t outlen)
{
	struct print_opts o = {.nflag = 1, .tflag = 1, .vflag = verbose};
	struct printer *pr = printer_new(&o);
	struct pkt_info pi = {.wire_len = n, .cap_len = n, .data = with_bytes ? f : NULL};
	struct xs_event ev;
	struct strbuf sb;

	memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, &(struct xs_frame){.data = f, .end = f + n});
	ev.wire_len = n;
	sb_init(&sb, out, outlen - 1);
	print_packet(pr, &ev, &pi, NULL, &sb);
	out[sb.len] = '\0';
	printer_free(pr);
}

int main(void)
{
	unsigned char f[256];
	char line[2048];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned n = check_hex(cases[i].hex, f);

		print_frame(f, n, 0, 1, line, sizeof(line));
		check_str(cases[i].name, line, cases[i].plain);
		print_frame(f, n, 1, 1, line, sizeof(line));
		check_str(cases[i].name, line, cases[i].verbose);
	}
	/* A live event without bytes: the generic forms, as before these decoders. */
	print_frame(f, check_hex(cases[0].hex, f), 0, 0, line, sizeof(line));
	check_str("DNS without bytes", line,
		  "IP 10.231.0.2.40000 > 10.231.0.1.53: UDP, length 49\n");
	print_frame(f, check_hex(cases[2].hex, f), 0, 0, line, sizeof(line));
	check_str("unreachable without bytes", line,
		  "IP 10.231.0.1 > 10.231.0.2: ICMP unreachable, length 36\n");
	return check_summary();
}
