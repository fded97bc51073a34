/* SPDX-License-Identifier: GPL-2.0-only */
/* PPP's protocol names and its control protocols (ppp_ctrl.c), for print_ppp() (mpls.c). */
#ifndef XDPSPY_PRINT_PPP_H
#define XDPSPY_PRINT_PPP_H

#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "tok.h"
#include "view.h"

/* print-ppp.c ppptype2str */
extern const struct tok ppp_type_names[];

/* Is proto one handle_ppp() hands to handle_ctrl_proto()? */
bool ppp_is_ctrl(uint16_t proto);

/* handle_ctrl_proto: the message at p, `length` bytes after the protocol field, caplen of
 * them captured. The two bytes before p must be readable (tcpdump dumps them with -v). */
void print_ppp_ctrl(struct printer *pr, struct pview *v, uint16_t proto, const uint8_t *p,
		    uint32_t caplen, uint32_t length, struct strbuf *sb);

#endif
