/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Crafted payloads for the verdicts' classifier (include/verdict.h), shared by the host's unit
 * test (tests/unit/test_verdict.c) and the kernel's (tests/kernel/test_verdict.c, the same
 * payloads in frames through the real program): each case is a conversation, its packets in
 * order with their direction, and what the verdicts must say after it.
 */
#ifndef XDPSPY_TESTS_VERDICT_CASES_H
#define XDPSPY_TESTS_VERDICT_CASES_H

#include <stdint.h>
#include <string.h>

#include "flow_table.h"

#define VC_MAX_PKTS 12
#define VC_MAX_LEN 1400

struct vc_pkt {
	int dir; /* 0: the client's (it sends first), 1: the server's */
	const char *text; /* the payload as a string, or NULL ... */
	int built; /* ... built by vc_build(): a VC_B_* */
	uint32_t len; /* the payload's length for built ones */
};

enum {
	VC_B_NONE,
	VC_B_HELLO,
	VC_B_HELLO_LONG,
	VC_B_QUIC,
	VC_B_WG1,
	VC_B_WG_BAD,
	VC_B_ESP,
	VC_B_IKE,
	VC_B_BINARY,
	VC_B_BASIC_FAR
};

struct vc_case {
	const char *name;
	uint8_t proto; /* 6, 17 */
	uint16_t port; /* the server's */
	struct vc_pkt pkts[VC_MAX_PKTS];
	/* want: each direction's kind, app, login, done; the SNI */
	uint8_t kind[2], app[2], login[2], done[2];
	const char *sni;
};

/* A ClientHello record with server name sni (host_len bytes of it): a cipher list and a
 * session ID before it, an extension before the server name, as clients send them. */
static inline uint32_t vc_hello(uint8_t *p, const char *sni, uint32_t host_len)
{
	uint32_t o = 0, hs, ext, sn;

	p[o++] = 22, p[o++] = 3, p[o++] = 1, o += 2; /* record: handshake, TLS 1.0, length */
	hs = o;
	p[o++] = 1, o += 3; /* client_hello, length */
	p[o++] = 3, p[o++] = 3; /* TLS 1.2 */
	memset(p + o, 0xab, 32), o += 32; /* random */
	p[o++] = 32, memset(p + o, 0xcd, 32), o += 32; /* session ID */
	p[o++] = 0, p[o++] = 8; /* cipher suites */
	for (int i = 0; i < 4; i++)
		p[o++] = 0x13, p[o++] = (uint8_t)(1 + i);
	p[o++] = 1, p[o++] = 0; /* compression: null */
	ext = o, o += 2;
	p[o++] = 0, p[o++] = 11, p[o++] = 0, p[o++] = 2, p[o++] = 1, p[o++] = 0; /* ec formats */
	p[o++] = 0, p[o++] = 0; /* server_name */
	p[o++] = (uint8_t)((host_len + 5) >> 8), p[o++] = (uint8_t)(host_len + 5);
	sn = o;
	p[o++] = (uint8_t)((host_len + 3) >> 8), p[o++] = (uint8_t)(host_len + 3);
	p[o++] = 0, p[o++] = (uint8_t)(host_len >> 8), p[o++] = (uint8_t)host_len;
	for (uint32_t i = 0; i < host_len; i++)
		p[o++] = (uint8_t)sni[i % strlen(sni)];
	(void)sn;
	p[ext] = (uint8_t)((o - ext - 2) >> 8), p[ext + 1] = (uint8_t)(o - ext - 2);
	p[hs + 1] = (uint8_t)((o - hs - 4) >> 16), p[hs + 2] = (uint8_t)((o - hs - 4) >> 8);
	p[hs + 3] = (uint8_t)(o - hs - 4);
	p[3] = (uint8_t)((o - 5) >> 8), p[4] = (uint8_t)(o - 5);
	return o;
}

/* The payload of a packet into p; its length. */
static inline uint32_t vc_build(const struct vc_pkt *k, uint8_t *p)
{
	uint32_t n = k->len;

	if (k->text) {
		n = (uint32_t)strlen(k->text);
		memcpy(p, k->text, n);
		return n;
	}
	memset(p, 0, n);
	switch (k->built) {
	case VC_B_HELLO:
		return vc_hello(p, "example.org", 11);
	case VC_B_HELLO_LONG:
		return vc_hello(p, "a-very-long-name.", 100);
	case VC_B_QUIC: /* Initial, version 1, an 8-byte connection ID */
		p[0] = 0xc3, p[4] = 1, p[5] = 8;
		memset(p + 6, 0x5a, n - 6);
		return n;
	case VC_B_WG1: /* handshake initiation: type 1, 148 bytes */
	case VC_B_WG_BAD:
		p[0] = 1;
		memset(p + 4, 0x77, n - 4);
		return n;
	case VC_B_ESP: /* an SPI and a sequence number */
		p[3] = 0x42, p[7] = 1;
		memset(p + 8, 0x99, n - 8);
		return n;
	case VC_B_IKE: /* the non-ESP marker, then IKE's header */
		memset(p + 4, 0x11, n - 4);
		return n;
	case VC_B_BINARY:
		for (uint32_t i = 0; i < n; i++)
			p[i] = (uint8_t)(i * 37 + 1);
		return n;
	case VC_B_BASIC_FAR: { /* the header past 300 bytes of others */
		static const char head[] = "GET /x HTTP/1.1\r\nHost: a\r\n";
		static const char tail[] = "Authorization: Basic YWxpY2U6c2VjcmV0LXB3\r\n\r\n";
		uint32_t o = sizeof(head) - 1;

		memcpy(p, head, o);
		while (o < 320) {
			memcpy(p + o, "X-Pad: 0123456789abcdef\r\n", 25);
			o += 25;
		}
		memcpy(p + o, tail, sizeof(tail) - 1);
		return o + sizeof(tail) - 1;
	}
	}
	return 0;
}

#define T(d, s)                                                                                    \
	{                                                                                          \
		.dir = d, .text = s                                                                \
	}
#define B(d, b, n)                                                                                 \
	{                                                                                          \
		.dir = d, .built = b, .len = n                                                     \
	}
#define DONE2                                                                                      \
	{                                                                                          \
		1, 1                                                                               \
	}

static const struct vc_case vc_cases[] = {
    {"tls-hello",
     6,
     443,
     {B(0, VC_B_HELLO, 0), {.dir = 1, .text = "\x16\x03\x03\x01\x31\x02"}},
     {XS_VK_TLS, XS_VK_TLS},
     {0},
     {0},
     DONE2,
     "example.org"},
    {"tls-long-sni",
     6,
     443,
     {B(0, VC_B_HELLO_LONG, 0)},
     {XS_VK_TLS, 0},
     {0},
     {0},
     {1, 0},
     NULL /* cut: XS_SNI_LEN - 1 bytes of it */},
    {"tls-appdata",
     6,
     8443,
     {T(0, "\x17\x03\x03\x01\x20xxxxxxxxxxxxxxxx")},
     {XS_VK_TLS, 0},
     {0},
     {0},
     {1, 0},
     ""},
    {"ssh",
     6,
     22,
     {T(1, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), T(0, "SSH-2.0-OpenSSH_9.2\r\n")},
     {XS_VK_SSH, XS_VK_SSH},
     {0},
     {0},
     DONE2,
     ""},
    {"quic", 17, 443, {B(0, VC_B_QUIC, 1200)}, {XS_VK_QUIC, 0}, {0}, {0}, {1, 0}, ""},
    {"wireguard", 17, 51820, {B(0, VC_B_WG1, 148)}, {XS_VK_WIREGUARD, 0}, {0}, {0}, {1, 0}, ""},
    {"wireguard-wrong-size",
     17,
     51820,
     {B(0, VC_B_WG_BAD, 100)},
     {XS_VK_OTHER, 0},
     {0},
     {0},
     {1, 0},
     ""},
    {"esp-in-udp", 17, 4500, {B(0, VC_B_ESP, 120)}, {XS_VK_ESP, 0}, {0}, {0}, {1, 0}, ""},
    {"ike-marker", 17, 4500, {B(0, VC_B_IKE, 120)}, {XS_VK_OTHER, 0}, {0}, {0}, {1, 0}, ""},
    {"binary", 6, 9000, {B(0, VC_B_BINARY, 200)}, {XS_VK_OTHER, 0}, {0}, {0}, {1, 0}, ""},
    {"pop3",
     6,
     110,
     {T(1, "+OK POP3 ready\r\n"), T(0, "USER alice\r\n"), T(1, "+OK\r\n"),
      T(0, "PASS secret-pw\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_NONE, XS_VA_POP3},
     {XS_VL_USER_PASS, 0},
     {1, 0},
     ""},
    {"ftp",
     6,
     21,
     {T(1, "220 ProFTPD Server ready.\r\n"), T(0, "USER alice\r\n"),
      T(1, "331 Password required\r\n"), T(0, "pass secret-pw\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_NONE, XS_VA_220},
     {XS_VL_USER_PASS, 0},
     {1, 0},
     ""},
    {"smtp-auth-plain",
     6,
     25,
     {T(1, "220 mx ESMTP\r\n"), T(0, "EHLO me\r\n"), T(1, "250 AUTH PLAIN\r\n"),
      T(0, "AUTH PLAIN AGFsaWNlAHNlY3JldC1wdw==\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_SMTP, XS_VA_220},
     {XS_VL_AUTH_PLAIN, 0},
     {1, 0},
     ""},
    {"smtp-auth-login",
     6,
     587,
     {T(1, "220 mx ESMTP\r\n"), T(0, "EHLO me\r\n"), T(0, "auth login\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_SMTP, XS_VA_220},
     {XS_VL_AUTH_LOGIN, 0},
     {1, 0},
     ""},
    {"imap-login",
     6,
     143,
     {T(1, "* OK IMAP4rev1 ready\r\n"), T(0, "a1 CAPABILITY\r\n"),
      T(0, "a2 LOGIN alice secret-pw\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_NONE, XS_VA_IMAP},
     {XS_VL_IMAP_LOGIN, 0},
     {1, 0},
     ""},
    {"login-word-not-imap",
     6,
     9000,
     {T(1, "hello\r\n"), T(0, "a2 LOGIN alice secret-pw\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {0},
     {0},
     {0, 0},
     ""},
    {"http-basic",
     6,
     80,
     {T(0, "GET / HTTP/1.1\r\nHost: h\r\nauthorization: basic YWxpY2U6c2VjcmV0LXB3\r\n\r\n"),
      T(1, "HTTP/1.1 200 OK\r\n\r\n")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_HTTP, XS_VA_HTTP},
     {XS_VL_HTTP_BASIC, 0},
     {1, 0},
     ""},
    {"http-basic-far",
     6,
     80,
     {B(0, VC_B_BASIC_FAR, 0)},
     {XS_VK_CLEAR, 0},
     {XS_VA_HTTP, 0},
     {XS_VL_HTTP_BASIC, 0},
     {1, 0},
     ""},
    {"http-bearer",
     6,
     80,
     {T(0, "GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer abc\r\n\r\n")},
     {XS_VK_CLEAR, 0},
     {XS_VA_HTTP, 0},
     {0},
     {0, 0},
     ""},
    {"telnet",
     6,
     23,
     {T(1, "\xff\xfd\x18\xff\xfd\x20"), T(0, "\xff\xfb\x18\xff\xfb\x20"), T(1, "\r\n"),
      T(1, "Debian GNU/Linux 12\r\nhost login: "), T(0, "a")},
     {XS_VK_CLEAR, XS_VK_CLEAR},
     {XS_VA_TELNET, XS_VA_TELNET},
     {XS_VL_TELNET, 0},
     {1, 0},
     ""},
    {"clear-gives-up",
     6,
     7000,
     {T(0, "one\n"), T(0, "two\n"), T(0, "three\n"), T(0, "four\n"), T(0, "five\n"), T(0, "six\n"),
      T(0, "seven\n"), T(0, "eight\n"), T(0, "PASS late\n")},
     {XS_VK_CLEAR, 0},
     {0},
     {0},
     {1, 0},
     ""},
};

#undef T
#undef B
#undef DONE2

#define VC_NCASES (sizeof(vc_cases) / sizeof(vc_cases[0]))

#endif
