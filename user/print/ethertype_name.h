/* SPDX-License-Identifier: GPL-2.0-only */
/* Ethertypes by name (ethertype_name.c). */
#ifndef XDPSPY_PRINT_ETHERTYPE_NAME_H
#define XDPSPY_PRINT_ETHERTYPE_NAME_H

#include <stdint.h>

/* The name 4.99 gives an ethertype (print-ether.c ethertype_values), or NULL. */
const char *ethertype_name(uint16_t type);

#endif
