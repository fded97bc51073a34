/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host and port names for the printer when -n is not given, as tcpdump's addrtoname.c finds
 * them: reverse lookups through the resolver, ports from the services database. Every answer
 * is cached, as tcpdump does; host names only up to a bound (--max-conns), past which the
 * least recently used is looked up again when it comes back.
 */
#ifndef XDPSPY_NAMES_H
#define XDPSPY_NAMES_H

#include <stdint.h>

struct names;

/* At most max_hosts host names held. */
struct names *names_new(uint32_t max_hosts);
void names_free(struct names *nm);
/*
 * The name for an address in network order (4 or 16 bytes), or its numeric text; valid until
 * the next call.
 */
const char *names_host(struct names *nm, const uint8_t *addr, int is6);
/* The service name of a port (host order) for "tcp" or "udp", or NULL. */
const char *names_port(struct names *nm, uint16_t port, int udp);
/* The protocol name of an IP protocol number (getprotobynumber), or NULL. */
const char *names_proto(struct names *nm, uint8_t proto);

#endif
