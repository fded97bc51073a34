// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data of a DNS resource record, for the types tcpdump 4.99.3's ns_rprint() decodes
 * (addresses, names, SOA under -v, MX, TXT, SRV, A6, URI, TSIG, EDNS0's OPT with its options);
 * other types print their name alone.
 */
#include "dns.h"
#include "tok.h"
#include "wire.h"

enum {
	E_DAU = 5,
	E_DHU = 6,
	E_N3U = 7,
	E_ECS = 8,
	E_EXPIRE = 9,
	E_COOKIE = 10,
	E_KEEPALIVE = 11,
	E_PADDING = 12,
	E_CHAIN = 13,
	E_KEYTAG = 14,
};

static const struct tok edns_opts[] = {
    {1, "LLQ"},
    {2, "UL"},
    {3, "NSID"},
    {E_DAU, "DAU"},
    {E_DHU, "DHU"},
    {E_N3U, "N3U"},
    {E_ECS, "ECS"},
    {E_EXPIRE, "EXPIRE"},
    {E_COOKIE, "COOKIE"},
    {E_KEEPALIVE, "KEEPALIVE"},
    {E_PADDING, "PADDING"},
    {E_CHAIN, "CHAIN"},
    {E_KEYTAG, "KEY-TAG"},
    {16, "CLIENT-TAG"},
    {17, "SERVER-TAG"},
    {0, NULL},
};

static const struct tok dau_algs[] = {
    {0, "DELETE"},
    {1, "RSAMD5"},
    {2, "DH"},
    {3, "DS"},
    {5, "RSASHA1"},
    {6, "DSA-NSEC3-SHA1"},
    {7, "RSASHA1-NSEC3-SHA1"},
    {8, "RSASHA256"},
    {10, "RSASHA512"},
    {12, "ECC-GOST"},
    {13, "ECDSAP256SHA256"},
    {14, "ECDSAP384SHA384"},
    {15, "ED25519"},
    {16, "ED448"},
    {252, "INDIRECT"},
    {253, "PRIVATEDNS"},
    {254, "PRIVATEOID"},
    {0, NULL},
};

static const struct tok dhu_algs[] = {
    {1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST_R_34.11-94"}, {4, "SHA-384"}, {0, NULL},
};

static const struct tok n3u_algs[] = {
    {1, "SHA-1"},
    {0, NULL},
};

static void invalid(struct dns *d)
{
	sb_puts(d->sb, " (invalid)");
}

/* print_eopt_ecs(): family/source/scope, the address zero-padded. */
static void put_ecs(struct dns *d, const uint8_t *p, uint32_t n)
{
	uint8_t addr[16] = {0};
	uint32_t family, bits, src, scope;

	if (n < 4) {
		invalid(d);
		return;
	}
	family = rd16(p);
	src = p[2];
	scope = p[3];
	if (family != 1 && family != 2) {
		invalid(d);
		return;
	}
	bits = family == 1 ? 32 : 128;
	if (n - 4 > bits / 8 || src > bits || scope > bits || (src + 7) / 8 != n - 4) {
		invalid(d);
		return;
	}
	for (uint32_t i = 0; i < n - 4; i++)
		addr[i] = p[4 + i];
	if (family == 1)
		sb_put_ip4(d->sb, addr);
	else
		sb_put_ip6(d->sb, addr);
	sb_printf(d->sb, "/%u/%u", src, scope);
}

/* The bytes as algorithm names, space-separated. */
static void put_algs(struct dns *d, const struct tok *t, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			sb_putc(d->sb, ' ');
		put_tok(d->sb, t, p[i], "Alg_", "");
	}
}

static void put_opt_data(struct dns *d, uint32_t opt, const uint8_t *p, uint32_t n)
{
	switch (opt) {
	case E_ECS:
		put_ecs(d, p, n);
		return;
	case E_COOKIE:
		if (n < 8 || (n > 8 && n < 16) || n > 40) {
			invalid(d);
			return;
		}
		for (uint32_t i = 0; i < n; i++)
			sb_printf(d->sb, i == 8 ? " %02x" : "%02x", p[i]);
		return;
	case E_KEEPALIVE:
		if (n != 2)
			invalid(d);
		else
			sb_printf(d->sb, "%0.1f sec", rd16(p) / 10.0);
		return;
	case E_EXPIRE:
		if (n != 4)
			invalid(d);
		else
			sb_printf(d->sb, "%u sec", rd32(p));
		return;
	case E_PADDING:
		sb_printf(d->sb, "(%u)", n);
		return;
	case E_KEYTAG:
		if (n % 2) {
			invalid(d);
			return;
		}
		for (uint32_t i = 0; i < n; i += 2)
			sb_printf(d->sb, i ? " %u" : "%u", rd16(p + i));
		return;
	case E_DAU:
		put_algs(d, dau_algs, p, n);
		return;
	case E_DHU:
		put_algs(d, dhu_algs, p, n);
		return;
	case E_N3U:
		put_algs(d, n3u_algs, p, n);
		return;
	case E_CHAIN:
		dns_fqdn(d, (uint32_t)(p - d->bp));
		return;
	default:
		sb_puthexbytes(d->sb, p, n);
		return;
	}
}

/* eopt_print(): one EDNS0 option; its end, or -1. */
static int64_t put_opt(struct dns *d, uint32_t cp)
{
	uint32_t opt, n;

	if (cp + 2 > d->cap)
		return -1;
	opt = rd16(d->bp + cp);
	put_tok(d->sb, edns_opts, opt, "Opt", "");
	if (cp + 4 > d->cap)
		return -1;
	n = rd16(d->bp + cp + 2);
	cp += 4;
	if (cp + n > d->cap)
		return -1;
	if (n) {
		sb_putc(d->sb, ' ');
		put_opt_data(d, opt, d->bp + cp, n);
	}
	return cp + n;
}

static int64_t put_opt_rr(struct dns *d, const struct dns_rr *rr)
{
	int64_t cp = rr->cp;

	sb_printf(d->sb, " UDPsize=%u", rr->class);
	if (rr->opt_flags & 0x8000)
		sb_puts(d->sb, " DO");
	if (cp >= rr->rp)
		return rr->rp;
	sb_puts(d->sb, " [");
	while (cp < rr->rp) {
		if ((cp = put_opt(d, (uint32_t)cp)) < 0)
			return -1;
		if (cp < rr->rp)
			sb_putc(d->sb, ',');
	}
	sb_putc(d->sb, ']');
	return rr->rp;
}

static int64_t put_soa(struct dns *d, uint32_t cp)
{
	int64_t r;

	sb_putc(d->sb, ' ');
	if ((r = dns_fqdn(d, cp)) < 0)
		return -1;
	sb_putc(d->sb, ' ');
	if ((r = dns_fqdn(d, (uint32_t)r)) < 0)
		return -1;
	if ((uint64_t)r + 20 > d->cap)
		return -1;
	for (int64_t i = 0; i < 5; i++)
		sb_printf(d->sb, " %u", rd32(d->bp + r + 4 * i));
	return 0;
}

static int64_t put_a6(struct dns *d, uint32_t cp)
{
	uint8_t a[16] = {0};
	uint32_t pbit, pbyte;

	if (cp >= d->cap)
		return -1;
	pbit = d->bp[cp];
	pbyte = (pbit & ~7u) / 8;
	if (pbit > 128) {
		sb_printf(d->sb, " %u(bad plen)", pbit);
		return 0;
	}
	if (pbit < 128) {
		if (!dns_get(d, cp + 1, 16 - pbyte))
			return -1;
		for (uint32_t i = pbyte; i < 16; i++)
			a[i] = d->bp[cp + 1 + i - pbyte];
		sb_printf(d->sb, " %u ", pbit);
		sb_put_ip6(d->sb, a);
	}
	if (pbit > 0) {
		sb_putc(d->sb, ' ');
		if (dns_fqdn(d, cp + 1 + 16 - pbyte) < 0)
			return -1;
	}
	return 0;
}

static int64_t put_tsig(struct dns *d, uint32_t cp)
{
	static const char *const words[] = {
	    " fudge=", " maclen=", " origid=", " error=", " otherlen="};
	int64_t r;

	if (!d->vflag)
		return 0;
	sb_putc(d->sb, ' ');
	if ((r = dns_fqdn(d, cp)) < 0)
		return -1;
	r += 6;
	for (int i = 0; i < 5; i++) {
		if ((uint64_t)r + 2 > d->cap)
			return -1;
		sb_printf(d->sb, "%s%u", words[i], rd16(d->bp + r));
		r += 2 + (i == 1 ? rd16(d->bp + r) : 0);
	}
	return 0;
}

static int64_t put_txt(struct dns *d, const struct dns_rr *rr)
{
	int64_t cp = rr->cp;

	while (cp < rr->rp) {
		sb_puts(d->sb, " \"");
		if ((cp = dns_cstring(d, (uint32_t)cp)) < 0)
			return -1;
		sb_putc(d->sb, '"');
	}
	return 0;
}

/* MX: the name, then the preference; SRV: the name, then :port priority weight. */
static int64_t put_mx_srv(struct dns *d, const struct dns_rr *rr)
{
	uint32_t cp = rr->cp, fixed = rr->type == DNS_T_MX ? 2 : 6;

	sb_putc(d->sb, ' ');
	if (cp + fixed > d->cap)
		return -1;
	if (dns_fqdn(d, cp + fixed) < 0)
		return -1;
	if (rr->type == DNS_T_MX)
		sb_printf(d->sb, " %u", rd16(d->bp + cp));
	else
		sb_printf(d->sb, ":%u %u %u", rd16(d->bp + cp + 4), rd16(d->bp + cp),
			  rd16(d->bp + cp + 2));
	return 0;
}

static int64_t put_uri(struct dns *d, const struct dns_rr *rr)
{
	if (rr->cp + rr->len > d->cap || !dns_get(d, rr->cp, 4))
		return -1;
	sb_printf(d->sb, " %u %u ", rd16(d->bp + rr->cp), rd16(d->bp + rr->cp + 2));
	return dns_printn(d, rr->cp + 4, rr->len - 4) ? 0 : -1;
}

int64_t dns_rdata(struct dns *d, const struct dns_rr *rr)
{
	int64_t r = 0;

	switch (rr->type) {
	case DNS_T_A:
	case DNS_T_AAAA:
		if (rr->cp + (rr->type == DNS_T_A ? 4 : 16) > d->cap)
			return -1;
		sb_putc(d->sb, ' ');
		if (rr->type == DNS_T_A)
			sb_put_ip4(d->sb, d->bp + rr->cp);
		else
			sb_put_ip6(d->sb, d->bp + rr->cp);
		break;
	case DNS_T_NS:
	case DNS_T_CNAME:
	case DNS_T_PTR:
	case DNS_T_DNAME:
		sb_putc(d->sb, ' ');
		r = dns_fqdn(d, rr->cp);
		break;
	case DNS_T_SOA:
		if (d->vflag)
			r = put_soa(d, rr->cp);
		break;
	case DNS_T_MX:
	case DNS_T_SRV:
		r = put_mx_srv(d, rr);
		break;
	case DNS_T_TXT:
		r = put_txt(d, rr);
		break;
	case DNS_T_A6:
		r = put_a6(d, rr->cp);
		break;
	case DNS_T_URI:
		r = put_uri(d, rr);
		break;
	case DNS_T_OPT:
		r = put_opt_rr(d, rr);
		break;
	case DNS_T_UNSPECA:
		if (rr->cp + rr->len > d->cap || !dns_printn(d, rr->cp, rr->len))
			return -1;
		break;
	case DNS_T_TSIG:
		r = put_tsig(d, rr->cp);
		break;
	default:
		break;
	}
	return r < 0 ? -1 : (int64_t)rr->rp;
}
