// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ICMPv6 message (RFC 4443, RFC 4861, RFC 2710/3810) from the frame's bytes, as tcpdump
 * 4.99.3's icmp6_print() words it: -v's checksum verdict first, the type, then per type the
 * code, the quoted packet's destination and port, neighbour discovery's addresses, flags and
 * (-v) options, MLD's records. Router renumbering, node information and RPL print their type.
 */
#include "addr.h"
#include "icmp6.h"
#include "csum.h"
#include "proto.h"
#include "pseudo.h"
#include "tok.h"
#include "wire.h"

static const struct tok types[] = {
    {1, "destination unreachable"},
    {2, "packet too big"},
    {3, "time exceeded in-transit"},
    {4, "parameter problem"},
    {128, "echo request"},
    {129, "echo reply"},
    {130, "multicast listener query"},
    {131, "multicast listener report"},
    {132, "multicast listener done"},
    {133, "router solicitation"},
    {134, "router advertisement"},
    {135, "neighbor solicitation"},
    {136, "neighbor advertisement"},
    {137, "redirect"},
    {138, "router renumbering"},
    {141, "inverse neighbor solicitation"},
    {142, "inverse neighbor advertisement"},
    {143, "multicast listener report v2"},
    {144, "ha discovery request"},
    {145, "ha discovery reply"},
    {146, "mobile router solicitation"},
    {147, "mobile router advertisement"},
    {139, "who-are-you request"},
    {140, "who-are-you reply"},
    {201, "mtrace message"},
    {200, "mtrace response"},
    {155, "RPL"},
    {0, NULL},
};

static const struct tok unreach_codes[] = {
    {0, "unreachable route"},	{1, " unreachable prohibited"}, {2, "beyond scope"},
    {3, "unreachable address"}, {4, "unreachable port"},	{0, NULL},
};

static const struct tok param_codes[] = {
    {0, ", erroneous - octet "},
    {1, ", next header - octet "},
    {2, ", option - octet "},
    {3, ", incomplete header chain - octet "},
    {0, NULL},
};

static const struct tok ra_flags[] = {
    {0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x02, "ipv6 only"},
    {0, NULL},
};

static const struct tok na_flags[] = {
    {0x80000000, "router"},
    {0x40000000, "solicited"},
    {0x20000000, "override"},
    {0, NULL},
};

enum { Q = 8, Q_SRC = Q + 8, Q_DST = Q + 24 };

/* get_upperlayer(): the quoted packet's transport protocol and destination port, through its
 * extension headers; false when the capture ends first. */
static bool quoted_port(const struct i6 *m, uint32_t *prot, uint16_t *dport)
{
	uint32_t off = Q, hlen = XS_IP6_HLEN, nh;

	if (m->n < Q + 7)
		return false;
	nh = m->p[Q + 6];
	while (off < m->n) {
		off += hlen;
		switch (nh) {
		case XS_IPPROTO_UDP:
		case XS_IPPROTO_TCP:
			if ((uint64_t)off + 4 > m->n)
				return false;
			*prot = nh;
			*dport = rd16(m->p + off + 2);
			return true;
		case XS_IPPROTO_HOPOPTS:
		case XS_IPPROTO_DSTOPTS:
		case XS_IPPROTO_ROUTING:
		case XS_IPPROTO_AH:
			if ((uint64_t)off + 2 > m->n)
				return false;
			hlen = nh == XS_IPPROTO_AH ? (m->p[off + 1] + 2u) << 2
						   : (m->p[off + 1] + 1u) << 3;
			nh = m->p[off];
			break;
		case XS_IPPROTO_FRAGMENT:
			if ((uint64_t)off + 4 > m->n || (rd16(m->p + off + 2) & 0xfff8))
				return false;
			nh = m->p[off];
			hlen = XS_IP6_FRAG_HLEN;
			break;
		default:
			return false;
		}
	}
	return false;
}

static bool unreach_port(struct i6 *m)
{
	uint32_t prot = 0;
	uint16_t dport = 0;

	if (!quoted_port(m, &prot, &dport) || !i6_addr(m, Q_DST, ", "))
		return false;
	if (prot == XS_IPPROTO_TCP || prot == XS_IPPROTO_UDP) {
		sb_puts(m->sb, prot == XS_IPPROTO_TCP ? " tcp port " : " udp port ");
		put_port(m->pr, m->sb, dport, prot == XS_IPPROTO_UDP);
	} else {
		sb_printf(m->sb, " protocol %u port %u unreachable", prot, dport);
	}
	return true;
}

/* Destination unreachable; *done when tcpdump returns before ", length". */
static bool unreach(struct i6 *m, uint8_t code, bool *done)
{
	sb_puts(m->sb, ", ");
	put_tok(m->sb, unreach_codes, code, "unknown unreach code (", ")");
	switch (code) {
	case 0:
	case 1:
	case 3:
		return i6_addr(m, Q_DST, " ");
	case 2: /* one ND_PRINT: both addresses are read before it */
		if (!i6_get(m, Q_SRC, 32))
			return false;
		return i6_addr(m, Q_DST, " ") && i6_addr(m, Q_SRC, ", source address ");
	case 4:
		return unreach_port(m);
	default:
		if (m->vflag <= 1) {
			i6_unknown(m, 0, "\n\t", m->len);
			*done = true;
		}
		return true;
	}
}

static bool errors(struct i6 *m, uint8_t type, uint8_t code, bool *done)
{
	const char *word;

	switch (type) {
	case 1:
		return unreach(m, code, done);
	case 2:
		if (!i6_get(m, 4, 4))
			return false;
		sb_printf(m->sb, ", mtu %u", rd32(m->p + 4));
		return true;
	case 3:
		if (code == 0)
			return i6_addr(m, Q_DST, " for ");
		if (code == 1)
			sb_puts(m->sb, " (reassembly)");
		else
			sb_printf(m->sb, ", unknown code (%u)", code);
		return true;
	default:
		if (m->n < Q_DST + 16)
			return false;
		if (!(word = tok_name(param_codes, code))) {
			sb_printf(m->sb, ", code-#%u", code);
			return true;
		}
		sb_printf(m->sb, "%s%u", word, rd32(m->p + 4));
		return true;
	}
}

static bool router_advert(struct i6 *m)
{
	if (!i6_get(m, 4, 12))
		return false;
	sb_printf(m->sb, "\n\thop limit %u, Flags [", m->p[4]);
	put_bits(m->sb, ra_flags, m->p[5], "none");
	sb_puts(m->sb, "], pref ");
	i6_rtpref(m, m->p[5]);
	sb_printf(m->sb, ", router lifetime %us, reachable time %ums, retrans timer %ums",
		  rd16(m->p + 6), rd32(m->p + 8), rd32(m->p + 12));
	return i6_options(m, 16);
}

/* Neighbour discovery: solicitations, advertisements, redirects. */
static bool nd(struct i6 *m, uint8_t type)
{
	switch (type) {
	case 133:
		return !m->vflag || i6_options(m, 8);
	case 134:
		return !m->vflag || router_advert(m);
	case 135:
	case 136:
		if (!i6_addr(m, 8, type == 135 ? ", who has " : ", tgt is "))
			return false;
		if (!m->vflag)
			return true;
		if (type == 136) {
			sb_puts(m->sb, ", Flags [");
			put_bits(m->sb, na_flags, rd32(m->p + 4), "none");
			sb_putc(m->sb, ']');
		}
		return i6_options(m, 24);
	default:
		if (!i6_addr(m, 24, ", ") || !i6_addr(m, 8, " to "))
			return false;
		return !m->vflag || i6_options(m, 40);
	}
}

static bool mobile(struct i6 *m, uint8_t type)
{
	uint16_t flags;

	if (type != 144 && type != 146 && !m->vflag)
		return true;
	if (!i6_get(m, 4, 2))
		return false;
	sb_printf(m->sb, ", id 0x%04x", rd16(m->p + 4));
	if (type == 145) {
		for (uint32_t off = 8; off < m->len; off += 16) {
			if (!i6_addr(m, off, ", "))
				return false;
		}
	} else if (type == 147) {
		if (!i6_get(m, 6, 2))
			return false;
		flags = rd16(m->p + 6);
		sb_printf(m->sb, "%s%s%s", flags & 0xc000 ? " " : "", flags & 0x8000 ? "M" : "",
			  flags & 0x4000 ? "O" : "");
		return i6_options(m, 8);
	}
	return true;
}

/* The words after the type's name; false when the record ends, *done when the line does. */
static bool body(struct i6 *m, uint8_t type, uint8_t code, bool *done)
{
	switch (type) {
	case 1:
	case 2:
	case 3:
	case 4:
		return errors(m, type, code, done);
	case 128:
	case 129:
		if (!i6_get(m, 4, 4))
			return false;
		sb_printf(m->sb, ", id %u, seq %u", rd16(m->p + 4), rd16(m->p + 6));
		return true;
	case 130:
		if (m->len == 24) {
			i6_mld(m);
		} else if (m->len >= 28) {
			sb_puts(m->sb, " v2");
			return i6_mldv2_query(m);
		} else {
			sb_printf(m->sb, " unknown-version (len %u) ", m->len);
		}
		return true;
	case 131:
	case 132:
		i6_mld(m);
		return true;
	case 133:
	case 134:
	case 135:
	case 136:
	case 137:
		return nd(m, type);
	case 143:
		return i6_mldv2_report(m);
	case 144:
	case 145:
	case 146:
	case 147:
		return mobile(m, type);
	case 138:
	case 139:
	case 140:
	case 141:
	case 142:
	case 155:
		return true;
	default:
		sb_printf(m->sb, ", length %u", m->len);
		if (m->vflag <= 1)
			i6_unknown(m, 0, "\n\t", m->len);
		*done = true;
		return true;
	}
}

static void put_cksum(struct i6 *m, const struct pview *v)
{
	uint16_t field, sum;

	if (!m->vflag || v->fragmented || m->n < m->len)
		return;
	if (!i6_get(m, 2, 2))
		return;
	field = rd16(m->p + 2);
	sum = l4_cksum(v, XS_IPPROTO_ICMPV6, m->p, m->len);
	if (sum)
		sb_printf(m->sb, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", field,
			  csum_shouldbe(field, sum));
	else
		sb_puts(m->sb, "[icmp6 sum ok] ");
}

bool print_icmp6_bytes(const struct printer *pr, struct pview *v, const uint8_t *p, uint32_t n,
		       struct strbuf *sb)
{
	struct i6 m = {pr, p, n, v->l4_len, pr->o.vflag, sb, false};
	bool done = false;
	uint8_t type;

	if (!m.len) {
		sb_puts(sb, "ICMP6, length 0 (invalid)");
		return true;
	}
	put_cksum(&m, v);
	if (!m.lost && i6_get(&m, 0, 1)) {
		type = p[0];
		sb_puts(sb, "ICMP6, ");
		put_tok(sb, types, type, "unknown icmp6 type (", ")");
		if (m.vflag && ((type >= 133 && type <= 137) || type == 145 || type == 147))
			sb_printf(sb, ", length %u", m.len);
		if (i6_get(&m, 1, 1) && body(&m, type, p[1], &done)) {
			if (!done && !m.vflag)
				sb_printf(sb, ", length %u", m.len);
			return true;
		}
	}
	put_trunc(sb, "icmp6");
	v->lost = m.lost;
	return false;
}
