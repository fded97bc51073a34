// SPDX-License-Identifier: GPL-2.0-only
/*
 * What comes after the IP header (and, for IPv6, its extension headers), as tcpdump 4.99.3's
 * ip_demux_print() hands it on: AH headers (RFC 4302) one after the other, ESP (RFC 4303),
 * the transport printers, "no next header", or the protocol's name and length.
 */
#include "internal.h"

#define IPPROTO_ESP 50
#define IPPROTO_AH 51
#define IPPROTO_NONE 59

/* Where byte i after xoff stands: past tcpdump's snapshot, not held by us, or readable. */
enum at { AT_CUT, AT_GAP, AT_OK };

static enum at byte_at(const struct pview *v, uint32_t xoff, uint32_t i)
{
	if (i >= v->l4_avail)
		return AT_CUT;
	return (uint64_t)xoff + i < v->xcap ? AT_OK : AT_GAP;
}

/* Are bytes [i, i + n) after xoff readable? Else ends the record as tcpdump's GET_ does. */
static bool need(struct printer *pr, const struct pview *v, uint32_t xoff, uint32_t i, uint32_t n,
		 const char *proto, struct strbuf *sb)
{
	enum at a = byte_at(v, xoff, i + n - 1);

	if (a == AT_OK)
		return true;
	put_trunc(sb, a == AT_CUT ? proto : v->is6 ? "ip6" : "ip");
	pr->lost = true; /* tcpdump longjmps out of the record */
	return false;
}

/* print-ah.c ah_print; the header's length in bytes, 0 when the record ended. */
static uint32_t print_ah(struct printer *pr, const struct pview *v, uint32_t xoff,
			 struct strbuf *sb)
{
	const uint8_t *h = v->x + xoff;
	uint32_t hlen, i;

	sb_puts(sb, "AH");
	if (!need(pr, v, xoff, 1, 1, "ah", sb))
		return 0;
	hlen = (h[1] + 2u) * 4;
	sb_putc(sb, '(');
	if (pr->o.vflag)
		sb_printf(sb, "length=%u(%u-bytes),", h[1], hlen);
	if (!need(pr, v, xoff, 2, 2, "ah", sb))
		return 0;
	if (rd16(h + 2))
		sb_printf(sb, "reserved=0x%x[MustBeZero],", rd16(h + 2));
	if (!need(pr, v, xoff, 4, 4, "ah", sb))
		return 0;
	sb_printf(sb, "spi=0x%08x,", rd32(h + 4));
	if (!need(pr, v, xoff, 8, 4, "ah", sb))
		return 0;
	sb_printf(sb, "seq=0x%x,", rd32(h + 8));
	sb_puts(sb, "icv=0x");
	for (i = 12; i < hlen; i++) {
		if (!need(pr, v, xoff, i, 1, "ah", sb))
			return 0;
		sb_puthex(sb, h[i], 2);
	}
	sb_puts(sb, "): ");
	return hlen;
}

/* print-esp.c esp_print, without keys to decrypt with. */
static void print_esp(struct printer *pr, const struct pview *v, uint32_t xoff, struct strbuf *sb)
{
	if (v->l4_avail <= 8) {
		put_trunc(sb, "esp");
		return;
	}
	if (!need(pr, v, xoff, 0, 8, "esp", sb))
		return;
	sb_printf(sb, "ESP(spi=0x%08x,seq=0x%x), length %u", rd32(v->x + xoff),
		  rd32(v->x + xoff + 4), v->l4_len);
}

/* Does the event's transport layer start at byte xoff after the IP header, with protocol nh? */
static bool event_has(const struct pview *v, uint8_t nh, uint32_t xoff)
{
	const struct xs_event *ev = v->ev;
	uint32_t at = ev->l3_off + (v->is6 ? 40u : 20u) + xoff;

	return ev->l4_off == at && ev->l4_proto == nh;
}

static void requires(struct strbuf *sb, uint8_t nh, int version)
{
	sb_printf(sb, "[%s requires IPv%d] (invalid)", ipproto_name(nh), version);
}

void ip_demux(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff, struct strbuf *sb)
{
	for (;;) {
		uint32_t advance;
		uint8_t next;

		switch (nh) {
		case IPPROTO_AH:
			if (!v->l4_avail) {
				put_trunc(sb, "ah");
				return;
			}
			if (byte_at(v, xoff, 0) != AT_OK) {
				need(pr, v, xoff, 0, 1, "ah", sb);
				return;
			}
			next = v->x[xoff];
			advance = print_ah(pr, v, xoff, sb);
			if (!advance)
				return;
			/* tcpdump's unsigned arithmetic: a header longer than the packet wraps. */
			xoff += advance;
			v->l4_len -= advance;
			v->l4_avail = v->l4_avail > advance ? v->l4_avail - advance : 0;
			nh = next;
			continue;
		case IPPROTO_ESP:
			print_esp(pr, v, xoff, sb);
			return;
		case IPPROTO_NONE:
			sb_puts(sb, "no next header");
			return;
		case 1:
			if (v->is6) {
				requires(sb, nh, 4);
				return;
			}
			break;
		case 58:
			if (!v->is6) {
				requires(sb, nh, 6);
				return;
			}
			break;
		default:
			break;
		}
		break;
	}
	switch (nh) {
	case 6:
	case 17:
	case 1:
	case 58:
		/* The kernel parsed the transport header where tcpdump's walk ended, or not. */
		if (!event_has(v, nh, xoff)) {
			put_trunc(sb, v->is6 ? "ip6" : "ip");
			return;
		}
		demux(pr, v, sb);
		return;
	default:
		put_proto(pr, sb, nh);
		sb_putc(sb, ' ');
		sb_putu(sb, v->l4_len);
		return;
	}
}
