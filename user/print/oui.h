/* SPDX-License-Identifier: GPL-2.0-only */
/* IEEE organisationally unique identifiers by name, as tcpdump's oui.c knows them. */
#ifndef XDPSPY_PRINT_OUI_H
#define XDPSPY_PRINT_OUI_H

#include <stdint.h>

/* oui_values: the name of an OUI, or NULL. */
const char *oui_name(uint32_t oui);

#endif
