#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Crafted traffic with known answers for the flow table and the detectors (tests/flows.sh).

usage: flowgen.py NS_A IF_A NS_B IF_B SCENARIO [N] [PORT]

Frames "to A" are sent from NS_B out of IF_B, so they reach IF_A's ingress hook; frames "from
A" are sent out of IF_A, through its egress hook. Their destination MACs are nobody's, so the
receiving stacks drop them unanswered. Every frame of a scenario is built before the first is
sent, so a flood arrives within milliseconds. Scenarios (A is 10.199.0.1):

  udpflows N K     N UDP flows to A, K frames each, one flow after the other; prints each
                   flow's expected packets and bytes as JSON lines
  scan N           SYNs from 10.201.0.66 to N ports of A
  samevolume N     N SYNs from 10.201.0.77 (N client ports) to A's port 443
  stealth N        N each of NULL, FIN, Xmas and SYN+FIN segments from 10.201.0.88, a port each
  land N           N SYNs from A to A (port 80 to 80)
  martian N        N UDP datagrams to A from 127.0.0.1 and N from 224.0.0.9
  flood N PORT     N SYNs to A's PORT from N sources (10.202.x.y)
  handshakes N PORT  N handshakes to A's PORT from N sources: SYN, SYN-ACK, ACK
  rsts N           N RSTs from 10.201.0.55 to A
  zerowin N        one connection; A sends N segments, each acked with a zero window
  dupack N         one connection; the client's ACK, then N duplicates of it
  pair             two UDP flows to A: 50 small frames from 10.205.0.1.1111, 5 of 1042 bytes
                   from 10.205.0.2.3333 (more packets, fewer bytes; and the reverse)
"""
import ctypes
import json
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pcaps as g  # noqa: E402

A = "10.199.0.1"
NOBODY = "02:00:00:00:ff:ff"
CLONE_NEWNET = 0x40000000


def frame(src, dst, sport, dport, seq, ack, fl, data=b"", win=65535):
    seg = g.tcp(src, dst, sport, dport, seq, ack, fl, data=data, win=win)
    return g.eth(g.ETH_IP4, g.ipv4(src, dst, g.PROTO_TCP, seg), dst=NOBODY, src=g.mac_of(src))


def udp_frame(src, dst, sport, dport, data):
    return g.eth(g.ETH_IP4, g.ipv4(src, dst, g.PROTO_UDP, g.udp(src, dst, sport, dport, data)),
                 dst=NOBODY, src=g.mac_of(src))


def socket_in(ns, ifname):
    """An AF_PACKET socket bound to ifname in namespace ns (it stays there)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(fd)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    return s


def nth_addr(base, i):
    return "%s.%d.%d" % (base, i // 250 % 250, i % 250 + 1)


def udpflows(n, k):
    out, expect = [], []
    for i in range(n):
        src, sport = nth_addr("10.203", i), 20000 + i % 30000
        f = udp_frame(src, A, sport, 5000, b"f" * (10 + i % 50))
        out += [("b", f)] * k
        expect.append({"client": src, "client_port": sport, "packets": k, "bytes": k * len(f)})
    for e in expect:
        print(json.dumps(e))
    return out


def handshake(src, sport, port, cisn, sisn):
    return [("b", frame(src, A, sport, port, cisn, 0, "S")),
            ("a", frame(A, src, port, sport, sisn, cisn + 1, "SA")),
            ("b", frame(src, A, sport, port, cisn + 1, sisn + 1, "A"))]


def zerowin(n):
    c = "10.201.0.99"
    out = handshake(c, 33000, 7000, 1000, 5000)
    for i in range(n):
        out.append(("a", frame(A, c, 7000, 33000, 5001 + 100 * i, 1001, "PA", b"d" * 100)))
        out.append(("b", frame(c, A, 33000, 7000, 1001, 5001 + 100 * (i + 1), "A", win=0)))
    return out


def dupack(n):
    c = "10.201.0.98"
    out = handshake(c, 33001, 7001, 1000, 5000)
    out.append(("a", frame(A, c, 7001, 33001, 5001, 1001, "PA", b"d" * 100)))
    out += [("b", frame(c, A, 33001, 7001, 1001, 5101, "A", win=500))] * (n + 1)
    return out


def stealth(n):
    out, port = [], 1
    for fl in ("", "F", "FPU", "SF"):
        for _ in range(n):
            out.append(("b", frame("10.201.0.88", A, 40001, port, 7, 0, fl)))
            port += 1
    return out


def build(scenario, n, port):
    if scenario == "udpflows":
        return udpflows(n, port)
    if scenario == "scan":
        return [("b", frame("10.201.0.66", A, 40000, 1 + i, 7, 0, "S")) for i in range(n)]
    if scenario == "samevolume":
        return [("b", frame("10.201.0.77", A, 30000 + i, 443, 7, 0, "S")) for i in range(n)]
    if scenario == "stealth":
        return stealth(n)
    if scenario == "land":
        return [("b", frame(A, A, 80, 80, 7, 0, "S"))] * n
    if scenario == "martian":
        return ([("b", udp_frame("127.0.0.1", A, 53, 5353, b"m"))] * n +
                [("b", udp_frame("224.0.0.9", A, 520, 520, b"m"))] * n)
    if scenario == "flood":
        return [("b", frame(nth_addr("10.202", i), A, 1024 + i % 60000, port, i, 0, "S"))
                for i in range(n)]
    if scenario == "handshakes":
        out = []
        for i in range(n):
            out += handshake(nth_addr("10.204", i), 1024 + i % 60000, port, i, 7 * i)
        return out
    if scenario == "rsts":
        return [("b", frame("10.201.0.55", A, 44000, 9000, i, 0, "R")) for i in range(n)]
    if scenario == "pair":
        return ([("b", udp_frame("10.205.0.1", A, 1111, 2222, b"x"))] * 50 +
                [("b", udp_frame("10.205.0.2", A, 3333, 4444, b"y" * 1000))] * 5)
    if scenario == "zerowin":
        return zerowin(n)
    if scenario == "dupack":
        return dupack(n)
    raise SystemExit("flowgen: no scenario " + scenario)


def main():
    if len(sys.argv) < 6:
        raise SystemExit(__doc__)
    ns_a, if_a, ns_b, if_b, scenario = sys.argv[1:6]
    n = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    port = int(sys.argv[7]) if len(sys.argv) > 7 else 80
    frames = build(scenario, n, port)
    socks = {"b": socket_in(ns_b, if_b), "a": socket_in(ns_a, if_a)}
    for side, f in frames:
        socks[side].send(f)


if __name__ == "__main__":
    main()
