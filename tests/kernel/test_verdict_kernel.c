// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel in the loop, for the verdicts (include/verdict.h, bpf/verdicts.h): the real BPF object,
 * loaded with --flows, runs the crafted conversations of tests/unit/verdict_cases.h as
 * Ethernet frames (BPF_PROG_TEST_RUN), IPv4 through the XDP program and IPv6 through the TC
 * ingress one, and behind a VLAN tag too; then the flow table's entry must hold the verdicts
 * the cases want, read from the payload where the hook found it, and no byte of the password.
 * The same with --no-verdicts: no verdict at all.
 */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "loader.h"
#include "../check.h"
#include "../unit/verdict_cases.h"

enum shape { SH_IP4_XDP, SH_IP6_TC, SH_VLAN4_TC, SH_COUNT };
static const char *const shape_names[SH_COUNT] = {"ipv4 at XDP", "ipv6 at TC", "vlan ipv4 at TC"};

static const uint8_t client4[4] = {10, 0, 0, 2}, server4[4] = {10, 0, 0, 1};
static const uint8_t client6[16] = {0xfd, 0, [15] = 2}, server6[16] = {0xfd, 0, [15] = 1};

/* One packet of the conversation as a frame: Ethernet (a tag), IP, TCP or UDP, the payload. */
static uint8_t tcp_flags = 0x18; /* PSH ACK; the restart check sets others */

static uint32_t frame(uint8_t *f, enum shape sh, const struct vc_case *c, int dir,
		      const uint8_t *pl, uint32_t n)
{
	bool v6 = sh == SH_IP6_TC;
	uint32_t o = 12, l4, l4len = c->proto == 6 ? 20 : 8;
	uint16_t cport = 41000, sport = dir ? c->port : cport, dport = dir ? cport : c->port;

	memset(f, 0, 64);
	memcpy(f, "\x02\0\0\0\0\x01\x02\0\0\0\0\x02", 12);
	if (sh == SH_VLAN4_TC) {
		f[o++] = 0x81, f[o++] = 0x00, f[o++] = 0, f[o++] = 7;
	}
	f[o++] = v6 ? 0x86 : 0x08, f[o++] = v6 ? 0xdd : 0x00;
	if (v6) {
		f[o] = 0x60;
		f[o + 4] = (uint8_t)((l4len + n) >> 8), f[o + 5] = (uint8_t)(l4len + n);
		f[o + 6] = c->proto, f[o + 7] = 64;
		memcpy(f + o + 8, dir ? server6 : client6, 16);
		memcpy(f + o + 24, dir ? client6 : server6, 16);
		l4 = o + 40;
	} else {
		f[o] = 0x45;
		f[o + 2] = (uint8_t)((20 + l4len + n) >> 8), f[o + 3] = (uint8_t)(20 + l4len + n);
		f[o + 8] = 64, f[o + 9] = c->proto;
		memcpy(f + o + 12, dir ? server4 : client4, 4);
		memcpy(f + o + 16, dir ? client4 : server4, 4);
		l4 = o + 20;
	}
	memset(f + l4, 0, l4len);
	f[l4] = (uint8_t)(sport >> 8), f[l4 + 1] = (uint8_t)sport;
	f[l4 + 2] = (uint8_t)(dport >> 8), f[l4 + 3] = (uint8_t)dport;
	if (c->proto == 6) {
		f[l4 + 12] = 5 << 4, f[l4 + 13] = tcp_flags, f[l4 + 14] = 0xff;
	} else {
		f[l4 + 4] = (uint8_t)((8 + n) >> 8), f[l4 + 5] = (uint8_t)(8 + n);
	}
	memcpy(f + l4 + l4len, pl, n);
	return l4 + l4len + n;
}

/* Empties the flow table between cases. */
static void clear(int fd)
{
	struct xs_flow_key k;

	while (!bpf_map_get_next_key(fd, NULL, &k))
		bpf_map_delete_elem(fd, &k);
}

/* The one flow's entry, and which of its endpoints is the client (the case's dir 0). */
static int the_flow(int fd, struct xs_flow *f, int *client)
{
	static const uint8_t mapped[12] = {[10] = 0xff, [11] = 0xff};
	struct xs_flow_key k;

	if (bpf_map_get_next_key(fd, NULL, &k) || bpf_map_lookup_elem(fd, &k, f))
		return -1;
	*client = !(!memcmp(k.addr[0], mapped, 12) ? !memcmp(k.addr[0] + 12, client4, 4)
						   : !memcmp(k.addr[0], client6, 16));
	return 0;
}

static void run(struct loader *l, int fd, enum shape sh, const struct vc_case *c, bool verdicts)
{
	static uint8_t pl[VC_MAX_LEN], f[VC_MAX_LEN + 128];
	const struct xs_flow_verdict_dir *d;
	struct xs_flow fl;
	int cl, ok = 1;
	uint32_t ns;

	clear(fd);
	for (int i = 0; i < VC_MAX_PKTS && (c->pkts[i].text || c->pkts[i].built); i++) {
		uint32_t n = vc_build(&c->pkts[i], pl);

		if (loader_test_run_timed(l, sh != SH_IP4_XDP, f,
					  frame(f, sh, c, c->pkts[i].dir, pl, n), 1, &ns))
			ok = 0;
	}
	CHECK(ok, "%s, %s: test run failed", c->name, shape_names[sh]);
	if (the_flow(fd, &fl, &cl)) {
		CHECK(0, "%s, %s: no flow", c->name, shape_names[sh]);
		return;
	}
	d = fl.verdict.dir;
	for (int i = 0; i < 2 && verdicts; i++) {
		int e = i ? !cl : cl; /* the case's direction i in the entry */

		CHECK(d[e].kind == c->kind[i] && d[e].app == c->app[i] &&
			  d[e].login == c->login[i] && !!(d[e].flags & XS_VF_DONE) == c->done[i],
		      "%s, %s, dir %d: kind %u app %u login %u flags %#x; want %u %u %u done %u",
		      c->name, shape_names[sh], i, d[e].kind, d[e].app, d[e].login, d[e].flags,
		      c->kind[i], c->app[i], c->login[i], c->done[i]);
	}
	if (verdicts && c->sni)
		CHECK(!strcmp(fl.verdict.sni, c->sni), "%s, %s: SNI '%s', want '%s'", c->name,
		      shape_names[sh], fl.verdict.sni, c->sni);
	if (!verdicts)
		CHECK(!d[0].kind && !d[1].kind && !d[0].segs && !d[1].segs && !fl.verdict.sni[0],
		      "%s, %s: a verdict with --no-verdicts", c->name, shape_names[sh]);
	CHECK(!memmem(&fl, sizeof(fl), "secret", 6) && !memmem(&fl, sizeof(fl), "c2VjcmV0", 8),
	      "%s, %s: the password in the flow table", c->name, shape_names[sh]);
}

/* One segment with these flags and this text from dir. */
static void segment(struct loader *l, const struct vc_case *c, int dir, uint8_t flags,
		    const char *text)
{
	static uint8_t f[256];
	uint32_t ns;

	tcp_flags = flags;
	if (loader_test_run_timed(l, false, f,
				  frame(f, SH_IP4_XDP, c, dir, (const uint8_t *)text, strlen(text)),
				  1, &ns))
		CHECK(0, "restart: test run failed");
	tcp_flags = 0x18;
}

/* A new connection on a 5-tuple whose last one ended (a SYN after FIN) is read afresh: an SSH
 * session's verdict does not hide the clear-text login of the next one on the same ports. */
static void check_restart(struct loader *l, int fd)
{
	const struct vc_case c = {.name = "restart", .proto = 6, .port = 110};
	struct xs_flow fl;
	int cl;

	clear(fd);
	segment(l, &c, 0, 0x02, "");
	segment(l, &c, 1, 0x12, "");
	segment(l, &c, 0, 0x18, "SSH-2.0-x\r\n");
	segment(l, &c, 0, 0x11, "");
	segment(l, &c, 0, 0x02, "");
	segment(l, &c, 0, 0x18, "PASS secret-pw\r\n");
	if (the_flow(fd, &fl, &cl)) {
		CHECK(0, "restart: no flow");
		return;
	}
	CHECK(fl.verdict.dir[cl].kind == XS_VK_CLEAR && fl.verdict.dir[cl].login == XS_VL_USER_PASS,
	      "restart: kind %u login %u, want clear text and USER/PASS", fl.verdict.dir[cl].kind,
	      fl.verdict.dir[cl].login);
}

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx, (void)data, (void)size;
	return 0;
}

int main(void)
{
	for (int verdicts = 1; verdicts >= 0; verdicts--) {
		struct loader_cfg cfg = {.ring_kib = 64,
					 .counters_only = true,
					 .flows = true,
					 .detect = XS_DETECT_DEFAULTS};
		struct loader *l;
		int err, fd;

		cfg.detect.verdicts = (uint8_t)verdicts;
		cfg.detect.loopback = 1; /* the crafted addresses are nobody's: no martian checks */
		err = loader_open(&l, &cfg, on_event, NULL);
		if (err) {
			fprintf(stderr, "test_verdict_kernel: cannot load: %s\n", strerror(-err));
			return 1;
		}
		fd = loader_flow_fd(l, LFM_FLOWS);
		for (size_t i = 0; i < VC_NCASES; i++)
			for (int sh = 0; sh < SH_COUNT; sh++)
				run(l, fd, (enum shape)sh, &vc_cases[i], verdicts);
		if (verdicts)
			check_restart(l, fd);
		loader_close(l);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
