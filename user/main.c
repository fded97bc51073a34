// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdpspy: tcpdump's output, decoded in the kernel. main() wires the modules and maps failures
 * to exit codes: 0 success, 1 an error (unreadable file, load failure, bad expression),
 * 2 a usage error, 3 the interface is busy (another XDP program), 4 missing privileges.
 */
#include "filter.h"
#include "live.h"
#include "log.h"
#include "opts.h"
#include "replay.h"
#include "subcmd.h"

/* -d: the program the expression compiles to, for the capture it would run in. */
static int dump_filter(const struct opts *o)
{
	int snaplen = filter_snaplen(o->read_file);
	struct cbpf_prog prog;
	int rc;

	if (snaplen < 0 || filter_build(o, o->read_file ? NULL : o->iface, snaplen, &prog))
		return 1;
	rc = filter_dump(&prog, o->dump_filter) ? 1 : 0;
	filter_free(&prog);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;

	/* `xdpspy stats`, not a filter for host "stats" (that is `xdpspy host stats`). */
	if (argc > 1 && subcmd_is(argv[1])) {
		log_libbpf_init();
		return subcmd_run(argc, argv);
	}
	switch (opts_parse(argc, argv, &o)) {
	case OPTS_EXIT_OK:
		return 0;
	case OPTS_EXIT_USAGE:
		return 2;
	case OPTS_RUN:
		break;
	}
	log_verbosity = o.verbose;
	log_libbpf_init();
	if (o.dump_filter)
		return dump_filter(&o);
	if (o.read_file)
		return replay_run(&o);
	return live_run(&o);
}
