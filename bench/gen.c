// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's traffic generator:
 *
 *   gen -i IF [-n COUNT] [-r PPS] [-f FLOWS] [-c CPU] [-b BATCH] MIX.pcap
 *   gen -w OUT.pcap [-n COUNT] [-r PPS] [-f FLOWS] MIX.pcap
 *
 * Sends COUNT frames out of IF (run it in IF's network namespace), cycling through the
 * templates of MIX.pcap and moving each cycle to the next of FLOWS client ports (gen.h), as
 * fast as one CPU can or at PPS frames per second. The frames go through an AF_PACKET socket
 * that bypasses the qdisc layer (straight to the driver's transmit), BATCH at a time with
 * sendmmsg() from pre-built buffers in which only the port and the TCP checksum are rewritten.
 * The count is exact: a frame counts as sent when the device took it; one it refused (a veth
 * whose peer's ring is full says ENOBUFS) is sent again. The last line on stdout is
 * `sent=N failed=0 retries=R seconds=S pps=P` (paced: S from the first frame to the last).
 * With -w it writes those same frames as a pcap instead, time-stamped PPS apart (default
 * 100000), for the replay benchmark.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tmpl.h"

#define CATCH_UP_MAX 64 /* paced: frames sent back to back at most after a stall */

struct args {
	const char *ifname, *out, *mix;
	unsigned long long count;
	double pps;
	unsigned int flows, batch;
	int cpu;
};

/* The frames in flight in one sendmmsg(): buffer b always holds template b mod ntmpl. */
struct sender {
	int fd;
	const struct gen_tmpl *tmpl;
	unsigned int ntmpl, nbuf, flows;
	__u8 (*buf)[GEN_FRAME_MAX];
	struct iovec *iov;
	struct mmsghdr *msg;
	unsigned long long sent, retries;
};

static struct gen_tmpl tmpls[GEN_SLOTS];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: gen -i IF [-n COUNT] [-r PPS] [-f FLOWS] [-c CPU] [-b BATCH] MIX.pcap\n"
		"       gen -w OUT.pcap [-n COUNT] [-r PPS] [-f FLOWS] MIX.pcap\n");
	return 2;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	int c;

	*a = (struct args){.count = 1000000, .flows = 1024, .batch = 256, .cpu = -1};
	while ((c = getopt(argc, argv, "i:w:n:r:f:c:b:")) != -1) {
		switch (c) {
		case 'i':
			a->ifname = optarg;
			break;
		case 'w':
			a->out = optarg;
			break;
		case 'n':
			a->count = strtoull(optarg, NULL, 10);
			break;
		case 'r':
			a->pps = strtod(optarg, NULL);
			break;
		case 'f':
			a->flows = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			a->cpu = atoi(optarg);
			break;
		case 'b':
			a->batch = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			return -1;
		}
	}
	if (optind != argc - 1 || !a->ifname == !a->out || a->flows < 1 || a->flows > 1024 ||
	    a->batch < 1 || a->batch > 1024 || a->pps < 0)
		return -1;
	a->mix = argv[optind];
	return 0;
}

static int pin_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "gen: CPU %d: %s\n", cpu, strerror(errno));
		return -1;
	}
	return 0;
}

/* A raw packet socket on IF that receives nothing (protocol 0) and skips the qdisc. */
static int open_socket(const char *ifname)
{
	struct sockaddr_ll sll = {.sll_family = AF_PACKET};
	int one = 1, fd;

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "gen: %s: %s\n", ifname, strerror(errno));
		return -1;
	}
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "gen: packet socket: %s\n", strerror(errno));
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one))) {
		fprintf(stderr, "gen: %s: %s\n", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* At least BATCH buffers, a whole number of template cycles, each filled with its template. */
static int sender_init(struct sender *s, const struct args *a, int ntmpl)
{
	*s = (struct sender){.tmpl = tmpls, .ntmpl = (unsigned int)ntmpl, .flows = a->flows};
	s->nbuf = (a->batch + s->ntmpl - 1) / s->ntmpl * s->ntmpl;
	s->buf = calloc(s->nbuf, sizeof(*s->buf));
	s->iov = calloc(s->nbuf, sizeof(*s->iov));
	s->msg = calloc(s->nbuf, sizeof(*s->msg));
	if (!s->buf || !s->iov || !s->msg) {
		fprintf(stderr, "gen: out of memory\n");
		return -1;
	}
	for (unsigned int b = 0; b < s->nbuf; b++) {
		const struct gen_tmpl *t = &tmpls[b % s->ntmpl];

		memcpy(s->buf[b], t->data, t->len);
		s->iov[b] = (struct iovec){.iov_base = s->buf[b], .iov_len = t->len};
		s->msg[b].msg_hdr = (struct msghdr){.msg_iov = &s->iov[b], .msg_iovlen = 1};
	}
	s->fd = open_socket(a->ifname);
	return s->fd < 0 ? -1 : 0;
}

static void sender_free(struct sender *s)
{
	if (s->fd > 0)
		close(s->fd);
	free(s->buf);
	free(s->iov);
	free(s->msg);
}

/* Frame c: template c mod ntmpl, moved to flow (c / ntmpl) mod flows, in buffer c mod nbuf. */
static void prepare(struct sender *s, unsigned long long c)
{
	unsigned int b = (unsigned int)(c % s->nbuf);
	const struct gen_tmpl *t = &s->tmpl[b % s->ntmpl];
	__u16 port, csum;

	gen_flow(t, (__u32)(c / s->ntmpl % s->flows), &port, &csum);
	memcpy(s->buf[b] + t->port_off, &port, 2);
	memcpy(s->buf[b] + t->csum_off, &csum, 2);
}

/*
 * Sends frames sent .. sent+n-1 (n <= nbuf, never across the end of the buffers), again and
 * again until the device took each one. 0, or -1 on an error other than a full device.
 */
static int send_frames(struct sender *s, unsigned int n)
{
	unsigned int first = (unsigned int)(s->sent % s->nbuf), done = 0;

	for (unsigned int i = 0; i < n; i++)
		prepare(s, s->sent + i);
	while (done < n) {
		int r = sendmmsg(s->fd, s->msg + first + done, n - done, 0);

		if (r > 0) {
			done += (unsigned int)r;
			s->sent += (unsigned int)r;
		} else if (r < 0 && (errno == ENOBUFS || errno == EAGAIN || errno == EINTR)) {
			s->retries++;
			sched_yield();
		} else {
			fprintf(stderr, "gen: sendmmsg: %s\n",
				r ? strerror(errno) : "sent nothing");
			return -1;
		}
	}
	return 0;
}

/* Frames due by `t` (paced: frame k is due at t0 + k / pps), at most `cap` of them. */
static unsigned int frames_due(const struct sender *s, double t0, double pps, double t,
			       unsigned long long count, unsigned int cap)
{
	double due = (t - t0) * pps + 1;
	unsigned long long upto = due >= (double)count ? count : (unsigned long long)due;

	if (upto <= s->sent)
		return 0;
	return upto - s->sent > cap ? cap : (unsigned int)(upto - s->sent);
}

static int send_all(struct sender *s, const struct args *a, double *first, double *last)
{
	double t0 = now();

	*first = t0;
	while (s->sent < a->count) {
		unsigned long long left = a->count - s->sent;
		unsigned int room = s->nbuf - (unsigned int)(s->sent % s->nbuf);
		unsigned int n = left < room ? (unsigned int)left : room;

		if (n > a->batch)
			n = a->batch;
		if (a->pps > 0) {
			double t = now(), behind = (t - t0) * a->pps - (double)s->sent;

			/* After a stall at most CATCH_UP_MAX frames go back to back; the rest of
			 * the backlog is forgotten, so the rate holds without long bursts. */
			if (behind > CATCH_UP_MAX)
				t0 = t - ((double)s->sent + CATCH_UP_MAX) / a->pps;
			n = frames_due(s, t0, a->pps, t, a->count, n);
			if (!n)
				continue;
		}
		if (send_frames(s, n))
			return -1;
	}
	*last = now();
	return 0;
}

static int run(const struct args *a, int n)
{
	struct sender s;
	double first = 0, last = 0, secs;
	int err = -1;

	if (a->cpu >= 0 && pin_cpu(a->cpu))
		return -1;
	if (sender_init(&s, a, n) == 0)
		err = send_all(&s, a, &first, &last);
	secs = last > first ? last - first : 1e-9;
	/* Paced, the rate is from the first frame to the last: COUNT-1 gaps. */
	if (a->pps > 0 && s.sent > 1)
		secs = secs * (double)s.sent / (double)(s.sent - 1);
	printf("sent=%llu failed=0 retries=%llu seconds=%.6f pps=%.0f\n", s.sent, s.retries, secs,
	       (double)s.sent / secs);
	sender_free(&s);
	return err;
}

int main(int argc, char **argv)
{
	struct args a;
	int n;

	if (parse_args(argc, argv, &a))
		return usage();
	n = tmpl_read(a.mix, tmpls);
	if (n < 0)
		return 1;
	if (a.out)
		return tmpl_write_pcap(a.out, tmpls, n, a.flows, a.count, a.pps > 0 ? a.pps : 1e5)
			   ? 1
			   : 0;
	return run(&a, n) ? 1 : 0;
}
