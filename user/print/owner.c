// SPDX-License-Identifier: GPL-2.0-only
/* --process's text after tcpdump's line. The kernel's facts only: no owner is printed as such. */
#include "owner.h"

size_t owner_comm(const struct xs_owner *k, char out[XS_OWN_COMM + 1])
{
	size_t n = 0;

	for (; n < XS_OWN_COMM && k->comm[n]; n++) {
		char c = k->comm[n];

		out[n] = c > ' ' && c < 0x7f && c != '[' && c != ']' ? c : '?';
	}
	out[n] = '\0';
	return n;
}

void print_owner(const struct pkt_owner *o, struct strbuf *sb)
{
	char comm[XS_OWN_COMM + 1];

	if (o->k.state == XS_OWN_NONE) {
		sb_puts(sb, " [no owner]");
		return;
	}
	owner_comm(&o->k, comm);
	sb_printf(sb, " [%s %u ", comm, o->k.pid);
	if (o->cgroup)
		sb_puts(sb, o->cgroup);
	else
		sb_printf(sb, "cgroup#%llu", (unsigned long long)o->k.cgroup);
	sb_puts(sb, o->k.state == XS_OWN_CLOSED ? ", closed]" : "]");
}

void owner_comment(const struct pkt_owner *o, struct strbuf *sb)
{
	char comm[XS_OWN_COMM + 1];

	if (o->k.state == XS_OWN_NONE)
		return;
	owner_comm(&o->k, comm);
	sb_printf(sb, "PID: %u\nCmd: %s\n", o->k.pid, comm);
	if (o->cgroup)
		sb_printf(sb, "Cgroup: %s\n", o->cgroup);
	sb_printf(sb, "CgroupId: %llu", (unsigned long long)o->k.cgroup);
	if (o->k.state == XS_OWN_CLOSED)
		sb_puts(sb, "\nSocketClosed: true");
}
