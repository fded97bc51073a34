/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's table of which live records carry frame bytes without -s (include/app_bytes.h),
 * made at load time from the printer's decoders and the options that change what they read.
 */
#ifndef XDPSPY_APP_PORTS_H
#define XDPSPY_APP_PORTS_H

#include "app_bytes.h"
#include "print/types.h"

void app_ports_fill(struct xs_app_cfg *a, const struct print_opts *o);

#endif
