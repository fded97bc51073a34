# SPDX-License-Identifier: GPL-2.0-only
"""TCP option areas (RFC 9293 3.2 and the options tcpdump 4.99.3 names).

Realistic sets (a SYN's, timestamps, SACK), every kind 0-254 with lengths
that are right, 0, 1, 2, off by a few or past the option area, SACK with 1-4
blocks and bad lengths, MPTCP (RFC 8684) subtypes, TCP-AO, MD5, UTO, TFO and
the experimental kind, EOL in the middle, and raw bytes.
"""

import struct

SYN, ACK = 0x02, 0x10

# Kinds tcpdump prints by name, with the data length it expects (None: variable).
FIXED = {2: 2, 3: 1, 4: 0, 6: 4, 7: 4, 8: 8, 11: 4, 12: 4, 13: 4, 19: 16, 20: 2, 28: 2}


def with_len(rng, kind, data, area_left=40):
    """kind, length byte, data; the length byte right most of the time."""
    right = len(data) + 2
    mode = rng.pick([(80, 'ok'), (3, 0), (3, 1), (3, 2), (5, 'off'), (4, 'over'),
                     (2, 'short')])
    if mode == 'ok':
        lb = right
    elif mode == 'off':
        lb = max(0, right + rng.choice([-3, -2, -1, 1, 2, 3]))
    elif mode == 'over':
        lb = min(255, area_left + rng.randrange(1, 40))
    elif mode == 'short':
        # the length byte right, the data cut: the option runs past the area
        lb = right
        data = data[:rng.randrange(len(data) + 1)]
    else:
        lb = mode
    return bytes([kind, lb & 0xff]) + data


def sack_blocks(rng, base):
    n = rng.pick([(3, 1), (3, 2), (2, 3), (2, 4), (1, 0)])
    out = b''
    for _ in range(n):
        s = (base + rng.randrange(0, 1 << 20)) & 0xffffffff
        out += struct.pack('>II', s, (s + rng.randrange(1, 1 << 16)) & 0xffffffff)
    if rng.chance(0.1):
        out += rng.bytes(rng.randrange(1, 8))  # not a multiple of 8: "invalid sack"
    return out


def mptcp(rng, flags):
    """An MPTCP option's bytes after kind and length (subtype first)."""
    sub = rng.pick([(4, 0), (3, 1), (5, 2), (3, 3), (2, 4), (2, 5), (1, 6), (1, 7),
                    (1, lambda: rng.randrange(8, 16))])
    low = rng.getrandbits(4)
    if sub == 0:  # MP_CAPABLE
        ver = rng.pick([(3, 0), (3, 1), (1, lambda: rng.randrange(2, 16))])
        n = rng.pick([(2, 2), (3, 10), (3, 18), (2, 20), (1, lambda: rng.randrange(0, 24))])
        body = bytes([ver, rng.pick([(1, 0x80), (1, 0x01), (1, 0x81), (1, 0)])])
        return bytes([(sub << 4) | ver]) + body[1:] + rng.bytes(max(0, n - 2))
    if sub == 1:  # MP_JOIN
        n = rng.pick([(2, 10), (2, 14), (2, 22), (1, lambda: rng.randrange(1, 24))])
        return bytes([(sub << 4) | (low & 1)]) + rng.bytes(n - 1)
    if sub == 2:  # DSS
        f = rng.getrandbits(5)
        n = 2
        if f & 1:
            n += 8 if f & 2 else 4
        if f & 4:
            n += (8 if f & 8 else 4) + 4 + 2 + rng.choice([0, 2])
        if rng.chance(0.15):
            n = max(1, n + rng.randrange(-3, 4))
        return bytes([sub << 4, f]) + rng.bytes(max(0, n - 2))
    if sub == 3:  # ADD_ADDR
        n = rng.pick([(6, lambda: rng.choice([6, 8, 14, 16, 18, 20, 26, 28])),
                      (1, lambda: rng.randrange(1, 30))])
        ipver = rng.pick([(2, 0), (2, 1), (1, 4), (1, 6), (1, lambda: rng.getrandbits(4))])
        return bytes([(sub << 4) | ipver]) + rng.bytes(n - 1)
    if sub == 4:  # REMOVE_ADDR
        return bytes([sub << 4]) + rng.bytes(rng.randrange(0, 6))
    if sub == 5:  # MP_PRIO
        return bytes([(sub << 4) | (low & 1)]) + rng.bytes(rng.pick([(3, 0), (3, 1), (1, 3)]))
    if sub in (6, 7):  # MP_FAIL, MP_FASTCLOSE
        return bytes([sub << 4]) + rng.bytes(rng.pick([(5, 9), (1, lambda: rng.randrange(1, 14))]))
    return bytes([(sub << 4) | low]) + rng.bytes(rng.randrange(0, 12))


def tfo_cookie(rng):
    return rng.bytes(rng.pick([(3, 8), (2, 0), (1, 4), (1, 16), (1, lambda: rng.randrange(1, 19))]))


def one_option(rng, flags, base, area_left):
    kind = rng.pick([
        (6, 1), (2, 0), (6, 2), (4, 3), (4, 4), (6, 5), (8, 8), (2, 6), (2, 7), (1, 11), (1, 12),
        (1, 13), (3, 19), (2, 20), (3, 28), (3, 29), (6, 30), (3, 34), (3, 254),
        (8, lambda: rng.randrange(0, 255)),
    ])
    if kind in (0, 1):
        return bytes([kind])
    if kind == 5:
        data = sack_blocks(rng, base)
    elif kind == 30:
        data = mptcp(rng, flags)
    elif kind == 29:  # TCP-AO: key ids, then a MAC
        data = rng.bytes(rng.pick([(4, lambda: 2 + rng.choice([4, 12, 16])), (1, 0), (1, 1), (1, 2)]))
    elif kind == 34:
        data = tfo_cookie(rng)
    elif kind == 254:
        magic = rng.pick([(3, b'\xf9\x89'), (2, lambda: rng.bytes(2)), (1, lambda: rng.bytes(rng.randrange(2)))])
        data = magic + (tfo_cookie(rng) if magic == b'\xf9\x89' else rng.bytes(rng.randrange(0, 8)))
    elif kind in FIXED:
        data = rng.bytes(FIXED[kind])
        if rng.chance(0.1):
            data = data[:rng.randrange(len(data) + 1)] if data else rng.bytes(2)
    else:
        data = rng.bytes(rng.small_len(12))
    return with_len(rng, kind, data, area_left)


def typical(rng, flags, base):
    ts = b'\x08\x0a' + rng.bytes(8)
    if flags & SYN:
        o = b'\x02\x04' + struct.pack('>H', rng.choice([536, 1220, 1440, 1460, 8960, 65495]))
        o += rng.pick([(3, b'\x04\x02' + ts), (1, b'\x01\x01\x04\x02'), (1, b'')])
        o += b'\x01\x03\x03' + bytes([rng.choice([0, 7, 8, 14, 15])])
        return o
    if rng.chance(0.3):
        return b'\x01\x01\x05' + bytes([2 + 8 * (n := rng.randrange(1, 4))]) + \
            sack_blocks_n(rng, base, n) + (b'\x01\x01' + ts if rng.chance(0.5) else b'')
    return b'\x01\x01' + ts


def sack_blocks_n(rng, base, n):
    out = b''
    for _ in range(n):
        s = (base + rng.randrange(0, 1 << 16)) & 0xffffffff
        out += struct.pack('>II', s, (s + rng.randrange(1, 4096)) & 0xffffffff)
    return out


def option_area(rng, flags, base):
    """The bytes of an option area (at most 40), not yet padded."""
    style = rng.pick([(35, 'none'), (30, 'typical'), (28, 'random'), (4, 'raw'), (3, 'eolmid')])
    if style == 'none':
        return b''
    if style == 'typical':
        return typical(rng, flags, base)[:40]
    if style == 'raw':
        return rng.bytes(rng.randrange(1, 41))
    out = b''
    for _ in range(rng.randrange(1, 7)):
        if len(out) >= 40:
            break
        out += one_option(rng, flags, base, 40 - len(out))
    if style == 'eolmid':
        out += b'\x00' + rng.bytes(rng.randrange(0, 12))
    return out[:40]


def pad(rng, opts):
    """Pads to a 4-byte multiple: NOPs, EOL and zeros, or junk; sometimes a
    kind alone in the last byte of the area."""
    n = -len(opts) % 4
    if n == 0:
        return opts
    how = rng.pick([(5, 'eol'), (3, 'nop'), (1, 'junk'), (1, 'lastkind')])
    if how == 'eol':
        return opts + bytes(n)
    if how == 'nop':
        return opts + b'\x01' * n
    if how == 'lastkind':
        return opts + b'\x01' * (n - 1) + bytes([rng.randrange(2, 255)])
    return opts + rng.bytes(n)
