// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdpspy: tcpdump's output, decoded in the kernel. main() wires the modules; exit_codes.h says
 * what each exit status means.
 */
#include "exit_codes.h"
#include "filter.h"
#include "live.h"
#include "log.h"
#include "opts.h"
#include "replay.h"
#include "subcmd.h"

/*
 * -d: the program the expression compiles to, for the capture it would run in: for -r, as
 * tcpdump compiles it for the file; live, as tcpdump compiles it for the interface, which the
 * TC hooks run (the capture file's when libpcap cannot open the interface).
 */
static int dump_filter(const struct opts *o)
{
	const char *ifname = o->read_file || !o->niface ? NULL : o->iface[0];
	int snaplen = filter_snaplen(o->read_file);
	struct cbpf_prog prog, live = {0};
	int rc;

	if (!o->read_file && opts_cooked(o)) { /* -i any: as tcpdump -d -i any, at TC */
		if (filter_build_cooked(o, &prog))
			return XS_EXIT_ERR;
		rc = filter_dump(&prog, o->dump_filter, true) ? XS_EXIT_ERR : XS_EXIT_OK;
		filter_free(&prog);
		return rc;
	}
	if (snaplen < 0 || filter_build(o, ifname, snaplen, &prog))
		return XS_EXIT_ERR;
	if (ifname && filter_build_tc(o, ifname, &live)) {
		filter_free(&prog);
		return XS_EXIT_ERR;
	}
	rc = filter_dump(live.len ? &live : &prog, o->dump_filter, live.len > 0) ? XS_EXIT_ERR
										 : XS_EXIT_OK;
	filter_free(&prog);
	filter_free(&live);
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
		return XS_EXIT_OK;
	case OPTS_EXIT_USAGE:
		return XS_EXIT_ERR;
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
