/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The flow table and the detectors' state (--flows): the keys and values of the BPF maps the
 * hooks keep (bpf/flows.h, bpf/detect.h) and user space reads (user/flowmap.c). They are
 * BTF-typed and pinned beside `stats` (/sys/fs/bpf/xdpspy/IF/flows, sources, services,
 * detect), so `bpftool map dump` prints every field by name. Host order everywhere but the
 * addresses and ports, which stay as on the wire.
 *
 * Times: *_ns fields are CLOCK_MONOTONIC nanoseconds. first/last seen and the detectors'
 * windows come from the coarse clock (a tick, cheap); the handshake's stamps from the precise
 * one, as the hooks saw the packets.
 */
#ifndef XDPSPY_FLOW_TABLE_H
#define XDPSPY_FLOW_TABLE_H

#include <linux/types.h>

#define XS_FLOW_ENTRIES 65536 /* default flows tracked (--flow-entries) */
#define XS_HOST_ENTRIES 16384 /* sources and services tracked by the detectors */
#define XS_SERVICE_WINDOW_NS 1000000000ull /* SYN flood: rates per second */
#define XS_TARGET_BITS 512 /* a source's distinct (address, port) targets, hashed */
#define XS_SOURCE_BITS 1024 /* a service's distinct SYN sources, hashed */

/*
 * Both directions of a conversation fold into one key: endpoint a is the lower (address,
 * port) of the two, as raw bytes compare. IPv4 addresses are held IPv4-mapped
 * (::ffff:a.b.c.d). ICMP echo requests and replies carry their identifier in both ports;
 * other protocols have none.
 */
struct xs_flow_key {
	__u8 addr[2][16];
	__be16 port[2];
	__u16 vlan; /* the outer VLAN ID, 0 without a tag */
	__u8 proto; /* the IP protocol */
	__u8 pad;
};

/* xs_flow.state: what the TCP conversation has shown so far. */
#define XS_FLOW_SYN 0x01
#define XS_FLOW_SYNACK 0x02
#define XS_FLOW_EST 0x04 /* the client's ACK of the SYN-ACK: the handshake completed */
#define XS_FLOW_FIN 0x08
#define XS_FLOW_RST 0x10
/* A handshake segment sent again: its timing is ambiguous (Karn), so none is kept. */
#define XS_FLOW_SYN_AGAIN 0x20
#define XS_FLOW_SYNACK_AGAIN 0x40

/* What one endpoint sent: dir[0] endpoint a's, dir[1] endpoint b's. */
struct xs_flow_dir {
	__u64 packets;
	__u64 bytes; /* frame lengths, as `stats` counts them */
	__u32 next_seq; /* TCP: the highest sequence number sent, plus its length */
	__u32 ack; /* the last acknowledgement number sent */
	__u32 retransmits; /* segments wholly at or below next_seq (wrap-aware) */
	__u32 out_of_order; /* segments starting beyond next_seq: a gap before them */
	__u32 dup_acks; /* bare ACKs repeating the last ACK number and window */
	__u32 zero_windows; /* segments advertising a zero window */
	__u16 window; /* the last window advertised, unscaled */
	__u8 tcp_flags; /* every flag sent, ORed */
	__u8 seq_known; /* next_seq, ack and window hold values */
	__u32 pad;
};

/* issue 24: the local process behind a flow (--flows with --process), as the first of its
 * packets whose owner was found named it (bpf/flow_owner.h); known 0 while none has. */
struct xs_flow_owner {
	__u64 cgroup; /* the cgroup v2 id (its directory's inode) */
	__u32 pid; /* in the initial pid namespace */
	__u8 known; /* 1: the fields hold an owner */
	__u8 endpoint; /* which endpoint (0: a, 1: b) is the process's socket */
	__u8 pad[2];
	char comm[16]; /* the task's command, NUL-padded (XS_OWN_COMM) */
};

/*
 * Is it encrypted? (include/verdict.h) What one direction's first payload bytes showed: the
 * kind, for clear text the protocol recognised and any login seen in it. Never the secret:
 * only which kind of login crossed the wire.
 */
enum xs_verdict_kind {
	XS_VK_NONE = 0, /* no payload seen yet */
	XS_VK_TLS, /* a TLS (or DTLS) record; version: the record's */
	XS_VK_SSH, /* an SSH banner; version: major << 8 | minor */
	XS_VK_QUIC, /* a QUIC long header; version: QUIC's */
	XS_VK_WIREGUARD, /* a WireGuard message; version: its type */
	XS_VK_ESP, /* IPsec ESP, or ESP in UDP (port 4500) */
	XS_VK_CLEAR, /* printable text (or Telnet's option negotiation) */
	XS_VK_OTHER, /* none of these: binary, not recognised */
	XS_VK_COUNT,
};

/* The clear-text protocol recognised (xs_flow_verdict_dir.app). */
enum xs_verdict_app {
	XS_VA_NONE = 0,
	XS_VA_HTTP, /* a request line or a status line */
	XS_VA_POP3, /* +OK greeting */
	XS_VA_IMAP, /* * OK greeting */
	XS_VA_SMTP, /* EHLO or HELO */
	XS_VA_220, /* a 220 greeting: SMTP or FTP */
	XS_VA_TELNET, /* IAC option negotiation */
	XS_VA_COUNT,
};

/* The login seen in clear text (xs_flow_verdict_dir.login). */
enum xs_verdict_login {
	XS_VL_NONE = 0,
	XS_VL_USER_PASS, /* POP3 or FTP: PASS */
	XS_VL_AUTH_PLAIN, /* SMTP, POP3 AUTH PLAIN; IMAP AUTHENTICATE PLAIN */
	XS_VL_AUTH_LOGIN, /* AUTH LOGIN */
	XS_VL_IMAP_LOGIN, /* tag LOGIN user password */
	XS_VL_TELNET, /* what a Telnet client sent after a login prompt */
	XS_VL_HTTP_BASIC, /* Authorization: Basic */
	XS_VL_COUNT,
};

/* xs_flow_verdict_dir.flags */
#define XS_VF_DONE 0x01 /* nothing more to look for: the direction's payload is not read again */
#define XS_VF_PROMPT 0x02 /* it sent a login or password prompt (Telnet) */
#define XS_VF_SNI_CUT 0x04 /* the SNI was longer than xs_flow_verdict.sni holds */

struct xs_flow_verdict_dir {
	__u8 kind; /* enum xs_verdict_kind */
	__u8 app; /* enum xs_verdict_app */
	__u8 login; /* enum xs_verdict_login */
	__u8 segs; /* payload-carrying packets read so far */
	__u8 flags; /* XS_VF_* */
	__u8 pad[3];
	__u32 version; /* as the kind says */
	__u32 pad2;
};

#define XS_SNI_LEN 64 /* bytes of a ClientHello's server name kept, NUL-padded */

struct xs_flow_verdict {
	struct xs_flow_verdict_dir dir[2]; /* as xs_flow.dir */
	char sni[XS_SNI_LEN]; /* the server name of a TLS ClientHello, either direction's */
};

struct xs_flow {
	__u64 first_ns;
	__u64 last_ns;
	__u64 syn_ns; /* the SYN (its first transmission) */
	__u64 synack_ns; /* the SYN-ACK (its first) */
	__u64 ack_ns; /* the ACK that completed the handshake */
	struct xs_flow_dir dir[2];
	__u8 state; /* XS_FLOW_* */
	__u8 client; /* the endpoint (0: a, 1: b) that sent the SYN, else the first seen */
	__u8 pad[6];
	struct xs_flow_owner owner; /* issue 24 (--process): the local process, when known */
	/* --- issue 24, verdicts: appended, a member of its own --- */
	struct xs_flow_verdict verdict;
};

/* A host the detectors follow: as a source (port 0), or as a service (its port). */
struct xs_host_key {
	__u8 addr[16]; /* IPv4-mapped for IPv4 */
	__be16 port;
	__u16 vlan;
};

/* Alarm bits (xs_source_window.alarms, xs_service_window.alarms). */
#define XS_ALARM_SYN_FLOOD 0x01
#define XS_ALARM_PORT_SCAN 0x02
#define XS_ALARM_RST_STORM 0x04
#define XS_ALARM_STEALTH 0x08
#define XS_ALARM_LAND 0x10
#define XS_ALARM_MARTIAN 0x20

/* What a source did within one window (xs_detect_cfg.window_ns). */
struct xs_source_window {
	__u32 new_flows; /* flows it opened with a probe: a SYN, a stealth TCP segment, UDP, ICMP */
	__u32 targets; /* distinct (address, port) those went to: bits set in target_bits */
	__u32 rsts; /* RST segments it sent */
	__u32 null_scan; /* TCP segments with no flag set */
	__u32 fin_scan; /* FIN alone */
	__u32 xmas_scan; /* FIN, PSH and URG */
	__u32 synfin_scan; /* SYN and FIN together */
	__u32 land; /* packets to its own address */
	__u32 martian; /* packets from a source address no host may have here */
	__u32 alarms; /* XS_ALARM_* raised in this window */
};

struct xs_source {
	__u64 window_start;
	__u64 last_ns;
	struct xs_source_window now; /* the window under way */
	struct xs_source_window prev; /* the one before, if it ended when this one began */
	__u64 target_bits[XS_TARGET_BITS / 64];
};

/* What a service (address and TCP port) received within one second. */
struct xs_service_window {
	__u32 syns; /* SYNs opening a connection to it (not those sent again) */
	__u32 handshakes; /* handshakes to it completed */
	__u32 sources; /* distinct sources of those SYNs: bits set in source_bits */
	__u32 alarms; /* XS_ALARM_SYN_FLOOD */
};

struct xs_service {
	__u64 window_start;
	__u64 last_ns;
	__u64 syns; /* since the service was first seen */
	__u64 handshakes;
	struct xs_service_window now;
	struct xs_service_window prev;
	__u64 source_bits[XS_SOURCE_BITS / 64];
};

/* The thresholds, as the programs were loaded with them (also pinned as `detect`). */
struct xs_detect_cfg {
	__u64 window_ns; /* a source's window: port scans, RST storms, stealth, land, martians */
	__u32 syn_flood_rate; /* SYNs per second to one service ... */
	__u32 syn_flood_pct; /* ... of which fewer than this percentage completed */
	__u32 scan_targets; /* distinct targets of one source within a window ... */
	__u32 scan_bits; /* ... as bits of its target_bits set: what the kernel compares */
	__u32 rst_storm_rate; /* RSTs per second from one source */
	__u32 rst_storm_window; /* the same per window (rate x window) */
	__u32 flow_entries;
	__u32 host_entries;
	__u8 loopback; /* the device is a loopback: no land or martian checks */
	__u8 verdicts; /* read the first payload bytes for the verdicts (--no-verdicts: 0) */
	__u8 pad[6];
};

#define XS_DETECT_DEFAULTS                                                                         \
	{                                                                                          \
		.window_ns = 5000000000ull, .syn_flood_rate = 1000, .syn_flood_pct = 50,           \
		.scan_targets = 100, .scan_bits = 91, .rst_storm_rate = 100,                       \
		.rst_storm_window = 500, .flow_entries = XS_FLOW_ENTRIES,                          \
		.host_entries = XS_HOST_ENTRIES, .verdicts = 1,                                    \
	}

_Static_assert(sizeof(struct xs_flow_key) == 40, "xs_flow_key layout");
_Static_assert(sizeof(struct xs_flow_dir) == 48, "xs_flow_dir layout");
_Static_assert(sizeof(struct xs_flow_owner) == 32, "xs_flow_owner layout");
_Static_assert(sizeof(struct xs_flow) == 272, "xs_flow layout");
_Static_assert(sizeof(struct xs_flow_verdict) == 96, "xs_flow_verdict layout");
_Static_assert(sizeof(struct xs_host_key) == 20, "xs_host_key layout");
_Static_assert(sizeof(struct xs_source) == 160, "xs_source layout");
_Static_assert(sizeof(struct xs_service) == 192, "xs_service layout");
_Static_assert(sizeof(struct xs_detect_cfg) == 48, "xs_detect_cfg layout");

#endif
