// SPDX-License-Identifier: GPL-2.0-only
/*
 * The printer's entry: the loop over one packet's record, and the dispatch from layer to
 * layer. The record is the time stamp, the link layer (print/ether.c, or -i any's cooked
 * header: print/sll.c), the network layer its ethertype names (print/ip4.c, ip6.c, arp.c, or
 * --classic's print/classic.c), which hand on to the transport printers themselves, and
 * -x/-X/-A's dump. The layers in user/print/ never
 * call back up here; what one packet's layers share travels in its view (print/view.h).
 */
#include <stdlib.h>

#include "cooked.h"
#include "lru.h"
#include "names.h"
#include "print.h"
#include "print/app.h"
#include "print/arp.h"
#include "print/classic.h"
#include "print/classic_ts.h"
#include "print/dump.h"
#include "print/ether.h"
#include "print/ip4.h"
#include "print/owner.h"
#include "print/ip6.h"
#include "print/json.h"
#include "print/network.h"
#include "print/printer.h"
#include "print/sll.h"
#include "print/tcpseq.h"
#include "print/udp.h"
#include "print/view.h"
#include "proto.h"

struct printer *printer_new(const struct print_opts *opts)
{
	struct printer *pr = calloc(1, sizeof(*pr));
	uint32_t max_conns = opts->max_conns ? opts->max_conns : PRINT_MAX_CONNS;

	if (!pr)
		return NULL;
	pr->o = *opts;
	timefmt_init(&pr->tf, opts->tflag, opts->nano);
	if (seq_tables_new(pr->seq, max_conns)) {
		printer_free(pr);
		return NULL;
	}
	if (!opts->nflag)
		pr->names = names_new(max_conns);
	if (!opts->nflag && !pr->names) {
		printer_free(pr);
		return NULL;
	}
	return pr;
}

void printer_free(struct printer *pr)
{
	if (!pr)
		return;
	lru_free(pr->seq[0]);
	lru_free(pr->seq[1]);
	names_free(pr->names);
	free(pr);
}

/* print.c pretty_print_packet's sanity checks; true when the record ends there. */
static bool print_invalid_header(const struct pkt_info *pi, struct strbuf *sb)
{
	bool bad = false;

	if (pi->cap_len == 0) {
		bad = true;
		sb_puts(sb, "[Invalid header: caplen==0");
	}
	if (pi->wire_len == 0 || pi->wire_len < pi->cap_len) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		if (pi->wire_len == 0) {
			sb_puts(sb, " len==0");
		} else {
			sb_printf(sb, " len(%u) < caplen(%u)", pi->wire_len, pi->cap_len);
		}
	}
	if (pi->cap_len > MAXIMUM_SNAPLEN) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		sb_printf(sb, " caplen(%u) > %u", pi->cap_len, MAXIMUM_SNAPLEN);
	}
	if (pi->wire_len > MAXIMUM_SNAPLEN) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		sb_printf(sb, " len(%u) > %u", pi->wire_len, MAXIMUM_SNAPLEN);
	}
	if (bad)
		sb_puts(sb, "]\n");
	return bad;
}

/* -x, -X, -A and their doubles: tcpdump's choice of dump and of where it starts. */
static void put_dump(const struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct print_opts *o = &pr->o;
	const struct xs_event *ev = v->ev;
	const struct pkt_info *pi = v->pkt;
	enum dump_kind kind = o->Xflag ? DUMP_HEX_ASCII : o->xflag ? DUMP_HEX : DUMP_ASCII;
	int count = o->Xflag ? o->Xflag : o->xflag ? o->xflag : o->Aflag;
	uint32_t start = ev->l3_off; /* the link-layer header's end, VLAN tags included */

	/* Cut inside the link-layer header (VLAN tags included): tcpdump counts all of it as that
	 * header, and dumps nothing. */
	if (ev->kind == XS_K_SHORT || ev->stop == XS_S_VLAN || pi->cap_len < start)
		return;
	if (count > 1 || v->lost)
		start = 0;
	if (pi->ifname && start == 0) {
		/* -i any: from the cooked header, as tcpdump dumps its LINUX_SLL2 record */
		static uint8_t cooked[COOKED_HDR_LEN + MAXIMUM_SNAPLEN];
		uint32_t n =
		    cooked_frame(ev, pi->hatype, pi->data, pi->cap_len, cooked, sizeof(cooked));

		print_dump(sb, kind, cooked, n);
		return;
	}
	print_dump(sb, kind, pi->data + start, pi->cap_len - start);
}

void print_prefetch(const struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		    struct print_hint *h)
{
	struct pview v;

	h->seq.skip = true;
	h->found = false;
	if (ev->kind != XS_K_TCP || ev->stop == XS_S_L4 || (ev->flags & XS_F_LATER_FRAG))
		return;
	view_init(&v, ev, pi);
	tcp_seq_prepare(pr, &v, &h->seq);
	h->found = true;
}

void print_prefetch_entry(const struct printer *pr, const struct print_hint *h)
{
	tcp_seq_prefetch(pr, &h->seq);
}

void print_packet(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		  const struct print_hint *h, struct strbuf *sb)
{
	enum dialect d = pr->o.classic ? TCPDUMP_372 : TCPDUMP_499;
	struct pview v;
	struct link lk;

	pr->count++;
	if (pr->o.number)
		sb_printf(sb, "%5u  ", pr->count);
	view_init(&v, ev, pi);
	if (h && h->found)
		v.seq = &h->seq; /* found ahead: the TCP line need not find it again */
	if (pr->o.json) {
		print_json(pr, &v, sb);
		return;
	}
	if (print_invalid_header(pi, sb))
		return;
	if (d == TCPDUMP_372)
		classic_ts(pr, sb, pi);
	else
		timefmt_print(&pr->tf, sb, pi->sec, pkt_frac(pr, pi));
	if (pi->ifname ? print_sll2(pr, &v, &lk, sb)
		       : print_ether(pr, &v, pi->wire_len, d, &lk, sb))
		print_network(pr, &v, &lk, d, sb);
	if (pi->owner)
		print_owner(pi->owner, sb);
	/* --classic's record has no dump. */
	if (d == TCPDUMP_499 && pi->data && (pr->o.xflag || pr->o.Xflag || pr->o.Aflag))
		put_dump(pr, &v, sb);
	sb_putc(sb, '\n');
}

uint32_t print_payload_reads(const struct print_opts *o, uint8_t ipproto, uint16_t port)
{
	if (o->qflag || o->classic || o->json)
		return 0;
	if (ipproto == XS_IPPROTO_TCP)
		return tcp_payload_reads(port, o->vflag);
	if (ipproto == XS_IPPROTO_UDP)
		return udp_payload_reads(port, o->vflag);
	return 0;
}
