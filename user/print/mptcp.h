/* SPDX-License-Identifier: GPL-2.0-only */
/* MPTCP's TCP option (RFC 8684), as tcpdump 4.99.3 prints it after "mptcp". */
#ifndef XDPSPY_PRINT_MPTCP_H
#define XDPSPY_PRINT_MPTCP_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * The whole option o (kind, length, ...), len bytes, all of them captured; fl is the TCP flags
 * byte. False where tcpdump's mptcp_print() returns 0, which the option walk turns into
 * "[bad opt]".
 */
bool print_mptcp(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl);

#endif
