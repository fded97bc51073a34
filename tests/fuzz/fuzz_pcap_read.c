// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a pcap/pcapng file -> `xdpspy -r FILE` (user/replay.c: libpcap's reader,
 * the host parser, the filter's host path, the printer, the -w writer), under ASan+UBSan.
 *
 * The first HDR bytes pick the command line, the rest is the file, handed over as
 * /proc/self/fd/N of a memfd. The options go through opts_parse(), so they combine as they do
 * on the command line: always -n (fuzzing sends no name query anywhere) and --host-parser
 * (nothing is loaded into the kernel; no privileges needed), and one of -x/-xx/-X/-XX/-A/-AA,
 * -v/-vv, -K, -e, -S, -q, -t..-ttttt, -#, --json, --classic, --nano, -c N, a filter expression
 * from a fixed table, and -w to /dev/null or to standard output (with --print, -U).
 * Standard output goes to /dev/null once at start; replay's stderr messages are silenced by
 * libFuzzer's -close_fd_mask=2 (tests/run-fuzz-pcap.sh), which keeps its own reports.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "opts.h"
#include "replay.h"

#define HDR 3 /* selector bytes before the file */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int file_fd = -1;
static char file_path[64];

/* Numeric only: libpcap resolves names in expressions. Index 0: no expression. */
static const char *const exprs[] = {
    NULL,
    "tcp",
    "port 80",
    "tcp port 443 and host 10.0.0.1",
    "ip6 and tcp[tcpflags] & tcp-syn != 0",
    "tcp[tcpflags] & (tcp-rst|tcp-fin) != 0 or udp",
    "vlan and tcp",
    "vlan 100 and vlan and ip6",
    "ip[6:2] & 0x1fff != 0",
    "ip6 protochain 6",
    "greater 1000 or less 60",
    "ether[12:2] = 0x0800 and ip[9] = 6 and tcp[13] = 0x12",
    "net 10.0.0.0/8 and not icmp",
    "ip6 net fe80::/10 or arp",
    "ether src 00:11:22:33:44:55 or ether broadcast",
    "tcp[((tcp[12] & 0xf0) >> 2):4] = 0x47455420",
};

#define NEXPRS (sizeof(exprs) / sizeof(exprs[0]))

static const char *const dumps[] = {NULL, "-x", "-xx", "-X", "-XX", "-A", "-AA", NULL};
static const char *const verbs[] = {NULL, "-v", "-vv", "-vK"};
static const char *const times[] = {NULL, "-t", "-tt", "-ttt", "-tttt", "-ttttt", "-#", "-#tt"};
static const char *const counts[] = {NULL, "-c1", "-c2", "-c5"};
static const char *const formats[] = {NULL, "--json", "--classic", "--nano"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	(void)argc;
	(void)argv;
	if (null_fd < 0 || dup2(null_fd, STDOUT_FILENO) < 0) {
		perror("fuzz_pcap_read: /dev/null");
		exit(1);
	}
	close(null_fd);
	file_fd = memfd_create("fuzz_pcap_read", MFD_CLOEXEC);
	if (file_fd < 0) {
		perror("fuzz_pcap_read: memfd_create");
		exit(1);
	}
	snprintf(file_path, sizeof(file_path), "/proc/self/fd/%d", file_fd);
	return 0;
}

static void add(char **argv, int *argc, const char *arg)
{
	if (arg)
		argv[(*argc)++] = (char *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[32];
	int argc = 0;
	struct opts o;
	uint8_t a, b, c, fmt;

	if (size < HDR)
		return 0;
	a = data[0];
	b = data[1];
	c = data[2];
	if (ftruncate(file_fd, 0) ||
	    pwrite(file_fd, data + HDR, size - HDR, 0) != (ssize_t)(size - HDR))
		abort();

	fmt = (b >> 5) & 3;
	add(argv, &argc, "xdpspy");
	add(argv, &argc, "-n");
	add(argv, &argc, "--host-parser");
	add(argv, &argc, "-r");
	add(argv, &argc, file_path);
	/* --classic refuses the dumps, as on the command line. */
	if (fmt != 2)
		add(argv, &argc, dumps[a & 7]);
	add(argv, &argc, verbs[(a >> 3) & 3]);
	if (a & 0x20)
		add(argv, &argc, "-e");
	if (a & 0x40) {
		add(argv, &argc, "-w");
		add(argv, &argc, (c & 0x10) ? "-" : "/dev/null");
		add(argv, &argc, (c & 0x20) ? "--print" : NULL);
		add(argv, &argc, (c & 0x40) ? "-U" : NULL);
	}
	add(argv, &argc, times[b & 7]);
	if (b & 0x08)
		add(argv, &argc, "-S");
	if (b & 0x10)
		add(argv, &argc, "-q");
	add(argv, &argc, formats[fmt]);
	add(argv, &argc, counts[(c >> 7) | ((b >> 6) & 2)]);
	if (a & 0x80)
		add(argv, &argc, exprs[(c & 0xf) % NEXPRS]);
	argv[argc] = NULL;

	optind = 0; /* glibc: start getopt over */
	if (opts_parse(argc, argv, &o) != OPTS_RUN)
		abort(); /* a command line this table should not make */
	replay_run(&o);
	return 0;
}
