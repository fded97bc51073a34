// SPDX-License-Identifier: GPL-2.0-only
/* Compact records (compact.h): the loader's choice, and the event made again from one. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "compact.h"
#include "opts.h"
#include "parse_host.h"
#include "compact_rec.h"

bool compact_wanted(const struct opts *o)
{
	const struct print_opts *p = &o->print;

	return !p->eflag && !p->vflag && !p->xflag && !p->Xflag && !p->Aflag && !p->json &&
	       !p->classic && !o->snaplen_set && !o->write_file && !o->process.on;
}

int compact_decode(const void *rec, size_t size, struct xs_event *ev)
{
	struct xs_compact c;
	bool ip6;
	uint16_t l3 = 14, l4;

	if (size < XS_COMPACT_FIXED || size > sizeof(c))
		return -EINVAL;
	memcpy(&c, rec, size);
	ip6 = c.cflags & XS_C_IP6;
	if ((c.cflags & ~(XS_C_IP6 | XS_C_EGRESS)) || c.l4x_len > XS_MAX_OPT ||
	    xs_compact_size(ip6, c.l4x_len) != size)
		return -EINVAL;
	l4 = l3 + (ip6 ? 40 : 20);
	memset(ev, 0, sizeof(*ev));
	ev->ts_ns = c.ts_ns;
	ev->wire_len = c.wire_len;
	ev->cap_len = c.cap_len;
	ev->version = XS_EVENT_VERSION;
	ev->kind = XS_K_TCP;
	ev->stop = XS_S_OK;
	ev->flags = (ip6 ? XS_F_IP6 : XS_F_IP4) | (c.cflags & XS_C_EGRESS ? XS_F_EGRESS : 0);
	ev->l3_off = l3;
	ev->l4_off = l4;
	ev->l4_cap = 20;
	ev->l4x_len = c.l4x_len;
	ev->etype[0] = ev->etype_l3 = htons(ip6 ? 0x86dd : 0x0800);
	ev->ip_vhl = c.ip_vhl;
	ev->ip_tos = c.ip_tos;
	ev->ip_proto = ev->l4_proto = 6;
	ev->ip_len = c.ip_len;
	memcpy(ev->l4.raw, c.tcp, sizeof(c.tcp));
	ev->ifindex = c.ifindex;
	ev->pkt_type = c.pkt_type;
	memcpy(ev->var, c.var, (ip6 ? 32 : 8) + c.l4x_len);
	return 0;
}

size_t compact_encode(const struct xs_event *ev, struct xs_compact *c)
{
	bool ip6 = ev->flags & XS_F_IP6;
	size_t size = xs_compact_size(ip6, ev->l4x_len);

	memset(c, 0, sizeof(*c));
	c->ts_ns = ev->ts_ns;
	c->wire_len = ev->wire_len;
	c->cap_len = ev->cap_len;
	c->version = XS_COMPACT_VERSION;
	c->cflags = (ip6 ? XS_C_IP6 : 0) | (ev->flags & XS_F_EGRESS ? XS_C_EGRESS : 0);
	c->l4x_len = ev->l4x_len;
	c->ip_vhl = ev->ip_vhl;
	c->ifindex = ev->ifindex;
	c->ip_len = ev->ip_len;
	c->ip_tos = ev->ip_tos;
	c->pkt_type = ev->pkt_type;
	memcpy(c->tcp, ev->l4.raw, sizeof(c->tcp));
	memcpy(c->var, ev->var, size - XS_COMPACT_FIXED);
	return size;
}
