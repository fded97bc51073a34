/* SPDX-License-Identifier: GPL-2.0-only */
/* Diagnostics on stderr, one line each, prefixed with the program's name, as tcpdump does. */
#ifndef XDPSPY_LOG_H
#define XDPSPY_LOG_H

extern int log_verbosity; /* -v count; libbpf's own log shows from 2 up */

void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_libbpf_init(void);

#endif
