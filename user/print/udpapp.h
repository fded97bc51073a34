/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The UDP payload decoders past DNS that xdpspy has, chosen by port in udp_print()'s order
 * (udpapp.c): each reads the payload at a cursor over the bytes tcpdump has and `length`,
 * the payload's length by the UDP and IP headers.
 */
#ifndef XDPSPY_PRINT_UDPAPP_H
#define XDPSPY_PRINT_UDPAPP_H

#include <stdbool.h>
#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* A decoder; a read past the held bytes leaves c->cut set and the caller prints
 * " [|proto]". */
typedef void udpapp_fn(const struct printer *pr, const struct pview *v, struct cur *c,
		       uint32_t length, struct strbuf *sb);

/* Whether the decoder print_udp_app() picks for a datagram to or from port is one of ours (it
 * reads the whole message). */
bool udp_app_decodes(uint16_t port);

/* What print_udp_app() found for the ports, in udp_print()'s order: a decoder it ran, none
 * here, or a tunnel (VXLAN, Geneve), whose inner packet print_udp_tunnel() prints. */
enum udp_app { UDP_APP_NONE, UDP_APP_PRINTED, UDP_APP_TUNNEL };
enum udp_app print_udp_app(const struct printer *pr, struct pview *v, uint16_t sport,
			   uint16_t dport, struct cur *c, uint32_t length, struct strbuf *sb);

udpapp_fn print_bootp;
udpapp_fn print_dhcp6;
udpapp_fn print_snmp;
udpapp_fn print_isakmp;
udpapp_fn print_ptp_udp;
udpapp_fn print_ntp;
udpapp_fn print_syslog;

#endif
