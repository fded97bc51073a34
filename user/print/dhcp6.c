// SPDX-License-Identifier: GPL-2.0-only
/*
 * DHCPv6 (RFC 8415) as tcpdump 4.99.3's print-dhcp6.c prints it: the message type, and with -v
 * the transaction id or a relay's addresses, then each option: DUIDs, IA_NA/IA_TA/IA_PD and
 * their addresses and prefixes (nested), the option request list, preference, elapsed time,
 * server address lists, domain lists, status codes, lifetimes, interface and subscriber ids;
 * the others tcpdump decodes are dhcp6_more.c's.
 */
#include "tok.h"
#include "text.h"
#include "udpapp.h"
#include "dhcp6.h"
#include "wire.h"

#define DH6_RELAY_FORW 12
#define DH6_RELAY_REPLY 13
#define DH6_XIDMASK 0x00ffffff
#define DH6_HLEN 4
#define DH6_RELAY_HLEN 34
#define DH6OPT_HLEN 4

static const struct tok msgtype_str[] = {
    {1, "solicit"},	 {2, "advertise"},   {3, "request"},
    {4, "confirm"},	 {5, "renew"},	     {6, "rebind"},
    {7, "reply"},	 {8, "release"},     {9, "decline"},
    {10, "reconfigure"}, {11, "inf-req"},    {12, "relay-fwd"},
    {13, "relay-reply"}, {14, "leasequery"}, {15, "leasequery-reply"},
    {0, NULL},
};

static const struct tok opt_str[] = {
    {1, "client-ID"},
    {2, "server-ID"},
    {3, "IA_NA"},
    {4, "IA_TA"},
    {5, "IA_ADDR"},
    {6, "option-request"},
    {7, "preference"},
    {8, "elapsed-time"},
    {9, "relay-message"},
    {11, "authentication"},
    {12, "server-unicast"},
    {13, "status-code"},
    {14, "rapid-commit"},
    {15, "user-class"},
    {16, "vendor-class"},
    {17, "vendor-specific-info"},
    {18, "interface-ID"},
    {19, "reconfigure-message"},
    {20, "reconfigure-accept"},
    {21, "SIP-servers-domain"},
    {22, "SIP-servers-address"},
    {23, "DNS-server"},
    {24, "DNS-search-list"},
    {25, "IA_PD"},
    {26, "IA_PD-prefix"},
    {31, "SNTP-servers"},
    {32, "lifetime"},
    {27, "NIS-server"},
    {28, "NIS+-server"},
    {29, "NIS-domain-name"},
    {30, "NIS+-domain-name"},
    {33, "BCMCS-domain-name"},
    {34, "BCMCS-server"},
    {36, "Geoconf-Civic"},
    {37, "Remote-ID"},
    {38, "Subscriber-ID"},
    {39, "Client-FQDN"},
    {40, "PANA-agent"},
    {41, "POSIX-timezone"},
    {42, "POSIX-tz-database"},
    {43, "Echo-request-option"},
    {44, "Lease-query"},
    {45, "LQ-client-data"},
    {46, "Clt-time"},
    {47, "LQ-relay-data"},
    {48, "LQ-client-link"},
    {56, "NTP-server"},
    {64, "AFTR-Name"},
    {112, "MUD-URL"},
    {0, NULL},
};

static const char *const stcode_str[] = {
    "Success",	      "UnspecFail",    "NoAddrsAvail",	"NoBinding",
    "NotOnLink",      "UseMulticast",  "NoPrefixAvail", "UnknownQueryType",
    "MalformedQuery", "NotConfigured", "NotAllowed",
};

static void put_opt_name(struct strbuf *sb, uint16_t type)
{
	if (tok_name(opt_str, type))
		sb_puts(sb, tok_name(opt_str, type));
	else
		sb_printf(sb, "opt_%u", type);
}

/* A DUID (RFC 8415 11) in a client or server id option. */
static void put_duid(struct strbuf *sb, const uint8_t *p, uint16_t len)
{
	uint16_t type;

	if (len < 2) {
		sb_puts(sb, " ?)");
		return;
	}
	type = rd16(p);
	if (type == 1 && len >= 8) {
		sb_printf(sb, " hwaddr/time type %u time %u ", rd16(p + 2), rd32(p + 4));
		sb_puthexbytes(sb, p + 8, len - 8u);
		sb_putc(sb, ')');
	} else if (type == 2 && len >= 10) {
		sb_puts(sb, " vid ");
		sb_puthexbytes(sb, p + 2, 8);
		sb_putc(sb, ')');
	} else if (type == 3 && len >= 4) {
		sb_printf(sb, " hwaddr type %u ", rd16(p + 2));
		sb_puthexbytes(sb, p + 4, len - 4u);
		sb_putc(sb, ')');
	} else if (type >= 1 && type <= 3) {
		sb_puts(sb, " ?)");
	} else {
		sb_printf(sb, " type %u)", type);
	}
}

/* fqdn_print: the names of a domain list, each label followed by a dot. */
static void put_names(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t end)
{
	while (off < end) {
		sb_putc(sb, ' ');
		for (;;) {
			uint8_t n = c->p[off];

			if (off >= end || !n) {
				off++;
				break;
			}
			if (off + 1 + n > end) {
				off = end;
				break;
			}
			put_printjn(sb, c, off + 1, n);
			sb_putc(sb, '.');
			off += 1u + n;
		}
	}
	sb_putc(sb, ')');
}

/* The identity associations and their addresses and prefixes, with their nested options. */
static void ia_option(const struct printer *pr, struct cur *c, uint16_t type, uint32_t off,
		      uint16_t len, struct strbuf *sb)
{
	const uint8_t *p = c->p + off;

	switch (type) {
	case 3:
	case 25:
	case 4:
		if (len < (type == 4 ? 4 : 12)) {
			sb_puts(sb, " ?)");
			return;
		}
		sb_printf(sb, " IAID:%u", rd32(p));
		if (type != 4)
			sb_printf(sb, " T1:%u T2:%u", rd32(p + 4), rd32(p + 8));
		dhcp6_options(pr, c, off + (type == 4 ? 4 : 12), off + len, sb);
		if (!c->cut)
			sb_putc(sb, ')');
		return;
	case 5:
	case 26:
		if (len < (type == 5 ? 24 : 25)) {
			sb_puts(sb, " ?)");
			return;
		}
		if (type == 5) {
			sb_putc(sb, ' ');
			sb_put_ip6(sb, p);
		} else {
			sb_putc(sb, ' ');
			sb_put_ip6(sb, p + 9);
			sb_printf(sb, "/%u", p[8]);
		}
		sb_printf(sb, " pltime:%u vltime:%u", rd32(p + (type == 5 ? 16 : 0)),
			  rd32(p + (type == 5 ? 20 : 4)));
		dhcp6_options(pr, c, off + (type == 5 ? 24 : 25), off + len, sb);
		if (!c->cut)
			sb_putc(sb, ')');
		return;
	default:
		break;
	}
}

/* One option's value at off (held, len bytes), and its closing parenthesis. */
/* false: tcpdump's " [|dhcp6]", which ends the list it is in. */
static bool option(const struct printer *pr, struct cur *c, uint16_t type, uint32_t off,
		   uint16_t len, struct strbuf *sb)
{
	const uint8_t *p = c->p + off;

	switch (type) {
	case 1:
	case 2:
		put_duid(sb, p, len);
		return true;
	case 3:
	case 25:
	case 4:
	case 5:
	case 26:
		ia_option(pr, c, type, off, len, sb);
		return true;
	case 6:
	case 43:
		if (len % 2) {
			sb_puts(sb, " ?)");
			return true;
		}
		for (uint32_t i = 0; i < len; i += 2) {
			sb_putc(sb, ' ');
			put_opt_name(sb, rd16(p + i));
		}
		sb_putc(sb, ')');
		return true;
	case 7:
	case 8:
	case 32:
	case 46:
		if (len != (type == 7 ? 1 : type == 8 ? 2 : 4)) {
			sb_puts(sb, " ?)");
			return true;
		}
		sb_printf(sb, " %u)", type == 7 ? p[0] : type == 8 ? rd16(p) : rd32(p));
		return true;
	case 18:
	case 38:
		sb_putc(sb, ' ');
		sb_puthexbytes(sb, p, len < 10 ? len : 10);
		sb_puts(sb, "...)");
		return true;
	case 22:
	case 23:
	case 31:
	case 27:
	case 28:
	case 34:
	case 40:
	case 48:
		if (len % 16) {
			sb_puts(sb, " ?)");
			return true;
		}
		for (uint32_t i = 0; i < len; i += 16) {
			sb_putc(sb, ' ');
			sb_put_ip6(sb, p + i);
		}
		sb_putc(sb, ')');
		return true;
	case 21:
	case 24:
		put_names(sb, c, off, off + len);
		return true;
	case 13:
		if (len < 2) {
			sb_puts(sb, " ?)");
			return true;
		}
		if (rd16(p) > 255)
			sb_puts(sb, " INVALID code)");
		else if (rd16(p) < sizeof(stcode_str) / sizeof(*stcode_str))
			sb_printf(sb, " %s)", stcode_str[rd16(p)]);
		else
			sb_printf(sb, " code%u)", rd16(p));
		return true;
	default:
		return dhcp6_more_option(pr, c, type, off, len, sb);
	}
}

/*
 * dhcp6opt_print over [off, end), which the caller keeps within the held bytes: an option
 * past end prints tcpdump's " [|dhcp6]" and ends this list only (the caller goes on).
 */
void dhcp6_options(const struct printer *pr, struct cur *c, uint32_t off, uint32_t end,
		   struct strbuf *sb)
{
	while (off < end && !c->cut) { /* cut: a nested message's longjmp */
		uint16_t type, len;

		if (end < off + DH6OPT_HLEN || end < off + DH6OPT_HLEN + rd16(c->p + off + 2)) {
			put_trunc(sb, "dhcp6");
			return;
		}
		type = rd16(c->p + off);
		len = rd16(c->p + off + 2);
		sb_puts(sb, " (");
		put_opt_name(sb, type);
		if (!option(pr, c, type, off + DH6OPT_HLEN, len, sb)) {
			put_trunc(sb, "dhcp6");
			return;
		}
		off += DH6OPT_HLEN + len;
	}
}

void print_dhcp6(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		 struct strbuf *sb)
{
	uint32_t end = length < c->cap ? length : c->cap;
	uint8_t type;

	(void)v;
	sb_puts(sb, "dhcp6");
	if (!cur_need(c, 0, DH6_HLEN))
		return;
	type = c->p[0];
	sb_putc(sb, ' ');
	if (tok_name(msgtype_str, type))
		sb_puts(sb, tok_name(msgtype_str, type));
	else
		sb_printf(sb, "msgtype-%u", type);
	if (!pr->o.vflag)
		return;
	sb_puts(sb, " (");
	if (type != DH6_RELAY_FORW && type != DH6_RELAY_REPLY) {
		sb_printf(sb, "xid=%x", cur_be32(c, 0) & DH6_XIDMASK);
		dhcp6_options(pr, c, DH6_HLEN, end, sb);
	} else {
		if (!cur_need(c, 2, 16))
			return;
		sb_puts(sb, "linkaddr=");
		sb_put_ip6(sb, c->p + 2);
		if (!cur_need(c, 18, 16))
			return; /* tcpdump's GET: the record ends */
		sb_puts(sb, " peeraddr=");
		sb_put_ip6(sb, c->p + 18);
		dhcp6_options(pr, c, DH6_RELAY_HLEN, end, sb);
	}
	if (!c->cut)
		sb_putc(sb, ')');
}
