// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdpspy: tcpdump's output, decoded in the kernel. main() wires the modules and maps failures
 * to exit codes: 0 success, 1 an error (unreadable file, load failure, bad expression),
 * 2 a usage error, 3 the interface is busy (another XDP program), 4 missing privileges.
 */
#include <stdio.h>

#include "live.h"
#include "log.h"
#include "opts.h"
#include "replay.h"
#include "subcmd.h"

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
	if (o.expr_words > 0) {
		log_msg("filter expressions are not supported yet: '%s'", o.expr[0]);
		return 1;
	}
	if (o.read_file)
		return replay_run(&o);
	return live_run(&o);
}
