# SPDX-License-Identifier: GPL-2.0-only
"""IPv6 headers (RFC 8200) and chains of 0-10 extension headers: hop-by-hop
and destination options (Pad1, PadN, router alert, Jumbo Payload, home
address, unknown), routing types 0/2/3/4 and others, fragment (first, later,
atomic), AH (RFC 4302), ESP (RFC 4303), mobility (RFC 6275) and next headers
nothing follows."""

import struct

HBH, ROUTING, FRAGMENT, ESP, AH, NONE, DSTOPTS, MOBILITY = 0, 43, 44, 50, 51, 59, 60, 135
TERMINAL = (ESP, MOBILITY, NONE, 'unknown')


def tlv_options(rng, jumbo=None):
    """The options of a hop-by-hop or destination header (after its 2 bytes)."""
    out = b''
    if jumbo is not None:
        out += b'\xc2\x04' + struct.pack('>I', jumbo)
    for _ in range(rng.pick([(3, 0), (3, 1), (2, 2), (1, 3)])):
        t = rng.pick([(3, 'pad1'), (3, 'padn'), (2, 'ra'), (2, 'jumbo'), (2, 'home'),
                      (3, 'unknown')])
        if t == 'pad1':
            out += b'\x00'
        elif t == 'padn':
            out += b'\x01' + bytes([n := rng.randrange(0, 6)]) + bytes(n)
        elif t == 'ra':
            out += b'\x05' + rng.pick([(4, b'\x02'), (1, lambda: bytes([rng.randrange(6)]))]) + rng.bytes(2)
        elif t == 'jumbo':
            out += b'\xc2' + rng.pick([(4, b'\x04'), (1, lambda: bytes([rng.randrange(8)]))]) + \
                struct.pack('>I', rng.pick([(1, 70000), (1, lambda: rng.getrandbits(32))]))
        elif t == 'home':
            n = rng.pick([(4, 16), (1, lambda: rng.randrange(0, 24)), (1, 20)])
            sub = b''
            if n > 16:
                sub = rng.pick([(1, lambda: b'\x00' * (n - 16)),
                                (1, lambda: b'\x01' + bytes([n - 18]) + bytes(n - 18) if n >= 18 else b'\x00' * (n - 16)),
                                (1, lambda: rng.bytes(n - 16))])
            out += b'\xc9' + bytes([n]) + rng.bytes(min(n, 16)) + sub
        else:
            d = rng.bytes(rng.small_len(10))
            out += bytes([rng.getrandbits(8), len(d)]) + d
    return out


def opts_header(rng, jumbo=None):
    body = tlv_options(rng, jumbo)
    total = -(-(len(body) + 2) // 8) * 8
    fill = total - 2 - len(body)
    body += rng.pick([(3, lambda: b'\x00' * fill),
                      (3, lambda: (b'\x01' + bytes([fill - 2]) + bytes(fill - 2)) if fill >= 2 else b'\x00' * fill),
                      (1, lambda: rng.bytes(fill))])
    return bytes([0, total // 8 - 1]) + body


def routing(rng):
    t = rng.pick([(3, 0), (3, 2), (2, 3), (3, 4), (1, lambda: rng.randrange(256))])
    if t in (0, 2, 4):
        n = rng.pick([(3, 1), (2, 2), (1, 3), (1, 0), (1, lambda: rng.randrange(4, 8))])
        addrs = b''.join(rng.bytes(16) for _ in range(n))
        seg = rng.pick([(3, n), (1, lambda: rng.randrange(256))])
        if t == 4:
            fixed = bytes([seg, max(0, n - 1), rng.pick([(3, 0), (1, lambda: rng.getrandbits(8))])]) + rng.bytes(2)
        else:
            fixed = bytes([seg]) + rng.pick([(4, bytes(4)), (1, lambda: rng.bytes(4))])
        hlen = 2 * n
        if rng.chance(0.1):
            hlen = rng.randrange(0, 2 * n + 2)  # odd, or not what is there
        return bytes([0, hlen, t]) + fixed + addrs
    body = rng.bytes(5 + 8 * rng.randrange(0, 4))
    return bytes([0, (len(body) + 3) // 8 - 1, t]) + body


def fragment(rng):
    kind = rng.pick([(4, 'first'), (3, 'later'), (2, 'atomic'), (1, 'last')])
    off = 0 if kind in ('first', 'atomic') else rng.randrange(1, 8192)
    m = 1 if kind in ('first', 'later') else 0
    return bytes([0, rng.pick([(9, 0), (1, lambda: rng.getrandbits(8))])]) + \
        struct.pack('>HI', (off << 3) | m | (rng.getrandbits(2) << 1 if rng.chance(0.1) else 0), rng.u32())


def ah(rng):
    icv = rng.pick([(4, 12), (2, 16), (1, 0), (1, lambda: rng.randrange(0, 32))])
    ah_len = (12 + icv) // 4 - 2
    if rng.chance(0.1):
        ah_len = rng.randrange(0, 12)
    reserved = 0 if rng.chance(0.9) else rng.u16()
    return struct.pack('>BBHII', 0, ah_len & 0xff, reserved, rng.u32(), rng.u32()) + rng.bytes(icv)


def mobility(rng):
    n = rng.randrange(0, 4)
    return bytes([NONE, n, rng.randrange(0, 20), 0]) + rng.bytes(4 + 8 * n)


def esp(rng):
    return struct.pack('>II', rng.u32(), rng.u32()) + rng.bytes(rng.small_len(40))


def chain(rng, upper):
    """[(next-header value, header bytes)] and the protocol after the chain."""
    depth = rng.pick([(70, 0), (9, 1), (6, 2), (4, 3), (3, 4), (2, 5), (2, 6), (1, 7), (1, 8),
                      (1, 9), (1, 10)])
    kinds = []
    for i in range(depth):
        k = rng.pick([(4, DSTOPTS), (3, ROUTING), (3, FRAGMENT), (3, AH), (1, HBH),
                      (1, ESP), (1, MOBILITY), (1, NONE), (1, 'unknown')])
        if i == 0 and rng.chance(0.3):
            k = HBH
        kinds.append(k)
        if k in TERMINAL:
            upper = None
            break
    hdrs = []
    for k in kinds:
        if k in (HBH, DSTOPTS):
            hdrs.append([k, bytearray(opts_header(rng))])
        elif k == ROUTING:
            hdrs.append([k, bytearray(routing(rng))])
        elif k == FRAGMENT:
            hdrs.append([k, bytearray(fragment(rng))])
        elif k == AH:
            hdrs.append([k, bytearray(ah(rng))])
        elif k == MOBILITY:
            hdrs.append([k, bytearray(mobility(rng))])
        elif k == ESP:
            hdrs.append([k, bytearray(esp(rng))])
        elif k == NONE:
            hdrs.append([k, bytearray(rng.bytes(rng.small_len(8)))])
        else:
            hdrs.append([rng.choice([253, 254, 143, 139, 140, 2, 47, 132, 33]),
                         bytearray(rng.bytes(rng.small_len(16)))])
    # Each header names the next; the last names the upper layer.
    for i, (k, b) in enumerate(hdrs):
        if k in (ESP, NONE) or k not in (HBH, ROUTING, FRAGMENT, AH, DSTOPTS, MOBILITY):
            continue
        if k == MOBILITY:
            continue
        b[0] = hdrs[i + 1][0] if i + 1 < len(hdrs) else upper
    return [(k, bytes(b)) for k, b in hdrs], upper


def header(rng, nh, src, dst, payload_len):
    plen = rng.pick([(94, payload_len), (2, lambda: payload_len + rng.randrange(1, 200)),
                     (2, lambda: max(0, payload_len - rng.randrange(1, 40))), (1, 0),
                     (1, lambda: rng.u16())]) & 0xffff
    ver = 6 if rng.chance(0.99) else rng.choice([4, 0, 7])
    tc = rng.pick([(5, 0), (2, lambda: rng.getrandbits(8))])
    flow = rng.pick([(3, 0), (2, lambda: rng.getrandbits(20))])
    hlim = rng.pick([(5, 64), (1, 0), (1, 255), (1, lambda: rng.getrandbits(8))])
    return struct.pack('>IHBB', (ver << 28) | (tc << 20) | flow, plen, nh, hlim) + src + dst
