#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The generator's traffic mix, one template frame per record: mix.py OUT.pcap

Six TCP conversations as they look on a busy server's link, written frame by frame: an HTTPS
fetch over IPv4 and over IPv6 (handshake with options, TLS-sized records, bulk data, FIN), a
bulk download with delayed ACKs and a SACK, an HTTP exchange that the client resets, an
interactive SSH session, a refused connection and a bare reset over IPv6. Handshakes carry
Linux's options (mss, sackOK, TS, nop, wscale); every other segment but the resets carries
timestamps.

The generator (bench/gen.c) cycles through these templates and, on each new cycle, moves every
conversation to a new client port (the larger port of each frame), so the frames spread over
thousands of flows. Client ports start 2000 apart and the generator uses at most 1024 per
conversation, so flows never collide. Checksums are correct here and the generator keeps them so.

Prints one summary line: frames, mean length, IPv6 share, flags.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import gen_pcaps as g  # noqa: E402

RNG = random.Random(7)  # payload bytes: incompressible, like TLS records, and reproducible


def payload(n, text=None):
    if text is not None:
        return (text * (n // len(text) + 1))[:n]
    return bytes(RNG.getrandbits(8) for _ in range(n))


class Conv:
    """One conversation: tracks both sequence numbers and both timestamp clocks."""

    def __init__(self, out, build, cli, srv, cport, sport, cisn, sisn):
        self.out, self.build = out, build
        self.cli, self.srv, self.cport, self.sport = cli, srv, cport, sport
        self.seq = {True: cisn, False: sisn}  # True: client -> server
        self.ts = {True: 3000000 + cisn % 9973, False: 9000000 + sisn % 7919}
        self.win = {True: 502, False: 509}

    def send(self, c2s, fl, n=0, opts=None, data=None, ack=True, sack=None):
        src, dst = (self.cli, self.srv) if c2s else (self.srv, self.cli)
        sp, dp = (self.cport, self.sport) if c2s else (self.sport, self.cport)
        self.ts[c2s] += 3
        if opts is None:
            opts = g.o_nop() + g.o_nop() + g.o_ts(self.ts[c2s], self.ts[not c2s])
            if sack:
                opts += g.o_nop() + g.o_nop() + g.o_sack(sack)
        body = data if data is not None else payload(n)
        win = 64240 if fl == "S" else 65160 if fl == "SA" else self.win[c2s]
        if "R" in fl:
            win = 0
        frame = self.build(src, dst, sp, dp, self.seq[c2s], self.seq[not c2s] if ack else 0,
                           fl, win=win, opts=opts, data=body)
        self.out.append(frame)
        self.seq[c2s] += len(body) + (1 if ("S" in fl or "F" in fl) else 0)

    def syn_opts(self, c2s, mss, ws):
        self.ts[c2s] += 1
        return (g.o_mss(mss) + g.o_sackok() + g.o_ts(self.ts[c2s], 0 if c2s else self.ts[True])
                + g.o_nop() + g.o_ws(ws))

    def handshake(self, mss=1460):
        self.send(True, "S", opts=self.syn_opts(True, mss, 7), ack=False)
        self.send(False, "SA", opts=self.syn_opts(False, mss, 9))
        self.send(True, "A")

    def close(self):
        self.send(True, "FA")
        self.send(False, "FA")
        self.send(True, "A")


def https_fetch(out, build, cli, srv, cport, short=False):
    c = Conv(out, build, cli, srv, cport, 443, 0x1A2B3C4D + cport, 0x5E6F7081 + cport)
    mss = 1460 if build is g.tcp4 else 1440
    full = mss - 12                     # a full segment: MSS less the timestamp option
    c.handshake(mss)
    c.send(True, "PA", 517)             # ClientHello
    c.send(False, "A")
    c.send(False, "A", full)            # ServerHello, certificates
    c.send(False, "PA", 1062 if short else full)
    if not short:
        c.send(False, "PA", 903)
    c.send(True, "A")
    c.send(True, "PA", 126)             # Finished
    c.send(True, "PA", 380)             # the request
    c.send(False, "A")
    for n in ((full, 612) if short else (full, full, full, 287)):
        c.send(False, "PA" if n < full else "A", n)
    c.send(True, "A")
    c.close()


def bulk(out):
    c = Conv(out, g.tcp4, "10.61.2.14", "10.62.0.80", 37000, 443, 0x33333333, 0x44444444)
    for i in range(8):
        c.send(False, "A", 1448)
        if i % 2:
            c.send(True, "A")           # delayed ACK: one per two segments
    lost = c.seq[False]
    c.seq[False] += 1448                # a segment lost on the way
    c.send(False, "PA", 1448)
    end = c.seq[False]
    c.seq[False] = lost
    c.send(True, "A", sack=(lost + 1448, end))  # duplicate ACK, SACK for what came after
    c.send(False, "A", 1448)            # the retransmission
    c.seq[False] = end
    c.send(True, "A")


def http_reset(out):
    c = Conv(out, g.tcp4, "10.61.4.23", "10.62.0.8", 39000, 80, 0x00C0FFEE, 0x0BADF00D)
    c.handshake()
    c.send(True, "PA", data=payload(78, b"GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n"))
    c.send(False, "A")
    c.send(False, "A", data=payload(1428, b"HTTP/1.1 200 OK\r\nContent-Length: 90000\r\n\r\n"))
    c.send(False, "PA", 1428)
    c.send(True, "A")
    c.send(True, "RA", opts=b"")        # the client gives up


def ssh(out):
    c = Conv(out, g.tcp4, "10.61.7.3", "10.62.0.22", 41000, 22, 0x55555555, 0x66666666)
    for c2s, n in ((True, 36), (False, 36), (True, 0), (False, 52), (True, 36), (False, 84),
                   (True, 0)):
        c.send(c2s, "PA" if n else "A", n)


def refused(out):
    c = Conv(out, g.tcp6, "2001:db8:61::9", "2001:db8:62::25", 43000, 25, 0x77777777, 0)
    c.send(True, "S", opts=c.syn_opts(True, 1440, 7), ack=False)
    c.seq[False] = 0
    c.send(False, "RA", opts=b"")
    d = Conv(out, g.tcp6, "2001:db8:61::7", "2001:db8:62::25", 45000, 25, 0x12345678, 0)
    d.send(True, "R", opts=b"", ack=False)


def build_mix():
    out = []
    https_fetch(out, g.tcp4, "10.61.0.10", "10.62.0.1", 33000)
    https_fetch(out, g.tcp6, "2001:db8:61::10", "2001:db8:62::1", 35000, short=True)
    bulk(out)
    http_reset(out)
    ssh(out)
    refused(out)
    return out


def summary(frames):
    v6 = sum(1 for f in frames if f[12:14] == b"\x86\xdd")
    kinds = {}
    for f in frames:
        off = 14 + (40 if f[12:14] == b"\x86\xdd" else 20)
        fl, hl = f[off + 13], f[off + 12] >> 4
        ip_len = int.from_bytes(f[16:18], "big") + 14 if f[12:14] == b"\x08\x00" else \
            int.from_bytes(f[18:20], "big") + 54
        data = ip_len - off - 4 * hl
        k = ("SYN" if fl & 2 else "RST" if fl & 4 else "FIN" if fl & 1 else
             "data" if data else "ACK")
        kinds[k] = kinds.get(k, 0) + 1
    mean = sum(len(f) for f in frames) / len(frames)
    parts = ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items()))
    return "%d frames, mean %.0f bytes, %.0f%% IPv6 (%s)" % (
        len(frames), mean, 100.0 * v6 / len(frames), parts)


def main():
    frames = build_mix()
    p = g.Pcap(os.path.basename(sys.argv[1]))
    for i, f in enumerate(frames):
        p.add(g.ns(1700000000, i * 1000), f)
    p.write(os.path.dirname(os.path.abspath(sys.argv[1])))
    print(summary(frames))


if __name__ == "__main__":
    main()
