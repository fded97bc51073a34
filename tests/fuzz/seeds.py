#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes every frame of the given pcap files as one fuzzer seed each (flag byte 0 first).
Reads classic pcap (both byte orders, micro/nano) and pcapng EPB/SPB; stdlib only."""
import os
import struct
import sys


def pcap_frames(buf):
    magic = buf[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return
    off = 24
    while off + 16 <= len(buf):
        _, _, caplen, _ = struct.unpack(e + "IIII", buf[off:off + 16])
        off += 16
        yield buf[off:off + caplen]
        off += caplen


def pcapng_frames(buf):
    off, e = 0, "<"
    while off + 12 <= len(buf):
        btype = struct.unpack(e + "I", buf[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            e = "<" if buf[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
        blen = struct.unpack(e + "I", buf[off + 4:off + 8])[0]
        if blen < 12:
            return
        if btype == 6:
            caplen = struct.unpack(e + "I", buf[off + 20:off + 24])[0]
            yield buf[off + 28:off + 28 + caplen]
        off += blen


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for path in sys.argv[2:]:
        buf = open(path, "rb").read()
        frames = pcapng_frames(buf) if buf[:4] == b"\x0a\x0d\x0d\x0a" else pcap_frames(buf)
        for frame in frames:
            with open(os.path.join(out, "seed-%05d" % n), "wb") as f:
                f.write(b"\x00" + frame[:4096])
            n += 1
    print("fuzz: %d seeds" % n)


if __name__ == "__main__":
    main()
