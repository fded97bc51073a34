// SPDX-License-Identifier: GPL-2.0-only
/*
 * What ICMPv6 messages carry after their fixed part, as tcpdump 4.99.3's print-icmp6.c prints
 * it: neighbour discovery options (RFC 4861 4.6, RFC 8106 RDNSS/DNSSL, RFC 4191 route info),
 * MLD and MLDv2 (RFC 2710, RFC 3810), and the hex of what it does not decode.
 */
#include "dns.h"
#include "dump.h"
#include "icmp6.h"
#include "tok.h"
#include "wire.h"

static const struct tok opt_names[] = {
    {1, "source link-address"},
    {2, "destination link-address"},
    {3, "prefix info"},
    {4, "redirected header"},
    {5, "mtu"},
    {25, "rdnss"},
    {31, "dnssl"},
    {7, "advertisement interval"},
    {8, "homeagent information"},
    {24, "route info"},
    {0, NULL},
};

static const struct tok pi_flags[] = {
    {0x80, "onlink"},
    {0x40, "auto"},
    {0x20, "router"},
    {0, NULL},
};

static const struct tok mldv2_types[] = {
    {1, "is_in"}, {2, "is_ex"}, {3, "to_in"}, {4, "to_ex"}, {5, "allow"}, {6, "block"}, {0, NULL},
};

bool i6_get(struct i6 *m, uint32_t off, uint32_t n)
{
	if ((uint64_t)off + n <= m->n)
		return true;
	m->lost = true;
	return false;
}

bool i6_addr(struct i6 *m, uint32_t off, const char *pre)
{
	if (!i6_get(m, off, 16))
		return false;
	sb_puts(m->sb, pre);
	sb_put_ip6(m->sb, m->p + off);
	return true;
}

void i6_unknown(struct i6 *m, uint32_t off, const char *ident, uint32_t len)
{
	uint32_t avail = off < m->n ? m->n - off : 0;

	if (off > m->n) {
		sb_printf(m->sb,
			  "%sDissector error: print_unknown_data called with pointer past end "
			  "of packet",
			  ident);
		return;
	}
	print_hex_lines(m->sb, ident, m->p + off, len > avail ? avail : len);
}

static const char *rtpref(uint8_t v)
{
	static const char *const names[] = {"medium", "high", "rsv", "low"};

	return names[(v & 0x18) >> 3];
}

void i6_rtpref(struct i6 *m, uint8_t v)
{
	sb_puts(m->sb, rtpref(v));
}

static void put_lifetime(struct strbuf *sb, uint32_t v)
{
	if (v == 0xffffffff)
		sb_puts(sb, "infinity");
	else
		sb_printf(sb, "%us", v);
}

static bool opt_prefix(struct i6 *m, uint32_t cp, uint32_t len)
{
	if (!i6_addr(m, cp + 16, ""))
		return false;
	sb_printf(m->sb, "/%u%s, Flags [", m->p[cp + 2], len != 4 ? "badlen" : "");
	put_bits(m->sb, pi_flags, m->p[cp + 3], "none");
	sb_puts(m->sb, "], valid time ");
	put_lifetime(m->sb, rd32(m->p + cp + 4));
	sb_puts(m->sb, ", pref. time ");
	put_lifetime(m->sb, rd32(m->p + cp + 8));
	return true;
}

/* RDNSS and DNSSL (RFC 8106): the lifetime, then addresses or names. */
static int opt_dns(struct i6 *m, uint32_t base, uint32_t cp, uint32_t type, uint32_t len)
{
	struct dns d = {m->p + base, m->n - base, m->sb, 0, false, false};
	int64_t dom = cp + 8 - base;

	sb_printf(m->sb, " lifetime %us,", rd32(m->p + cp + 4));
	if (type == 25) {
		for (uint32_t i = 0; i < (len - 1) / 2; i++) {
			if (!i6_addr(m, cp + 8 + 16 * i, " addr: "))
				return -1;
		}
		return 0;
	}
	sb_puts(m->sb, " domain(s):");
	while (dom < cp + len * 8 - base) {
		if (!i6_get(m, (uint32_t)dom + base, 1))
			return -1;
		if (!m->p[dom + base])
			break;
		sb_putc(m->sb, ' ');
		if ((dom = dns_fqdn(&d, (uint32_t)dom)) < 0) {
			m->lost |= d.lost;
			return -1;
		}
	}
	return 0;
}

static int opt_route(struct i6 *m, uint32_t cp, uint32_t len)
{
	uint8_t a[16] = {0};

	if (len > 3)
		return -1;
	for (uint32_t i = 0; i < (len - 1) * 8; i++)
		a[i] = m->p[cp + 8 + i];
	sb_putc(m->sb, ' ');
	sb_put_ip6(m->sb, a);
	sb_printf(m->sb, "/%u, pref=%s, lifetime=", m->p[cp + 2], rtpref(m->p[cp + 3]));
	put_lifetime(m->sb, rd32(m->p + cp + 4));
	return 0;
}

/* One option's data; -1 when the record ends, 1 when tcpdump stops the options there. */
static int opt_data(struct i6 *m, uint32_t base, uint32_t cp, uint8_t type, uint32_t len)
{
	switch (type) {
	case 1:
	case 2:
		for (uint32_t i = 2; i < len * 8; i++)
			sb_printf(m->sb, i > 2 ? ":%02x" : "%02x", m->p[cp + i]);
		return 0;
	case 3:
		return opt_prefix(m, cp, len) ? 0 : -1;
	case 4:
		i6_unknown(m, base, "\n\t    ", len * 8);
		return 0;
	case 5:
		sb_printf(m->sb, " %u%s", rd32(m->p + cp + 4), len != 1 ? "bad option length" : "");
		return 0;
	case 25:
	case 31:
		return opt_dns(m, base, cp, type, len);
	case 7:
		sb_printf(m->sb, " %ums", rd32(m->p + cp + 4));
		return 0;
	case 8:
		sb_printf(m->sb, " preference %u, lifetime %u", rd16(m->p + cp + 4),
			  rd16(m->p + cp + 6));
		return 0;
	case 24:
		return opt_route(m, cp, len);
	default:
		if (m->vflag > 1)
			return 0;
		i6_unknown(m, cp + 2, "\n\t  ", len * 8 - 2);
		return 1;
	}
}

bool i6_options(struct i6 *m, uint32_t base)
{
	int64_t resid = (int64_t)m->len - base;
	uint32_t cp = base, len;
	uint8_t type;
	int r;

	while (cp < m->n) {
		if (cp + 2 > m->n)
			return false;
		if (resid <= 0)
			return true;
		type = m->p[cp];
		len = m->p[cp + 1];
		if (!len || cp + len * 8 > m->n)
			return false;
		sb_puts(m->sb, "\n\t  ");
		sb_puts(m->sb, tok_name(opt_names, type) ? tok_name(opt_names, type) : "unknown");
		sb_printf(m->sb, " option (%u), length %u (%u): ", type, len * 8, len);
		if ((r = opt_data(m, base, cp, type, len)) < 0)
			return false;
		if (r > 0)
			return true;
		if (m->vflag > 1)
			i6_unknown(m, cp + 2, "\n\t    ", len * 8 - 2);
		cp += len * 8;
		resid -= (int64_t)len * 8;
	}
	return true;
}

void i6_mld(struct i6 *m)
{
	if (m->n < 24)
		return;
	sb_printf(m->sb, "max resp delay: %u addr: ", rd16(m->p + 4));
	sb_put_ip6(m->sb, m->p + 8);
}

/* mldv2_report_print(); false when the record ends. */
bool i6_mldv2_report(struct i6 *m)
{
	uint32_t group = 8, ngroups, nsrcs;

	if (m->len < 8) {
		sb_printf(m->sb, " [invalid len %u]", m->len);
		return true;
	}
	if (!i6_get(m, 6, 2))
		return false;
	ngroups = rd16(m->p + 6);
	sb_printf(m->sb, ", %u group record(s)", ngroups);
	if (!m->vflag)
		return true;
	for (uint32_t i = 0; i < ngroups; i++) {
		if (m->len < group + 20) {
			sb_puts(m->sb, " [invalid number of groups]");
			return true;
		}
		if (!i6_addr(m, group + 4, " [gaddr ") || !i6_get(m, group, 4))
			return false;
		sb_putc(m->sb, ' ');
		put_tok(m->sb, mldv2_types, m->p[group], " [v2-report-#", "]");
		nsrcs = rd16(m->p + group + 2);
		if (m->len < group + 20 + nsrcs * 16) {
			sb_printf(m->sb, " [invalid number of sources %u]", nsrcs);
			return true;
		}
		if (m->vflag == 1) {
			sb_printf(m->sb, ", %u source(s)", nsrcs);
		} else {
			sb_puts(m->sb, " {");
			for (uint32_t j = 0; j < nsrcs; j++) {
				if (!i6_addr(m, group + 20 + j * 16, " "))
					return false;
			}
			sb_puts(m->sb, " }");
		}
		group += 20 + nsrcs * 16;
		sb_putc(m->sb, ']');
	}
	return true;
}

/* RFC 3810 5.1.1 and 5.1.9: the codes for values past 127. */
static uint32_t mld_exp(uint32_t v, uint32_t mant_mask, uint32_t one, uint32_t exp_mask,
			uint32_t shift)
{
	return ((v & mant_mask) | one) << (((v & exp_mask) >> shift) + 3);
}

bool i6_mldv2_query(struct i6 *m)
{
	uint32_t mrc, nsrcs, qqi;

	if (m->len < 28) {
		sb_printf(m->sb, " [invalid len %u]", m->len);
		return true;
	}
	if (!i6_get(m, 4, 2))
		return false;
	mrc = rd16(m->p + 4);
	if (m->vflag)
		sb_printf(m->sb, " [max resp delay=%u]",
			  mrc < 32768 ? mrc : mld_exp(mrc, 0x0fff, 0x1000, 0x7000, 12));
	if (!i6_addr(m, 8, " [gaddr "))
		return false;
	if (m->vflag) {
		if (!i6_get(m, 24, 2))
			return false;
		if (m->p[24] & 0x08)
			sb_puts(m->sb, " sflag");
		if (m->p[24] & 0x07)
			sb_printf(m->sb, " robustness=%u", m->p[24] & 0x07);
		qqi = m->p[25] < 128 ? m->p[25] : mld_exp(m->p[25], 0x0f, 0x10, 0x70, 4);
		sb_printf(m->sb, " qqi=%u", qqi);
	}
	if (!i6_get(m, 26, 2))
		return false;
	nsrcs = rd16(m->p + 26);
	if (nsrcs) {
		if (m->len < 28 + nsrcs * 16) {
			sb_puts(m->sb, " [invalid number of sources]");
		} else if (m->vflag > 1) {
			sb_puts(m->sb, " {");
			for (uint32_t i = 0; i < nsrcs; i++) {
				if (!i6_addr(m, 28 + i * 16, " "))
					return false;
			}
			sb_puts(m->sb, " }");
		} else {
			sb_printf(m->sb, ", %u source(s)", nsrcs);
		}
	}
	sb_putc(m->sb, ']');
	return true;
}
