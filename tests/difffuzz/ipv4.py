# SPDX-License-Identifier: GPL-2.0-only
"""IPv4 headers (RFC 791): every option kind tcpdump names, unknown ones, bad
and overrunning lengths, fragments, bad IHL and total lengths that disagree
with the frame."""

import struct

from checksum import inet_sum


def route(rng, kind):
    n = rng.pick([(3, lambda: rng.randrange(1, 10)), (1, 0)])
    body = b''.join(rng.bytes(4) for _ in range(n))
    ptr = rng.pick([(3, lambda: 4 + 4 * rng.randrange(n + 1)), (1, lambda: rng.randrange(256))])
    return bytes([kind, len(body) + 3, ptr]) + body


def timestamp(rng):
    flag = rng.pick([(3, 0), (3, 1), (2, 3), (1, lambda: rng.randrange(16))])
    hop = 4 if flag == 0 else 8
    n = rng.randrange(0, 36 // hop + 1)
    body = rng.bytes(hop * n)
    ptr = rng.pick([(3, lambda: 5 + hop * rng.randrange(n + 1)), (1, lambda: rng.randrange(256))])
    return bytes([68, len(body) + 4, ptr, (rng.randrange(16) << 4 if rng.chance(0.2) else 0) | flag]) + body


def one_option(rng):
    kind = rng.pick([(5, 1), (2, 0), (3, 7), (3, 68), (2, 131), (2, 137), (3, 148), (2, 130),
                     (1, 82), (3, lambda: rng.randrange(256))])
    if kind in (0, 1):
        return bytes([kind])
    if kind in (7, 131, 137):
        opt = route(rng, kind)
    elif kind == 68:
        opt = timestamp(rng)
    elif kind == 148:
        opt = bytes([148, 4]) + rng.pick([(1, b'\0\0'), (1, lambda: rng.bytes(2))])
    elif kind == 130:
        opt = bytes([130, 11]) + rng.bytes(9)
    else:
        d = rng.bytes(rng.small_len(10))
        opt = bytes([kind, len(d) + 2]) + d
    mode = rng.pick([(80, 'ok'), (4, 0), (4, 1), (3, 2), (5, 'odd'), (4, 'over')])
    if mode == 'ok':
        return opt
    lb = {'odd': max(0, opt[1] + rng.choice([-3, -2, -1, 1, 2, 3])),
          'over': rng.randrange(opt[1] + 1, 256)}.get(mode, mode)
    return opt[:1] + bytes([lb & 0xff]) + opt[2:]


def options(rng):
    style = rng.pick([(80, 'none'), (16, 'some'), (2, 'raw'), (2, 'nops')])
    if style == 'none':
        return b''
    if style == 'raw':
        return rng.bytes(rng.randrange(1, 41))
    if style == 'nops':
        return b'\x01' * rng.randrange(1, 41)
    out = b''
    for _ in range(rng.randrange(1, 4)):
        out += one_option(rng)
    out = out[:40]
    n = -len(out) % 4
    return out + rng.pick([(4, bytes(n)), (1, b'\x01' * n), (1, lambda: rng.bytes(n))])


def frag_field(rng):
    return rng.pick([
        (60, 0x4000),  # DF
        (20, 0),
        (3, 0x2000),  # first fragment
        (3, lambda: 0x2000 | rng.randrange(1, 0x2000)),  # middle
        (3, lambda: rng.randrange(1, 0x2000)),  # last
        (1, 0x6000),  # DF and MF
        (1, lambda: 0x8000 | rng.getrandbits(14)),  # the reserved bit
    ])


def header(rng, proto, src, dst, payload_len, opts):
    """The header, and whether its lengths are the true ones."""
    ihl = 5 + len(opts) // 4
    total = 20 + len(opts) + payload_len
    honest = True
    if rng.chance(0.03):
        ihl = rng.randrange(16)
        honest = False
    tlen = rng.pick([(94, total), (2, lambda: total + rng.randrange(1, 200)),
                     (2, lambda: max(0, total - rng.randrange(1, 40))),
                     (1, lambda: rng.randrange(0, 24)), (1, lambda: rng.u16())])
    if tlen != total:
        honest = False
    ver = 4 if rng.chance(0.99) else rng.choice([0, 6, 5, 15])
    tos = rng.pick([(5, 0), (2, lambda: rng.getrandbits(8))])
    ttl = rng.pick([(5, 64), (1, 0), (1, 1), (1, 255), (2, lambda: rng.getrandbits(8))])
    hdr = struct.pack('>BBHHHBBH4s4s', (ver << 4) | (ihl & 15), tos, tlen & 0xffff, rng.u16(),
                      frag_field(rng), ttl, proto, 0, src, dst) + opts
    csum = inet_sum(hdr) ^ 0xffff
    if rng.chance(0.03):
        csum = rng.u16()
    return hdr[:10] + struct.pack('>H', csum) + hdr[12:], honest
