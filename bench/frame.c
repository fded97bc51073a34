// SPDX-License-Identifier: GPL-2.0-only
/* The in-kernel benchmarks' frames (frame.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"

int frame_read(const char *path, struct frame *f)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	const char *base = strrchr(path, '/');
	pcap_t *p = pcap_open_offline(path, errbuf);
	int rc = -1;

	if (!p) {
		fprintf(stderr, "%s: %s\n", program_invocation_short_name, errbuf);
		return -1;
	}
	if (pcap_next_ex(p, &h, &data) == 1 && h->caplen <= sizeof(f->data)) {
		snprintf(f->name, sizeof(f->name), "%s", base ? base + 1 : path);
		f->name[strcspn(f->name, ".")] = '\0';
		memcpy(f->data, data, h->caplen);
		f->len = h->caplen;
		rc = 0;
	} else {
		fprintf(stderr, "%s: %s: no usable frame\n", program_invocation_short_name, path);
	}
	pcap_close(p);
	return rc;
}

int frame_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}
