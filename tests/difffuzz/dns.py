# SPDX-License-Identifier: GPL-2.0-only
"""DNS messages (RFC 1035) for UDP ports 53 and 5353: queries and responses with
every section, compression pointers (right, forward, looping, past the end),
EDNS0 OPT records (RFC 6891), odd label types, and messages cut anywhere."""

import struct

LABELS = [b'web', b'test', b'example', b'com', b'a', b'_http', b'_tcp', b'local', b'in-addr',
          b'arpa', b'x' * 63, b'mail', b'ns1']
TYPES = [1, 28, 5, 12, 15, 16, 6, 2, 33, 255, 13, 99, 64, 65, 257]


def name(rng, offsets):
    """A name: labels, then the root, or a pointer to a name already in the message."""
    out = b''
    for _ in range(rng.pick([(3, 2), (2, 1), (2, 3), (1, 0), (1, 5)])):
        lab = rng.pick([(12, lambda: rng.choice(LABELS)), (1, lambda: rng.bytes(rng.randrange(1, 8)))])
        out += bytes([len(lab)]) + lab
    end = rng.pick([(6, b'\0'), (3, 'ptr'), (1, 'odd')])
    if end == 'ptr':
        to = rng.pick([(6, lambda: rng.choice(offsets) if offsets else 12),
                       (1, lambda: rng.randrange(0x4000))])
        out += struct.pack('>H', 0xc000 | to)
    elif end == 'odd':
        out += rng.choice([b'\x41\x02', b'\x80', b'\x40', b'\x00'])
    return out


def rdata(rng, t, offsets):
    if t == 1:
        return rng.bytes(4)
    if t == 28:
        return rng.bytes(16)
    if t in (5, 12, 2):
        return name(rng, offsets)
    if t == 15:
        return struct.pack('>H', rng.u16()) + name(rng, offsets)
    if t == 16:
        s = rng.bytes(rng.randrange(0, 12))
        return bytes([len(s)]) + s
    if t == 6:
        return name(rng, offsets) + name(rng, offsets) + rng.bytes(20)
    if t == 33:
        return rng.bytes(6) + name(rng, offsets)
    return rng.bytes(rng.small_len(20))


def opt(rng):
    """An EDNS0 OPT pseudo-record: the root, type 41, the UDP size, flags, options."""
    opts = b''
    for _ in range(rng.pick([(4, 0), (1, 1), (1, 2)])):
        code = rng.choice([10, 8, 12, 3, 15, 99])
        data = rng.bytes(rng.choice([0, 2, 4, 8, 12]))
        opts += struct.pack('>HH', code, len(data)) + data
    ttl = rng.pick([(4, 0), (1, 0x8000), (1, lambda: rng.u32())])
    return b'\0' + struct.pack('>HHIH', 41, rng.choice([512, 1232, 4096]), ttl, len(opts)) + opts


def message(rng):
    resp = rng.chance(0.5)
    flags = (0x8000 if resp else 0) | rng.pick([(8, 0x0100), (1, lambda: rng.u16() & 0x7fff)])
    if resp:
        flags |= rng.pick([(6, 0x0080), (1, 0x0400), (1, 0x0200)]) | rng.pick([(6, 0), (2, 3), (1, 2),
                                                                                 (1, lambda: rng.randrange(16))])
    qd = rng.pick([(9, 1), (1, 0), (1, 2)])
    an = rng.pick([(4, 0), (3, 1), (2, 2), (1, 4)]) if resp else rng.pick([(9, 0), (1, 1)])
    ns = rng.pick([(6, 0), (1, 1)])
    ar = rng.pick([(4, 0), (4, 1), (1, 2)])
    body, offsets = b'', []
    for _ in range(qd):
        offsets.append(12 + len(body))
        body += name(rng, offsets[:-1]) + struct.pack('>HH', rng.choice(TYPES),
                                                      rng.pick([(8, 1), (1, 3), (1, 0x8001), (1, 255)]))
    for i in range(an + ns + ar):
        if i >= an + ns and rng.chance(0.7):
            body += opt(rng)
            continue
        offsets.append(12 + len(body))
        t = rng.choice(TYPES)
        rd = rdata(rng, t, offsets[:-1])
        body += name(rng, offsets[:-1]) + struct.pack('>HHIH', t, rng.pick([(8, 1), (1, 0x8001), (1, 3)]),
                                                      rng.u32(), len(rd)) + rd
    counts = [qd, an, ns, ar]
    if rng.chance(0.05):
        counts[rng.randrange(4)] = rng.u16()
    msg = struct.pack('>HHHHHH', rng.u16(), flags, *counts) + body
    if rng.chance(0.1):
        msg = msg[:rng.randrange(len(msg) + 1)]
    return msg
