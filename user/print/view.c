// SPDX-License-Identifier: GPL-2.0-only
/* The per-packet view (view.h): where the event keeps what the layers read. */
#include "proto.h"
#include "view.h"

void view_init(struct pview *v, const struct xs_event *ev, const struct pkt_info *pi)
{
	v->ev = ev;
	v->pkt = pi;
	v->lost = false;
	v->is6 = (ev->flags & XS_F_IP6) != 0;
	v->saddr = ev->var;
	v->daddr = ev->var + (v->is6 ? 16 : 4);
	v->tail = ev->var + xs_addr_len(ev);
	v->l3x = v->tail + XS_MAX_OPT;
	v->x = v->l3x;
	v->xcap = ev->l3x_cap;
	v->l4_len = 0;
	v->l4_avail = 0;
	v->fragmented = 0;
	v->seq = NULL;
}

void view_frame_headers(struct pview *v)
{
	const struct xs_event *ev = v->ev;
	const struct pkt_info *pi = v->pkt;
	uint32_t start = ev->l3_off + (ev->flags & XS_F_IP6 ? XS_IP6_HLEN : XS_IP4_HLEN);

	if (!(ev->flags & XS_F_HDRS) || !pi || !pi->data)
		return;
	v->x = pi->data + start;
	v->xcap = pi->cap_len > start ? pi->cap_len - start : 0;
}
