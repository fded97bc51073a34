// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DHCPv6 options tcpdump 4.99.3's dhcp6opt_print() decodes past the common ones (dhcp6.c):
 * a relayed message (RFC 8415 21.10), authentication (21.11), reconfigure (21.19), remote id
 * (RFC 4649), lease queries (RFC 5007), NTP servers (RFC 5908), the AFTR name (RFC 6334),
 * time zones (RFC 4833) and the MUD URL (RFC 8520). Each option's bytes are all held.
 */
#include "dhcp6.h"
#include "text.h"
#include "udpapp.h"
#include "wire.h"

enum {
	OPT_RELAY_MSG = 9,
	OPT_AUTH = 11,
	OPT_RECONF_MSG = 19,
	OPT_REMOTE_ID = 37,
	OPT_NEW_POSIX_TIMEZONE = 41,
	OPT_NEW_TZDB_TIMEZONE = 42,
	OPT_LQ_QUERY = 44,
	OPT_CLIENT_DATA = 45,
	OPT_LQ_RELAY_DATA = 47,
	OPT_NTP_SERVER = 56,
	OPT_AFTR_NAME = 64,
	OPT_MUDURL = 112,
};

enum { AUTHPROTO_DELAYED = 2, AUTHPROTO_RECONFIG = 3 };

static bool unknown(struct strbuf *sb)
{
	sb_puts(sb, " ?)");
	return true;
}

/* Up to n bytes' hex, then "...)". */
static void put_hex_head(struct strbuf *sb, const uint8_t *p, uint32_t len, uint32_t n)
{
	sb_puthexbytes(sb, p, len < n ? len : n);
	sb_puts(sb, "...)");
}

/* A nested message, as if it were the packet's, within the option's bytes. */
static bool relay_msg(const struct printer *pr, struct cur *c, uint32_t off, uint16_t len,
		      struct strbuf *sb)
{
	struct cur sub = cur_make(c->p + off, len);

	sb_puts(sb, " (");
	print_dhcp6(pr, NULL, &sub, len, sb);
	if (sub.cut && len >= 4) { /* a relay's address past the option: tcpdump longjmps */
		c->cut = true;
		return true;
	}
	if (sub.cut) /* the header's check: " [|dhcp6]", and the list goes on */
		put_trunc(sb, "dhcp6");
	sb_putc(sb, ')');
	return true;
}

static void auth(const uint8_t *p, uint16_t len, struct strbuf *sb)
{
	uint8_t proto = p[0], alg = p[1], rdm = p[2];
	uint32_t info = len - 11u, i, o;

	if (proto == AUTHPROTO_DELAYED)
		sb_puts(sb, " proto: delayed");
	else if (proto == AUTHPROTO_RECONFIG)
		sb_puts(sb, " proto: reconfigure");
	else
		sb_printf(sb, " proto: %u", proto);
	if (alg == 1)
		sb_puts(sb, ", alg: HMAC-MD5");
	else
		sb_printf(sb, ", alg: %u", alg);
	if (rdm == 0)
		sb_puts(sb, ", RDM: mono");
	else
		sb_printf(sb, ", RDM: %u", rdm);
	sb_puts(sb, ", RD:");
	for (i = 0; i < 4; i++)
		sb_printf(sb, " %04x", rd16(p + 3 + 2 * (size_t)i));
	o = 11;
	if (proto == AUTHPROTO_DELAYED) {
		if (!info)
			goto done;
		if (info < 20) {
			sb_puts(sb, " ??");
			goto done;
		}
		if (info > 20)
			sb_puts(sb, ", realm: ");
		for (i = 0; i < info - 20; i++, o++)
			sb_printf(sb, "%02x", p[o]);
		sb_printf(sb, ", key ID: %08x, HMAC-MD5:", rd32(p + o));
		for (i = 0, o += 4; i < 4; i++, o += 4)
			sb_printf(sb, " %08x", rd32(p + o));
	} else if (proto == AUTHPROTO_RECONFIG) {
		if (info != 17) {
			sb_puts(sb, " ??");
			goto done;
		}
		sb_puts(sb, p[o] == 1	? " reconfig-key"
			    : p[o] == 2 ? " type: HMAC-MD5"
					: " type: ??");
		sb_puts(sb, " value:");
		for (i = 0, o++; i < 4; i++, o += 4)
			sb_printf(sb, " %08x", rd32(p + o));
	} else {
		sb_puts(sb, " ??");
	}
done:
	sb_putc(sb, ')');
}

/* fqdn_print of one name in [off, end): labels and dots; false when it runs past end. */
static bool put_fqdn(struct cur *c, uint32_t off, uint32_t end, struct strbuf *sb)
{
	while (off < end && c->p[off]) {
		uint8_t n = c->p[off];

		if (off + 1 + n > end)
			return false;
		put_printjn(sb, c, off + 1, n);
		sb_putc(sb, '.');
		off += 1u + n;
	}
	return off < end;
}

static bool ntp_server(struct cur *c, uint32_t off, uint16_t len, struct strbuf *sb)
{
	uint32_t end = off + len;

	if (len < 4)
		return unknown(sb);
	while (off < end - 4) {
		uint16_t code = rd16(c->p + off), sublen = rd16(c->p + off + 2);

		off += 4;
		if (off + sublen > end)
			return false;
		sb_printf(sb, " subopt:%u", code);
		switch (code) {
		case 1: /* server address */
		case 2: /* multicast address */
			if (sublen != 16) {
				sb_puts(sb, " ?");
				break;
			}
			sb_putc(sb, ' ');
			sb_put_ip6(sb, c->p + off);
			break;
		case 3: /* server FQDN */
			sb_putc(sb, ' ');
			if (!put_fqdn(c, off, off + sublen, sb))
				return false;
			break;
		default:
			sb_puts(sb, " ?");
			break;
		}
		off += sublen;
	}
	sb_putc(sb, ')');
	return true;
}

/* RFC 1035 labels, with tcpdump's " ?" where one runs past the option. */
static void aftr_name(struct cur *c, uint32_t off, uint16_t len, struct strbuf *sb)
{
	uint32_t remain = len;

	sb_putc(sb, ' ');
	while (remain && c->p[off]) {
		uint8_t n = c->p[off++];

		if (n >= remain - 1) {
			sb_puts(sb, " ?");
			break;
		}
		put_printjnp(sb, c, off, n);
		off += n;
		remain -= n + 1u;
		if (cur_u8(c, off))
			sb_putc(sb, '.');
	}
	sb_putc(sb, ')');
}

bool dhcp6_more_option(const struct printer *pr, struct cur *c, uint16_t type, uint32_t off,
		       uint16_t len, struct strbuf *sb)
{
	const uint8_t *p = c->p + off;

	switch (type) {
	case OPT_RELAY_MSG:
		return relay_msg(pr, c, off, len, sb);
	case OPT_AUTH:
		if (len < 11)
			return unknown(sb);
		auth(p, len, sb);
		return true;
	case OPT_RECONF_MSG:
		if (len != 1)
			return unknown(sb);
		if (p[0] == 5)
			sb_puts(sb, " for renew)");
		else if (p[0] == 11)
			sb_puts(sb, " for inf-req)");
		else
			sb_printf(sb, " for ?\?\?(%02x))", p[0]);
		return true;
	case OPT_REMOTE_ID:
		if (len < 4)
			return unknown(sb);
		sb_printf(sb, " %u ", rd32(p));
		put_hex_head(sb, p + 4, len - 4u, 10);
		return true;
	case OPT_LQ_QUERY:
		if (len < 17)
			return unknown(sb);
		if (p[0] == 1)
			sb_puts(sb, " by-address");
		else if (p[0] == 2)
			sb_puts(sb, " by-clientID");
		else
			sb_printf(sb, " type_%u", p[0]);
		sb_putc(sb, ' ');
		sb_put_ip6(sb, p + 1);
		if (len > 17)
			dhcp6_options(pr, c, off + 17, off + len, sb);
		if (!c->cut)
			sb_putc(sb, ')');
		return true;
	case OPT_CLIENT_DATA:
		if (len)
			dhcp6_options(pr, c, off, off + len, sb);
		if (!c->cut)
			sb_putc(sb, ')');
		return true;
	case OPT_LQ_RELAY_DATA:
		if (len < 16)
			return unknown(sb);
		sb_putc(sb, ' ');
		sb_put_ip6(sb, p);
		sb_putc(sb, ' ');
		put_hex_head(sb, p + 16, len - 16u, 10);
		return true;
	case OPT_NTP_SERVER:
		return ntp_server(c, off, len, sb);
	case OPT_AFTR_NAME:
		if (len < 3)
			return unknown(sb);
		aftr_name(c, off, len, sb);
		return true;
	case OPT_NEW_POSIX_TIMEZONE:
	case OPT_NEW_TZDB_TIMEZONE:
	case OPT_MUDURL:
		if (len < 5)
			return unknown(sb);
		sb_putc(sb, ' ');
		put_printjnp(sb, c, off, len);
		sb_putc(sb, ')');
		return true;
	default:
		sb_putc(sb, ')');
		return true;
	}
}
