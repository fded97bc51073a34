// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interface helpers. Promiscuous mode is taken the way libpcap takes it (PACKET_MR_PROMISC on
 * an AF_PACKET socket), never with IFF_PROMISC, which would outlive a kill -9. The socket binds
 * no protocol, so no packet is ever queued to it.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if_arp.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
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

int iface_for_each_up(int (*fn)(const char *name, void *ctx), void *ctx)
{
	struct if_nameindex *all = if_nameindex(), *i;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = 0;

	for (i = all; !ret && i && i->if_index; i++) {
		struct ifreq ifr = {0};

		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", i->if_name);
		if (fd >= 0 && !ioctl(fd, SIOCGIFFLAGS, &ifr) && (ifr.ifr_flags & IFF_UP))
			ret = fn(i->if_name, ctx);
	}
	if (fd >= 0)
		close(fd);
	if (all)
		if_freenameindex(all);
	return ret;
}

/* The status part of a -D line, as tcpdump prints it: "Up, Running, Connected" or "none". */
static void print_status(unsigned int flags)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} bits[] = {{PCAP_IF_UP, "Up"},
		    {PCAP_IF_RUNNING, "Running"},
		    {PCAP_IF_LOOPBACK, "Loopback"},
		    {PCAP_IF_WIRELESS, "Wireless"}};
	static const char *const wired[] = {", Connection status unknown", ", Connected",
					    ", Disconnected", ""};
	static const char *const wireless[] = {", Association status unknown", ", Associated",
					       ", Not associated", ""};
	const char *sep = "";

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (flags & bits[i].bit) {
			printf("%s%s", sep, bits[i].name);
			sep = ", ";
		}
	if (!*sep)
		printf("none");
	/* PCAP_IF_CONNECTION_STATUS_UNKNOWN .. _NOT_APPLICABLE are 0 .. 3 in those two bits. */
	unsigned int conn = (flags & PCAP_IF_CONNECTION_STATUS) >> 4;

	printf("%s", (flags & PCAP_IF_WIRELESS) ? wireless[conn] : wired[conn]);
}

int iface_list(void)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *d;
	int i = 0;

	if (pcap_findalldevs(&all, errbuf))
		return -EIO;
	for (d = all; d; d = d->next) {
		printf("%d.%s", ++i, d->name);
		if (d->description)
			printf(" (%s)", d->description);
		if (d->flags) {
			printf(" [");
			print_status(d->flags);
			printf("]");
		}
		printf("\n");
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

uint16_t iface_hatype(const char *name)
{
	char path[64 + IF_NAMESIZE];
	unsigned type = ARPHRD_ETHER;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/type", name);
	f = fopen(path, "re");
	if (f) {
		if (fscanf(f, "%u", &type) != 1)
			type = ARPHRD_ETHER;
		fclose(f);
	}
	return (uint16_t)type;
}
