/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Encapsulations, as tcpdump 4.99.3 prints them: the tunnel's own header, then the packet or
 * frame inside it through the same layers as an outer one (print_inner()), so its lines,
 * relative sequence numbers (keyed by the inner addresses and ports) and truncation marks are
 * those of a packet on its own. The kernel marks a tunnelled frame's record as carrying the
 * frame's bytes (include/parse.h, XS_F_HDRS): everything here reads them; a record without
 * them prints the outer header alone.
 *
 * tcpdump recurses without a bound; print_inner() stops at TUNNEL_MAX_DEPTH packets inside
 * one another and prints " [|tunnel]" there (README).
 */
#ifndef XDPSPY_PRINT_TUNNEL_H
#define XDPSPY_PRINT_TUNNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "ether.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

#define TUNNEL_MAX_DEPTH 8

/*
 * The packet or frame at p inside a tunnel: `length` bytes as the tunnel says, `caplen` of
 * them captured. etype names the network layer (a packet: IPv4, IPv6, MPLS, ...), or is 0 for
 * an Ethernet frame (VXLAN, GRE's and Geneve's TEB). A record that ends inside marks v lost.
 */
void print_inner(struct printer *pr, struct pview *v, uint16_t etype, const uint8_t *p,
		 uint32_t caplen, uint32_t length, struct strbuf *sb);

/* The bytes of the protocol at xoff after the fixed IP header (ip_demux()'s), *caplen of them
 * captured; NULL when the record holds headers only. */
const uint8_t *tunnel_bytes(const struct pview *v, uint32_t xoff, uint32_t *caplen);

/* IP protocols 4, 41, 47 and (in IPv6) 143 at xoff (ip_demux()): false when the record has no
 * bytes for it. */
bool print_ip_tunnel(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff,
		     struct strbuf *sb);
/* VXLAN and Geneve, by port, as udp_print() picks them: false for other ports. */
bool print_udp_tunnel(struct printer *pr, struct pview *v, uint16_t sport, uint16_t dport,
		      const uint8_t *p, uint32_t caplen, uint32_t length, struct strbuf *sb);
/* MPLS and PPPoE sessions at the link's ethertype: false when the record has no bytes. */
bool print_link_tunnel(struct printer *pr, struct pview *v, const struct link *lk,
		       struct strbuf *sb);

/* The headers themselves (gre.c, vxlan.c, mpls.c). */
void print_gre(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
	       uint32_t length, struct strbuf *sb);
void print_vxlan(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		 uint32_t length, struct strbuf *sb);
void print_geneve(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		  uint32_t length, struct strbuf *sb);
void print_mpls(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		uint32_t length, struct strbuf *sb);
void print_pppoe(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
		 uint32_t length, struct strbuf *sb);
/* ppp_print(): PPP's protocol field, then the packet it names. */
void print_ppp(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
	       uint32_t length, struct strbuf *sb);

#endif
