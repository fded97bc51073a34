// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's GSO numbers from its BTF (see gso_btf.h). */
#include <bpf/btf.h>
#include <stdbool.h>
#include <string.h>

#include "gso_btf.h"

enum want {
	W_GSO_SHIFT,
	W_GSO_LAST,
	W_IP_CSUM,
	W_IPV6_CSUM,
	W_HW_CSUM,
	W_FRAGLIST,
	W_ROBUST,
	W_MANGLEID,
	W_CTAG_TX,
	W_STAG_TX,
	W_TCPV4,
	W_TCPV6,
	W_DODGY,
	W_ECN,
	W_FIXEDID,
	W_PARTIAL,
	W_REQUIRED, /* the rest may be missing: older kernels */
	W_FIXEDID_FEAT = W_REQUIRED, /* 6.18: the bit SKB_GSO_TCP_FIXEDID maps onto */
	W_ACCECN,
	W_COUNT
};

static const char *const names[W_COUNT] = {
    [W_GSO_SHIFT] = "NETIF_F_GSO_SHIFT",
    [W_GSO_LAST] = "NETIF_F_GSO_LAST",
    [W_IP_CSUM] = "NETIF_F_IP_CSUM_BIT",
    [W_IPV6_CSUM] = "NETIF_F_IPV6_CSUM_BIT",
    [W_HW_CSUM] = "NETIF_F_HW_CSUM_BIT",
    [W_FRAGLIST] = "NETIF_F_FRAGLIST_BIT",
    [W_ROBUST] = "NETIF_F_GSO_ROBUST_BIT",
    [W_MANGLEID] = "NETIF_F_TSO_MANGLEID_BIT",
    [W_CTAG_TX] = "NETIF_F_HW_VLAN_CTAG_TX_BIT",
    [W_STAG_TX] = "NETIF_F_HW_VLAN_STAG_TX_BIT",
    [W_TCPV4] = "SKB_GSO_TCPV4",
    [W_TCPV6] = "SKB_GSO_TCPV6",
    [W_DODGY] = "SKB_GSO_DODGY",
    [W_ECN] = "SKB_GSO_TCP_ECN",
    [W_FIXEDID] = "SKB_GSO_TCP_FIXEDID",
    [W_PARTIAL] = "SKB_GSO_PARTIAL",
    [W_FIXEDID_FEAT] = "__SKB_GSO_TCP_FIXEDID",
    [W_ACCECN] = "SKB_GSO_TCP_ACCECN",
};

static void take(const char *name, unsigned long long v, unsigned long long *val, bool *found)
{
	for (int i = 0; i < W_COUNT; i++)
		if (!found[i] && !strcmp(name, names[i])) {
			val[i] = v;
			found[i] = true;
		}
}

/* Every enumerator of every enum (these are anonymous enums: no name to look them up by). */
static void scan(const struct btf *btf, unsigned long long *val, bool *found)
{
	for (__u32 id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t);

			for (int i = 0; i < btf_vlen(t); i++)
				take(btf__name_by_offset(btf, e[i].name_off), (__u32)e[i].val, val,
				     found);
		} else if (btf_is_enum64(t)) {
			const struct btf_enum64 *e = btf_enum64(t);

			for (int i = 0; i < btf_vlen(t); i++)
				take(btf__name_by_offset(btf, e[i].name_off),
				     btf_enum64_value(&e[i]), val, found);
		}
	}
}

void gso_btf_consts(struct xs_gso_consts *k)
{
	unsigned long long v[W_COUNT] = {0};
	bool found[W_COUNT] = {false};
	struct btf *btf = btf__load_vmlinux_btf();

	memset(k, 0, sizeof(*k));
	if (!btf)
		return;
	scan(btf, v, found);
	btf__free(btf);
	for (int i = 0; i < W_REQUIRED; i++)
		if (!found[i])
			return;
	if (v[W_GSO_LAST] >= 64 || v[W_GSO_SHIFT] > v[W_GSO_LAST])
		return;
	k->gso_shift = (__u32)v[W_GSO_SHIFT];
	k->f_gso_mask = (~0ull >> (63 - v[W_GSO_LAST])) & ~((1ull << v[W_GSO_SHIFT]) - 1);
	k->f_ip_csum = 1ull << v[W_IP_CSUM];
	k->f_ipv6_csum = 1ull << v[W_IPV6_CSUM];
	k->f_hw_csum = 1ull << v[W_HW_CSUM];
	k->f_fraglist = 1ull << v[W_FRAGLIST];
	k->f_robust = 1ull << v[W_ROBUST];
	k->f_mangleid = 1ull << v[W_MANGLEID];
	k->f_vlan_tx = 1ull << v[W_CTAG_TX] | 1ull << v[W_STAG_TX];
	k->t_tcpv4 = (__u32)v[W_TCPV4];
	k->t_tcpv6 = (__u32)v[W_TCPV6];
	k->t_ecn = (__u32)v[W_ECN];
	k->t_fixedid = (__u32)v[W_FIXEDID];
	/* Before 6.18 SKB_GSO_TCP_FIXEDID was itself the bit that maps onto the feature. */
	k->t_fixedid_feat = (__u32)(found[W_FIXEDID_FEAT] ? v[W_FIXEDID_FEAT] : v[W_FIXEDID]);
	k->t_accecn = (__u32)v[W_ACCECN];
	k->t_partial = (__u32)v[W_PARTIAL];
	k->t_split =
	    k->t_tcpv4 | k->t_tcpv6 | (__u32)v[W_DODGY] | k->t_ecn | k->t_fixedid | k->t_accecn;
	k->known = 1;
}
