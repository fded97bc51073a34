#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Sends crafted Ethernet frames of known kinds through an AF_PACKET socket, so a test knows
exactly what every counter must read. The destination MAC is nobody's: the receiving stack
drops the frames as not for it (no replies to muddle the counts), while XDP still sees them.

usage: inject.py IFACE KIND=COUNT ...   kinds: syn synack fin rst psh ack data udp icmp
                                         arp tcp6 other short vlan_syn vlan_udp qinq_syn,
                                         and MALFORMED's
       inject.py --pcap FILE KIND ...     the same frames as a pcap, one of each kind
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


def ipv6(nxt, payload):
    hdr = struct.pack('!IHBB16s16s', 6 << 28, len(payload), nxt, 64,
                      b'\xfd' + bytes(14) + b'\x02', b'\xfd' + bytes(14) + b'\x01')
    return eth(0x86dd, hdr + payload)


def ipv6_tcp(flags):
    return ipv6(6, tcp(flags))


def dstopts(nxt, length=0):
    """An IPv6 destination options header of (length + 1) * 8 bytes, PadN inside."""
    return struct.pack('!BBBB', nxt, length, 1, 4 + 8 * length) + bytes(4 + 8 * length)


def ext_chain(depth):
    """depth destination options headers in a row, then TCP."""
    payload = dstopts(6) + tcp(0x10)
    for _ in range(depth - 1):
        payload = dstopts(60) + payload
    return ipv6(60, payload)


def tcp_cut_options():
    """A SYN whose header says 60 bytes, the frame ending 12 bytes into its options."""
    opts = bytes([2, 4, 5, 0xb4, 4, 2, 8, 10]) + bytes(4)
    hdr = struct.pack('!HHIIBBHHH', 41000, 9000, 1000, 0, 15 << 4, 0x02, 65535, 0, 0)
    return ipv4_raw(6, hdr + opts, 20 + 60)


def tagged(frame, *tags):
    """frame with 802.1Q/802.1ad tags (TPID, VID) inserted after its MAC addresses."""
    head = b''.join(struct.pack('!HH', tpid, vid) for tpid, vid in tags)
    return frame[:12] + head + frame[12:]


def ipv4_raw(proto, payload, total, ihl=5):
    """An IPv4 header claiming total bytes and ihl words, whatever the payload really is."""
    hdr = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, total, 1, 0x4000, 64, proto, 0,
                      bytes([10, 200, 0, 2]), bytes([10, 200, 0, 1]))
    hdr = hdr[:10] + struct.pack('!H', csum16(hdr)) + hdr[12:]
    return eth(0x0800, hdr + payload)


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
    # Tagged: the receiving stack takes the outer tag into the skb's metadata.
    'vlan_syn': lambda: tagged(ipv4(6, tcp(0x02)), (0x8100, 100)),
    'vlan_udp': lambda: tagged(ipv4(17, struct.pack('!HHHH', 41000, 9999, 12, 0) + b'udp!'),
                               (0x8100, 200)),
    'qinq_syn': lambda: tagged(ipv4(6, tcp(0x02)), (0x88a8, 100), (0x8100, 200)),
}

# Frames no parser may trust, sent as they are (no padding): each one's header claims more
# than the frame holds, or is invalid.
MALFORMED = {
    'eth_only': lambda: eth(0x0800, b''),
    'cut_ip4': lambda: ipv4(6, tcp(0x10))[:14 + 12],
    'ihl_long': lambda: ipv4_raw(6, tcp(0x10), 40, ihl=15),
    'ihl_short': lambda: ipv4_raw(6, tcp(0x10), 40, ihl=4),
    'cut_tcp': lambda: ipv4(6, tcp(0x10))[:14 + 20 + 10],
    'cut_opts': tcp_cut_options,
    'cut_ip6': lambda: ipv6_tcp(0x10)[:14 + 24],
    'ext_deep': lambda: ext_chain(40),
    'ext_past_end': lambda: ipv6(60, dstopts(6, 30)[:24]),
}
KINDS.update(MALFORMED)


def write_pcap(path, kinds):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, kind in enumerate(kinds):
            frame = KINDS[kind]()
            f.write(struct.pack('<IIII', 1700000000 + i, 0, len(frame), len(frame)) + frame)


def main():
    if sys.argv[1] == '--pcap':
        write_pcap(sys.argv[2], sys.argv[3:])
        return
    ifname, specs = sys.argv[1], sys.argv[2:]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    for spec in specs:
        kind, count = spec.split('=')
        frame = KINDS[kind]()
        if len(frame) < 60 and kind != 'short' and kind not in MALFORMED:
            frame += bytes(60 - len(frame))  # Ethernet padding, as a NIC adds it
        for _ in range(int(count)):
            s.send(frame)


if __name__ == '__main__':
    main()
