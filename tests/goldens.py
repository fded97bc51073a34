#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""`make goldens`: what tcpdump 4.99.3 prints for every capture and flag set the replay tests
compare with it (tests/golden_pcaps.sh lists them), kept in tests/golden/ so that a replay test
means the same on every machine, whatever tcpdump it has:

  tests/golden/CAPTURE.tar.xz   for the capture tests/CAPTURE, one member per flag set:
                                FLAGS.out is `TZ=UTC tcpdump FLAGS -r tests/CAPTURE`'s standard
                                output, every packet ('-S -n -tt' -> S_n_tt.out); read one with
                                tests/compare.py --show tests/CAPTURE FLAGS...
  tests/golden/captures.tsv     per capture: its sha256 (tests/compare.py refuses a capture
                                changed since), its packets, and the numbers of those the
                                any-TCP filter takes (libpcap's verdict)
  tests/golden/VERSION          the tcpdump and libpcap that wrote them

tcpdump runs inside tests/names/in-fixture.sh (root), so the lines printed without -n come
from the fixture hosts and services files. A tcpdump other than 4.99.3 with libpcap 1.10.3
(Debian 12's) is refused; GOLDENS_ANY_TCPDUMP=1 uses it anyway, and VERSION says which.
A bundle is rewritten only when its text changed; bundles no test reads any more are removed.
"""
import concurrent.futures
import ctypes
import ctypes.util
import hashlib
import io
import lzma
import os
import subprocess
import sys
import tarfile

import compare

TOP = os.path.dirname(compare.TESTS)
WANT_TCPDUMP = "tcpdump version 4.99.3"
WANT_LIBPCAP = "libpcap version 1.10.3"
IN_FIXTURE = "XS_GOLDENS_IN_FIXTURE"


class PktHdr(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long),
                ("caplen", ctypes.c_uint32), ("len", ctypes.c_uint32)]


class BpfProgram(ctypes.Structure):
    _fields_ = [("bf_len", ctypes.c_uint), ("bf_insns", ctypes.c_void_p)]


def libpcap():
    lib = ctypes.CDLL(ctypes.util.find_library("pcap") or "libpcap.so.0.8")
    lib.pcap_open_offline.restype = ctypes.c_void_p
    lib.pcap_open_offline.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.pcap_compile.argtypes = [ctypes.c_void_p, ctypes.POINTER(BpfProgram), ctypes.c_char_p,
                                 ctypes.c_int, ctypes.c_uint32]
    lib.pcap_geterr.restype = ctypes.c_char_p
    lib.pcap_geterr.argtypes = [ctypes.c_void_p]
    lib.pcap_next_ex.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.POINTER(PktHdr)),
                                 ctypes.POINTER(ctypes.c_void_p)]
    lib.pcap_offline_filter.argtypes = [ctypes.POINTER(BpfProgram), ctypes.POINTER(PktHdr),
                                        ctypes.c_void_p]
    lib.pcap_freecode.argtypes = [ctypes.POINTER(BpfProgram)]
    lib.pcap_close.argtypes = [ctypes.c_void_p]
    return lib


def select_packets(lib, path, expr):
    """Packets libpcap reads from PATH (as tcpdump does), and the numbers of those EXPR takes."""
    err = ctypes.create_string_buffer(256)
    p = lib.pcap_open_offline(path.encode(), err)
    if not p:
        sys.exit("goldens: %s: %s" % (path, err.value.decode()))
    prog = BpfProgram()
    if lib.pcap_compile(p, ctypes.byref(prog), expr.encode(), 1, 0xFFFFFFFF) != 0:
        sys.exit("goldens: %s: %s" % (expr, lib.pcap_geterr(p).decode()))
    hdr, data = ctypes.POINTER(PktHdr)(), ctypes.c_void_p()
    n, taken = 0, []
    while lib.pcap_next_ex(p, ctypes.byref(hdr), ctypes.byref(data)) == 1:
        n += 1
        if lib.pcap_offline_filter(ctypes.byref(prog), hdr, data):
            taken.append(n)
    lib.pcap_freecode(ctypes.byref(prog))
    lib.pcap_close(p)
    return n, taken


def ranges(numbers):
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else "%d-%d" % (start, n))
            start = None
    return ",".join(out)


def wanted():
    """The any-TCP filter, and (flags, capture below tests/) for every golden the tests read."""
    script = '. tests/golden_pcaps.sh && printf "%s\\n" "$alltcp" && golden_list'
    out = subprocess.run(["bash", "-c", script], cwd=TOP, env=dict(os.environ, top=TOP),
                         capture_output=True, text=True, check=True).stdout.split("\n")
    pairs = [tuple(line.split("\t")) for line in out[1:] if line]
    return out[0], [(flags.split(), os.path.relpath(path, "tests")) for flags, path in pairs]


def versions():
    text = subprocess.run(["tcpdump", "--version"], capture_output=True, text=True).stdout
    lines = (text.split("\n") + ["", ""])[:2]
    if not (lines[0] == WANT_TCPDUMP and lines[1].startswith(WANT_LIBPCAP)):
        if os.environ.get("GOLDENS_ANY_TCPDUMP") != "1":
            sys.exit("goldens: this is %s; the goldens are %s's with %s (GOLDENS_ANY_TCPDUMP=1 "
                     "to use it anyway)" % (" / ".join(lines), WANT_TCPDUMP, WANT_LIBPCAP))
        print("goldens: WARNING: made with %s, not the reference tcpdump" % " / ".join(lines))
    return "\n".join(lines) + "\n"


def tcpdump_output(flags, capture, packets):
    cmd = ["tcpdump"] + flags + ["-r", os.path.join("tests", capture)]
    p = subprocess.run(cmd, cwd=TOP, capture_output=True, env=dict(os.environ, TZ="UTC"))
    text = p.stdout.decode("utf-8", "replace")
    records = len(compare.split_records(text, compare.has_timestamps(flags)))
    if records != packets:
        sys.exit("goldens: %s: %d records for %d packets; tests/compare.py could not pick "
                 "packets by number" % (" ".join(cmd), records, packets))
    return p.stdout


def store(path, members):
    """Writes the bundle PATH ({name: bytes}, reproducibly, smallest first: see
    compare.read_bundle) unless it holds exactly MEMBERS in that order."""
    order = sorted(members, key=lambda name: (len(members[name]), name))
    if list(compare.read_bundle(path).items()) == [(n, members[n]) for n in order]:
        return False
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in order:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(members[name]), 0o644, 0
            tar.addfile(info, io.BytesIO(members[name]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(lzma.compress(raw.getvalue(), preset=9 | lzma.PRESET_EXTREME))
    os.replace(path + ".tmp", path)
    return True


def main():
    if os.environ.get(IN_FIXTURE) != "1":
        fixture = os.path.join(compare.TESTS, "names", "in-fixture.sh")
        os.environ[IN_FIXTURE] = "1"
        os.execv(fixture, [fixture, sys.executable] + sys.argv)
    version = versions()
    alltcp, goldens = wanted()
    lib = libpcap()
    table = {}
    for capture in sorted({c for _, c in goldens}):
        with open(os.path.join(compare.TESTS, capture), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        table[capture] = (digest,) + select_packets(lib, os.path.join(compare.TESTS, capture),
                                                    alltcp)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        outputs = pool.map(lambda fc: tcpdump_output(fc[0], fc[1], table[fc[1]][1]), goldens)
        bundles = {}
        for (flags, capture), data in zip(goldens, outputs):
            bundles.setdefault(compare.golden_bundle(capture), {})[
                compare.golden_member(flags)] = data
    written = [path for path, members in sorted(bundles.items()) if store(path, members)]
    removed = []
    for root, _, files in os.walk(compare.GOLDEN, topdown=False):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".tar.xz") and path not in bundles:
                os.unlink(path)
                removed.append(path)
        if root != compare.GOLDEN and not os.listdir(root):
            os.rmdir(root)
    with open(os.path.join(compare.GOLDEN, "captures.tsv"), "w") as f:
        f.write("# capture\tsha256\tpackets\tpackets the any-TCP filter takes\n")
        for capture, (digest, n, taken) in sorted(table.items()):
            f.write("%s\t%s\t%d\t%s\n" % (capture, digest, n, ranges(taken)))
    with open(os.path.join(compare.GOLDEN, "VERSION"), "w") as f:
        f.write(version)
    for p in written + removed:
        print("goldens: %s %s" % ("wrote" if p in written else "removed",
                                  os.path.relpath(p, TOP)))
    print("goldens: %d goldens of %d captures; %d bundles written, %d removed" %
          (len(goldens), len(table), len(written), len(removed)))


if __name__ == "__main__":
    main()
