/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A send whose TCP or UDP checksum the stack left partial, for the device to complete, on a
 * device that cannot (XS_F_CSUM_SW): validate_xmit_skb() completes it in software
 * (skb_checksum_help()), after the egress hook and before tcpdump's tap. This puts the
 * complete checksum into the event, its -v sum and the frame's bytes, as tcpdump sees them.
 */
#ifndef XDPSPY_CSUM_SW_H
#define XDPSPY_CSUM_SW_H

#include <stdint.h>

#include "event.h"

/*
 * Completes ev's checksum: from the kernel's sum over the segment (XS_F_SUM, TCP), else from
 * the bytes when they hold the whole segment; else leaves it. Returns the bytes to print (a
 * copy with the checksum in place, valid until the next call, or data as it was).
 */
const uint8_t *csum_sw_complete(struct xs_event *ev, const uint8_t *data, uint32_t data_len);
/*
 * The same for a record with the frame's bytes (XS_F_HDRS), whose partial checksum may be an
 * inner packet's: summed from ev->csum.start to the frame's end and put at csum.offset after it,
 * as skb_checksum_help() does, when the bytes hold the whole frame; else data as it was. The
 * event's own TCP or UDP header goes to csum_sw_complete(), which also completes its -v sum.
 */
const uint8_t *csum_sw_at(struct xs_event *ev, const uint8_t *data, uint32_t data_len);

#endif
