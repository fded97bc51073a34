// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BER (X.690) parser and element printer of tcpdump 4.99.3's print-snmp.c (asn1_parse,
 * asn1_print), with every complaint they print. Object ids print as numbers, as tcpdump
 * prints them with -n (without -n it names the MIB-2 prefixes).
 */
#include <string.h>

#include "ber.h"
#include "text.h"

enum { UNIVERSAL, APPLICATION, CONTEXT, PRIVATE, EXCEPTIONS };

static const char *const universal[] = {
    "U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes", "U-8",
    "U-9", "U-10",    "U-11",	 "U-12",      "U-13",	"U-14", "U-15",	 "Sequence",  "Set"};
static const char *const application[] = {"IpAddress", "Counter", "Gauge",    "TimeTicks",
					  "Opaque",    "C-5",	  "Counter64"};
const char *const ber_context[] = {"GetRequest", "GetNextRequest", "GetResponse",
				   "SetRequest", "Trap",	   "GetBulk",
				   "Inform",	 "V2Trap",	   "Report"};
static const char *const exceptions[] = {"noSuchObject", "noSuchInstance", "endOfMibView"};
static const char *const private_ids[] = {"P-0"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* tcpdump's Class[]: its names are all "x" (defineCLASS does not stringify). */
static const struct {
	const char *const *ids;
	uint32_t n;
} classes[] = {
    {universal, NELEM(universal)},     {application, NELEM(application)}, {ber_context, 9},
    {private_ids, NELEM(private_ids)}, {exceptions, NELEM(exceptions)},
};

static int parse_fail(struct ber *s)
{
	s->c->cut = true; /* tcpdump's GET or TCHECK: " [|snmp]" */
	return -1;
}

/* The element's contents as its class, form and id say. */
static void decode(struct ber *s, struct be *e)
{
	const uint8_t *p = s->c->p + e->off;

	e->type = BE_OCTET;
	if (e->form == 1) {
		if (e->cls == UNIVERSAL && e->id == 16)
			e->type = BE_SEQ;
		else if (e->cls == CONTEXT)
			e->type = BE_PDU;
		else if (e->cls == UNIVERSAL)
			sb_printf(s->sb, "C/U/%s", classes[e->cls].ids[e->id]);
		else
			sb_printf(s->sb, "C/x/%s", classes[e->cls].ids[e->id]);
		return;
	}
	if (e->cls == UNIVERSAL) {
		if (e->id == 4) {
			e->type = BE_STR;
		} else if (e->id == 2) {
			e->type = BE_INT;
			e->integer = (p[0] & 0x80) ? -1 : 0;
			for (uint32_t i = 0; i < e->asnlen; i++)
				e->integer = (int32_t)((uint32_t)e->integer << 8 | p[i]);
		} else if (e->id == 6) {
			e->type = BE_OID;
		} else if (e->id == 5) {
			e->type = BE_NULL;
		} else {
			sb_printf(s->sb, "[P/U/%s]", universal[e->id]);
		}
	} else if (e->cls == APPLICATION) {
		if (e->id == 0) {
			e->type = BE_INETADDR;
		} else if (e->id >= 1 && e->id <= 3) {
			e->type = BE_UNS;
			e->uns = 0;
			for (uint32_t i = 0; i < e->asnlen; i++)
				e->uns = (e->uns << 8) + p[i];
		} else if (e->id == 6) {
			e->type = BE_UNS64;
			e->uns64 = 0;
			for (uint32_t i = 0; i < e->asnlen; i++)
				e->uns64 = (e->uns64 << 8) + p[i];
		} else {
			sb_printf(s->sb, "[P/A/%s]", application[e->id]);
		}
	} else if (e->cls == CONTEXT) {
		e->type = e->id <= 2 ? BE_NOSUCHOBJECT + e->id : BE_ANY;
	} else {
		sb_printf(s->sb, "[P/x/%s]", classes[e->cls].ids[e->id]);
	}
}

/* asn1_parse: the element at off, len bytes left; its whole length or -1. */
int ber_parse(struct ber *s, uint32_t off, uint32_t len, struct be *e)
{
	uint32_t hdr = 1;
	uint8_t b;

	memset(e, 0, sizeof(*e));
	e->type = BE_ANY;
	if (len < 1) {
		sb_puts(s->sb, "[nothing to parse]");
		return -1;
	}
	if (!cur_has(s->c, off, 1))
		return parse_fail(s);
	b = s->c->p[off++];
	e->id = b & 0x1f;
	e->form = (b & 0x20) >> 5;
	e->cls = (b & 0xc0) >> 6;
	len--;
	if (e->id == 0x1f) {
		e->id = 0;
		for (;;) {
			if (!cur_has(s->c, off, 1))
				return parse_fail(s);
			b = s->c->p[off];
			if (!(b & 0x80))
				break;
			if (len < 1) {
				sb_puts(s->sb, "[Xtagfield?]");
				return -1;
			}
			e->id = (e->id << 7) | (b & 0x7f);
			len--;
			hdr++;
			off++;
		}
		if (len < 1) {
			sb_puts(s->sb, "[Xtagfield?]");
			return -1;
		}
		e->id = (e->id << 7) | b;
		len--;
		hdr++;
		off++;
	}
	if (len < 1) {
		sb_puts(s->sb, "[no asnlen]");
		return -1;
	}
	if (!cur_has(s->c, off, 1))
		return parse_fail(s);
	e->asnlen = s->c->p[off++];
	len--;
	hdr++;
	if (e->asnlen & 0x80) {
		uint32_t noct = e->asnlen % 0x80;

		e->asnlen = 0;
		if (len < noct) {
			sb_printf(s->sb, "[asnlen? %d<%d]", (int)len, (int)noct);
			return -1;
		}
		if (!cur_has(s->c, off, noct))
			return parse_fail(s);
		for (; noct; len--, hdr++, noct--)
			e->asnlen = (e->asnlen << 8) | s->c->p[off++];
	}
	if (len < e->asnlen) {
		sb_printf(s->sb, "[len%d<asnlen%u]", (int)len, e->asnlen);
		return -1;
	}
	if (e->id >= classes[e->cls].n) {
		sb_printf(s->sb, "[id?%c/x/%d]", e->form ? 'C' : 'P', (int)e->id);
		return -1;
	}
	if (!cur_has(s->c, off, e->asnlen))
		return parse_fail(s);
	e->off = off;
	if (e->form == 0 && e->cls == UNIVERSAL && e->id == 2 && e->asnlen == 0) {
		sb_puts(s->sb, "[asnlen=0]");
		return -1;
	}
	decode(s, e);
	return (int)(e->asnlen + hdr);
}

void ber_print_string(struct ber *s, const struct be *e)
{
	const uint8_t *p = s->c->p + e->off;
	bool printable = true;

	for (uint32_t i = 0; printable && i < e->asnlen; i++)
		printable = p[i] >= 0x20 && p[i] < 0x7f;
	if (printable) {
		sb_putc(s->sb, '"');
		put_printjn(s->sb, s->c, e->off, e->asnlen);
		sb_putc(s->sb, '"');
		return;
	}
	for (uint32_t i = 0; i < e->asnlen; i++)
		sb_printf(s->sb, i ? "_%.2x" : "%.2x", p[i]);
}

/* The numbers of an object id, as tcpdump prints them with -n. */
static void put_oid(struct ber *s, const struct be *e)
{
	const uint8_t *p = s->c->p + e->off;
	uint32_t o = 0;
	bool first = true;

	for (uint32_t i = 0; i < e->asnlen; i++) {
		o = (o << 7) + (p[i] & 0x7f);
		if (p[i] & 0x80)
			continue;
		if (first) {
			uint32_t top = o / 40 > 2 ? 2 : o / 40;

			sb_printf(s->sb, ".%u", top);
			o -= top * 40;
			first = false;
		}
		sb_printf(s->sb, ".%u", o);
		o = 0;
	}
}

/* asn1_print. */
void ber_print(struct ber *s, const struct be *e)
{
	const uint8_t *p = s->c->p + e->off;

	switch (e->type) {
	case BE_OCTET:
		for (uint32_t i = 0; i < e->asnlen; i++)
			sb_printf(s->sb, "_%.2x", p[i]);
		break;
	case BE_NULL:
		break;
	case BE_OID:
		put_oid(s, e);
		break;
	case BE_INT:
		sb_printf(s->sb, "%d", e->integer);
		break;
	case BE_UNS:
		sb_printf(s->sb, "%u", e->uns);
		break;
	case BE_UNS64:
		sb_printf(s->sb, "%llu", (unsigned long long)e->uns64);
		break;
	case BE_STR:
		ber_print_string(s, e);
		break;
	case BE_SEQ:
		sb_printf(s->sb, "Seq(%u)", e->asnlen);
		break;
	case BE_INETADDR:
		if (e->asnlen != 4)
			sb_puts(s->sb, "[inetaddr len!=4]");
		for (uint32_t i = 0; i < e->asnlen; i++)
			sb_printf(s->sb, i ? ".%u" : "%u", p[i]);
		break;
	case BE_NOSUCHOBJECT:
	case BE_NOSUCHINST:
	case BE_ENDOFMIBVIEW:
		sb_printf(s->sb, "[%s]", exceptions[e->id]);
		break;
	case BE_PDU:
		sb_printf(s->sb, "%s(%u)", ber_context[e->id], e->asnlen);
		break;
	default:
		sb_puts(s->sb, "[BE_ANY!?]");
		break;
	}
}

/* Parses the element at *off expecting type; prints the complaint and the element if not. */
int ber_expect(struct ber *s, uint32_t off, uint32_t len, struct be *e, uint8_t type,
	       const char *complaint)
{
	int n = ber_parse(s, off, len, e);

	if (n < 0)
		return -1;
	if (e->type != type) {
		sb_puts(s->sb, complaint);
		ber_print(s, e);
		return -1;
	}
	return n;
}
