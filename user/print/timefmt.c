// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time stamps as tcpdump 4.99.3 prints them (util-print.c ts_print). localtime() is what makes
 * tcpdump slow; a second's wall-clock text cannot change within that second, so it is formatted
 * once per second and reused.
 */
#include <time.h>

#include "timefmt.h"

void timefmt_init(struct timefmt *tf, int tflag, bool nano)
{
	tf->tflag = tflag;
	tf->nano = nano;
	tf->ref_sec = 0;
	tf->ref_frac = 0;
	tf->cached_sec = -1;
	tf->cached_len = 0;
}

static void put_frac(struct timefmt *tf, struct strbuf *sb, int64_t frac)
{
	sb_putc(sb, '.');
	/* %06u / %09u of an unsigned: values past a second are printed as they are. */
	sb_putfrac(sb, (uint32_t)frac, tf->nano ? 9 : 6);
}

/* -tt's seconds, like the wall-clock text formatted once per second. */
static void put_epoch(struct timefmt *tf, struct strbuf *sb, int64_t sec)
{
	if (sec != tf->cached_sec) {
		struct strbuf c;

		sb_init(&c, tf->cached, sizeof(tf->cached));
		sb_putu(&c, (uint32_t)sec);
		tf->cached_len = c.len;
		tf->cached_sec = sec;
	}
	sb_putn(sb, tf->cached, tf->cached_len);
}

/* ts_date_hmsfrac_print: "[Error converting time]" when bit 31 is set, as 4.99.3 does. */
static void put_hms(struct timefmt *tf, struct strbuf *sb, int64_t sec, int64_t frac, bool date,
		    bool local)
{
	if ((uint32_t)sec & 0x80000000u) {
		sb_puts(sb, "[Error converting time]");
		return;
	}
	if (!local || sec != tf->cached_sec) {
		time_t t = (time_t)sec;
		struct tm tm;
		struct tm *ok = local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm);

		if (!ok) {
			sb_puts(sb, "[Error converting time]");
			return;
		}
		tf->cached_len = strftime(tf->cached, sizeof(tf->cached),
					  date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
		tf->cached_sec = local ? sec : -1;
	}
	sb_putn(sb, tf->cached, tf->cached_len);
	put_frac(tf, sb, frac);
}

void timefmt_print(struct timefmt *tf, struct strbuf *sb, int64_t sec, int64_t frac)
{
	int64_t dsec, dfrac;
	bool neg;

	switch (tf->tflag) {
	case 0:
		put_hms(tf, sb, sec, frac, false, true);
		break;
	case 1:
		return;
	case 2:
		if ((uint32_t)sec & 0x80000000u) {
			sb_puts(sb, "[Error converting time]");
		} else {
			put_epoch(tf, sb, sec);
			put_frac(tf, sb, frac);
		}
		break;
	case 3:
	case 5:
		/* An unset reference is all zero, as tcpdump's timevalisset tests it. */
		if (!tf->ref_sec && !tf->ref_frac) {
			tf->ref_sec = sec;
			tf->ref_frac = frac;
		}
		neg = sec < tf->ref_sec || (sec == tf->ref_sec && frac < tf->ref_frac);
		if (neg) {
			dsec = tf->ref_sec - sec;
			dfrac = tf->ref_frac - frac;
		} else {
			dsec = sec - tf->ref_sec;
			dfrac = frac - tf->ref_frac;
		}
		if (dfrac < 0) {
			dsec--;
			dfrac += tf->nano ? 1000000000 : 1000000;
		}
		sb_putc(sb, neg ? '-' : ' ');
		put_hms(tf, sb, dsec, dfrac, false, false);
		if (tf->tflag == 3) {
			tf->ref_sec = sec;
			tf->ref_frac = frac;
		}
		break;
	case 4:
		put_hms(tf, sb, sec, frac, true, true);
		break;
	default:
		break;
	}
	sb_putc(sb, ' ');
}
