/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A filter expression and sends segmented after the egress hook (include/gso.h). The kernel
 * runs the filter once, on the whole send; tcpdump's runs on each segment, which differs from
 * the send in a few fields: the frame's length (`len`), the IP total length, ID and header
 * checksum, the TCP seq, flags (FIN, PSH, CWR) and checksum, and the payload. A program that
 * reads none of them gives every segment the send's verdict; one that may is run again in user
 * space on each segment (libpcap's interpreter), from the event's headers or, if it may read
 * past them, from the send's bytes.
 */
#ifndef XDPSPY_SEG_FILTER_H
#define XDPSPY_SEG_FILTER_H

#include "cbpf.h"

enum seg_filter {
	SEG_FILTER_SAME = 0, /* no program, or one that reads nothing a segment changes */
	SEG_FILTER_HEADERS, /* per segment, from the headers (it reads no further) */
	SEG_FILTER_BYTES, /* per segment, from the send's bytes */
};

/* What prog (the program the egress hook runs) needs, found by walking every path of it with
 * what the tests on the way tell of the frame's layout; in doubt, more. */
enum seg_filter seg_filter_class(const struct cbpf_prog *prog);

#endif
