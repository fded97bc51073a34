// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generator's templates. Each frame of the mix capture becomes one template; the rewrite
 * the generator applies (gen.h) needs the offsets of the client's port, which is the larger of
 * the two ports (servers listen on low ports in the mix), and of the TCP checksum.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "tmpl.h"

static unsigned int get16(const __u8 *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/* Offset of the TCP header, or 0 when the frame is not Ethernet (+802.1Q), IP, TCP. */
static unsigned int tcp_offset(const __u8 *f, unsigned int len)
{
	unsigned int off = 14, type = get16(f + 12);

	if (type == 0x8100 && len >= 18) {
		type = get16(f + 16);
		off = 18;
	}
	if (type == 0x0800 && len >= off + 20 && f[off + 9] == 6)
		off += (f[off] & 0xf) * 4u;
	else if (type == 0x86dd && len >= off + 40 && f[off + 6] == 6)
		off += 40;
	else
		return 0;
	return len >= off + 20 ? off : 0;
}

int tmpl_read(const char *path, struct gen_tmpl *t)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p = pcap_open_offline(path, err);
	int n = 0;

	if (!p) {
		fprintf(stderr, "gen: %s\n", err);
		return -1;
	}
	while (n < GEN_SLOTS && pcap_next_ex(p, &h, &d) == 1) {
		unsigned int off = tcp_offset(d, h->caplen);

		if (!off || h->caplen != h->len || h->len > GEN_FRAME_MAX) {
			fprintf(stderr, "gen: %s: frame %d is not a whole TCP frame\n", path,
				n + 1);
			pcap_close(p);
			return -1;
		}
		memset(&t[n], 0, sizeof(t[n]));
		memcpy(t[n].data, d, h->len);
		t[n].len = (__u16)h->len;
		t[n].port_off = (__u16)(get16(d + off) > get16(d + off + 2) ? off : off + 2);
		t[n].port = (__u16)get16(d + t[n].port_off);
		t[n].csum_off = (__u16)(off + 16);
		memcpy(&t[n].csum, d + off + 16, 2);
		n++;
	}
	pcap_close(p);
	if (!n)
		fprintf(stderr, "gen: %s: no frames\n", path);
	return n ? n : -1;
}

int tmpl_write_pcap(const char *path, const struct gen_tmpl *t, int n, __u32 nflows,
		    unsigned long long count, double pps)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *w = p ? pcap_dump_open(p, path) : NULL;
	__u8 frame[GEN_FRAME_MAX];
	unsigned long long i;

	if (!w) {
		fprintf(stderr, "gen: %s: %s\n", path, p ? pcap_geterr(p) : "out of memory");
		if (p)
			pcap_close(p);
		return -1;
	}
	for (i = 0; i < count; i++) {
		const struct gen_tmpl *s = &t[i % (unsigned int)n];
		unsigned long long us = (unsigned long long)((double)i * 1e6 / pps);
		struct pcap_pkthdr h = {.caplen = s->len, .len = s->len};
		__u16 port, csum;

		h.ts.tv_sec = (time_t)(1700000000 + us / 1000000);
		h.ts.tv_usec = (suseconds_t)(us % 1000000);
		memcpy(frame, s->data, s->len);
		gen_flow(s, (__u32)(i / (unsigned int)n % nflows), &port, &csum);
		memcpy(frame + s->port_off, &port, 2);
		memcpy(frame + s->csum_off, &csum, 2);
		pcap_dump((u_char *)w, &h, frame);
	}
	pcap_dump_close(w);
	pcap_close(p);
	return 0;
}
