# SPDX-License-Identifier: GPL-2.0-only
"""The Internet checksum (RFC 1071) and the TCP/UDP pseudo headers."""

import struct


def inet_sum(data):
    """Ones' complement sum of 16-bit words, folded (not inverted)."""
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('>%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def l4_checksum(src, dst, proto, segment):
    """The checksum field value that makes `segment` (field zeroed) correct."""
    if len(src) == 4:
        pseudo = src + dst + struct.pack('>BBH', 0, proto, len(segment) & 0xffff)
    else:
        pseudo = src + dst + struct.pack('>IxxxB', len(segment), proto)
    return (inet_sum(pseudo + segment) ^ 0xffff) & 0xffff
