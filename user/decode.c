// SPDX-License-Identifier: GPL-2.0-only
/* Copies a ring record into a zeroed host struct: records end where their data ends. */
#include <errno.h>
#include <string.h>

#include "decode.h"
#include "compact.h"
#include "parse_host.h"

/* The event as the parser makes it of only the bytes captured, with the hook's own facts. */
void decode_reparse(struct xs_event *ev, const uint8_t *data, uint32_t len)
{
	struct xs_event full = *ev;

	memset(ev, 0, sizeof(*ev));
	xs_parse(ev, &(struct xs_frame){.data = data, .end = data + len});
	ev->ts_ns = full.ts_ns;
	ev->wire_len = full.wire_len;
	ev->ifindex = full.ifindex; /* -i any names the interface and direction from these */
	ev->pkt_type = full.pkt_type;
	ev->flags |= full.flags & (XS_F_EGRESS | XS_F_DATA | XS_F_VLAN_META);
}

/*
 * A TC hook's frame whose outer VLAN tag the skb held (XS_F_VLAN_META): the bytes with the tag
 * put back after the MAC addresses, as libpcap puts it back, into a buffer that stays valid
 * until the next call.
 */
static const uint8_t *put_tag_back(const struct xs_event *ev, const uint8_t *data, uint32_t *len)
{
	static uint8_t buf[XS_MAX_SNAP + 4];
	uint32_t n = *len;

	if (n < 12)
		return data;
	memcpy(buf, data, 12);
	memcpy(buf + 12, &ev->etype[0], 2);
	memcpy(buf + 14, &ev->vlan_tci[0], 2);
	memcpy(buf + 16, data + 12, n - 12);
	*len = n + 4;
	return buf;
}

int decode_event(const void *rec, size_t size, struct xs_event *ev, const uint8_t **data,
		 uint32_t *data_len)
{
	size_t n;

	*data = NULL;
	*data_len = 0;
	if (size > XS_COMPACT_VERSION_AT &&
	    ((const uint8_t *)rec)[XS_COMPACT_VERSION_AT] == XS_COMPACT_VERSION)
		return compact_decode(rec, size, ev);
	if (size < XS_EVENT_FIXED)
		return -EINVAL;
	n = size < sizeof(*ev) ? size : sizeof(*ev);
	memcpy(ev, rec, n);
	memset((char *)ev + n, 0, sizeof(*ev) - n); /* only what the record does not fill */
	if (ev->version != XS_EVENT_VERSION)
		return -EINVAL;
	if (!(ev->flags & XS_F_DATA))
		return xs_event_size(ev) == size ? 0 : -EINVAL;
	if (size < sizeof(*ev) || size - sizeof(*ev) > XS_MAX_SNAP)
		return -EINVAL;
	*data = (const uint8_t *)rec + sizeof(*ev);
	*data_len = (uint32_t)(size - sizeof(*ev));
	if (ev->flags & XS_F_VLAN_META)
		*data = put_tag_back(ev, *data, data_len);
	if (*data_len < ev->cap_len)
		decode_reparse(ev, *data, *data_len);
	else if (ev->flags & XS_F_HDRS)
		ev->cap_len =
		    *data_len; /* a tunnel's packet: all of it captured, paged parts too */
	return 0;
}

bool decode_owner(const void *rec, size_t *size, struct xs_owner *o)
{
	uint16_t flags;

	if (*size < XS_EVENT_FIXED + sizeof(*o))
		return false;
	memcpy(&flags, (const char *)rec + offsetof(struct xs_event, flags), sizeof(flags));
	if (!(flags & XS_F_OWNER))
		return false;
	*size -= sizeof(*o);
	memcpy(o, (const char *)rec + *size, sizeof(*o));
	return true;
}
