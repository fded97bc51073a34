/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the tools say of a flow's verdicts (include/verdict.h): the kind of each direction,
 * the flow's in a word for the tables ("tls", "ssh", "pop3", "CLEAR-LOGIN"), the login seen
 * in clear text ("POP3 USER/PASS"), and the cleartext-login alarm's line. Nothing here ever had
 * the secret: the kernel keeps only the kind of login.
 */
#ifndef XDPSPY_VERDICTFMT_H
#define XDPSPY_VERDICTFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flow_table.h"

/* "tls", "ssh", "quic", "wireguard", "esp", "clear", "other"; "" for none. */
const char *verdict_kind_name(__u8 kind);
/* "http", "pop3", "imap", "smtp", "smtp/ftp", "telnet"; "" for none. */
const char *verdict_app_name(__u8 app);
/* Whether the kind is encrypted (TLS, SSH, QUIC, WireGuard, ESP). */
bool verdict_encrypted(__u8 kind);
/* The direction that sent a login in clear text (0, 1), -1 if none did. */
int verdict_login_dir(const struct xs_flow *f);
/* The login's name, as protocol and method: "POP3 USER/PASS", "SMTP AUTH PLAIN", "IMAP LOGIN",
 * "Telnet login", "HTTP Basic". server_port: host order, to tell POP3 from FTP when the
 * greeting was not seen. */
void verdict_login_text(char *buf, size_t len, const struct xs_flow *f, int dir,
			unsigned server_port);
/* The flow's verdict in a word, for the tables: an encrypted kind if either direction is one,
 * else the clear-text protocol, "LOGIN!" with a login in clear text; "-" for none yet. */
void verdict_summary(char *buf, size_t len, const struct xs_flow *f, unsigned server_port);
/* The SNI, escaped for printing (a string from the wire); "" for none. */
void verdict_sni(char *buf, size_t len, const struct xs_flow *f);
/* The JSON member "verdict":{...} of a flow (client: the key's endpoint that is the client). */
void verdict_json(FILE *out, const struct xs_flow *f, int client, unsigned server_port);
#endif
