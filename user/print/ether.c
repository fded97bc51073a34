// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ethernet (IEEE 802.3) and 802.1Q/802.1ad tags, in both dialects (ether.h). 4.99 walks every
 * tag, those past what the event holds from the frame's bytes (XS_F_HDRS), and writes -e's
 * header piece by piece between them; 3.7.2 knew 802.1Q tags only, and wrote its -e header
 * once, before them.
 */
#include "addr.h"
#include "ether.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

/* print-ether.c ethertype_values: the names 4.99 gives the types we can meet. */
static const struct tok ethertype_values[] = {
    {XS_ETH_P_IP, "IPv4"},
    {XS_ETH_P_ARP, "ARP"},
    {0x8035, "Reverse ARP"},
    {XS_ETH_P_IPV6, "IPv6"},
    {XS_ETH_P_8021Q, "802.1Q"},
    {XS_ETH_P_8021AD, "802.1Q-QinQ"},
    {XS_ETH_P_QINQ1, "802.1Q-9100"},
    {XS_ETH_P_QINQ2, "802.1Q-9200"},
    {0x88cc, "LLDP"},
    {0x8847, "MPLS unicast"},
    {0x8848, "MPLS multicast"},
    {0x8863, "PPPoE D"},
    {0x8864, "PPPoE S"},
    {0x888e, "EAPOL"},
    {0x88f7, "PTP"},
    {0x8809, "Slow Protocols"},
    {0x9000, "Loopback"},
    {0x88e5, "802.1AE MACsec"},
    {0x8137, "IPX"},
    {0x809b, "Appletalk"},
    {0x80f3, "Appletalk ARP"},
    {0x6003, "DNET"},
    {XS_ETH_P_TEB, "TEB"},
    {0x880b, "PPP"},
    {0, NULL},
};

const char *ethertype_name(uint16_t type)
{
	return tok_name(ethertype_values, type);
}

/* libpcap 0.7's eproto_db: the names 3.7.2 gives ethertypes with -e. */
static const struct tok eproto_db[] = {
    {0x0200, "pup"},	    {0x0500, "sprite"},	   {0x0600, "xns"},
    {XS_ETH_P_IP, "ip"},    {XS_ETH_P_ARP, "arp"}, {0x6001, "mopdl"},
    {0x6002, "moprc"},	    {0x6003, "decnet"},	   {0x6004, "lat"},
    {0x6007, "sca"},	    {0x8035, "rarp"},	   {0x8038, "lanbridge"},
    {0x803c, "decdns"},	    {0x803e, "decdts"},	   {0x805b, "vexp"},
    {0x805c, "vprod"},	    {0x809b, "atalk"},	   {0x80f3, "atalkarp"},
    {XS_ETH_P_IPV6, "ip6"}, {0x9000, "loopback"},  {0, NULL},
};

static bool is_vlan_type(uint16_t type)
{
	return type == XS_ETH_P_8021Q || type == XS_ETH_P_8021AD || type == XS_ETH_P_QINQ1 ||
	       type == XS_ETH_P_QINQ2;
}

/* 4.99: "ethertype IPv4 (0x0800)", or with -q "IPv4" ("Unknown Ethertype (0x...)"). */
static void put_ethertype(const struct printer *pr, struct strbuf *sb, uint16_t type)
{
	const char *name = ethertype_name(type);

	if (pr->o.qflag) {
		if (name) {
			sb_puts(sb, name);
		} else {
			sb_puts(sb, "Unknown Ethertype (0x");
			sb_puthex(sb, type, 4);
			sb_putc(sb, ')');
		}
		return;
	}
	sb_puts(sb, "ethertype ");
	sb_puts(sb, name ? name : "Unknown");
	sb_puts(sb, " (0x");
	sb_puthex(sb, type, 4);
	sb_putc(sb, ')');
}

/* 4.99's ", length N: " after the first type -e prints, ", " after the others. */
static void put_length_once(struct strbuf *sb, uint32_t length, bool *printed)
{
	if (*printed) {
		sb_puts(sb, ", ");
		return;
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
	sb_puts(sb, ": ");
	*printed = true;
}

/* 3.7.2's -e header: "src dst type length: ", the type left out with -q, 4 hex digits if
 * unnamed. */
static void put_header_372(const struct printer *pr, const struct xs_event *ev, uint32_t length,
			   struct strbuf *sb)
{
	uint16_t type = be16(ev->etype[0]);
	const char *name = tok_name(eproto_db, type);

	put_mac(sb, ev->mac_src, TCPDUMP_372);
	sb_putc(sb, ' ');
	put_mac(sb, ev->mac_dst, TCPDUMP_372);
	sb_putc(sb, ' ');
	if (!pr->o.qflag) {
		if (name)
			sb_puts(sb, name);
		else
			sb_puthex(sb, type, 4);
		sb_putc(sb, ' ');
	}
	sb_putu(sb, length);
	sb_puts(sb, ": ");
}

/*
 * VLAN tag i: its TCI and the type after it, from the event or, past the tags it holds, from
 * the frame's bytes (XS_F_HDRS). False when neither has it.
 */
bool ether_vlan_tag(const struct pview *v, unsigned i, uint16_t *tci, uint16_t *next)
{
	const struct xs_event *ev = v->ev;
	const struct pkt_info *pi = v->pkt;
	size_t at = XS_ETH_HLEN + (size_t)XS_VLAN_HLEN * i;

	if (i < ev->nvlan) {
		*tci = be16(ev->vlan_tci[i]);
		*next = be16(ev->etype[i + 1]);
		return true;
	}
	if (!(ev->flags & XS_F_HDRS) || !pi || !pi->data || at + XS_VLAN_HLEN > pi->cap_len)
		return false;
	*tci = rd16(pi->data + at);
	*next = rd16(pi->data + at + 2);
	return true;
}

void put_vlan_tci(struct strbuf *sb, uint16_t tci)
{
	sb_puts(sb, "vlan ");
	sb_putu(sb, tci & XS_VLAN_VID_MASK);
	sb_puts(sb, ", p ");
	sb_putu(sb, tci >> XS_VLAN_PRIO_SHIFT);
	if (tci & XS_VLAN_DEI)
		sb_puts(sb, ", DEI");
	sb_puts(sb, ", ");
}

/* 4.99's tags, every one; false when the record ends in them. */
static bool vlans_499(const struct printer *pr, const struct pview *v, uint32_t length,
		      struct link *lk, bool *printed, struct strbuf *sb)
{
	uint16_t tci, next;

	for (unsigned i = 0; is_vlan_type(lk->type); i++) {
		if (lk->caplen < XS_VLAN_HLEN || lk->length < XS_VLAN_HLEN ||
		    !ether_vlan_tag(v, i, &tci, &next)) {
			put_trunc(sb, "vlan");
			return false;
		}
		if (pr->o.eflag) {
			put_ethertype(pr, sb, lk->type);
			put_length_once(sb, length, printed);
			put_vlan_tci(sb, tci);
		}
		lk->type = next;
		lk->length -= XS_VLAN_HLEN;
		lk->caplen -= XS_VLAN_HLEN;
	}
	return true;
}

/* 3.7.2 decodes 802.1Q only (whatever -e says), and only the tags the event holds; a QinQ
 * outer type is just unknown. */
static void vlans_372(const struct pview *v, struct link *lk, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;

	for (unsigned i = 0; lk->type == XS_ETH_P_8021Q && i < ev->nvlan; i++) {
		uint16_t tci = be16(ev->vlan_tci[i]);

		sb_puts(sb, "802.1Q vlan#");
		sb_putu(sb, tci & XS_VLAN_VID_MASK);
		sb_puts(sb, " P");
		sb_putu(sb, tci >> XS_VLAN_PRIO_SHIFT);
		sb_puts(sb, (tci & XS_VLAN_DEI) ? " CFI " : " ");
		lk->type = be16(ev->etype[i + 1]);
		lk->length -= XS_VLAN_HLEN;
		lk->caplen -= XS_VLAN_HLEN;
	}
}

/* 4.99's link layer past the MAC addresses; false when the record ends in it. */
static bool ether_499(const struct printer *pr, const struct pview *v, uint32_t length,
		      struct link *lk, struct strbuf *sb)
{
	bool printed = false;

	if (!vlans_499(pr, v, length, lk, &printed, sb))
		return false;
	if (lk->type <= XS_ETH_MAX_LEN) {
		/* An 802.3 length field and an LLC header, which the kernel does not follow. */
		if (pr->o.eflag) {
			sb_puts(sb, "802.3");
			if (!printed) {
				sb_puts(sb, ", length ");
				sb_putu(sb, lk->type < lk->length ? lk->type : lk->length);
				sb_puts(sb, ": ");
			}
		}
		sb_puts(sb, "LLC");
		return false;
	}
	if (pr->o.eflag) {
		put_ethertype(pr, sb, lk->type);
		put_length_once(sb, length, &printed);
	}
	return true;
}

bool print_ether(const struct printer *pr, const struct pview *v, uint32_t length, enum dialect d,
		 struct link *lk, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;

	if (ev->cap_len < XS_ETH_HLEN || length < XS_ETH_HLEN || ev->kind == XS_K_SHORT) {
		if (d == TCPDUMP_372)
			sb_puts(sb, "[|ether]");
		else
			put_trunc(sb, "ether");
		return false;
	}
	lk->type = be16(ev->etype[0]);
	lk->length = length - XS_ETH_HLEN;
	lk->caplen = ev->cap_len - XS_ETH_HLEN;
	if (d == TCPDUMP_372) {
		if (pr->o.eflag)
			put_header_372(pr, ev, length, sb);
		vlans_372(v, lk, sb);
		return true;
	}
	if (pr->o.eflag) {
		put_mac(sb, ev->mac_src, d);
		sb_puts(sb, " > ");
		put_mac(sb, ev->mac_dst, d);
		sb_puts(sb, ", ");
	}
	return ether_499(pr, v, length, lk, sb);
}

void print_ether_unknown(const struct printer *pr, const struct pview *v, uint16_t type,
			 uint32_t length, enum dialect d, struct strbuf *sb)
{
	bool printed = false;

	/* With -e the link layer is out already. 3.7.2 went on with a hex dump of the payload,
	 * left out here. */
	if (pr->o.eflag)
		return;
	if (d == TCPDUMP_372) {
		put_header_372(pr, v->ev, length, sb);
		return;
	}
	put_mac(sb, v->ev->mac_src, d);
	sb_puts(sb, " > ");
	put_mac(sb, v->ev->mac_dst, d);
	sb_puts(sb, ", ");
	put_ethertype(pr, sb, type);
	put_length_once(sb, length, &printed);
}
