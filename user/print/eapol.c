// SPDX-License-Identifier: GPL-2.0-only
/*
 * EAPOL (IEEE 802.1X) as tcpdump 4.99.3's eapol_print() prints its header: the frame type,
 * version and length. -v's decoding of an EAP packet (RFC 3748) inside is not done here.
 */
#include "ethertype.h"
#include "tok.h"

#define EAPOL_HLEN 4
#define EAP_FRAME_TYPE_PACKET 0

static const struct tok eap_frame_type_values[] = {
    {EAP_FRAME_TYPE_PACKET, "EAP packet"},
    {1, "EAPOL start"},
    {2, "EAPOL logoff"},
    {3, "EAPOL key"},
    {4, "Encapsulated ASF alert"},
    {0, NULL},
};

void print_eapol(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	const char *name;
	uint16_t len;
	uint8_t type;

	(void)length;
	if (!cur_need(c, 0, EAPOL_HLEN))
		return;
	type = c->p[1];
	len = cur_be16(c, 2);
	name = tok_name(eap_frame_type_values, type);
	sb_printf(sb, "%s (%u) v%u, len %u", name ? name : "unknown", type, c->p[0], len);
	if (pr->o.vflag && type == EAP_FRAME_TYPE_PACKET && len == 0)
		put_trunc(sb, "eap");
}
