// SPDX-License-Identifier: GPL-2.0-only
/*
 * PPPoE (RFC 2516) as tcpdump 4.99.3's print-pppoe.c prints it: the header's version, type,
 * code, length and session, and a discovery packet's tags as text or hex. A session packet's
 * PPP payload is not decoded.
 */
#include "ethertype.h"
#include "tok.h"

#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define PPPOE_MAXTAGPRINT 80
#define PPPOE_PADI_MAX (1484 - PPPOE_HDRLEN)

static const struct tok pppoecode2str[] = {
    {PPPOE_PADI, "PADI"},
    {0x07, "PADO"},
    {0x19, "PADR"},
    {0x65, "PADS"},
    {0xa7, "PADT"},
    {0, ""}, /* PPP data */
    {0, NULL},
};

static const struct tok pppoetag2str[] = {
    {0, "EOL"},
    {0x0101, "Service-Name"},
    {0x0102, "AC-Name"},
    {0x0103, "Host-Uniq"},
    {0x0104, "AC-Cookie"},
    {0x0105, "Vendor-Specific"},
    {0x0110, "Relay-Session-ID"},
    {0x0120, "PPP-Max-Payload"},
    {0x0201, "Service-Name-Error"},
    {0x0202, "AC-System-Error"},
    {0x0203, "Generic-Error"},
    {0, NULL},
};

static void put_tag_name(struct strbuf *sb, uint16_t type)
{
	const char *name = tok_name(pppoetag2str, type);

	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "TAG-0x%x", type);
}

/* A tag's value: as text when most of its first 79 bytes are printable, else in hex. */
static void put_tag_value(struct strbuf *sb, const uint8_t *v, uint16_t len, uint16_t type)
{
	unsigned ascii = 0, garbage = 0, n = 0;
	char text[PPPOE_MAXTAGPRINT];

	for (; n < len && n < PPPOE_MAXTAGPRINT - 1; n++) {
		if (v[n] >= 0x20 && v[n] < 0x7f) {
			text[n] = (char)v[n];
			ascii++;
		} else {
			text[n] = '.';
			garbage++;
		}
	}
	sb_puts(sb, " [");
	put_tag_name(sb, type);
	if (ascii > garbage) {
		sb_puts(sb, " \"");
		sb_putn(sb, text, n);
		sb_puts(sb, "\"]");
		return;
	}
	sb_puts(sb, " 0x");
	for (unsigned i = 0; i < len; i++)
		sb_printf(sb, "%02X", v[i]);
	sb_putc(sb, ']');
}

static void put_tags(struct cur *c, uint32_t plen, struct strbuf *sb)
{
	uint32_t off = PPPOE_HDRLEN, end = PPPOE_HDRLEN + plen;
	uint16_t type = 0xffff, len;

	while (type && off < end) {
		type = cur_be16(c, off);
		len = cur_be16(c, off + 2);
		if (c->cut)
			return;
		off += 4;
		if (len) {
			if (!cur_need(c, off, len))
				return;
			put_tag_value(sb, c->p + off, len, type);
		} else {
			sb_puts(sb, " [");
			put_tag_name(sb, type);
			sb_putc(sb, ']');
		}
		off += len;
	}
}

void print_pppoe(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint8_t ver, type, code;
	uint16_t ses, plen;

	(void)pr;
	if (length < PPPOE_HDRLEN) {
		sb_printf(sb, " (length %u < %u) (invalid)", length, PPPOE_HDRLEN);
		return;
	}
	length -= PPPOE_HDRLEN;
	if (!cur_need(c, 0, PPPOE_HDRLEN))
		return;
	ver = c->p[0] >> 4;
	type = c->p[0] & 0x0f;
	code = c->p[1];
	ses = cur_be16(c, 2);
	plen = cur_be16(c, 4);
	if (ver != 1)
		sb_printf(sb, " [ver %u]", ver);
	if (type != 1)
		sb_printf(sb, " [type %u]", type);
	sb_puts(sb, "PPPoE ");
	if (tok_name(pppoecode2str, code))
		sb_puts(sb, tok_name(pppoecode2str, code));
	else
		sb_printf(sb, "PAD-%x", code);
	if (code == PPPOE_PADI && plen > PPPOE_PADI_MAX)
		sb_printf(sb, " [len %u!]", plen);
	if (plen > length) {
		sb_printf(sb, " [len %u > %u!]", plen, length);
		plen = (uint16_t)length;
	}
	if (ses)
		sb_printf(sb, " [ses 0x%x]", ses);
	if (code)
		put_tags(c, plen, sb);
	else
		sb_putc(sb, ' '); /* the PPP payload is not decoded */
}
