/* SPDX-License-Identifier: GPL-2.0-only */
/* --json: one object per packet with every field the event carries, newline included. */
#ifndef XDPSPY_PRINT_JSON_H
#define XDPSPY_PRINT_JSON_H

#include "printer.h"
#include "strbuf.h"
#include "view.h"

void print_json(struct printer *pr, const struct pview *v, struct strbuf *sb);

#endif
