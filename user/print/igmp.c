// SPDX-License-Identifier: GPL-2.0-only
/*
 * IGMP (RFC 1112, 2236, 3376) and mtrace as tcpdump 4.99.3's print-igmp.c prints them:
 * queries of each version, reports, leaves, v3 group records and sources with -v, and -v's
 * checksum verdict. DVMRP and PIMv1 inside IGMP print their name only.
 */
#include "addr.h"
#include "csum.h"
#include "ipproto.h"
#include "text.h"
#include "tok.h"

#define IGMP_MIN_LEN 8
#define IGMPV3_QUERY_MIN 12
#define IGMPV3_REPORT_MIN 16
#define MTRACE_LEN (8 + 16)

static const struct tok igmpv3report2str[] = {
    {1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"}, {0, NULL},
};

static void mtrace(const struct printer *pr, struct cur *c, const char *name, uint32_t len,
		   struct strbuf *sb)
{
	uint32_t qid;

	if (len < MTRACE_LEN) {
		sb_printf(sb, " [invalid len %u]", len);
		return;
	}
	qid = cur_be24(c, 8 + 13);
	if (c->cut)
		return;
	sb_printf(sb, "%s %u:", name, qid);
	if (!put_host_at(pr, c, 8, " ", sb) || !put_host_at(pr, c, 12, " to ", sb) ||
	    !put_host_at(pr, c, 16, " reply-to ", sb))
		return;
	if ((cur_be32(c, 16) & 0xf0000000) == 0xe0000000)
		sb_printf(sb, " with-ttl %u", cur_u8(c, 20));
}

static void v3_report(const struct printer *pr, struct cur *c, uint32_t len, struct strbuf *sb)
{
	uint32_t ngroups, group = 8;

	if (len < IGMPV3_REPORT_MIN || len & 3) {
		sb_printf(sb, " [invalid len %u]", len);
		return;
	}
	ngroups = cur_be16(c, 6);
	if (c->cut)
		return;
	sb_printf(sb, ", %u group record(s)", ngroups);
	if (!pr->o.vflag)
		return;
	for (uint32_t i = 0; i < ngroups; i++) {
		uint32_t nsrcs;
		uint8_t type;

		if (len < group + 8) {
			sb_puts(sb, " [invalid number of groups]");
			return;
		}
		if (!put_host_at(pr, c, group + 4, " [gaddr ", sb))
			return;
		type = cur_u8(c, group);
		if (tok_name(igmpv3report2str, type))
			sb_printf(sb, " %s", tok_name(igmpv3report2str, type));
		else
			sb_printf(sb, "  [v3-report-#%u]", type);
		nsrcs = cur_be16(c, group + 2);
		if (c->cut)
			return;
		if (len < group + 8 + (nsrcs << 2)) {
			sb_printf(sb, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (pr->o.vflag == 1) {
			sb_printf(sb, ", %u source(s)", nsrcs);
		} else {
			sb_puts(sb, " {");
			for (uint32_t j = 0; j < nsrcs; j++)
				if (!put_host_at(pr, c, group + 8 + (j << 2), " ", sb))
					return;
			sb_puts(sb, " }");
		}
		group += 8 + (nsrcs << 2);
		sb_putc(sb, ']');
	}
}

static void put_max_resp(uint8_t mrc, struct strbuf *sb)
{
	uint32_t mrt = mrc < 128 ? mrc : ((mrc & 0x0fu) | 0x10u) << (((mrc & 0x70) >> 4) + 3);

	if (mrc == 100)
		return;
	sb_puts(sb, " [max resp time ");
	if (mrt < 600)
		sb_printf(sb, "%.1fs", mrt * 0.1);
	else
		put_relts(sb, mrt / 10);
	sb_putc(sb, ']');
}

static void v3_query(const struct printer *pr, struct cur *c, uint32_t len, struct strbuf *sb)
{
	uint32_t nsrcs;
	uint8_t mrc;

	sb_puts(sb, " v3");
	if (len < IGMPV3_QUERY_MIN || len & 3) {
		sb_printf(sb, " [invalid len %u]", len);
		return;
	}
	mrc = cur_u8(c, 1);
	if (c->cut)
		return;
	put_max_resp(mrc, sb);
	if (cur_be32(c, 4) == 0)
		return;
	if (!put_host_at(pr, c, 4, " [gaddr ", sb))
		return;
	nsrcs = cur_be16(c, 10);
	if (c->cut)
		return;
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			sb_puts(sb, " [invalid number of sources]");
		} else if (pr->o.vflag > 1) {
			sb_puts(sb, " {");
			for (uint32_t i = 0; i < nsrcs; i++)
				if (!put_host_at(pr, c, 12 + (i << 2), " ", sb))
					return;
			sb_puts(sb, " }");
		} else {
			sb_printf(sb, ", %u source(s)", nsrcs);
		}
	}
	sb_putc(sb, ']');
}

static void query(const struct printer *pr, struct cur *c, uint32_t len, struct strbuf *sb)
{
	uint8_t mrt;

	sb_puts(sb, "igmp query");
	if (len >= IGMPV3_QUERY_MIN) {
		v3_query(pr, c, len, sb);
		return;
	}
	mrt = cur_u8(c, 1);
	if (c->cut)
		return;
	if (mrt) {
		sb_puts(sb, " v2");
		if (mrt != 100)
			sb_printf(sb, " [max resp time %u]", mrt);
	} else {
		sb_puts(sb, " v1");
	}
	if (cur_be32(c, 4)) {
		if (!put_host_at(pr, c, 4, " [gaddr ", sb))
			return;
		sb_putc(sb, ']');
	}
	if (c->cut)
		return;
	if (len != IGMP_MIN_LEN)
		sb_printf(sb, " [len %u]", len);
}

static void message(const struct printer *pr, struct cur *c, uint32_t len, struct strbuf *sb)
{
	uint8_t type = cur_u8(c, 0);

	if (c->cut)
		return;
	switch (type) {
	case 0x11:
		query(pr, c, len, sb);
		break;
	case 0x12:
		if (put_host_at(pr, c, 4, "igmp v1 report ", sb) && len != IGMP_MIN_LEN)
			sb_printf(sb, " [len %u]", len);
		break;
	case 0x16:
		put_host_at(pr, c, 4, "igmp v2 report ", sb);
		break;
	case 0x22:
		sb_puts(sb, "igmp v3 report");
		v3_report(pr, c, len, sb);
		break;
	case 0x17:
		put_host_at(pr, c, 4, "igmp leave ", sb);
		break;
	case 0x13:
		sb_puts(sb, "igmp dvmrp"); /* the DVMRP message is not decoded */
		if (len < IGMP_MIN_LEN)
			sb_printf(sb, " [len %u]", len);
		break;
	case 0x14:
		sb_puts(sb, "igmp pimv1"); /* the PIMv1 message is not decoded */
		break;
	case 0x1e:
		mtrace(pr, c, "mresp", len, sb);
		break;
	case 0x1f:
		mtrace(pr, c, "mtrace", len, sb);
		break;
	default:
		sb_printf(sb, "igmp-%u", type);
		break;
	}
}

bool print_igmp(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	(void)v;
	if (pr->o.qflag) {
		sb_puts(sb, "igmp");
		return true;
	}
	message(pr, c, length, sb);
	if (c->cut)
		return true;
	if (pr->o.vflag && length >= 4 && cur_has(c, 0, length) &&
	    csum_fold(csum_add(0, c->p, length)) != 0xffff)
		sb_printf(sb, " bad igmp cksum %x!", cur_be16(c, 2));
	return true;
}
