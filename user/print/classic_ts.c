// SPDX-License-Identifier: GPL-2.0-only
/* --classic's time stamp column, as tcpdump 3.7.2's util.c ts_print() wrote it (classic_ts.h). */
#include <stdbool.h>
#include <time.h>

#include "classic_ts.h"

/*
 * 3.7.2's thiszone: gmt2local(0), the local offset (whole minutes) when tcpdump started, so a
 * DST change during a capture is not applied. It is a fact about the process, like TZ itself,
 * hence kept once per process rather than per printer.
 */
static int64_t zone_offset(void)
{
	static bool known;
	static int64_t zone;

	if (!known) {
		time_t now = time(NULL);
		struct tm tm;

		zone = localtime_r(&now, &tm) ? tm.tm_gmtoff / 60 * 60 : 0;
		known = true;
	}
	return zone;
}

static void put_frac(const struct printer *pr, struct strbuf *sb, int64_t frac)
{
	sb_putfrac(sb, (uint32_t)frac, pr->o.nano ? 9 : 6);
}

/* "%02d:%02d:%02d.%06u" of the seconds of the (zone-shifted) day. */
static void put_clock(const struct printer *pr, struct strbuf *sb, int64_t t, int64_t frac)
{
	int64_t s = (t % 86400 + 86400) % 86400;

	sb_put0u(sb, (uint64_t)(s / 3600), 2);
	sb_putc(sb, ':');
	sb_put0u(sb, (uint64_t)(s % 3600 / 60), 2);
	sb_putc(sb, ':');
	sb_put0u(sb, (uint64_t)(s % 60), 2);
	sb_putc(sb, '.');
	put_frac(pr, sb, frac);
}

/* -tttt: "MM/DD/YYYY " of the zone-shifted day. */
static void put_date(struct strbuf *sb, int64_t t)
{
	time_t day = (time_t)(t - (t % 86400 + 86400) % 86400);
	struct tm tm;

	if (!gmtime_r(&day, &tm)) {
		sb_puts(sb, "Date fail  ");
		return;
	}
	sb_put0u(sb, (uint64_t)tm.tm_mon + 1, 2);
	sb_putc(sb, '/');
	sb_put0u(sb, (uint64_t)tm.tm_mday, 2);
	sb_putc(sb, '/');
	sb_put0u(sb, (uint64_t)tm.tm_year + 1900, 4);
	sb_putc(sb, ' ');
}

/*
 * -ttt: "000000" first, then "[%d. ]%06d" from the previous packet. The reference lives in the
 * printer's timefmt, which only classic uses in this mode. -ttttt, which 3.7.2 did not have,
 * measures from the first packet the same way.
 */
static void put_delta(struct printer *pr, struct strbuf *sb, const struct pkt_info *pi)
{
	struct timefmt *tf = &pr->tf;
	int64_t unit = pr->o.nano ? 1000000000 : 1000000, dsec, dfrac;

	if (!tf->ref_sec) {
		put_frac(pr, sb, 0);
	} else {
		dsec = pi->sec - tf->ref_sec;
		dfrac = pkt_frac(pr, pi) - tf->ref_frac;
		if (dfrac < 0) { /* 3.7.2 borrows a second at a time; the same, at once */
			int64_t borrow = (unit - 1 - dfrac) / unit;

			dfrac += borrow * unit;
			dsec -= borrow;
		}
		if (dsec) {
			if (dsec < 0)
				sb_putc(sb, '-');
			sb_putu(sb, (uint64_t)(dsec < 0 ? -dsec : dsec));
			sb_puts(sb, ". ");
		}
		put_frac(pr, sb, dfrac);
	}
	if (pr->o.tflag == 3 || !tf->ref_sec) {
		tf->ref_sec = pi->sec;
		tf->ref_frac = pkt_frac(pr, pi);
	}
}

void classic_ts(struct printer *pr, struct strbuf *sb, const struct pkt_info *pi)
{
	switch (pr->o.tflag) {
	case 0:
		put_clock(pr, sb, pi->sec + zone_offset(), pkt_frac(pr, pi));
		break;
	case 1:
		return;
	case 2:
		sb_putu(sb, (uint32_t)pi->sec);
		sb_putc(sb, '.');
		put_frac(pr, sb, pkt_frac(pr, pi));
		break;
	case 4:
		put_date(sb, pi->sec + zone_offset());
		put_clock(pr, sb, pi->sec + zone_offset(), pkt_frac(pr, pi));
		break;
	default:
		put_delta(pr, sb, pi);
		break;
	}
	sb_putc(sb, ' ');
}
