/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The detectors (--flows), run by bpf/flows.h for the packets that concern them: a source's
 * probes, RSTs, stealth segments, land and martian packets (the `sources` map), and the SYNs
 * and completed handshakes of a service (`services`). Each entry counts within a window of
 * its own, which starts at its first packet and is replaced by the next once it has run out;
 * the previous window is kept when it ended as the new one began, so user space (watch, top)
 * sees an alarm hold until a whole window passes without it. An alarm is raised in an entry's
 * window once its count crosses the threshold (rodata, xs_detect_cfg); `stats` counts the
 * alarms that begin, i.e. not raised in the window before.
 *
 * The maps are LRU hashes: their size is bounded, and a flood of spoofed sources evicts the
 * oldest entries, never a newer one.
 */
#ifndef XDPSPY_BPF_DETECT_H
#define XDPSPY_BPF_DETECT_H

#include "counters.h"
#include "flow_table.h"
#include "proto.h"

/* Set by the loader before load (user/loader.c). */
const volatile struct xs_detect_cfg detect_cfg = XS_DETECT_DEFAULTS;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XS_HOST_ENTRIES);
	__type(key, struct xs_host_key);
	__type(value, struct xs_source);
} sources SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XS_HOST_ENTRIES);
	__type(key, struct xs_host_key);
	__type(value, struct xs_service);
} services SEC(".maps");

/* New entries start as these (.rodata): no stack copy of a whole value. */
static const struct xs_source zero_source;
static const struct xs_service zero_service;

/* What a packet tells about its source (detect_source()). */
#define XS_EV_PROBE 0x01 /* it opened a flow with a probe */
#define XS_EV_RST 0x02
#define XS_EV_NULL 0x04
#define XS_EV_FIN 0x08
#define XS_EV_XMAS 0x10
#define XS_EV_SYNFIN 0x20
#define XS_EV_LAND 0x40
#define XS_EV_MARTIAN 0x80
#define XS_EV_STEALTH (XS_EV_NULL | XS_EV_FIN | XS_EV_XMAS | XS_EV_SYNFIN)
#define XS_EV_COUNTED (XS_EV_STEALTH | XS_EV_LAND | XS_EV_MARTIAN) /* per packet, in stats */
#define XS_EV_SOURCE 0xff /* what the source's entry counts */
/* What a service's entry counts. */
#define XS_DO_SYN 0x100 /* a SYN opening a connection */
#define XS_DO_HANDSHAKE 0x200 /* the client's ACK completing a handshake */

static __always_inline __u32 xs_mix32(__u32 h)
{
	h ^= h >> 16;
	h *= 0x7feb352d;
	h ^= h >> 15;
	h *= 0x846ca68b;
	return h ^ (h >> 16);
}

/* A bitmap index for an address (16 bytes, 4-aligned) and a port: linear counting's hash. */
static __always_inline __u32 xs_hash_addr(const __u8 *addr, __u32 port)
{
	const __u32 *w = (const __u32 *)addr;

	return xs_mix32(w[0] ^ xs_mix32(w[1] ^ xs_mix32(w[2] ^ xs_mix32(w[3] ^ port))));
}

/* Sets bit h of a bitmap of nbits (a power of two); 1 if it was clear. */
static __always_inline int xs_set_bit(__u64 *bits, __u32 nbits, __u32 h)
{
	__u32 i = (h & (nbits - 1)) >> 6;
	__u64 m = 1ull << (h & 63);

	if (bits[i] & m)
		return 0;
	bits[i] |= m;
	return 1;
}

/* Raises an alarm once per window; *started counts it when the window before had none. */
static __always_inline void xs_alarm(__u32 *alarms, __u32 before, __u32 bit, __u64 *started)
{
	if (*alarms & bit)
		return;
	*alarms |= bit;
	if (started && !(before & bit))
		(*started)++;
}

/* The entry's window, replaced by a new one once it has run out. */
static __always_inline void source_roll(struct xs_source *s, __u64 now)
{
	__u64 age = now - s->window_start;

	if (age < detect_cfg.window_ns)
		return;
	if (age < 2 * detect_cfg.window_ns)
		s->prev = s->now;
	else
		__builtin_memset(&s->prev, 0, sizeof(s->prev));
	__builtin_memset(&s->now, 0, sizeof(s->now));
	__builtin_memset(s->target_bits, 0, sizeof(s->target_bits));
	s->window_start = now;
}

static __always_inline void service_roll(struct xs_service *v, __u64 now)
{
	__u64 age = now - v->window_start;

	if (age < XS_SERVICE_WINDOW_NS)
		return;
	if (age < 2 * XS_SERVICE_WINDOW_NS)
		v->prev = v->now;
	else
		__builtin_memset(&v->prev, 0, sizeof(v->prev));
	__builtin_memset(&v->now, 0, sizeof(v->now));
	__builtin_memset(v->source_bits, 0, sizeof(v->source_bits));
	v->window_start = now;
}

/* The entry of key in an LRU map, entered from zero if absent; NULL if it cannot be. */
static __always_inline void *host_entry(void *map, const struct xs_host_key *key, const void *zero)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	bpf_map_update_elem(map, key, zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(map, key);
}

/* The packet's source (which 0) or destination (1) address, IPv4-mapped for IPv4. */
static __always_inline void xs_host_addr(const struct xs_event *ev, int which, __u8 *out)
{
	__u32 *w = (__u32 *)out;

	if (ev->flags & XS_F_IP4) {
		w[0] = w[1] = 0;
		w[2] = bpf_htonl(0xffff);
		__builtin_memcpy(&w[3], ev->var + (which ? 4 : 0), 4);
	} else {
		__builtin_memcpy(out, ev->var + (which ? 16 : 0), 16);
	}
}

/*
 * What the packet's source did (kinds: XS_EV_*), to its destination dport. The stealth, land
 * and martian kinds are counted per packet by the caller; here they raise the source's alarm.
 */
static __always_inline void detect_source(const struct xs_event *ev, __be16 dport, __u16 vlan,
					  __u32 kinds, __u64 now, struct xs_counters *c)
{
	struct xs_host_key hk __attribute__((aligned(8))) = {.vlan = vlan};
	struct xs_source_window *w;
	struct xs_source *s;

	xs_host_addr(ev, 0, hk.addr);
	s = host_entry(&sources, &hk, &zero_source);
	if (!s)
		return;
	s->last_ns = now;
	source_roll(s, now);
	w = &s->now;
	kinds &= XS_EV_SOURCE;
	if (kinds & XS_EV_PROBE) {
		xs_host_addr(ev, 1, hk.addr);
		w->new_flows++;
		if (xs_set_bit(s->target_bits, XS_TARGET_BITS, xs_hash_addr(hk.addr, dport)) &&
		    ++w->targets >= detect_cfg.scan_bits)
			xs_alarm(&w->alarms, s->prev.alarms, XS_ALARM_PORT_SCAN, &c->port_scans);
	}
	if ((kinds & XS_EV_RST) && ++w->rsts >= detect_cfg.rst_storm_window)
		xs_alarm(&w->alarms, s->prev.alarms, XS_ALARM_RST_STORM, &c->rst_storms);
	if (kinds & XS_EV_STEALTH) {
		w->null_scan += !!(kinds & XS_EV_NULL);
		w->fin_scan += !!(kinds & XS_EV_FIN);
		w->xmas_scan += !!(kinds & XS_EV_XMAS);
		w->synfin_scan += !!(kinds & XS_EV_SYNFIN);
		xs_alarm(&w->alarms, s->prev.alarms, XS_ALARM_STEALTH, NULL);
	}
	if (kinds & XS_EV_LAND) {
		w->land++;
		xs_alarm(&w->alarms, s->prev.alarms, XS_ALARM_LAND, NULL);
	}
	if (kinds & XS_EV_MARTIAN) {
		w->martian++;
		xs_alarm(&w->alarms, s->prev.alarms, XS_ALARM_MARTIAN, NULL);
	}
}

/* The entry of the packet's destination service (address and dport), its window current. */
static __always_inline struct xs_service *service_of(const struct xs_event *ev, __be16 dport,
						     __u16 vlan, __u64 now)
{
	struct xs_host_key hk __attribute__((aligned(8))) = {.port = dport, .vlan = vlan};
	struct xs_service *v;

	xs_host_addr(ev, 1, hk.addr);
	v = host_entry(&services, &hk, &zero_service);
	if (!v)
		return NULL;
	v->last_ns = now;
	service_roll(v, now);
	return v;
}

/* A SYN to a service: a flood once the rate is high and few handshakes complete. */
static __always_inline void detect_syn(const struct xs_event *ev, __be16 dport, __u16 vlan,
				       __u64 now, struct xs_counters *c)
{
	struct xs_service *v = service_of(ev, dport, vlan, now);
	__u8 src[16] __attribute__((aligned(8)));
	struct xs_service_window *w;

	if (!v)
		return;
	w = &v->now;
	v->syns++;
	w->syns++;
	xs_host_addr(ev, 0, src);
	if (xs_set_bit(v->source_bits, XS_SOURCE_BITS, xs_hash_addr(src, 0)))
		w->sources++;
	if (w->syns >= detect_cfg.syn_flood_rate &&
	    (__u64)w->handshakes * 100 < (__u64)w->syns * detect_cfg.syn_flood_pct)
		xs_alarm(&w->alarms, v->prev.alarms, XS_ALARM_SYN_FLOOD, &c->syn_floods);
}

/* The client's ACK completed a handshake to the service it goes to. */
static __always_inline void detect_handshake(const struct xs_event *ev, __be16 dport, __u16 vlan,
					     __u64 now)
{
	struct xs_service *v = service_of(ev, dport, vlan, now);

	if (!v)
		return;
	v->handshakes++;
	v->now.handshakes++;
}

/* Source addresses no packet on a non-loopback device may carry (DHCP's and IPv6 DAD's
 * unspecified source excepted): loopback, 0/8, multicast, class E and broadcast; ::, ::1,
 * ff00::/8. */
static __always_inline int xs_martian(const struct xs_event *ev)
{
	__u64 hi, lo;

	if (ev->flags & XS_F_IP4) {
		__u8 b = ev->var[0];

		if (b == 0)
			return !(ev->kind == XS_K_UDP &&
				 ev->l4.udp.dport == bpf_htons(67)); /* DHCP */
		return b == 127 || b >= 224;
	}
	if (ev->var[0] == 0xff)
		return 1;
	__builtin_memcpy(&hi, ev->var, 8);
	__builtin_memcpy(&lo, ev->var + 8, 8);
	if (hi || (lo && lo != bpf_cpu_to_be64(1)))
		return 0;
	return lo || ev->kind != XS_K_ICMP6; /* ::1, or :: but for DAD and MLD */
}

/* A packet whose source address is its destination's. */
static __always_inline int xs_land(const struct xs_event *ev)
{
	__u64 a, b, x, y;

	if (ev->flags & XS_F_IP4) {
		__u32 s, t;

		__builtin_memcpy(&s, ev->var, 4);
		__builtin_memcpy(&t, ev->var + 4, 4);
		return s == t;
	}
	__builtin_memcpy(&a, ev->var, 8);
	__builtin_memcpy(&b, ev->var + 8, 8);
	__builtin_memcpy(&x, ev->var + 16, 8);
	__builtin_memcpy(&y, ev->var + 24, 8);
	return a == x && b == y;
}

/* The stealth scans' flag sets (nmap's -sN, -sF, -sX; SYN+FIN), from a TCP header's flags. */
static __always_inline __u32 xs_stealth(__u8 f)
{
	const __u8 fpu = XS_TCP_FIN | XS_TCP_PSH | XS_TCP_URG;

	if (!(f & (XS_TCP_FIN | XS_TCP_SYN | XS_TCP_RST | XS_TCP_PSH | XS_TCP_ACK | XS_TCP_URG)))
		return XS_EV_NULL;
	if ((f & (XS_TCP_SYN | XS_TCP_FIN)) == (XS_TCP_SYN | XS_TCP_FIN))
		return XS_EV_SYNFIN;
	if ((f & (fpu | XS_TCP_ACK)) == fpu) /* FIN, PSH, URG, no ACK */
		return XS_EV_XMAS;
	if ((f & (XS_TCP_FIN | XS_TCP_SYN | XS_TCP_RST | XS_TCP_ACK)) == XS_TCP_FIN)
		return XS_EV_FIN;
	return 0;
}

/* Counts the per-packet kinds (stealth, land, martian) in stats. */
static __always_inline void count_kinds(struct xs_counters *c, __u32 kinds)
{
	c->null_scan += !!(kinds & XS_EV_NULL);
	c->fin_scan += !!(kinds & XS_EV_FIN);
	c->xmas_scan += !!(kinds & XS_EV_XMAS);
	c->synfin_scan += !!(kinds & XS_EV_SYNFIN);
	c->land += !!(kinds & XS_EV_LAND);
	c->martian += !!(kinds & XS_EV_MARTIAN);
}

#endif
