# SPDX-License-Identifier: GPL-2.0-only
"""What is not TCP, as seen on real links: UDP (RFC 768), ICMP (RFC 792) with
errors that quote a packet, ICMPv6 (RFC 4443) with neighbour discovery
(RFC 4861), ARP (RFC 826) and 802.3/LLC frames."""

import struct

import dns
from checksum import l4_checksum

UDP_PORTS = [53, 67, 68, 123, 137, 161, 500, 514, 1900, 4789, 5353, 33434]


def udp(rng, src, dst):
    sport = rng.pick([(3, lambda: rng.randrange(40000, 60000)), (1, lambda: rng.choice(UDP_PORTS))])
    dport = rng.pick([(3, lambda: rng.randrange(40000, 60000)), (1, lambda: rng.choice(UDP_PORTS)),
                      (1, 53)])
    if {sport, dport} & {53, 5353} and rng.chance(0.9):
        data = dns.message(rng)
    else:
        data = rng.bytes(rng.small_len(64))
    ulen = 8 + len(data)
    if rng.chance(0.05):
        ulen = rng.pick([(1, lambda: rng.randrange(0, 8)), (1, lambda: ulen + rng.randrange(1, 50))])
    seg = struct.pack('>HHHH', sport, dport, ulen & 0xffff, 0) + data
    csum = l4_checksum(src, dst, 17, seg) if rng.chance(0.9) else rng.u16()
    return seg[:6] + struct.pack('>H', csum) + seg[8:]


def icmp(rng, quote):
    """quote: a callable giving an IPv4 packet's first bytes, for errors."""
    t = rng.pick([(4, 8), (4, 0), (4, 3), (2, 11), (1, 5), (1, 12), (1, 4), (1, 13), (1, 14),
                  (1, 17), (1, 9), (1, 10), (1, lambda: rng.randrange(256))])
    code = rng.randrange(16) if t in (3, 5, 11, 12) else 0
    if t in (0, 8):
        body = struct.pack('>HH', rng.u16(), rng.u16()) + rng.bytes(rng.small_len(56))
    elif t in (3, 4, 5, 11, 12):
        rest = struct.pack('>I', rng.u32() if t in (5, 12) else rng.pick([(3, 0), (1, lambda: rng.u16())]))
        body = rest + quote()
    else:
        body = rng.bytes(rng.pick([(2, 12), (1, 4), (1, lambda: rng.small_len(32))]))
    msg = struct.pack('>BBH', t, code, 0) + body
    return msg


def icmp6(rng, src, dst, quote):
    t = rng.pick([(4, 128), (4, 129), (3, 135), (3, 136), (2, 133), (2, 134), (1, 137), (2, 1),
                  (1, 2), (1, 3), (1, 4), (1, 130), (1, 131), (1, 143),
                  (1, lambda: rng.randrange(256))])
    code = rng.randrange(8) if t in (1, 3, 4) else 0
    if t in (128, 129):
        body = struct.pack('>HH', rng.u16(), rng.u16()) + rng.bytes(rng.small_len(56))
    elif t in (135, 136):
        body = rng.pick([(3, b'\0\0\0\0'), (1, b'\xe0\0\0\0')]) + rng.bytes(16)
        if rng.chance(0.7):
            body += bytes([1 if t == 135 else 2, 1]) + rng.bytes(6)
        if rng.chance(0.1):
            body = body[:rng.randrange(len(body))]
    elif t == 133:
        body = b'\0\0\0\0' + (b'\x01\x01' + rng.bytes(6) if rng.chance(0.5) else b'')
    elif t == 134:
        body = bytes([64, 0]) + rng.bytes(10) + (b'\x01\x01' + rng.bytes(6) if rng.chance(0.5) else b'')
    elif t in (1, 2, 3, 4):
        body = struct.pack('>I', rng.pick([(3, 0), (1, 1280), (1, lambda: rng.u32())])) + quote()
    else:
        body = rng.bytes(rng.small_len(40))
    msg = struct.pack('>BBH', t, code, 0) + body
    csum = l4_checksum(src, dst, 58, msg) if rng.chance(0.9) else rng.u16()
    return msg[:2] + struct.pack('>H', csum) + msg[4:]


def icmp4_checksum(msg, rng):
    from checksum import inet_sum
    csum = (inet_sum(msg) ^ 0xffff) if rng.chance(0.9) else rng.u16()
    return msg[:2] + struct.pack('>H', csum) + msg[4:]


def kind(what, l4):
    """The record's kind for the report's per-kind table: the protocol, and for UDP, ICMP and
    ICMPv6 what part of it."""
    if what == 'udp' and len(l4) >= 4:
        ports = set(struct.unpack('>HH', l4[:4]))
        return 'udp-dns' if ports & {53, 5353} else 'udp'
    if what == 'icmp' and l4:
        return 'icmp-' + {0: 'echo', 8: 'echo', 3: 'unreach', 11: 'err', 12: 'err', 4: 'err',
                          5: 'redirect'}.get(l4[0], 'other')
    if what == 'icmp6' and l4:
        return 'icmp6-' + ('echo' if l4[0] in (128, 129) else 'nd' if 133 <= l4[0] <= 137 else
                           'err' if l4[0] < 128 else 'other')
    return what


def arp(rng):
    hrd = rng.pick([(9, 1), (1, lambda: rng.u16())])
    pro = rng.pick([(9, 0x0800), (1, lambda: rng.u16())])
    hln = rng.pick([(9, 6), (1, lambda: rng.randrange(0, 16))])
    pln = rng.pick([(9, 4), (1, lambda: rng.randrange(0, 16))])
    op = rng.pick([(5, 1), (4, 2), (1, 3), (1, 4), (1, 8), (1, 9), (1, lambda: rng.u16())])
    sha, spa, tha, tpa = rng.bytes(hln), rng.bytes(pln), rng.bytes(hln), rng.bytes(pln)
    if op == 1 and rng.chance(0.7):
        tha = bytes(hln)
    return struct.pack('>HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa


def llc(rng):
    """An 802.3 frame's length field and LLC payload."""
    body = rng.pick([
        (3, lambda: b'\x42\x42\x03' + rng.bytes(35)),  # STP
        (2, lambda: b'\xaa\xaa\x03' + rng.bytes(3) + rng.bytes(2) + rng.bytes(20)),  # SNAP
        (2, lambda: rng.bytes(rng.randrange(3, 40))),
    ])
    ln = rng.pick([(4, len(body)), (1, lambda: rng.randrange(0, 1501))])
    return struct.pack('>H', ln), body
