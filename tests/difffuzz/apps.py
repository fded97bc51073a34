# SPDX-License-Identifier: GPL-2.0-only
"""What a server's links carry besides TCP and DNS, built the way the protocols
define it and then fuzzed a little: DHCP (RFC 2131/2132), DHCPv6 (RFC 8415),
syslog (RFC 3164/5424), NTP (RFC 5905), SNMP (RFC 3416, BER), IGMP (RFC
2236/3376), VRRP (RFC 3768/5798), SCTP (RFC 9260), OSPF (RFC 2328), LLDP
(IEEE 802.1AB), spanning tree BPDUs (IEEE 802.1D/w) and PPP's control protocols in
PPPoE sessions (RFC 1661, 2516).

Each builder takes the generator's second random stream (frames.py draws these
frames from it alone, so the seeds' other frames stay as they were)."""

import struct

from checksum import inet_sum, l4_checksum


def _tlvs(rng, opts):
    return b''.join(bytes([t, len(v)]) + v for t, v in opts)


def dhcp(rng):
    """A BOOTP message with the DHCP cookie and options (ports 67/68)."""
    op = rng.pick([(5, 1), (5, 2), (1, lambda: rng.randrange(256))])
    htype, hlen = rng.pick([(9, (1, 6)), (1, lambda: (rng.randrange(256), rng.randrange(17)))])
    hdr = struct.pack('>BBBBIHH', op, htype, hlen, rng.pick([(4, 0), (1, 1)]), rng.u32(),
                      rng.pick([(3, 0), (1, rng.u16)]), rng.pick([(3, 0), (1, 0x8000)]))
    addrs = b''.join(rng.pick([(2, b'\0' * 4), (1, lambda: bytes([10, 0, 0, rng.randrange(1, 7)]))])
                     for _ in range(4))
    chaddr = rng.bytes(6) + bytes(10)
    sname = rng.pick([(4, bytes(64)), (1, lambda: b'boot.example' + bytes(52))])
    bfile = rng.pick([(4, bytes(128)), (1, lambda: b'pxelinux.0' + bytes(118))])
    mtype = rng.pick([(9, lambda: rng.randrange(1, 9)), (1, lambda: rng.randrange(256))])
    opts = [(53, bytes([mtype]))]
    for _ in range(rng.randrange(0, 7)):
        t = rng.pick([(3, 55), (2, 50), (2, 51), (2, 54), (2, 1), (2, 3), (2, 6), (2, 12), (1, 15),
                      (2, 61), (1, 57), (1, 58), (1, 60), (1, 52), (1, 46),
                      (1, lambda: rng.randrange(1, 255))])
        if t == 55:
            v = bytes(rng.choice([1, 3, 6, 15, 28, 42, 51, 119, 121, 252]) for _ in range(rng.randrange(1, 9)))
        elif t in (50, 54, 1, 3):
            v = bytes([10, 0, 0, rng.randrange(1, 7)])
        elif t == 6:
            v = b''.join(bytes([192, 0, 2, rng.randrange(1, 9)]) for _ in range(rng.randrange(1, 3)))
        elif t in (51, 58):
            v = struct.pack('>I', rng.pick([(3, 86400), (1, rng.u32)]))
        elif t in (12, 15, 60):
            v = rng.choice([b'host1', b'example.org', b'MSFT 5.0', b'udhcp 1.36'])
        elif t == 61:
            v = rng.pick([(3, lambda: b'\x01' + rng.bytes(6)), (1, lambda: b'\x00id-' + rng.bytes(3))])
        elif t == 57:
            v = struct.pack('>H', 1500)
        elif t in (52, 46):
            v = bytes([rng.randrange(1, 9)])
        else:
            v = rng.bytes(rng.randrange(0, 9))
        opts.append((t, v))
    vend = b'\x63\x82\x53\x63' + _tlvs(rng, opts) + rng.pick([(5, b'\xff'), (1, b'\0\0\xff'), (1, b'')])
    if rng.chance(0.05):
        vend = rng.bytes(4)
    return hdr + addrs + chaddr + sname + bfile + vend


def _dhcp6_opt(rng, depth):
    """One DHCPv6 option (RFC 8415 and the RFCs that add options), now and then a relayed
    message inside."""
    code = rng.pick([(3, 1), (2, 2), (2, 3), (2, 6), (2, 8), (1, 14), (1, 23), (1, 24), (1, 25),
                     (1, 9), (1, 11), (1, 19), (1, 20), (1, 37), (1, 41), (1, 42), (1, 44), (1, 45),
                     (1, 47), (1, 56), (1, 64), (1, 112), (1, lambda: rng.randrange(1, 100))])
    if code in (1, 2):
        v = struct.pack('>HH', 1, 1) + rng.bytes(4) + rng.bytes(6)
    elif code == 3:
        v = rng.bytes(12)
    elif code == 6:
        v = b''.join(struct.pack('>H', rng.choice([23, 24, 31, 82])) for _ in range(rng.randrange(1, 4)))
    elif code == 8:
        v = struct.pack('>H', rng.u16())
    elif code == 23:
        v = bytes.fromhex('20010db8000000000000000000000053')
    elif code == 24:
        v = b'\x07example\x03org\x00'
    elif code == 9:
        v = dhcp6(rng, depth + 1) if depth < 2 else rng.bytes(rng.randrange(0, 6))
    elif code == 11:
        proto = rng.pick([(2, 2), (2, 3), (1, 0)])
        info = {2: lambda: rng.choice([b'', rng.bytes(20), b'realm' + rng.bytes(20), rng.bytes(7)]),
                3: lambda: bytes([rng.randrange(1, 4)]) + rng.bytes(16)}.get(proto, lambda: b'')()
        v = bytes([proto, rng.choice([1, 2]), rng.choice([0, 1])]) + rng.bytes(8) + info
    elif code == 19:
        v = bytes([rng.choice([5, 11, 7])])
    elif code == 37:
        v = struct.pack('>I', 9) + rng.bytes(rng.randrange(0, 16))
    elif code in (41, 42, 112):
        v = rng.choice([b'EST5EDT', b'Europe/Zurich', b'https://mud.example/x', b'UTC'])
    elif code == 44:
        v = bytes([rng.randrange(1, 4)]) + rng.bytes(16) + b''.join(_dhcp6_opt(rng, depth + 1)
                                                                 for _ in range(rng.randrange(0, 2)))
    elif code == 45:
        v = b''.join(_dhcp6_opt(rng, depth + 1) for _ in range(rng.randrange(0, 3))) if depth < 2 else b''
    elif code == 47:
        v = rng.bytes(16) + rng.bytes(rng.randrange(0, 14))
    elif code == 56:
        v = b''.join(rng.choice([struct.pack('>HH', 1, 16) + rng.bytes(16), struct.pack('>HH', 2, 16) + rng.bytes(16),
                                 struct.pack('>HH', 3, 13) + b'\x03ntp\x07example\x00',
                                 struct.pack('>HH', 9, 2) + b'ab'])
                     for _ in range(rng.randrange(1, 3)))
    elif code == 64:
        v = rng.choice([b'\x04aftr\x07example\x03net\x00', b'\x03abc', b'\x09ab'])
    else:
        v = rng.bytes(rng.randrange(0, 12))
    if rng.chance(0.04):
        v = v[:rng.randrange(len(v) + 1)]
    return struct.pack('>HH', code, len(v)) + v


def dhcp6(rng, depth=0):
    """A DHCPv6 client/server or relay message with options (ports 546/547)."""
    mtype = rng.pick([(3, 1), (2, 2), (2, 3), (2, 7), (1, 11), (1, 12), (1, 13),
                      (1, lambda: rng.randrange(256))])
    if mtype in (12, 13):
        head = bytes([mtype, rng.randrange(4)]) + rng.bytes(16) + rng.bytes(16)
    else:
        head = bytes([mtype]) + rng.bytes(3)
    opts = b''.join(_dhcp6_opt(rng, depth) for _ in range(rng.randrange(0, 5)))
    msg = head + opts
    if depth and rng.chance(0.1):
        msg = msg[:rng.randrange(len(msg) + 1)]
    return msg


def syslog(rng):
    pri = rng.pick([(8, lambda: rng.randrange(192)), (1, lambda: rng.randrange(1000)),
                    (1, lambda: rng.randrange(10))])
    msg = rng.choice([b'sshd[123]: Accepted publickey for root', b'kernel: eth0: link up',
                      b'1 2026-12-07T12:00:00Z host app - - - hello', b'cron[9]: (root) CMD (run)'])
    head = rng.pick([(9, '<%d>' % pri), (1, lambda: rng.choice(['<', '<1234>', '13>', '<x>', '']))])
    return head.encode() + msg[:rng.pick([(5, len(msg)), (1, lambda: rng.randrange(len(msg) + 1))])]


def ntp(rng):
    li, vn = rng.randrange(4), rng.pick([(6, 4), (2, 3), (1, lambda: rng.randrange(8))])
    mode = rng.pick([(4, 3), (4, 4), (1, 1), (1, 5), (1, 6), (1, lambda: rng.randrange(8))])
    first = (li << 6) | (vn << 3) | mode
    if mode == 6:
        count = rng.pick([(3, 0), (1, lambda: rng.randrange(1, 20))])
        return struct.pack('>BBHHHHH', first, rng.getrandbits(8), rng.u16(), rng.u16(), rng.u16(),
                           0, count) + rng.bytes(count)
    stratum = rng.pick([(3, 2), (1, 1), (1, 0), (1, lambda: rng.randrange(256))])
    refid = b'GPS\0' if stratum == 1 else rng.bytes(4)
    stamps = b''.join(struct.pack('>II', rng.pick([(3, lambda: 3_900_000_000 + rng.randrange(10 ** 8)), (1, 0)]),
                                  rng.u32()) for _ in range(4))
    msg = struct.pack('>BBbbII', first, stratum, rng.randrange(-8, 18), rng.randrange(-30, 0),
                      rng.getrandbits(20), rng.getrandbits(20)) + refid + stamps
    return msg + rng.pick([(8, b''), (1, lambda: rng.bytes(4)), (1, lambda: rng.bytes(20)),
                           (1, lambda: rng.bytes(24))])


def _ber(tag, body):
    n = len(body)
    if n < 128:
        ln = bytes([n])
    elif n < 256:
        ln = bytes([0x81, n])
    else:
        ln = bytes([0x82]) + struct.pack('>H', n)
    return bytes([tag]) + ln + body


def _ber_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), 'big', signed=True)
    return _ber(0x02, b)


def snmp(rng):
    """An SNMPv1/v2c message: community, a PDU and its variable bindings (ports 161/162)."""
    binds = b''
    for _ in range(rng.randrange(1, 4)):
        oid = bytes([0x2b, 6, 1, 2, 1, 1, rng.randrange(1, 8), 0])
        val = rng.pick([(3, b'\x05\x00'), (2, lambda: _ber_int(rng.randrange(-5, 70000))),
                        (2, lambda: _ber(0x04, b'Linux host 6.1')), (1, lambda: _ber(0x43, struct.pack('>I', rng.u32())))])
        binds += _ber(0x30, _ber(0x06, oid) + val)
    ptype = rng.pick([(4, 0xa0), (3, 0xa2), (1, 0xa1), (1, 0xa3), (1, 0xa7)])
    pdu = _ber(ptype, _ber_int(rng.u16()) + _ber_int(rng.pick([(5, 0), (1, 2)])) + _ber_int(0) +
               _ber(0x30, binds))
    msg = _ber(0x30, _ber_int(rng.pick([(2, 0), (2, 1)])) + _ber(0x04, rng.choice([b'public', b'private'])) + pdu)
    if rng.chance(0.1):
        i = rng.randrange(len(msg))
        msg = msg[:i] + bytes([rng.getrandbits(8)]) + msg[i + 1:]
    return msg


def igmp(rng):
    t = rng.pick([(3, 0x11), (2, 0x16), (2, 0x17), (2, 0x22), (1, 0x12), (1, lambda: rng.randrange(256))])
    group = bytes([224 + rng.randrange(16), 0, 0, rng.randrange(256)])
    if t == 0x11 and rng.chance(0.5):
        srcs = [bytes([10, 0, 0, rng.randrange(1, 7)]) for _ in range(rng.randrange(3))]
        msg = struct.pack('>BBH', t, rng.choice([100, 10, 200]), 0) + \
            rng.choice([bytes(4), group]) + bytes([2, 125]) + struct.pack('>H', len(srcs)) + b''.join(srcs)
    elif t == 0x22:
        recs = b''
        n = rng.randrange(1, 4)
        for _ in range(n):
            srcs = [bytes([10, 0, 0, rng.randrange(1, 7)]) for _ in range(rng.randrange(3))]
            recs += bytes([rng.randrange(1, 7), 0]) + struct.pack('>H', len(srcs)) + group + b''.join(srcs)
        msg = struct.pack('>BBHHH', t, 0, 0, 0, n) + recs
    else:
        msg = struct.pack('>BBH', t, rng.choice([0, 100, 50]), 0) + group
    csum = (inet_sum(msg) ^ 0xffff) if rng.chance(0.9) else rng.u16()
    return msg[:2] + struct.pack('>H', csum) + msg[4:]


def vrrp(rng, fam):
    ver = rng.pick([(3, 2 if fam == 4 else 3), (2, 3), (1, lambda: rng.randrange(16))])
    alen = 4 if fam == 4 else 16
    n = rng.randrange(1, 4)
    addrs = b''.join(rng.bytes(alen) for _ in range(n))
    if ver == 2:
        auth = rng.pick([(3, 0), (2, 1), (1, lambda: rng.randrange(256))])
        msg = struct.pack('>BBBBBBH', (ver << 4) | 1, rng.randrange(1, 256), 100, n, auth, 1, 0) + addrs + \
            (b'secret\0\0' if auth == 1 else bytes(8))
        csum = inet_sum(msg) ^ 0xffff
        msg = msg[:6] + struct.pack('>H', csum if rng.chance(0.9) else rng.u16()) + msg[8:]
    else:
        msg = struct.pack('>BBBBHH', (ver << 4) | rng.pick([(9, 1), (1, 2)]), rng.randrange(1, 256), 100, n,
                          100, rng.u16()) + addrs
    return msg


def sctp(rng):
    """An SCTP packet: common header and chunks (the checksum is not checked by tcpdump)."""
    hdr = struct.pack('>HHII', rng.choice([36412, 3868, 2905, 5060, rng.u16()]),
                      rng.choice([36412, 3868, 2905, 5060, rng.u16()]), rng.u32(), rng.u32())
    chunks = b''
    for _ in range(rng.randrange(1, 4)):
        t = rng.pick([(4, 0), (2, 1), (2, 2), (2, 3), (1, 4), (1, 5), (1, 6), (1, 10), (1, 11),
                      (1, 7), (1, 8), (1, 14), (1, lambda: rng.randrange(256))])
        if t == 0:
            body = struct.pack('>IHHI', rng.u32(), rng.randrange(4), rng.u16(), rng.choice([0, 46, 18])) + \
                rng.bytes(rng.randrange(0, 24))
        elif t in (1, 2):
            body = struct.pack('>IIHHI', rng.u32(), rng.u32(), 10, 10, rng.u32())
        elif t == 3:
            gaps = rng.randrange(3)
            dups = rng.randrange(2)
            body = struct.pack('>IIHH', rng.u32(), rng.u32(), gaps, dups) + rng.bytes(4 * gaps + 4 * dups)
        elif t in (4, 5):
            body = struct.pack('>HH', 1, 8) + rng.bytes(4)
        elif t == 7:
            body = struct.pack('>I', rng.u32())
        else:
            body = rng.bytes(rng.randrange(0, 8))
        flags = rng.pick([(4, 3 if t == 0 else 0), (1, lambda: rng.randrange(256))])
        length = 4 + len(body)
        if rng.chance(0.05):
            length = rng.randrange(0, 80)
        chunk = struct.pack('>BBH', t, flags, length) + body
        chunks += chunk + bytes(-len(chunk) % 4)
    return hdr + chunks


def _lsa_hdr(rng, ls_type, body_len, otype=None):
    """An OSPFv2 LSA header (RFC 2328 A.4.1), its length now and then wrong."""
    ln = 20 + body_len
    if rng.chance(0.08):
        ln = rng.randrange(0, ln + 30)
    if otype is None:
        otype = rng.choice([1, 3, 4, 7])
    lsid = bytes([otype, 0, 0, rng.randrange(256)]) if ls_type in (9, 10, 11) \
        else bytes([10, 0, rng.randrange(4), rng.randrange(256)])
    return struct.pack('>HBB', rng.randrange(3600), rng.randrange(256), ls_type) + lsid + \
        bytes([10, 0, 0, rng.randrange(1, 7)]) + struct.pack('>IHH', 0x80000000 + rng.randrange(100), rng.u16(), ln)


def _te_tlvs(rng):
    """Traffic engineering TLVs (RFC 3630): a router address, or a link with sub-TLVs."""
    def tlv(t, v):
        return struct.pack('>HH', t, len(v)) + v + bytes(-len(v) % 4)
    if rng.chance(0.3):
        return tlv(1, bytes([10, 0, 0, rng.randrange(1, 7)]))
    bw = lambda: struct.pack('>f', rng.choice([125000000.0, 1.25e9, 0.0, 12500.5]))  # noqa: E731
    subs = {1: lambda: bytes([rng.randrange(1, 4)]), 2: lambda: rng.bytes(4), 3: lambda: rng.bytes(4),
            4: lambda: rng.bytes(4), 5: lambda: struct.pack('>I', 10), 6: bw, 7: bw,
            8: lambda: b''.join(bw() for _ in range(8)), 9: lambda: rng.bytes(4), 11: lambda: rng.bytes(8),
            14: lambda: bytes([rng.randrange(256)]) + bytes(3),
            15: lambda: bytes([rng.choice([1, 51, 7]), rng.choice([1, 2, 99]), 0, 0]) + b''.join(bw() for _ in range(8)),
            16: lambda: rng.bytes(4 * rng.randrange(0, 3)), 17: lambda: bytes([rng.choice([0, 1, 9])]) + bytes(3) +
            b''.join(bw() for _ in range(rng.randrange(0, 3))), 99: lambda: rng.bytes(rng.randrange(1, 6))}
    body = b''
    for _ in range(rng.randrange(1, 4)):
        k = rng.choice(list(subs))
        v = subs[k]()
        if rng.chance(0.05):
            v = v[:-1]
        body += tlv(k, v)
    return tlv(2, body)


def _lsa(rng):
    """A whole LSA: router, network, summary, external, NSSA, group, opaque (router
    information, grace, TE) or another type with random bytes."""
    t = rng.pick([(3, 1), (2, 2), (2, 3), (1, 4), (2, 5), (1, 6), (1, 7), (1, 9), (1, 10), (1, 11),
                  (1, lambda: rng.randrange(256))])
    otype = None
    ip = lambda: bytes([10, 0, rng.randrange(4), rng.randrange(256)])  # noqa: E731
    if t == 1:
        links = b''
        n = rng.randrange(0, 4)
        for _ in range(n):
            ntos = rng.pick([(5, 0), (1, 1), (1, 2)])
            links += ip() + ip() + struct.pack('>BBH', rng.pick([(5, lambda: rng.randrange(1, 5)), (1, 9)]), ntos, rng.u16())
            links += b''.join(struct.pack('>BBH', rng.randrange(3), 0, rng.u16()) for _ in range(ntos))
        body = struct.pack('>BBH', rng.choice([0, 1, 2, 3, 0x80, 0x10]), 0,
                           n if rng.chance(0.9) else rng.randrange(8)) + links
    elif t == 2:
        body = bytes([255, 255, 255, 0]) + b''.join(ip() for _ in range(rng.randrange(1, 4)))
    elif t in (3, 4):
        body = bytes([255, 255, 255, 0]) + b''.join(struct.pack('>I', rng.randrange(3) << 24 | rng.randrange(1 << 24))
                                                    for _ in range(rng.randrange(1, 3)))
    elif t in (5, 7):
        body = bytes([255, 255, 0, 0]) + b''.join(
            struct.pack('>I', rng.choice([0, 0x80000000]) | rng.randrange(3) << 24 | rng.choice([20, 0xffffff]))
            + rng.choice([bytes(4), ip()]) + rng.choice([bytes(4), ip()]) for _ in range(rng.randrange(1, 3)))
    elif t == 6:
        body = b''.join(struct.pack('>I', rng.choice([1, 2, 7])) + ip() for _ in range(rng.randrange(1, 3)))
    elif t in (9, 10, 11) and rng.chance(0.5):
        otype = 1
        body = _te_tlvs(rng)
    elif t in (9, 10, 11):
        tlvs = [(1, struct.pack('>I', rng.choice([120, 0x30, 0x3ff]))), (2, bytes([rng.randrange(5)])),
                (3, ip()), (rng.randrange(4, 9), rng.bytes(rng.randrange(0, 6)))]
        body = b''.join(struct.pack('>HH', a, len(v)) + v + bytes(-len(v) % 4) for a, v in
                        (rng.choice(tlvs) for _ in range(rng.randrange(1, 4))))
    else:
        body = rng.bytes(rng.randrange(0, 16))
    if rng.chance(0.05):
        body = body[:rng.randrange(len(body) + 1)]
    return _lsa_hdr(rng, t, len(body), otype) + body


def ospf(rng):
    """An OSPFv2 packet: hello (with LLS now and then), database description, LS request,
    update or ack, with LSA headers and LSAs."""
    t = rng.pick([(4, 1), (2, 2), (1, 3), (2, 4), (1, 5), (1, lambda: rng.randrange(256))])
    area = rng.choice([bytes(4), bytes([0, 0, 0, 1])])
    lls = b''
    if t == 1:
        nbrs = b''.join(bytes([10, 0, 0, rng.randrange(1, 7)]) for _ in range(rng.randrange(3)))
        opts = rng.pick([(4, 2), (1, 0x12), (1, lambda: rng.randrange(256))])
        body = bytes([255, 255, 255, 0]) + struct.pack('>HBBII', 10, opts, rng.randrange(256), 40,
                                                        0) + bytes([10, 0, 0, 1]) + bytes(4) + nbrs
        if opts & 0x10 and rng.chance(0.7):
            lls = struct.pack('>HH', rng.u16(), 3) + struct.pack('>HHI', 1, rng.choice([4, 8]), rng.randrange(4)) + \
                struct.pack('>HHI', rng.choice([2, 9]), 20, rng.u32()) + bytes(16)
    elif t == 2:
        body = struct.pack('>HBBI', 1500, 2, rng.choice([7, 3, 1, 0]), rng.u32()) + \
            b''.join(_lsa(rng)[:20] for _ in range(rng.randrange(0, 3)))
    elif t == 3:
        body = b''.join(struct.pack('>I', rng.choice([1, 2, 3, 5, 9, 10, 99])) + bytes([10, 0, 0, rng.randrange(256)]) +
                        bytes([10, 0, 0, rng.randrange(1, 7)]) for _ in range(rng.randrange(0, 4)))
    elif t == 4:
        lsas = [_lsa(rng) for _ in range(rng.randrange(0, 4))]
        body = struct.pack('>I', len(lsas) if rng.chance(0.85) else rng.randrange(6)) + b''.join(lsas)
    elif t == 5:
        body = b''.join(_lsa(rng)[:20] for _ in range(rng.randrange(0, 4)))
    else:
        body = rng.bytes(rng.randrange(0, 40))
    auth = rng.pick([(5, 0), (1, 1), (1, 2), (1, lambda: rng.randrange(5))])
    length = 24 + len(body)
    hdr = struct.pack('>BBH', rng.pick([(9, 2), (1, lambda: rng.randrange(4))]), t, length) + \
        bytes([10, 0, 0, rng.randrange(1, 7)]) + area + struct.pack('>HH', 0, auth) + \
        (b'passwd\0\0' if auth == 1 else bytes(8))
    msg = hdr + body
    csum = inet_sum(msg[:16] + msg[24:]) ^ 0xffff
    return msg[:12] + struct.pack('>H', csum if rng.chance(0.9) else rng.u16()) + msg[14:] + lls


def mgmt_addr(rng):
    """A management address TLV's value: an address of some family, the interface numbering, an
    OID; a length byte now and then wrong."""
    af, alen = rng.pick([(3, (1, 4)), (2, (2, 16)), (1, (6, 6)), (1, (99, 3)), (1, (1, 2))])
    addr = bytes([af]) + rng.bytes(alen)
    v = bytes([len(addr) if rng.chance(0.9) else rng.randrange(0, 40)]) + addr
    v += bytes([rng.choice([1, 2, 3, 9])]) + rng.bytes(4)
    oid = rng.choice([b'', b'\x00', b'\x03\x2b\x06\x01', b'\x08\x2b\x06', b'\x02ab'])
    return (v + oid)[:rng.randrange(1, 40)] if rng.chance(0.15) else v + oid


def _lldp_org(rng):
    """An organisation specific TLV's value: 802.1's, 802.3's and IANA's subtypes with their
    fields, now and then a byte short or long."""
    oui = rng.pick([(3, b'\x00\x80\xc2'), (2, b'\x00\x12\x0f'), (1, b'\x00\x00\x5e')])
    if oui == b'\x00\x80\xc2':
        st = rng.pick([(3, 1), (1, 2), (2, 3), (1, 4), (1, 7), (1, 8), (1, 9), (1, 10), (1, 11), (1, 12),
                       (1, 13), (1, 14), (1, lambda: rng.randrange(15, 256))])
        body = {1: lambda: struct.pack('>H', rng.randrange(4095)),
                2: lambda: bytes([rng.choice([0, 2, 6])]) + struct.pack('>H', rng.randrange(4095)),
                3: lambda: struct.pack('>HB', 10, 6) + b'v10-db',
                4: lambda: bytes([4]) + b'\x88\x8e\x01\x00',
                7: lambda: bytes([rng.randrange(4)]) + struct.pack('>I', rng.randrange(100)),
                12: lambda: bytes([0]) + b''.join(bytes([rng.randrange(256)]) + struct.pack('>H', rng.choice([3260, 80]))
                                                  for _ in range(rng.randrange(0, 3))),
                14: lambda: bytes([0x88, 0, 0, 5]) + b''.join(rng.bytes(3) for _ in range(rng.randrange(0, 3)))}.get(
                    st, lambda: rng.bytes({8: 2, 9: 21, 10: 21, 11: 2, 13: 5}.get(st, rng.randrange(0, 6))))()
    elif oui == b'\x00\x12\x0f':
        st = rng.pick([(3, 1), (1, 2), (1, 3), (2, 4), (1, lambda: rng.randrange(5, 256))])
        body = {1: lambda: bytes([rng.randrange(4)]) + struct.pack('>HH', rng.choice([0x6c01, 0x0036, 0xffff]),
                                                                  rng.choice([16, 30, 99])),
                2: lambda: bytes([rng.randrange(16), rng.randrange(4), rng.randrange(7)]),
                3: lambda: bytes([rng.randrange(4)]) + struct.pack('>I', rng.randrange(100)),
                4: lambda: struct.pack('>H', rng.choice([1518, 9216]))}.get(st, lambda: rng.bytes(rng.randrange(0, 6)))()
    else:
        st = rng.pick([(3, 1), (1, 2)])
        body = rng.choice([b'https://example.org/mud', b'x'])
    if rng.chance(0.1):
        body = body[:-1] if body and rng.chance(0.5) else body + b'\0'
    return oui + bytes([st]) + body


def lldp(rng):
    def tlv(t, v):
        return struct.pack('>H', (t << 9) | len(v)) + v
    out = tlv(1, b'\x04' + rng.bytes(6)) + tlv(2, rng.choice([b'\x05eth0', b'\x03' + rng.bytes(6), b'\x07port 1']))
    out += tlv(3, struct.pack('>H', rng.choice([120, 0, 3600])))
    for _ in range(rng.randrange(0, 5)):
        t = rng.pick([(2, 4), (2, 5), (2, 6), (2, 7), (1, 8), (1, 127), (1, lambda: rng.randrange(9, 127))])
        if t in (4, 5, 6):
            v = rng.choice([b'switch1', b'Linux 6.1 x86_64', b'uplink'])
        elif t == 7:
            v = struct.pack('>HH', rng.choice([0x14, 0x4, 0x80]), rng.choice([0x14, 0x4, 0]))
        elif t == 8:
            v = mgmt_addr(rng)
        elif t == 127:
            v = rng.pick([(3, lambda: _lldp_org(rng)), (1, lambda: rng.choice([b'\x00\x80\xc2\x01', b'\x00\x12\x0f\x01',
                                                                             b'\xaa\xbb\xcc\x01']) + rng.bytes(rng.randrange(0, 6)))])
        else:
            v = rng.bytes(rng.randrange(0, 10))
        out += tlv(t, v)
    return out + rng.pick([(6, b'\0\0'), (1, b'')])


def stp(rng):
    """The LLC header and a BPDU: configuration, topology change or RSTP."""
    kind = rng.pick([(4, 'config'), (3, 'rstp'), (1, 'tcn'), (1, 'other')])
    if kind == 'tcn':
        bpdu = b'\0\0\0\x80'
    elif kind == 'other':
        bpdu = struct.pack('>HBB', rng.pick([(3, 0), (1, rng.u16)]), rng.randrange(6), rng.randrange(256)) + \
            rng.bytes(rng.randrange(0, 40))
    else:
        ver, typ = (0, 0) if kind == 'config' else (2, 2)
        bpdu = struct.pack('>HBBB', 0, ver, typ, rng.getrandbits(8)) + rng.bytes(8) + \
            struct.pack('>I', rng.u32()) + rng.bytes(8) + struct.pack('>HHHHH', 0x8001, 0, 20 * 256, 2 * 256, 15 * 256)
        if kind == 'rstp':
            bpdu += b'\0'
    return b'\x42\x42\x03' + bpdu


def _lcp_option(rng):
    """One LCP option (RFC 1661 and after), its length now and then wrong."""
    opt = rng.pick([(2, 1), (2, 2), (3, 3), (1, 4), (3, 5), (1, 7), (1, 8), (1, 13), (1, 17),
                    (2, 19), (1, 23), (1, 0), (1, lambda: rng.randrange(256))])
    if opt in (1, 17, 23):
        v = struct.pack('>H', rng.choice([1492, 1500, 1480]))
    elif opt in (2, 5):
        v = struct.pack('>I', rng.u32())
    elif opt == 3:
        v = rng.choice([b'\xc0\x23', b'\xc2\x23\x05', b'\xc2\x23\x80', b'\xc2\x23\x81',
                        b'\xc2\x23\x07', b'\xc2\x27', b'\x12\x34\x56'])
    elif opt == 4:
        v = rng.choice([b'\xc0\x25\x00\x00\x00\x0a', b'\x12\x34'])
    elif opt in (7, 8):
        v = b''
    elif opt == 13:
        v = bytes([rng.randrange(8)]) + rng.bytes(rng.randrange(3))
    elif opt == 19:
        cls = rng.randrange(7)
        v = bytes([cls]) + rng.bytes({2: 4, 3: 6}.get(cls, rng.randrange(4)))
    elif opt == 0:
        v = rng.bytes(rng.randrange(0, 8))
    else:
        v = rng.bytes(rng.randrange(0, 6))
    ln = 2 + len(v)
    if rng.chance(0.08):
        ln = rng.randrange(0, ln + 4)
    return bytes([opt, ln]) + v


def ppp_ctrl(rng):
    """A PPPoE session header, PPP's protocol field and a control protocol message: LCP's
    configuration (with options), echo, terminate, reject, identification and others."""
    proto = rng.pick([(8, 0xc021), (1, 0x8021), (1, 0x8057), (1, 0x80fd)])
    code = rng.pick([(6, 1), (2, 2), (2, 3), (2, 4), (1, 5), (1, 6), (1, 7), (2, 8), (3, 9),
                     (3, 10), (1, 11), (1, 12), (1, 13), (1, 0), (1, 14),
                     (1, lambda: rng.randrange(256))])
    if code in (1, 2, 3, 4):
        body = b''.join(_lcp_option(rng) for _ in range(rng.randrange(0, 6)))
    elif code == 8:
        body = struct.pack('>H', rng.choice([0x8057, 0x0021, 0x80fd, 0x1234])) + rng.bytes(rng.randrange(0, 12))
    elif code in (9, 10, 11):
        body = struct.pack('>I', rng.u32()) + rng.pick([(3, b''), (1, lambda: rng.bytes(rng.randrange(1, 12)))])
    elif code == 12:
        body = struct.pack('>I', rng.u32()) + rng.choice([b'', b'hello', b'pppd 2.4.9\n'])
    elif code == 13:
        body = struct.pack('>II', rng.u32(), rng.randrange(3600))
    elif code == 0:
        body = struct.pack('>I', rng.u32()) + rng.choice([b'\x00\x00\x0c\x01', b'\xaa\xbb\xcc\x02x'])
    else:
        body = rng.bytes(rng.randrange(0, 16))
    ln = 4 + len(body)
    if rng.chance(0.08):
        ln = rng.randrange(0, ln + 8)
    msg = struct.pack('>BBH', code, rng.randrange(256), ln) + body
    ppp = rng.pick([(6, struct.pack('>H', proto)), (1, b'\xff\x03' + struct.pack('>H', proto))])
    plen = len(ppp) + len(msg)
    if rng.chance(0.05):
        plen = rng.randrange(0, plen + 8)
    return struct.pack('>BBHH', 0x11, 0, rng.randrange(1, 65536), plen) + ppp + msg


def _pim_addr(rng, fam, kind):
    """An encoded unicast, group or source address (RFC 7761 4.9.1)."""
    alen = 4 if fam == 4 else 16
    af = rng.pick([(12, 1 if fam == 4 else 2), (1, lambda: rng.randrange(4))])
    addr = bytes([10, 0, 0, rng.randrange(1, 7)]) if alen == 4 else \
        b'\x20\x01\x0d\xb8' + bytes(11) + bytes([rng.randrange(1, 7)])
    head = bytes([af, rng.pick([(12, 0), (1, 1)])])
    if kind == 'unicast':
        return head + addr
    flags = rng.pick([(4, 0), (2, 4), (1, 7), (1, lambda: rng.randrange(256))])
    mask = rng.pick([(3, alen * 8), (1, 24), (1, lambda: rng.randrange(256))])
    return head + bytes([flags, mask]) + addr


def pim(rng, fam, src, dst):
    """A PIMv2 message (RFC 7761, 5015, 5059) with a right checksum most of the time, now and
    then another version, an RFC 2117 address length or the message cut short."""
    t = rng.pick([(4, 0), (2, 1), (1, 2), (3, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
                  (1, 9), (1, 10), (1, lambda: rng.randrange(16))])
    ver = rng.pick([(12, 2), (1, lambda: rng.randrange(16))])
    addr = lambda kind: _pim_addr(rng, fam, kind)  # noqa: E731
    if t == 0:
        opts = []
        for _ in range(rng.randrange(0, 5)):
            o = rng.pick([(3, 1), (2, 2), (3, 19), (2, 20), (1, 21), (1, 22), (1, 24), (1, 18),
                          (1, lambda: rng.randrange(30, 300))])
            v = {1: lambda: struct.pack('>H', rng.choice([105, 0xffff, 0])),
                 2: lambda: struct.pack('>HH', rng.choice([500, 0x8000 | 500]), 2500),
                 19: lambda: struct.pack('>I', rng.randrange(3)), 20: lambda: struct.pack('>I', rng.u32()),
                 21: lambda: bytes([1, rng.choice([0, 60]), 0, rng.choice([0, 1])]), 22: lambda: b'',
                 24: lambda: addr('unicast') + addr('unicast'), 18: lambda: rng.choice([b'', bytes(4)])}.get(
                     o, lambda: rng.bytes(rng.randrange(0, 6)))()
            if rng.chance(0.05):
                v = v[:-1] if v else b'\0'
            opts.append(struct.pack('>HH', o, len(v)) + v)
        body = b''.join(opts)
    elif t == 1:
        inner = rng.pick([(3, 4), (1, 6), (1, 0)])
        if inner == 4:
            data = struct.pack('>BBHHHBBH', 0x45, 0, 28, rng.u16(), 0, 64, 17, 0) + \
                bytes([10, 0, 0, 9, 239, 1, 1, 1]) + struct.pack('>HHHH', 5000, 5001, 8, 0)
        elif inner == 6:
            data = struct.pack('>IHBB', 0x60000000, 8, 17, 64) + b'\x20\x01\x0d\xb8' + bytes(11) + b'\x09' + \
                b'\xff\x0e' + bytes(13) + b'\x01' + struct.pack('>HHHH', 5000, 5001, 8, 0)
        else:
            data = bytes(12) + bytes([10, 0, 0, 9, 239, 1, 1, 1])
        body = struct.pack('>I', rng.choice([0, 0x40000000, 0x80000000])) + data
    elif t == 2:
        body = addr('group') + addr('unicast')
    elif t in (3, 6, 7):
        groups = b''
        ng = rng.randrange(0, 3)
        for _ in range(ng):
            nj, np_ = rng.randrange(0, 3), rng.randrange(0, 2)
            groups += addr('group') + struct.pack('>HH', nj, np_) + \
                b''.join(addr('source') for _ in range(nj + np_))
        body = (addr('unicast') if t != 7 else b'') + \
            struct.pack('>BBH', 0, ng if rng.chance(0.9) else ng + 1, rng.choice([210, 0xffff, 0])) + groups
    elif t == 4:
        body = struct.pack('>HBB', rng.u16(), 30, rng.randrange(256)) + addr('unicast')
        for _ in range(rng.randrange(0, 3)):
            n = rng.randrange(0, 3)
            body += addr('group') + bytes([n, n, 0, 0]) + b''.join(
                addr('unicast') + struct.pack('>HBB', 150, rng.randrange(256), 0) for _ in range(n))
    elif t == 5:
        body = addr('group') + addr('unicast') + struct.pack('>II', rng.u32(), rng.randrange(100))
    elif t == 8:
        n = rng.randrange(0, 3)
        body = struct.pack('>BBH', n, rng.randrange(256), 150) + addr('unicast') + \
            b''.join(addr('group') for _ in range(n))
    elif t == 9:
        body = addr('unicast') + addr('group') + addr('unicast') + struct.pack('>H', 60)
    elif t == 10:
        body = addr('unicast') + struct.pack('>II', rng.u32(), rng.randrange(100)) + \
            addr('unicast') + struct.pack('>IIH', rng.u32(), 10, 100)
    else:
        body = rng.bytes(rng.randrange(0, 20))
    rsv = rng.pick([(10, 0), (1, 4), (1, lambda: rng.randrange(1, 5) << 4)])
    if t == 10:
        rsv = rng.randrange(1, 6) << 4
    msg = struct.pack('>BBH', ver << 4 | t, rsv, 0) + body
    if rng.chance(0.05):
        msg = msg[:rng.randrange(len(msg) + 1)]
    if t == 1 and rng.chance(0.5):
        part = msg[:8]
    else:
        part = msg
    csum = (inet_sum(part) ^ 0xffff) if fam == 4 else l4_checksum(src, dst, 103, part)
    if rng.chance(0.1):
        csum = rng.pick([(1, 0), (1, rng.u16)])
    return msg[:2] + struct.pack('>H', csum) + msg[4:] if len(msg) >= 4 else msg


def _lsa6_hdr(rng):
    """An OSPFv3 LSA header (RFC 5340 A.4.2)."""
    ls_type = rng.pick([(4, lambda: 0x2000 | rng.randrange(1, 15)), (1, lambda: rng.randrange(1, 15)),
                        (1, lambda: 0x4005), (1, rng.u16)])
    return struct.pack('>HH', rng.randrange(3600), ls_type) + bytes([0, 0, 0, rng.randrange(8)]) + \
        bytes([10, 0, 0, rng.randrange(1, 7)]) + struct.pack('>IHH', 0x80000000 + rng.randrange(100), rng.u16(),
                                                            rng.pick([(6, 20), (2, 36), (1, lambda: rng.randrange(40))]))


def _prefix6(rng):
    """An OSPFv3 address prefix (RFC 5340 A.4.1): length, options, metric, the prefix's words."""
    plen = rng.pick([(4, 64), (2, 48), (1, 128), (1, 0), (1, lambda: rng.randrange(256))])
    words = min((plen + 31) // 32, 4)
    return struct.pack('>BBH', plen, rng.pick([(3, 0), (1, 2), (1, lambda: rng.randrange(64))]), rng.u16()) + \
        b'\x20\x01\x0d\xb8' + rng.bytes(words * 4)[4:] if words else \
        struct.pack('>BBH', plen, 0, rng.u16())


def _lsa6(rng):
    """A whole OSPFv3 LSA: router, network, inter-area prefix, AS external, link, intra-area
    prefix or grace, or another type with random bytes."""
    t = rng.pick([(2, 0x2001), (1, 0x2002), (1, 0x2003), (1, 0x4005), (1, 8), (1, 0x2009), (1, 11),
                  (1, lambda: rng.u16())])
    rid = lambda: bytes([10, 0, 0, rng.randrange(1, 7)])  # noqa: E731
    if t == 0x2001:
        body = struct.pack('>I', rng.randrange(4) << 24 | 0x13) + b''.join(
            struct.pack('>BBH', rng.pick([(4, lambda: rng.randrange(1, 5)), (1, 9)]), 0, rng.u16()) +
            rng.bytes(4) + rng.bytes(4) + rid() for _ in range(rng.randrange(0, 3)))
    elif t == 0x2002:
        body = struct.pack('>I', 0x13) + b''.join(rid() for _ in range(rng.randrange(1, 4)))
    elif t == 0x2003:
        body = struct.pack('>I', rng.randrange(1 << 24)) + _prefix6(rng)
    elif t == 0x4005:
        flags = rng.choice([0, 0x02000000, 0x01000000, 0x83000000])
        pre = _prefix6(rng)
        body = struct.pack('>I', flags | rng.randrange(1 << 24)) + pre + \
            (rng.bytes(16) if flags & 0x02000000 else b'') + (rid() if flags & 0x01000000 else b'') + \
            (rid() if pre[2] else b'')
    elif t == 8:
        n = rng.randrange(0, 3)
        body = struct.pack('>I', rng.randrange(256) << 24 | 0x13) + b'\xfe\x80' + bytes(13) + b'\x01' + \
            struct.pack('>I', n) + b''.join(_prefix6(rng) for _ in range(n))
    elif t == 0x2009:
        n = rng.randrange(0, 3)
        body = struct.pack('>HH', n, 0x2001) + rid() + rid() + b''.join(_prefix6(rng) for _ in range(n))
    elif t == 11:
        body = struct.pack('>HHI', 1, 4, 120) + struct.pack('>HHB', 2, 1, rng.randrange(5)) + bytes(3)
    else:
        body = rng.bytes(rng.randrange(0, 12))
    if rng.chance(0.05):
        body = body[:rng.randrange(len(body) + 1)]
    ln = 20 + len(body) if rng.chance(0.92) else rng.randrange(0, 60)
    return struct.pack('>HH', rng.randrange(3600), t) + rid() + rid() + \
        struct.pack('>IHH', 0x80000000 + rng.randrange(100), rng.u16(), ln) + body


def ospf6(rng, src, dst):
    """An OSPFv3 packet: hello, database description, request, update or ack, with LLS and an
    authentication trailer now and then."""
    t = rng.pick([(4, 1), (2, 2), (1, 3), (1, 4), (1, 5), (1, lambda: rng.randrange(256))])
    rid = lambda: bytes([10, 0, 0, rng.randrange(1, 7)])  # noqa: E731
    opts = rng.pick([(4, 0x13), (1, 0x213), (1, 0x413), (1, 0x613), (1, rng.u32)])
    if t == 1:
        body = rid() + struct.pack('>I', rng.randrange(256) << 24 | opts & 0xffffff) + struct.pack('>HH', 10, 40) + \
            rng.choice([bytes(4), rid()]) + rng.choice([bytes(4), rid()]) + b''.join(rid() for _ in range(rng.randrange(3)))
    elif t == 2:
        body = struct.pack('>IHBBI', opts & 0xffffff, 1500, 0, rng.choice([7, 3, 1, 0x10]), rng.u32()) + \
            b''.join(_lsa6_hdr(rng) for _ in range(rng.randrange(0, 3)))
    elif t == 3:
        body = b''.join(struct.pack('>HH', 0, 0x2001) + rid() + rid() for _ in range(rng.randrange(0, 3)))
    elif t == 4:
        lsas = [_lsa6(rng) for _ in range(rng.randrange(0, 3))]
        body = struct.pack('>I', len(lsas) if rng.chance(0.9) else rng.randrange(5)) + b''.join(lsas)
    elif t == 5:
        body = b''.join(_lsa6_hdr(rng) for _ in range(rng.randrange(0, 3)))
    else:
        body = rng.bytes(rng.randrange(0, 20))
    ln = 16 + len(body)
    if rng.chance(0.05):
        ln = rng.randrange(0, ln + 8)
    hdr = struct.pack('>BBH', rng.pick([(9, 3), (1, lambda: rng.randrange(4))]), t, ln) + rid() + \
        rng.choice([bytes(4), bytes([0, 0, 0, 1])]) + struct.pack('>HBB', 0, rng.pick([(4, 0), (1, 1)]), 0)
    trailer = b''
    if opts & 0x200 and t in (1, 2) and rng.chance(0.8):
        trailer += struct.pack('>HH', rng.u16(), rng.pick([(4, 8), (1, lambda: rng.randrange(12))])) + \
            struct.pack('>HH', 1, 0)
    if opts & 0x400 and rng.chance(0.8):
        trailer += struct.pack('>HHHHII', rng.choice([1, 2]), rng.pick([(4, 32), (1, lambda: rng.randrange(40))]), 0,
                               rng.u16(), rng.u32(), rng.u32()) + rng.bytes(16)
    msg = hdr + body
    csum = l4_checksum(src, dst, 89, msg + trailer[:0])
    return msg[:12] + struct.pack('>H', csum) + msg[14:] + trailer


_IKE_COOKIES = []


def ike(rng):
    """An ISAKMP/IKE message (RFC 2408, 7296): IKEv1 or IKEv2 header, a first message (no
    responder cookie) or a later one reusing a cookie seen before, flags, and a chain of
    payloads of every kind with right or wrong lengths."""
    major = rng.pick([(3, 1), (3, 2), (1, lambda: rng.randrange(16))])
    if _IKE_COOKIES and rng.chance(0.6):
        ick = rng.choice(_IKE_COOKIES)
        rck = rng.bytes(8)
    else:
        ick = rng.pick([(8, lambda: rng.bytes(8)), (1, bytes(8))])
        rck = bytes(8) if rng.chance(0.6) else rng.bytes(8)
        _IKE_COOKIES.append(ick)
        del _IKE_COOKIES[:-10]
    etype = rng.pick([(3, 2), (2, 4), (2, 32), (2, 34), (2, 35), (1, 36), (1, 37), (1, 5),
                      (1, lambda: rng.randrange(256))])
    flags = rng.pick([(4, 0), (2, 1), (1, 2), (2, 8), (2, 0x20), (1, 0x28), (1, lambda: rng.randrange(256))])
    kinds = [4, 8, 9, 10, 13, 14, 20, 99, 200] if major == 1 else [40, 43, 41, 99, 14, 200]
    pays = []
    for _ in range(rng.randrange(0, 4)):
        body = rng.bytes(rng.randrange(0, 24))
        pays.append([rng.choice(kinds), body])
    first = pays[0][0] if pays else 0
    blob = b''
    for i, (kind, body) in enumerate(pays):
        nxt = pays[i + 1][0] if i + 1 < len(pays) else 0
        ln = 4 + len(body)
        if rng.chance(0.08):
            ln = rng.randrange(0, ln + 10)
        blob += struct.pack('>BBH', nxt, 0, ln) + body
    ln = 28 + len(blob)
    if rng.chance(0.1):
        ln = rng.u32()
    hdr = ick + rck + struct.pack('>BBBBII', first, major << 4 | rng.choice([0, 1]), etype, flags,
                                  rng.pick([(1, 0), (1, rng.u32)]), ln)
    return hdr + blob
