/* SPDX-License-Identifier: GPL-2.0-only */
/* BER elements (X.690) as tcpdump's SNMP printer parses and prints them (ber.c). */
#ifndef XDPSPY_PRINT_BER_H
#define XDPSPY_PRINT_BER_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"

enum {
	BE_ANY = 255,
	BE_NONE = 0,
	BE_NULL,
	BE_OCTET,
	BE_OID,
	BE_INT,
	BE_UNS,
	BE_STR,
	BE_SEQ,
	BE_INETADDR,
	BE_PDU,
	BE_UNS64,
	BE_NOSUCHOBJECT = 128,
	BE_NOSUCHINST,
	BE_ENDOFMIBVIEW
};

/* print-snmp.c's struct be: one parsed element. */
struct be {
	uint32_t asnlen;
	uint32_t off; /* its contents, in the cursor */
	int32_t integer;
	uint32_t uns;
	uint64_t uns64;
	uint32_t id;
	uint8_t form, cls, type;
};

struct ber {
	const struct printer *pr;
	struct cur *c; /* a read past it cuts it: tcpdump's " [|snmp]" */
	struct strbuf *sb;
};

/* The PDU names (the context class's ids). */
extern const char *const ber_context[];

/* asn1_parse: the element at off with len bytes left; its whole length, or -1 after the
 * complaint tcpdump prints (or a cut). */
int ber_parse(struct ber *s, uint32_t off, uint32_t len, struct be *e);
/* asn1_print. */
void ber_print(struct ber *s, const struct be *e);
/* asn1_print_string. */
void ber_print_string(struct ber *s, const struct be *e);
/* ber_parse, then when the element is not of type, the complaint and the element: -1. */
int ber_expect(struct ber *s, uint32_t off, uint32_t len, struct be *e, uint8_t type,
	       const char *complaint);

#endif
