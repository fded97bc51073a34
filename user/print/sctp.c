// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCTP (RFC 9260) as tcpdump 4.99.3's print-sctp.c prints it: the addresses and ports, then
 * each chunk's number and type, with the fields of DATA, INIT, INIT ACK and SACK chunks and,
 * with -vv, a DATA chunk's payload. tcpdump's unsigned length arithmetic is kept: a chunk
 * longer than the packet walks on until a read leaves the capture. ForCES and M3UA payloads
 * are not decoded.
 */
#include "addr.h"
#include "dump.h"
#include "ipproto.h"
#include "tok.h"
#include "wire.h"

#define SCTP_HLEN 12
#define CHUNK_HLEN 4
#define DATA_HLEN 12
#define INIT_HLEN 16
#define SACK_HLEN 12

enum { SCTP_DATA = 0, SCTP_INIT, SCTP_INIT_ACK, SCTP_SACK };

static const struct tok chunkid_str[] = {
    {0x00, "DATA"},
    {0x01, "INIT"},
    {0x02, "INIT ACK"},
    {0x03, "SACK"},
    {0x04, "HB REQ"},
    {0x05, "HB ACK"},
    {0x06, "ABORT"},
    {0x07, "SHUTDOWN"},
    {0x08, "SHUTDOWN ACK"},
    {0x09, "OP ERR"},
    {0x0a, "COOKIE ECHO"},
    {0x0b, "COOKIE ACK"},
    {0x0c, "ECN ECHO"},
    {0x0d, "ECN CWR"},
    {0x0e, "SHUTDOWN COMPLETE"},
    {0xc0, "FOR CUM TSN"},
    {0xc1, "REL CTRL"},
    {0xc2, "REL CTRL ACK"},
    {0, NULL},
};

static const struct tok ppid_str[] = {
    {1, "ISDN Q.921"}, {2, "M2UA"},	  {3, "M3UA"},	     {4, "SUA"},     {5, "M2PA"},
    {6, "V5.2"},       {7, "H.248"},	  {8, "BICC"},	     {9, "TALI"},    {10, "DUA"},
    {11, "ASAP"},      {12, "ENRP"},	  {13, "H.323"},     {14, "Q.IPC"},  {15, "SIMCO"},
    {16, "DDPSC"},     {17, "DDPSSC"},	  {18, "S1AP"},	     {19, "RUA"},    {20, "HNBAP"},
    {21, "ForCES HP"}, {22, "ForCES MP"}, {23, "ForCES LP"}, {24, "SBc-AP"}, {25, "NBAP"},
    {27, "X2AP"},      {0, NULL},
};

struct walk {
	const struct printer *pr;
	struct cur *c;
	struct strbuf *sb;
	uint32_t off; /* tcpdump's bp */
	uint32_t rem; /* sctpPacketLengthRemaining, wrapping as tcpdump's does */
};

/* Advances over n bytes of the packet. */
static void skip(struct walk *w, uint32_t n)
{
	w->off += n;
	w->rem -= n;
}

/* A DATA chunk; false when the record ends ("bogus chunk length"). */
static bool data_chunk(struct walk *w, uint8_t flags, uint16_t clen, uint16_t *crem)
{
	const uint8_t *p = w->c->p + w->off;
	uint16_t payload;

	if (flags & 4)
		sb_puts(w->sb, "(U)");
	if (flags & 2)
		sb_puts(w->sb, "(B)");
	if (flags & 1)
		sb_puts(w->sb, "(E)");
	if (flags & 7)
		sb_putc(w->sb, ' ');
	if (*crem < DATA_HLEN) {
		sb_printf(w->sb, "bogus chunk length %u]", clen);
		return false;
	}
	sb_printf(w->sb, "[TSN: %u] [SID: %u] [SSEQ %u] [PPID ", rd32(p), rd16(p + 4), rd16(p + 6));
	if (tok_name(ppid_str, rd32(p + 8)))
		sb_puts(w->sb, tok_name(ppid_str, rd32(p + 8)));
	else
		sb_printf(w->sb, "0x%x", rd32(p + 8));
	sb_puts(w->sb, "] ");
	skip(w, DATA_HLEN);
	*crem -= DATA_HLEN;
	payload = *crem;
	if (!payload) {
		sb_printf(w->sb, "bogus chunk length %u]", clen);
		return false;
	}
	if (w->pr->o.vflag >= 2) {
		sb_puts(w->sb, "[Payload:");
		print_dump(w->sb, DUMP_HEX_ASCII, w->c->p + w->off, payload);
		sb_putc(w->sb, ']');
	}
	skip(w, payload);
	*crem = 0;
	return true;
}

static bool init_chunk(struct walk *w, uint16_t clen, uint16_t *crem)
{
	const uint8_t *p = w->c->p + w->off;

	if (*crem < INIT_HLEN) {
		sb_printf(w->sb, "bogus chunk length %u]", clen);
		return false;
	}
	sb_printf(w->sb, "[init tag: %u] [rwnd: %u] [OS: %u] [MIS: %u] [init TSN: %u] ", rd32(p),
		  rd32(p + 4), rd16(p + 8), rd16(p + 10), rd32(p + 12));
	skip(w, *crem);
	*crem = 0;
	return true;
}

static bool sack_chunk(struct walk *w, uint16_t clen, uint16_t *crem)
{
	const uint8_t *p = w->c->p + w->off;
	uint32_t cum;
	uint16_t ngaps, ndups;

	if (*crem < SACK_HLEN) {
		sb_printf(w->sb, "bogus chunk length %u]", clen);
		return false;
	}
	cum = rd32(p);
	ngaps = rd16(p + 8);
	ndups = rd16(p + 10);
	sb_printf(w->sb, "[cum ack %u] [a_rwnd %u] [#gap acks %u] [#dup tsns %u] ", cum,
		  rd32(p + 4), ngaps, ndups);
	skip(w, SACK_HLEN);
	*crem -= SACK_HLEN;
	for (uint32_t i = 0; *crem && i < ngaps; i++, skip(w, 4), *crem -= 4) {
		if (*crem < 4) {
			sb_printf(w->sb, "bogus chunk length %u]", clen);
			return false;
		}
		p = w->c->p + w->off;
		sb_printf(w->sb, "\n\t\t[gap ack block #%u: start = %u, end = %u] ", i + 1,
			  cum + rd16(p), cum + rd16(p + 2));
	}
	for (uint32_t i = 0; *crem && i < ndups; i++, skip(w, 4), *crem -= 4) {
		if (*crem < 4) {
			sb_printf(w->sb, "bogus chunk length %u]", clen);
			return false;
		}
		sb_printf(w->sb, "\n\t\t[dup TSN #%u: %u] ", i + 1, rd32(w->c->p + w->off));
	}
	return true;
}

/* One chunk; false when the record ends. */
static bool chunk(struct walk *w, uint32_t n, const char *sep)
{
	uint16_t clen, crem, align;
	uint8_t id, flags;
	bool ok = true;

	if (w->rem < CHUNK_HLEN) {
		sb_printf(w->sb, "%s%u) [chunk descriptor cut off at end of packet]", sep, n);
		return false;
	}
	if (!cur_need(w->c, w->off, CHUNK_HLEN))
		return false;
	clen = rd16(w->c->p + w->off + 2);
	if (clen < CHUNK_HLEN) {
		sb_printf(w->sb, "%s%u) [Bad chunk length %u, < size of chunk descriptor]", sep, n,
			  clen);
		return false;
	}
	align = clen % 4 ? 4 - clen % 4 : 0;
	if (w->rem < align) {
		sb_printf(w->sb, "%s%u) [Bad chunk length %u, > remaining data in packet]", sep, n,
			  clen);
		return false;
	}
	if (!cur_need(w->c, w->off, clen))
		return false;
	id = w->c->p[w->off];
	flags = w->c->p[w->off + 1];
	skip(w, CHUNK_HLEN);
	crem = clen - CHUNK_HLEN;
	sb_printf(w->sb, "%s%u) [", sep, n);
	if (tok_name(chunkid_str, id))
		sb_puts(w->sb, tok_name(chunkid_str, id));
	else
		sb_printf(w->sb, "Unknown chunk type: 0x%x", id);
	sb_puts(w->sb, "] ");
	if (id == SCTP_DATA)
		ok = data_chunk(w, flags, clen, &crem);
	else if (id == SCTP_INIT || id == SCTP_INIT_ACK)
		ok = init_chunk(w, clen, &crem);
	else if (id == SCTP_SACK)
		ok = sack_chunk(w, clen, &crem);
	if (!ok)
		return false;
	skip(w, crem);
	if (align) {
		if (!cur_need(w->c, w->off, align))
			return false;
		skip(w, align);
	}
	return true;
}

bool print_sctp(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	struct walk w = {pr, c, sb, SCTP_HLEN, length - SCTP_HLEN};
	const char *sep = pr->o.vflag >= 2 ? "\n\t" : " (";
	uint16_t sport, dport;

	if (length < SCTP_HLEN) {
		sb_printf(sb, "truncated-sctp - %u bytes missing!", SCTP_HLEN - length);
		return true;
	}
	if (!cur_need(c, 0, SCTP_HLEN))
		return true;
	sport = rd16(c->p);
	dport = rd16(c->p + 2);
	put_host(pr, sb, v->saddr, v->is6);
	sb_printf(sb, ".%u > ", sport);
	put_host(pr, sb, v->daddr, v->is6);
	sb_printf(sb, ".%u: sctp", dport);
	if (sport >= 6704 && sport <= 6706)
		sb_printf(sb, "[ForCES %s]", sport == 6704 ? "HP" : sport == 6705 ? "MP" : "LP");
	if (dport >= 6704 && dport <= 6706)
		sb_printf(sb, "[ForCES %s]", dport == 6704 ? "HP" : dport == 6705 ? "MP" : "LP");
	for (uint32_t n = 1; w.rem; n++) {
		if (!chunk(&w, n, sep))
			return true;
		if (pr->o.vflag < 2)
			sep = ", (";
	}
	return true;
}
