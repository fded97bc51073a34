#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Concatenates captures into one classic pcap: merge_pcaps.py OUT IN...

Each input goes through `tcpdump -r IN -w -` first, so pcapng and nanosecond files come out
as tcpdump itself reads them (microsecond pcap); the output's snapshot length is the largest.
One file lets the filter tests run each expression once over every packet of every capture.
"""
import struct
import subprocess
import sys


def records(path):
    raw = subprocess.run(["tcpdump", "-r", path, "-w", "-"], capture_output=True).stdout
    if len(raw) < 24:
        return 0, b""
    magic = struct.unpack("<I", raw[:4])[0]
    if magic != 0xA1B2C3D4:
        sys.exit(f"{path}: unexpected pcap magic {magic:#x} from tcpdump -w")
    snaplen, linktype = struct.unpack("<II", raw[16:24])
    if linktype & 0xFFFF != 1:  # the upper bits may carry an FCS length
        sys.exit(f"{path}: link type {linktype}, not Ethernet")
    return snaplen, raw[24:]


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    snap, body = 0, []
    for path in inputs:
        s, recs = records(path)
        snap = max(snap, s)
        body.append(recs)
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snap or 262144, 1))
        for recs in body:
            f.write(recs)


if __name__ == "__main__":
    main()
