# SPDX-License-Identifier: GPL-2.0-only
"""Whole frames: Ethernet with 0-10 VLAN tags or 802.3/LLC, IPv4 or IPv6 with
options, extension headers and AH, TCP (mostly in conversations) or what
real links carry besides, padding, and captures cut at every layer boundary.

    gen = Generator(seed); f = gen.frame()   # f.data, f.wirelen, f.tcp, f.desc

A frame is TCP when TCP is the transport of its (outer) IP packet, reached
through IPv4 options, IPv6 extension headers or AH; those are the records
the runner holds to tcpdump's TCP line.
"""

import struct

import apps
import ipv4
import ipv6
import l4other
import tcpseg
import tunnels
from checksum import l4_checksum
from fuzzrand import FuzzRandom

VLAN_TYPES = [0x8100, 0x88a8, 0x9100, 0x9200]
# The share of frames drawn from the second stream (apps.py's protocols), and their kinds.
APP_SHARE = 0.06
APP_KINDS = [(2, 'dhcp'), (1, 'dhcp6'), (1, 'syslog'), (1, 'ntp'), (1, 'snmp'), (1, 'igmp'),
             (1, 'vrrp'), (1, 'sctp'), (1, 'ospf'), (1, 'lldp'), (1, 'stp'), (1, 'ppp'), (1, 'pim'), (1, 'ospf6'), (1, 'ike')]
APP_PORTS = {'dhcp': (68, 67), 'dhcp6': (546, 547), 'syslog': (514, 514), 'ntp': (123, 123),
             'snmp': (161, 162), 'ike': (500, 500)}
OTHER_ETHERTYPES = [0x88cc, 0x8847, 0x8863, 0x888e, 0x88f7, 0x8809, 0x88b5, 0x8035, 0x9000,
                    0x88e5, 0x6003, 0x0801, 0x1234]


class Frame:
    def __init__(self, data, wirelen, tcp, desc, kind='?'):
        self.data, self.wirelen, self.tcp, self.desc = data, wirelen, tcp, desc
        self.kind = kind  # the report's per-kind table: l4other.kind()


def transport(frame):
    """The protocol a frame's headers lead to, following the lengths and next-header fields
    as written (a wrong AH length leads elsewhere), the way tcpdump's printers walk them:
    VLAN tags, IPv4 and its AH headers, IPv6 extension headers and then AH headers. None when
    there is no IP."""
    return transport_at(frame)[0]


def transport_at(frame):
    """transport(), and the offset of that protocol's header."""
    def byte(i):
        return frame[i] if i < len(frame) else None
    off, et = 14, int.from_bytes(frame[12:14], 'big')
    while et in VLAN_TYPES and off + 4 <= len(frame):
        et = int.from_bytes(frame[off + 2:off + 4], 'big')
        off += 4
    v = byte(off)
    if v is None:
        return None, off
    if et == 0x0800 and v >> 4 == 4:
        nh, off, ah_only = byte(off + 9), off + (v & 15) * 4, True
    elif et == 0x86dd and v >> 4 == 6:
        nh, off, ah_only = byte(off + 6), off + 40, False
    else:
        return None, off
    while nh is not None:
        if nh == 51:
            ln = byte(off + 1)
            nh, off, ah_only = byte(off), off + ((ln or 0) + 2) * 4, True
        elif not ah_only and nh in (0, 43, 60):
            ln = byte(off + 1)
            nh, off = byte(off), off + ((ln or 0) + 1) * 8
        elif not ah_only and nh == 44:
            nh, off = byte(off), off + 8
        else:
            return nh, off
    return None, off


class Generator:
    def __init__(self, seed):
        self.rng = FuzzRandom(seed)
        self.convs = []
        r = self.rng
        self.v4 = [bytes([10, 0, 0, i]) for i in range(1, 7)] + [bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2])]
        self.v6 = [bytes.fromhex('20010db8' + '0' * 23 + str(i)) for i in range(1, 7)] + \
            [bytes.fromhex('fe80' + '0' * 27 + '1'), bytes.fromhex('ff02' + '0' * 27 + '1')]
        self.macs = [r.bytes(6) for _ in range(6)] + [b'\xff' * 6, b'\x33\x33\x00\x00\x00\x01']
        # A second stream for apps.py's frames: drawing them leaves the first one, and so
        # every other frame of a seed, as it was.
        self.xr = FuzzRandom(seed ^ 0x41505053)

    # ---- addresses -------------------------------------------------------------------------
    def addr(self, fam):
        r = self.rng
        if fam == 4:
            return r.pick([(8, lambda: r.choice(self.v4)), (1, lambda: r.bytes(4))])
        return r.pick([(8, lambda: r.choice(self.v6)), (1, lambda: r.bytes(16))])

    def pair(self, fam):
        a = self.addr(fam)
        b = a if self.rng.chance(0.02) else self.addr(fam)
        return a, b

    # ---- the link layer --------------------------------------------------------------------
    def link(self, ethertype, marks):
        """Ethernet header and VLAN tags ending in ethertype; marks gets each boundary."""
        r = self.rng
        h = r.choice(self.macs) + r.choice(self.macs)
        ntags = r.pick([(80, 0), (9, 1), (5, 2), (3, 3), (1, 4), (1, lambda: r.randrange(5, 11))])
        types = [r.pick([(6, 0x8100), (3, 0x88a8), (1, 0x9100), (1, 0x9200)]) for _ in range(ntags)]
        for t in types:
            h += struct.pack('>H', t)
            marks.append(len(h))
            h += struct.pack('>H', r.pick([(5, lambda: r.randrange(1, 4095)), (1, 0), (1, 4095),
                                            (2, r.u16)]))
        h += struct.pack('>H', ethertype)
        marks.append(len(h))
        return h, ntags

    # ---- network layer with TCP -------------------------------------------------------------
    def segment(self):
        """A TCP segment and its addresses: from a conversation mostly."""
        r = self.rng
        if r.chance(0.8):
            if not self.convs or (len(self.convs) < 40 and r.chance(0.08)):
                fam = r.pick([(6, 4), (4, 6)])
                self.convs.append(tcpseg.Conversation(r, fam, *self.pair(fam)))
            c = r.choice(self.convs)
            seg, frm = c.step(r)
            src, dst = (c.a, c.b) if frm == 0 else (c.b, c.a)
            return c.fam, src, dst, seg
        fam = r.pick([(6, 4), (4, 6)])
        return (fam, *self.pair(fam), tcpseg.lone(r))

    def segment_of(self, fam):
        """A TCP segment of family fam, from one of its conversations mostly: inside a
        tunnel, its relative sequence numbers follow the inner flow."""
        r = self.rng
        convs = [c for c in self.convs if c.fam == fam]
        if not r.chance(0.8):
            return (fam, *self.pair(fam), tcpseg.lone(r))
        if not convs or (len(self.convs) < 40 and r.chance(0.08)):
            convs = [tcpseg.Conversation(r, fam, *self.pair(fam))]
            self.convs.append(convs[0])
        c = r.choice(convs)
        seg, frm = c.step(r)
        return (c.fam, *((c.a, c.b) if frm == 0 else (c.b, c.a)), seg)

    def tcp_bytes(self, seg, src, dst, marks, base):
        hdr = seg.header()
        data = hdr + seg.payload
        csum = l4_checksum(src, dst, 6, data)
        if self.rng.chance(0.05):
            csum = self.rng.u16()
        data = data[:16] + struct.pack('>H', csum) + data[18:]
        marks += [base + 4, base + 13, base + 20, base + len(hdr)]
        return data

    def ip4(self, proto, src, dst, payload_fn, marks, base):
        """IPv4 header, options and AH headers; payload_fn(offset) gives the upper layer."""
        r = self.rng
        opts = ipv4.options(r)
        ahs = []
        if proto in (6, 17) and r.chance(0.03):
            ahs = [ipv6.ah(r) for _ in range(r.pick([(4, 1), (1, 2)]))]
        off = base + 20 + len(opts)
        marks += [base + 20, off]
        for a in ahs:
            off += len(a)
            marks.append(off)
        upper = payload_fn(off)
        chain = b''
        for i, a in enumerate(ahs):
            chain += bytes([51 if i + 1 < len(ahs) else proto]) + a[1:]
        hdr, _ = ipv4.header(r, 51 if ahs else proto, src, dst, len(chain) + len(upper), opts)
        return hdr + chain + upper, 'v4' + ('+opt' if opts else '') + ('+ah' * len(ahs))

    def ip6(self, proto, src, dst, payload_fn, marks, base):
        """IPv6 header and an extension header chain; None for the upper layer when the chain
        ends it (ESP, mobility, no next header, an unknown one)."""
        r = self.rng
        hdrs, upper = ipv6.chain(r, proto)
        jumbo = r.chance(0.01)
        if jumbo:
            hdrs = [(ipv6.HBH, bytes([hdrs[0][0] if hdrs else proto]) + ipv6.opts_header(r, 0)[1:])] + hdrs
        off = base + 40
        marks.append(off)
        for _, h in hdrs:
            off += len(h)
            marks.append(off)
        payload = b''.join(h for _, h in hdrs)
        if upper is not None:
            payload += payload_fn(off)
        nh = hdrs[0][0] if hdrs else proto
        plen = len(payload)
        if jumbo:
            # The Jumbo Payload option's value: this payload, or one far longer (cut below).
            big = r.chance(0.5)
            jl = plen + (r.randrange(65536, 200000) if big else 0)
            i = payload.find(b'\xc2\x04')
            payload = payload[:i + 2] + struct.pack('>I', jl) + payload[i + 6:]
            hdr = ipv6.header(r, nh, src, dst, 0)
            hdr = hdr[:4] + b'\0\0' + hdr[6:]
            desc = 'v6 jumbo'
        else:
            hdr = ipv6.header(r, nh, src, dst, plen)
            desc = 'v6'
        kinds = ','.join(str(k) for k, _ in hdrs)
        return hdr + payload, desc + ('[%s]' % kinds if hdrs else ''), upper is not None, \
            (jl - plen if jumbo and big else 0)

    # ---- whole frames ----------------------------------------------------------------------
    def frame(self):
        if self.xr.chance(APP_SHARE):
            main, self.rng = self.rng, self.xr
            try:
                return self.app_frame()
            finally:
                self.rng = main
        r = self.rng
        marks = [6, 12, 14]
        what = r.pick([(70, 'tcp'), (7, 'udp'), (5, 'icmp'), (5, 'icmp6'), (4, 'arp'),
                       (2, 'llc'), (2, 'ethertype'), (2, 'ipproto'), (1, 'short'),
                       (8, 'tunnel')])
        extra = 0
        tcp = False
        if what == 'short':
            data = r.bytes(r.randrange(1, 14))
            return Frame(data, len(data), False, 'short', 'short')
        self.kind = what
        if what == 'tunnel':
            m = []
            body, et, tcp, self.kind = tunnels.frame(self, m)
            h, ntags = self.link(et, marks)
            marks += [len(h) + x for x in m]
            return self.finish(h + body, marks, tcp, 'q%d %s' % (ntags, self.kind), 0)
        if what == 'llc':
            ln, body = l4other.llc(r)
            h, _ = self.link(0, marks)
            data = h[:-2] + ln + body
            desc = 'llc'
        elif what in ('ethertype', 'arp'):
            et = 0x0806 if what == 'arp' else r.choice(OTHER_ETHERTYPES)
            h, _ = self.link(et, marks)
            body = l4other.arp(r) if what == 'arp' else r.bytes(r.small_len(60))
            marks.append(len(h) + 8)
            data = h + body
            desc = what
        else:
            if what == 'tcp':
                fam, src, dst, seg = self.segment()
            else:
                fam = 6 if what == 'icmp6' else 4 if what == 'icmp' else r.pick([(1, 4), (1, 6)])
                src, dst = self.pair(fam)
            et = 0x0800 if fam == 4 else 0x86dd
            if r.chance(0.005):
                et = 0x86dd if fam == 4 else 0x0800
            h, ntags = self.link(et, marks)
            base = len(h)
            proto = {'tcp': 6, 'udp': 17, 'icmp': 1, 'icmp6': 58}.get(what)
            if what == 'ipproto':
                proto = r.choice([4, 41, 47, 50, 51, 2, 89, 103, 112, 132, 253, 59, 0, 43, 44, 60])

            def upper(off):
                if what == 'tcp':
                    return self.tcp_bytes(seg, src, dst, marks, off)
                if what == 'udp':
                    l4 = l4other.udp(r, src, dst)
                elif what == 'icmp':
                    l4 = l4other.icmp4_checksum(l4other.icmp(r, lambda: self.quote(4)), r)
                elif what == 'icmp6':
                    l4 = l4other.icmp6(r, src, dst, lambda: self.quote(6))
                else:
                    return r.bytes(r.small_len(40))
                self.kind = l4other.kind(what, l4)
                return l4
            if fam == 4:
                l3, desc = self.ip4(proto, src, dst, upper, marks, base)
                tcp = what == 'tcp'
            else:
                l3, desc, has_upper, extra = self.ip6(proto, src, dst, upper, marks, base)
                tcp = what == 'tcp' and has_upper
            data = h + l3
            desc = '%s q%d %s' % (what, ntags, desc)
        return self.finish(data, marks, tcp, desc, extra)

    def app_frame(self):
        """One of apps.py's protocols, drawn from the second stream (self.rng is it here)."""
        r = self.rng
        marks = [6, 12, 14]
        what = r.pick(APP_KINDS)
        self.kind = 'app-' + what
        if what in ('lldp', 'stp', 'ppp'):
            if what == 'lldp':
                h, _ = self.link(0x88cc, marks)
                data = h + apps.lldp(r)
            elif what == 'ppp':
                h, _ = self.link(0x8864, marks)
                data = h + apps.ppp_ctrl(r)
            else:
                h, _ = self.link(0, marks)
                body = apps.stp(r)
                data = h[:-2] + struct.pack('>H', len(body)) + body
            marks.append(len(h) + 4)
            return self.finish(data, marks, False, what, 0)
        fam = 4 if what in ('dhcp', 'igmp', 'ospf') else 6 if what in ('dhcp6', 'ospf6') else \
            r.pick([(1, 4), (1, 6)])
        src, dst = self.pair(fam)
        if what in APP_PORTS:
            ports = APP_PORTS[what]
            if r.chance(0.5):
                ports = ports[::-1]
            if r.chance(0.3):
                ports = (ports[0], r.randrange(40000, 60000)) if r.chance(0.5) else (r.randrange(40000, 60000), ports[1])
            payload = {'dhcp': apps.dhcp, 'dhcp6': apps.dhcp6, 'syslog': apps.syslog, 'ntp': apps.ntp,
                       'snmp': apps.snmp, 'ike': apps.ike}[what](r)
            seg = struct.pack('>HHHH', ports[0], ports[1], 8 + len(payload), 0) + payload
            csum = l4_checksum(src, dst, 17, seg) if r.chance(0.95) else r.u16()
            l4, proto = seg[:6] + struct.pack('>H', csum) + seg[8:], 17
        else:
            proto = {'igmp': 2, 'vrrp': 112, 'sctp': 132, 'ospf': 89, 'pim': 103, 'ospf6': 89}[what]
            l4 = apps.vrrp(r, fam) if what == 'vrrp' else apps.pim(r, fam, src, dst) if what == 'pim' else \
                apps.ospf6(r, src, dst) if what == 'ospf6' else \
                {'igmp': apps.igmp, 'sctp': apps.sctp, 'ospf': apps.ospf}[what](r)
        h, ntags = self.link(0x0800 if fam == 4 else 0x86dd, marks)

        def upper(off):
            marks.append(off + 8)
            return l4
        if fam == 4:
            l3, desc = self.ip4(proto, src, dst, upper, marks, len(h))
            extra = 0
        else:
            l3, desc, _, extra = self.ip6(proto, src, dst, upper, marks, len(h))
        return self.finish(h + l3, marks, False, '%s q%d %s' % (what, ntags, desc), extra)

    def quote(self, fam):
        """The start of the packet an ICMP error quotes."""
        r = self.rng
        src, dst = self.pair(fam)
        proto = r.pick([(3, 6), (2, 17), (1, 1 if fam == 4 else 58)])
        l4 = struct.pack('>HH', tcpseg.port(r), tcpseg.port(r)) + r.bytes(r.pick([(3, 4), (1, 16)]))
        if fam == 4:
            hdr, _ = ipv4.header(r, proto, src, dst, r.randrange(8, 1400), b'')
        else:
            hdr = ipv6.header(r, proto, src, dst, r.randrange(8, 1400))
        q = hdr + l4
        return q[:r.pick([(5, len(q)), (1, lambda: r.randrange(len(q) + 1))])]

    def finish(self, data, marks, tcp, desc, extra):
        """Padding to the Ethernet minimum, and the cut of the capture."""
        r = self.rng
        if len(data) < 60 and r.chance(0.9):
            n = 60 - len(data)
            data += bytes(n) if r.chance(0.7) else r.bytes(n)
        elif r.chance(0.03):
            data += r.bytes(r.randrange(1, 8))  # trailing bytes: an FCS, junk
        wirelen = len(data) + extra
        cut = len(data)
        if extra or r.chance(0.15):
            points = sorted(set(m for m in marks if 0 < m < len(data)))
            cut = r.pick([(6, lambda: r.choice(points) + r.choice([0, 0, 0, -1, 1, 2]) if points else cut),
                          (2, lambda: r.randrange(1, len(data) + 1))])
            cut = max(1, min(cut, len(data)))
            if cut < len(data):
                desc += ' cut%d/%d' % (cut, len(data))
        # A tunnel's headers lead to TCP when the outer ones lead to the tunnel (MPLS and
        # PPPoE are not IP: None) and the inner packet's to TCP (tunnels.frame() says).
        leads = tunnels.leads(data, self.kind, transport_at(data)) if self.kind.startswith('tun-') \
            else transport(data) == 6
        return Frame(data[:cut], wirelen, tcp and leads, desc, self.kind)


def main():
    import sys
    g = Generator(int(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        f = g.frame()
        print(f.tcp, f.wirelen, f.desc, f.data.hex())


if __name__ == '__main__':
    main()
