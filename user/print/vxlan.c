// SPDX-License-Identifier: GPL-2.0-only
/*
 * VXLAN (RFC 7348) and Geneve (RFC 8926) as tcpdump 4.99.3's print-vxlan.c and print-geneve.c
 * print them: the header, Geneve's options (-v decodes them, -vv adds their data), then the
 * Ethernet frame or packet they carry.
 */
#include "ether.h"
#include "ethertype_name.h"
#include "network.h"
#include "proto.h"
#include "tok.h"
#include "tunnel.h"
#include "wire.h"

#define VXLAN_HDR_LEN 8
#define GENEVE_HDR_LEN 8
#define GENEVE_VER_SHIFT 6
#define GENEVE_OPTS_LEN_MASK 0x3f
#define GENEVE_OPT_CRITICAL 0x80
#define GENEVE_OPT_LEN_MASK 0x1f

static const struct tok vxlan_flags[] = {{0x08, "I"}, {0, NULL}};

static const struct tok geneve_flags[] = {
    {0x80, "O"},  {0x40, "C"},	{0x20, "R1"}, {0x10, "R2"}, {0x08, "R3"},
    {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"}, {0, NULL},
};

/* bittok2str_nosep(): the names of the bits set, run together, or `none`. */
static void put_bits_nosep(struct strbuf *sb, const struct tok *t, uint32_t v, const char *none)
{
	bool any = false;

	for (; t->s; t++) {
		if (v & t->v) {
			sb_puts(sb, t->s);
			any = true;
		}
	}
	if (!any)
		sb_puts(sb, none);
}

void print_vxlan(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		 uint32_t length, struct strbuf *sb)
{
	sb_puts(sb, "VXLAN");
	if (length < VXLAN_HDR_LEN) {
		sb_puts(sb, " (invalid)");
		return;
	}
	if (caplen < 1)
		goto trunc;
	sb_puts(sb, ", flags [");
	put_bits_nosep(sb, vxlan_flags, p[0], "invalid");
	sb_printf(sb, "] (0x%02x), ", p[0]);
	if (caplen < 7)
		goto trunc;
	sb_printf(sb, "vni %u\n", (uint32_t)p[4] << 16 | (uint32_t)p[5] << 8 | p[6]);
	if (caplen < VXLAN_HDR_LEN)
		goto trunc;
	print_inner(pr, v, 0, p + VXLAN_HDR_LEN, caplen - VXLAN_HDR_LEN, length - VXLAN_HDR_LEN,
		    sb);
	return;
trunc: /* a GET_ past the capture: tcpdump longjmps out */
	put_trunc(sb, "vxlan");
	v->lost = true;
}

static const char *geneve_class(uint16_t c)
{
	static const char *const known[] = {"Linux", "Open vSwitch",
					    "Open Virtual Networking (OVN)",
					    "In-band Network Telemetry (INT)", "VMware"};

	if (c >= 0x0100 && c <= 0x0104)
		return known[c - 0x0100];
	if (c <= 0x00ff)
		return "Standard";
	return c >= 0xfff0 ? "Experimental" : "Unknown";
}

/* geneve_opts_print: len bytes of options, all captured (the caller checked). */
static void put_geneve_opts(const struct printer *pr, const uint8_t *p, uint32_t len,
			    struct strbuf *sb)
{
	const char *sep = "";

	while (len > 0) {
		uint16_t cls = rd16(p);
		uint8_t type = p[2];
		uint32_t olen = 4 + (p[3] & GENEVE_OPT_LEN_MASK) * 4u;

		sb_puts(sb, sep);
		sep = ", ";
		sb_printf(sb, "class %s (0x%x) type 0x%x%s len %u", geneve_class(cls), cls, type,
			  type & GENEVE_OPT_CRITICAL ? "(C)" : "", olen);
		if (olen > len) {
			sb_puts(sb, " [bad length]");
			return;
		}
		if (pr->o.vflag > 1 && olen > 4) {
			sb_puts(sb, " data");
			for (uint32_t i = 4; i < olen; i += 4)
				sb_printf(sb, " %08x", rd32(p + i));
		}
		p += olen;
		len -= olen;
	}
}

/* What a Geneve header names: a packet by its ethertype, an Ethernet frame, or neither. */
static void geneve_payload(struct printer *pr, struct pview *v, uint16_t prot, const uint8_t *p,
			   uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	if (network_knows(prot, TCPDUMP_499))
		print_inner(pr, v, prot, p, caplen, length, sb);
	else if (prot == XS_ETH_P_TEB)
		print_inner(pr, v, 0, p, caplen, length, sb);
	else
		sb_printf(sb, "geneve-proto-0x%x", prot);
}

void print_geneve(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		  uint32_t length, struct strbuf *sb)
{
	uint32_t opts, vni;
	uint16_t prot;
	const char *name;

	sb_puts(sb, "Geneve");
	if (length < GENEVE_HDR_LEN) {
		sb_printf(sb, " [length %u < 8] (invalid)", length);
		return;
	}
	if (caplen < GENEVE_HDR_LEN) {
		put_trunc(sb, "geneve");
		return;
	}
	if (p[0] >> GENEVE_VER_SHIFT) {
		sb_printf(sb, " ERROR: unknown-version %u", p[0] >> GENEVE_VER_SHIFT);
		return;
	}
	prot = rd16(p + 2);
	vni = (uint32_t)p[4] << 16 | (uint32_t)p[5] << 8 | p[6];
	length -= GENEVE_HDR_LEN;
	sb_puts(sb, ", Flags [");
	put_bits_nosep(sb, geneve_flags, p[1], "none");
	sb_printf(sb, "], vni 0x%x", vni);
	if (p[7])
		sb_printf(sb, ", rsvd 0x%x", p[7]);
	name = ethertype_name(prot);
	if (pr->o.eflag)
		sb_printf(sb, ", proto %s (0x%04x)", name ? name : "unknown", prot);
	opts = (p[0] & GENEVE_OPTS_LEN_MASK) * 4u;
	if (length < opts) {
		sb_printf(sb, " truncated-geneve - %u bytes missing", opts - length);
		return;
	}
	if (caplen < GENEVE_HDR_LEN + opts) {
		put_trunc(sb, "geneve");
		return;
	}
	if (opts) {
		sb_puts(sb, ", options [");
		if (pr->o.vflag)
			put_geneve_opts(pr, p + GENEVE_HDR_LEN, opts, sb);
		else
			sb_printf(sb, "%u bytes", opts);
		sb_putc(sb, ']');
	}
	sb_puts(sb, pr->o.vflag ? "\n\t" : ": ");
	geneve_payload(pr, v, prot, p + GENEVE_HDR_LEN + opts, caplen - GENEVE_HDR_LEN - opts,
		       length - opts, sb);
}
