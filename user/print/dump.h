/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcpdump 4.99.3's packet dumps (-x, -xx, -X, -XX, -A, -AA: print.c's pretty_print_packet with
 * hex_print, hex_and_ascii_print and ascii_print of print-ascii.c), appended to a strbuf.
 * Pure formatting: the caller picks the byte range and ends the record.
 */
#ifndef XDPSPY_PRINT_DUMP_H
#define XDPSPY_PRINT_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum dump_kind {
	DUMP_HEX, /* -x, -xx: "\n\t0x%04x: " then up to 8 " %02x%02x" words, odd byte " %02x" */
	DUMP_HEX_ASCII, /* -X, -XX: the same words padded to 40 columns, "  ", then isgraph or '.' */
	DUMP_ASCII, /* -A, -AA: "\n", then the bytes; a CR is dropped or shown as '.' */
};

/*
 * Appends the dump of p[0..len) to sb: exactly what tcpdump prints between the end of the
 * packet's line (which may end in a truncation mark such as " [|http]") and the record's final
 * "\n". A record is therefore: line, print_dump(), then "\n"; every dump starts with its own
 * "\n", so the caller adds nothing in between. len == 0 appends nothing, as tcpdump does.
 *
 * The caller's part, as print.c does it:
 *  - kind: -X wins over -x, and -x over -A, whatever the order given, and only the winner's
 *    count matters: -X -A is DUMP_HEX_ASCII, -AA -x dumps like -x.
 *  - range, single flag (-x, -X, -A): from the end of the link-layer header, all VLAN tags
 *    included, to the end of the captured frame (caplen, so Ethernet padding and bytes past the
 *    IP length are dumped). tcpdump learns that header's length only when its link printer
 *    returns, which has two consequences:
 *      - a longjmp out of the line (a read past the captured bytes; print.c then prints
 *        " [|proto]") leaves it 0 and the dump covers the whole frame, as if the flag were
 *        doubled. Seen: print_tcp_payload()'s APP_TRUNCATED; a frame ending exactly where its
 *        link-layer header ends (caplen 14, or 14 + 4 per VLAN tag: " [|ip]"); TCP options cut
 *        at an option boundary ("options [mss 1460,sackOK, [|tcp]"). Not a longjmp: options
 *        cut inside an option ("TS [|tcp]>"), fewer than 20 bytes of TCP header captured, an
 *        RST's "[!RST", and a text line that runs to the end of the payload (" [|smtp]").
 *      - a frame cut inside the link-layer header (" [|ether]", " [|vlan]") dumps nothing.
 *  - range, doubled flag (-xx, -XX, -AA): the whole captured frame, link-layer header included.
 *  - The dump follows a truncated line too: truncation ends the line, never the dump.
 * Offsets are "%04x", so frames past 64 KiB widen to five digits, like tcpdump's.
 */
void print_dump(struct strbuf *sb, enum dump_kind kind, const uint8_t *p, size_t len);

/* hex_print(): the words of p[0, len) as -x prints them, each line after ident ("\n\t  "), for
 * decoders that show what they do not decode (print_unknown_data). */
void print_hex_lines(struct strbuf *sb, const char *ident, const uint8_t *p, size_t len);

#endif
