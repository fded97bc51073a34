// SPDX-License-Identifier: GPL-2.0-only
/*
 * The flows benchmark's capture (bench/conns.sh):
 *
 *   flows -w OUT.pcap -f FLOWS -n FRAMES
 *
 * FRAMES TCP/IPv4 segments, each of a flow picked at random among FLOWS (client 10.x.y.z,
 * server 10.0.0.1:443): a 100-byte data segment from the client or a pure ACK from the server,
 * both with timestamps, sequence numbers following on per flow, checksums correct. Random, so
 * that at a million flows the printer's table is read all over, as on a busy server, not in
 * the order it was filled.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA 100
#define HDRS (14 + 20 + 32) /* Ethernet, IPv4, TCP with nop,nop,TS */

struct flow {
	uint32_t cseq, sseq; /* the next sequence number of the client, of the server */
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* Frame k of flow i into f (HDRS + DATA bytes); returns its length. */
static size_t frame(uint8_t *f, uint32_t i, struct flow *fl, int from_client, uint32_t k)
{
	static const uint8_t macs[12] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2};
	uint32_t client = 0x0a000002u + i, server = 0x0a000001u, s;
	uint16_t cport = (uint16_t)(10000 + i % 50000), plen = from_client ? DATA : 0;
	uint8_t *ip = f + 14, *tcp = ip + 20;

	memset(f, 0, HDRS + DATA);
	memcpy(f, macs, 12);
	put16(f + 12, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(20 + 32 + plen));
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = 6;
	put32(ip + 12, from_client ? client : server);
	put32(ip + 16, from_client ? server : client);
	put16(ip + 10, fold(sum16(ip, 20, 0)));
	put16(tcp, from_client ? cport : 443);
	put16(tcp + 2, from_client ? 443 : cport);
	put32(tcp + 4, from_client ? fl->cseq : fl->sseq);
	put32(tcp + 8, from_client ? fl->sseq : fl->cseq);
	tcp[12] = 8 << 4;
	tcp[13] = from_client ? 0x18 : 0x10; /* PSH|ACK, ACK */
	put16(tcp + 14, 502);
	tcp[20] = 1;
	tcp[21] = 1;
	tcp[22] = 8;
	tcp[23] = 10;
	put32(tcp + 24, k);
	put32(tcp + 28, k - 1);
	memset(tcp + 32, 'x', plen);
	s = sum16(ip + 12, 8, 6 + 32u + plen);
	put16(tcp + 16, fold(sum16(tcp, 32u + plen, s)));
	if (from_client)
		fl->cseq += DATA;
	return HDRS + plen;
}

static int write_all(FILE *out, uint32_t nflows, unsigned long long frames)
{
	static const uint32_t file_hdr[6] = {0xa1b2c3d4, 2 | 4u << 16, 0, 0, 262144, 1};
	struct flow *fl = calloc(nflows, sizeof(*fl));
	uint8_t f[HDRS + DATA];

	if (!fl)
		return -1;
	for (uint32_t i = 0; i < nflows; i++)
		fl[i] = (struct flow){(uint32_t)next_rand(), (uint32_t)next_rand()};
	fwrite(file_hdr, sizeof(file_hdr), 1, out);
	for (unsigned long long k = 0; k < frames; k++) {
		uint64_t r = next_rand();
		uint32_t i = (uint32_t)(r % nflows), rec[4];
		size_t len = frame(f, i, &fl[i], (int)(r >> 63), (uint32_t)k);

		rec[0] = (uint32_t)(1700000000 + k / 100000); /* 100 000 frames a second */
		rec[1] = (uint32_t)(k % 100000 * 10);
		rec[2] = rec[3] = (uint32_t)len;
		fwrite(rec, sizeof(rec), 1, out);
		fwrite(f, len, 1, out);
	}
	free(fl);
	return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	unsigned long nflows = 1000;
	unsigned long long frames = 1000000;
	FILE *out;
	int c;

	while ((c = getopt(argc, argv, "w:f:n:")) != -1) {
		switch (c) {
		case 'w':
			path = optarg;
			break;
		case 'f':
			nflows = strtoul(optarg, NULL, 10);
			break;
		case 'n':
			frames = strtoull(optarg, NULL, 10);
			break;
		default:
			return 2;
		}
	}
	if (!path || nflows < 1 || nflows > 1u << 24) {
		fprintf(stderr, "usage: flows -w OUT.pcap -f FLOWS (1 to 16777216) -n FRAMES\n");
		return 2;
	}
	out = fopen(path, "w");
	if (!out || write_all(out, (uint32_t)nflows, frames) || fclose(out)) {
		perror(path);
		return 1;
	}
	return 0;
}
