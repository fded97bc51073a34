/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tcpdump 4.99.3's tcp_print() appends after ", length N" when the segment carries data:
 * the RST text (-v), the text protocols (SMTP, WHOIS, FTP, HTTP, RTSP via txtproto_print) and
 * the SSH banner. For ports owned by decoders we do not have, it says so instead of guessing.
 */
#ifndef XDPSPY_PRINT_APP_H
#define XDPSPY_PRINT_APP_H

#include <stdint.h>

#include "strbuf.h"

enum app_result {
	APP_NONE, /* tcpdump prints nothing more; nothing appended */
	APP_PRINTED, /* appended exactly what tcpdump prints */
	/* Appended exactly what tcpdump prints, ending in " [|proto]" because tcpdump read past
	 * the captured bytes and longjmped out. That skips setting its link-layer header length,
	 * so a -x/-X/-A dump of this record starts at the frame's first byte (print_dump.h). */
	APP_TRUNCATED,
	APP_UNSUPPORTED, /* tcpdump's decoder for this port may print more; nothing appended */
	APP_DNS, /* port 53: DNS over TCP, which the caller prints (it needs the printer) */
};

#define APP_READS_ALL UINT32_MAX /* tcp_payload_reads(): the whole payload */

/*
 * Appends what follows ", length N" on tcpdump's TCP line, e.g. ": HTTP: GET / HTTP/1.1",
 * ": HTTP, length: 18\n\tGET / HTTP/1.1\n\t" (-v: one "\n\t" per text line), " [RST+ text]",
 * ": SSH: SSH-2.0-x" or " [|http]". The record then ends with the dump, if any, and "\n".
 *   sport, dport  the TCP ports, host order
 *   tcp_flags     the TCP flags byte (with -v, RST selects the RST text over any port)
 *   payload       the first `captured` bytes of the TCP payload
 *   captured      payload bytes captured, counting only bytes inside the IP length (never
 *                 Ethernet padding); clamped to `length`
 *   length        the TCP payload length the headers give (tcpdump's N)
 *   vflag         the number of -v
 * Call it only where tcpdump reaches the payload: right after ", length N", not with -q, and
 * not with -T (which forces a decoder: treat any -T as APP_UNSUPPORTED). length == 0 returns
 * APP_NONE. Decoders covered: RST text (-v), SMTP 25, WHOIS 43, SSH 22, FTP 21, HTTP 80/8080,
 * RTSP 554/8554, telnet 23 without IAC, NFS 2049 when it stays silent; 53 gives APP_DNS; the
 * other ports tcp_print() tests (179, 1723, 6379, 10288, 6633, 6653, 639, 323, 646) give
 * APP_UNSUPPORTED. The first port in tcpdump's order that either side uses decides.
 */
enum app_result print_tcp_payload(struct strbuf *sb, uint16_t sport, uint16_t dport,
				  uint8_t tcp_flags, const uint8_t *payload, uint32_t captured,
				  uint32_t length, int vflag);

/*
 * The payload bytes the decoder print_tcp_payload() picks for a segment to or from port reads
 * at most (APP_READS_ALL: all of it); 0 where nothing is printed from them. With both ports'
 * bounds taken, the larger covers the decoder tcpdump's order picks. For the kernel's copy
 * (user/app_ports.c).
 */
uint32_t tcp_payload_reads(uint16_t port, int vflag);

#endif
