#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sends crafted Ethernet frames of known kinds through an AF_PACKET socket, so a test knows
exactly what every counter must read. The destination MAC is nobody's: the receiving stack
drops the frames as not for it (no replies to muddle the counts), while XDP still sees them.

usage: inject.py IFACE KIND=COUNT ...   kinds: syn synack fin rst psh ack data udp icmp
                                         arp tcp6 other short
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_pcaps import csum16  # noqa: E402  (one checksum for every test tool)

SRC_MAC = bytes.fromhex('020000000001')
DST_MAC = bytes.fromhex('02000000ffff')  # nobody's


def eth(etype, payload):
    return DST_MAC + SRC_MAC + struct.pack('!H', etype) + payload


def ipv4(proto, payload):
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0x4000, 64, proto, 0,
                      bytes([10, 200, 0, 2]), bytes([10, 200, 0, 1]))
    hdr = hdr[:10] + struct.pack('!H', csum16(hdr)) + hdr[12:]
    return eth(0x0800, hdr + payload)


def tcp(flags, data=b''):
    return struct.pack('!HHIIBBHHH', 41000, 9000, 1000, 2000, 5 << 4, flags, 65535, 0, 0) + data


def ipv6_tcp(flags):
    seg = tcp(flags)
    hdr = struct.pack('!IHBB16s16s', 6 << 28, len(seg), 6, 64, b'\xfd' + bytes(14) + b'\x02',
                      b'\xfd' + bytes(14) + b'\x01')
    return eth(0x86dd, hdr + seg)


KINDS = {
    'syn': lambda: ipv4(6, tcp(0x02)),
    'synack': lambda: ipv4(6, tcp(0x12)),
    'fin': lambda: ipv4(6, tcp(0x11)),
    'rst': lambda: ipv4(6, tcp(0x04)),
    'psh': lambda: ipv4(6, tcp(0x18, b'data')),
    'ack': lambda: ipv4(6, tcp(0x10)),
    'data': lambda: ipv4(6, tcp(0x10, b'x' * 100)),
    'udp': lambda: ipv4(17, struct.pack('!HHHH', 41000, 9999, 12, 0) + b'udp!'),
    'icmp': lambda: ipv4(1, struct.pack('!BBHHH', 8, 0, 0, 1, 1) + b'ping'),
    'arp': lambda: eth(0x0806, struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + SRC_MAC +
                       bytes([10, 200, 0, 2]) + bytes(6) + bytes([10, 200, 0, 9])),
    'tcp6': lambda: ipv6_tcp(0x10),
    'other': lambda: eth(0x88b5, b'\x00' * 46),
    'short': lambda: eth(0x0800, b'\x45\x00\x00'),  # an IPv4 header cut short
}


def main():
    ifname, specs = sys.argv[1], sys.argv[2:]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    for spec in specs:
        kind, count = spec.split('=')
        frame = KINDS[kind]()
        if len(frame) < 60 and kind != 'short':
            frame += bytes(60 - len(frame))  # Ethernet padding, as a NIC adds it
        for _ in range(int(count)):
            s.send(frame)


if __name__ == '__main__':
    main()
