// SPDX-License-Identifier: GPL-2.0-only
/*
 * Spanning tree BPDUs (IEEE 802.1D, 802.1w RSTP) as tcpdump 4.99.3's stp_print() prints them:
 * the protocol and BPDU type, a configuration BPDU's bridge and (-v) timers. MSTP and SPB
 * BPDUs print their first line only.
 */
#include "llc.h"
#include "tok.h"
#include "view.h"

#define STP_BPDU_LEN 36 /* sizeof(struct stp_bpdu_): through the version 1 length byte */
#define STP_MSTP_MIN_LEN 102
#define STP_VER3_LEN_OFF 36
#define STP_TIME_BASE 256.0f /* timers count 1/256 s */

enum { STP_REGULAR = 0, STP_RAPID = 2, STP_MSTP = 3, STP_SPB = 4 };
enum { BPDU_CONFIG = 0, BPDU_RSTP = 2, BPDU_TOPO_CHANGE = 0x80 };

static const struct tok stp_proto_values[] = {
    {STP_REGULAR, "802.1d"},
    {STP_RAPID, "802.1w"},
    {STP_MSTP, "802.1s"},
    {STP_SPB, "802.1aq"},
    {0, NULL},
};

static const struct tok bpdu_flag_values[] = {
    {0x01, "Topology change"},
    {0x02, "Proposal"},
    {0x10, "Learn"},
    {0x20, "Forward"},
    {0x40, "Agreement"},
    {0x80, "Topology change ACK"},
    {0, NULL},
};

static const struct tok bpdu_type_values[] = {
    {BPDU_CONFIG, "Config"},
    {BPDU_RSTP, "Rapid STP"},
    {BPDU_TOPO_CHANGE, "Topology Change"},
    {0, NULL},
};

static const struct tok port_role_values[] = {
    {0, "Unknown"}, {1, "Alternate"}, {2, "Root"}, {3, "Designated"}, {0, NULL},
};

/* stp_print_bridge_id: "pppp.aa:bb:cc:dd:ee:ff"; false when cut. */
static bool put_bridge_id(struct cur *c, uint32_t off, struct strbuf *sb)
{
	if (!cur_need(c, off, 8))
		return false;
	sb_printf(sb, "%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", c->p[off], c->p[off + 1],
		  c->p[off + 2], c->p[off + 3], c->p[off + 4], c->p[off + 5], c->p[off + 6],
		  c->p[off + 7]);
	return true;
}

static void put_timers(struct cur *c, struct strbuf *sb)
{
	uint16_t age = cur_be16(c, 27), max = cur_be16(c, 29), hello = cur_be16(c, 31);
	uint16_t fwd = cur_be16(c, 33);

	if (c->cut)
		return;
	sb_printf(sb,
		  "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		  (double)(age / STP_TIME_BASE), (double)(max / STP_TIME_BASE),
		  (double)(hello / STP_TIME_BASE), (double)(fwd / STP_TIME_BASE));
}

static void config_bpdu(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t flags = cur_u8(c, 4);

	if (c->cut)
		return;
	sb_puts(sb, ", Flags [");
	put_bits(sb, bpdu_flag_values, flags, "none");
	sb_putc(sb, ']');
	/* Each of tcpdump's lines reads all its fields before it prints any. */
	if (!cur_need(c, 17, 10))
		return;
	sb_puts(sb, ", bridge-id ");
	put_bridge_id(c, 17, sb);
	sb_printf(sb, ".%04x, length %u", cur_be16(c, 25), length);
	if (!pr->o.vflag)
		return;
	put_timers(c, sb);
	if (c->cut || !cur_need(c, 5, 12))
		return;
	sb_puts(sb, "\n\troot-id ");
	put_bridge_id(c, 5, sb);
	sb_printf(sb, ", root-pathcost %u", cur_be32(c, 13));
	if (cur_u8(c, 2) == STP_RAPID) {
		sb_puts(sb, ", port-role ");
		put_tok(sb, port_role_values, (flags & 0x0c) >> 2, "Unknown", "");
	}
}

/* A BPDU whose length its type needs; false prints tcpdump's " (invalid)". */
static bool rstp_bpdu(const struct printer *pr, struct cur *c, uint32_t length, uint8_t version,
		      struct strbuf *sb)
{
	uint32_t mstp_len;

	if (version == STP_RAPID) {
		if (length < STP_BPDU_LEN)
			return false;
		config_bpdu(pr, c, length, sb);
		return true;
	}
	if (version != STP_MSTP && version != STP_SPB)
		return true;
	if (length < STP_MSTP_MIN_LEN)
		return false;
	if (cur_u8(c, 35) != 0)
		return c->cut;
	mstp_len = cur_be16(c, STP_VER3_LEN_OFF) + 2u;
	if (c->cut)
		return true;
	if (length < STP_BPDU_LEN + mstp_len)
		return false;
	sb_puts(sb, ", CIST Flags [");
	put_bits(sb, bpdu_flag_values, cur_u8(c, 4), "none");
	sb_printf(sb, "], length %u", length);
	return true;
}

static void stp_body(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t version, type;
	bool ok = true;

	if (length < 4) {
		sb_puts(sb, " (invalid)");
		return;
	}
	if (cur_be16(c, 0)) {
		sb_printf(sb, "unknown STP version, length %u", length);
		return;
	}
	version = cur_u8(c, 2);
	if (c->cut)
		return;
	if (!tok_name(stp_proto_values, version)) {
		sb_printf(sb, "STP Unknown STP protocol (0x%02x)", version);
		return;
	}
	sb_puts(sb, "STP ");
	sb_puts(sb, tok_name(stp_proto_values, version));
	type = cur_u8(c, 3);
	if (c->cut)
		return;
	sb_puts(sb, ", ");
	if (tok_name(bpdu_type_values, type))
		sb_puts(sb, tok_name(bpdu_type_values, type));
	else
		sb_printf(sb, "Unknown BPDU Type (0x%02x)", type);
	if (type == BPDU_CONFIG) {
		if (length < STP_BPDU_LEN - 1)
			ok = false;
		else
			config_bpdu(pr, c, length, sb);
	} else if (type == BPDU_RSTP) {
		ok = rstp_bpdu(pr, c, length, version, sb);
	}
	if (!ok)
		sb_puts(sb, " (invalid)");
}

void print_stp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	stp_body(pr, c, length, sb);
	if (c->cut)
		put_trunc(sb, "stp");
}
