/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The record that crosses the BPF ring buffer: a wire format, seen by clang -target bpf and by
 * the host compiler alike, so both check its layout below. Header-derived fields keep network
 * byte order ("be", as on the wire, converted only when printed); fields the parser computes
 * (lengths, offsets, counts) are host order. A record is the fixed part followed by a variable
 * part: the addresses (8 bytes for IPv4, 32 for IPv6, none otherwise), then the tail, rounded
 * up to 8 bytes. The tail holds `l4x_len` bytes of what the L4 header carries beyond its fixed
 * part (TCP options, ICMPv6 target, ARP addresses) and, only when there are IPv4 options or
 * IPv6 extension headers, their raw bytes (what tcpdump prints of them needs the bytes):
 * `l3x_cap` of them at offset XS_MAX_OPT. Fixed offsets keep the verifier's work small; the
 * gap is paid only by the rare packets that have such headers.
 *
 * Headers the event cannot hold (more than XS_MAX_VLAN VLAN tags; IPv4 options, IPv6
 * extension and AH headers past XS_MAX_L3X bytes) set XS_F_HDRS: the parser still walks them
 * all, and the record then carries the frame's bytes (XS_F_DATA), which the printer reads
 * them from.
 *
 * When payload is asked for (-s, -x, -X, -A, -w), a record is a whole struct xs_event
 * (XS_F_DATA set) followed by the frame's first bytes, up to XS_MAX_SNAP: struct xs_record.
 */
#ifndef XDPSPY_EVENT_H
#define XDPSPY_EVENT_H

#include <linux/types.h>

#define XS_EVENT_VERSION 4
#define XS_MAX_VLAN 2 /* VLAN tags the event holds; more set XS_F_HDRS */
#define XS_MAX_L3X 64 /* bytes of IPv4 options / IPv6 extension and AH headers held */
/* Bytes after those headers copied with them: tcpdump's IPv4 option printer reads up to 7
 * bytes past an option that overruns its area, ip6_finddst() 16 past a routing header. */
#define XS_L3X_PAST 16
#define XS_MAX_OPT 40 /* TCP options are at most 40 bytes */
#define XS_MAX_TAIL (XS_MAX_L3X + XS_MAX_OPT)
#define XS_MAX_VAR (32 + XS_MAX_TAIL)
#define XS_MAX_SNAP 65535 /* frame bytes a record can carry */

/* What the frame carried, as far as the parser got. */
enum xs_kind {
	XS_K_OTHER = 0, /* an ethertype the parser does not follow */
	XS_K_SHORT, /* not even a whole Ethernet header */
	XS_K_ARP,
	XS_K_IP, /* IPv4/IPv6 with an upper protocol the parser does not follow */
	XS_K_TCP,
	XS_K_UDP,
	XS_K_ICMP,
	XS_K_ICMP6,
};

/* Where parsing stopped early; XS_S_OK when every header it wanted was there. */
enum xs_stop {
	XS_S_OK = 0,
	XS_S_VLAN, /* a VLAN tag cut short */
	XS_S_L3, /* the fixed IPv4/IPv6/ARP header cut short */
	XS_S_L3_BAD, /* IPv4 IHL < 5, or a version that does not match the ethertype */
	XS_S_EXT, /* an IPv6 extension or AH header cut short */
	XS_S_L4, /* the L4 header cut short (l4_cap says how much is there) */
	XS_S_L4_BAD, /* TCP data offset < 5 */
	XS_S_OPT, /* TCP options cut short (l4x_len says how much is there) */
};

/* ev->flags */
#define XS_F_EGRESS 0x0001 /* seen by the egress hook */
#define XS_F_IP6 0x0002 /* var part holds IPv6 addresses */
#define XS_F_IP4 0x0004 /* var part holds IPv4 addresses */
#define XS_F_FRAG 0x0008 /* IP fragment (first or later) */
#define XS_F_LATER_FRAG 0x0010 /* a fragment with offset != 0: no L4 header */
#define XS_F_DATA 0x0020 /* the record carries frame bytes after the whole event */
#define XS_F_SUM 0x0040 /* l4_sum holds the TCP segment's checksum sum (-v) */
#define XS_F_HDRS 0x0080 /* headers past what the event holds: read them from the frame's bytes */
#define XS_F_VLAN_META 0x0100 /* TC: the outer tag came from the skb, not the frame's bytes */
#define XS_F_GSO 0x0200 /* egress: the kernel segments this send in software after the hook */
#define XS_F_CSUM_SW 0x0400 /* egress: ... and completes its L4 checksum after the hook */
/* with XS_F_GSO: each segment's time stamp follows, taken as it passes tcpdump's tap
 * (struct xs_tap) */
#define XS_F_GSO_TAP 0x0800
/* --process: the record ends with a struct xs_owner (include/proc_owner.h), after its own bytes */
#define XS_F_OWNER 0x8000

/* ev->gso.flags: how the kernel's software segmentation makes the segments (include/gso.h) */
#define XS_GSO_FIXEDID 0x01 /* every segment keeps the IPv4 ID (SKB_GSO_TCP_FIXEDID) */
#define XS_GSO_CSUM 0x02 /* the L4 checksums are completed in software, not left partial */
#define XS_GSO_KEEP_CWR 0x04 /* AccECN: CWR stays on every segment (SKB_GSO_TCP_ACCECN) */

struct xs_event {
	__u64 ts_ns; /* host order: bpf_ktime_get_ns() at the hook; 0 in replay */
	__u32 wire_len; /* host order: the frame's full length */
	__u32 cap_len; /* host order: bytes the parser could read (linear data) */
	__u8 version; /* XS_EVENT_VERSION */
	__u8 kind; /* enum xs_kind */
	__u8 stop; /* enum xs_stop */
	__u8 nvlan; /* VLAN tags held, <= XS_MAX_VLAN (more: XS_F_HDRS, l3_off says where) */
	__u16 flags; /* host order: XS_F_* */
	__u16 l3_off; /* host order: offset of the L3 header in the frame */
	__u16 l4_off; /* host order: offset of the L4 header (after IPv6 extensions, AH) */
	__u8 l4_cap; /* host order: bytes of the fixed L4 header captured (capped at its size) */
	__u8 l4x_len; /* host order: bytes at the tail's start (TCP options, ...) */
	__u8 mac_dst[6]; /* as on the wire */
	__u8 mac_src[6];
	__be16 etype[XS_MAX_VLAN + 1]; /* ethertype at offsets 12, 16, 20 */
	__be16 vlan_tci[XS_MAX_VLAN];
	/* Network layer. IPv4: vhl/tos/len/id/frag/ttl/proto/csum are the header's own fields.
	 * IPv6: vhl = the first byte, tos = traffic class, ttl = hop limit, proto = the fixed
	 * header's next header, len = payload length, frag/frag_id from a fragment header. */
	__u8 ip_vhl;
	__u8 ip_tos;
	__u8 ip_ttl;
	__u8 ip_proto;
	__be16 ip_len;
	__be16 ip_id;
	__be16 ip_frag; /* IPv4 flags+offset; IPv6 fragment offset<<3 | M */
	__be16 ip_csum;
	/* host order: bytes after the fixed L3 header held at tail + XS_MAX_OPT: IPv4 options,
	 * IPv6 extension headers, AH headers, then XS_L3X_PAST more (an ESP header's SPI and
	 * sequence number among them) */
	__u8 l3x_cap;
	__u8 l4_proto; /* protocol of the header at l4_off */
	__be32 ip6_flow; /* version, class and flow label word */
	union {
		__be32 frag_id; /* IPv6 fragment identification */
		/* XS_F_GSO (never a fragment): the send's segmentation, for user space to redo */
		struct {
			__u16 size; /* host order: payload bytes per segment (gso_size) */
			__u8 flags; /* XS_GSO_* */
			__u8 pad;
		} gso;
		/* XS_F_CSUM_SW on a record with the frame's bytes (XS_F_HDRS: a tunnel's, whose
		 * partial checksum is the inner packet's): where skb_checksum_help() sums from and
		 * where it puts the checksum, host order, from the frame's first byte */
		struct {
			__u16 start;
			__u16 offset;
		} csum;
	};
	/* Transport layer, as the kind says. */
	union {
		struct {
			__be16 sport;
			__be16 dport;
			__be32 seq;
			__be32 ack;
			__u8 doff; /* data offset byte: doff<<4 | reserved */
			__u8 flags; /* F S R P A U E C */
			__be16 win;
			__be16 csum;
			__be16 urg;
		} tcp;
		struct {
			__be16 sport;
			__be16 dport;
			__be16 len;
			__be16 csum;
		} udp;
		struct {
			__u8 type;
			__u8 code;
			__be16 csum;
			__be16 id; /* echo identifier (the word at offset 4) */
			__be16 seq; /* echo sequence (the word at offset 6) */
		} icmp;
		struct {
			__be16 htype;
			__be16 ptype;
			__u8 hlen;
			__u8 plen;
			__be16 op;
		} arp;
		__u8 raw[20];
	} l4;
	/* With XS_F_SUM: the ones' complement sum, folded to 16 bits, over the pseudo header and
	 * the whole TCP segment (its checksum field included); 0xffff when the checksum is right. */
	__be16 l4_sum;
	__be16 etype_l3; /* the ethertype after the last VLAN tag: the network layer's */
	/* Where the hook saw it: the device, and the packet type a packet socket reports
	 * (PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST at TC ingress, _OUTGOING at egress;
	 * XS_PKTTYPE_UNKNOWN at XDP). -i any prints both, as tcpdump's cooked capture does. */
	__u32 ifindex;
	__u8 pkt_type;
	__u8 pad[3];
	__u8 var[XS_MAX_VAR]; /* addresses, then the tail; only the used part is sent */
};

#define XS_PKTTYPE_UNKNOWN 0xff

#define XS_EVENT_FIXED __builtin_offsetof(struct xs_event, var)

_Static_assert(sizeof(struct xs_event) == 240, "xs_event size changed");
_Static_assert(__builtin_offsetof(struct xs_event, wire_len) == 8, "wire_len offset");
_Static_assert(__builtin_offsetof(struct xs_event, mac_dst) == 28, "mac_dst offset");
_Static_assert(__builtin_offsetof(struct xs_event, ip_vhl) == 50, "ip_vhl offset");
_Static_assert(__builtin_offsetof(struct xs_event, ip6_flow) == 64, "ip6_flow offset");
_Static_assert(__builtin_offsetof(struct xs_event, gso) == 68, "gso offset");
_Static_assert(__builtin_offsetof(struct xs_event, l4) == 72, "l4 offset");
_Static_assert(__builtin_offsetof(struct xs_event, ifindex) == 96, "ifindex offset");
_Static_assert(XS_EVENT_FIXED == 104, "fixed part size");
_Static_assert(sizeof(((struct xs_event *)0)->l4) == 20, "l4 union size");
_Static_assert(XS_MAX_OPT >= 24, "the tail's first part holds ICMPv6 and ARP data too");

/* A record with frame bytes: the event, whole, then the data (XS_F_DATA). */
struct xs_record {
	struct xs_event ev;
	__u8 data[XS_MAX_SNAP + 4]; /* + 4: the checksum sums whole words, zero-padded */
};

_Static_assert(__builtin_offsetof(struct xs_record, data) == sizeof(struct xs_event),
	       "record data offset");

/*
 * The compact record: what the default line (-n, no -e, -v, --json, -w, payload or --process)
 * prints of a plain TCP segment over IPv4 or IPv6 with no IP options, extension headers, VLAN
 * tag or fragmentation, every header whole (include/compact.h says which events qualify; the
 * loader turns it on, compact_on). It starts as struct xs_event does, up to the version byte,
 * which tells the two apart; user/compact.c makes a struct xs_event of it again. The TCP
 * header's fixed part is l4.raw's; var holds the addresses (8 or 32 bytes), then l4x_len bytes
 * of options, the record rounded up to 8 bytes: 72 bytes for IPv4 with timestamps, where the
 * whole event takes 128.
 */
#define XS_COMPACT_VERSION 0x84
#define XS_C_IP6 0x01 /* cflags: IPv6 addresses (else IPv4) */
#define XS_C_EGRESS 0x02 /* cflags: seen by the egress hook */

struct xs_compact {
	__u64 ts_ns;
	__u32 wire_len;
	__u32 cap_len;
	__u8 version; /* XS_COMPACT_VERSION, where struct xs_event has XS_EVENT_VERSION */
	__u8 cflags; /* XS_C_* */
	__u8 l4x_len; /* TCP option bytes after the addresses */
	__u8 ip_vhl; /* IPv4: 0x45; IPv6: the header's first byte */
	__u32 ifindex;
	__be16 ip_len;
	__u8 ip_tos;
	__u8 pkt_type;
	__u8 tcp[20]; /* struct xs_event's l4.raw */
	__u8 var[32 + XS_MAX_OPT];
};

#define XS_COMPACT_FIXED __builtin_offsetof(struct xs_compact, var)
#define XS_COMPACT_VERSION_AT __builtin_offsetof(struct xs_compact, version)

_Static_assert(sizeof(struct xs_compact) == 120, "xs_compact size changed");
_Static_assert(__builtin_offsetof(struct xs_compact, version) ==
		   __builtin_offsetof(struct xs_event, version),
	       "the version byte tells a compact record from an event");
_Static_assert(__builtin_offsetof(struct xs_compact, ts_ns) == 0, "a record starts with its stamp");
_Static_assert(__builtin_offsetof(struct xs_compact, ifindex) == 20, "ifindex offset");
_Static_assert(__builtin_offsetof(struct xs_compact, tcp) == 28, "tcp offset");
_Static_assert(XS_COMPACT_FIXED == 48, "compact fixed part size");
_Static_assert(XS_COMPACT_VERSION != XS_EVENT_VERSION, "versions differ");

/*
 * A segment of an XS_F_GSO_TAP send has passed the point where packet sockets take their copy
 * (bpf/seg_tap.h): its time stamp. The send's record came before it in the same ring; ifindex
 * and seq (the send's first sequence number) name the send, seg the segment. The segment's line
 * goes out in the time order of this stamp, among the other hooks' records, as tcpdump's does.
 */
#define XS_TAP_VERSION 0x85

struct xs_tap {
	__u64 ts_ns;
	__u32 ifindex;
	__be32 seq;
	__u8 version; /* XS_TAP_VERSION, where struct xs_event has its version */
	__u8 pad;
	__u16 seg; /* host order, from 0 */
	__u32 pad2;
};

_Static_assert(sizeof(struct xs_tap) == 24, "xs_tap size changed");
_Static_assert(__builtin_offsetof(struct xs_tap, version) ==
		   __builtin_offsetof(struct xs_event, version),
	       "the version byte tells a tap record from an event");

/* Length of the address block in the var part. */
static inline __u32 xs_addr_len(const struct xs_event *ev)
{
	return (ev->flags & XS_F_IP6) ? 32 : (ev->flags & XS_F_IP4) ? 8 : 0;
}

/* Bytes of the record the producer sends: fixed part, addresses, tail, 8-byte rounded. */
static inline __u32 xs_event_size(const struct xs_event *ev)
{
	__u32 tail = ev->l3x_cap ? XS_MAX_OPT + ev->l3x_cap : ev->l4x_len;

	return (XS_EVENT_FIXED + xs_addr_len(ev) + tail + 7) & ~7u;
}

#endif
