// SPDX-License-Identifier: GPL-2.0-only
/*
 * Syslog over UDP (RFC 3164, RFC 5424) as tcpdump 4.99.3's print-syslog.c prints it: the
 * facility and severity of the <PRI> part, and with -v the message as it came.
 */
#include "text.h"
#include "tok.h"
#include "udpapp.h"

#define SYSLOG_MAX_DIGITS 3
#define SYSLOG_SEVERITY_MASK 0x0007
#define SYSLOG_FACILITY_MASK 0x03f8

static const char *const severities[] = {"emergency", "alert",	"critical", "error",
					 "warning",   "notice", "info",	    "debug"};

static const struct tok facility_values[] = {
    {0, "kernel"},    {1, "user"},    {2, "mail"},    {3, "daemon"},	{4, "auth"},
    {5, "syslog"},    {6, "lpr"},     {7, "news"},    {8, "uucp"},	{9, "cron"},
    {10, "authpriv"}, {11, "ftp"},    {12, "ntp"},    {13, "security"}, {14, "console"},
    {15, "cron"},     {16, "local0"}, {17, "local1"}, {18, "local2"},	{19, "local3"},
    {20, "local4"},   {21, "local5"}, {22, "local6"}, {23, "local7"},	{0, NULL},
};

static void put_facility(struct strbuf *sb, uint16_t facility)
{
	put_tok(sb, facility_values, facility, "unknown (", ")");
}

void print_syslog(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		  struct strbuf *sb)
{
	uint16_t off = 1, pri = 0, facility, severity;

	(void)v;
	if (cur_u8(c, 0) != '<') {
		if (!c->cut)
			sb_puts(sb, " (invalid)");
		return;
	}
	while (off <= SYSLOG_MAX_DIGITS && cur_u8(c, off) >= '0' && cur_u8(c, off) <= '9') {
		pri = (uint16_t)(pri * 10 + (c->p[off] - '0'));
		off++;
	}
	if (cur_u8(c, off) != '>') {
		if (!c->cut)
			sb_puts(sb, " (invalid)");
		return;
	}
	off++;
	facility = (pri & SYSLOG_FACILITY_MASK) >> 3;
	severity = pri & SYSLOG_SEVERITY_MASK;
	if (!pr->o.vflag) {
		sb_puts(sb, "SYSLOG ");
		put_facility(sb, facility);
		sb_printf(sb, ".%s, length: %u", severities[severity], length);
		return;
	}
	sb_printf(sb, "SYSLOG, length: %u\n\tFacility ", length);
	put_facility(sb, facility);
	sb_printf(sb, " (%u), Severity %s (%u)\n\tMsg: ", facility, severities[severity], severity);
	if (length > off)
		put_printjn(sb, c, off, length - off);
	if (!c->cut && pr->o.vflag > 1)
		cur_unknown_data(sb, c, 0, length, "\n\t");
}
