/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the printer's files share: the per-packet view of an event with tcpdump's two running
 * lengths (what the headers claim is left, and what was captured), and helpers every protocol
 * printer uses. Not for use outside user/print*.c.
 */
#ifndef XDPSPY_PRINT_INTERNAL_H
#define XDPSPY_PRINT_INTERNAL_H

#include "csum.h"
#include "names.h"
#include "print.h"
#include "timefmt.h"
#include "wire.h"

struct seq_table;

struct printer {
	struct print_opts o;
	struct timefmt tf;
	struct names *names; /* NULL with -n */
	struct seq_table *seq4;
	struct seq_table *seq6;
	uint32_t count; /* records printed, for -# */
	const struct pkt_info *pkt; /* the packet being printed */
	/* The record ended where tcpdump reads past the capture and longjmps out: its -x/-X/-A
	 * dump then starts at the frame's first byte (print_dump.h). */
	bool lost;
};

/* One packet being printed. */
struct pview {
	const struct xs_event *ev;
	const uint8_t *saddr; /* into ev->var, or NULL */
	const uint8_t *daddr;
	const uint8_t *l3x; /* IPv4 options / IPv6 extension headers: ev->l3x_cap bytes */
	/* The bytes after the fixed IP header (options, extension and AH headers, what follows):
	 * l3x, or with XS_F_HDRS the frame's own; xcap of them are held. */
	const uint8_t *x;
	uint32_t xcap;
	const uint8_t *tail; /* what follows the fixed L4 header */
	uint32_t l4_len; /* what the IP layer says the L4 part is long */
	uint32_t l4_avail; /* bytes of the L4 part captured (tcpdump's snapend) */
	int fragmented;
	int is6;
};

/* Bytes of the fixed L4 header there are: captured (the kernel's l4_cap) and inside the IP
 * length (tcpdump's snapend). */
static inline uint32_t l4_captured(const struct pview *v)
{
	return v->l4_avail < v->ev->l4_cap ? v->l4_avail : v->ev->l4_cap;
}

/* tcpdump's nd_print_trunc: " [|proto]". */
static inline void put_trunc(struct strbuf *sb, const char *proto)
{
	sb_puts(sb, " [|");
	sb_puts(sb, proto);
	sb_putc(sb, ']');
}

void put_host(struct printer *pr, struct strbuf *sb, const uint8_t *addr, int is6);
/* " name" or " ip-proto-N", as tcpdump names a protocol it does not decode. */
void put_proto(struct printer *pr, struct strbuf *sb, uint8_t proto);
const char *ipproto_name(uint8_t nh);
void put_port(struct printer *pr, struct strbuf *sb, uint16_t port, int udp);
void put_mac(struct strbuf *sb, const uint8_t *mac);

/* The pieces print.c shares with the network-layer printers. */
void view_init(struct pview *v, const struct xs_event *ev);
/* view_init(), with x taken from the frame's bytes when the event could not hold them. */
void view_init_frame(const struct printer *pr, struct pview *v, const struct xs_event *ev);
void put_addr_pair(struct printer *pr, const struct pview *v, struct strbuf *sb);
/* The upper-layer printer for v->ev->kind (the --classic printer's). */
void demux(struct printer *pr, struct pview *v, struct strbuf *sb);
/*
 * print-ip-demux.c ip_demux_print: the protocol nh at byte xoff of v->x (AH headers, then
 * what follows them), v->l4_len and v->l4_avail counted from there.
 */
void ip_demux(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff, struct strbuf *sb);
/* TCP, UDP, SCTP and DCCP print the addresses themselves, with their ports. */
int upper_prints_addrs(uint8_t nh);
/* print-ip.c ip_print: `length` is what the link layer left, `caplen` what it captured. */
void print_ip4(struct printer *pr, const struct xs_event *ev, uint32_t length, uint32_t caplen,
	       struct strbuf *sb);
/* in_cksum() over the IPv4 header the event holds and its optlen bytes of options: 0 when the
 * checksum field is right. */
uint16_t ip4_cksum(const struct xs_event *ev, const uint8_t *opts, uint32_t optlen);
/* print-ip6.c ip6_print: `length` is what the link layer left, `caplen` what it captured. */
void print_ip6(struct printer *pr, const struct xs_event *ev, uint32_t length, uint32_t caplen,
	       struct strbuf *sb);

/* --json's object for one packet (print_json.c). */
void print_json(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		struct strbuf *sb);

void print_tcp(struct printer *pr, const struct pview *v, struct strbuf *sb);
/* print_tcp.c: tcpdump's relative sequence numbers, shared with --classic. */
uint32_t tcp_seq_relative(struct printer *pr, const struct pview *v, uint32_t *seq, uint32_t *ack);
void print_udp(struct printer *pr, const struct pview *v, struct strbuf *sb);
void print_icmp(struct printer *pr, const struct pview *v, struct strbuf *sb);
void print_icmp6(struct printer *pr, const struct pview *v, struct strbuf *sb);
void print_arp(struct printer *pr, const struct xs_event *ev, uint32_t length, uint32_t caplen,
	       struct strbuf *sb);

struct seq_table *seq_table_new(void);
void seq_table_free(struct seq_table *t);

#endif
