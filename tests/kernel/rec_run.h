/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel tests' records with frame bytes: the ring callback that keeps the last record
 * whole, and the walk that runs every frame of some pcaps through the loaded XDP program. */
#ifndef XDPSPY_TESTS_REC_RUN_H
#define XDPSPY_TESTS_REC_RUN_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "event.h"
#include "loader.h"

struct rec_run {
	uint8_t buf[sizeof(struct xs_event) + XS_MAX_SNAP];
	size_t size;
	unsigned records;
};

static inline int on_record(void *ctx, void *data, size_t size)
{
	struct rec_run *r = ctx;

	r->records++;
	r->size = size < sizeof(r->buf) ? size : sizeof(r->buf);
	memcpy(r->buf, data, r->size);
	return 0;
}

/* What a walk hands on: the frame's file, its place among the frames run, its bytes. */
typedef void (*rec_frame_fn)(void *ctx, const char *path, unsigned long nth, const uint8_t *frame,
			     uint32_t len);

/* Every frame of the pcaps argv[1..] (those of 14 bytes and more that a test run takes)
 * through l's XDP program, the ring drained after each; fn then reads r's record. Returns
 * how many ran. */
static inline unsigned long rec_run_pcaps(struct loader *l, struct rec_run *r, int argc,
					  char **argv, rec_frame_fn fn, void *ctx)
{
	unsigned long frames = 0;

	for (int i = 1; i < argc; i++) {
		char errbuf[PCAP_ERRBUF_SIZE];
		struct pcap_pkthdr *h;
		const u_char *frame;
		pcap_t *p = pcap_open_offline(argv[i], errbuf);

		while (p && pcap_next_ex(p, &h, &frame) == 1) {
			r->records = 0;
			if (h->caplen < 14 || loader_test_run(l, frame, h->caplen, 0, NULL))
				continue;
			loader_consume(l);
			fn(ctx, argv[i], ++frames, frame, h->caplen);
		}
		if (p)
			pcap_close(p);
	}
	return frames;
}

#endif
