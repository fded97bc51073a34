/* SPDX-License-Identifier: GPL-2.0-only */
/* The command line: tcpdump's short flags mean what they mean in tcpdump. */
#ifndef XDPSPY_OPTS_H
#define XDPSPY_OPTS_H

#include <stdbool.h>

#include "detect_opts.h"
#include "owner_cfg.h"
#include "print.h"

#define OPTS_MAX_IFACES 64 /* -i given this often at most */

enum direction { DIR_INOUT, DIR_IN, DIR_OUT };

struct opts {
	struct print_opts print;
	const char *read_file; /* -r FILE, "-" for stdin */
	/* -i IF, once or more ("any": every interface); none: the first up, not loopback */
	const char *iface[OPTS_MAX_IFACES];
	int niface;
	enum direction dir; /* -Q */
	bool no_promisc; /* -p */
	bool list_ifaces; /* -D */
	int xdp_mode; /* --mode: enum xdp_mode */
	int tc_mode; /* --tc-mode: enum tc_mode */
	int hook; /* --hook: enum ingress_hook */
	const char *drop_user; /* -Z: run as this user once attached */
	const char *ready_file; /* written once everything is attached */
	int stats_interval; /* --stats-interval: seconds between status lines, 0 for none */
	long count; /* -c N, 0 for no limit */
	bool line_buffered; /* -l */
	bool
	    kernel_parser; /* --kernel-parser: replay through the XDP program, not the host build */
	unsigned ring_kib; /* -B */
	int verbose;
	uint32_t snaplen; /* -s: bytes of each frame to capture (262144, tcpdump's default) */
	bool snaplen_set; /* -s given: live events carry that many bytes */
	const char *write_file; /* -w: a pcap file ("-": standard output) */
	bool write_flush; /* -U: flush the file after every packet */
	bool print_too; /* --print: print lines while writing with -w */
	long rotate_mb; /* -C: millions of bytes per file */
	int rotate_secs; /* -G */
	int max_files; /* -W */
	const char *filter_file; /* -F: the expression comes from this file */
	int dump_filter; /* -d count */
	bool no_optimize; /* -O */
	struct flow_opts flows; /* --flows and the detectors' thresholds */
	struct owner_cfg process; /* --process, --pid, --comm, --cgroup */
	char **expr; /* the filter expression's words */
	int expr_words;
};

enum opts_result { OPTS_RUN, OPTS_EXIT_OK, OPTS_EXIT_USAGE };

enum opts_result opts_parse(int argc, char **argv, struct opts *o);
/* Bytes of each frame a live event carries: what -s says when -s, -x, -X, -A or -w ask for
 * payload, else 0 (headers only). */
uint32_t opts_event_snap(const struct opts *o);
/* Whether the capture is cooked, as tcpdump's -i any: -i any, or -i given more than once. */
bool opts_cooked(const struct opts *o);

#endif
