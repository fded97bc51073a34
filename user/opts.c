// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command-line parsing from one table that also prints --help, so the two cannot drift.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroups.h"
#include "log.h"
#include "lru.h"
#include "opts.h"

#define STR(x) #x
#define XSTR(x) STR(x)

#ifndef XDPSPY_VERSION
#define XDPSPY_VERSION "0.1"
#endif

enum {
	OPT_NANO = 256,
	OPT_HOST_PARSER,
	OPT_KERNEL_PARSER,
	OPT_VERSION,
	OPT_MODE,
	OPT_TC_MODE,
	OPT_HOOK,
	OPT_READY,
	OPT_STATS_INTERVAL,
	OPT_JSON,
	OPT_CLASSIC,
	OPT_PRINT,
	OPT_MAX_CONNS,
	OPT_PROCESS,
	OPT_PID,
	OPT_COMM,
	OPT_CGROUP,
};

struct opt_def {
	struct option lo; /* long form; .val is the short letter or an OPT_ code */
	const char *arg;
	const char *help;
};

static const struct opt_def defs[] = {
    {{"interface", required_argument, NULL, 'i'}, "IF", "capture live on IF"},
    {{"direction", required_argument, NULL, 'Q'}, "DIR", "in, out or inout (the default)"},
    {{"no-promiscuous-mode", no_argument, NULL, 'p'}, NULL, "do not enter promiscuous mode"},
    {{"list-interfaces", no_argument, NULL, 'D'}, NULL, "list the interfaces and exit"},
    {{"read", required_argument, NULL, 'r'}, "FILE", "replay a pcap/pcapng file (- for stdin)"},
    {{"count", required_argument, NULL, 'c'}, "N", "exit after N packets"},
    {{"filter-file", required_argument, NULL, 'F'}, "FILE", "read the filter expression from FILE"},
    {{"snapshot-length", required_argument, NULL, 's'},
     "N",
     "capture N bytes of each frame (live: the events carry them; 0: 262144)"},
    {{"hex", no_argument, NULL, 'x'}, NULL, "hex dump of each packet (-xx: from the link layer)"},
    {{"hex-ascii", no_argument, NULL, 'X'}, NULL, "hex and ASCII dump (-XX: from the link layer)"},
    {{"ascii", no_argument, NULL, 'A'}, NULL, "ASCII dump (-AA: from the link layer)"},
    {{"write", required_argument, NULL, 'w'}, "FILE", "write a pcap file (- for stdout)"},
    {{"packet-buffered", no_argument, NULL, 'U'}, NULL, "-w: flush after every packet"},
    {{"print", no_argument, NULL, OPT_PRINT}, NULL, "-w: print the lines as well"},
    {{"file-size", required_argument, NULL, 'C'}, "MB", "-w: a new file every MB million bytes"},
    {{"rotate-seconds", required_argument, NULL, 'G'},
     "S",
     "-w: a new file every S seconds (FILE is an strftime pattern)"},
    {{"file-count", required_argument, NULL, 'W'},
     "N",
     "-w: with -C, N file names in turn; with -G, stop after N files"},
    {{"dump-filter", no_argument, NULL, 'd'},
     NULL,
     "print the compiled filter and exit (-d also its eBPF; -dd, -ddd as tcpdump)"},
    {{"no-optimize", no_argument, NULL, 'O'}, NULL, "do not optimize the compiled filter"},
    {{"no-names", no_argument, NULL, 'n'}, NULL, "do not resolve host or port names"},
    {{"ether", no_argument, NULL, 'e'}, NULL, "print the link-level header"},
    {{"quiet", no_argument, NULL, 'q'}, NULL, "quick output: less protocol information"},
    {{"absolute-tcp-sequence-numbers", no_argument, NULL, 'S'},
     NULL,
     "print absolute TCP sequence numbers"},
    {{"time", no_argument, NULL, 't'},
     NULL,
     "-t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first"},
    {{"verbose", no_argument, NULL, 'v'}, NULL, "more detail (-vv shows libbpf's log)"},
    {{"line-buffered", no_argument, NULL, 'l'}, NULL, "flush stdout after every line"},
    {{"number", no_argument, NULL, '#'}, NULL, "print a packet number first"},
    {{"dont-verify-checksums", no_argument, NULL, 'K'}, NULL, "do not verify checksums"},
    {{"buffer-size", required_argument, NULL, 'B'}, "KiB", "ring buffer size"},
    {{"nano", no_argument, NULL, OPT_NANO}, NULL, "nanosecond time stamps"},
    {{"json", no_argument, NULL, OPT_JSON}, NULL, "one JSON object per packet"},
    {{"classic", no_argument, NULL, OPT_CLASSIC}, NULL, "tcpdump 3.7's line format (2003)"},
    {{"process", no_argument, NULL, OPT_PROCESS},
     NULL,
     "live: each packet's process after the line: [COMM PID CGROUP] or [no owner]"},
    {{"pid", required_argument, NULL, OPT_PID}, "PID", "live: only packets of process PID"},
    {{"comm", required_argument, NULL, OPT_COMM},
     "NAME",
     "live: only packets of processes whose command is NAME"},
    {{"cgroup", required_argument, NULL, OPT_CGROUP},
     "PATH",
     "live: only packets of processes in cgroup v2 PATH or below it"},
    {{"max-conns", required_argument, NULL, OPT_MAX_CONNS},
     "N",
     "remember N IPv4 and N IPv6 connections' sequence numbers and N host names (default " XSTR(
	 PRINT_MAX_CONNS) ")"},
    {{"hook", required_argument, NULL, OPT_HOOK},
     "HOOK",
     "ingress hook: auto (the default: XDP only where it costs nothing), xdp or tc"},
    {{"mode", required_argument, NULL, OPT_MODE}, "MODE", "XDP mode: native or generic"},
    {{"tc-mode", required_argument, NULL, OPT_TC_MODE}, "MODE", "TC hooks: tcx or clsact"},
    {{"relinquish-privileges", required_argument, NULL, 'Z'},
     "USER",
     "once attached, run as USER with no capabilities"},
    {{"ready-file", required_argument, NULL, OPT_READY}, "PATH", "create PATH once attached"},
    {{"stats-interval", required_argument, NULL, OPT_STATS_INTERVAL},
     "S",
     "live: a status line on stderr every S seconds"},
    {{"kernel-parser", no_argument, NULL, OPT_KERNEL_PARSER},
     NULL,
     "replay every frame through the XDP program (BPF_PROG_TEST_RUN), as live capture parses"},
    {{"host-parser", no_argument, NULL, OPT_HOST_PARSER},
     NULL,
     "replay through the host build of the same parser (the default)"},
    {{"version", no_argument, NULL, OPT_VERSION}, NULL, "print the version"},
    {{"help", no_argument, NULL, 'h'}, NULL, "this text"},
};

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: xdpspy [options] [expression]\n"
		   "       xdpspy attach IF [--flows] | detach IF | list | stats [IF] "
		   "[--json|--prometheus] [--interval S] [--textfile DIR]\n"
		   "       xdpspy top [-i IF] [expression] | watch [-i IF] [--json] | flows [IF] "
		   "[--json|--prometheus]\n"
		   "       xdpspy audit [-i IF] [--for DURATION]\n\n");
	for (size_t i = 0; i < NDEFS; i++) {
		char left[64];
		int v = defs[i].lo.val;

		if (v == OPT_VERSION) /* the flow table's before the last two */
			flow_opts_help(f, "  ");

		if (v < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", v, defs[i].lo.name,
				 defs[i].arg ? " " : "", defs[i].arg ? defs[i].arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", defs[i].lo.name,
				 defs[i].arg ? " " : "", defs[i].arg ? defs[i].arg : "");
		fprintf(f, "  %-40s %s\n", left, defs[i].help);
	}
	fprintf(
	    f,
	    "\nsubcommands (no capture):\n"
	    "  attach IF [--hook H] [--flows]           count on IF, pinned, left running (with "
	    "the flow table; --process: and each flow's program)\n"
	    "  detach IF                                remove what attach left\n"
	    "  list                                     what is attached or capturing where\n"
	    "  stats [IF]                               the counters (--json, --prometheus, "
	    "--interval S, --textfile DIR)\n"
	    "  top [-i IF] [expression]                 the busiest flows, live (-d S, -s KEY, "
	    "-n N, --rows N, --process)\n"
	    "  watch [-i IF]                            a line per alarm, as it starts and ends, "
	    "and per login sent in clear text (--json, --interval S, --process)\n"
	    "  flows [IF]                               the flow table now (--json, --prometheus, "
	    "--textfile DIR, --top N)\n"
	    "  audit [-i IF] [--for DURATION]           per server port and program, what crossed "
	    "encrypted and what in the clear (default 60s; --process)\n");
}

/* A bad option: what tcpdump prints then, a short usage on stderr. */
static void short_usage(void)
{
	fprintf(stderr,
		"Usage: xdpspy [-AdDeKlnOpqStUvxX#] [ -B KiB ] [ -c count ] [ -C file_size ]\n"
		"\t\t[ -F file ] [ -G seconds ] [ -i interface ] [ -Q in|out|inout ]\n"
		"\t\t[ -r file ] [ -s snaplen ] [ -w file ] [ -W filecount ] [ -Z user ]\n"
		"\t\t[ expression ]\n"
		"       xdpspy attach|detach IF, xdpspy list, xdpspy stats [IF]\n"
		"       xdpspy top|watch|audit [-i IF], xdpspy flows [IF]\n"
		"       xdpspy --help lists every option\n");
}

static bool parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Word lists indexed by the value they stand for; NULL marks a value no word selects. */
static const char *const dirs[] = {"inout", "in", "out", NULL};
static const char *const xdp_modes[] = {NULL, "native", "generic", NULL}; /* enum xdp_mode */
static const char *const tc_modes[] = {NULL, "tcx", "clsact", NULL}; /* enum tc_mode */
static const char *const hooks[] = {"auto", "xdp", "tc", NULL}; /* enum ingress_hook */

/* *out = the index of arg in words (ended by a NULL after the first entry); -1 if absent. */
static int pick_word(const char *arg, const char *what, const char *const *words, int *out)
{
	for (int i = 0; i == 0 || words[i]; i++)
		if (words[i] && !strcmp(arg, words[i])) {
			*out = i;
			return 0;
		}
	log_msg("invalid %s %s", what, arg);
	return -1;
}

bool opts_cooked(const struct opts *o)
{
	return o->niface > 1 || (o->niface == 1 && !strcmp(o->iface[0], "any"));
}

uint32_t opts_event_snap(const struct opts *o)
{
	const struct print_opts *p = &o->print;

	return o->snaplen_set || o->write_file || p->xflag || p->Xflag || p->Aflag ? o->snaplen : 0;
}

/* Options that take a number: their range, and the complaint (tcpdump's) when out of it. */
static const struct number_opt {
	int opt;
	long min, max;
	const char *what, *range;
} numbers[] = {
    {'c', 1, __LONG_MAX__, "packet count", ""},
    {'s', 0, 262144, "snaplen", " (must be >= 0 and <= 262144)"},
    {'C', 1, 1000000, "file size", ""},
    {'G', 1, 86400L * 366, "rotation seconds", ""},
    {'W', 1, 1000000, "number of output files", ""},
    {'B', 4, 1 << 22, "buffer size", " (KiB, 4 to 4194304)"},
    {OPT_STATS_INTERVAL, 1, 86400, "stats interval", " (seconds, 1 to 86400)"},
    {OPT_MAX_CONNS, 1, LRU_MAX_ENTRIES, "flow count", " (1 to 2147483647)"},
    {OPT_PID, 1, 4194304, "process id", " (1 to 4194304)"},
};

static enum opts_result take_number(int c, const char *arg, struct opts *o)
{
	const struct number_opt *d = NULL;
	long v;

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (numbers[i].opt == c)
			d = &numbers[i];
	if (!d)
		return OPTS_EXIT_USAGE;
	if (!parse_num(arg, d->min, d->max, &v)) {
		log_msg("invalid %s %s%s", d->what, arg, d->range);
		return OPTS_EXIT_USAGE;
	}
	switch (c) {
	case 'c':
		o->count = v;
		break;
	case 's':
		o->snaplen = v ? (uint32_t)v : 262144;
		o->snaplen_set = true;
		break;
	case 'C':
		o->rotate_mb = v;
		break;
	case 'G':
		o->rotate_secs = (int)v;
		break;
	case 'W':
		o->max_files = (int)v;
		break;
	case 'B':
		o->ring_kib = (unsigned)v;
		break;
	case OPT_STATS_INTERVAL:
		o->stats_interval = (int)v;
		break;
	case OPT_MAX_CONNS:
		o->print.max_conns = (uint32_t)v;
		break;
	case OPT_PID:
		o->process.pid = (uint32_t)v;
		o->process.on = true;
		break;
	}
	return OPTS_RUN;
}

/* Options that only switch something on, or count how often they were given. */
static bool take_flag(int c, struct opts *o)
{
	struct print_opts *p = &o->print;

	switch (c) {
	case 'x':
		p->xflag++;
		break;
	case 'X':
		p->Xflag++;
		break;
	case 'A':
		p->Aflag++;
		break;
	case 'n':
		p->nflag++;
		break;
	case 'e':
		p->eflag++;
		break;
	case 'q':
		p->qflag++;
		break;
	case 't':
		p->tflag++;
		break;
	case 'S':
		p->Sflag = true;
		break;
	case '#':
		p->number = true;
		break;
	case 'K':
		p->Kflag = true;
		break;
	case 'v':
		p->vflag++, o->verbose++;
		break;
	case 'd':
		o->dump_filter++;
		break;
	case 'O':
		o->no_optimize = true;
		break;
	case 'l':
		o->line_buffered = true;
		break;
	case 'U':
		o->write_flush = true;
		break;
	case 'p':
		o->no_promisc = true;
		break;
	case 'D':
		o->list_ifaces = true;
		break;
	case OPT_PRINT:
		o->print_too = true;
		break;
	case OPT_JSON:
		p->json = true;
		break;
	case OPT_CLASSIC:
		p->classic = true;
		break;
	case OPT_NANO:
		p->nano = true;
		break;
	case OPT_HOST_PARSER:
		o->kernel_parser = false;
		break;
	case OPT_KERNEL_PARSER:
		o->kernel_parser = true;
		break;
	default:
		return false;
	}
	return true;
}

/* Every other option: names, paths, words, and the ones that end the run at once. */
static enum opts_result take_option(int c, const char *arg, struct opts *o)
{
	int v;

	if (take_flag(c, o))
		return OPTS_RUN;
	v = flow_opts_take(&o->flows, c, arg);
	if (v)
		return v > 0 ? OPTS_RUN : OPTS_EXIT_USAGE;
	switch (c) {
	case 'r':
		o->read_file = arg;
		break;
	case 'i':
		if (o->niface == OPTS_MAX_IFACES) {
			log_msg("-i: at most %d interfaces", OPTS_MAX_IFACES);
			return OPTS_EXIT_USAGE;
		}
		o->iface[o->niface++] = arg;
		break;
	case 'Z':
		o->drop_user = arg;
		break;
	case 'F':
		o->filter_file = arg;
		break;
	case 'w':
		o->write_file = arg;
		break;
	case OPT_READY:
		o->ready_file = arg;
		break;
	case OPT_PROCESS:
		o->process.on = true;
		break;
	case OPT_COMM:
		if (!*arg || strlen(arg) >= XS_OWN_COMM) {
			log_msg("--comm: a command of 1 to %d characters, as the kernel keeps it",
				XS_OWN_COMM - 1);
			return OPTS_EXIT_USAGE;
		}
		strncpy(o->process.comm, arg, sizeof(o->process.comm));
		o->process.on = true;
		break;
	case OPT_CGROUP:
		o->process.cgroup_path = arg;
		o->process.on = true;
		break;
	case 'Q':
		if (pick_word(arg, "direction (in, out or inout):", dirs, &v))
			return OPTS_EXIT_USAGE;
		o->dir = (enum direction)v;
		break;
	case OPT_MODE:
		if (pick_word(arg, "XDP mode (native or generic):", xdp_modes, &o->xdp_mode))
			return OPTS_EXIT_USAGE;
		break;
	case OPT_TC_MODE:
		if (pick_word(arg, "TC mode (tcx or clsact):", tc_modes, &o->tc_mode))
			return OPTS_EXIT_USAGE;
		break;
	case OPT_HOOK:
		if (pick_word(arg, "hook (auto, xdp or tc):", hooks, &o->hook))
			return OPTS_EXIT_USAGE;
		break;
	case OPT_VERSION:
		printf("xdpspy version %s\n", XDPSPY_VERSION);
		return OPTS_EXIT_OK;
	case 'h':
		usage(stdout);
		return OPTS_EXIT_OK;
	case '?':
		short_usage();
		return OPTS_EXIT_USAGE;
	default:
		return take_number(c, arg, o);
	}
	return OPTS_RUN;
}

/* Options that make no sense together. */
static enum opts_result check_combinations(struct opts *o)
{
	if (o->print.classic && (o->print.xflag || o->print.Xflag || o->print.Aflag)) {
		log_msg("--classic prints no -x, -X or -A dumps");
		return OPTS_EXIT_USAGE;
	}
	if ((o->rotate_mb || o->rotate_secs || o->max_files) && !o->write_file) {
		log_msg("-C, -G and -W need -w");
		return OPTS_EXIT_USAGE;
	}
	if (o->process.on && o->read_file) {
		log_msg("--process, --pid, --comm and --cgroup need a live capture, not -r");
		return OPTS_EXIT_USAGE;
	}
	if (o->process.on && !cgroups_root()) {
		log_msg("--process needs cgroup v2 mounted (its socket hooks go on its root)");
		return OPTS_EXIT_USAGE;
	}
	if (o->process.cgroup_path) {
		int err = cgroups_resolve(o->process.cgroup_path, &o->process.cgroup,
					  &o->process.cg_level);

		if (err) {
			log_msg("--cgroup %s: not a cgroup v2 directory: %s",
				o->process.cgroup_path, strerror(-err));
			return OPTS_EXIT_USAGE;
		}
	}
	if (o->print.tflag > 5) {
		log_msg("only -t, -tt, -ttt, -tttt and -ttttt are supported");
		return OPTS_EXIT_USAGE;
	}
	return OPTS_RUN;
}

enum opts_result opts_parse(int argc, char **argv, struct opts *o)
{
	struct option lopts[NDEFS + DETECT_NOPTS + 1];
	char shorts[NDEFS * 2 + 1];
	enum opts_result r = OPTS_RUN;
	size_t n = 0;
	int c;

	memset(o, 0, sizeof(*o));
	flow_opts_init(&o->flows);
	o->ring_kib = 0; /* the rings' default size (ring.c) */
	o->snaplen = 262144;
	for (size_t i = 0; i < NDEFS; i++) {
		lopts[i] = defs[i].lo;
		if (defs[i].lo.val < 256) {
			shorts[n++] = (char)defs[i].lo.val;
			if (defs[i].arg)
				shorts[n++] = ':';
		}
	}
	shorts[n] = '\0';
	lopts[NDEFS + flow_opts_long(lopts + NDEFS)] = (struct option){0};

	/* getopt names the program in its complaints: ours, as in every other message. */
	char *argv0 = argv[0];

	argv[0] = (char *)"xdpspy";
	while (r == OPTS_RUN && (c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1)
		r = take_option(c, optarg, o);
	argv[0] = argv0;
	if (r == OPTS_RUN)
		r = check_combinations(o);
	o->expr = argv + optind;
	o->expr_words = argc - optind;
	return r;
}
