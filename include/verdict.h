/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Is it encrypted? The verdict of one flow direction from its first payload bytes
 * (include/flow_table.h, struct xs_flow_verdict): TLS, SSH, QUIC, WireGuard, ESP, clear text
 * or something else, and in clear text the logins people send without thinking: POP3/FTP
 * USER/PASS, AUTH PLAIN and AUTH LOGIN, IMAP LOGIN, Telnet after a login prompt, HTTP
 * Authorization: Basic. Only the kind of login is kept, never a byte of the secret.
 *
 * Shared by the BPF program (bpf/verdicts.h reads the bytes into a per-CPU buffer and calls
 * xs_verdict_payload()) and the host's unit tests. Every read of the buffer is masked to its
 * size, so the verifier needs no proof of the offsets; the checks against n keep them right.
 * A direction is read for at most XS_VERDICT_SEGS payload-carrying packets (Telnet, which types
 * a byte per packet, XS_VERDICT_SEGS_TELNET), and no more once its kind is not clear text or
 * a login was seen (XS_VF_DONE).
 */
#ifndef XDPSPY_VERDICT_H
#define XDPSPY_VERDICT_H

#include <linux/types.h>

#include "flow_table.h"
#include "target.h"

#define XS_VERDICT_BYTES 512 /* payload bytes read of a packet; a power of two */
#define XS_VERDICT_MASK (XS_VERDICT_BYTES - 1)
#define XS_VERDICT_SEGS 8
#define XS_VERDICT_SEGS_TELNET 32

struct xs_verdict_buf {
	__u8 b[XS_VERDICT_BYTES];
};

/* The byte at i; i < n is the caller's check. */
#define XS_VB(b, i) ((b)[(__u32)(i)&XS_VERDICT_MASK])

XS_INLINE __u32 xs_vbe16(const __u8 *b, __u32 i)
{
	return (__u32)XS_VB(b, i) << 8 | XS_VB(b, i + 1);
}

/* Whether b[off..] starts with lit (lower case), letters compared without case. */
XS_INLINE int xs_vmatch(const __u8 *b, __u32 n, __u32 off, const char *lit, __u32 len)
{
	__u32 i;

	if (off + len > n)
		return 0;
#ifdef __bpf__
#pragma unroll
#endif
	for (i = 0; i < len; i++) {
		__u8 c = XS_VB(b, off + i);

		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (__u8)lit[i])
			return 0;
	}
	return 1;
}

#define XS_VMATCH(b, n, off, lit) xs_vmatch(b, n, off, lit, sizeof(lit) - 1)

/* Text: the first bytes (up to 32) printable ASCII, tabs and line ends. */
XS_INLINE int xs_vtext(const __u8 *b, __u32 n)
{
	__u32 i;

	for (i = 0; i < 32; i++) {
		__u8 c = XS_VB(b, i);

		if (i >= n)
			break;
		if ((c < 0x20 || c > 0x7e) && c != '\r' && c != '\n' && c != '\t')
			return 0;
	}
	return 1;
}

/* The server name of a ClientHello (a record starting at b[0]), into v->sni. */
XS_INLINE void xs_vsni(struct xs_flow_verdict *v, struct xs_flow_verdict_dir *D, const __u8 *b,
		       __u32 n)
{
	__u32 off, len, i;

	if (n < 44 || b[5] != 1)
		return;
	off = 44 + b[43]; /* record 5, handshake 4, version 2, random 32; the session ID */
	if (off + 2 > n)
		return;
	off += 2 + xs_vbe16(b, off); /* the cipher suites */
	if (off + 1 > n)
		return;
	off += 1 + XS_VB(b, off) + 2; /* the compression methods; the extensions' length */
	for (i = 0; i < 32; i++) {
		if (off + 4 > n)
			return;
		if (xs_vbe16(b, off) == 0) /* server_name */
			break;
		off += 4 + xs_vbe16(b, off + 2);
	}
	/* list length 2, name type 1 (0: host name), name length 2 */
	if (i == 32 || off + 9 > n || XS_VB(b, off + 6) != 0)
		return;
	len = xs_vbe16(b, off + 7);
	off += 9;
	for (i = 0; i < XS_SNI_LEN - 1; i++) {
		if (i >= len || off + i >= n)
			break;
		v->sni[i] = (char)XS_VB(b, off + i);
	}
	v->sni[i & (XS_SNI_LEN - 1)] = 0;
	if (i < len)
		D->flags |= XS_VF_SNI_CUT;
}

/* A TLS or DTLS record header: content type 20-23, version 3.x (x <= 4) or DTLS's 254.x. */
XS_INLINE int xs_vtls(struct xs_flow_verdict *v, struct xs_flow_verdict_dir *D, const __u8 *b,
		      __u32 n)
{
	if (n < 5 || b[0] < 20 || b[0] > 23 || !((b[1] == 3 && b[2] <= 4) || b[1] == 0xfe))
		return 0;
	D->kind = XS_VK_TLS;
	D->version = (__u32)b[1] << 8 | b[2];
	if (b[0] == 22 && b[1] == 3)
		xs_vsni(v, D, b, n);
	return 1;
}

/* UDP's encrypted kinds: WireGuard (type 1-4, three zero bytes, the type's size), a QUIC long
 * header (form and fixed bits, a version, a connection ID of at most 20 bytes), ESP in UDP
 * (port 4500, a non-zero SPI where IKE has its zero marker). len: the whole payload's. */
XS_INLINE int xs_vudp(struct xs_flow_verdict_dir *D, const __u8 *b, __u32 n, __u32 len, int nat_t)
{
	if (n < 8)
		return 0;
	if (b[0] >= 1 && b[0] <= 4 && !b[1] && !b[2] && !b[3] &&
	    ((b[0] == 1 && len == 148) || (b[0] == 2 && len == 92) || (b[0] == 3 && len == 64) ||
	     (b[0] == 4 && len >= 32 && len % 16 == 0))) {
		D->kind = XS_VK_WIREGUARD;
		D->version = b[0];
		return 1;
	}
	if (nat_t && (b[0] | b[1] | b[2] | b[3])) {
		D->kind = XS_VK_ESP;
		return 1;
	}
	if ((b[0] & 0xc0) == 0xc0 && (b[1] | b[2] | b[3] | b[4]) && b[5] <= 20) {
		D->kind = XS_VK_QUIC;
		D->version = (__u32)b[1] << 24 | (__u32)b[2] << 16 | (__u32)b[3] << 8 | b[4];
		return 1;
	}
	return 0;
}

/* The clear-text protocol a direction's first text shows. */
XS_INLINE __u8 xs_vapp(const __u8 *b, __u32 n)
{
	if (XS_VMATCH(b, n, 0, "get ") || XS_VMATCH(b, n, 0, "post ") ||
	    XS_VMATCH(b, n, 0, "head ") || XS_VMATCH(b, n, 0, "put ") ||
	    XS_VMATCH(b, n, 0, "delete ") || XS_VMATCH(b, n, 0, "options ") ||
	    XS_VMATCH(b, n, 0, "patch ") || XS_VMATCH(b, n, 0, "http/"))
		return XS_VA_HTTP;
	if (XS_VMATCH(b, n, 0, "+ok"))
		return XS_VA_POP3;
	if (XS_VMATCH(b, n, 0, "* ok") || XS_VMATCH(b, n, 0, "* preauth"))
		return XS_VA_IMAP;
	if (XS_VMATCH(b, n, 0, "ehlo ") || XS_VMATCH(b, n, 0, "helo "))
		return XS_VA_SMTP;
	if (XS_VMATCH(b, n, 0, "220"))
		return XS_VA_220;
	return XS_VA_NONE;
}

/* The first payload of a direction: its kind. */
XS_INLINE void xs_vfirst(struct xs_flow_verdict *v, struct xs_flow_verdict_dir *D, const __u8 *b,
			 __u32 n, __u32 len, __u8 proto, int nat_t)
{
	if (proto == 17 && xs_vudp(D, b, n, len, nat_t))
		return;
	if (xs_vtls(v, D, b, n))
		return;
	if (XS_VMATCH(b, n, 0, "ssh-")) {
		D->kind = XS_VK_SSH;
		if (n >= 7 && b[5] == '.')
			D->version = (__u32)(__u8)(b[4] - '0') << 8 | (__u8)(b[6] - '0');
		return;
	}
	if (n >= 2 && b[0] == 0xff && b[1] >= 0xfa) { /* IAC SB, WILL, WONT, DO, DONT */
		D->kind = XS_VK_CLEAR;
		D->app = XS_VA_TELNET;
		return;
	}
	if (xs_vtext(b, n)) {
		D->kind = XS_VK_CLEAR;
		D->app = xs_vapp(b, n);
		return;
	}
	D->kind = XS_VK_OTHER;
}

/* An IMAP command after its tag: the offset of the space after the tag, 0 if none. */
XS_INLINE __u32 xs_vtag(const __u8 *b, __u32 n)
{
	__u32 i;

	for (i = 1; i < 24; i++) {
		if (i >= n)
			return 0;
		if (XS_VB(b, i) == ' ')
			return i;
	}
	return 0;
}

/*
 * The two scans over the bytes run as bpf_loop() callbacks in BPF: verified once, where an
 * open-coded loop of hundreds of steps is more jumps than the verifier follows on one path.
 */
struct xs_vscan {
	const __u8 *b;
	__u32 n;
	__u32 found;
};

#ifdef __bpf__
#define XS_VSCAN(nr, fn, s) bpf_loop(nr, fn, s, 0)
#else
#define XS_VSCAN(nr, fn, s)                                                                        \
	do {                                                                                       \
		for (__u64 i_ = 0; i_ < (nr); i_++)                                                \
			if (fn(i_, s))                                                             \
				break;                                                             \
	} while (0)
#endif

/* Authorization: Basic (Proxy-Authorization's too) at i. */
static long xs_vbasic_at(__u64 index, void *ctx)
{
	struct xs_vscan *s = ctx;
	__u32 i = (__u32)index & XS_VERDICT_MASK;

	if (i + 21 > s->n)
		return 1;
	if ((XS_VB(s->b, i) | 0x20) == 'a' && XS_VMATCH(s->b, s->n, i, "authorization: basic ")) {
		s->found = 1;
		return 1;
	}
	return 0;
}

/* A prompt for a login or a password (Telnet's server) ending at i + 4. */
static long xs_vprompt_at(__u64 index, void *ctx)
{
	struct xs_vscan *s = ctx;
	__u32 i = (__u32)index & XS_VERDICT_MASK;

	if (i + 5 > s->n)
		return 1;
	if (XS_VB(s->b, i + 4) == ':' && (XS_VMATCH(s->b, s->n, i, "ogin:") ||
					  (i >= 4 && XS_VMATCH(s->b, s->n, i - 4, "password:")))) {
		s->found = 1;
		return 1;
	}
	return 0;
}

XS_INLINE int xs_vbasic(const __u8 *b, __u32 n)
{
	struct xs_vscan s = {.b = b, .n = n};

	XS_VSCAN(XS_VERDICT_BYTES, xs_vbasic_at, &s);
	return s.found;
}

XS_INLINE int xs_vprompt(const __u8 *b, __u32 n)
{
	struct xs_vscan s = {.b = b, .n = n};

	XS_VSCAN(XS_VERDICT_BYTES, xs_vprompt_at, &s);
	return s.found;
}

/* A clear-text direction's payload: the login it carries, if any (P: the other direction). */
XS_INLINE __u8 xs_vlogin(struct xs_flow_verdict_dir *D, const struct xs_flow_verdict_dir *P,
			 const __u8 *b, __u32 n)
{
	__u32 t;

	if (XS_VMATCH(b, n, 0, "pass "))
		return XS_VL_USER_PASS;
	if (XS_VMATCH(b, n, 0, "auth plain"))
		return XS_VL_AUTH_PLAIN;
	if (XS_VMATCH(b, n, 0, "auth login"))
		return XS_VL_AUTH_LOGIN;
	if (P->app == XS_VA_IMAP && (t = xs_vtag(b, n))) {
		if (XS_VMATCH(b, n, t, " login "))
			return XS_VL_IMAP_LOGIN;
		if (XS_VMATCH(b, n, t, " authenticate plain"))
			return XS_VL_AUTH_PLAIN;
		if (XS_VMATCH(b, n, t, " authenticate login"))
			return XS_VL_AUTH_LOGIN;
	}
	if (D->app == XS_VA_HTTP && xs_vbasic(b, n))
		return XS_VL_HTTP_BASIC;
	if (D->app == XS_VA_TELNET || P->app == XS_VA_TELNET) {
		if ((P->flags & XS_VF_PROMPT) && b[0] != 0xff)
			return XS_VL_TELNET;
		if (xs_vprompt(b, n))
			D->flags |= XS_VF_PROMPT;
	}
	return XS_VL_NONE;
}

/*
 * One payload-carrying packet of direction d, in three steps (BPF verifies the first two as
 * functions of their own, bpf/verdicts.h): n of its len payload bytes in b (n <= len,
 * n <= XS_VERDICT_BYTES). proto: the IP protocol; nat_t: a UDP port is 4500.
 */

/* Counts the packet; 0 when the direction is done, nothing to read. */
XS_INLINE int xs_verdict_begin(struct xs_flow_verdict *v, int d, __u32 n)
{
	struct xs_flow_verdict_dir *D = &v->dir[d & 1];

	if ((D->flags & XS_VF_DONE) || !n)
		return 0;
	D->segs++;
	return 1;
}

/* The first payload's kind, then in clear text the login it carries. */
XS_INLINE void xs_verdict_kind(struct xs_flow_verdict *v, int d, const __u8 *b, __u32 n, __u32 len,
			       __u8 proto, int nat_t)
{
	struct xs_flow_verdict_dir *D = &v->dir[d & 1];

	if (D->kind == XS_VK_NONE)
		xs_vfirst(v, D, b, n, len, proto, nat_t);
}

XS_INLINE void xs_verdict_login(struct xs_flow_verdict *v, int d, const __u8 *b, __u32 n)
{
	struct xs_flow_verdict_dir *D = &v->dir[d & 1];
	const struct xs_flow_verdict_dir *P = &v->dir[(d & 1) ^ 1];

	if (D->kind == XS_VK_CLEAR)
		D->login = xs_vlogin(D, P, b, n);
}

/* Done: not clear text, a login seen, or packets enough read. */
XS_INLINE void xs_verdict_end(struct xs_flow_verdict *v, int d)
{
	struct xs_flow_verdict_dir *D = &v->dir[d & 1];
	const struct xs_flow_verdict_dir *P = &v->dir[(d & 1) ^ 1];
	__u8 limit = D->app == XS_VA_TELNET || P->app == XS_VA_TELNET ? XS_VERDICT_SEGS_TELNET
								      : XS_VERDICT_SEGS;

	if (D->kind != XS_VK_CLEAR || D->login || D->segs >= limit)
		D->flags |= XS_VF_DONE;
}

/* The three steps together (the host's tests). */
XS_INLINE void xs_verdict_payload(struct xs_flow_verdict *v, int d, const __u8 *b, __u32 n,
				  __u32 len, __u8 proto, int nat_t)
{
	if (!xs_verdict_begin(v, d, n))
		return;
	xs_verdict_kind(v, d, b, n, len, proto, nat_t);
	xs_verdict_login(v, d, b, n);
	xs_verdict_end(v, d);
}

#endif
