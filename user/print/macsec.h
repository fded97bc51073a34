/* SPDX-License-Identifier: GPL-2.0-only */
/* IEEE 802.1AE MACsec's SecTAG after the MAC addresses (macsec.c). */
#ifndef XDPSPY_PRINT_MACSEC_H
#define XDPSPY_PRINT_MACSEC_H

#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

enum macsec_result {
	MACSEC_DONE, /* the record ends here */
	MACSEC_INNER, /* integrity only: tcpdump prints the inner type, which is not done here */
};

/* The tag at p: length and caplen what follows the type field on the wire and in the capture;
 * src and dst the frame's MAC addresses. */
enum macsec_result macsec_frame(const struct printer *pr, const uint8_t *p, uint32_t length,
				uint32_t caplen, const uint8_t *src, const uint8_t *dst,
				struct strbuf *sb);

#endif
