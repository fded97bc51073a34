// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTP (RFC 5905) as tcpdump 4.99.3's print-ntp.c prints it: version, mode and length, and with
 * -v the leap indicator, a time message's stratum, poll, precision, root delay and dispersion,
 * reference id, the four timestamps (with their UTC dates) and differences, key id and digest,
 * or a control message's header (RFC 1305 appendix B).
 */
#include <time.h>

#include "addr.h"
#include "text.h"
#include "udpapp.h"

#define NTP_TIMEMSG_MINLEN 48u
#define NTP_CTRLMSG_MINLEN 12u
#define JAN_1970 2208988800LL /* NTP's era 0 starts 70 years before Unix time */
#define FMAXINT 4294967296.0

enum {
	MODE_UNSPEC,
	MODE_SYM_ACT,
	MODE_SYM_PAS,
	MODE_CLIENT,
	MODE_SERVER,
	MODE_BROADCAST,
	MODE_CONTROL,
	MODE_RES2
};

static const char *const mode_names[] = {"unspecified",	    "symmetric active", "symmetric passive",
					 "Client",	    "Server",		"Broadcast",
					 "Control Message", "Reserved"};
static const char *const leap_names[] = {"", "+1s", "-1s", "clock unsynchronized"};

/* p_ntp_time: seconds.nanoseconds and, when not 0, the UTC date. */
static void put_time(struct cur *c, uint32_t off, struct strbuf *sb)
{
	uint32_t i = cur_be32(c, off), uf = cur_be32(c, off + 4);
	time_t secs;
	struct tm tm;
	char buf[64];

	sb_printf(sb, "%u.%09u", i, (uint32_t)(uf / FMAXINT * 1000000000.0));
	if (!i)
		return;
	secs = (time_t)((int64_t)i - JAN_1970);
	if (!gmtime_r(&secs, &tm)) {
		sb_puts(sb, " (unrepresentable)");
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_printf(sb, " (%s)", buf);
}

/* p_ntp_delta: lfp - olfp, or lfp when olfp is 0. */
static void put_delta(struct cur *c, uint32_t ooff, uint32_t off, struct strbuf *sb)
{
	uint32_t u = cur_be32(c, off), ou = cur_be32(c, ooff);
	uint32_t uf = cur_be32(c, off + 4), ouf = cur_be32(c, ooff + 4), i, f;
	bool neg;

	if (!ou && !ouf) {
		put_time(c, off, sb);
		return;
	}
	if (u > ou) {
		neg = false;
		i = u - ou - (ouf > uf);
		f = uf - ouf;
	} else if (u < ou) {
		neg = true;
		i = ou - u - (uf > ouf);
		f = ouf - uf;
	} else {
		i = 0;
		neg = !(uf > ouf);
		f = neg ? ouf - uf : uf - ouf;
	}
	sb_printf(sb, "%s%u.%09u", neg ? "-" : "+", i, (uint32_t)(f / FMAXINT * 1000000000.0));
}

/* p_sfix: a 16.16 fixed point number, the fraction in millionths. */
static void put_sfix(struct cur *c, uint32_t off, struct strbuf *sb)
{
	uint16_t i = cur_be16(c, off), f = cur_be16(c, off + 2);

	sb_printf(sb, "%d.%06d", i, (int)(f / 65536.0 * 1000000.0));
}

/* The reference id by stratum; false when the record ends after it (INFO_QUERY, INFO_REPLY). */
static bool put_refid(const struct printer *pr, struct cur *c, uint8_t stratum, struct strbuf *sb)
{
	switch (stratum) {
	case 0:
		sb_puts(sb, "(unspec)");
		return true;
	case 1:
		for (uint32_t k = 0; k < 4; k++)
			put_print_char(sb, c->p[12 + k]);
		return true;
	case 62:
	case 63:
		put_host(pr, sb, c->p + 12, 0);
		sb_puts(sb, stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
		return false;
	default:
		sb_printf(sb, "0x%08x", cur_be32(c, 12));
		return true;
	}
}

static void put_stamps(struct cur *c, struct strbuf *sb)
{
	static const char *const names[] = {"Reference Timestamp:  ", "Originator Timestamp: ",
					    "Receive Timestamp:    ", "Transmit Timestamp:   "};

	for (uint32_t k = 0; k < 4; k++) {
		if (!cur_need(c, 16 + 8 * k, 8))
			return;
		sb_printf(sb, "\n\t  %s", names[k]);
		put_time(c, 16 + 8 * k, sb);
	}
	sb_puts(sb, "\n\t    Originator - Receive Timestamp:  ");
	put_delta(c, 24, 32, sb);
	sb_puts(sb, "\n\t    Originator - Transmit Timestamp: ");
	put_delta(c, 24, 40, sb);
}

/* The optional key id and digest after the header, by the message's length. */
static void put_auth(struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint32_t words = length == NTP_TIMEMSG_MINLEN + 20 ? 4 : 5;

	if (length == NTP_TIMEMSG_MINLEN + 4 || length == NTP_TIMEMSG_MINLEN + 20 ||
	    length == NTP_TIMEMSG_MINLEN + 24) {
		if (!cur_need(c, NTP_TIMEMSG_MINLEN, 4))
			return;
		sb_printf(sb, "\n\tKey id: %u", cur_be32(c, NTP_TIMEMSG_MINLEN));
		if (length == NTP_TIMEMSG_MINLEN + 4 ||
		    !cur_need(c, NTP_TIMEMSG_MINLEN + 4, 4 * words))
			return;
		sb_puts(sb, "\n\tAuthentication: ");
		for (uint32_t k = 0; k < words; k++)
			sb_printf(sb, "%08x", cur_be32(c, NTP_TIMEMSG_MINLEN + 4 + 4 * k));
	} else if (length > NTP_TIMEMSG_MINLEN) {
		sb_printf(sb, "\n\t(%u more bytes after the header)", length - NTP_TIMEMSG_MINLEN);
	}
}

/* p_poll: the interval a poll exponent stands for, when it is between -32 and 32. */
static void put_poll(struct strbuf *sb, int poll)
{
	if (poll >= 0 && poll < 32)
		sb_printf(sb, " (%us)", 1u << poll);
	else if (poll < 0 && poll > -32)
		sb_printf(sb, " (1/%us)", 1u << -poll);
}

static void time_msg(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t stratum;
	int8_t poll;

	if (length < NTP_TIMEMSG_MINLEN) {
		sb_puts(sb, " (invalid)");
		cur_need(c, 0, length);
		return;
	}
	if (!cur_need(c, 1, 1))
		return;
	stratum = c->p[1];
	sb_printf(sb, ", Stratum %u (%s)", stratum,
		  stratum == 0	  ? "unspecified"
		  : stratum == 1  ? "primary reference"
		  : stratum <= 15 ? "secondary reference"
				  : "reserved");
	if (!cur_need(c, 2, 1))
		return;
	poll = (int8_t)c->p[2];
	sb_printf(sb, ", poll %d", poll);
	put_poll(sb, poll);
	if (!cur_need(c, 3, 1))
		return;
	sb_printf(sb, ", precision %d", (int8_t)c->p[3]);
	if (!cur_need(c, 4, 4))
		return;
	sb_puts(sb, "\n\tRoot Delay: ");
	put_sfix(c, 4, sb);
	if (!cur_need(c, 8, 4))
		return;
	sb_puts(sb, ", Root dispersion: ");
	put_sfix(c, 8, sb);
	if (!cur_need(c, 12, 4))
		return;
	sb_puts(sb, ", Reference-ID: ");
	if (!put_refid(pr, c, stratum, sb))
		return;
	put_stamps(c, sb);
	if (!c->cut)
		put_auth(c, length, sb);
}

static void control_msg(struct cur *c, uint32_t length, struct strbuf *sb)
{
	static const char *const fields[] = {
	    "\tSequence=", ", Status=", ", Assoc.=", ", Offset=", ", Count="};
	uint16_t count = 0;
	uint8_t ctl;

	if (length < NTP_CTRLMSG_MINLEN)
		goto invalid;
	ctl = cur_u8(c, 1);
	if (c->cut)
		return;
	sb_printf(sb, ", %s, %s, %s, OpCode=%u\n", ctl & 0x80 ? "Response" : "Request",
		  ctl & 0x40 ? "Error" : "OK", ctl & 0x20 ? "More" : "Last", ctl & 0x1f);
	for (uint32_t k = 0; k < 5; k++) {
		count = cur_be16(c, 2 + 2 * k);
		if (c->cut)
			return;
		sb_puts(sb, fields[k]);
		if (k == 1)
			sb_printf(sb, count ? "%#x" : "0", count); /* %#hx prints 0 bare */
		else
			sb_putu(sb, count);
	}
	if (NTP_CTRLMSG_MINLEN + count > length)
		goto invalid;
	if (count && cur_need(c, NTP_CTRLMSG_MINLEN, count))
		sb_puts(sb, "\n\tTO-BE-DONE: data not interpreted");
	return;
invalid:
	sb_puts(sb, " (invalid)");
	cur_need(c, 0, length);
}

void print_ntp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
	       struct strbuf *sb)
{
	uint8_t status = cur_u8(c, 0), mode = status & 7;

	(void)v;
	if (c->cut)
		return;
	sb_printf(sb, "NTPv%u, %s, length %u", (status & 0x38) >> 3, mode_names[mode], length);
	if (!pr->o.vflag)
		return;
	sb_printf(sb, "\n\tLeap indicator: %s (%u)", leap_names[status >> 6], status & 0xc0);
	if (mode <= MODE_BROADCAST)
		time_msg(pr, c, length, sb);
	else if (mode == MODE_CONTROL)
		control_msg(c, length, sb);
}
