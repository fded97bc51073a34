/* SPDX-License-Identifier: GPL-2.0-only */
/* Diagnostics on stderr, one line each, prefixed with the program's name, as tcpdump does. */
#ifndef XDPSPY_LOG_H
#define XDPSPY_LOG_H

#include <stdbool.h>

extern int log_verbosity; /* -v count; libbpf's own log shows from 2 up */

void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_libbpf_init(void);
/* libbpf's messages off (true) around a call whose failure is expected and handled. */
void log_libbpf_quiet(bool quiet);

#endif
