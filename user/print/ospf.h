/* SPDX-License-Identifier: GPL-2.0-only */
/* OSPFv2's LSAs (ospf_lsa.c), for ospf.c's database descriptions, requests, updates, acks;
 * OSPFv3 (ospf6.c). */
#ifndef XDPSPY_PRINT_OSPF_H
#define XDPSPY_PRINT_OSPF_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "tok.h"

extern const struct tok ospf_option_values[];
extern const struct tok ospf_lsa_values[];
extern const struct tok ospf_lsa_opaque_values[];

/* ospf_print_lshdr: the LSA header at o; its length field, or -1 when that is bogus or not
 * held (c cut). */
int32_t ospf_lshdr(const struct printer *pr, struct cur *c, uint32_t o, struct strbuf *sb);
/* ospf_print_lsa: the LSA at o; its length, or -1 where tcpdump's returns NULL. */
int32_t ospf_lsa(const struct printer *pr, struct cur *c, uint32_t o, struct strbuf *sb);

/* OSPFv2's grace LSA TLVs (ospf_lsa.c), which OSPFv3 shares: false where tcpdump's printer
 * returns -1. */
bool ospf_grace_tlvs(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
		     struct strbuf *sb);

/* The traffic engineering TLVs (ospf_te.c): false where tcpdump's printer returns -1. */
bool ospf_te_tlvs(const struct printer *pr, struct cur *c, uint32_t t, uint32_t len,
		  struct strbuf *sb);

extern const struct tok ospf6_option_values[];
/* OSPFv3's LSA header at o of a message ending at end, and an LS type with its ID (ospf6.c);
 * false where tcpdump goes to its truncation mark. */
bool ospf6_lshdr(const struct printer *pr, struct cur *c, uint32_t o, uint32_t end,
		 struct strbuf *sb);
bool ospf6_ls_type(const struct printer *pr, struct cur *c, uint16_t type, uint32_t id,
		   struct strbuf *sb);
/* An LS Update's LSAs (-vv, ospf6_lsa.c): false where tcpdump goes to its truncation mark. */
bool ospf6_ls_update(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb);

/* OSPFv3 over IPv6 (ospf6.c): its truncation mark is " [|ospf3]" (c->proto). */
void print_ospf6(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);

#endif
