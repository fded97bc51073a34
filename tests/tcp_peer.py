#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Real traffic for tests/live.sh and tests/demo.sh: a TCP server and client holding a
# request/response conversation (handshake, data both ways, FIN from each side), and a bounded
# UDP sender for markers, steady streams and floods. Standard library only; every wait and every
# send loop is bounded in time, so a test never hangs on this program.
"""usage:
  tcp_peer.py server --bind ADDR --port P [--conns N] [--ready-file F]
  tcp_peer.py client --connect ADDR --port P [--sizes REQ:RESP,...]
  tcp_peer.py udp --to ADDR --port P [--count N] [--interval S] [--seconds S] [--started-file F]
Common: --cpu C (pin to one CPU), --timeout S (per wait; default 10)."""

import argparse
import os
import socket
import struct
import sys
import time

# A request is this header (request body length, wanted response length) followed by the body,
# sent in one write so that a small request is a single segment.
HDR = struct.Struct("!II")


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def write_file_atomically(path, text):
    # The shell polls for the file: it must never see it half-written.
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


def recv_exact(sock, n):
    """n bytes, or None on a clean EOF before the first byte; EOF inside is an error."""
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(65536, n - len(buf)))
        if not chunk:
            if not buf:
                return None
            raise ConnectionError("EOF after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return bytes(buf)


def parse_sizes(text):
    sizes = []
    for item in text.split(","):
        req, resp = item.split(":")
        req, resp = int(req), int(resp)
        if req < 0 or resp < 1:
            raise ValueError("sizes: request >= 0, response >= 1")
        sizes.append((req, resp))
    return sizes


def tcp_socket(addr, timeout):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    s.settimeout(timeout)
    # Every write leaves at once: what is on the wire depends on the sizes, not on Nagle timing.
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def serve(args):
    s = tcp_socket(args.bind, args.timeout)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((args.bind, args.port))
    s.listen(8)
    if args.ready_file:
        write_file_atomically(args.ready_file, "%d\n" % os.getpid())
    for _ in range(args.conns):
        conn, _peer = s.accept()
        conn.settimeout(args.timeout)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            while True:
                hdr = recv_exact(conn, HDR.size)
                if hdr is None:
                    break  # the client's FIN: closing sends ours
                req, resp = HDR.unpack(hdr)
                if req and recv_exact(conn, req) is None:
                    raise ConnectionError("EOF inside a request")
                conn.sendall(b"r" * resp)
    s.close()
    return 0


def client(args):
    c = tcp_socket(args.connect, args.timeout)
    c.connect((args.connect, args.port))
    for req, resp in parse_sizes(args.sizes):
        c.sendall(HDR.pack(req, resp) + b"q" * req)
        if recv_exact(c, resp) is None:
            raise ConnectionError("server closed early")
    # Our FIN first; the server answers with its own, and we return once it is in.
    c.shutdown(socket.SHUT_WR)
    if c.recv(1) != b"":
        raise ConnectionError("data after the last response")
    c.close()
    return 0


def udp(args):
    s = socket.socket(family(args.to), socket.SOCK_DGRAM)
    payload = b"u" * args.size
    dest = (args.to, args.port)
    deadline = time.monotonic() + args.seconds
    sent = 0
    while sent < args.count:
        try:
            s.sendto(payload, dest)
            sent += 1
        except OSError:
            pass  # ENOBUFS and the like under a flood: try again until the deadline
        if sent == 1 and args.started_file:
            write_file_atomically(args.started_file, "started\n")
        if args.interval:
            time.sleep(args.interval)
        # Reading the clock costs as much as a send: look only now and then during a flood.
        if (args.interval or sent % 256 == 0) and time.monotonic() >= deadline:
            break
    print("udp: sent %d" % sent, file=sys.stderr)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("mode", choices=("server", "client", "udp"))
    p.add_argument("--bind")
    p.add_argument("--connect")
    p.add_argument("--to")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=1)
    p.add_argument("--ready-file")
    p.add_argument("--started-file")
    p.add_argument("--sizes", default="1:1,100:1000,1400:3000,3000:20")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--interval", type=float, default=0.0)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--cpu", type=int)
    args = p.parse_args()
    # One CPU for both ends keeps the kernel's work for the conversation on one CPU, so no
    # second CPU can slip a packet between a capture hook and the moment tcpdump sees it.
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    need = {"server": "bind", "client": "connect", "udp": "to"}[args.mode]
    if getattr(args, need) is None:
        p.error("%s needs --%s" % (args.mode, need))
    try:
        return {"server": serve, "client": client, "udp": udp}[args.mode](args)
    except (OSError, ValueError) as e:
        print("tcp_peer %s: %s" % (args.mode, e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
