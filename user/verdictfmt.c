// SPDX-License-Identifier: GPL-2.0-only
/* What the tools say of a flow's verdicts (verdictfmt.h). */
#include <stdio.h>
#include <string.h>

#include "verdictfmt.h"

static const char *const kind_names[XS_VK_COUNT] = {[XS_VK_NONE] = "",
						    [XS_VK_TLS] = "tls",
						    [XS_VK_SSH] = "ssh",
						    [XS_VK_QUIC] = "quic",
						    [XS_VK_WIREGUARD] = "wireguard",
						    [XS_VK_ESP] = "esp",
						    [XS_VK_CLEAR] = "clear",
						    [XS_VK_OTHER] = "other"};

static const char *const app_names[XS_VA_COUNT] = {
    [XS_VA_NONE] = "",	      [XS_VA_HTTP] = "http", [XS_VA_POP3] = "pop3",
    [XS_VA_IMAP] = "imap",    [XS_VA_SMTP] = "smtp", [XS_VA_220] = "smtp/ftp",
    [XS_VA_TELNET] = "telnet"};

const char *verdict_kind_name(__u8 kind)
{
	return kind < XS_VK_COUNT ? kind_names[kind] : "?";
}

const char *verdict_app_name(__u8 app)
{
	return app < XS_VA_COUNT ? app_names[app] : "?";
}

bool verdict_encrypted(__u8 kind)
{
	return kind != XS_VK_NONE && kind != XS_VK_CLEAR && kind != XS_VK_OTHER &&
	       kind < XS_VK_COUNT;
}

int verdict_login_dir(const struct xs_flow *f)
{
	for (int d = 0; d < 2; d++)
		if (f->verdict.dir[d].login != XS_VL_NONE)
			return d;
	return -1;
}

/* The protocol the login was sent in: the greeting the other side sent, else the port. */
static const char *login_proto(const struct xs_flow *f, int dir, unsigned port)
{
	__u8 peer = f->verdict.dir[!dir].app;

	switch (f->verdict.dir[dir].login) {
	case XS_VL_USER_PASS:
		return peer == XS_VA_POP3 || port == 110 ? "POP3"
		       : peer == XS_VA_220 || port == 21 ? "FTP"
							 : "POP3/FTP";
	case XS_VL_AUTH_PLAIN:
	case XS_VL_AUTH_LOGIN:
		return peer == XS_VA_POP3 ? "POP3" : peer == XS_VA_IMAP ? "IMAP" : "SMTP";
	case XS_VL_IMAP_LOGIN:
		return "IMAP";
	case XS_VL_TELNET:
		return "Telnet";
	default:
		return "HTTP";
	}
}

void verdict_login_text(char *buf, size_t len, const struct xs_flow *f, int dir,
			unsigned server_port)
{
	static const char *const how[XS_VL_COUNT] = {
	    [XS_VL_USER_PASS] = "USER/PASS",   [XS_VL_AUTH_PLAIN] = "AUTH PLAIN",
	    [XS_VL_AUTH_LOGIN] = "AUTH LOGIN", [XS_VL_IMAP_LOGIN] = "LOGIN",
	    [XS_VL_TELNET] = "login",	       [XS_VL_HTTP_BASIC] = "Basic"};
	__u8 l;

	dir &= 1;
	l = f->verdict.dir[dir].login;
	if (l == XS_VL_NONE || l >= XS_VL_COUNT) {
		snprintf(buf, len, "%s", l ? "?" : "");
		return;
	}
	snprintf(buf, len, "%s %s", login_proto(f, dir, server_port), how[l]);
}

void verdict_summary(char *buf, size_t len, const struct xs_flow *f, unsigned server_port)
{
	const struct xs_flow_verdict_dir *d = f->verdict.dir;
	int c = f->client & 1;
	(void)server_port;

	for (int i = 0; i < 2; i++)
		if (verdict_encrypted(d[i].kind)) {
			snprintf(buf, len, "%s", verdict_kind_name(d[i].kind));
			return;
		}
	if (verdict_login_dir(f) >= 0) {
		snprintf(buf, len, "LOGIN!");
		return;
	}
	for (int i = 0; i < 2; i++) {
		const struct xs_flow_verdict_dir *x = &d[i ? !c : c];

		if (x->kind == XS_VK_NONE)
			continue;
		snprintf(buf, len, "%s",
			 x->app ? verdict_app_name(x->app) : verdict_kind_name(x->kind));
		return;
	}
	snprintf(buf, len, "-");
}

void verdict_sni(char *buf, size_t len, const struct xs_flow *f)
{
	size_t o = 0;

	for (size_t i = 0; i < sizeof(f->verdict.sni) && f->verdict.sni[i] && o + 5 < len; i++) {
		unsigned char ch = (unsigned char)f->verdict.sni[i];

		if (ch >= 0x21 && ch <= 0x7e && ch != '"' && ch != '\\')
			buf[o++] = (char)ch;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", ch);
	}
	if (len)
		buf[o < len ? o : len - 1] = '\0';
}

static void json_dir(FILE *out, const char *name, const struct xs_flow *f, int d, unsigned port)
{
	const struct xs_flow_verdict_dir *x = &f->verdict.dir[d];
	char login[48];

	verdict_login_text(login, sizeof(login), f, d, port);
	fprintf(out,
		"\"%s\":{\"kind\":\"%s\",\"encrypted\":%s,\"version\":%u,\"app\":\"%s\","
		"\"login\":\"%s\",\"packets_read\":%u,\"done\":%s}",
		name, verdict_kind_name(x->kind), verdict_encrypted(x->kind) ? "true" : "false",
		x->version, verdict_app_name(x->app), login, x->segs,
		x->flags & XS_VF_DONE ? "true" : "false");
}

void verdict_json(FILE *out, const struct xs_flow *f, int client, unsigned server_port)
{
	char sum[32], sni[4 * XS_SNI_LEN + 8];

	verdict_summary(sum, sizeof(sum), f, server_port);
	verdict_sni(sni, sizeof(sni), f);
	fprintf(out, "\"verdict\":{\"summary\":\"%s\",\"sni\":\"%s\",\"sni_cut\":%s,", sum, sni,
		(f->verdict.dir[0].flags | f->verdict.dir[1].flags) & XS_VF_SNI_CUT ? "true"
										    : "false");
	json_dir(out, "to_server", f, client & 1, server_port);
	fputc(',', out);
	json_dir(out, "to_client", f, !(client & 1), server_port);
	fputc('}', out);
}
