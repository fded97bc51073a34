// SPDX-License-Identifier: GPL-2.0-only
/* Addresses and names (addr.h). */
#include "addr.h"
#include "names.h"

void put_host(const struct printer *pr, struct strbuf *sb, const uint8_t *addr, int is6)
{
	if (pr->names) {
		sb_puts(sb, names_host(pr->names, addr, is6));
		return;
	}
	if (is6)
		sb_put_ip6(sb, addr);
	else
		sb_put_ip4(sb, addr);
}

void put_port(const struct printer *pr, struct strbuf *sb, uint16_t port, int udp)
{
	const char *name = pr->names ? names_port(pr->names, port, udp) : NULL;

	if (name)
		sb_puts(sb, name);
	else
		sb_putu(sb, port);
}

void put_proto(const struct printer *pr, struct strbuf *sb, uint8_t proto)
{
	const char *name = pr->names ? names_proto(pr->names, proto) : NULL;

	if (name) {
		sb_putc(sb, ' ');
		sb_puts(sb, name);
	} else {
		sb_puts(sb, " ip-proto-");
		sb_putu(sb, proto);
	}
}

void put_addr_pair(const struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	put_host(pr, sb, v->saddr, v->is6);
	sb_puts(sb, " > ");
	put_host(pr, sb, v->daddr, v->is6);
}

void put_mac(struct strbuf *sb, const uint8_t *mac, enum dialect d)
{
	for (int i = 0; i < 6; i++) {
		if (i)
			sb_putc(sb, ':');
		sb_puthex(sb, mac[i], d == TCPDUMP_372 ? 0 : 2);
	}
}

bool put_host_at(const struct printer *pr, struct cur *c, uint32_t off, const char *label,
		 struct strbuf *sb)
{
	if (!cur_need(c, off, 4))
		return false;
	sb_puts(sb, label);
	put_host(pr, sb, c->p + off, 0);
	return true;
}
