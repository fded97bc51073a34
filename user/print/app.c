// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP payload decoders tcpdump 4.99.3 runs after ", length N" that we reproduce: the RST
 * text (RFC 1122 4.2.2.12), txtproto_print() for SMTP (RFC 5321), WHOIS (RFC 3912), FTP
 * (RFC 959), HTTP (RFC 9112) and RTSP (RFC 2326), and the SSH banner (RFC 4253 4.2). Where
 * tcpdump reads past the captured bytes it longjmps and prints " [|proto]"; here that is a
 * flag that stops every printer at the same point, and a result, as it moves the -x/-X/-A dump.
 */
#include "app.h"
#include "proto.h"
#include "text.h"

#define RST_TEXT_MAX 30 /* tcpdump's MAX_RST_DATA_LEN; longer text is cut and flagged '+' */
#define TOKEN_MAX 128 /* tcpdump's MAX_TOKEN: longer first tokens are not commands */
#define TELNET_IAC 0xff
#define NFS_PORT 2049

struct payload {
	const uint8_t *p;
	uint32_t cap; /* bytes we have; reading at or past it is truncation */
	uint32_t len; /* bytes the headers claim */
	bool jumped; /* a read went past cap: tcpdump longjmps, printing " [|proto]" */
	bool unterminated; /* text ran to the end: " [|proto]" too, but no longjmp */
};

/* GET_U_1: a byte, or 0 and the longjmp flag. */
static uint8_t get_u8(struct payload *pl, uint32_t i)
{
	if (i >= pl->cap) {
		pl->jumped = true;
		return 0;
	}
	return pl->p[i];
}

/* tcpdump's ND_ASCII_ISPRINT: ASCII only, whatever the locale. */
static bool is_print(uint8_t c)
{
	return c >= 0x20 && c < 0x7f;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

/* Whether tok is one of the space-separated words of list, ignoring ASCII case. */
static bool is_cmd(const char *tok, const char *list)
{
	size_t n = strlen(tok);

	while (*list) {
		size_t w = strcspn(list, " "), i = 0;

		while (i < n && i < w && ascii_upper(tok[i]) == list[i])
			i++;
		if (i == n && i == w)
			return true;
		list += w;
		list += strspn(list, " ");
	}
	return false;
}

static void put_trunc(struct strbuf *sb, const char *proto)
{
	sb_puts(sb, " [|");
	sb_puts(sb, proto);
	sb_putc(sb, ']');
}

/* print_tcp_rst_data: "!" when the segment was not captured whole, "+" past 30 bytes. */
static void print_rst_text(struct strbuf *sb, const struct payload *pl)
{
	uint32_t n = pl->len > RST_TEXT_MAX ? RST_TEXT_MAX : pl->len;

	sb_puts(sb, pl->cap < pl->len ? " [!RST" : " [RST");
	if (pl->len > RST_TEXT_MAX)
		sb_putc(sb, '+');
	sb_putc(sb, ' ');
	for (uint32_t i = 0; i < n && i < pl->cap; i++)
		put_print_char(sb, pl->p[i]);
	sb_putc(sb, ']');
}

struct txtproto {
	const char *name; /* tcpdump's ndo_protocol, for " [|name]" */
	const char *caps; /* what nd_print_protocol_caps prints */
	/* Request names; NULL: every payload is a request or response. With a list, tcpdump
	 * also accepts a 3-digit status code as the second token (RESP_CODE_SECOND_TOKEN). */
	const char *cmds;
};

/* Request names in upper case: print-http.c's (WebDAV's included), then print-rtsp.c's. */
static const char http_cmds[] =
    "GET PUT COPY HEAD LOCK MOVE POLL POST BCOPY BMOVE MKCOL TRACE LABEL "
    "MERGE DELETE SEARCH UNLOCK REPORT UPDATE NOTIFY BDELETE CONNECT "
    "OPTIONS CHECKIN PROPFIND CHECKOUT CCM_POST SUBSCRIBE PROPPATCH "
    "BPROPFIND BPROPPATCH UNCHECKOUT MKACTIVITY MKWORKSPACE UNSUBSCRIBE "
    "RPC_CONNECT VERSION-CONTROL BASELINE-CONTROL";
static const char rtsp_cmds[] =
    "DESCRIBE ANNOUNCE GET_PARAMETER OPTIONS PAUSE PLAY RECORD REDIRECT "
    "SETUP SET_PARAMETER TEARDOWN";

static const struct txtproto proto_smtp = {"smtp", "SMTP", NULL};
static const struct txtproto proto_whois = {"whois", "WHOIS", NULL};
static const struct txtproto proto_ftp = {"ftp", "FTP", NULL};
static const struct txtproto proto_http = {"http", "HTTP", http_cmds};
static const struct txtproto proto_rtsp = {"rtsp", "RTSP", rtsp_cmds};

/*
 * fetch_token: the token at idx and the spaces after it; returns the index past them, or 0
 * for no token. It only tests for captured bytes (ND_TTEST), so running out is no truncation.
 * The skip stops at a tab (not "printable"), so "HTTP/1.1\t200" has no second token.
 */
static uint32_t fetch_token(const struct payload *pl, uint32_t idx, char tok[TOKEN_MAX + 1])
{
	uint32_t n = 0;

	for (; idx < pl->len; idx++) {
		uint8_t c;

		if (idx >= pl->cap || pl->p[idx] >= 0x80)
			return 0;
		c = pl->p[idx];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			break;
		if (!is_print(c) || n >= TOKEN_MAX)
			return 0;
		tok[n++] = (char)c;
	}
	if (!n)
		return 0;
	tok[n] = '\0';
	for (; idx < pl->len && idx < pl->cap; idx++)
		if (pl->p[idx] != ' ')
			break;
	return idx;
}

/* A request line (the first token is a known command) or a response (a 3-digit code). */
static bool is_reqresp(const struct payload *pl, const char *cmds)
{
	char tok[TOKEN_MAX + 1] = "";
	uint32_t idx = fetch_token(pl, 0, tok);

	if (!idx)
		return false;
	if (is_cmd(tok, cmds))
		return true;
	idx = fetch_token(pl, idx, tok);
	return idx && is_digit(tok[0]) && is_digit(tok[1]) && is_digit(tok[2]) && !tok[3];
}

/*
 * print_txt_line: the line at idx, up to LF or CR LF, printed after prefix; returns the index
 * past its end, or 0. A line with a stray CR, a CR as the last byte, or a byte that is neither
 * printable nor a tab is not printed.
 */
static uint32_t put_txt_line(struct strbuf *sb, struct payload *pl, const char *prefix,
			     uint32_t idx)
{
	uint32_t start = idx, end;

	for (; idx < pl->len; idx++) {
		uint8_t c = get_u8(pl, idx);

		if (pl->jumped)
			return 0;
		if (c == '\n') {
			end = idx + 1;
			goto print;
		}
		if (c == '\r') {
			if (idx + 1 >= pl->len)
				return 0;
			c = get_u8(pl, idx + 1);
			if (pl->jumped || c != '\n')
				return 0;
			end = idx + 2;
			goto print;
		}
		if (!is_print(c) && c != '\t')
			return 0;
	}
	/* Printable to the end with no line end: tcpdump prints it and calls it truncated. */
	pl->unterminated = true;
	end = 0;
print:
	sb_puts(sb, prefix);
	sb_putn(sb, (const char *)pl->p + start, idx - start);
	return end;
}

/* txtproto_print: the name, then the first line, or with -v the length and every line. */
static enum app_result print_txtproto(struct strbuf *sb, struct payload *pl,
				      const struct txtproto *tp, int vflag)
{
	sb_puts(sb, ": ");
	sb_puts(sb, tp->caps);
	if (tp->cmds && !is_reqresp(pl, tp->cmds))
		return APP_PRINTED;
	if (!vflag) {
		put_txt_line(sb, pl, ": ", 0);
	} else {
		uint32_t idx = 0;

		sb_puts(sb, ", length: ");
		sb_putu(sb, pl->len);
		while (idx < pl->len && (idx = put_txt_line(sb, pl, "\n\t", idx)) != 0)
			;
	}
	if (pl->jumped || pl->unterminated)
		put_trunc(sb, tp->name);
	return pl->jumped ? APP_TRUNCATED : APP_PRINTED;
}

/* ssh_print_version: the length of a complete "SSH-" banner line without its LF or CR LF, or 0. */
static uint32_t ssh_banner_len(struct payload *pl)
{
	static const char magic[] = "SSH-";
	uint32_t idx;

	for (idx = 0; idx < 4; idx++)
		if (get_u8(pl, idx) != (uint8_t)magic[idx])
			return 0;
	for (; idx < pl->len; idx++) {
		uint8_t c = get_u8(pl, idx);

		if (pl->jumped)
			return 0;
		if (c == '\n')
			return idx;
		if (c == '\r')
			return idx + 1 < pl->len && get_u8(pl, idx + 1) == '\n' ? idx : 0;
		if (!is_print(c))
			return 0;
	}
	return 0;
}

/* ssh_print prints only the banner; anything else, binary included, prints nothing. */
static enum app_result print_ssh(struct strbuf *sb, struct payload *pl)
{
	uint32_t n = ssh_banner_len(pl);

	if (pl->jumped) {
		put_trunc(sb, "ssh");
		return APP_TRUNCATED;
	}
	if (!n)
		return APP_NONE;
	sb_puts(sb, ": SSH: ");
	sb_putn(sb, (const char *)pl->p, n);
	return APP_PRINTED;
}

/* telnet_print prints only IAC sequences, and reads the first byte to find one. */
static enum app_result print_telnet(struct strbuf *sb, struct payload *pl)
{
	uint8_t c = get_u8(pl, 0);

	if (pl->jumped) {
		put_trunc(sb, "telnet");
		return APP_TRUNCATED;
	}
	return c == TELNET_IAC ? APP_UNSUPPORTED : APP_NONE;
}

/* The NFS branch prints only an RPC call to port 2049 or a reply from it (RFC 5531). */
static enum app_result check_nfs(const struct payload *pl, uint16_t sport, uint16_t dport)
{
	uint32_t dir;

	if (pl->len < 4 || pl->cap < 12)
		return APP_NONE;
	dir = (uint32_t)pl->p[8] << 24 | (uint32_t)pl->p[9] << 16 | (uint32_t)pl->p[10] << 8 |
	      pl->p[11];
	if ((dport == NFS_PORT && dir == 0) || (sport == NFS_PORT && dir == 1))
		return APP_UNSUPPORTED;
	return APP_NONE;
}

enum decoder { DEC_OTHER, DEC_TEXT, DEC_TELNET, DEC_SSH, DEC_NFS };

/*
 * tcp_print's port tests, in 4.99.3's order: the first port that either side uses wins. SMB
 * (139, 445) is missing because Debian builds tcpdump without it.
 */
static const struct {
	uint16_t port;
	uint8_t dec;
	const struct txtproto *tp; /* for DEC_TEXT */
} port_order[] = {
    {23, DEC_TELNET, NULL},
    {25, DEC_TEXT, &proto_smtp},
    {43, DEC_TEXT, &proto_whois},
    {179, DEC_OTHER, NULL /* bgp */},
    {1723, DEC_OTHER, NULL /* pptp */},
    {6379, DEC_OTHER, NULL /* redis */},
    {22, DEC_SSH, NULL},
    {10288, DEC_OTHER, NULL /* beep */},
    {6633, DEC_OTHER, NULL /* openflow */},
    {6653, DEC_OTHER, NULL /* openflow */},
    {21, DEC_TEXT, &proto_ftp},
    {80, DEC_TEXT, &proto_http},
    {8080, DEC_TEXT, &proto_http},
    {554, DEC_TEXT, &proto_rtsp},
    {8554, DEC_TEXT, &proto_rtsp},
    {53, DEC_OTHER, NULL /* domain */},
    {639, DEC_OTHER, NULL /* msdp */},
    {323, DEC_OTHER, NULL /* rpki-rtr */},
    {646, DEC_OTHER, NULL /* ldp */},
    {2049, DEC_NFS, NULL},
};

enum app_result print_tcp_payload(struct strbuf *sb, uint16_t sport, uint16_t dport,
				  uint8_t tcp_flags, const uint8_t *payload, uint32_t captured,
				  uint32_t length, int vflag)
{
	struct payload pl = {
	    .p = payload, .cap = captured < length ? captured : length, .len = length};

	if (!length)
		return APP_NONE;
	/* Only -v turns an RST's data into text; without it the port decides, as for any segment. */
	if ((tcp_flags & XS_TCP_RST) && vflag) {
		print_rst_text(sb, &pl);
		return APP_PRINTED;
	}
	for (size_t i = 0; i < sizeof(port_order) / sizeof(port_order[0]); i++) {
		if (sport != port_order[i].port && dport != port_order[i].port)
			continue;
		switch (port_order[i].dec) {
		case DEC_TEXT:
			return print_txtproto(sb, &pl, port_order[i].tp, vflag);
		case DEC_TELNET:
			return print_telnet(sb, &pl);
		case DEC_SSH:
			return print_ssh(sb, &pl);
		case DEC_NFS:
			return check_nfs(&pl, sport, dport);
		default:
			return APP_UNSUPPORTED;
		}
	}
	return APP_NONE;
}
