/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Addresses and names as tcpdump writes them: hosts and ports by name unless -n (names.h
 * looks them up), protocols by name or number, MAC addresses in each dialect's form.
 */
#ifndef XDPSPY_PRINT_ADDR_H
#define XDPSPY_PRINT_ADDR_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* An IPv4 or IPv6 address (network order): its name, or inet_ntop()'s text with -n. */
void put_host(const struct printer *pr, struct strbuf *sb, const uint8_t *addr, int is6);
/* GET_IPADDR_STRING: the IPv4 address at off of c after label; false (c cut) when not held. */
bool put_host_at(const struct printer *pr, struct cur *c, uint32_t off, const char *label,
		 struct strbuf *sb);
/* A TCP or UDP port (host order): its service name, or the number. */
void put_port(const struct printer *pr, struct strbuf *sb, uint16_t port, int udp);
/* " name" or " ip-proto-N", as tcpdump names a protocol it does not decode (print-ip.c). */
void put_proto(const struct printer *pr, struct strbuf *sb, uint8_t proto);
/* "src > dst" of the view's network layer. */
void put_addr_pair(const struct printer *pr, const struct pview *v, struct strbuf *sb);
/* 4.99's "%02x:..." (etheraddr_string), 3.7.2's "%x:..." (no leading zeros, no /etc/ethers). */
void put_mac(struct strbuf *sb, const uint8_t *mac, enum dialect d);

#endif
