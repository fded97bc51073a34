// SPDX-License-Identifier: GPL-2.0-only
/*
 * udp_print()'s choice of payload decoder by port (RFC 768 leaves it to the ports), in
 * tcpdump 4.99.3's order: the first test that matches decides, so a port pair of two known
 * services goes to the earlier. A decoder xdpspy lacks between them is listed without a
 * printer, so that its ports keep the generic line rather than a later decoder's. The
 * decoders tcpdump picks by one side's port only (vat, wb, hsrp, bcm-li, bfd) are left out.
 */
#include "udpapp.h"

struct udp_decoder {
	uint16_t port1, port2; /* either side on either port, or with range, in [port1, port2] */
	const char *proto; /* tcpdump's ndo_protocol, for " [|proto]" */
	udpapp_fn *print; /* NULL: tcpdump decodes these, xdpspy does not */
	bool range;
};

static const struct udp_decoder decoders[] = {
    {525, 525, "timed", NULL, false},
    {69, 69, "tftp", NULL, false},
    {67, 68, "bootp", print_bootp, false},
    {520, 520, "rip", NULL, false},
    {654, 654, "aodv", NULL, false},
    {500, 500, "isakmp", print_isakmp, false},
    {4500, 4500, "isakmp", NULL, false},
    {7500, 8500, "isakmp", print_isakmp, false},
    {161, 162, "snmp", print_snmp, false},
    {123, 123, "ntp", print_ntp, false},
    {88, 750, "krb", NULL, false},
    {1701, 1701, "l2tp", NULL, false},
    {2103, 2104, "zephyr", NULL, false},
    {7000, 7009, "rx", NULL, true},
    {521, 521, "ripng", NULL, false},
    {546, 547, "dhcp6", print_dhcp6, false},
    {5359, 5359, "ahcp", NULL, false},
    {6696, 6697, "babel", NULL, false},
    {8231, 8231, "hncp", NULL, false},
    {496, 496, "cisco_autorp", NULL, false},
    {1645, 1812, "radius", NULL, false},
    {1646, 1813, "radius", NULL, false},
    {1700, 3799, "radius", NULL, false},
    {921, 921, "lwres", NULL, false},
    {646, 646, "ldp", NULL, false},
    {698, 698, "olsr", NULL, false},
    {3503, 3503, "lspping", NULL, false},
    {701, 701, "lmp", NULL, false},
    {1589, 1589, "vqp", NULL, false},
    {6343, 6343, "sflow", NULL, false},
    {12223, 12223, "lwapp", NULL, false},
    {5060, 5060, "sip", NULL, false},
    {514, 514, "syslog", print_syslog, false},
    {8472, 8472, "otv", NULL, false},
    {4789, 4789, "vxlan", NULL, false},
    {6081, 6081, "geneve", NULL, false},
    {4342, 4342, "lisp", NULL, false},
    {4790, 4790, "vxlan_gpe", NULL, false},
    {17754, 17754, "zep", NULL, false},
    {6635, 6635, "mpls", NULL, false},
    {319, 320, "ptp", print_ptp_udp, false},
    {30490, 30490, "someip", NULL, false},
};

static bool in_range(uint16_t port, const struct udp_decoder *d)
{
	return port >= d->port1 && port <= d->port2;
}

bool print_udp_app(const struct printer *pr, struct pview *v, uint16_t sport, uint16_t dport,
		   struct cur *c, uint32_t length, struct strbuf *sb)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++) {
		const struct udp_decoder *d = &decoders[i];

		if (d->range ? !in_range(sport, d) && !in_range(dport, d)
			     : sport != d->port1 && sport != d->port2 && dport != d->port1 &&
				   dport != d->port2)
			continue;
		if (!d->print)
			return false;
		d->print(pr, v, c, length, sb);
		if (c->cut) {
			put_trunc(sb, d->proto);
			v->lost = true;
		}
		return true;
	}
	return false;
}
