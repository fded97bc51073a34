#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tunnelled frames, each encapsulation the printer decodes, with TCP, UDP and ICMP inside, a
tunnel in a tunnel, and captures cut in each header: tunnels.py OUT.pcap. tests/live_tunnels.sh
replays them next to tcpdump -r, the oracle."""
import os
import struct
import sys

import gen_pcaps as g

O4, P4 = "192.0.2.1", "192.0.2.2"  # the underlay
O6, P6 = "2001:db8:ff::1", "2001:db8:ff::2"
I4, J4 = "10.9.0.1", "10.9.0.2"  # the overlay
I6, J6 = "2001:db8:9::1", "2001:db8:9::2"


def inner4(kind, seq=1000):
    if kind == "tcp":
        return g.ipv4(I4, J4, g.PROTO_TCP, g.tcp(I4, J4, 40000, 9999, seq, 5000, fl="PA",
                                                  opts=g.o_nop() + g.o_nop() + g.o_ts(1, 2),
                                                  data=b"x" * 20))
    if kind == "udp":
        return g.ipv4(I4, J4, g.PROTO_UDP, g.udp(I4, J4, 40001, 9998, b"y" * 12))
    return g.ipv4(I4, J4, g.PROTO_ICMP, g.icmp(8, 0, struct.pack("!HH", 7, 1), b"z" * 16))


def inner6(kind, seq=1000):
    if kind == "tcp":
        return g.ipv6(I6, J6, g.PROTO_TCP, g.tcp(I6, J6, 40000, 9999, seq, 5000, fl="S"))
    return g.ipv6(I6, J6, g.PROTO_UDP, g.udp(I6, J6, 40001, 9998, b"y" * 12))


def ether_in(payload, etype=g.ETH_IP4):
    return g.eth(etype, payload, dst="02:00:00:00:09:02", src="02:00:00:00:09:01", pad=False)


def gre(proto, payload, key=None, seq=None, csum=False):
    fl = (0x8000 if csum else 0) | (0x2000 if key is not None else 0) | \
        (0x1000 if seq is not None else 0)
    h = struct.pack("!HH", fl, proto)
    if csum:
        h += struct.pack("!HH", 0x1234, 0)
    if key is not None:
        h += struct.pack("!I", key)
    if seq is not None:
        h += struct.pack("!I", seq)
    return h + payload


def vxlan(vni, frame):
    return struct.pack("!BBHI", 0x08, 0, 0, vni << 8) + frame


def geneve(vni, proto, payload, opts=b""):
    return struct.pack("!BBHI", len(opts) // 4, 0, proto, vni << 8) + opts + payload


def mpls(labels, payload):
    out = b""
    for i, lab in enumerate(labels):
        s = 1 if i == len(labels) - 1 else 0
        out += struct.pack("!I", lab << 12 | s << 8 | 64)
    return out + payload


def pppoe(sess, ppp_proto, payload):
    body = struct.pack("!H", ppp_proto) + payload
    return struct.pack("!BBHH", 0x11, 0, sess, len(body)) + body


def over4(proto, payload):
    return g.eth(g.ETH_IP4, g.ipv4(O4, P4, proto, payload))


def over6(nh, payload):
    return g.eth(g.ETH_IP6, g.ipv6(O6, P6, nh, payload))


def udp4(dport, payload):
    return over4(g.PROTO_UDP, g.udp(O4, P4, 51000, dport, payload))


def frames():
    out = []
    for kind in ("tcp", "udp", "icmp"):
        out.append(over4(47, gre(0x0800, inner4(kind))))
        out.append(over4(47, gre(0x0800, inner4(kind), key=0x2a, seq=7)))
        out.append(over4(4, inner4(kind)))
        out.append(over6(4, inner4(kind)))
        out.append(udp4(4789, vxlan(42, ether_in(inner4(kind)))))
        out.append(udp4(6081, geneve(43, 0x6558, ether_in(inner4(kind)))))
        out.append(udp4(6081, geneve(44, 0x0800, inner4(kind),
                                     opts=struct.pack("!HBB", 0x0102, 0x80, 1) + b"abcd")))
        out.append(g.eth(0x8847, mpls([100, 200], inner4(kind))))
        out.append(g.eth(0x8864, pppoe(0x11, 0x0021, inner4(kind))))
    for kind in ("tcp", "udp"):
        out.append(over4(41, inner6(kind)))
        out.append(over6(41, inner6(kind)))
        out.append(over4(47, gre(0x86dd, inner6(kind), csum=True)))
        out.append(g.eth(0x8847, mpls([2], inner6(kind))))
        out.append(g.eth(0x8864, pppoe(0x11, 0x0057, inner6(kind))))
        out.append(udp4(4789, vxlan(42, ether_in(inner6(kind), g.ETH_IP6))))
    out.append(over4(47, gre(0x6558, ether_in(inner4("tcp")))))
    out.append(over4(47, gre(0x8847, mpls([16], inner4("tcp")))))
    # nested: IPIP in GRE in VXLAN
    out.append(udp4(4789, vxlan(5, ether_in(g.ipv4(I4, J4, 47, gre(0x0800, g.ipv4(
        "10.8.0.1", "10.8.0.2", 4, inner4("tcp"))))))))
    # truncated and malformed
    full = over4(47, gre(0x0800, inner4("tcp"), key=1))
    out += [(full, n) for n in (36, 38, 40, 50, 60, 70)]
    vx = udp4(4789, vxlan(42, ether_in(inner4("tcp"))))
    out += [(vx, n) for n in (44, 48, 52, 60, 70, 90)]
    gn = udp4(6081, geneve(44, 0x0800, inner4("tcp"), opts=b"\x01\x02\x80\x01abcd"))
    out += [(gn, n) for n in (44, 50, 54, 60, 80)]
    out.append(g.eth(0x8847, mpls([100], b"\x00\x01")))
    out.append(g.eth(0x8864, pppoe(0x11, 0x0021, b"")))
    out.append(over4(47, struct.pack("!HH", 0x0001, 0x0800)))
    out.append(udp4(4789, b"\x08\x00"))
    out.append(udp4(6081, struct.pack("!BBHI", 0x40, 0, 0x0800, 0)))
    return out


def main():
    p = g.Pcap(os.path.basename(sys.argv[1]))
    t = g.ns(1700000000)
    for f in frames():
        frame, caplen = f if isinstance(f, tuple) else (f, None)
        p.add(t, frame, caplen=caplen)
        t += 1000
    p.write(os.path.dirname(os.path.abspath(sys.argv[1])))


if __name__ == "__main__":
    main()
