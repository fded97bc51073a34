// SPDX-License-Identifier: GPL-2.0-only
/*
 * SNMPv1 and v2c (RFC 1157, RFC 3416) as tcpdump 4.99.3's print-snmp.c prints them without
 * libsmi (as Debian builds it): the version with -v, the community when not "public", the
 * PDU, its error fields and variable bindings, and v1 traps, with tcpdump's complaints about
 * what does not parse (ber.c). SNMPv3's message header is not decoded here.
 */
#include <string.h>

#include "ber.h"
#include "udpapp.h"

enum { GETREQ, GETNEXTREQ, GETRESP, SETREQ, TRAP, GETBULKREQ, INFORMREQ, V2TRAP, REPORT };

static const char *const error_status[] = {"noError",
					   "tooBig",
					   "noSuchName",
					   "badValue",
					   "readOnly",
					   "genErr",
					   "noAccess",
					   "wrongType",
					   "wrongLength",
					   "wrongEncoding",
					   "wrongValue",
					   "noCreation",
					   "inconsistentValue",
					   "resourceUnavailable",
					   "commitFailed",
					   "undoFailed",
					   "authorizationError",
					   "notWritable",
					   "inconsistentName"};
static const char *const generic_trap[] = {
    "coldStart",       "warmStart",	    "linkDown", "linkUp", "authenticationFailure",
    "egpNeighborLoss", "enterpriseSpecific"};
#define GT_ENTERPRISE 6

static bool is_request(uint32_t id)
{
	return id == GETREQ || id == GETNEXTREQ || id == GETBULKREQ;
}

/* DECODE_ErrorStatus between prefix and suffix. */
static void put_error_status(struct strbuf *sb, const char *prefix, int32_t e, const char *suffix)
{
	sb_puts(sb, prefix);
	if (e >= 0 && (size_t)e < sizeof(error_status) / sizeof(*error_status))
		sb_puts(sb, error_status[e]);
	else
		sb_printf(sb, "err=%u", (uint32_t)e);
	sb_puts(sb, suffix);
}

/* One variable binding: false when the record ends. */
static bool varbind(struct ber *s, uint32_t pduid, uint32_t *off, uint32_t *length)
{
	uint32_t np, len, vbend, vblength;
	struct be e;
	int n;

	sb_putc(s->sb, ' ');
	if ((n = ber_expect(s, *off, *length, &e, BE_SEQ, "[!varbind]")) < 0)
		return false;
	vbend = *off + (uint32_t)n;
	vblength = *length - (uint32_t)n;
	len = e.asnlen;
	np = e.off;
	if ((n = ber_expect(s, np, len, &e, BE_OID, "[objName!=OID]")) < 0)
		return false;
	ber_print(s, &e);
	len -= (uint32_t)n;
	np += (uint32_t)n;
	if (!is_request(pduid))
		sb_putc(s->sb, '=');
	if (ber_parse(s, np, len, &e) < 0)
		return false;
	if (is_request(pduid) && e.type != BE_NULL) {
		sb_puts(s->sb, "[objVal!=NULL]");
		ber_print(s, &e);
	} else if (!is_request(pduid) && e.type != BE_NULL) {
		ber_print(s, &e);
	}
	*off = vbend;
	*length = vblength;
	return !s->c->cut;
}

static void varbinds(struct ber *s, uint32_t pduid, uint32_t off, uint32_t length)
{
	struct be e;
	int n;

	if ((n = ber_expect(s, off, length, &e, BE_SEQ, "[!SEQ of varbind]")) < 0)
		return;
	if ((uint32_t)n < length)
		sb_printf(s->sb, "[%d extra after SEQ of varbind]", (int)(length - (uint32_t)n));
	length = e.asnlen;
	off = e.off;
	while (length && varbind(s, pduid, &off, &length))
		;
}

/* snmppdu_print's request id, error status and error index; false when the record ends. */
static bool pdu_fields(struct ber *s, uint32_t pduid, uint32_t *off, uint32_t *length)
{
	bool strict = pduid == GETREQ || pduid == GETNEXTREQ || pduid == SETREQ ||
		      pduid == INFORMREQ || pduid == V2TRAP || pduid == REPORT;
	int32_t status = 0;
	struct be e;
	int n;

	if ((n = ber_expect(s, *off, *length, &e, BE_INT, "[reqId!=INT]")) < 0)
		return false;
	if (s->pr->o.vflag)
		sb_printf(s->sb, "R=%d ", e.integer);
	*length -= (uint32_t)n;
	*off += (uint32_t)n;
	if ((n = ber_expect(s, *off, *length, &e, BE_INT, "[errorStatus!=INT]")) < 0)
		return false;
	if (strict && e.integer)
		put_error_status(s->sb, "[errorStatus(", e.integer, ")!=0]");
	else if (pduid == GETBULKREQ)
		sb_printf(s->sb, " N=%d", e.integer);
	else if (e.integer) {
		put_error_status(s->sb, " ", e.integer, "");
		status = e.integer;
	}
	*length -= (uint32_t)n;
	*off += (uint32_t)n;
	if ((n = ber_expect(s, *off, *length, &e, BE_INT, "[errorIndex!=INT]")) < 0)
		return false;
	if (strict && e.integer)
		sb_printf(s->sb, "[errorIndex(%d)!=0]", e.integer);
	else if (pduid == GETBULKREQ)
		sb_printf(s->sb, " M=%d", e.integer);
	else if (e.integer && !status)
		sb_printf(s->sb, "[errorIndex(%d) w/o errorStatus]", e.integer);
	else if (e.integer)
		sb_printf(s->sb, "@%d", e.integer);
	else if (status)
		sb_puts(s->sb, "[errorIndex==0]");
	*length -= (uint32_t)n;
	*off += (uint32_t)n;
	return true;
}

/* One element of a trap that must be of type; printed after sep. */
static bool trap_elem(struct ber *s, uint32_t *off, uint32_t *length, struct be *e, uint8_t type,
		      const char *complaint)
{
	int n = ber_expect(s, *off, *length, e, type, complaint);

	if (n < 0)
		return false;
	*length -= (uint32_t)n;
	*off += (uint32_t)n;
	return true;
}

static void trap(struct ber *s, uint32_t off, uint32_t length)
{
	int32_t generic;
	struct be e;

	sb_putc(s->sb, ' ');
	if (!trap_elem(s, &off, &length, &e, BE_OID, "[enterprise!=OID]"))
		return;
	ber_print(s, &e);
	sb_putc(s->sb, ' ');
	if (!trap_elem(s, &off, &length, &e, BE_INETADDR, "[agent-addr!=INETADDR]"))
		return;
	ber_print(s, &e);
	if (!trap_elem(s, &off, &length, &e, BE_INT, "[generic-trap!=INT]"))
		return;
	generic = e.integer;
	if (generic >= 0 && generic <= GT_ENTERPRISE)
		sb_printf(s->sb, " %s", generic_trap[generic]);
	else
		sb_printf(s->sb, " gt=%d", generic);
	if (!trap_elem(s, &off, &length, &e, BE_INT, "[specific-trap!=INT]"))
		return;
	if (generic != GT_ENTERPRISE && e.integer)
		sb_printf(s->sb, "[specific-trap(%d)!=0]", e.integer);
	else if (generic == GT_ENTERPRISE)
		sb_printf(s->sb, " s=%d", e.integer);
	sb_putc(s->sb, ' ');
	if (!trap_elem(s, &off, &length, &e, BE_UNS, "[time-stamp!=TIMETICKS]"))
		return;
	ber_print(s, &e);
	varbinds(s, TRAP, off, length);
}

static void pdu(struct ber *s, uint32_t off, uint32_t length, int32_t version)
{
	struct be e;
	uint32_t id;
	int n;

	if ((n = ber_parse(s, off, length, &e)) < 0)
		return;
	if (e.type != BE_PDU) {
		sb_puts(s->sb, "[no PDU]");
		return;
	}
	if ((uint32_t)n < length)
		sb_printf(s->sb, "[%d extra after PDU]", (int)(length - (uint32_t)n));
	if (s->pr->o.vflag)
		sb_puts(s->sb, "{ ");
	ber_print(s, &e);
	sb_putc(s->sb, ' ');
	id = e.id;
	if (version == 0 && (id == GETBULKREQ || id == INFORMREQ || id == V2TRAP || id == REPORT)) {
		sb_puts(s->sb, "[v2 PDU in v1 message]");
		return;
	}
	if (version == 1 && id == TRAP) {
		sb_puts(s->sb, "[v1 PDU in v2 message]");
		return;
	}
	off = e.off;
	length = e.asnlen;
	if (id == TRAP)
		trap(s, off, length);
	else if (id <= REPORT && pdu_fields(s, id, &off, &length))
		varbinds(s, id, off, length);
	if (s->pr->o.vflag && !s->c->cut)
		sb_puts(s->sb, " } ");
}

static void community(struct ber *s, uint32_t off, uint32_t length, int32_t version)
{
	struct be e;
	int n;

	if ((n = ber_expect(s, off, length, &e, BE_STR, "[comm!=STR]")) < 0)
		return;
	if (!(e.asnlen == 6 && !memcmp(s->c->p + e.off, "public", 6))) {
		sb_puts(s->sb, "C=");
		ber_print_string(s, &e);
		if (s->c->cut)
			return;
		sb_putc(s->sb, ' ');
	}
	pdu(s, off + (uint32_t)n, length - (uint32_t)n, version);
}

void print_snmp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	static const char *const versions[] = {"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"};
	struct ber s = {pr, c, sb};
	struct be e;
	int32_t version;
	uint32_t off;
	int n;

	(void)v;
	sb_putc(sb, ' ');
	if ((n = ber_expect(&s, 0, length, &e, BE_SEQ, "[!init SEQ]")) < 0)
		return;
	if ((uint32_t)n < length)
		sb_printf(sb, "[%d extra after iSEQ]", (int)(length - (uint32_t)n));
	length = e.asnlen;
	off = e.off;
	if ((n = ber_expect(&s, off, length, &e, BE_INT, "[version!=INT]")) < 0)
		return;
	version = e.integer;
	if (version != 0 && version != 1 && version != 3) {
		sb_printf(sb, "SNMP [version = %d]", version);
		return;
	}
	if (pr->o.vflag)
		sb_printf(sb, "{ %s ", versions[version]);
	if (version == 3)
		return; /* the v3 message is not decoded */
	community(&s, off + (uint32_t)n, length - (uint32_t)n, version);
	if (pr->o.vflag && !c->cut)
		sb_puts(sb, "} ");
}
