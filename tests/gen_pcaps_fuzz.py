#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Regression captures for the divergence classes the differential fuzzer found.

tests/difffuzz/run finds frames on which xdpspy and tcpdump printed different
lines; each class it found gets a few small, hand-made frames here, written
with gen_pcaps.py's builders, so the golden replay keeps checking it:

  fuzz-vlan-deep.pcap      three and more VLAN tags, the 0x9200 tag type
  fuzz-ah.pcap             TCP behind AH headers, over IPv4 and IPv6; ESP
  fuzz-ipv6-long.pcap      extension-header chains past 8 headers or 64 bytes
  fuzz-tcp-opt-edge.pcap   an option kind in the area's last byte, MD5 on a cut
                           capture, relative sequence numbers after them
  fuzz-ipv4-opt-past.pcap  IPv4 options whose printers read past their length

Run by gen_pcaps.py (python3 tests/gen_pcaps.py). Standard library only, same
bytes on every run. No IPv6 chain here is longer than 16 headers (the budget of
xdpspy's in-kernel protochain) or makes libpcap 1.10.3's protochain loop (an
AH header whose length points back to itself).
"""

import struct

from gen_pcaps import (A4, A6, B4, B6, CP, ETH_IP4, ETH_IP6, NH_DST, NH_FRAG, NH_RT, PROTO_TCP,
                       SP, Clock, Pcap, addr, eth, ext_frag, ext_opts, ext_rt0, ext_srh, ipv4,
                       ipv6, o_mss, o_nop, o_raw, o_sackok, o_ts, padded, tcp, vlan)

NH_AH, NH_ESP = 51, 50


def ah(nh, icv=b'\xa0' * 12, spi=0x1000, seq=7, length=None, reserved=0):
    """An AH header (RFC 4302): its length in 32-bit words minus 2."""
    ln = (12 + len(icv)) // 4 - 2 if length is None else length
    return struct.pack('!BBHII', nh, ln, reserved, spi, seq) + icv


def gen_vlan_deep():
    p = Pcap('fuzz-vlan-deep.pcap')
    clk = Clock(1700020000, 2000)
    seg = tcp(A4, B4, CP, SP, 100, 0, 'S', opts=padded(o_mss(1460)))
    ip = ipv4(A4, B4, PROTO_TCP, seg)
    p.add(clk(), vlan([(7, 0, 0)], ETH_IP4, ip, tpids=[0x9200]))
    p.add(clk(), vlan([(10, 1, 0), (20, 2, 1), (30, 3, 0)], ETH_IP4, ip,
                      tpids=[0x88a8, 0x8100, 0x8100]))
    tags = [(100 + i, i % 8, i % 2) for i in range(6)]
    p.add(clk(), vlan(tags, ETH_IP4, ip, tpids=[0x88a8, 0x9100, 0x9200, 0x8100, 0x8100, 0x8100]))
    seg6 = tcp(A6, B6, CP, SP, 100, 0, 'S')
    f = vlan([(1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0)], ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6))
    p.add(clk(), f)
    p.add(clk(), f, caplen=24)  # cut inside the third tag
    p.add(clk(), f, caplen=30)  # after the fourth
    # A conversation whose SYN-ACK is behind three tags: the relative numbers of what follows.
    sa = tcp(B4, A4, SP, CP + 1, 5000, 101, 'SA')
    p.add(clk(), vlan([(1, 0, 0), (2, 0, 0), (3, 0, 0)], ETH_IP4, ipv4(B4, A4, PROTO_TCP, sa)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP + 1, SP, 101, 5001, 'PA',
                                                           data=b'after tags'))))
    return p


def gen_ah():
    p = Pcap('fuzz-ah.pcap')
    clk = Clock(1700020100, 2000)
    seg = tcp(A4, B4, CP, SP, 100, 0, 'S', opts=padded(o_mss(1460)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, NH_AH, ah(PROTO_TCP) + seg)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, NH_AH, ah(NH_AH, spi=1) + ah(PROTO_TCP, spi=2) + seg,
                                   opts=b'\x01' * 7 + b'\x00')))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, NH_AH, ah(PROTO_TCP, icv=b'', reserved=0x604) + seg)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, NH_AH, ah(PROTO_TCP) + seg)), caplen=14 + 20 + 18)
    seg6 = tcp(A6, B6, CP, SP, 100, 0, 'S', opts=padded(o_mss(1440)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_AH, ah(PROTO_TCP, icv=b'\xb0' * 16) + seg6)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_DST, ext_opts(NH_AH, b'') + ah(PROTO_TCP) + seg6)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_AH, ah(NH_AH) + ah(PROTO_TCP) + seg6)))
    # After AH, tcpdump follows only AH: a destination options header is a protocol name.
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_AH, ah(NH_DST) + ext_opts(PROTO_TCP, b'') + seg6)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_AH, ah(NH_ESP) + struct.pack('!II', 9, 1) +
                                   bytes(24))))
    # ESP on its own: tcpdump prints its SPI and sequence number, which the event holds.
    esp = struct.pack('!II', 0x1234, 77) + bytes(24)
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, NH_ESP, esp)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_ESP, esp)))
    # A handshake seeded through AH, then plain segments: relative numbers.
    sa = tcp(B4, A4, SP, CP + 2, 9000, 501, 'SA')
    p.add(clk(), eth(ETH_IP4, ipv4(B4, A4, NH_AH, ah(PROTO_TCP) + sa)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP + 2, SP, 501, 9001, 'PA',
                                                           data=b'after AH'))))
    return p


def gen_ipv6_long():
    p = Pcap('fuzz-ipv6-long.pcap')
    clk = Clock(1700020200, 2000)
    seg = tcp(A6, B6, CP, SP, 100, 0, 'S', opts=padded(o_mss(1440), o_sackok()))
    chain = b''.join(ext_opts(NH_DST if i < 9 else PROTO_TCP, b'') for i in range(10))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_DST, chain + seg)))
    hops = ['2001:db8:1::%d' % i for i in range(1, 5)]
    rt = ext_rt0(PROTO_TCP, hops, 4)
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_RT, rt + tcp(A6, B6, CP, SP, 1, 0, 'S',
                                                           ck_dst=hops[-1]))))
    srh = ext_srh(NH_FRAG, ['2001:db8:2::%d' % i for i in range(1, 4)], 2)
    long6 = srh + ext_frag(NH_DST, 0, True, 0x1234) + ext_opts(PROTO_TCP, bytes([1, 20]) + bytes(20))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_RT, long6 + seg)))
    chain14 = b''.join(ext_opts(NH_DST if i < 13 else PROTO_TCP, bytes([1, 4]) + bytes(4))
                       for i in range(14))
    f = eth(ETH_IP6, ipv6(A6, B6, NH_DST, chain14 + seg))
    p.add(clk(), f)
    p.add(clk(), f, caplen=14 + 40 + 8 * 11 + 3)  # cut in the 12th header
    # A segment routing header without segments: tcpdump's pseudo header takes segment 0
    # from the bytes after it (-v's checksum verdict).
    srh0 = bytes([PROTO_TCP, 0, 4, 0, 0, 0, 0, 0])
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_RT, srh0 + tcp(A6, B6, CP, SP, 1, 0, 'S'))))
    return p


def gen_tcp_opt_edge():
    p = Pcap('fuzz-tcp-opt-edge.pcap')
    clk = Clock(1700020300, 2000)
    last = o_mss(1460) + b'\x01\x01\x01\xfe'
    # A kind in the area's last byte: its length byte is payload, [bad opt] when captured.
    f = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP, SP, 1, 0, 'S', opts=last,
                                                  data=b'\x07xyz')))
    p.add(clk(), f)
    p.add(clk(), f, caplen=len(f) - 4)
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP, SP, 1, 0, 'S', opts=last))))
    # MD5 (RFC 2385) on a capture cut in the payload: "snaplen too short".
    md5 = padded(o_nop(), o_nop(), o_raw(19, bytes(range(1, 17))))
    f = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP + 1, SP, 1, 1, 'PA', opts=md5,
                                                  data=b'abcdefgh')))
    p.add(clk(), f)
    p.add(clk(), f, caplen=len(f) - 4)
    # A SYN-ACK that ends in [bad opt] still seeds tcpdump's relative numbers.
    sa = tcp(B4, A4, SP, CP + 2, 7000, 201, 'SA', opts=last, data=b'\x07')
    p.add(clk(), eth(ETH_IP4, ipv4(B4, A4, PROTO_TCP, sa)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, CP + 2, SP, 201, 7001, 'A',
                                                           opts=padded(o_nop(), o_nop(),
                                                                       o_ts(5, 6))))))
    return p


def gen_ipv4_opt_past():
    p = Pcap('fuzz-ipv4-opt-past.pcap')
    clk = Clock(1700020400, 2000)
    seg = tcp(A4, B4, 52750, SP, 1, 0, 'S')
    rr5 = bytes([7, 5, 8]) + addr('198.51.100.7')[:2]
    cases = [
        bytes([137, 7, 4]) + addr('245.169.62.48') + b'\x34',  # a kind in the last byte
        rr5 + b'\x01\x01\x01',  # an odd route length: 4 bytes read from offset 3
        b'\x01\x01\x01' + rr5,  # ... the last of them past the options
        bytes([131, 9, 4]) + addr('192.0.2.9') + addr('192.0.2.10')[:2] + b'\x01\x01\x01',
        b'\x01' + bytes([68, 11, 14, 0x03]) + addr('192.0.2.7') + b'\0\0\x05',  # a hop past
        b'\x01\x01\x01' + bytes([68, 9, 5, 0x00]) + b'\0\0\0\x01\0',  # TSONLY, odd length
    ]
    for opts in cases:
        f = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg, opts=opts))
        p.add(clk(), f)
    f = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg, opts=cases[2]))
    p.add(clk(), f, caplen=14 + 20 + 9)  # the route's last read past the capture
    return p


def protochain_ends(frame):
    """Does libpcap 1.10.3's protochain program end on this frame, whatever the protocol it
    looks for? Its AH step sets X = (length + 2) * 4 where it should add that to X, so an AH
    header can send the walk back to where it was, forever (tcpdump -r F 'protochain 6' hangs,
    and so would the filter tests)."""
    off, et = 14, struct.unpack('!H', frame[12:14])[0]
    if et == 0x8100:
        off, et = 18, struct.unpack('!H', frame[16:18])[0]
    if et == ETH_IP4:
        x, a, v6 = (frame[off] & 15) * 4, frame[off + 9], False
    elif et == ETH_IP6:
        x, a, v6 = 40, frame[off + 6], True
    else:
        return True
    seen = set()
    while (x, a) not in seen:
        seen.add((x, a))
        if off + x + 1 >= len(frame):
            return True  # a load past the frame: no match
        nxt, ln = frame[off + x], frame[off + x + 1]
        if v6 and a in (0, 43, 60):
            x += (ln + 1) * 8
        elif v6 and a == 44:
            x += 8
        elif a == NH_AH:
            x = (ln + 2) * 4
        else:
            return True
        a = nxt
    return False


def checked(gen):
    """gen, refusing a frame libpcap's protochain would loop on."""
    def run():
        p = gen()
        for rec in p.records:
            assert protochain_ends(rec[2]), (p.name, rec[2].hex())
        return p
    return run


GENERATORS = [checked(g) for g in
              (gen_vlan_deep, gen_ah, gen_ipv6_long, gen_tcp_opt_edge, gen_ipv4_opt_past)]
