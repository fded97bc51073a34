/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libpcap's cooked capture (LINUX_SLL2), which tcpdump -i any records and dumps: a 20-byte
 * header in place of the Ethernet header's 14.
 */
#ifndef XDPSPY_COOKED_H
#define XDPSPY_COOKED_H

#include <stdint.h>

#include "event.h"

#define COOKED_HDR_LEN 20
#define ETHER_HDR_LEN 14

/*
 * The frame's bytes (len of them, Ethernet) cooked into out (room for at most `room`): the
 * header (protocol, a zero word, interface index, ARPHRD type hatype, packet type, address
 * length, source MAC) then the bytes after the Ethernet header. Returns the cooked length;
 * the frame's length on the wire grows by COOKED_HDR_LEN - ETHER_HDR_LEN.
 */
uint32_t cooked_frame(const struct xs_event *ev, uint16_t hatype, const uint8_t *frame,
		      uint32_t len, uint8_t *out, uint32_t room);

#endif
