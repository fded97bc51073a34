// SPDX-License-Identifier: GPL-2.0-only
/*
 * --json: one object per packet with every field the event carries, for log shippers (Vector,
 * Fluent Bit). The time stamp is the text line's own column, so both outputs agree; the TCP
 * options keep tcpdump's rendering next to their raw bytes.
 */
#include <arpa/inet.h>
#include <string.h>

#include "addr.h"
#include "json.h"
#include "owner.h"
#include "proto.h"
#include "tcpopt.h"
#include "wire.h"

static void key(struct strbuf *sb, const char *k)
{
	sb_puts(sb, ",\"");
	sb_puts(sb, k);
	sb_puts(sb, "\":");
}

static void kv_u(struct strbuf *sb, const char *k, uint64_t v)
{
	key(sb, k);
	sb_putu(sb, v);
}

/* Strings we make are plain ASCII; only quotes and backslashes need escaping. */
static void kv_s(struct strbuf *sb, const char *k, const char *s, size_t n)
{
	key(sb, k);
	sb_putc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, s[i]);
	}
	sb_putc(sb, '"');
}

static void kv_hex(struct strbuf *sb, const char *k, const uint8_t *p, size_t n)
{
	key(sb, k);
	sb_putc(sb, '"');
	for (size_t i = 0; i < n; i++)
		sb_puthex(sb, p[i], 2);
	sb_putc(sb, '"');
}

static void kv_addr(struct strbuf *sb, const char *k, const uint8_t *a, int is6)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(is6 ? AF_INET6 : AF_INET, a, text, sizeof(text));
	kv_s(sb, k, text, strlen(text));
}

static void kv_mac(struct strbuf *sb, const char *k, const uint8_t *mac)
{
	char text[24];
	struct strbuf t;

	sb_init(&t, text, sizeof(text));
	put_mac(&t, mac, TCPDUMP_499);
	kv_s(sb, k, t.buf, t.len);
}

static void tcp_fields(const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	static const char letters[] = "FSRP.UEW";
	char flags[9], opts[512];
	struct strbuf o;
	unsigned n = 0, optlen = (ev->l4.tcp.doff >> 4) * 4u;

	if (ev->l4_cap < XS_TCP_HLEN)
		return;
	for (int i = 0; i < 8; i++)
		if (ev->l4.tcp.flags & (1u << i))
			flags[n++] = letters[i];
	kv_u(sb, "seq", be32(ev->l4.tcp.seq));
	kv_u(sb, "ack", be32(ev->l4.tcp.ack));
	kv_s(sb, "tcp_flags", flags, n);
	kv_u(sb, "win", be16(ev->l4.tcp.win));
	kv_u(sb, "urg", be16(ev->l4.tcp.urg));
	kv_u(sb, "tcp_hdr_len", optlen);
	if (optlen > XS_TCP_HLEN && ev->l4x_len) {
		kv_hex(sb, "tcp_options_raw", v->tail, ev->l4x_len);
		sb_init(&o, opts, sizeof(opts));
		print_tcp_options(&o, v->tail, optlen - XS_TCP_HLEN, ev->l4x_len,
				  optlen - XS_TCP_HLEN, ev->l4.tcp.flags, 0);
		/* Without tcpdump's ", options [" and "]". */
		if (o.len > 12 && o.buf[o.len - 1] == ']')
			kv_s(sb, "tcp_options", o.buf + 11, o.len - 12);
	}
}

/* --process: "process": the owner's fields, or null when no local socket was found. */
static void owner_fields(const struct pkt_owner *o, struct strbuf *sb)
{
	char comm[XS_OWN_COMM + 1];
	const char *cg = o->cgroup ? o->cgroup : "";

	key(sb, "process");
	if (o->k.state == XS_OWN_NONE) {
		sb_puts(sb, "null");
		return;
	}
	sb_printf(sb, "{\"pid\":%u", o->k.pid);
	/* As on the line: what JSON would need escaped, '?'. */
	kv_s(sb, "comm", comm, owner_comm(&o->k, comm));
	kv_s(sb, "cgroup", cg, strlen(cg));
	kv_u(sb, "cgroup_id", o->k.cgroup);
	key(sb, "closed");
	sb_puts(sb, o->k.state == XS_OWN_CLOSED ? "true}" : "false}");
}

void print_json(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	static const char *const kinds[] = {"other", "short", "arp",  "ip",
					    "tcp",   "udp",   "icmp", "icmp6"};
	const struct xs_event *ev = v->ev;
	const struct pkt_info *pi = v->pkt;
	struct strbuf ts;
	char tsbuf[64];

	sb_init(&ts, tsbuf, sizeof(tsbuf));
	timefmt_print(&pr->tf, &ts, pi->sec, pkt_frac(pr, pi));
	if (ts.len)
		ts.len--; /* the column's trailing space */
	sb_puts(sb, "{\"type\":\"packet\"");
	kv_s(sb, "time", ts.buf, ts.len);
	kv_u(sb, "ts_sec", (uint64_t)pi->sec);
	kv_u(sb, pr->o.nano ? "ts_nsec" : "ts_usec", (uint64_t)pkt_frac(pr, pi));
	kv_s(sb, "direction", (ev->flags & XS_F_EGRESS) ? "out" : "in",
	     (ev->flags & XS_F_EGRESS) ? 3 : 2);
	kv_u(sb, "wire_len", pi->wire_len);
	kv_u(sb, "cap_len", ev->cap_len);
	kv_s(sb, "kind", kinds[ev->kind < 8 ? ev->kind : 0],
	     strlen(kinds[ev->kind < 8 ? ev->kind : 0]));
	kv_u(sb, "stop", ev->stop);
	if (ev->kind != XS_K_SHORT) {
		kv_mac(sb, "mac_src", ev->mac_src);
		kv_mac(sb, "mac_dst", ev->mac_dst);
		kv_u(sb, "ethertype", be16(ev->etype_l3));
		for (unsigned i = 0; i < ev->nvlan; i++)
			kv_u(sb, i ? "vlan2" : "vlan", be16(ev->vlan_tci[i]) & XS_VLAN_VID_MASK);
	}
	if (ev->flags & (XS_F_IP4 | XS_F_IP6)) {
		kv_s(sb, "ip", v->is6 ? "6" : "4", 1);
		kv_addr(sb, "src", v->saddr, v->is6);
		kv_addr(sb, "dst", v->daddr, v->is6);
		kv_u(sb, "ttl", ev->ip_ttl);
		kv_u(sb, "tos", ev->ip_tos);
		kv_u(sb, "ip_len", be16(ev->ip_len));
		kv_u(sb, "proto", ev->l4_proto);
		if (!v->is6)
			kv_u(sb, "ip_id", be16(ev->ip_id));
		if (ev->flags & XS_F_FRAG)
			kv_u(sb, "frag_offset",
			     v->is6 ? (be16(ev->ip_frag) & XS_IP6_FRAG_OFFMASK)
				    : (be16(ev->ip_frag) & XS_IP_OFFMASK) * 8u);
		if (ev->l4_cap >= 4 && (ev->kind == XS_K_TCP || ev->kind == XS_K_UDP)) {
			kv_u(sb, "sport", be16(ev->l4.tcp.sport));
			kv_u(sb, "dport", be16(ev->l4.tcp.dport));
		}
		if (ev->kind == XS_K_TCP)
			tcp_fields(v, sb);
		if ((ev->kind == XS_K_ICMP || ev->kind == XS_K_ICMP6) && ev->l4_cap >= 2) {
			kv_u(sb, "icmp_type", ev->l4.icmp.type);
			kv_u(sb, "icmp_code", ev->l4.icmp.code);
		}
	}
	if (pi->owner)
		owner_fields(pi->owner, sb);
	sb_puts(sb, "}\n");
}
