// SPDX-License-Identifier: GPL-2.0-only
/* Filter expressions on flows (flowfilter.h). */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "flowfilter.h"
#include "log.h"
#include "proto.h"

struct flowfilter {
	struct bpf_program prog;
	bool all;
};

struct flowfilter *flowfilter_new(char **words, int n)
{
	struct flowfilter *ff = calloc(1, sizeof(*ff));
	char *expr = NULL;
	size_t len = 1;
	pcap_t *p;
	int rc;

	if (!ff)
		return NULL;
	ff->all = n == 0;
	if (ff->all)
		return ff;
	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	expr = calloc(1, len);
	p = pcap_open_dead(DLT_EN10MB, 262144);
	if (!expr || !p) {
		free(expr);
		free(ff);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		strcat(expr, words[i]);
		if (i + 1 < n)
			strcat(expr, " ");
	}
	rc = pcap_compile(p, &ff->prog, expr, 1, PCAP_NETMASK_UNKNOWN);
	if (rc)
		log_msg("can't parse filter expression: %s", pcap_geterr(p));
	pcap_close(p);
	free(expr);
	if (rc) {
		free(ff);
		return NULL;
	}
	return ff;
}

static bool v4(const __u8 *a)
{
	static const __u8 prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	return !memcmp(a, prefix, 12);
}

/* The transport header of a made-up packet from port s to port d; returns its length. */
static unsigned l4(__u8 *p, __u8 proto, __be16 s, __be16 d)
{
	memset(p, 0, XS_TCP_HLEN);
	switch (proto) {
	case XS_IPPROTO_TCP:
		memcpy(p, &s, 2);
		memcpy(p + 2, &d, 2);
		p[12] = (XS_TCP_HLEN / 4) << 4; /* data offset */
		return XS_TCP_HLEN;
	case XS_IPPROTO_UDP:
		memcpy(p, &s, 2);
		memcpy(p + 2, &d, 2);
		p[5] = XS_UDP_HLEN; /* length */
		return XS_UDP_HLEN;
	case XS_IPPROTO_ICMP:
	case XS_IPPROTO_ICMPV6:
		/* an echo request, its identifier */
		p[0] = proto == XS_IPPROTO_ICMP ? XS_ICMP_ECHO : XS_ICMP6_ECHO_REQUEST;
		memcpy(p + 4, &s, 2);
		return XS_ICMP_HLEN;
	default:
		return 8;
	}
}

/* A packet of the flow from endpoint `from` to the other: Ethernet, a tag, IP, transport. */
static unsigned make(__u8 *f, const struct xs_flow_key *k, int from)
{
	unsigned o = 12, n;
	bool is4 = v4(k->addr[0]) && v4(k->addr[1]);

	memset(f, 0, 12);
	if (k->vlan) {
		const __u8 tag[4] = {0x81, 0, (__u8)(k->vlan >> 8), (__u8)k->vlan};

		memcpy(f + o, tag, 4);
		o += 4;
	}
	f[o] = (is4 ? XS_ETH_P_IP : XS_ETH_P_IPV6) >> 8;
	f[o + 1] = (is4 ? XS_ETH_P_IP : XS_ETH_P_IPV6) & 0xff;
	o += 2;
	n = l4(f + o + (is4 ? XS_IP4_HLEN : XS_IP6_HLEN), k->proto, k->port[from], k->port[!from]);
	memset(f + o, 0, is4 ? XS_IP4_HLEN : XS_IP6_HLEN);
	if (is4) {
		f[o] = 0x45;
		f[o + 3] = (__u8)(20 + n);
		f[o + 8] = 64;
		f[o + 9] = k->proto;
		memcpy(f + o + 12, k->addr[from] + 12, 4);
		memcpy(f + o + 16, k->addr[!from] + 12, 4);
		return o + 20 + n;
	}
	f[o] = 0x60;
	f[o + 5] = (__u8)n;
	f[o + 6] = k->proto;
	f[o + 7] = 64;
	memcpy(f + o + 8, k->addr[from], 16);
	memcpy(f + o + 24, k->addr[!from], 16);
	return o + 40 + n;
}

bool flowfilter_match(const struct flowfilter *ff, const struct xs_flow_key *k)
{
	__u8 frame[128];

	if (ff->all)
		return true;
	for (int from = 0; from < 2; from++) {
		struct pcap_pkthdr h = {0};

		h.caplen = h.len = make(frame, k, from);
		if (pcap_offline_filter(&ff->prog, &h, frame))
			return true;
	}
	return false;
}

void flowfilter_free(struct flowfilter *ff)
{
	if (!ff)
		return;
	if (!ff->all)
		pcap_freecode(&ff->prog);
	free(ff);
}
