// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit test for print_tcp_options(): option bytes in, tcpdump 4.99.3 text out. Every expected
 * string was produced by the real tcpdump (`TZ=UTC tcpdump -n -tt -r`) on a crafted
 * Ethernet/IPv4/TCP packet carrying the same option bytes, flags and capture length.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/tcpopt.h"
#include "strbuf.h"

#define ALL (~0u) /* the whole option area was captured */

struct tcase {
	const char *desc;
	const char *hex; /* the option area as the header declares it; its size is optlen */
	unsigned cap; /* bytes captured, ALL for optlen */
	uint8_t flags;
	uint32_t sack_base; /* ack - 1 of the packet: tcpdump's relative base for a new flow */
	const char *want;
	bool ret;
};

/* A case with payload after the options: cap counts its captured bytes too. */
struct pcase {
	struct tcase t;
	unsigned payload; /* the segment's payload length */
};

static const struct tcase cases[] = {
    {"mss", "020405b4", ALL, 0x02, 0u, ", options [mss 1460]", true},
    {"wscale", "01030307", ALL, 0x02, 0u, ", options [nop,wscale 7]", true},
    {"sackOK", "04020101", ALL, 0x02, 0u, ", options [sackOK,nop,nop]", true},
    {"syn typical", "020405b40402080a00bc614e0000000001030307", ALL, 0x02, 0u,
     ", options [mss 1460,sackOK,TS val 12345678 ecr 0,nop,wscale 7]", true},
    {"TS", "0101080a499602d23ade68b1", ALL, 0x10, 0u,
     ", options [nop,nop,TS val 1234567890 ecr 987654321]", true},
    {"sack 1 block base", "0101050a000003e9000007d0", ALL, 0x10, 1000u,
     ", options [nop,nop,sack 1 {1:1000}]", true},
    {"sack 2 blocks base", "01010512000003e9000007d00000000100000005", ALL, 0x10, 1000u,
     ", options [nop,nop,sack 2 {1:1000}{4294966297:4294966301}]", true},
    {"sack 3 blocks", "0101051a00000064000000c80000012c00000190000001f400000258", ALL, 0x10, 50u,
     ", options [nop,nop,sack 3 {50:150}{250:350}{450:550}]", true},
    {"sack 4 blocks", "0101052200000064000000c80000012c00000190000001f400000258000002bc00000320",
     ALL, 0x10, 50u, ", options [nop,nop,sack 4 {50:150}{250:350}{450:550}{650:750}]", true},
    {"sack no ack base0", "0101050a000003e9000007d0", ALL, 0x02, 0u,
     ", options [nop,nop,sack 1 {1001:2000}]", true},
    {"sack edges wrap mod 2^32", "0101050a00000005ffffff00", ALL, 0x10, 4294967040u,
     ", options [nop,nop,sack 1 {261:0}]", true},
    {"sack len 7: invalid sack", "0507010203040500", ALL, 0x10, 5u,
     ", options [sack invalid sack,eol]", true},
    {"sack len 2: zero blocks", "05020101", ALL, 0x10, 5u, ", options [sack 0 ,nop,nop]", true},
    {"sack len 3: invalid sack", "0503ff01", ALL, 0x10, 5u, ", options [sack invalid sack,nop]",
     true},
    {"eol stops", "020405b400020405", ALL, 0x02, 0u, ", options [mss 1460,eol]", true},
    {"eol first", "00010101", ALL, 0x02, 0u, ", options [eol]", true},
    {"eol eol", "00000000", ALL, 0x02, 0u, ", options [eol]", true},
    {"nop", "01010101", ALL, 0x10, 0u, ", options [nop,nop,nop,nop]", true},
    {"md5", "010113120102030405060708090a0b0c0d0e0f10", ALL, 0x18, 0u,
     ", options [nop,nop,md5 shared secret not supplied with -M, can't check - "
     "0102030405060708090a0b0c0d0e0f10]",
     true},
    {"md5 bad len", "13140102030405060708090a0b0c0d0e0f100101", ALL, 0x18, 0u,
     ", options [md5 shared secret not supplied with -M, can't check - "
     "0102030405060708090a0b0c0d0e0f10[len 20],nop,nop]",
     true},
    {"md5 short len", "13100102030405060708090a0b0c0d0e0f100101", ALL, 0x18, 0u,
     ", options [md5 shared secret not supplied with -M, can't check - "
     "0102030405060708090a0b0c0d0e0f10[len 16],nop,nop]",
     true},
    {"tcp-ao no mac", "1d040506", ALL, 0x18, 0u, ", options [tcp-ao keyid 5 rnextkeyid 6]", true},
    {"tcp-ao mac", "1d0a0102a1a2a3a4a5a60101", ALL, 0x18, 0u,
     ", options [tcp-ao keyid 1 rnextkeyid 2 mac 0xa1a2a3a4a5a6,nop,nop]", true},
    {"tcp-ao len 3", "1d030701", ALL, 0x18, 0u, ", options [tcp-ao (invalid),nop]", true},
    {"tcp-ao len 2", "1d020101", ALL, 0x18, 0u, ", options [tcp-ao (invalid),nop,nop]", true},
    {"mptcp capable v1 len4 syn", "1e040181", ALL, 0x02, 0u, ", options [mptcp 4 capable v1 csum]",
     true},
    {"mptcp capable v0 len12 syn", "01011e0c008101020304050607080000", ALL, 0x02, 0u,
     ", options [nop,nop,mptcp 12 capable v0 csum {0x102030405060708},eol]", true},
    {"mptcp capable v1 len12 synack", "1e0c0101010203040506070800000000", ALL, 0x12, 0u,
     ", options [mptcp 12 capable v1 {0x102030405060708},eol]", true},
    {"mptcp capable len20 ack", "1e14000101020304050607081112131415161718", ALL, 0x10, 0u,
     ", options [mptcp 20 capable v0 {0x102030405060708,0x1112131415161718}]", true},
    {"mptcp capable len22 ack", "1e1601010102030405060708111213141516171800100101", ALL, 0x18, 0u,
     ", options [mptcp 22 capable v1 {0x102030405060708,0x1112131415161718},nop,nop]", true},
    {"mptcp capable len22 csum", "1e1601810102030405060708111213141516171800100101", ALL, 0x18, 0u,
     ", options [mptcp 22 capable v1 csum {0x102030405060708,0x1112131415161718},nop,nop]", true},
    {"mptcp capable len24 ack", "1e180101010203040506070811121314151617180010abcd", ALL, 0x18, 0u,
     ", options [mptcp 24 capable[bad opt]", false},
    {"mptcp capable len12 noSYN", "1e0c0081010203040506070801010101", ALL, 0x10, 0u,
     ", options [mptcp 12 capable[bad opt]", false},
    {"mptcp capable len20 synack", "1e14000101020304050607081112131415161718", ALL, 0x12, 0u,
     ", options [mptcp 20 capable[bad opt]", false},
    {"mptcp capable len4 ack", "1e040081", ALL, 0x10, 0u, ", options [mptcp 4 capable[bad opt]",
     false},
    {"mptcp capable v2", "1e0c0281010203040506070801010101", ALL, 0x02, 0u,
     ", options [mptcp 12 capable Unknown Version (2),nop,nop,nop,nop]", true},
    {"mptcp capable vF flags", "1e040fff", ALL, 0x02, 0u,
     ", options [mptcp 4 capable Unknown Version (15)]", true},
    {"mptcp capable len 5: bad opt", "1e05000100010101", ALL, 0x02, 0u,
     ", options [mptcp 5 capable[bad opt]", false},
    {"mptcp join syn", "1e0c110301020304a1b2c3d4", ALL, 0x02, 0u,
     ", options [mptcp 12 join backup id 3 token 0x1020304 nonce 0xa1b2c3d4]", true},
    {"mptcp join syn nobackup", "1e0c10020000000000000001", ALL, 0x02, 0u,
     ", options [mptcp 12 join id 2 token 0x0 nonce 0x1]", true},
    {"mptcp join synack", "1e10100101020304050607080a0b0c0d", ALL, 0x12, 0u,
     ", options [mptcp 16 join id 1 hmac 0x102030405060708 nonce 0xa0b0c0d]", true},
    {"mptcp join synack but syn only", "1e10100101020304050607080a0b0c0d", ALL, 0x02, 0u,
     ", options [mptcp 16 join[bad opt]", false},
    {"mptcp join ack", "1e181000000102030405060708090a0b0c0d0e0f10111213", ALL, 0x10, 0u,
     ", options [mptcp 24 join hmac 0x000102030405060708090a0b0c0d0e0f10111213]", true},
    {"mptcp join ack len 24 synack", "1e181000000102030405060708090a0b0c0d0e0f10111213", ALL, 0x12,
     0u, ", options [mptcp 24 join hmac 0x000102030405060708090a0b0c0d0e0f10111213]", true},
    {"mptcp join len 13", "1e0d1100010203040506070809010101", ALL, 0x02, 0u,
     ", options [mptcp 13 join[bad opt]", false},
    {"mptcp dss ack4", "1e0820010a0b0c0d", ALL, 0x10, 0u, ", options [mptcp 8 dss ack 168496141]",
     true},
    {"mptcp dss ack8", "1e0c20030102030405060708", ALL, 0x10, 0u,
     ", options [mptcp 12 dss ack 72623859790382856]", true},
    {"mptcp dss ack8 dsn8 too short: bad opt",
     "01011e16200f01020304050607081112131415161718000000010010", ALL, 0x10, 0u,
     ", options [nop,nop,mptcp 22 dss ack 72623859790382856 seq 1230066625199609624[bad opt]]",
     false},
    {"mptcp dss ack4 dsn4 csum", "1e1420050000000100000002000000030004abcd", ALL, 0x10, 0u,
     ", options [mptcp 20 dss ack 1 seq 2 subseq 3 len 4 csum 0xabcd]", true},
    {"mptcp dss dsn4 only", "1e0e2004000000070000000800090101", ALL, 0x10, 0u,
     ", options [mptcp 14 dss seq 7 subseq 8 len 9,nop,nop]", true},
    {"mptcp dss fin", "1e0e2014000000070000000800010101", ALL, 0x11, 0u,
     ", options [mptcp 14 dss fin seq 7 subseq 8 len 1,nop,nop]", true},
    {"mptcp dss fin only", "1e042010", ALL, 0x11, 0u, ", options [mptcp 4 dss fin]", true},
    {"mptcp dss no flags", "1e042000", ALL, 0x10, 0u, ", options [mptcp 4 dss]", true},
    {"mptcp dss syn", "1e0820010a0b0c0d", ALL, 0x12, 0u, ", options [mptcp 8 dss[bad opt]", false},
    {"mptcp dss leftover", "1e0a20010a0b0c0d01010101", ALL, 0x10, 0u,
     ", options [mptcp 10 dss ack 168496141[bad opt]", false},
    {"mptcp dss short ack8", "1e0820030a0b0c0d", ALL, 0x10, 0u,
     ", options [mptcp 8 dss ack [bad opt]", false},
    {"mptcp dss len 12 with mapping: bad opt", "1e0c20040000000100020101", ALL, 0x10, 0u,
     ", options [mptcp 12 dss seq 1 subseq 131329[bad opt]", false},
    {"mptcp dss without csum", "1e0e2004000000010000000200010101", ALL, 0x10, 0u,
     ", options [mptcp 14 dss seq 1 subseq 2 len 1,nop,nop]", true},
    {"mptcp dss odd csum", "1e13200400000001000000020003abcdef010101", ALL, 0x10, 0u,
     ", options [mptcp 19 dss seq 1 subseq 2 len 3 csum 0xabcd[bad opt]", false},
    {"mptcp dss len3", "1e032001", ALL, 0x10, 0u, ", options [mptcp 3 dss[bad opt]", false},
    {"mptcp add-addr v1 ip4", "1e083001c0a80001", ALL, 0x10, 0u,
     ", options [mptcp 8 add-addr v1 id 1 192.168.0.1]", true},
    {"mptcp add-addr v1 ip4 port", "1e0a30020a0000011f900101", ALL, 0x10, 0u,
     ", options [mptcp 10 add-addr v1 id 2 10.0.0.1:8080,nop,nop]", true},
    {"mptcp add-addr v1 ip4 hmac", "1e103001c0a888e1669928744366716c", ALL, 0x10, 0u,
     ", options [mptcp 16 add-addr v1 id 1 192.168.136.225 hmac 0x669928744366716c]", true},
    {"mptcp add-addr v1-echo ip4 port hmac", "1e123101c0a888e1005000000000000000010101", ALL, 0x10,
     0u, ", options [mptcp 18 add-addr v1-echo id 1 192.168.136.225:80 hmac 0x1,nop,nop]", true},
    {"mptcp add-addr v0 ip4", "1e0834040a000002", ALL, 0x10, 0u,
     ", options [mptcp 8 add-addr v0-ip4 id 4 10.0.0.2]", true},
    {"mptcp add-addr v0 ip6", "1e14360620010db8000000000000000000000001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v0-ip6 id 6 2001:db8::1]", true},
    {"mptcp add-addr v1 ip6 port", "1e163003fe800000000000000202b3fffe1e83291f900101", ALL, 0x10,
     0u, ", options [mptcp 22 add-addr v1 id 3 fe80::202:b3ff:fe1e:8329:8080,nop,nop]", true},
    {"mptcp add-addr v1 ip6 hmac", "1e1c300400000000000000000000ffff0a0000010102030405060708", ALL,
     0x10, 0u, ", options [mptcp 28 add-addr v1 id 4 ::ffff:10.0.0.1 hmac 0x102030405060708]",
     true},
    {"mptcp add-addr v1 ip6 port hmac",
     "1e1e3005000000000000000000000000010203040050a1a2a3a4a5a6a7a80101", ALL, 0x10, 0u,
     ", options [mptcp 30 add-addr v1 id 5 ::1.2.3.4:80 hmac 0xa1a2a3a4a5a6a7a8,nop,nop]", true},
    {"mptcp add-addr ip6 allzero", "1e14300600000000000000000000000000000000", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 ::]", true},
    {"mptcp add-addr ip6 trailing zeros", "1e14300620010db8000100000000000000000000", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 2001:db8:1::]", true},
    {"mptcp add-addr ip6 two runs", "1e14300620010000000000010000000000000001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 2001:0:0:1::1]", true},
    {"mptcp add-addr ip6 single zero", "1e14300620010db8000000010001000100010001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 2001:db8:0:1:1:1:1:1]", true},
    {"mptcp add-addr ip6 ::1", "1e14300600000000000000000000000000000001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 ::1]", true},
    {"mptcp add-addr bad ver", "1e0833030a000001", ALL, 0x10, 0u,
     ", options [mptcp 8 add-addr [bad version/echo] id 3 10.0.0.1]", true},
    {"mptcp add-addr echo", "1e0831010a000001", ALL, 0x10, 0u,
     ", options [mptcp 8 add-addr v1-echo id 1 10.0.0.1]", true},
    {"mptcp add-addr bad len", "1e0c30010a00000101020304", ALL, 0x10, 0u,
     ", options [mptcp 12 add-addr[bad opt]", false},
    {"mptcp rem-addr one", "1e044003", ALL, 0x10, 0u, ", options [mptcp 4 rem-addr id 3]", true},
    {"mptcp rem-addr three", "1e06400102030101", ALL, 0x10, 0u,
     ", options [mptcp 6 rem-addr id 1 2 3,nop,nop]", true},
    {"mptcp rem-addr len3", "1e034001", ALL, 0x10, 0u, ", options [mptcp 3 rem-addr[bad opt]",
     false},
    {"mptcp prio backup id", "1e045101", ALL, 0x10, 0u, ", options [mptcp 4 prio backup id 1]",
     true},
    {"mptcp prio nonbackup len3", "1e035001", ALL, 0x10, 0u,
     ", options [mptcp 3 prio non-backup,nop]", true},
    {"mptcp prio bad len", "1e06500000000101", ALL, 0x10, 0u, ", options [mptcp 6 prio[bad opt]",
     false},
    {"mptcp fail", "1e0c60000000000000000102", ALL, 0x10, 0u, ", options [mptcp 12 fail seq 258]",
     true},
    {"mptcp fail bad len", "1e08600000000001", ALL, 0x10, 0u, ", options [mptcp 8 fail[bad opt]",
     false},
    {"mptcp fast-close", "1e0c70000d0e0a0d0b0e0e0f", ALL, 0x10, 0u,
     ", options [mptcp 12 fast-close key 0xd0e0a0d0b0e0e0f]", true},
    {"mptcp fast-close bad len", "1e047000", ALL, 0x10, 0u,
     ", options [mptcp 4 fast-close[bad opt]", false},
    {"mptcp sub8", "1e048001", ALL, 0x14, 0u, ", options [mptcp 4 unknown]", true},
    {"mptcp sub15", "1e06f00102030101", ALL, 0x10, 0u, ", options [mptcp 6 unknown,nop,nop]", true},
    {"mptcp len2", "1e020101", ALL, 0x10, 0u, ", options [mptcp[bad opt]", false},
    {"two mptcp", "1e103001c0a888e1669928744366716c1e08200100000001", ALL, 0x10, 0u,
     ", options [mptcp 16 add-addr v1 id 1 192.168.136.225 hmac 0x669928744366716c,mptcp 8 dss ack "
     "1]",
     true},
    {"tfo cookiereq", "22020101", ALL, 0x02, 0u, ", options [tfo  cookiereq,nop,nop]", true},
    {"tfo cookie 8", "220a01020304050607080101", ALL, 0x12, 0u,
     ", options [tfo  cookie 0102030405060708,nop,nop]", true},
    {"tfo cookie 4", "2206010203040101", ALL, 0x12, 0u, ", options [tfo  cookie 01020304,nop,nop]",
     true},
    {"tfo invalid odd", "2207010203040500", ALL, 0x12, 0u, ", options [tfo  (invalid),eol]", true},
    {"tfo invalid short", "22040102", ALL, 0x12, 0u, ", options [tfo  (invalid)]", true},
    {"tfo invalid long", "2214000102030405060708090a0b0c0d0e0f101101010101", ALL, 0x12, 0u,
     ", options [tfo  (invalid),nop,nop,nop,nop]", true},
    {"exp tfo cookiereq", "fe04f989", ALL, 0x02, 0u, ", options [exp-tfo cookiereq]", true},
    {"exp tfo cookie", "fe0cf989010203040506000001010101", ALL, 0x12, 0u,
     ", options [exp-tfo cookie 0102030405060000,nop,nop,nop,nop]", true},
    {"exp tfo invalid", "fe05f98901000000", ALL, 0x12, 0u, ", options [exp-tfo (invalid),eol]",
     true},
    {"exp acc0", "fe04acc0", ALL, 0x12, 0u, ", options [exp-acc0]", true},
    {"exp other with data", "fe08123401020304", ALL, 0x12, 0u, ", options [exp-1234]", true},
    {"exp len 3", "fe031201", ALL, 0x12, 0u, ", options [exp[bad opt]", false},
    {"exp len 2", "fe020101", ALL, 0x12, 0u, ", options [exp[bad opt]", false},
    {"kind 253 is not exp", "fd041234", ALL, 0x12, 0u, ", options [unknown-253 0x1234]", true},
    {"uto seconds", "1c04012c", ALL, 0x10, 0u, ", options [uto 0x12c 150]", true},
    {"uto minutes", "1c040065", ALL, 0x10, 0u, ", options [uto 0x65 3000]", true},
    {"scps", "14040a05", ALL, 0x10, 0u, ", options [scps cap 0a id 5]", true},
    {"cc", "0b06000000640101", ALL, 0x02, 0u, ", options [cc 100,nop,nop]", true},
    {"ccnew", "0c06000000650101", ALL, 0x02, 0u, ", options [ccnew 101,nop,nop]", true},
    {"ccecho", "0d06000000660101", ALL, 0x02, 0u, ", options [ 102,nop,nop]", true},
    {"echo", "0606123456780101", ALL, 0x02, 0u, ", options [echo 305419896,nop,nop]", true},
    {"echoreply", "07069abcdef00101", ALL, 0x02, 0u, ", options [echoreply 2596069104,nop,nop]",
     true},
    {"unknown data", "6306010203040101", ALL, 0x10, 0u, ", options [unknown-99 0x01020304,nop,nop]",
     true},
    {"unknown nodata", "63020101", ALL, 0x10, 0u, ", options [unknown-99,nop,nop]", true},
    {"unknown 255", "ff03aa01", ALL, 0x10, 0u, ", options [unknown-255 0xaa,nop]", true},
    {"len mismatch mss 6", "020605b401010101", ALL, 0x02, 0u,
     ", options [mss 1460[len 6],nop,nop,nop,nop]", true},
    {"len mismatch mss 3", "020305b401010100", ALL, 0x02, 0u,
     ", options [mss 1460[len 3],nop,nop,nop,eol]", true},
    {"len mismatch mss 2", "020205b4", ALL, 0x02, 0u, ", options [mss 1460[len 2]]", true},
    {"len mismatch wscale 4", "03040701", ALL, 0x02, 0u, ", options [wscale 7[len 4],nop]", true},
    {"len mismatch sackOK 4", "04040101", ALL, 0x02, 0u, ", options [sackOK[len 4],nop,nop]", true},
    {"len mismatch TS 12", "080c0000000100000002000000030101", ALL, 0x10, 0u,
     ", options [TS val 1 ecr 2[len 12],eol]", true},
    {"TS len 10 past the area: bad opt", "010101010101080a00000001", ALL, 0x10, 0u,
     ", options [nop,nop,nop,nop,nop,nop,[bad opt]]", false},
    {"len mismatch uto 6", "1c06006401010101", ALL, 0x10, 0u,
     ", options [uto 0x64 50[len 6],nop,nop,nop,nop]", true},
    {"len mismatch cc 4", "0b04000000010101", ALL, 0x02, 0u, ", options [cc 1[len 4],nop,nop]",
     true},
    {"bad opt first len1", "02010101", ALL, 0x02, 0u, ", options [[bad opt]", false},
    {"bad opt first len0", "08000101", ALL, 0x02, 0u, ", options [[bad opt]", false},
    {"bad opt later", "0101020905b40101", ALL, 0x02, 0u, ", options [nop,nop,[bad opt]]", false},
    {"bad opt too long", "020405b4080b000000000101", ALL, 0x02, 0u,
     ", options [mss 1460,[bad opt]]", false},
    {"bad opt exp", "0101fe0312010101", ALL, 0x02, 0u, ", options [nop,nop,exp[bad opt]]", false},
    {"mss len 2 at end: bad opt", "01010202", ALL, 0x02, 0u, ", options [nop,nop,mss[bad opt]]",
     false},
    {"trunc mss data", "020405b4", 3, 0x02, 0u, ", options [mss [|tcp]", false},
    {"trunc mss data 2", "020405b4", 2, 0x02, 0u, ", options [mss [|tcp]", false},
    {"trunc mss len byte", "020405b4", 1, 0x02, 0u, ", options [ [|tcp]", false},
    {"trunc nothing", "020405b4", 0, 0x02, 0u, ", options [ [|tcp]", false},
    {"trunc later mss data", "0101020405b40101", 5, 0x02, 0u, ", options [nop,nop,mss [|tcp]>",
     false},
    {"trunc boundary", "01010101020405b4", 4, 0x02, 0u, ", options [nop,nop,nop,nop, [|tcp]",
     false},
    {"trunc boundary after mss", "020405b401010101", 4, 0x02, 0u, ", options [mss 1460, [|tcp]",
     false},
    {"trunc TS", "0101080a499602d23ade68b1", 9, 0x10, 0u, ", options [nop,nop,TS [|tcp]>", false},
    {"trunc sack mid", "01010512000003e9000007d00000000100000005", 13, 0x10, 1000u,
     ", options [nop,nop,sack 2 {1:1000} [|tcp]>", false},
    {"trunc sack 2nd block start", "01010512000003e9000007d00000000100000005", 12, 0x10, 1000u,
     ", options [nop,nop,sack 2 {1:1000} [|tcp]>", false},
    {"trunc sack 2nd block end", "01010512000003e9000007d00000000100000005", 16, 0x10, 1000u,
     ", options [nop,nop,sack 2 {1:1000} [|tcp]>", false},
    {"trunc sack first block", "0512000003e9000007d000000001000000050101", 4, 0x10, 1000u,
     ", options [sack 2  [|tcp]", false},
    {"trunc after invalid sack", "010105070102030405000101", 5, 0x10, 0u,
     ", options [nop,nop,sack invalid sack, [|tcp]", false},
    {"trunc mptcp", "01011e0c008101020304050607080000", 9, 0x02, 0u,
     ", options [nop,nop,mptcp [|tcp]>", false},
    {"trunc mptcp first", "1e0c0081010203040506070801010101", 9, 0x02, 0u,
     ", options [mptcp [|tcp]", false},
    {"trunc after mptcp", "1e0c00810102030405060708020405b4", 14, 0x02, 0u,
     ", options [mptcp 12 capable v0 csum {0x102030405060708},mss [|mptcp]>", false},
    {"trunc after mptcp boundary", "1e0c00810102030405060708020405b4", 12, 0x02, 0u,
     ", options [mptcp 12 capable v0 csum {0x102030405060708}, [|mptcp]", false},
    {"bad after mptcp", "1e0c0081010203040506070802010101", ALL, 0x02, 0u,
     ", options [mptcp 12 capable v0 csum {0x102030405060708},[bad opt]]", false},
    {"trunc unknown hex", "300830303030303030300000", 6, 0x10, 0u,
     ", options [unknown-48 0x30303030 [|tcp]", false},
    {"trunc unknown hex later", "010130083030303030300000", 7, 0x10, 0u,
     ", options [nop,nop,unknown-48 0x303030 [|tcp]>", false},
    {"trunc unknown kind only", "010130083030303030300000", 3, 0x10, 0u,
     ", options [nop,nop, [|tcp]", false},
    {"trunc tcp-ao mac", "1d0a0102a1a2a3a4a5a60101", 6, 0x18, 0u,
     ", options [tcp-ao keyid 1 rnextkeyid 2 mac 0xa1a2 [|tcp]", false},
    {"trunc tcp-ao keyid", "1d0a0102a1a2a3a4a5a60101", 2, 0x18, 0u, ", options [tcp-ao [|tcp]",
     false},
    {"trunc tcp-ao rnext", "01011d0a0102a1a2a3a4a5a6", 5, 0x18, 0u,
     ", options [nop,nop,tcp-ao keyid 1 [|tcp]>", false},
    {"trunc tcp-ao mac start", "1d0a0102a1a2a3a4a5a60101", 4, 0x18, 0u,
     ", options [tcp-ao keyid 1 rnextkeyid 2 mac 0x [|tcp]", false},
    {"trunc md5", "13120102030405060708090a0b0c0d0e0f100101", 10, 0x18, 0u, ", options [md5 [|tcp]",
     false},
    {"trunc after md5", "13120102030405060708090a0b0c0d0e0f100101", 19, 0x18, 0u,
     ", options [md5 snaplen too short, can't check - 0102030405060708090a0b0c0d0e0f10,nop, [|tcp]",
     false},
    {"trunc tfo", "0101220a0102030405060708", 8, 0x12, 0u, ", options [nop,nop,tfo [|tcp]>", false},
    {"trunc exp", "fe0cf989010203040506000001010101", 5, 0x12, 0u, ", options [exp [|tcp]", false},
    {"trunc uto", "01011c04012c0000", 5, 0x10, 0u, ", options [nop,nop,uto [|tcp]>", false},
    {"trunc scps", "14040a05", 3, 0x10, 0u, ", options [scps [|tcp]", false},
    {"trunc wscale", "0101030307000000", 4, 0x10, 0u, ", options [nop,nop,wscale [|tcp]>", false},
    {"trunc cc", "0b06000000640101", 4, 0x02, 0u, ", options [cc [|tcp]", false},
    {"trunc sackOK next", "04020101", 2, 0x02, 0u, ", options [sackOK, [|tcp]", false},
    {"trunc eol", "00000000", 0, 0x02, 0u, ", options [ [|tcp]", false},
    {"trunc before bad len", "01010201", 3, 0x02, 0u, ", options [nop,nop, [|tcp]", false},
    {"trunc wins over mss len 6 fitting the area", "0101020605b40101", 5, 0x02, 0u,
     ", options [nop,nop,mss [|tcp]>", false},
    {"trunc after mss [len 3]", "020305b401010101", 4, 0x02, 0u,
     ", options [mss 1460[len 3], [|tcp]", false},
    {"kind in last byte, length byte not captured", "01010102", ALL, 0x02, 0u,
     ", options [nop,nop,nop, [|tcp]", false},
    {"kind in last byte after eol is never read", "00010102", ALL, 0x02, 0u, ", options [eol]",
     true},
    {"full 40 bytes", "020405b4010104020101080a00000001000000020101050a000000100000002000000000",
     ALL, 0x12, 0u,
     ", options [mss 1460,nop,nop,sackOK,nop,nop,TS val 1 ecr 2,nop,nop,sack 1 {16:32},eol]", true},
    {"many nops",
     "01010101010101010101010101010101010101010101010101010101010101010101010101010101", ALL, 0x10,
     0u,
     ", options "
     "[nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,"
     "nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop]",
     true},
    {"mss len 5 steps into next", "0101020505b40101", ALL, 0x02, 0u,
     ", options [nop,nop,mss 1460[len 5],nop,nop]", true},
    {"mptcp dss ack8 dsn8 full", "01011e1a200f01020304050607081112131415161718000000010010", ALL,
     0x10, 0u,
     ", options [nop,nop,mptcp 26 dss ack 72623859790382856 seq 1230066625199609624 subseq 1 len "
     "16]",
     true},
    {"mptcp dss ack8 dsn8 csum", "1e1c200f010203040506070811121314151617180000000100100bad", ALL,
     0x10, 0u,
     ", options [mptcp 28 dss ack 72623859790382856 seq 1230066625199609624 subseq 1 len 16 csum "
     "0xbad]",
     true},
    {"mptcp add-addr ip6 tie", "1e14300620010000000000010000000000010001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 2001::1:0:0:1:1]", true},
    {"mptcp add-addr ip6 mapped zero", "1e14300600000000000000000000ffff00000001", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 ::ffff:0.0.0.1]", true},
    {"mptcp add-addr ip6 compat7", "1e14300600000000000000000000000000000102", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 ::102]", true},
    {"mptcp add-addr ip6 leading run 1", "1e1430060000000100000000000000000000ffff", ALL, 0x10, 0u,
     ", options [mptcp 20 add-addr v1 id 6 0:1::ffff]", true},
    {"mptcp join syn truncated", "1e0c110301020304a1b2c3d4", 11, 0x02, 0u,
     ", options [mptcp [|tcp]", false},
    {"mptcp join ack trunc later", "01011e181000000102030405060708090a0b0c0d0e0f101112130101", 20,
     0x10, 0u, ", options [nop,nop,mptcp [|tcp]>", false},
    {"sack then trunc base", "0101050a000003e9000007d001010101", 13, 0x10, 1000u,
     ", options [nop,nop,sack 1 {1:1000},nop, [|tcp]", false},
    {"exp tfo cookiereq trunc after", "fe04f98901010101", 5, 0x02, 0u,
     ", options [exp-tfo cookiereq,nop, [|tcp]", false},
    {"tfo syn-ack typical",
     "020405b4010104020101080a000000010000000201030307220a01020304050607080101", ALL, 0x12, 0u,
     ", options [mss 1460,nop,nop,sackOK,nop,nop,TS val 1 ecr 2,nop,wscale 7,tfo  cookie "
     "0102030405060708,nop,nop]",
     true},
    {"unknown 4-byte odd", "3e05aabbcc010101", ALL, 0x10, 0u,
     ", options [unknown-62 0xaabbcc,nop,nop,nop]", true},
    {"mptcp dss ack4 trunc", "010101011e0820010a0b0c0d", 11, 0x10, 0u,
     ", options [nop,nop,nop,nop,mptcp [|tcp]>", false},
    {"mptcp after mptcp bad", "1e0820010a0b0c0d1e032001", ALL, 0x10, 0u,
     ", options [mptcp 8 dss ack 168496141,mptcp 3 dss[bad opt]]", false},
    {"corpus heapoverflow-tcp_print",
     "30283030303030303030303030303030303030303030303030303030303030303030303030303030", 10, 0x30,
     0u, ", options [unknown-48 0x3030303030303030 [|tcp]", false},
    {"corpus tcp-auth-heapoverflow",
     "1d15303030303030303030303030303030303030303030303030303030303030", 10, 0x30, 0u,
     ", options [tcp-ao keyid 48 rnextkeyid 48 mac 0x303030303030 [|tcp]", false},
    {"corpus mptcp-dss-oobr", "0204400c0402080a23975534000000001e032000", 19, 0x02, 0u,
     ", options [mss 16396,sackOK,TS val 597120308 ecr 0,mptcp 3 dss[bad opt]]", false},
};

static unsigned hexval(char c)
{
	return (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
}

/* Decodes the first `cap` bytes into an exact-size heap buffer, so ASan sees any over-read. */
static uint8_t *captured(const char *hex, unsigned cap)
{
	uint8_t *p = malloc(cap ? cap : 1);

	if (!p)
		abort();
	for (unsigned i = 0; i < cap; i++)
		p[i] = (uint8_t)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
	return p;
}

static const struct pcase payload_cases[] = {
    /* A kind in the last byte: its length byte is the payload's first, if captured. */
    {{"kind in the last byte, payload", "020405b4010101fe", ALL, 0x18, 1999u,
      ", options [mss 1460,nop,nop,nop,[bad opt]]", false},
     4},
    {{"kind in the last byte, payload not captured", "020405b4010101fe", 8, 0x18, 1999u,
      ", options [mss 1460,nop,nop,nop, [|tcp]", false},
     4},
    {{"kind in the last byte, 1 payload byte", "020405b4010101fe", 9, 0x18, 1999u,
      ", options [mss 1460,nop,nop,nop,[bad opt]]", false},
     4},
    {{"wscale in the last byte, payload", "01010103", ALL, 0x18, 1999u,
      ", options [nop,nop,nop,[bad opt]]", false},
     2},
    /* MD5 checks the whole segment was captured, payload included. */
    {{"md5, payload cut", "010113120102030405060708090a0b0c0d0e0f10", 22, 0x18, 1999u,
      ", options [nop,nop,md5 snaplen too short, can't check - 0102030405060708090a0b0c0d0e0f10]",
      true},
     4},
    {{"md5, payload whole", "010113120102030405060708090a0b0c0d0e0f10", ALL, 0x18, 1999u,
      ", options [nop,nop,md5 shared secret not supplied with -M, can't check - "
      "0102030405060708090a0b0c0d0e0f10]",
      true},
     4},
};

static bool run_case(const struct tcase *t, unsigned payload)
{
	unsigned optlen = (unsigned)strlen(t->hex) / 2, seglen = optlen + payload;
	unsigned cap = t->cap == ALL ? seglen : t->cap;
	/* Only the area's bytes: ASan sees a read of the payload's. */
	uint8_t *opt = captured(t->hex, cap < optlen ? cap : optlen);
	char out[1024];
	struct strbuf sb;
	bool ret, ok;

	sb_init(&sb, out, sizeof(out));
	ret = print_tcp_options(&sb, opt, optlen, cap, cap >= seglen, t->flags, t->sack_base) ==
	      OPTS_MORE;
	free(opt);
	ok = !sb.full && ret == t->ret && sb.len == strlen(t->want) &&
	     memcmp(out, t->want, sb.len) == 0;
	if (!ok) {
		printf("FAIL %s\n  want %s '%s'\n  got  %s '%.*s'\n", t->desc,
		       t->ret ? "true " : "false", t->want, ret ? "true " : "false", (int)sb.len,
		       out);
	}
	return ok;
}

/* A tiny output buffer must only set `full`, never overflow. */
static bool small_buffer(void)
{
	static const uint8_t opt[] = {0x02, 0x04, 0x05, 0xb4, 0x01, 0x01, 0x04, 0x02};
	char out[12];
	struct strbuf sb;

	sb_init(&sb, out, sizeof(out));
	print_tcp_options(&sb, opt, sizeof(opt), sizeof(opt), true, 0x02, 0);
	if (!sb.full || sb.len != sizeof(out) || memcmp(out, ", options [m", sizeof(out)) != 0) {
		printf("FAIL small buffer\n");
		return false;
	}
	return true;
}

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Random option areas, biased towards real kinds: nothing may read past `cap` (ASan/UBSan
 * watch), and a true return always means the list was closed with ']'.
 */
static bool random_bytes(void)
{
	static const uint8_t kinds[] = {0, 1, 2, 3, 4, 5, 8, 19, 28, 29, 30, 30, 34, 254, 99};
	uint32_t seed = 0x2545f491;
	unsigned bad = 0;

	for (int n = 0; n < 200000; n++) {
		unsigned optlen = 4 * (1 + xorshift(&seed) % 10);
		/* Captured: all, part, or the area and some payload after it. */
		unsigned cap = xorshift(&seed) % 2 ? optlen : xorshift(&seed) % (optlen + 4);
		unsigned held = cap < optlen ? cap : optlen;
		uint8_t *opt = malloc(held ? held : 1);
		char out[1024];
		struct strbuf sb;
		bool ret;

		if (!opt)
			abort();
		for (unsigned i = 0; i < held; i++) {
			uint32_t r = xorshift(&seed);

			if (i % 3 == 0)
				opt[i] = kinds[r % sizeof(kinds)];
			else if (i % 3 == 1)
				opt[i] = (uint8_t)(r % 3 ? 2 + r % 30 : r);
			else
				opt[i] = (uint8_t)r;
		}
		sb_init(&sb, out, sizeof(out));
		ret = print_tcp_options(&sb, opt, optlen, cap, cap >= optlen + 3,
					(uint8_t)xorshift(&seed), seed) == OPTS_MORE;
		free(opt);
		if (sb.full || (ret && out[sb.len - 1] != ']'))
			bad++;
	}
	if (bad)
		printf("FAIL random bytes: %u bad results\n", bad);
	return bad == 0;
}

int main(void)
{
	unsigned pass = 0, fail = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (run_case(&cases[i], 0))
			pass++;
		else
			fail++;
	}
	for (size_t i = 0; i < sizeof(payload_cases) / sizeof(payload_cases[0]); i++) {
		if (run_case(&payload_cases[i].t, payload_cases[i].payload))
			pass++;
		else
			fail++;
	}
	if (small_buffer())
		pass++;
	else
		fail++;
	if (random_bytes())
		pass++;
	else
		fail++;
	printf("%u passed, %u failed\n", pass, fail);
	return fail ? 1 : 0;
}
