/* SPDX-License-Identifier: GPL-2.0-only */
/* PPP's protocol names and its control protocols (ppp_ctrl.c), for print_ppp() (mpls.c). */
#ifndef XDPSPY_PRINT_PPP_H
#define XDPSPY_PRINT_PPP_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "tok.h"
#include "view.h"

/* print-ppp.c ppptype2str */
extern const struct tok ppp_type_names[];

/* Is proto one handle_ppp() hands to handle_ctrl_proto()? */
bool ppp_is_ctrl(uint16_t proto);

/* How an option printer of print-ppp.c leaves an option: the list ends (it returns 0), or it
 * goes on past the option, with or without -vv's dump of it. */
enum ppp_opt_ret { PPP_OPT_END, PPP_OPT_EARLY, PPP_OPT_DONE };

/* Does proto have an option printer in ppp_ncp.c (IPCP, IP6CP, CCP, BACP)? */
bool ppp_ncp_has_options(uint16_t proto);
/* Its option at o of a message `length` bytes long (as tcpdump passes it): what it takes, 0 to
 * end the list. */
uint32_t ppp_ncp_option(const struct printer *pr, uint16_t proto, struct cur *c, uint32_t o,
			uint32_t length, struct strbuf *sb);

/* handle_ctrl_proto: the message at p, `length` bytes after the protocol field, caplen of
 * them captured. The two bytes before p must be readable (tcpdump dumps them with -v). */
void print_ppp_ctrl(struct printer *pr, struct pview *v, uint16_t proto, const uint8_t *p,
		    uint32_t caplen, uint32_t length, struct strbuf *sb);

#endif
