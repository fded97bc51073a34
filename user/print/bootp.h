/* SPDX-License-Identifier: GPL-2.0-only */
/* BOOTP (RFC 951) and its DHCP options (RFC 2132): bootp.c and dhcp_opts.c. */
#ifndef XDPSPY_PRINT_BOOTP_H
#define XDPSPY_PRINT_BOOTP_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"

/* rfc1048_print: the vendor area at off, from its magic cookie on (-v). */
void print_dhcp_options(const struct printer *pr, struct cur *c, uint32_t off, struct strbuf *sb);

#endif
