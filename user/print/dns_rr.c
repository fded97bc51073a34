// SPDX-License-Identifier: GPL-2.0-only
/*
 * DNS questions and resource records (RFC 1035 3.2, 4.1.2-3; EDNS0 options, RFC 6891) as
 * tcpdump 4.99.3's ns_qprint(), ns_rprint() and eopt_print() print them: the type, the class
 * when not IN, then per type the data it decodes.
 */
#include "dns.h"
#include "text.h"
#include "tok.h"
#include "wire.h"

static const struct tok types[] = {
    {1, "A"},	   {2, "NS"},	   {3, "MD"},	     {4, "MF"},	       {5, "CNAME"},
    {6, "SOA"},	   {7, "MB"},	   {8, "MG"},	     {9, "MR"},	       {10, "NULL"},
    {11, "WKS"},   {12, "PTR"},	   {13, "HINFO"},    {14, "MINFO"},    {15, "MX"},
    {16, "TXT"},   {17, "RP"},	   {18, "AFSDB"},    {19, "X25"},      {20, "ISDN"},
    {21, "RT"},	   {22, "NSAP"},   {23, "NSAP_PTR"}, {24, "SIG"},      {25, "KEY"},
    {26, "PX"},	   {27, "GPOS"},   {28, "AAAA"},     {29, "LOC"},      {30, "NXT"},
    {31, "EID"},   {32, "NIMLOC"}, {33, "SRV"},	     {34, "ATMA"},     {35, "NAPTR"},
    {36, "KX"},	   {37, "CERT"},   {38, "A6"},	     {39, "DNAME"},    {40, "SINK"},
    {41, "OPT"},   {42, "APL"},	   {43, "DS"},	     {44, "SSHFP"},    {45, "IPSECKEY"},
    {46, "RRSIG"}, {47, "NSEC"},   {48, "DNSKEY"},   {99, "SPF"},      {100, "UINFO"},
    {101, "UID"},  {102, "GID"},   {103, "UNSPEC"},  {104, "UNSPECA"}, {249, "TKEY"},
    {250, "TSIG"}, {251, "IXFR"},  {252, "AXFR"},    {253, "MAILB"},   {254, "MAILA"},
    {255, "ANY"},  {256, "URI"},   {0, NULL},
};

static const struct tok classes[] = {
    {1, "IN"}, {3, "CHAOS"}, {4, "HS"}, {255, "ANY"}, {0, NULL},
};

const char *dns_type_name(uint32_t type)
{
	return tok_name(types, type);
}

static void put_type(struct strbuf *sb, uint32_t type)
{
	sb_putc(sb, ' ');
	put_tok(sb, types, type, "Type", "");
}

static void put_class(struct strbuf *sb, uint32_t class)
{
	sb_putc(sb, ' ');
	put_tok(sb, classes, class, "(Class ", ")");
}

int64_t dns_qprint(struct dns *d, uint32_t cp)
{
	int64_t end = dns_nskip(d, cp), r;
	uint32_t type, class;

	if (end < 0 || (uint64_t)end + 4 > d->cap)
		return -1;
	type = rd16(d->bp + end);
	class = rd16(d->bp + end + 2);
	put_type(d->sb, type);
	if ((d->mdns ? class & ~DNS_C_QU : class) != DNS_C_IN)
		put_class(d->sb, d->mdns ? class & ~DNS_C_QU : class);
	if (d->mdns)
		sb_puts(d->sb, class & DNS_C_QU ? " (QU)" : " (QM)");
	sb_puts(d->sb, "? ");
	r = dns_fqdn(d, cp);
	return r < 0 ? -1 : r + 4;
}

int64_t dns_rprint(struct dns *d, uint32_t cp)
{
	uint32_t type, rawclass, class, len;
	uint16_t opt_flags = 0;
	int64_t r;

	if (d->vflag) {
		sb_putc(d->sb, ' ');
		if ((r = dns_fqdn(d, cp)) < 0)
			return -1;
	} else {
		r = dns_nskip(d, cp);
	}
	if (r < 0 || (uint64_t)r + 10 > d->cap)
		return d->cap;
	cp = (uint32_t)r;
	type = rd16(d->bp + cp);
	rawclass = rd16(d->bp + cp + 2);
	class = d->mdns ? rawclass & ~DNS_C_QU : rawclass;
	if (class != DNS_C_IN && type != DNS_T_OPT)
		put_class(d->sb, class);
	if (d->mdns && (rawclass & DNS_C_QU))
		sb_puts(d->sb, " (Cache flush)");
	if (type == DNS_T_OPT) {
		opt_flags = rd16(d->bp + cp + 6);
	} else if (d->vflag > 2) {
		sb_puts(d->sb, " [");
		put_relts(d->sb, rd32(d->bp + cp + 4));
		sb_putc(d->sb, ']');
	}
	len = rd16(d->bp + cp + 8);
	cp += 10;
	put_type(d->sb, type);
	if (cp + len > d->cap)
		return -1;
	return dns_rdata(d, &(struct dns_rr){type, class, opt_flags, cp, cp + len, len});
}
