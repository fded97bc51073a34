// SPDX-License-Identifier: GPL-2.0-only
/*
 * ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861), as tcpdump 4.99.3 prints what the event holds of
 * them: the type, echo's id and sequence, neighbour discovery's target. With the frame's bytes
 * ICMP goes to icmp4.c and ICMPv6 to icmp6_msg.c; without them the packet an error quotes is not there, and those print
 * the generic form (README: differences).
 */
#include "addr.h"
#include "icmp.h"
#include "icmp6.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

static const struct tok icmp_types[] = {
    {XS_ICMP_ECHOREPLY, "echo reply"},
    {3, "unreachable"},
    {4, "source quench"},
    {5, "redirect"},
    {XS_ICMP_ECHO, "echo request"},
    {9, "router advertisement"},
    {10, "router solicitation"},
    {11, "time exceeded"},
    {12, "parameter problem"},
    {13, "time stamp request"},
    {14, "time stamp reply"},
    {15, "information request"},
    {16, "information reply"},
    {17, "address mask request"},
    {18, "address mask reply"},
    {0, NULL},
};

static const struct tok icmp6_types[] = {
    {1, "destination unreachable"},
    {2, "packet too big"},
    {3, "time exceeded in-transit"},
    {4, "parameter problem"},
    {XS_ICMP6_ECHO_REQUEST, "echo request"},
    {XS_ICMP6_ECHO_REPLY, "echo reply"},
    {130, "multicast listener query"},
    {131, "multicast listener report"},
    {132, "multicast listener done"},
    {133, "router solicitation"},
    {134, "router advertisement"},
    {XS_ND_NEIGHBOR_SOLICIT, "neighbor solicitation"},
    {XS_ND_NEIGHBOR_ADVERT, "neighbor advertisement"},
    {137, "redirect"},
    {143, "multicast listener report v2"},
    {0, NULL},
};

/* ", id N, seq N" of an echo request or reply. */
static void put_echo(const struct xs_event *ev, struct strbuf *sb)
{
	sb_puts(sb, ", id ");
	sb_putu(sb, be16(ev->l4.icmp.id));
	sb_puts(sb, ", seq ");
	sb_putu(sb, be16(ev->l4.icmp.seq));
}

void print_icmp(struct printer *pr, struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v), n;
	uint8_t type = ev->l4.icmp.type;
	bool echo = type == XS_ICMP_ECHOREPLY || type == XS_ICMP_ECHO;
	const uint8_t *p = l4_bytes(v, &n);

	if (p) {
		print_icmp_bytes(pr, v, p, n, sb);
		return;
	}
	if (avail < 1 || (echo && avail < XS_ICMP_HLEN)) {
		put_trunc(sb, "icmp");
		return;
	}
	sb_puts(sb, "ICMP ");
	put_tok(sb, icmp_types, type, "type-#", "");
	if (echo)
		put_echo(ev, sb);
	sb_puts(sb, ", length ");
	sb_putu(sb, v->l4_len);
}

void print_icmp6(const struct printer *pr, struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v), n;
	uint8_t type = ev->l4.icmp.type;
	const uint8_t *p = l4_bytes(v, &n);

	if (p) {
		print_icmp6_bytes(pr, v, p, n, sb);
		return;
	}
	if (avail < 1) {
		put_trunc(sb, "icmp6");
		return;
	}
	sb_puts(sb, "ICMP6, ");
	put_tok(sb, icmp6_types, type, "unknown icmp6 type (", ")");
	if (type == XS_ICMP6_ECHO_REQUEST || type == XS_ICMP6_ECHO_REPLY) {
		if (avail < XS_ICMP_HLEN) {
			put_trunc(sb, "icmp6");
			return;
		}
		put_echo(ev, sb);
	} else if (type == XS_ND_NEIGHBOR_SOLICIT || type == XS_ND_NEIGHBOR_ADVERT) {
		if (v->l4_avail < XS_ICMP_HLEN + 16 || ev->l4x_len < 16) {
			put_trunc(sb, "icmp6");
			return;
		}
		sb_puts(sb, type == XS_ND_NEIGHBOR_SOLICIT ? ", who has " : ", tgt is ");
		put_host(pr, sb, v->tail, 1);
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, v->l4_len);
}
