// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DNS message over UDP (RFC 1035 4.1) as tcpdump 4.99.3's domain_print() sums it up: a
 * query as "id[op][+] [counts] TYPE? name. (len)", a response as "id[op][rcode][*-|$] [n q]
 * an/ns/ar records (len)", the extended rcode taken from an OPT record (RFC 6891). -vv adds
 * the other sections.
 */
#include "dns.h"
#include "wire.h"

enum {
	DNS_HLEN = 12,
	IQUERY = 1,
};

static const char *const ops[] = {
    "",	    " inv_q",	" stat",    " op3",	 " notify",  " update",	  " op6",      " op7",
    " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef",
};

/* ns_resp; two lack the leading space in tcpdump's table. */
static const char *const resp[] = {
    "",		 " FormErr", " ServFail", " NXDomain", " NotImp",  " Refused",
    " YXDomain", " YXRRSet", " NXRRSet",  " NotAuth",  " NotZone", " Resp11",
    " Resp12",	 " Resp13",  " Resp14",	  " NoChange", " BadVers", "Resp17",
    " Resp18",	 " Resp19",  " Resp20",	  "Resp21",    " Resp22",  " BadCookie",
};

/* The rcode with an OPT record's extension: domain_print() walks the sections to find one. */
static uint32_t full_rcode(const struct dns *d, uint16_t flags, const uint16_t *count)
{
	uint32_t rcode = flags & 0xf, i;
	int64_t cp = DNS_HLEN;

	for (i = 0; i < count[0]; i++) {
		if ((cp = dns_nskip(d, (uint32_t)cp)) < 0 || (cp += 4) >= d->cap)
			return rcode;
	}
	for (i = 0; i < (uint32_t)count[1] + count[2]; i++) {
		if ((cp = dns_nskip(d, (uint32_t)cp)) < 0 || (cp += 8) + 2 > d->cap)
			return rcode;
		if ((cp += 2 + rd16(d->bp + cp)) >= d->cap)
			return rcode;
	}
	for (i = 0; i < count[3]; i++) {
		uint16_t type;

		if ((cp = dns_nskip(d, (uint32_t)cp)) < 0 || cp + 2 > d->cap)
			return rcode;
		type = rd16(d->bp + cp);
		if ((cp += 4) + 1 > d->cap)
			return rcode;
		if (type == DNS_T_OPT)
			return rcode | (uint32_t)d->bp[cp] << 4;
		if ((cp += 4) + 2 > d->cap)
			return rcode;
		if ((cp += 2 + rd16(d->bp + cp)) >= d->cap)
			return rcode;
	}
	return rcode;
}

/* n records, the first after `first` and the others after commas, while bytes remain; false
 * when the record ends. */
static bool put_records(struct dns *d, int64_t *cp, uint32_t n, const char *first)
{
	if (!n)
		return true;
	if (*first && *cp >= d->cap)
		return false;
	sb_puts(d->sb, first);
	if ((*cp = dns_rprint(d, (uint32_t)*cp)) < 0)
		return false;
	for (n--; *cp < d->cap && n; n--) {
		sb_putc(d->sb, ',');
		if ((*cp = dns_rprint(d, (uint32_t)*cp)) < 0)
			return false;
	}
	return n == 0;
}

/* -vv: the authority and additional sections. */
static bool put_ns_ar(struct dns *d, int64_t *cp, const uint16_t *count)
{
	if (d->vflag < 2)
		return true;
	return put_records(d, cp, count[2], " ns:") && put_records(d, cp, count[3], " ar:");
}

static bool print_response(struct dns *d, uint16_t flags, const uint16_t *count)
{
	uint32_t rcode = full_rcode(d, flags, count);
	int64_t cp = DNS_HLEN;

	sb_printf(d->sb, "%u%s", rd16(d->bp), ops[flags >> 11 & 0xf]);
	if (rcode < sizeof(resp) / sizeof(resp[0]))
		sb_puts(d->sb, resp[rcode]);
	else
		sb_printf(d->sb, " Resp%u", rcode & 0xfff);
	sb_printf(d->sb, "%s%s%s%s", flags & 0x0400 ? "*" : "", flags & 0x0080 ? "" : "-",
		  flags & 0x0200 ? "|" : "", flags & 0x0020 ? "$" : "");
	if (count[0] != 1)
		sb_printf(d->sb, " [%uq]", count[0]);
	for (uint32_t i = 0; i < count[0]; i++) {
		if (i)
			sb_putc(d->sb, ',');
		if (d->vflag > 1) {
			sb_puts(d->sb, " q:");
			if ((cp = dns_qprint(d, (uint32_t)cp)) < 0)
				return false;
		} else {
			if ((cp = dns_nskip(d, (uint32_t)cp)) < 0)
				return false;
			cp += 4;
		}
	}
	sb_printf(d->sb, " %u/%u/%u", count[1], count[2], count[3]);
	return put_records(d, &cp, count[1], "") && put_ns_ar(d, &cp, count);
}

static bool print_query(struct dns *d, uint16_t flags, const uint16_t *count)
{
	uint32_t opcode = flags >> 11 & 0xf, n = count[0];
	int64_t cp = DNS_HLEN;

	sb_printf(d->sb, "%u%s%s%s", rd16(d->bp), ops[opcode], flags & 0x0100 ? "+" : "",
		  flags & 0x0010 ? "%" : "");
	if (flags & 0x6cf)
		sb_printf(d->sb, " [b2&3=0x%x]", flags);
	if (opcode == IQUERY) {
		if (count[0])
			sb_printf(d->sb, " [%uq]", count[0]);
		if (count[1] != 1)
			sb_printf(d->sb, " [%ua]", count[1]);
	} else {
		if (count[1])
			sb_printf(d->sb, " [%ua]", count[1]);
		if (count[0] != 1)
			sb_printf(d->sb, " [%uq]", count[0]);
	}
	if (count[2])
		sb_printf(d->sb, " [%un]", count[2]);
	if (count[3])
		sb_printf(d->sb, " [%uau]", count[3]);
	if (n) {
		if ((cp = dns_qprint(d, (uint32_t)cp)) < 0)
			return false;
		for (n--; cp < d->cap && n; n--)
			if ((cp = dns_qprint(d, (uint32_t)cp)) < 0)
				return false;
	}
	if (n)
		return false;
	if (d->vflag < 2)
		return true;
	return put_records(d, &cp, count[1], "") && put_ns_ar(d, &cp, count);
}

bool print_dns(const struct printer *pr, const uint8_t *p, uint32_t cap, uint32_t length, bool mdns,
	       bool *lost, struct strbuf *sb)
{
	struct dns d = {p, cap, sb, pr->o.vflag, mdns, false};
	uint16_t flags, count[4];
	bool ok;

	if (length < DNS_HLEN) {
		sb_printf(sb, "domain [length %u < %u] (invalid)", length, DNS_HLEN);
		return true;
	}
	if (cap < DNS_HLEN) {
		sb_puts(sb, " [|domain]");
		return false;
	}
	flags = rd16(p + 2);
	for (size_t i = 0; i < 4; i++)
		count[i] = rd16(p + 4 + 2 * i);
	ok = flags & 0x8000 ? print_response(&d, flags, count) : print_query(&d, flags, count);
	if (!ok) {
		sb_puts(sb, " [|domain]");
		*lost = d.lost;
		return false;
	}
	sb_printf(sb, " (%u)", length);
	return true;
}

bool print_dns_tcp(const struct printer *pr, const uint8_t *p, uint32_t cap, uint32_t length,
		   bool *lost, struct strbuf *sb)
{
	uint32_t prefix;

	if (length < 2) {
		sb_printf(sb, " [DNS over TCP: length %u < 2] (invalid)", length);
		return true;
	}
	length -= 2;
	if (cap < 2) {
		sb_puts(sb, " [|domain]");
		*lost = true;
		return false;
	}
	prefix = rd16(p);
	if (prefix != length) {
		sb_printf(sb, " [prefix length(%u) != length(%u)] (invalid)", prefix, length);
		return true;
	}
	sb_putc(sb, ' ');
	return print_dns(pr, p + 2, cap - 2, length, false, lost, sb);
}
