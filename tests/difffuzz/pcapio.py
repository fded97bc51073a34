# SPDX-License-Identifier: GPL-2.0-only
"""Classic little-endian microsecond pcap files, DLT_EN10MB."""

import struct

SNAPLEN = 262144


def write(path, frames):
    """frames: [(sec, usec, data, wirelen)]"""
    out = [struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, SNAPLEN, 1)]
    for sec, usec, data, wirelen in frames:
        out.append(struct.pack('<IIII', sec, usec, len(data), wirelen))
        out.append(data)
    with open(path, 'wb') as f:
        f.write(b''.join(out))
