// SPDX-License-Identifier: GPL-2.0-only
/* What the tools show of a flow (flowfmt.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "flowfmt.h"
#include "proto.h"

static bool v4_mapped(const __u8 *a)
{
	static const __u8 prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	return !memcmp(a, prefix, 12);
}

static uint32_t sum_dirs(const struct xs_flow *f, size_t off)
{
	uint32_t a, b;

	memcpy(&a, (const char *)&f->dir[0] + off, 4);
	memcpy(&b, (const char *)&f->dir[1] + off, 4);
	return a + b;
}

void flow_view_make(struct flow_view *v, const struct xs_flow_key *k, const struct xs_flow *f)
{
	__u8 st = f->state;

	memset(v, 0, sizeof(*v));
	v->k = k;
	v->f = f;
	v->client = f->client & 1;
	v->packets = f->dir[0].packets + f->dir[1].packets;
	v->bytes = f->dir[0].bytes + f->dir[1].bytes;
	v->retransmits = sum_dirs(f, offsetof(struct xs_flow_dir, retransmits));
	v->out_of_order = sum_dirs(f, offsetof(struct xs_flow_dir, out_of_order));
	v->dup_acks = sum_dirs(f, offsetof(struct xs_flow_dir, dup_acks));
	v->zero_windows = sum_dirs(f, offsetof(struct xs_flow_dir, zero_windows));
	v->syn_synack_ns = v->synack_ack_ns = -1;
	if ((st & (XS_FLOW_SYN | XS_FLOW_SYNACK)) == (XS_FLOW_SYN | XS_FLOW_SYNACK) &&
	    !(st & (XS_FLOW_SYN_AGAIN | XS_FLOW_SYNACK_AGAIN)) && f->synack_ns >= f->syn_ns)
		v->syn_synack_ns = (int64_t)(f->synack_ns - f->syn_ns);
	if ((st & (XS_FLOW_SYNACK | XS_FLOW_EST)) == (XS_FLOW_SYNACK | XS_FLOW_EST) &&
	    !(st & XS_FLOW_SYNACK_AGAIN) && f->ack_ns >= f->synack_ns)
		v->synack_ack_ns = (int64_t)(f->ack_ns - f->synack_ns);
}

int64_t flow_view_rtt_ns(const struct flow_view *v)
{
	return v->syn_synack_ns < 0 || v->synack_ack_ns < 0 ? -1
							    : v->syn_synack_ns + v->synack_ack_ns;
}

void fmt_addr(char *buf, size_t len, const __u8 *addr)
{
	if (v4_mapped(addr))
		inet_ntop(AF_INET, addr + 12, buf, (socklen_t)len);
	else
		inet_ntop(AF_INET6, addr, buf, (socklen_t)len);
}

void fmt_endpoint(char *buf, size_t len, const __u8 *addr, __be16 port, bool with_port)
{
	char a[INET6_ADDRSTRLEN];

	fmt_addr(a, sizeof(a), addr);
	if (with_port)
		snprintf(buf, len, "%s.%u", a, ntohs(port));
	else
		snprintf(buf, len, "%s", a);
}

static bool has_ports(__u8 proto)
{
	return proto == XS_IPPROTO_TCP || proto == XS_IPPROTO_UDP || proto == XS_IPPROTO_SCTP ||
	       proto == XS_IPPROTO_DCCP;
}

void fmt_flow(char *buf, size_t len, const struct flow_view *v)
{
	char c[64], s[64];
	bool ports = has_ports(v->k->proto);

	fmt_endpoint(c, sizeof(c), v->k->addr[v->client], v->k->port[v->client], ports);
	fmt_endpoint(s, sizeof(s), v->k->addr[!v->client], v->k->port[!v->client], ports);
	snprintf(buf, len, "%s > %s", c, s);
}

const char *fmt_proto(__u8 proto, char *num, size_t len)
{
	switch (proto) {
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 1:
		return "icmp";
	case 58:
		return "icmp6";
	default:
		snprintf(num, len, "%u", proto);
		return num;
	}
}

const char *fmt_state(const struct flow_view *v)
{
	__u8 st = v->f->state;

	if (v->k->proto != 6)
		return "-";
	if (st & XS_FLOW_RST)
		return "RST";
	if (st & XS_FLOW_FIN)
		return "FIN";
	if (st & XS_FLOW_EST)
		return "EST";
	if (st & XS_FLOW_SYNACK)
		return "SYN-ACK";
	if (st & XS_FLOW_SYN)
		return "SYN";
	return "-";
}

void fmt_count(char *buf, size_t len, double v)
{
	char digits[32];
	size_t n, o = 0;

	snprintf(digits, sizeof(digits), "%.0f", v < 0 ? 0 : v);
	n = strlen(digits);
	for (size_t i = 0; i < n && o + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void fmt_si(char *buf, size_t len, double v)
{
	static const char unit[] = " kMGTP";
	int u = 0;

	while (v >= 999.5 && u < 5) {
		v /= 1000;
		u++;
	}
	if (!u)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len,
			 v < 9.995   ? "%.2f%c"
			 : v < 99.95 ? "%.1f%c"
				     : "%.0f%c",
			 v, unit[u]);
}
