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
	const char *proto; /* tcpdump's ndo_protocol, for " [|proto]" */
	udpapp_fn *print; /* NULL: tcpdump decodes these, xdpspy does not */
	uint16_t port1, port2; /* either side on either port, or with range, in [port1, port2] */
	bool range;
};

static const struct udp_decoder decoders[] = {
    {"timed", NULL, 525, 525, false},
    {"tftp", NULL, 69, 69, false},
    {"bootp", print_bootp, 67, 68, false},
    {"rip", NULL, 520, 520, false},
    {"aodv", NULL, 654, 654, false},
    {"isakmp", print_isakmp, 500, 500, false},
    {"isakmp", NULL, 4500, 4500, false},
    {"isakmp", print_isakmp, 7500, 8500, false},
    {"snmp", print_snmp, 161, 162, false},
    {"ntp", print_ntp, 123, 123, false},
    {"krb", NULL, 88, 750, false},
    {"l2tp", NULL, 1701, 1701, false},
    {"zephyr", NULL, 2103, 2104, false},
    {"rx", NULL, 7000, 7009, true},
    {"ripng", NULL, 521, 521, false},
    {"dhcp6", print_dhcp6, 546, 547, false},
    {"ahcp", NULL, 5359, 5359, false},
    {"babel", NULL, 6696, 6697, false},
    {"hncp", NULL, 8231, 8231, false},
    {"cisco_autorp", NULL, 496, 496, false},
    {"radius", NULL, 1645, 1812, false},
    {"radius", NULL, 1646, 1813, false},
    {"radius", NULL, 1700, 3799, false},
    {"lwres", NULL, 921, 921, false},
    {"ldp", NULL, 646, 646, false},
    {"olsr", NULL, 698, 698, false},
    {"lspping", NULL, 3503, 3503, false},
    {"lmp", NULL, 701, 701, false},
    {"vqp", NULL, 1589, 1589, false},
    {"sflow", NULL, 6343, 6343, false},
    {"lwapp", NULL, 12223, 12223, false},
    {"sip", NULL, 5060, 5060, false},
    {"syslog", print_syslog, 514, 514, false},
    {"otv", NULL, 8472, 8472, false},
    {"vxlan", NULL, 4789, 4789, false},
    {"geneve", NULL, 6081, 6081, false},
    {"lisp", NULL, 4342, 4342, false},
    {"vxlan_gpe", NULL, 4790, 4790, false},
    {"zep", NULL, 17754, 17754, false},
    {"mpls", NULL, 6635, 6635, false},
    {"ptp", print_ptp_udp, 319, 320, false},
    {"someip", NULL, 30490, 30490, false},
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
