// SPDX-License-Identifier: GPL-2.0-only
/*
 * An outer IEEE 802.1AE MACsec SecTAG as tcpdump 4.99.3's macsec_print() meets it right after
 * the MAC addresses: the capture and length checks, a tag it calls invalid, -e's tag fields,
 * and an encrypted or changed payload, which it dumps raw. An integrity-only payload gets the
 * ICV and short length checks; its inner ethertype, which tcpdump goes on to print, is not
 * decoded here (macsec_frame() says so).
 */
#include "addr.h"
#include "dump.h"
#include "macsec.h"
#include "wire.h"

#define SECTAG_LEN 6
#define SECTAG_LEN_SCI 14
#define TCI_VERSION 0x80
#define TCI_SC 0x20
#define TCI_CONFID 0x0c /* E and C: the payload is encrypted or changed */
#define AN_MASK 0x03
#define SL_MASK 0x3f
#define ICV_LEN 16 /* MACSEC_DEFAULT_ICV_LEN */

/* macsec_print_header; the tag's bytes are held. */
static void put_header(const uint8_t *p, struct strbuf *sb)
{
	static const struct {
		uint8_t bit;
		char name;
	} flags[] = {{0x08, 'E'}, {0x04, 'C'}, {0x40, 'S'}, {0x10, 'B'}, {0x20, 'I'}};
	bool any = false;

	sb_printf(sb, "an %u, pn %u, flags ", p[0] & AN_MASK, rd32(p + 2));
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (p[0] & flags[i].bit) {
			sb_putc(sb, flags[i].name);
			any = true;
		}
	}
	if (!any)
		sb_puts(sb, "none");
	if (p[1] & SL_MASK)
		sb_printf(sb, ", sl %u", p[1] & SL_MASK);
	if (p[0] & TCI_SC)
		sb_printf(sb, ", sci %016llx", (unsigned long long)rd64(p + 6));
	sb_puts(sb, ", ");
}

/* An integrity-only payload: the ICV off its end, then the short length's checks. */
static enum macsec_result integrity_only(uint32_t short_length, uint32_t length, uint32_t caplen,
					 struct strbuf *sb)
{
	if (length < ICV_LEN || caplen < ICV_LEN ||
	    (short_length &&
	     (short_length > length - ICV_LEN || short_length > caplen - ICV_LEN))) {
		put_trunc(sb, "macsec");
		return MACSEC_DONE;
	}
	return MACSEC_INNER;
}

enum macsec_result macsec_frame(const struct printer *pr, const uint8_t *p, uint32_t length,
				uint32_t caplen, const uint8_t *src, const uint8_t *dst,
				struct strbuf *sb)
{
	uint32_t taglen;

	if (caplen < SECTAG_LEN || length < SECTAG_LEN) {
		put_trunc(sb, "macsec");
		return MACSEC_DONE;
	}
	taglen = (p[0] & TCI_SC) ? SECTAG_LEN_SCI : SECTAG_LEN;
	if (caplen < taglen || length < taglen) {
		put_trunc(sb, "macsec");
		return MACSEC_DONE;
	}
	if ((p[1] & ~SL_MASK) || (p[0] & TCI_VERSION)) {
		sb_puts(sb, " (invalid)");
		return MACSEC_DONE;
	}
	if (pr->o.eflag)
		put_header(p, sb);
	if (!(p[0] & TCI_CONFID))
		return integrity_only(p[1] & SL_MASK, length - taglen, caplen - taglen, sb);
	if (!pr->o.eflag) {
		put_mac(sb, src, TCPDUMP_499);
		sb_puts(sb, " > ");
		put_mac(sb, dst, TCPDUMP_499);
		sb_puts(sb, " 802.1AE MACsec, ");
		put_header(p, sb);
	}
	print_dump(sb, DUMP_HEX_ASCII, p + taglen, caplen - taglen);
	return MACSEC_DONE;
}
