// SPDX-License-Identifier: GPL-2.0-only
/*
 * PIM over IPv4 and IPv6 (RFC 7761, 3973, 5015, 5059) as tcpdump 4.99.3's print-pim.c
 * pim_print() prints it: the version, and for PIMv2 the type, with -v the checksum verdict
 * and each message's fields (Hello options, Register with the packet inside, Join/Prune,
 * Bootstrap, Assert, Candidate-RP, State Refresh's prune refresh, DF election). PIMv1 travels
 * in IGMP (igmp.c).
 */
#include "addr.h"
#include "csum.h"
#include "ipproto.h"
#include "proto.h"
#include "pseudo.h"
#include "text.h"
#include "tok.h"
#include "tunnel.h"
#include "wire.h"

enum {
	PIMV2_HELLO,
	PIMV2_REGISTER,
	PIMV2_REGISTER_STOP,
	PIMV2_JOIN_PRUNE,
	PIMV2_BOOTSTRAP,
	PIMV2_ASSERT,
	PIMV2_GRAFT,
	PIMV2_GRAFT_ACK,
	PIMV2_CANDIDATE_RP,
	PIMV2_PRUNE_REFRESH,
	PIMV2_DF_ELECTION,
};

static const struct tok pimv2_type_values[] = {
    {PIMV2_HELLO, "Hello"},
    {PIMV2_REGISTER, "Register"},
    {PIMV2_REGISTER_STOP, "Register Stop"},
    {PIMV2_JOIN_PRUNE, "Join / Prune"},
    {PIMV2_BOOTSTRAP, "Bootstrap"},
    {PIMV2_ASSERT, "Assert"},
    {PIMV2_GRAFT, "Graft"},
    {PIMV2_GRAFT_ACK, "Graft Acknowledgement"},
    {PIMV2_CANDIDATE_RP, "Candidate RP Advertisement"},
    {PIMV2_PRUNE_REFRESH, "Prune Refresh"},
    {PIMV2_DF_ELECTION, "DF Election"},
    {11, "ECMP Redirect"},
    {0, NULL},
};

enum {
	OPT_HOLDTIME = 1,
	OPT_LANPRUNEDELAY = 2,
	OPT_DR_PRIORITY_OLD = 18,
	OPT_DR_PRIORITY = 19,
	OPT_GENID = 20,
	OPT_REFRESH_CAP = 21,
	OPT_BIDIR_CAP = 22,
	OPT_ADDRESS_LIST = 24,
	OPT_ADDRESS_LIST_OLD = 65001,
};

static const struct tok hello_option_values[] = {
    {OPT_HOLDTIME, "Hold Time"},
    {OPT_LANPRUNEDELAY, "LAN Prune Delay"},
    {OPT_DR_PRIORITY_OLD, "DR Priority (Old)"},
    {OPT_DR_PRIORITY, "DR Priority"},
    {OPT_GENID, "Generation ID"},
    {OPT_REFRESH_CAP, "State Refresh Capability"},
    {OPT_BIDIR_CAP, "Bi-Directional Capability"},
    {OPT_ADDRESS_LIST, "Address List"},
    {OPT_ADDRESS_LIST_OLD, "Address List (Old)"},
    {0, NULL},
};

static const struct tok register_flag_values[] = {
    {0x80000000, "Border"},
    {0x40000000, "Null"},
    {0, NULL},
};

static const struct tok df_election_values[] = {
    {1, "Offer"}, {2, "Winner"}, {3, "Backoff"}, {4, "Pass"}, {0, NULL},
};

enum addr_kind { PIM_UNICAST, PIM_GROUP, PIM_SOURCE };

/* The message being read: where, how much of it is left by its length, the header's
 * RFC 2117 address length (0: encoded addresses). */
struct pim_msg {
	struct cur *c;
	uint32_t o;
	uint32_t len; /* tcpdump's u_int: it wraps where the message lies about its size */
	uint32_t addr_len;
};

static void skip(struct pim_msg *m, uint32_t n)
{
	m->o += n;
	m->len -= n;
}

/* pimv2_addr_print: an encoded unicast, group or source address after label; false where
 * tcpdump goes to its truncation mark. */
static bool put_addr(const struct printer *pr, struct pim_msg *m, enum addr_kind kind,
		     const char *label, struct strbuf *sb)
{
	struct cur *c = m->c;
	uint32_t hdr = 0, alen = m->addr_len, o, len = m->len, mask;
	uint8_t flags;

	sb_puts(sb, label);
	if (!alen) {
		if (len < 2)
			return false;
		switch (cur_u8(c, m->o)) {
		case 1:
			alen = 4;
			break;
		case 2:
			alen = 16;
			break;
		default:
			return false;
		}
		if (cur_u8(c, m->o + 1) != 0)
			return false;
		hdr = 2;
	} else if (alen != 4 && alen != 16) {
		return false;
	}
	o = m->o + hdr;
	len -= hdr;
	if (kind == PIM_UNICAST) {
		if (len < alen || !cur_has(c, o, alen))
			return false;
		put_host(pr, sb, c->p + o, alen == 16);
		skip(m, hdr + alen);
		return true;
	}
	if (len < alen + 2 || !cur_has(c, o, alen + 2))
		return false;
	put_host(pr, sb, c->p + o + 2, alen == 16);
	mask = c->p[o + 1];
	if (mask != alen * 8)
		sb_printf(sb, "/%u", mask);
	flags = c->p[o];
	if (flags && kind == PIM_GROUP) {
		sb_printf(sb, "(0x%02x)", flags);
	} else if (flags) {
		sb_printf(sb, "(%s%s%s", flags & 4 ? "S" : "", flags & 2 ? "W" : "",
			  flags & 1 ? "R" : "");
		if (flags & 0xf8)
			sb_printf(sb, "+0x%02x", flags & 0xf8);
		sb_putc(sb, ')');
	}
	skip(m, hdr + 2 + alen);
	return true;
}

/* pimv2_check_checksum over the first n bytes: -1 unverified (not all held), 0 right, 1 bad. */
static int checksum(const struct pview *v, struct cur *c, uint32_t n)
{
	if (!cur_has(c, 0, n))
		return -1;
	if (v->is6)
		return l4_cksum(v, XS_IPPROTO_PIM, c->p, n) != 0;
	return csum_fold(csum_add(0, c->p, n)) != 0xffff;
}

static void put_cksum(const struct pview *v, struct cur *c, uint8_t type, uint32_t len,
		      struct strbuf *sb)
{
	static const char *const verdict[] = {"(unverified)", "(correct)", "(incorrect)"};
	uint16_t sum = rd16(c->p + 2);
	int status;

	sb_printf(sb, ", cksum 0x%04x ", sum);
	if (!sum) {
		sb_puts(sb, verdict[0]);
		return;
	}
	/* a Register's sum covers its header, or (RFC 4601 allows it) the whole message */
	status = checksum(v, c, type == PIMV2_REGISTER ? 8 : len);
	if (type == PIMV2_REGISTER && status == 1)
		status = checksum(v, c, len);
	sb_puts(sb, verdict[status + 1]);
}

/* An option's value; false when the record ends after it ("(invalid)" or a cut). */
static bool hello_value(const struct printer *pr, struct pim_msg *m, uint16_t type, uint16_t olen,
			struct strbuf *sb)
{
	struct cur *c = m->c;
	const uint8_t *p = c->p + m->o; /* olen bytes are held */
	uint32_t need = type == OPT_HOLDTIME ? 2 : 4;

	switch (type) {
	case OPT_HOLDTIME:
	case OPT_LANPRUNEDELAY:
	case OPT_GENID:
	case OPT_REFRESH_CAP:
		if (olen != need) {
			sb_printf(sb, "[option length %u != %u] (invalid)", olen, need);
			return false;
		}
		break;
	default:
		break;
	}
	switch (type) {
	case OPT_HOLDTIME:
		put_relts(sb, rd16(p));
		return true;
	case OPT_LANPRUNEDELAY:
		sb_printf(sb, "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums", p[0] >> 7,
			  rd16(p) & 0x7fff, rd16(p + 2));
		return true;
	case OPT_DR_PRIORITY_OLD:
	case OPT_DR_PRIORITY:
		if (olen == 0) {
			sb_puts(sb, "Bi-Directional Capability (Old)");
		} else if (olen == 4) {
			sb_printf(sb, "%u", rd32(p));
		} else {
			sb_printf(sb, "[option length %u != 4] (invalid)", olen);
			return false;
		}
		return true;
	case OPT_GENID:
		sb_printf(sb, "0x%08x", rd32(p));
		return true;
	case OPT_REFRESH_CAP:
		sb_printf(sb, "v%u", p[0]);
		if (p[1]) {
			sb_puts(sb, ", interval ");
			put_relts(sb, p[1]);
		}
		if (rd16(p + 2))
			sb_printf(sb, " ?0x%04x?", rd16(p + 2));
		return true;
	case OPT_BIDIR_CAP:
		return true;
	case OPT_ADDRESS_LIST:
	case OPT_ADDRESS_LIST_OLD:
		if (pr->o.vflag > 1) {
			struct pim_msg a = *m;
			uint32_t end = m->o + olen;

			while (a.o < end)
				if (!put_addr(pr, &a, PIM_UNICAST, "\n\t    ", sb)) {
					c->cut = true;
					return false;
				}
		}
		return true;
	default:
		if (pr->o.vflag <= 1)
			cur_unknown_data(sb, c, m->o, olen, "\n\t    ");
		return true;
	}
}

static bool hello(const struct printer *pr, struct pim_msg *m, struct strbuf *sb)
{
	struct cur *c = m->c;

	while (m->len > 0) {
		uint16_t type, olen;

		if (m->len < 4 || !cur_need(c, m->o, 4))
			return false;
		type = rd16(c->p + m->o);
		olen = rd16(c->p + m->o + 2);
		sb_printf(sb, "\n\t  %s Option (%u), length %u, Value: ",
			  tok_or(hello_option_values, type, "Unknown"), type, olen);
		skip(m, 4);
		if (m->len < olen || !cur_has(c, m->o, olen))
			return false;
		if (!hello_value(pr, m, type, olen, sb))
			return !c->cut;
		if (pr->o.vflag > 1)
			cur_unknown_data(sb, c, m->o, olen, "\n\t    ");
		skip(m, olen);
	}
	return true;
}

static bool reg(struct printer *pr, struct pview *v, struct pim_msg *m, struct strbuf *sb)
{
	struct cur *c = m->c;
	uint8_t version;

	if (m->len < 4 || !cur_has(c, m->o, 4))
		return false;
	sb_printf(sb, ", Flags [ %s ]\n\t",
		  tok_or(register_flag_values, rd32(c->p + m->o), "none"));
	skip(m, 4);
	if (!m->len)
		return false;
	version = cur_u8(c, m->o) >> 4;
	switch (version) {
	case 0: /* a null register: the header alone */
		if (!cur_need(c, m->o + 12, 8))
			return false;
		sb_puts(sb, "IP-Null-header ");
		put_host(pr, sb, c->p + m->o + 12, 0);
		sb_puts(sb, " > ");
		put_host(pr, sb, c->p + m->o + 16, 0);
		return true;
	case 4:
	case 6:
		print_inner(pr, v, version == 4 ? XS_ETH_P_IP : XS_ETH_P_IPV6, c->p + m->o,
			    c->cap - m->o, m->len, sb);
		return true;
	default:
		if (c->cut)
			return false;
		sb_printf(sb, "IP ver %u", version);
		return true;
	}
}

static bool join_prune(const struct printer *pr, struct pim_msg *m, uint8_t type, struct strbuf *sb)
{
	struct cur *c = m->c;
	uint16_t holdtime;
	uint8_t ngroup;

	if (type != PIMV2_GRAFT_ACK && !put_addr(pr, m, PIM_UNICAST, ", upstream-neighbor: ", sb))
		return false;
	if (m->len < 4 || !cur_has(c, m->o, 4))
		return false;
	ngroup = c->p[m->o + 1];
	holdtime = rd16(c->p + m->o + 2);
	sb_printf(sb, "\n\t  %u group(s)", ngroup);
	if (type != PIMV2_GRAFT_ACK) {
		sb_puts(sb, ", holdtime: ");
		if (holdtime == 0xffff)
			sb_puts(sb, "infinite");
		else
			put_relts(sb, holdtime);
	}
	skip(m, 4);
	for (uint32_t i = 0; i < ngroup; i++) {
		uint16_t njoin, nprune;

		sb_printf(sb, "\n\t    group #%u: ", i + 1);
		if (!put_addr(pr, m, PIM_GROUP, "", sb))
			return false;
		if (m->len < 4 || !cur_has(c, m->o, 4))
			return false;
		njoin = rd16(c->p + m->o);
		nprune = rd16(c->p + m->o + 2);
		sb_printf(sb, ", joined sources: %u, pruned sources: %u", njoin, nprune);
		skip(m, 4);
		for (uint32_t j = 0; j < njoin; j++) {
			sb_printf(sb, "\n\t      joined source #%u: ", j + 1);
			if (!put_addr(pr, m, PIM_SOURCE, "", sb))
				return false;
		}
		for (uint32_t j = 0; j < nprune; j++) {
			sb_printf(sb, "\n\t      pruned source #%u: ", j + 1);
			if (!put_addr(pr, m, PIM_SOURCE, "", sb))
				return false;
		}
	}
	return true;
}

static bool bootstrap(const struct printer *pr, struct pim_msg *m, struct strbuf *sb)
{
	struct cur *c = m->c;

	if (m->len < 2 || !cur_need(c, m->o, 2))
		return false;
	sb_printf(sb, " tag=%x", rd16(c->p + m->o));
	skip(m, 2);
	if (m->len < 1 || !cur_need(c, m->o, 1))
		return false;
	sb_printf(sb, " hashmlen=%u", c->p[m->o]);
	/* tcpdump checks one byte past the two it reads */
	if (m->len < 2 || !cur_has(c, m->o + 2, 1))
		return false;
	sb_printf(sb, " BSRprio=%u", c->p[m->o + 1]);
	skip(m, 2);
	if (!put_addr(pr, m, PIM_UNICAST, " BSR=", sb))
		return false;
	for (uint32_t i = 0; m->len > 0; i++) {
		uint8_t frpcnt;

		sb_printf(sb, " (group%u: ", i);
		if (!put_addr(pr, m, PIM_GROUP, "", sb))
			return false;
		if (m->len < 1 || !cur_need(c, m->o, 1))
			return false;
		sb_printf(sb, " RPcnt=%u", c->p[m->o]);
		if (m->len < 2 || !cur_need(c, m->o + 1, 1))
			return false;
		frpcnt = c->p[m->o + 1];
		sb_printf(sb, " FRPcnt=%u", frpcnt);
		if (m->len < 4)
			return false;
		skip(m, 4);
		for (uint32_t j = 0; j < frpcnt && m->len > 0; j++) {
			sb_printf(sb, " RP%u=", j);
			if (!put_addr(pr, m, PIM_UNICAST, "", sb) || m->len < 2)
				return false;
			sb_puts(sb, ",holdtime=");
			if (!cur_need(c, m->o, 2))
				return false;
			put_relts(sb, rd16(c->p + m->o));
			if (m->len < 3 || !cur_need(c, m->o + 2, 1))
				return false;
			sb_printf(sb, ",prio=%u", c->p[m->o + 2]);
			if (m->len < 4)
				return false;
			skip(m, 4);
		}
		sb_putc(sb, ')');
	}
	return true;
}

static bool candidate_rp(const struct printer *pr, struct pim_msg *m, struct strbuf *sb)
{
	struct cur *c = m->c;
	uint8_t pfxcnt;

	if (m->len < 1 || !cur_need(c, m->o, 1))
		return false;
	pfxcnt = c->p[m->o];
	sb_printf(sb, " prefix-cnt=%u", pfxcnt);
	if (m->len < 2 || !cur_need(c, m->o + 1, 1))
		return false;
	sb_printf(sb, " prio=%u", c->p[m->o + 1]);
	if (m->len < 4)
		return false;
	sb_puts(sb, " holdtime=");
	if (!cur_need(c, m->o + 2, 2))
		return false;
	put_relts(sb, rd16(c->p + m->o + 2));
	skip(m, 4);
	if (!put_addr(pr, m, PIM_UNICAST, " RP=", sb))
		return false;
	for (uint32_t i = 0; i < pfxcnt && m->len > 0; i++) {
		sb_printf(sb, " Group%u=", i);
		if (!put_addr(pr, m, PIM_GROUP, "", sb))
			return false;
	}
	return true;
}

/* Preference and metric ("sender", "offer", "new winner"); false when cut. */
static bool pref_metric(struct pim_msg *m, const char *who, struct strbuf *sb)
{
	uint32_t pref = cur_be32(m->c, m->o);

	if (m->c->cut)
		return false;
	sb_printf(sb, " %s pref=%u", who, pref);
	pref = cur_be32(m->c, m->o + 4);
	if (m->c->cut)
		return false;
	sb_printf(sb, " %s metric=%u", who, pref);
	skip(m, 8);
	return true;
}

static bool df_election(const struct printer *pr, struct pim_msg *m, struct strbuf *sb)
{
	uint8_t subtype = m->c->p[1] >> 4;
	const char *who = subtype == 3 ? "offer" : "new winner";

	sb_printf(sb, "\n\t  %s,", tok_or(df_election_values, subtype, "Unknown"));
	if (!put_addr(pr, m, PIM_UNICAST, " rpa=", sb) || !pref_metric(m, "sender", sb))
		return false;
	if (subtype != 3 && subtype != 4)
		return true;
	sb_printf(sb, "\n\t  %s addr=", who);
	if (!put_addr(pr, m, PIM_UNICAST, "", sb) || !pref_metric(m, who, sb))
		return false;
	if (subtype == 3) {
		uint16_t interval = cur_be16(m->c, m->o);

		if (m->c->cut)
			return false;
		sb_printf(sb, " interval %dms", interval);
	}
	return true;
}

/* The message after its header; false where tcpdump prints its truncation mark. */
static bool pimv2_body(struct printer *pr, struct pview *v, struct pim_msg *m, uint8_t type,
		       struct strbuf *sb)
{
	struct cur *c = m->c;

	switch (type) {
	case PIMV2_HELLO:
		return hello(pr, m, sb);
	case PIMV2_REGISTER:
		return reg(pr, v, m, sb);
	case PIMV2_REGISTER_STOP:
		return put_addr(pr, m, PIM_GROUP, " group=", sb) &&
		       put_addr(pr, m, PIM_UNICAST, " source=", sb);
	case PIMV2_JOIN_PRUNE:
	case PIMV2_GRAFT:
	case PIMV2_GRAFT_ACK:
		return join_prune(pr, m, type, sb);
	case PIMV2_BOOTSTRAP:
		return bootstrap(pr, m, sb);
	case PIMV2_ASSERT:
		if (!put_addr(pr, m, PIM_GROUP, " group=", sb) ||
		    !put_addr(pr, m, PIM_UNICAST, " src=", sb) || m->len < 8 ||
		    !cur_has(c, m->o, 8))
			return false;
		if (c->p[m->o] & 0x80)
			sb_puts(sb, " RPT");
		sb_printf(sb, " pref=%u metric=%u", rd32(c->p + m->o) & 0x7fffffff,
			  rd32(c->p + m->o + 4));
		return true;
	case PIMV2_CANDIDATE_RP:
		return candidate_rp(pr, m, sb);
	case PIMV2_PRUNE_REFRESH:
		if (!put_addr(pr, m, PIM_UNICAST, " src=", sb) ||
		    !put_addr(pr, m, PIM_GROUP, " grp=", sb) ||
		    !put_addr(pr, m, PIM_UNICAST, " forwarder=", sb) || m->len < 2)
			return false;
		sb_puts(sb, " TUNR ");
		if (!cur_need(c, m->o, 2))
			return false;
		put_relts(sb, rd16(c->p + m->o));
		return true;
	case PIMV2_DF_ELECTION:
		return df_election(pr, m, sb);
	default:
		sb_printf(sb, " [type %u]", type);
		return true;
	}
}

/* pimv2_print: -v's header fields and the message. */
static void pimv2(struct printer *pr, struct pview *v, struct cur *c, uint32_t len,
		  struct strbuf *sb)
{
	struct pim_msg m = {c, 4, len - 4, 0};
	uint8_t type = c->p[0] & 0xf;

	c->proto = "pimv2";
	if (len < 2) {
		sb_printf(sb, "[length %u < 2] (invalid)", len);
		return;
	}
	m.addr_len = cur_u8(c, 1) & 0xf;
	if (c->cut)
		return;
	if (m.addr_len)
		sb_puts(sb, ", RFC2117-encoding");
	if (len < 4) {
		sb_printf(sb, "[length %u < 4] (invalid)", len);
		return;
	}
	if (!cur_need(c, 2, 2))
		return;
	put_cksum(v, c, type, len, sb);
	if (!pimv2_body(pr, v, &m, type, sb))
		c->cut = true;
}

bool print_pim(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
	       struct strbuf *sb)
{
	uint8_t typever = cur_u8(c, 0);

	if (c->cut)
		return true;
	if (typever >> 4 != 2) {
		sb_printf(sb, "PIMv%u, length %u", typever >> 4, length);
		return true;
	}
	if (!pr->o.vflag) {
		sb_printf(sb, "PIMv2, %s, length %u",
			  tok_or(pimv2_type_values, typever & 0xf, "Unknown Type"), length);
		return true;
	}
	sb_printf(sb, "PIMv2, length %u\n\t%s", length,
		  tok_or(pimv2_type_values, typever & 0xf, "Unknown Type"));
	pimv2(pr, v, c, length, sb);
	return true;
}
