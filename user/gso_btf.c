// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's GSO numbers from its BTF (see gso_btf.h). */
#include <fcntl.h>
#include <linux/btf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gso_btf.h"

/* The tracepoint bpf/seg_tap.h's program attaches to, as its BTF names it. */
#define TAP_TRACEPOINT_TYPE "btf_trace_net_dev_start_xmit"

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
	/* Most enumerators are none of these: one comparison turns them away. */
	if (strncmp(name, "NETIF_F_", 8) != 0 && strncmp(name, "SKB_GSO_", 8) != 0 &&
	    strncmp(name, "__SKB_GSO_", 10) != 0)
		return;
	for (int i = 0; i < W_COUNT; i++)
		if (!found[i] && !strcmp(name, names[i])) {
			val[i] = v;
			found[i] = true;
		}
}

/*
 * The kernel's BTF (some 5 MB): mapped where the kernel allows it (6.16+: about 2 ms), else
 * read (sysfs hands it out 4 KiB a call: about 20 ms). NULL on failure.
 */
static uint8_t *btf_bytes(size_t *len, bool *mapped)
{
	int fd = open("/sys/kernel/btf/vmlinux", O_RDONLY | O_CLOEXEC);
	size_t cap = 8 << 20, n = 0;
	uint8_t *buf, *grown;
	struct stat st;
	ssize_t got;

	if (fd < 0)
		return NULL;
	*mapped = false;
	if (!fstat(fd, &st) && st.st_size > 0) {
		buf = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (buf != MAP_FAILED) {
			close(fd);
			*len = (size_t)st.st_size;
			*mapped = true;
			return buf;
		}
	}
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return NULL;
	}
	while ((got = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)got;
		if (n < cap)
			continue;
		grown = realloc(buf, cap *= 2);
		if (!grown) {
			got = -1;
			break;
		}
		buf = grown;
	}
	close(fd);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The bytes that follow a type of this kind; -1 for a kind not known here. */
static long type_extra(unsigned kind, unsigned vlen)
{
	switch (kind) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return (long)vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return (long)vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return (long)vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return (long)vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

/*
 * Every enumerator of every enum (these are anonymous enums: no name to look them up by), and
 * whether the tap's tracepoint is there, in one pass over the raw BTF: libbpf's btf__load_vmlinux_btf() takes some 60 ms, which every
 * start would pay on top of libbpf's own parse for CO-RE. Returns false on a BTF it cannot
 * walk (a kind this code does not know).
 */
static bool scan(const uint8_t *b, size_t len, unsigned long long *val, bool *found, bool *tap)
{
	const struct btf_header *h = (const void *)b;
	const uint8_t *t, *end, *str;

	if (len < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > len ||
	    (uint64_t)h->hdr_len + h->type_off + h->type_len > len ||
	    (uint64_t)h->hdr_len + h->str_off + h->str_len > len)
		return false;
	t = b + h->hdr_len + h->type_off;
	end = t + h->type_len;
	str = b + h->hdr_len + h->str_off;
	while (t + sizeof(struct btf_type) <= end) {
		const struct btf_type *bt = (const void *)t;
		unsigned kind = BTF_INFO_KIND(bt->info), vlen = BTF_INFO_VLEN(bt->info);
		long extra = type_extra(kind, vlen);

		t += sizeof(*bt);
		if (extra < 0 || t + extra > end)
			return false;
		if (kind == BTF_KIND_TYPEDEF && !*tap && bt->name_off < h->str_len &&
		    !strcmp((const char *)str + bt->name_off, TAP_TRACEPOINT_TYPE))
			*tap = true;
		for (unsigned i = 0; kind == BTF_KIND_ENUM && i < vlen; i++) {
			const struct btf_enum *e = (const void *)(t + i * sizeof(*e));

			if (e->name_off < h->str_len)
				take((const char *)str + e->name_off, (uint32_t)e->val, val, found);
		}
		for (unsigned i = 0; kind == BTF_KIND_ENUM64 && i < vlen; i++) {
			const struct btf_enum64 *e = (const void *)(t + i * sizeof(*e));

			if (e->name_off < h->str_len)
				take((const char *)str + e->name_off,
				     (uint64_t)e->val_hi32 << 32 | e->val_lo32, val, found);
		}
		t += extra;
	}
	return true;
}

void gso_btf_consts(struct xs_gso_consts *k, bool *tap)
{
	unsigned long long v[W_COUNT] = {0};
	bool found[W_COUNT] = {false}, ok, mapped;
	size_t len = 0;
	uint8_t *btf = btf_bytes(&len, &mapped);

	memset(k, 0, sizeof(*k));
	*tap = false;
	if (!btf)
		return;
	ok = scan(btf, len, v, found, tap);
	if (mapped)
		munmap(btf, len);
	else
		free(btf);
	if (!ok) {
		*tap = false;
		return;
	}
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
