// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tunnels for tests/live_tunnels.sh on a kernel without GRE, IPIP or Geneve devices: a route's
 * lightweight-tunnel xmit program puts the outer IPv4 header (and GRE with a key and sequence
 * number, or UDP and Geneve with an option) in front of each overlay packet, before the device's
 * hooks and tcpdump's tap see it; a tc ingress filter, which runs after xdpspy's TCX program,
 * takes it off again so the overlay's TCP works. The underlay is 10.199.0.0/24, the overlay
 * 10.77.0.0/24: host N's overlay address 10.77.0.N tunnels to its underlay address 10.199.0.N.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define UNDERLAY 0x0ac7 /* 10.199 */
#define GENEVE_PORT 6081

struct outer {
	struct iphdr ip;
	union {
		struct {
			__be16 flags, proto;
			__be32 key, seq;
		} gre;
		struct {
			struct udphdr udp;
			__u8 ver_opt, flags;
			__be16 proto;
			__be32 vni;
			__be16 opt_class;
			__u8 opt_type, opt_len;
			__be32 opt_data;
		} geneve;
	};
};

static __u32 gre_seq;

/* The outer header for an overlay packet of len bytes; its size, 0 to leave it alone. */
static __always_inline __u32 outer_for(struct __sk_buff *skb, struct outer *o, __u8 proto)
{
	struct iphdr in;
	__u32 n = sizeof(o->ip);

	if (bpf_skb_load_bytes(skb, 0, &in, sizeof(in)) || in.version != 4)
		return 0;
	__builtin_memset(o, 0, sizeof(*o));
	if (proto == IPPROTO_GRE) {
		o->gre.flags = bpf_htons(0x3000); /* key and sequence number present */
		o->gre.proto = bpf_htons(ETH_P_IP);
		o->gre.key = bpf_htonl(0x2a);
		o->gre.seq = bpf_htonl(gre_seq++); /* a test of one flow at a time */
		n += 12;
	} else if (proto == IPPROTO_UDP) {
		n += sizeof(o->geneve);
		o->geneve.udp.source = bpf_htons(50000 + (bpf_ntohl(in.saddr) & 0xff));
		o->geneve.udp.dest = bpf_htons(GENEVE_PORT);
		o->geneve.udp.len = bpf_htons(n - sizeof(o->ip) + skb->len);
		o->geneve.ver_opt = 2; /* one 8-byte option */
		o->geneve.proto = bpf_htons(ETH_P_IP);
		o->geneve.vni = bpf_htonl(43 << 8);
		o->geneve.opt_class = bpf_htons(0x0102);
		o->geneve.opt_type = 0x80;
		o->geneve.opt_len = 1;
		o->geneve.opt_data = bpf_htonl(0x12345678);
	}
	o->ip.version = 4;
	o->ip.ihl = 5;
	o->ip.ttl = 64;
	o->ip.protocol = proto;
	o->ip.tot_len = bpf_htons(n + skb->len);
	o->ip.saddr = bpf_htonl(UNDERLAY << 16 | (bpf_ntohl(in.saddr) & 0xff));
	o->ip.daddr = bpf_htonl(UNDERLAY << 16 | (bpf_ntohl(in.daddr) & 0xff));
	return n; /* the kernel fills in the header checksum */
}

static __always_inline int encap(struct __sk_buff *skb, __u8 proto)
{
	struct outer o;
	__u32 n = outer_for(skb, &o, proto);

	if (n && bpf_lwt_push_encap(skb, BPF_LWT_ENCAP_IP, &o, n))
		return BPF_DROP;
	return BPF_OK;
}

SEC("lwt_xmit/gre")
int encap_gre(struct __sk_buff *skb)
{
	return encap(skb, IPPROTO_GRE);
}

SEC("lwt_xmit/ipip")
int encap_ipip(struct __sk_buff *skb)
{
	return encap(skb, IPPROTO_IPIP);
}

SEC("lwt_xmit/geneve")
int encap_geneve(struct __sk_buff *skb)
{
	return encap(skb, IPPROTO_UDP);
}

/* Ingress: an encapsulated overlay packet loses its outer headers, whatever else passes. */
SEC("tc")
int decap(struct __sk_buff *skb)
{
	struct {
		struct ethhdr eth;
		struct iphdr ip;
		__be16 w[2];
	} __attribute__((packed)) h;
	__u32 n = sizeof(h.ip);

	if (bpf_skb_load_bytes(skb, 0, &h, sizeof(h)) || h.eth.h_proto != bpf_htons(ETH_P_IP) ||
	    h.ip.ihl != 5 || (bpf_ntohl(h.ip.daddr) >> 16) != UNDERLAY)
		return TC_ACT_OK;
	if (h.ip.protocol == IPPROTO_GRE)
		n += 12;
	else if (h.ip.protocol == IPPROTO_UDP && h.w[1] == bpf_htons(GENEVE_PORT))
		n += sizeof(((struct outer *)0)->geneve);
	else if (h.ip.protocol != IPPROTO_IPIP)
		return TC_ACT_OK;
	if (bpf_skb_adjust_room(skb, -(__s32)n, BPF_ADJ_ROOM_MAC, 0))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
