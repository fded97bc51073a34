/* SPDX-License-Identifier: GPL-2.0-only */
/* Text from the wire as tcpdump's util-print.c prints it: fn_print_char and its callers. */
#ifndef XDPSPY_PRINT_TEXT_H
#define XDPSPY_PRINT_TEXT_H

#include <stdint.h>

#include "cursor.h"
#include "strbuf.h"

/* fn_print_char: "M-" for the high bit, "^" for control characters (DEL is "^?"). */
void put_print_char(struct strbuf *sb, uint8_t c);
/* nd_printjnp: n bytes at off up to a NUL, escaped; a byte not held cuts the cursor. */
void put_printjnp(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t n);
/* nd_printjn: n bytes at off, escaped, NULs included. */
void put_printjn(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t n);
/* unsigned_relts_print: seconds as 1y2w3d4h5m6s. */
void put_relts(struct strbuf *sb, uint32_t secs);

#endif
