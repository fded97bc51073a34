/* SPDX-License-Identifier: GPL-2.0-only */
/* DHCPv6's options (dhcp6.c, dhcp6_more.c), for each other and for nested messages. */
#ifndef XDPSPY_PRINT_DHCP6_H
#define XDPSPY_PRINT_DHCP6_H

#include <stdbool.h>
#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"

/*
 * dhcp6opt_print over [off, end), which the caller keeps within the held bytes: an option
 * past end prints tcpdump's " [|dhcp6]" and ends this list only (the caller goes on).
 */
void dhcp6_options(const struct printer *pr, struct cur *c, uint32_t off, uint32_t end,
		   struct strbuf *sb);
/* The options dhcp6.c leaves (relay message, authentication, reconfigure, remote id, lease
 * queries, NTP servers, AFTR name, time zones, MUD URL, others): the value at off, len bytes,
 * all held, and the closing parenthesis; false for " [|dhcp6]". */
bool dhcp6_more_option(const struct printer *pr, struct cur *c, uint16_t type, uint32_t off,
		       uint16_t len, struct strbuf *sb);

#endif
