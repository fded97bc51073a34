/* SPDX-License-Identifier: GPL-2.0-only */
/* LLDP's organisation specific TLVs (lldp_org.c), for lldp.c's -v. */
#ifndef XDPSPY_PRINT_LLDP_H
#define XDPSPY_PRINT_LLDP_H

#include <stdbool.h>
#include <stdint.h>

#include "cursor.h"
#include "strbuf.h"

/* Does lldp_org.c decode the TLVs of this OUI? */
bool lldp_org_decodes(uint32_t oui);
/* The TLV's value at o (OUI, subtype, ...), len bytes, all held: true when tcpdump then dumps
 * it in hex. */
bool print_lldp_org(struct cur *c, uint32_t oui, uint32_t o, uint32_t len, struct strbuf *sb);

#endif
