# SPDX-License-Identifier: GPL-2.0-only
"""Encapsulations: GRE (RFC 2784/2890: checksum, key, sequence number; now and then version
1, routing or a wrong protocol), IPv4 in IPv4, IPv6 in IPv4, IPv4 and IPv6 in IPv6, VXLAN
(RFC 7348) and Geneve (RFC 8926, with options) over UDP, MPLS label stacks (RFC 3032) and PPPoE
sessions (RFC 2516) on Ethernet, with TCP (from the generator's conversations, so relative
sequence numbers follow the inner flow), UDP or ICMP inside, now and then a tunnel in a tunnel,
and wrong lengths, versions and flags. Cuts land on every header's boundaries (marks).

    frame(gen, marks) -> (bytes after the outer Ethernet header's type, ethertype, tcp, kind)
"""

import struct

import l4other
from checksum import l4_checksum

KINDS = ['gre', 'ipip', '6in4', '4in6', '6in6', 'vxlan', 'geneve', 'mpls', 'pppoe']
INNER4 = ['gre', 'ipip', '4in6', 'vxlan', 'geneve', 'mpls', 'pppoe']
INNER6 = ['gre', '6in4', '6in6', 'vxlan', 'geneve', 'mpls', 'pppoe']


def leads(frame, kind, at):
    """Do the outer headers of a tunnelled frame, as written (a bad IHL, a wrong AH length),
    lead to its tunnel? at: frames.transport_at(frame)."""
    nh, off = at
    tun = kind.split('-')[1]
    if tun in ('mpls', 'pppoe'):
        return nh is None
    if tun in ('vxlan', 'geneve'):
        port = 4789 if tun == 'vxlan' else 6081
        return nh == 17 and port in struct.unpack('>HH', frame[off:off + 4].ljust(4, b'\0'))
    return nh == {'gre': 47, 'ipip': 4, '4in6': 4, '6in4': 41, '6in6': 41}[tun]


def inner_packet(gen, fam, what, marks, base):
    """An IP packet (the generator's IPv4 options and AH, IPv6 extension headers) with TCP,
    UDP or ICMP; returns its bytes and whether its headers lead to TCP."""
    r = gen.rng
    if what == 'tcp':
        fam, src, dst, seg = gen.segment_of(fam)
    else:
        src, dst = gen.pair(fam)
    proto = {'tcp': 6, 'udp': 17}.get(what, 1 if fam == 4 else 58)

    def upper(off):
        if what == 'tcp':
            return gen.tcp_bytes(seg, src, dst, marks, off)
        if what == 'udp':
            return l4other.udp(r, src, dst)
        if fam == 4:
            return l4other.icmp4_checksum(l4other.icmp(r, lambda: gen.quote(4)), r)
        return l4other.icmp6(r, src, dst, lambda: gen.quote(6))
    if fam == 4:
        pkt, _ = gen.ip4(proto, src, dst, upper, marks, base)
    else:
        pkt, _, has_upper, _ = gen.ip6(proto, src, dst, upper, marks, base)
        if not has_upper:
            return pkt, False
    # Its headers as written (an AH length) lead to TCP, or elsewhere.
    from frames import transport  # frames imports this module
    return pkt, what == 'tcp' and transport(bytes(12) + struct.pack('>H', 0x0800 if fam == 4 else 0x86dd) + pkt) == 6


def ether(gen, etype, marks, base):
    """An inner Ethernet header, now and then with a VLAN tag."""
    r = gen.rng
    h = r.choice(gen.macs) + r.choice(gen.macs)
    if r.chance(0.1):
        h += struct.pack('>HH', 0x8100, r.randrange(1, 4095))
    h += struct.pack('>H', etype)
    marks.append(base + len(h))
    return h


def gre(gen, proto, marks, base):
    r = gen.rng
    flags = r.pick([(3, 0), (2, 0x2000), (2, 0x3000), (1, 0x1000), (1, 0xb000), (1, 0x8000),
                    (1, lambda: r.u16() & 0xf0ff)])
    if r.chance(0.03):
        flags = (flags & ~7) | r.pick([(3, 1), (1, lambda: r.randrange(2, 8))])
    h = struct.pack('>HH', flags, proto)
    if flags & 0xc000:
        h += struct.pack('>HH', r.u16(), r.pick([(3, 0), (1, r.u16)]))
    if flags & 0x2000:
        h += struct.pack('>I', r.u32())
    if flags & 0x1000:
        h += struct.pack('>I', r.u32())
    if flags & 0x0080 and flags & 7 == 1:
        h += struct.pack('>I', r.u32())
    if flags & 0x4000:  # routing: entries, then the null one (or not)
        for _ in range(r.randrange(0, 3)):
            af, ln = r.pick([(2, (0x0800, 8)), (1, (0xfffe, 4)), (1, (0x1234, 4))])
            h += struct.pack('>HBB', af, r.pick([(3, 0), (1, lambda: r.randrange(16))]), ln) + r.bytes(ln)
        if r.chance(0.8):
            h += b'\0\0\0\0'
    marks.append(base + len(h))
    return h


def udp_wrap(gen, src, dst, port, payload):
    r = gen.rng
    sport, dport = (port, r.randrange(40000, 60000)) if r.chance(0.1) else \
        (r.randrange(40000, 60000), port)
    ln = 8 + len(payload)
    if r.chance(0.03):
        ln = r.randrange(0, ln + 20)
    seg = struct.pack('>HHHH', sport, dport, ln & 0xffff, 0) + payload
    csum = r.pick([(3, lambda: l4_checksum(src, dst, 17, seg)), (2, 0), (1, r.u16)])
    return seg[:6] + struct.pack('>H', csum) + seg[8:]


def vxlan(gen):
    r = gen.rng
    flags = r.pick([(9, 0x08), (1, lambda: r.randrange(256))])
    return struct.pack('>BBHI', flags, 0, 0, r.randrange(1 << 24) << 8 | r.pick([(9, 0), (1, 0x5a)]))


def geneve(gen, proto):
    r = gen.rng
    opts = b''
    for _ in range(r.pick([(4, 0), (2, 1), (1, 2), (1, 3)])):
        n = r.pick([(3, 0), (3, 1), (1, 2), (1, lambda: r.randrange(32))])
        opts += struct.pack('>HBB', r.pick([(2, lambda: r.randrange(0x100, 0x105)), (1, r.u16),
                                            (1, lambda: r.randrange(256))]),
                            r.randrange(256), r.pick([(9, n), (1, lambda: r.randrange(256))])) + \
            r.bytes(4 * min(n, 4))
    optlen = len(opts) // 4
    ver = r.pick([(19, 0), (1, lambda: r.randrange(1, 4))])
    return struct.pack('>BBHI', ver << 6 | min(optlen, 63), r.pick([(5, 0), (1, 0x40), (1, 0x80),
                                                                   (1, lambda: r.randrange(256))]),
                       proto, r.randrange(1 << 24) << 8 | r.pick([(9, 0), (1, 7)])) + opts


def mpls(gen, fam):
    r = gen.rng
    n = r.pick([(4, 1), (3, 2), (1, 3), (1, 5)])
    labels = [r.pick([(5, lambda: r.randrange(16, 1 << 20)), (1, lambda: r.randrange(16))])
              for _ in range(n)]
    if r.chance(0.3):
        labels[-1] = 0 if fam == 4 else 2
    out = b''
    for i, lab in enumerate(labels):
        s = 1 if i == n - 1 else 0
        out += struct.pack('>I', lab << 12 | r.randrange(8) << 9 | s << 8 | r.randrange(256))
    return out


def pppoe(gen, fam, payload_len):
    r = gen.rng
    proto = r.pick([(6, 0x0021 if fam == 4 else 0x0057), (1, 0x0800 if fam == 4 else 0x86dd),
                    (1, 0xc021)])
    ppp = r.pick([(6, lambda: struct.pack('>H', proto)), (1, lambda: b'\xff\x03' + struct.pack('>H', proto)),
                  (1, lambda: bytes([proto & 0xff]) if proto < 0x100 else struct.pack('>H', proto))])
    ln = len(ppp) + payload_len
    if r.chance(0.05):
        ln = r.randrange(0, ln + 30)
    vt = r.pick([(19, 0x11), (1, lambda: r.randrange(256))])
    code = r.pick([(19, 0), (1, lambda: r.choice([0x09, 0x07, 0xa7, 0x42]))])
    head = struct.pack('>BBHH', vt, code, r.pick([(5, lambda: r.randrange(1, 65536)), (1, 0)]), ln)
    # Discovery codes carry tags, LCP its own messages: neither leads to the packet after.
    return head + ppp, code == 0 and proto != 0xc021


def frame(gen, marks, depth=0):
    """A tunnelled packet after an Ethernet header of gen.link(): (bytes, ethertype, tcp,
    kind). marks are offsets from the Ethernet header's end (the caller shifts them). Now and
    then the packet inside is itself a tunnelled one (GRE, VXLAN or Geneve around it)."""
    r = gen.rng
    what = r.pick([(6, 'tcp'), (2, 'udp'), (2, 'icmp')])
    pre = None
    if depth == 0 and r.chance(0.05):
        m = []
        d, et, t, _ = frame(gen, m, 1)
        pre = (d, t, m)
        kind = r.choice(['gre', 'vxlan', 'geneve'])
        ifam = 4 if et == 0x0800 else 6
    else:
        kind = r.choice(KINDS if depth == 0 else KINDS[:7])
        ifam = {'ipip': 4, '4in6': 4, '6in4': 6, '6in6': 6}.get(kind, r.pick([(3, 4), (1, 6)]))
    ofam = 6 if kind in ('4in6', '6in6') else 4 if kind in ('ipip', '6in4') else \
        r.pick([(3, 4), (1, 6)])
    ip_et = 0x0800 if ifam == 4 else 0x86dd
    label = 'tun-%s-%s' % (kind, 'nested' if pre else what)

    def inner(base):
        if pre:
            marks.extend(base + x for x in pre[2])
            return pre[0], pre[1]
        return inner_packet(gen, ifam, what, marks, base)

    if kind == 'mpls':
        head = mpls(gen, ifam)
        marks.append(len(head))
        data, tcp = inner(len(head))
        return head + data, 0x8847, tcp, label
    if kind == 'pppoe':
        m = []
        data, tcp = inner_packet(gen, ifam, what, m, 0)
        head, leads = pppoe(gen, ifam, len(data))
        marks.extend([len(head)] + [len(head) + x for x in m])
        return head + data, 0x8864, tcp and leads, label
    src, dst = gen.pair(ofam)
    tcp_in = [False]

    def payload(off):
        if kind in ('ipip', '6in4', '4in6', '6in6'):
            data, tcp_in[0] = inner(off)
            return data
        if kind == 'gre':
            teb = r.chance(0.15)
            proto = r.pick([(12, 0x6558 if teb else ip_et), (1, 0x8847), (1, r.u16)])
            h = gre(gen, proto, marks, off)
            if proto == 0x8847:
                h += mpls(gen, ifam)
                marks.append(off + len(h))
            elif teb:
                h += ether(gen, ip_et, marks, off + len(h))
            data, tcp_in[0] = inner(off + len(h))
            return h + data
        # VXLAN, Geneve: a UDP datagram to their port
        if kind == 'vxlan':
            h = vxlan(gen)
            h += ether(gen, ip_et, marks, off + 8 + len(h))
        else:
            teb = r.chance(0.5)
            h = geneve(gen, r.pick([(12, 0x6558 if teb else ip_et), (1, r.u16)]))
            if teb:
                h += ether(gen, ip_et, marks, off + 8 + len(h))
        marks.extend([off + 8, off + 16])
        data, tcp_in[0] = inner(off + 8 + len(h))
        return udp_wrap(gen, src, dst, 4789 if kind == 'vxlan' else 6081, h + data)
    proto = {'ipip': 4, '4in6': 4, '6in4': 41, '6in6': 41, 'gre': 47}.get(kind, 17)
    if ofam == 4:
        pkt, _ = gen.ip4(proto, src, dst, payload, marks, 0)
    else:
        pkt, _, has_upper, _ = gen.ip6(proto, src, dst, payload, marks, 0)
        if not has_upper:
            tcp_in[0] = False
    return pkt, 0x0800 if ofam == 4 else 0x86dd, tcp_in[0], label
