// SPDX-License-Identifier: GPL-2.0-only
/*
 * MPTCP's option (RFC 8684 section 3), as tcpdump 4.99.3's print-mptcp.c prints it: 4.99.3
 * still follows RFC 6824 for most of it.
 */
#include "mptcp.h"
#include "proto.h"
#include "wire.h"

/* Every MPTCP printer gets the whole option (kind, length, ...), all of it captured. */

static bool mp_capable(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	unsigned ver;

	/* Key-less/one-key forms only on SYN, two-key forms only on the third ACK. */
	if (!((len == 4 || len == 12) && (fl & XS_TCP_SYN)) &&
	    !((len == 20 || len == 22) && (fl & (XS_TCP_SYN | XS_TCP_ACK)) == XS_TCP_ACK))
		return false;
	ver = o[2] & 0xf;
	if (ver > 1) {
		sb_puts(sb, " Unknown Version (");
		sb_putu(sb, ver);
		sb_putc(sb, ')');
		return true;
	}
	sb_puts(sb, " v");
	sb_putu(sb, ver);
	if (o[3] & 0x80)
		sb_puts(sb, " csum");
	if (len == 12 || len >= 20) {
		sb_puts(sb, " {0x");
		sb_puthex(sb, rd64(o + 4), 0);
		if (len >= 20) {
			sb_puts(sb, ",0x");
			sb_puthex(sb, rd64(o + 12), 0);
		}
		sb_putc(sb, '}');
	}
	return true;
}

static bool mp_join(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	if (!(len == 12 && (fl & XS_TCP_SYN)) &&
	    !(len == 16 && (fl & (XS_TCP_SYN | XS_TCP_ACK)) == (XS_TCP_SYN | XS_TCP_ACK)) &&
	    !(len == 24 && (fl & XS_TCP_ACK)))
		return false;
	if (len != 24) {
		if (o[2] & 0x01)
			sb_puts(sb, " backup");
		sb_puts(sb, " id ");
		sb_putu(sb, o[3]);
	}
	if (len == 12) {
		sb_puts(sb, " token 0x");
		sb_puthex(sb, rd32(o + 4), 0);
		sb_puts(sb, " nonce 0x");
		sb_puthex(sb, rd32(o + 8), 0);
	} else if (len == 16) {
		sb_puts(sb, " hmac 0x");
		sb_puthex(sb, rd64(o + 4), 0);
		sb_puts(sb, " nonce 0x");
		sb_puthex(sb, rd32(o + 12), 0);
	} else {
		sb_puts(sb, " hmac 0x");
		sb_puthexbytes(sb, o + 4, 20);
	}
	return true;
}

/* A 4- or 8-byte DSS number, or false when the option is too short for it. */
static bool dss_number(struct strbuf *sb, const uint8_t *o, unsigned *off, unsigned len, bool wide)
{
	unsigned n = wide ? 8 : 4;

	if (len - *off < n)
		return false;
	sb_putu(sb, wide ? rd64(o + *off) : rd32(o + *off));
	*off += n;
	return true;
}

static bool mp_dss(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	unsigned off = 4;
	uint8_t f;

	if (len < 4 || (fl & XS_TCP_SYN))
		return false;
	f = o[3];
	if (f & 0x10)
		sb_puts(sb, " fin");
	if (f & 0x01) { /* A: data ACK present, a: it is 8 bytes */
		sb_puts(sb, " ack ");
		if (!dss_number(sb, o, &off, len, f & 0x02))
			return false;
	}
	if (f & 0x04) { /* M: mapping present, m: 8-byte DSN */
		sb_puts(sb, " seq ");
		if (!dss_number(sb, o, &off, len, f & 0x08))
			return false;
		if (len - off < 4)
			return false;
		sb_puts(sb, " subseq ");
		sb_putu(sb, rd32(o + off));
		off += 4;
		if (len - off < 2)
			return false;
		sb_puts(sb, " len ");
		sb_putu(sb, rd16(o + off));
		off += 2;
		/* The checksum is only there if negotiated; tcpdump guesses from the length. */
		if (len - off >= 2) {
			sb_puts(sb, " csum 0x");
			sb_puthex(sb, rd16(o + off), 0);
			off += 2;
		}
	}
	return off == len;
}

static bool mp_add_addr(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	bool v6;
	unsigned port_off, mac_off = 0;

	switch (len) {
	case 8:
	case 10:
	case 16:
	case 18:
		v6 = false;
		break;
	case 20:
	case 22:
	case 28:
	case 30:
		v6 = true;
		break;
	default:
		return false;
	}
	switch (o[2] & 0xf) {
	case 0x6:
		sb_puts(sb, " v0-ip6");
		break;
	case 0x4:
		sb_puts(sb, " v0-ip4");
		break;
	case 0x1:
		sb_puts(sb, " v1-echo");
		break;
	case 0x0:
		sb_puts(sb, " v1");
		break;
	default:
		sb_puts(sb, " [bad version/echo]");
		break;
	}
	sb_puts(sb, " id ");
	sb_putu(sb, o[3]);
	sb_putc(sb, ' ');
	if (v6)
		sb_put_ip6(sb, o + 4);
	else
		sb_put_ip4(sb, o + 4);
	port_off = v6 ? 20 : 8;
	/* Lengths 10/22 and 18/30 carry a port; 16/28 and 18/30 an HMAC after address (+port). */
	if (len == port_off + 2 || len == port_off + 10) {
		sb_putc(sb, ':');
		sb_putu(sb, rd16(o + port_off));
		if (len == port_off + 10)
			mac_off = port_off + 2;
	} else if (len == port_off + 8) {
		mac_off = port_off;
	}
	if (mac_off) {
		sb_puts(sb, " hmac 0x");
		sb_puthex(sb, rd64(o + mac_off), 0);
	}
	return true;
}

static bool mp_rem_addr(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	if (len < 4)
		return false;
	sb_puts(sb, " id");
	for (unsigned i = 3; i < len; i++) {
		sb_putc(sb, ' ');
		sb_putu(sb, o[i]);
	}
	return true;
}

static bool mp_prio(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	if (len != 3 && len != 4)
		return false;
	sb_puts(sb, (o[2] & 0x01) ? " backup" : " non-backup");
	if (len == 4) {
		sb_puts(sb, " id ");
		sb_putu(sb, o[3]);
	}
	return true;
}

/* MP_FAIL (DSN) and MP_FASTCLOSE (key): one 64-bit field after two reserved bytes. */
static bool mp_u64(struct strbuf *sb, const uint8_t *o, unsigned len, const char *label, bool hex)
{
	if (len != 12)
		return false;
	sb_puts(sb, label);
	if (hex)
		sb_puthex(sb, rd64(o + 4), 0);
	else
		sb_putu(sb, rd64(o + 4));
	return true;
}

bool print_mptcp(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	if (len < 3)
		return false;
	sb_putc(sb, ' ');
	sb_putu(sb, len);
	/* RFC 8684 section 3: the subtype is the high nibble of the third byte. */
	switch (o[2] >> 4) {
	case 0:
		sb_puts(sb, " capable");
		return mp_capable(sb, o, len, fl);
	case 1:
		sb_puts(sb, " join");
		return mp_join(sb, o, len, fl);
	case 2:
		sb_puts(sb, " dss");
		return mp_dss(sb, o, len, fl);
	case 3:
		sb_puts(sb, " add-addr");
		return mp_add_addr(sb, o, len);
	case 4:
		sb_puts(sb, " rem-addr");
		return mp_rem_addr(sb, o, len);
	case 5:
		sb_puts(sb, " prio");
		return mp_prio(sb, o, len);
	case 6:
		sb_puts(sb, " fail");
		return mp_u64(sb, o, len, " seq ", false);
	case 7:
		sb_puts(sb, " fast-close");
		return mp_u64(sb, o, len, " key 0x", true);
	default:
		/* 4.99.3 predates MP_TCPRST (8): everything from 8 up is just named. */
		sb_puts(sb, " unknown");
		return true;
	}
}
