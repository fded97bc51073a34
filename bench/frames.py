#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The frames the in-kernel cost is measured on, one pcap each: frames.py OUTDIR.

A client 10.0.0.2 talks to a server 10.0.0.1:443 (IPv6: 2001:db8::2 -> 2001:db8::1), so the
typical expression `tcp port 443 and host 10.0.0.1` matches the IPv4 frames, rejects the IPv6
and the port-80 ones.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import gen_pcaps as g  # noqa: E402

C4, S4, C6, S6 = "10.0.0.2", "10.0.0.1", "2001:db8::2", "2001:db8::1"
TS = g.o_ts(123456, 654321)
HTTP_GET = (b"GET /index.html HTTP/1.1\r\nHost: web.test\r\nUser-Agent: curl/7.88.1\r\n"
            b"Accept: */*\r\n\r\n")
# a query for web.test A with EDNS0: tcpdump prints "58364+ [1au] A? web.test. (48)"
DNS_QUERY = (bytes.fromhex("e3fc01200001000000000001") + b"\x03web\x04test\x00\x00\x01\x00\x01"
             + bytes.fromhex("0000291000000000000c000a0008") + bytes(8))


def frames():
    syn_opts = g.o_mss(1460) + g.o_sackok() + TS + g.o_nop() + g.o_ws(7)
    ack_ts = g.o_nop() + g.o_nop() + TS
    syn = g.tcp4(C4, S4, 51000, 443, 1000, fl="S", opts=syn_opts)
    return {
        "syn-options": (syn, None),
        "ack-timestamps": (g.tcp4(C4, S4, 51000, 443, 1001, 5001, opts=ack_ts), None),
        "data-1448": (g.tcp4(S4, C4, 443, 51000, 5001, 1001, fl="PA", opts=ack_ts,
                             data=bytes(1448)), None),
        "ipv6-ack": (g.tcp6(C6, S6, 51000, 443, 1001, 5001, opts=ack_ts), None),
        "vlan-ack": (g.vlan([(100, 0, 0)], g.ETH_IP4, g.ipv4(C4, S4, g.PROTO_TCP, g.tcp(
            C4, S4, 51000, 443, 1001, 5001, opts=ack_ts))), None),
        "truncated": (syn, 60),  # cut inside the options, as a short snap length leaves it
        "other-port-ack": (g.tcp4(C4, S4, 51000, 80, 1001, 5001, opts=ack_ts), None),
        # Payload the printer decodes: the record carries the bytes its decoder reads.
        "http-get": (g.tcp4(C4, S4, 51000, 80, 1001, 5001, fl="PA", opts=ack_ts,
                            data=HTTP_GET), None),
        "dns-query": (g.eth(g.ETH_IP4, g.ipv4(C4, S4, g.PROTO_UDP,
                                              g.udp(C4, S4, 41000, 53, DNS_QUERY))), None),
        # tunnelled: the record carries the frame's bytes (the printer decodes the inner packet)
        "gre-ack": (g.eth(g.ETH_IP4, g.ipv4("192.0.2.1", "192.0.2.2", 47, struct.pack(
            "!HH", 0, g.ETH_IP4) + g.ipv4(C4, S4, g.PROTO_TCP, g.tcp(
                C4, S4, 51000, 443, 1001, 5001, opts=ack_ts)))), None),
        "vxlan-ack": (g.eth(g.ETH_IP4, g.ipv4("192.0.2.1", "192.0.2.2", g.PROTO_UDP, g.udp(
            "192.0.2.1", "192.0.2.2", 51000, 4789, struct.pack("!II", 0x08000000, 42 << 8) +
            g.tcp4(C4, S4, 51000, 443, 1001, 5001, opts=ack_ts)))), None),
    }


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (frame, caplen) in frames().items():
        p = g.Pcap(name + ".pcap")
        p.add(g.ns(1700000000), frame, caplen=caplen)
        p.write(out)


if __name__ == "__main__":
    main()
