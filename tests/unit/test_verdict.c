// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the verdicts' classifier (include/verdict.h), the code the BPF program runs,
 * compiled for the host: crafted conversations (verdict_cases.h) packet by packet, then each
 * direction's kind, protocol, login and whether it is done, the SNI; no byte of the password
 * anywhere in the verdict; and the names the tools print for them (user/verdictfmt.c).
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>

#include "verdict.h"
#include "verdictfmt.h"
#include "../check.h"
#include "verdict_cases.h"

/* The login's name as the tools print it, per case (NULL: none). */
static const struct {
	const char *name, *text;
} login_texts[] = {
    {"pop3", "POP3 USER/PASS"},
    {"ftp", "FTP USER/PASS"},
    {"smtp-auth-plain", "SMTP AUTH PLAIN"},
    {"smtp-auth-login", "SMTP AUTH LOGIN"},
    {"imap-login", "IMAP LOGIN"},
    {"http-basic", "HTTP Basic"},
    {"http-basic-far", "HTTP Basic"},
    {"telnet", "Telnet login"},
};

static const char *login_text(const char *name)
{
	for (size_t i = 0; i < sizeof(login_texts) / sizeof(login_texts[0]); i++)
		if (!strcmp(login_texts[i].name, name))
			return login_texts[i].text;
	return NULL;
}

static void run_case(const struct vc_case *c, struct xs_flow *f)
{
	static uint8_t payload[VC_MAX_LEN];
	struct xs_verdict_buf buf;

	memset(f, 0, sizeof(*f));
	for (int i = 0; i < VC_MAX_PKTS && (c->pkts[i].text || c->pkts[i].built); i++) {
		uint32_t len = vc_build(&c->pkts[i], payload), n;

		n = len < XS_VERDICT_BYTES ? len : XS_VERDICT_BYTES;
		memset(&buf, 0xee, sizeof(buf)); /* stale bytes past n, as the per-CPU buffer has */
		memcpy(buf.b, payload, n);
		xs_verdict_payload(&f->verdict, c->pkts[i].dir, buf.b, n, len, c->proto,
				   c->port == 4500);
	}
}

static void check_case(const struct vc_case *c)
{
	const struct xs_flow_verdict_dir *d;
	const char *want_login = login_text(c->name);
	char text[64];
	struct xs_flow f;

	run_case(c, &f);
	d = f.verdict.dir;
	for (int i = 0; i < 2; i++) {
		CHECK(d[i].kind == c->kind[i], "%s dir %d: kind %s, want %s", c->name, i,
		      verdict_kind_name(d[i].kind), verdict_kind_name(c->kind[i]));
		CHECK(d[i].app == c->app[i], "%s dir %d: app %s, want %s", c->name, i,
		      verdict_app_name(d[i].app), verdict_app_name(c->app[i]));
		CHECK(d[i].login == c->login[i], "%s dir %d: login %u, want %u", c->name, i,
		      d[i].login, c->login[i]);
		CHECK(!!(d[i].flags & XS_VF_DONE) == c->done[i], "%s dir %d: done %d, want %d",
		      c->name, i, !!(d[i].flags & XS_VF_DONE), c->done[i]);
	}
	if (c->sni)
		check_str(c->name, f.verdict.sni, c->sni);
	else
		CHECK(strlen(f.verdict.sni) == XS_SNI_LEN - 1 && (d[0].flags & XS_VF_SNI_CUT),
		      "%s: SNI of %zu bytes, flags %#x", c->name, strlen(f.verdict.sni),
		      d[0].flags);
	CHECK(!memmem(&f, sizeof(f), "secret", 6) && !memmem(&f, sizeof(f), "YWxpY2U", 7) &&
		  !memmem(&f, sizeof(f), "c2VjcmV0", 8),
	      "%s: the password in the verdict", c->name);
	f.client = 0;
	verdict_login_text(text, sizeof(text), &f, 0, c->port);
	check_str(c->name, text, want_login ? want_login : "");
	CHECK((verdict_login_dir(&f) == 0) == !!want_login, "%s: login dir %d", c->name,
	      verdict_login_dir(&f));
}

/* Versions: TLS's record version, SSH's protocol version, QUIC's. */
static void check_versions(void)
{
	struct xs_flow f;

	run_case(&vc_cases[0], &f);
	CHECK(f.verdict.dir[0].version == 0x0301 && f.verdict.dir[1].version == 0x0303,
	      "tls versions %#x %#x", f.verdict.dir[0].version, f.verdict.dir[1].version);
	run_case(&vc_cases[3], &f);
	CHECK(f.verdict.dir[0].version == 0x0200, "ssh version %#x", f.verdict.dir[0].version);
	run_case(&vc_cases[4], &f);
	CHECK(f.verdict.dir[0].version == 1, "quic version %#x", f.verdict.dir[0].version);
}

/* A done direction is never read again: its count stays. */
static void check_stops(void)
{
	struct xs_flow f;
	uint8_t b[XS_VERDICT_BYTES] = "PASS x\r\n";

	run_case(&vc_cases[0], &f);
	xs_verdict_payload(&f.verdict, 0, b, 8, 8, 6, 0);
	CHECK(f.verdict.dir[0].segs == 1 && f.verdict.dir[0].login == 0,
	      "tls: read again after done (%u packets)", f.verdict.dir[0].segs);
}

/* The tables' word and the summary of encrypted, clear and login flows. */
static void check_words(void)
{
	char s[32];
	struct xs_flow f;

	run_case(&vc_cases[0], &f);
	verdict_summary(s, sizeof(s), &f, 443);
	check_str("summary tls", s, "tls");
	for (size_t i = 0; i < VC_NCASES; i++)
		if (!strcmp(vc_cases[i].name, "pop3")) {
			run_case(&vc_cases[i], &f);
			verdict_summary(s, sizeof(s), &f, 110);
			check_str("summary pop3", s, "LOGIN!");
		}
	memset(&f, 0, sizeof(f));
	verdict_summary(s, sizeof(s), &f, 80);
	check_str("summary none", s, "-");
	memcpy(f.verdict.sni, "a\"b\x01", 4);
	verdict_sni(s, sizeof(s), &f);
	check_str("sni escaped", s, "a\\x22b\\x01");
}

int main(void)
{
	for (size_t i = 0; i < VC_NCASES; i++)
		check_case(&vc_cases[i]);
	check_versions();
	check_stops();
	check_words();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
