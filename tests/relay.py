#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A wire with a known delay and known losses, for tests/flows.sh (this kernel has no netem).

usage: relay.py IF1 IF2 [--delay-ms D] [--drop N,M,...] [--ready-file F]

Runs in the middle namespace of two veth pairs and forwards every frame that arrives on one
interface out of the other, unchanged, D milliseconds after it arrived (never sooner), in the
order it arrived. --drop names data segments from IF1 to IF2 by their rank among the TCP
segments that carried new data in that direction (1 for the first): those are dropped, once;
their retransmissions, which carry no new data, pass. On SIGTERM it prints, on stderr, how many
frames it forwarded, how many it dropped, and how late it was at worst.
"""
import argparse
import heapq
import os
import select
import signal
import socket
import struct
import sys
import time

SOL_PACKET = 263  # linux/socket.h
PACKET_IGNORE_OUTGOING = 23  # linux/if_packet.h: our own sends are not read back


def open_socket(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    s.bind((ifname, 0))
    s.setblocking(False)
    return s


def tcp_data(frame):
    """(seq, payload length) of an Ethernet/IPv4 or IPv6 TCP segment, or None."""
    etype = struct.unpack_from("!H", frame, 12)[0]
    if etype == 0x0800:
        ihl = (frame[14] & 0xF) * 4
        if frame[23] != 6:
            return None
        iplen = struct.unpack_from("!H", frame, 16)[0]
        tcp = 14 + ihl
        payload = iplen - ihl
    elif etype == 0x86DD:
        if frame[20] != 6:
            return None
        tcp = 54
        payload = struct.unpack_from("!H", frame, 18)[0]
    else:
        return None
    seq = struct.unpack_from("!I", frame, tcp + 4)[0]
    return seq, payload - (frame[tcp + 12] >> 4) * 4


class Dropper:
    """Drops the chosen new-data segments of one direction, first transmissions only."""

    def __init__(self, ranks):
        self.ranks = set(ranks)
        self.rank = 0
        self.high = None  # the highest sequence number + length seen
        self.dropped = 0

    def drop(self, frame):
        d = tcp_data(frame)
        if not d or d[1] <= 0:
            return False
        seq, n = d
        end = (seq + n) & 0xFFFFFFFF
        if self.high is not None and ((end - self.high) & 0xFFFFFFFF) >= 0x80000000:
            return False  # nothing new: a retransmission
        if self.high is not None and end == self.high:
            return False
        self.high = end
        self.rank += 1
        if self.rank in self.ranks:
            self.dropped += 1
            return True
        return False


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("if1")
    p.add_argument("if2")
    p.add_argument("--delay-ms", type=float, default=0.0)
    p.add_argument("--drop", default="")
    p.add_argument("--ready-file")
    a = p.parse_args()
    socks = [open_socket(a.if1), open_socket(a.if2)]
    dropper = Dropper(int(x) for x in a.drop.split(",") if x)
    delay = a.delay_ms / 1000.0
    queue = []  # (due, order, out socket index, frame)
    order = forwarded = 0
    worst = 0.0
    done = []
    signal.signal(signal.SIGTERM, lambda *_: done.append(1))
    signal.signal(signal.SIGINT, lambda *_: done.append(1))
    if a.ready_file:
        with open(a.ready_file + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(a.ready_file + ".tmp", a.ready_file)
    while not done:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            due, _, out, frame = heapq.heappop(queue)
            worst = max(worst, now - due)
            try:
                socks[out].send(frame)
                forwarded += 1
            except OSError:
                pass  # the other end went away
            now = time.monotonic()
        timeout = max(0.0, queue[0][0] - now) if queue else 0.5
        try:
            ready, _, _ = select.select(socks, [], [], timeout)
        except InterruptedError:
            continue
        for s in ready:
            i = socks.index(s)
            while True:
                try:
                    frame = s.recv(65536)
                except BlockingIOError:
                    break
                if i == 0 and dropper.drop(frame):
                    continue
                heapq.heappush(queue, (time.monotonic() + delay, order, 1 - i, frame))
                order += 1
    print("relay: forwarded %d dropped %d late_ms %.3f" % (forwarded, dropper.dropped,
                                                           worst * 1000), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
