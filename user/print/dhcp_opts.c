// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DHCP options (RFC 2132) of a BOOTP vendor area that starts with the RFC 1048 magic
 * cookie, as tcpdump 4.99.3's rfc1048_print() prints them with -v: each option's name, tag and
 * length, and its value by the format its table entry gives (addresses, numbers, booleans,
 * text, bytes), with the message type, the parameter request list and the client id decoded.
 * Of the options tcpdump decodes by hand, the relay agent information, client FQDN, user
 * class and classless static routes are not decoded here.
 */
#include <string.h>

#include "addr.h"
#include "bootp.h"
#include "text.h"
#include "tok.h"
#include "wire.h"

#define TAG_PAD 0
#define TAG_END 255
#define TAG_NETBIOS_NODE 46
#define TAG_OPT_OVERLOAD 52
#define TAG_DHCP_MESSAGE 53
#define TAG_PARM_REQUEST 55
#define TAG_CLIENT_ID 61

/* tag2str: the first character is the value's format, the rest the name. */
static const struct tok tag2str[] = {
    {0, " PAD"},
    {1, "iSubnet-Mask"},
    {2, "LTime-Zone"},
    {3, "iDefault-Gateway"},
    {4, "iTime-Server"},
    {5, "iIEN-Name-Server"},
    {6, "iDomain-Name-Server"},
    {7, "iLOG"},
    {8, "iCS"},
    {9, "iLPR-Server"},
    {10, "iIM"},
    {11, "iRL"},
    {12, "aHostname"},
    {13, "sBS"},
    {255, " END"},
    {14, "aDP"},
    {15, "aDomain-Name"},
    {16, "iSS"},
    {17, "aRP"},
    {18, "aEP"},
    {19, "BIPF"},
    {20, "BSRT"},
    {21, "pPF"},
    {22, "sRSZ"},
    {23, "bTTL"},
    {24, "lMTU-Timeout"},
    {25, "sMTU-Table"},
    {26, "sMTU"},
    {27, "BLSN"},
    {28, "iBR"},
    {29, "BMD"},
    {30, "BMS"},
    {31, "BRouter-Discovery"},
    {32, "iRSA"},
    {33, "pStatic-Route"},
    {34, "BUT"},
    {35, "lAT"},
    {36, "BIE"},
    {37, "bTT"},
    {38, "lKI"},
    {39, "BKG"},
    {40, "aYD"},
    {41, "iYS"},
    {42, "iNTP"},
    {43, "bVendor-Option"},
    {44, "iNetbios-Name-Server"},
    {45, "iWDD"},
    {46, "$Netbios-Node"},
    {47, "aNetbios-Scope"},
    {48, "iXFS"},
    {49, "iXDM"},
    {64, "sN+D"},
    {65, "iN+S"},
    {68, "iMH"},
    {69, "iSMTP"},
    {70, "iPOP3"},
    {71, "iNNTP"},
    {72, "iWWW"},
    {73, "iFG"},
    {74, "iIRC"},
    {75, "iSTS"},
    {76, "iSTDA"},
    {50, "iRequested-IP"},
    {51, "lLease-Time"},
    {52, "$OO"},
    {66, "aTFTP"},
    {67, "aBF"},
    {53, " DHCP-Message"},
    {54, "iServer-ID"},
    {55, "bParameter-Request"},
    {56, "aMSG"},
    {57, "sMSZ"},
    {58, "lRN"},
    {59, "lRB"},
    {60, "aVendor-Class"},
    {61, "$Client-ID"},
    {98, "aUAP"},
    {116, "BNOAUTO"},
    {78, "bSLP-DA"},
    {79, "bSLP-SCOPE"},
    {117, "sNSSEARCH"},
    {77, "$User-Class"},
    {118, "iSUBNET"},
    {121, "$Classless-Static-Route"},
    {249, "$Classless-Static-Route-Microsoft"},
    {150, "iTFTP-Server-Address"},
    {80, "aSLP-NA"},
    {81, "$FQDN"},
    {82, "$Agent-Information"},
    {83, "bARMT"},
    {88, "aTZSTR"},
    {89, "bFQDNS"},
    {90, "bAUTH"},
    {91, "LLast-Transaction-Time"},
    {92, "iAssociated-IP"},
    {93, "sARCH"},
    {94, "bNDI"},
    {97, "bGUID"},
    {95, "aLDAP"},
    {100, "aPOSIX-TZ"},
    {101, "aTZ-Name"},
    {112, "iNI"},
    {113, "aNITAG"},
    {114, "aURL"},
    {161, "aMUD-URL"},
    {0, NULL},
};

static const struct tok dhcp_msg_values[] = {
    {1, "Discover"},
    {2, "Offer"},
    {3, "Request"},
    {4, "Decline"},
    {5, "ACK"},
    {6, "NACK"},
    {7, "Release"},
    {8, "Inform"},
    {10, "LeaseQuery"},
    {11, "LeaseUnassigned"},
    {12, "LeaseUnknown"},
    {13, "LeaseActive"},
    {0, NULL},
};

static const struct tok arp2str[] = {
    {0x1, "ether"},  {0x6, "ieee802"},	 {0x7, "arcnet"}, {0xf, "frelay"},
    {0x17, "strip"}, {0x18, "ieee1394"}, {0, NULL},
};

static const struct tok oo2str[] = {{1, "file"}, {2, "sname"}, {3, "file+sname"}, {0, NULL}};
static const struct tok nbo2str[] = {
    {0x1, "b-node"}, {0x2, "p-node"}, {0x4, "m-node"}, {0x8, "h-node"}, {0, NULL},
};

static const char *tag_entry(uint32_t tag)
{
	const char *e = tok_name(tag2str, tag);

	return e ? e : "?Unknown";
}

/* tok2str with a NULL format: the name, or "#n". */
static void put_name_or_number(struct strbuf *sb, const struct tok *t, uint32_t v)
{
	if (tok_name(t, v))
		sb_puts(sb, tok_name(t, v));
	else
		sb_printf(sb, "#%u", v);
}

/* The generic formats; the bytes are held (checked by the caller). */
static void put_value(const struct printer *pr, char fmt, const uint8_t *p, uint32_t *len,
		      struct strbuf *sb)
{
	uint32_t unit = fmt == 'p'				 ? 8
			: fmt == 'i' || fmt == 'l' || fmt == 'L' ? 4
			: fmt == 's'				 ? 2
								 : 1;
	bool first = true;

	for (; *len >= unit; *len -= unit, p += unit, first = false) {
		if (!first)
			sb_puts(sb, fmt == 'x' ? ":" : strchr("ilLpsB", fmt) ? "," : ".");
		switch (fmt) {
		case 'i':
			put_host(pr, sb, p, 0);
			break;
		case 'L':
			sb_printf(sb, "%d", (int32_t)rd32(p));
			break;
		case 'l':
			sb_printf(sb, "%u", rd32(p));
			break;
		case 'p':
			sb_putc(sb, '(');
			put_host(pr, sb, p, 0);
			sb_putc(sb, ':');
			put_host(pr, sb, p + 4, 0);
			sb_putc(sb, ')');
			break;
		case 's':
			sb_printf(sb, "%u", rd16(p));
			break;
		case 'B':
			if (p[0] <= 1)
				sb_putc(sb, p[0] ? 'Y' : 'N');
			else
				sb_printf(sb, "%u?", p[0]);
			break;
		default:
			sb_printf(sb, fmt == 'x' ? "%02x" : "%u", p[0]);
			break;
		}
	}
}

/* The options tcpdump decodes by hand ('$'); false when the record ends. */
static bool put_special(struct cur *c, uint32_t off, uint32_t tag, uint32_t *len, struct strbuf *sb)
{
	const uint8_t *p = c->p + off;
	uint8_t type;

	if (tag == TAG_NETBIOS_NODE || tag == TAG_OPT_OVERLOAD) {
		if (*len < 1) {
			sb_puts(sb, "[ERROR: length < 1 bytes]");
			return true;
		}
		put_name_or_number(sb, tag == TAG_NETBIOS_NODE ? nbo2str : oo2str, p[0]);
		*len -= 1;
		return true;
	}
	if (tag != TAG_CLIENT_ID) {
		sb_printf(sb, "[unknown special tag %u, size %u]", tag, *len);
		*len = 0;
		return true;
	}
	if (*len < 1) {
		sb_puts(sb, "[ERROR: length < 1 bytes]");
		return true;
	}
	type = p[0];
	if (type == 0) {
		sb_putc(sb, '"');
		put_printjn(sb, c, off + 1, *len - 1);
		sb_putc(sb, '"');
		*len = 0;
		return true;
	}
	if (tok_name(arp2str, type))
		sb_printf(sb, "%s ", tok_name(arp2str, type));
	else
		sb_printf(sb, "hardware-type %u, ", type);
	for (uint32_t i = 1; i < *len; i++)
		sb_printf(sb, i > 1 ? ":%02x" : "%02x", p[i]);
	*len = 0;
	return true;
}

/* The parameter request list, four names a line. */
static void put_param_request(const uint8_t *p, uint32_t len, struct strbuf *sb)
{
	for (uint32_t i = 0; i < len; i++) {
		sb_puts(sb, i % 4 == 0 ? "\n\t      " : ", ");
		sb_printf(sb, "%s (%u)", tag_entry(p[i]) + 1, p[i]);
	}
}

/* One option's value at off, len bytes (held); false when the record ends. */
static bool put_option(const struct printer *pr, struct cur *c, uint32_t off, uint32_t tag,
		       uint32_t len, struct strbuf *sb)
{
	char fmt = tag_entry(tag)[0];

	if (tag == TAG_DHCP_MESSAGE && len == 1) {
		put_tok(sb, dhcp_msg_values, c->p[off], "Unknown (", ")");
		return true;
	}
	if (tag == TAG_PARM_REQUEST) {
		put_param_request(c->p + off, len, sb);
		return true;
	}
	if (fmt == '?')
		fmt = len & 1 ? 'b' : len & 2 ? 's' : 'l';
	if (fmt == 'a') {
		sb_putc(sb, '"');
		put_printjn(sb, c, off, len);
		sb_putc(sb, '"');
		return true;
	}
	if (fmt == '$') {
		if (!put_special(c, off, tag, &len, sb))
			return false;
	} else {
		put_value(pr, fmt, c->p + off, &len, sb);
	}
	if (len)
		sb_printf(sb, "\n\t  trailing data length %u", len);
	return true;
}

void print_dhcp_options(const struct printer *pr, struct cur *c, uint32_t off, struct strbuf *sb)
{
	sb_puts(sb, "\n\t  Vendor-rfc1048 Extensions");
	sb_printf(sb, "\n\t    Magic Cookie 0x%08x", cur_be32(c, off));
	for (off += 4; cur_has(c, off, 1);) {
		uint32_t tag = c->p[off++], len = 0;

		if ((tag == TAG_PAD || tag == TAG_END) && pr->o.vflag < 3) {
			if (tag == TAG_END)
				return;
			continue;
		}
		if (tag != TAG_PAD && tag != TAG_END) {
			len = cur_u8(c, off++);
			if (c->cut)
				return;
		}
		sb_printf(sb, "\n\t    %s (%u), length %u%s", tag_entry(tag) + 1, tag, len,
			  len ? ": " : "");
		if (tag == TAG_PAD) {
			uint32_t ntag = 1;

			while (cur_has(c, off, 1) && c->p[off] == TAG_PAD) {
				off++;
				ntag++;
			}
			if (ntag > 1)
				sb_printf(sb, ", occurs %u", ntag);
		}
		if (!cur_need(c, off, len) || !put_option(pr, c, off, tag, len, sb))
			return;
		off += len;
	}
}
