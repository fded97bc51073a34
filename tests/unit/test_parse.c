// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of include/parse.h on the host: hand-built frames parsed whole (every field
 * checked), then every truncated prefix of each (no read past the end, and the fields that
 * were captured agree with the whole parse). Built with ASan+UBSan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "parse_host.h"

struct frame {
	unsigned char b[512];
	unsigned len;
};

static void put(struct frame *f, const void *p, unsigned n)
{
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

static void put8(struct frame *f, unsigned v)
{
	f->b[f->len++] = (unsigned char)v;
}

static void put16(struct frame *f, unsigned v)
{
	put8(f, v >> 8);
	put8(f, v & 0xff);
}

static void put32(struct frame *f, unsigned v)
{
	put16(f, v >> 16);
	put16(f, v & 0xffff);
}

static void eth(struct frame *f, unsigned type)
{
	static const unsigned char macs[12] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};

	f->len = 0;
	put(f, macs, 12);
	put16(f, type);
}

static void ip4(struct frame *f, unsigned proto, unsigned payload, unsigned optlen)
{
	put8(f, 0x40 | (5 + optlen / 4));
	put8(f, 0x10);
	put16(f, 20 + optlen + payload);
	put16(f, 0x1234);
	put16(f, 0x4000);
	put8(f, 64);
	put8(f, proto);
	put16(f, 0xbeef);
	put32(f, 0xc0000201);
	put32(f, 0xc6336402);
	for (unsigned i = 0; i < optlen; i++)
		put8(f, 1); /* NOP options */
}

static void ip6(struct frame *f, unsigned nh, unsigned payload)
{
	put32(f, 0x60123456u);
	put16(f, payload);
	put8(f, nh);
	put8(f, 63);
	for (int i = 0; i < 2; i++) {
		put32(f, 0x20010db8);
		put32(f, 0);
		put32(f, 0);
		put32(f, (unsigned)i + 1);
	}
}

static const unsigned char syn_opts[20] = {2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0,
					   0, 1, 0, 0,	  0, 0, 1, 3,  3, 7};

static void tcp(struct frame *f, unsigned sport, unsigned flags, unsigned optlen)
{
	put16(f, sport);
	put16(f, 443);
	put32(f, 0xb147f950);
	put32(f, 0x3b9aca00);
	put8(f, (5 + optlen / 4) << 4);
	put8(f, flags);
	put16(f, 64240);
	put16(f, 0xabcd);
	put16(f, 7);
	put(f, syn_opts, optlen);
}

static void parse(struct xs_event *ev, const struct frame *f, unsigned len)
{
	memset(ev, 0, sizeof(*ev));
	xs_parse(ev, &(struct xs_frame){.data = f->b, .end = f->b + len});
}

/* A prefix parse may know less than the whole one, never something else. */
static void check_prefixes(const char *name, const struct frame *f)
{
	struct xs_event whole, part, counted;

	parse(&whole, f, f->len);
	for (unsigned n = 0; n < f->len; n++) {
		unsigned char *copy = malloc(n ? n : 1); /* exact size: ASan sees overreads */

		memcpy(copy, f->b, n);
		memset(&part, 0, sizeof(part));
		xs_parse(&part, &(struct xs_frame){.data = copy, .end = copy + n});
		/* Counting skips the tails' bytes, and must learn all the rest the same. */
		memset(&counted, 0, sizeof(counted));
		xs_parse(&counted,
			 &(struct xs_frame){.data = copy, .end = copy + n, .count_only = 1});
		free(copy);
		CHECK(!memcmp(&counted, &part, XS_EVENT_FIXED), "%s/%u: counting parse", name, n);
		CHECK(part.cap_len == n, "%s/%u: cap_len %u", name, n, part.cap_len);
		CHECK(n >= 14 || part.kind == XS_K_SHORT, "%s/%u: short frame kind %u", name, n,
		      part.kind);
		if (part.l4_cap >= 4 && part.kind == XS_K_TCP)
			CHECK(part.l4.tcp.sport == whole.l4.tcp.sport, "%s/%u: sport", name, n);
		if (part.l4_cap == 20 && part.kind == XS_K_TCP)
			CHECK(!memcmp(&part.l4, &whole.l4, 20), "%s/%u: tcp header", name, n);
		CHECK(part.l4x_len <= whole.l4x_len, "%s/%u: l4x %u > %u", name, n, part.l4x_len,
		      whole.l4x_len);
		CHECK(!memcmp(part.var + (xs_addr_len(&part) ? xs_addr_len(&whole) : 0),
			      whole.var + (xs_addr_len(&part) ? xs_addr_len(&whole) : 0),
			      part.l4x_len),
		      "%s/%u: tail bytes", name, n);
		CHECK(xs_event_size(&part) <= sizeof(part), "%s/%u: size", name, n);
		if (n < f->len && whole.stop == XS_S_OK && n >= (unsigned)whole.l4_off + 1 &&
		    whole.kind == XS_K_TCP)
			CHECK(part.stop != XS_S_OK, "%s/%u: cut frame not marked", name, n);
	}
}

static void test_ipv4_syn(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x0800);
	ip4(&f, 6, 40, 0);
	tcp(&f, 34348, 0x02, 20);
	parse(&ev, &f, f.len);
	CHECK(ev.version == XS_EVENT_VERSION, "version");
	CHECK(ev.kind == XS_K_TCP && ev.stop == XS_S_OK, "kind %u stop %u", ev.kind, ev.stop);
	CHECK(ev.l3_off == 14 && ev.l4_off == 34, "offsets %u %u", ev.l3_off, ev.l4_off);
	CHECK(ev.flags == XS_F_IP4, "flags %#x", ev.flags);
	CHECK(ev.mac_dst[5] == 2 && ev.mac_src[5] == 1, "macs");
	CHECK(ev.ip_vhl == 0x45 && ev.ip_tos == 0x10 && ev.ip_ttl == 64 && ev.ip_proto == 6,
	      "ip fields");
	CHECK(ev.ip_len == XS_BE16(60) && ev.ip_id == XS_BE16(0x1234) &&
		  ev.ip_frag == XS_BE16(0x4000) && ev.ip_csum == XS_BE16(0xbeef),
	      "ip words");
	CHECK(!memcmp(ev.var, "\xc0\x00\x02\x01\xc6\x33\x64\x02", 8), "addresses");
	CHECK(ev.l4_cap == 20 && ev.l4.tcp.flags == 0x02 && ev.l4.tcp.doff == 0xa0, "tcp");
	CHECK(ev.l4.tcp.sport == XS_BE16(34348) && ev.l4.tcp.win == XS_BE16(64240), "ports/win");
	CHECK(ev.l4x_len == 20 && !memcmp(ev.var + 8, syn_opts, 20), "options copied");
	CHECK(xs_event_size(&ev) == ((XS_EVENT_FIXED + 8 + 20 + 7) & ~7u), "size %u",
	      xs_event_size(&ev));
	check_prefixes("ipv4_syn", &f);
}

static void test_ipv4_options_and_frags(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x0800);
	ip4(&f, 6, 20, 8);
	tcp(&f, 1000, 0x10, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.l4_off == 42 && ev.kind == XS_K_TCP, "IHL 7: l4_off %u", ev.l4_off);
	/* The options, and XS_L3X_PAST bytes after them (tcpdump reads past a bad option). */
	CHECK(ev.l3x_cap == 8 + XS_L3X_PAST && ev.var[8 + XS_MAX_OPT] == 1 &&
		  ev.var[8 + XS_MAX_OPT + 8] == 1000 >> 8,
	      "ip options copied: %u", ev.l3x_cap);
	CHECK(xs_event_size(&ev) == ((XS_EVENT_FIXED + 8 + XS_MAX_OPT + 24 + 7) & ~7u), "size");
	check_prefixes("ipv4_opts", &f);

	/* A later fragment carries no TCP header. */
	f.b[14 + 6] = 0x00;
	f.b[14 + 7] = 0x10;
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_IP && (ev.flags & XS_F_LATER_FRAG), "later fragment");

	/* IHL < 5 */
	eth(&f, 0x0800);
	ip4(&f, 6, 20, 0);
	f.b[14] = 0x44;
	parse(&ev, &f, f.len);
	CHECK(ev.stop == XS_S_L3_BAD, "bad IHL: stop %u", ev.stop);
}

static void test_vlan_ipv6_ext(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x88a8);
	put16(&f, 0x000a);
	put16(&f, 0x8100);
	put16(&f, 0x3014);
	put16(&f, 0x86dd);
	ip6(&f, 0, 8 + 8 + 20);
	put8(&f, 44); /* hop-by-hop: next is fragment */
	put8(&f, 0);
	put16(&f, 0x0104); /* PadN */
	put32(&f, 0);
	put8(&f, 6); /* fragment: next is TCP, offset 0, M set */
	put8(&f, 0);
	put16(&f, 0x0001);
	put32(&f, 0xdeadbeef);
	tcp(&f, 50000, 0x12, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.nvlan == 2 && ev.vlan_tci[1] == XS_BE16(0x3014), "vlans %u", ev.nvlan);
	CHECK(ev.etype[0] == XS_BE16(0x88a8) && ev.etype[2] == XS_BE16(0x86dd), "etypes");
	CHECK(ev.l3_off == 22 && ev.l4_off == 22 + 40 + 16, "offsets %u %u", ev.l3_off, ev.l4_off);
	CHECK(ev.flags == (XS_F_IP6 | XS_F_FRAG), "flags %#x", ev.flags);
	CHECK(ev.frag_id == XS_BE16(0xdead) + ((__u32)XS_BE16(0xbeef) << 16), "frag id");
	CHECK(ev.ip_tos == 0x01 && ev.ip6_flow == __builtin_bswap32(0x60123456u), "class/flow");
	CHECK(ev.l3x_cap == 16 + XS_L3X_PAST && ev.var[32 + XS_MAX_OPT] == 44, "extension bytes");
	CHECK(ev.kind == XS_K_TCP && ev.l4_proto == 6 && ev.stop == XS_S_OK, "tcp found");
	check_prefixes("vlan_ipv6_ext", &f);

	/* Nine destination-options headers: walked to the end, their bytes past what the event
	 * holds. */
	eth(&f, 0x86dd);
	ip6(&f, 60, 9 * 8 + 20);
	for (int i = 0; i < 9; i++) {
		put8(&f, i == 8 ? 6 : 60);
		put8(&f, 0);
		put16(&f, 0x0104);
		put32(&f, 0);
	}
	tcp(&f, 1, 0x10, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.stop == XS_S_OK && ev.kind == XS_K_TCP && ev.l4_off == 14 + 40 + 72 &&
		  ev.l3x_cap == XS_MAX_L3X && (ev.flags & XS_F_HDRS),
	      "deep chain: stop %u kind %u l4_off %u", ev.stop, ev.kind, ev.l4_off);
	check_prefixes("deep_chain", &f);
}

/* An AH header (RFC 4302) of 24 bytes: next header, length 4 (words - 2), ... */
static void ah(struct frame *f, unsigned nh)
{
	put8(f, nh);
	put8(f, 4);
	put16(f, 0);
	put32(f, 0x1000); /* SPI */
	put32(f, 7); /* sequence */
	for (int i = 0; i < 12; i++)
		put8(f, 0xa0 + (unsigned)i); /* ICV */
}

/* tcpdump follows AH to the transport layer, over IPv4 and IPv6; after AH only AH. */
static void test_ah(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x0800);
	ip4(&f, 51, 24 + 20, 0);
	ah(&f, 6);
	tcp(&f, 1000, 0x10, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_TCP && ev.l4_off == 14 + 20 + 24 && ev.l4_proto == 6 &&
		  ev.l4.tcp.sport == XS_BE16(1000),
	      "v4 AH: kind %u l4_off %u", ev.kind, ev.l4_off);
	CHECK(ev.l3x_cap == 24 + XS_L3X_PAST && ev.var[8 + XS_MAX_OPT + 1] == 4, "v4 AH bytes %u",
	      ev.l3x_cap);
	check_prefixes("ah4", &f);

	eth(&f, 0x86dd);
	ip6(&f, 60, 8 + 24 + 24 + 20);
	put8(&f, 51); /* destination options, then two AH headers */
	put8(&f, 0);
	put16(&f, 0x0104);
	put32(&f, 0);
	ah(&f, 51);
	ah(&f, 6);
	tcp(&f, 2000, 0x12, 0);
	parse(&ev, &f, f.len);
	/* 56 bytes of headers and XS_L3X_PAST more: past what the event holds. */
	CHECK(ev.kind == XS_K_TCP && ev.l4_off == 14 + 40 + 56 && (ev.flags & XS_F_HDRS),
	      "v6 AH: kind %u l4_off %u flags %#x", ev.kind, ev.l4_off, ev.flags);
	check_prefixes("ah6", &f);

	/* A destination options header after AH is not walked: ip_demux_print() names it. */
	eth(&f, 0x86dd);
	ip6(&f, 51, 24 + 8 + 20);
	ah(&f, 60);
	put8(&f, 6);
	put8(&f, 0);
	put16(&f, 0x0104);
	put32(&f, 0);
	tcp(&f, 2000, 0x12, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_IP && ev.l4_proto == 60 && ev.l4_off == 14 + 40 + 24,
	      "DSTOPT after AH: kind %u proto %u", ev.kind, ev.l4_proto);

	/* ESP: its SPI and sequence number, for the printer. */
	eth(&f, 0x0800);
	ip4(&f, 50, 24, 0);
	for (int i = 0; i < 24; i++)
		put8(&f, 0x10 + (unsigned)i);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_IP && ev.l4_proto == 50 && ev.l3x_cap == XS_L3X_PAST &&
		  ev.var[8 + XS_MAX_OPT] == 0x10,
	      "ESP: proto %u l3x %u", ev.l4_proto, ev.l3x_cap);
	check_prefixes("esp4", &f);
}

/* Tags past the two the event holds: walked, and the frame's bytes travel with the record. */
static void test_vlan_stack(void)
{
	static const unsigned types[] = {0x88a8, 0x8100, 0x9200, 0x9100, 0x8100};
	struct frame f;
	struct xs_event ev;

	eth(&f, types[0]);
	for (unsigned i = 0; i < 5; i++) {
		put16(&f, 100 + i);
		put16(&f, i + 1 < 5 ? types[i + 1] : 0x0800);
	}
	ip4(&f, 6, 20, 0);
	tcp(&f, 3000, 0x02, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.nvlan == XS_MAX_VLAN && (ev.flags & XS_F_HDRS) && ev.l3_off == 14 + 20 &&
		  ev.etype_l3 == XS_BE16(0x0800),
	      "5 tags: nvlan %u l3_off %u flags %#x", ev.nvlan, ev.l3_off, ev.flags);
	CHECK(ev.kind == XS_K_TCP && ev.l4.tcp.sport == XS_BE16(3000), "5 tags: tcp");
	check_prefixes("vlan5", &f);

	/* 0x9200, a tag type tcpdump knows too. */
	eth(&f, 0x9200);
	put16(&f, 7);
	put16(&f, 0x86dd);
	ip6(&f, 6, 20);
	tcp(&f, 4000, 0x02, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.nvlan == 1 && ev.kind == XS_K_TCP && !(ev.flags & XS_F_HDRS), "0x9200: %u %u",
	      ev.nvlan, ev.kind);
}

static void test_other_protocols(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x0806);
	put16(&f, 1);
	put16(&f, 0x0800);
	put8(&f, 6);
	put8(&f, 4);
	put16(&f, 1);
	for (int i = 0; i < 20; i++)
		put8(&f, (unsigned)i);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_ARP && ev.l4x_len == 20 && ev.var[19] == 19, "arp");
	check_prefixes("arp", &f);

	eth(&f, 0x86dd);
	ip6(&f, 58, 32);
	put8(&f, 135);
	put8(&f, 0);
	put16(&f, 0);
	put32(&f, 0);
	for (int i = 0; i < 24; i++)
		put8(&f, 0x20 + (unsigned)i);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_ICMP6 && ev.l4x_len == 24 && ev.var[32] == 0x20, "icmp6 nd");

	eth(&f, 0x0800);
	ip4(&f, 17, 12, 0);
	put16(&f, 40000);
	put16(&f, 9999);
	put16(&f, 12);
	put16(&f, 0);
	put32(&f, 0);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_UDP && ev.l4.udp.len == XS_BE16(12), "udp");
	check_prefixes("udp", &f);

	eth(&f, 0x88b5);
	parse(&ev, &f, f.len);
	CHECK(ev.kind == XS_K_OTHER && ev.stop == XS_S_OK, "unknown ethertype");
}

static void test_tcp_malformed(void)
{
	struct frame f;
	struct xs_event ev;

	eth(&f, 0x0800);
	ip4(&f, 6, 20, 0);
	tcp(&f, 1, 0x10, 0);
	f.b[34 + 12] = 0x30; /* data offset 3 */
	parse(&ev, &f, f.len);
	CHECK(ev.stop == XS_S_L4_BAD && ev.l4_cap == 20, "doff < 5: stop %u", ev.stop);

	f.b[34 + 12] = 0xf0; /* 40 bytes of options declared, none there */
	parse(&ev, &f, f.len);
	CHECK(ev.stop == XS_S_OPT && ev.l4x_len == 0, "options missing: stop %u l4x %u", ev.stop,
	      ev.l4x_len);
}

int main(void)
{
	test_ipv4_syn();
	test_ipv4_options_and_frags();
	test_vlan_ipv6_ext();
	test_ah();
	test_vlan_stack();
	test_other_protocols();
	test_tcp_malformed();
	return check_summary();
}
