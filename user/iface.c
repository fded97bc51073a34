// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interface helpers. Promiscuous mode is taken the way libpcap takes it (PACKET_MR_PROMISC on
 * an AF_PACKET socket), never with IFF_PROMISC, which would outlive a kill -9. The socket binds
 * no protocol, so no packet is ever queued to it.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "iface.h"

int iface_default(char *name, size_t len)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;
	int err = -ENODEV;

	if (pcap_findalldevs(&all, errbuf))
		return -EIO;
	for (d = all; d; d = d->next) {
		if ((d->flags & PCAP_IF_LOOPBACK) || !(d->flags & PCAP_IF_UP) ||
		    !if_nametoindex(d->name))
			continue;
		snprintf(name, len, "%s", d->name);
		err = 0;
		break;
	}
	pcap_freealldevs(all);
	return err;
}

int iface_list(void)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;
	int i = 0;

	if (pcap_findalldevs(&all, errbuf))
		return -EIO;
	for (d = all; d; d = d->next) {
		const char *conn = "";

		switch (d->flags & PCAP_IF_CONNECTION_STATUS) {
		case PCAP_IF_CONNECTION_STATUS_CONNECTED:
			conn = ", Connected";
			break;
		case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
			conn = ", Disconnected";
			break;
		default:
			break;
		}
		printf("%d.%s", ++i, d->name);
		if (d->description)
			printf(" (%s)", d->description);
		printf(" [%s%s%s%s]\n", (d->flags & PCAP_IF_UP) ? "Up" : "",
		       (d->flags & PCAP_IF_RUNNING)
			   ? ((d->flags & PCAP_IF_UP) ? ", Running" : "Running")
			   : "",
		       (d->flags & PCAP_IF_LOOPBACK) ? ", Loopback" : "",
		       (d->flags & PCAP_IF_LOOPBACK) ? "" : conn);
	}
	pcap_freealldevs(all);
	return 0;
}

int iface_promisc(int ifindex)
{
	struct packet_mreq mr = {.mr_ifindex = ifindex, .mr_type = PACKET_MR_PROMISC};
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}
