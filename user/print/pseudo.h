/* SPDX-License-Identifier: GPL-2.0-only */
/* The transport checksums' pseudo header, with tcpdump's choice of destination (pseudo.c). */
#ifndef XDPSPY_PRINT_PSEUDO_H
#define XDPSPY_PRINT_PSEUDO_H

#include <stdint.h>

#include "view.h"

/* print-ip.c ip_finddst(), print-ip6.c ip6_finddst(): a source route's last address, or NULL. */
const uint8_t *route_final_dst4(const struct pview *v);
const uint8_t *route_final_dst6(const struct pview *v);
/* in_cksum() over the pseudo header (length len, protocol proto) and p[0, len): 0 when right. */
uint16_t l4_cksum(const struct pview *v, uint8_t proto, const uint8_t *p, uint32_t len);
/* The same with only the first cov bytes of p summed (DCCP's checksum coverage). */
uint16_t l4_cksum_cov(const struct pview *v, uint8_t proto, const uint8_t *p, uint32_t len,
		      uint32_t cov);

#endif
