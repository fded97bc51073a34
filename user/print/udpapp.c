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
	bool tunnel; /* the inner packet follows: print_udp_tunnel()'s (tunnel.h) */
};

static const struct udp_decoder decoders[] = {
    {"timed", NULL, 525, 525, false, false},
    {"tftp", NULL, 69, 69, false, false},
    {"bootp", print_bootp, 67, 68, false, false},
    {"rip", NULL, 520, 520, false, false},
    {"aodv", NULL, 654, 654, false, false},
    {"isakmp", print_isakmp, 500, 500, false, false},
    {"isakmp", NULL, 4500, 4500, false, false},
    {"isakmp", print_isakmp, 7500, 8500, false, false},
    {"snmp", print_snmp, 161, 162, false, false},
    {"ntp", print_ntp, 123, 123, false, false},
    {"krb", NULL, 88, 750, false, false},
    {"l2tp", NULL, 1701, 1701, false, false},
    {"zephyr", NULL, 2103, 2104, false, false},
    {"rx", NULL, 7000, 7009, true, false},
    {"ripng", NULL, 521, 521, false, false},
    {"dhcp6", print_dhcp6, 546, 547, false, false},
    {"ahcp", NULL, 5359, 5359, false, false},
    {"babel", NULL, 6696, 6697, false, false},
    {"hncp", NULL, 8231, 8231, false, false},
    {"cisco_autorp", NULL, 496, 496, false, false},
    {"radius", NULL, 1645, 1812, false, false},
    {"radius", NULL, 1646, 1813, false, false},
    {"radius", NULL, 1700, 3799, false, false},
    {"lwres", NULL, 921, 921, false, false},
    {"ldp", NULL, 646, 646, false, false},
    {"olsr", NULL, 698, 698, false, false},
    {"lspping", NULL, 3503, 3503, false, false},
    {"lmp", NULL, 701, 701, false, false},
    {"vqp", NULL, 1589, 1589, false, false},
    {"sflow", NULL, 6343, 6343, false, false},
    {"lwapp", NULL, 12223, 12223, false, false},
    {"sip", NULL, 5060, 5060, false, false},
    {"syslog", print_syslog, 514, 514, false, false},
    {"otv", NULL, 8472, 8472, false, false},
    {"vxlan", NULL, 4789, 4789, false, true},
    {"geneve", NULL, 6081, 6081, false, true},
    {"lisp", NULL, 4342, 4342, false, false},
    {"vxlan_gpe", NULL, 4790, 4790, false, false},
    {"zep", NULL, 17754, 17754, false, false},
    {"mpls", NULL, 6635, 6635, false, false},
    {"ptp", print_ptp_udp, 319, 320, false, false},
    {"someip", NULL, 30490, 30490, false, false},
};

static bool in_range(uint16_t port, const struct udp_decoder *d)
{
	return port >= d->port1 && port <= d->port2;
}

enum udp_app print_udp_app(const struct printer *pr, struct pview *v, uint16_t sport,
			   uint16_t dport, struct cur *c, uint32_t length, struct strbuf *sb)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++) {
		const struct udp_decoder *d = &decoders[i];

		if (d->range ? !in_range(sport, d) && !in_range(dport, d)
			     : sport != d->port1 && sport != d->port2 && dport != d->port1 &&
				   dport != d->port2)
			continue;
		if (d->tunnel)
			return UDP_APP_TUNNEL;
		if (!d->print)
			return UDP_APP_NONE;
		d->print(pr, v, c, length, sb);
		if (c->cut) {
			put_trunc(sb, d->proto);
			v->lost = true;
		}
		return UDP_APP_PRINTED;
	}
	return UDP_APP_NONE;
}

bool udp_app_decodes(uint16_t port)
{
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++) {
		const struct udp_decoder *d = &decoders[i];

		if (d->range ? in_range(port, d) : port == d->port1 || port == d->port2)
			return d->print != NULL;
	}
	return false;
}
