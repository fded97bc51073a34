// SPDX-License-Identifier: GPL-2.0-only
/*
 * ISAKMP/IKE (RFC 2408, RFC 7296) as tcpdump 4.99.3's isakmp_print() starts it: the header's
 * capture check, and with -v the version and message id (-vv the cookies). IKEv1's and
 * IKEv2's payloads after the ':' are not decoded here.
 */
#include "udpapp.h"

#define ISAKMP_HLEN 28
#define OFF_VERS 17
#define OFF_MSGID 20

void print_isakmp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		  struct strbuf *sb)
{
	uint8_t vers;

	(void)v;
	(void)length;
	if (!cur_has(c, 0, ISAKMP_HLEN)) {
		put_trunc(sb, "isakmp"); /* nd_print_trunc, no longjmp */
		return;
	}
	vers = c->p[OFF_VERS];
	sb_puts(sb, "isakmp");
	if (pr->o.vflag) {
		sb_printf(sb, " %u.%u msgid ", vers >> 4, vers & 0x0f);
		sb_puthexbytes(sb, c->p + OFF_MSGID, 4);
	}
	if (pr->o.vflag > 1) {
		sb_puts(sb, " cookie ");
		sb_puthexbytes(sb, c->p, 8);
		sb_puts(sb, "->");
		sb_puthexbytes(sb, c->p + 8, 8);
	}
	sb_putc(sb, ':');
}
