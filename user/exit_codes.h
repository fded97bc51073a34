/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xdpspy's exit codes. 0 and 1 are tcpdump's (a bad option or argument is an error, as there);
 * 3 and 4 let a script tell a busy interface and missing privileges from other failures.
 */
#ifndef XDPSPY_EXIT_CODES_H
#define XDPSPY_EXIT_CODES_H

enum xs_exit {
	XS_EXIT_OK = 0, /* also when the reader of stdout went away */
	XS_EXIT_ERR = 1, /* an error: bad usage, unreadable file, load failure, interface gone */
	XS_EXIT_BUSY = 3, /* the interface runs another XDP program, or another xdpspy */
	XS_EXIT_PRIVS = 4, /* CAP_BPF, CAP_NET_ADMIN or CAP_PERFMON missing */
};

#endif
