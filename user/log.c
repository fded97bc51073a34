// SPDX-License-Identifier: GPL-2.0-only
/* stderr diagnostics, and libbpf's log demoted to -v/-vv as xdp-tools does. */
#include <stdarg.h>
#include <stdio.h>

#include <bpf/libbpf.h>

#include "log.h"

int log_verbosity;
static bool libbpf_quiet;

void log_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("xdpspy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* libbpf's lines ("libbpf: ...") go out under our name, like every other diagnostic. */
__attribute__((format(printf, 2, 0))) static int libbpf_log(enum libbpf_print_level level,
							    const char *fmt, va_list ap)
{
	/* Warnings (a load failure's verifier log) at -v, libbpf's chatter at -vv. */
	if (libbpf_quiet || level == LIBBPF_DEBUG || (level == LIBBPF_INFO && log_verbosity < 2) ||
	    log_verbosity < 1)
		return 0;
	fputs("xdpspy: ", stderr);
	return vfprintf(stderr, fmt, ap);
}

void log_libbpf_quiet(bool quiet)
{
	libbpf_quiet = quiet;
}

void log_libbpf_init(void)
{
	libbpf_set_print(libbpf_log);
}
