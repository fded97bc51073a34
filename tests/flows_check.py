#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The known answers of tests/flows.sh, against what `xdpspy flows --json` and `xdpspy watch
--json` say. Each command prints what it compared and exits 1 on a difference.

  flows_check.py pcap PCAP FLOWS.json STATS.json  every flow of the capture, packets and
                                             bytes of each direction, nothing else; as many
                                             flows entered (stats)
  flows_check.py lru EXPECT.jsonl FLOWS.json N   a full table: at most N flows kept, at least
                                             N/2, each with exactly its packets and bytes
  flows_check.py tcp CLIENT.json SERVER.json PORT DELAY_MS BOUND_MS LOSSES
                                             the relayed connection, seen at both ends
  flows_check.py watch WATCH.jsonl ALARM=SUBJECT... [--not ALARM=SUBJECT...]
                                             start lines of these alarms, none of those
"""
import json
import socket
import struct
import sys


def fail(msg):
    print("flows_check: FAIL " + msg)
    sys.exit(1)


def pcap_frames(path):
    data = open(path, "rb").read()
    magic = struct.unpack_from("<I", data)[0]
    end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    off = 24
    while off + 16 <= len(data):
        _, _, incl, orig = struct.unpack_from(end + "IIII", data, off)
        yield data[off + 16:off + 16 + incl], orig
        off += 16 + incl


def endpoints(frame):
    """(proto, (src, sport), (dst, dport)) of an IPv4/IPv6 TCP or UDP frame, else None."""
    off, etype = 14, struct.unpack_from("!H", frame, 12)[0]
    while etype in (0x8100, 0x88A8):
        etype = struct.unpack_from("!H", frame, off + 2)[0]
        off += 4
    if etype == 0x0800:
        proto, l4 = frame[off + 9], off + (frame[off] & 0xF) * 4
        src = socket.inet_ntop(socket.AF_INET, frame[off + 12:off + 16])
        dst = socket.inet_ntop(socket.AF_INET, frame[off + 16:off + 20])
    elif etype == 0x86DD:
        proto, l4 = frame[off + 6], off + 40
        src = socket.inet_ntop(socket.AF_INET6, frame[off + 8:off + 24])
        dst = socket.inet_ntop(socket.AF_INET6, frame[off + 24:off + 40])
    else:
        return None
    sport, dport = struct.unpack_from("!HH", frame, l4) if proto in (6, 17) else (0, 0)
    return proto, (src, sport), (dst, dport)


def ours(flows_json):
    """{(proto, endpoint, endpoint): {endpoint: (packets, bytes) it sent}} from xdpspy."""
    got = {}
    for f in json.load(open(flows_json))["flows"]:
        c, s = (f["client"], f["client_port"]), (f["server"], f["server_port"])
        proto = {"tcp": 6, "udp": 17}.get(f["proto"], f["proto"])
        got[(proto,) + tuple(sorted([c, s]))] = {
            c: (f["to_server"]["packets"], f["to_server"]["bytes"]),
            s: (f["to_client"]["packets"], f["to_client"]["bytes"])}
    return got


def check_pcap(pcap, flows_json, stats_json):
    want = {}
    for frame, orig in pcap_frames(pcap):
        e = endpoints(frame)
        if not e:
            continue
        proto, src, dst = e
        ends = want.setdefault((proto,) + tuple(sorted([src, dst])), {src: (0, 0), dst: (0, 0)})
        p, b = ends[src]
        ends[src] = (p + 1, b + orig)
    got = ours(flows_json)
    bad = [k for k in want if got.get(k) != want[k]] + [k for k in got if k not in want]
    for k in bad[:5]:
        print("  flow %s: want %s, xdpspy %s" % (k, want.get(k), got.get(k)))
    if bad:
        fail("%d of %d flows differ" % (len(bad), len(want)))
    entered = json.load(open(stats_json))["flows"]
    if entered != len(want):
        fail("stats: %d flows entered, the capture has %d" % (entered, len(want)))
    print("  %d flows, %d packets, %d bytes: every one exact" % (
        len(want), sum(p for v in want.values() for p, _ in v.values()),
        sum(b for v in want.values() for _, b in v.values())))


def check_lru(expect, flows_json, entries):
    want = {(e["client"], e["client_port"]): e for e in map(json.loads, open(expect))}
    flows = json.load(open(flows_json))["flows"]
    kept, wrong = 0, []
    for f in flows:
        e = want.get((f["client"], f["client_port"]))
        if not e:
            continue
        kept += 1
        got = (f["to_server"]["packets"], f["to_server"]["bytes"])
        if got != (e["packets"], e["bytes"]) or f["to_client"]["packets"]:
            wrong.append((e, got))
    order = list(want)
    newest = max((order.index((f["client"], f["client_port"])) for f in flows
                  if (f["client"], f["client_port"]) in want), default=-1)
    print("  %d flows sent, %d kept in a table of %d, %d with a wrong count; the newest kept "
          "is the %dth of %d" % (len(want), kept, entries, len(wrong), newest + 1, len(want)))
    for w in wrong[:5]:
        print("  want %s, got %s" % w)
    if wrong or kept > entries or kept < entries // 2 or newest != len(want) - 1:
        fail("the full table")


def relayed(flows_json, port):
    fs = [f for f in json.load(open(flows_json))["flows"]
          if f["proto"] == "tcp" and f["server_port"] == port]
    if len(fs) != 1:
        fail("want one TCP flow to port %d, got %d" % (port, len(fs)))
    return fs[0]


def check_tcp(client_json, server_json, port, delay, bound, losses):
    c, s = relayed(client_json, int(port)), relayed(server_json, int(port))
    delay, bound, losses = float(delay), float(bound), int(losses)
    rtt = 2 * delay
    print("  client side: SYN->SYN-ACK %.3f ms, SYN-ACK->ACK %.3f ms; retransmits %d, out of "
          "order %d, dup ACKs back %d" % (c["syn_synack_ms"] or -1, c["synack_ack_ms"] or -1,
                                          c["to_server"]["retransmits"],
                                          c["to_server"]["out_of_order"],
                                          c["to_client"]["dup_acks"]))
    print("  server side: SYN->SYN-ACK %.3f ms, SYN-ACK->ACK %.3f ms; retransmits %d, out of "
          "order %d, dup ACKs back %d" % (s["syn_synack_ms"] or -1, s["synack_ack_ms"] or -1,
                                          s["to_server"]["retransmits"],
                                          s["to_server"]["out_of_order"],
                                          s["to_client"]["dup_acks"]))
    checks = [
        ("client SYN->SYN-ACK in [%g, %g] ms" % (rtt, rtt + bound),
         c["syn_synack_ms"] is not None and rtt <= c["syn_synack_ms"] <= rtt + bound),
        ("client SYN-ACK->ACK under %g ms" % bound,
         c["synack_ack_ms"] is not None and c["synack_ack_ms"] < bound),
        ("server SYN->SYN-ACK under %g ms" % bound,
         s["syn_synack_ms"] is not None and s["syn_synack_ms"] < bound),
        ("server SYN-ACK->ACK in [%g, %g] ms" % (rtt, rtt + bound),
         s["synack_ack_ms"] is not None and rtt <= s["synack_ack_ms"] <= rtt + bound),
        ("the sum the same at both ends within %g ms" % bound,
         abs(c["rtt_ms"] - s["rtt_ms"]) < bound),
        ("client retransmits == %d losses" % losses, c["to_server"]["retransmits"] == losses),
        ("server retransmits == %d losses" % losses, s["to_server"]["retransmits"] == losses),
        ("server out of order == %d" % losses, s["to_server"]["out_of_order"] == losses),
        ("client out of order == 0", c["to_server"]["out_of_order"] == 0),
        ("server dup ACKs >= %d" % losses, s["to_client"]["dup_acks"] >= losses),
        ("no retransmits from the server", s["to_client"]["retransmits"] == 0 and
         c["to_client"]["retransmits"] == 0),
        ("the same packets at both ends, to the server less the losses",
         c["to_server"]["packets"] - losses == s["to_server"]["packets"] and
         c["to_client"]["packets"] == s["to_client"]["packets"]),
    ]
    bad = [name for name, ok in checks if not ok]
    if bad:
        fail("; ".join(bad))
    print("  " + "; ".join(name for name, _ in checks))


def check_watch(path, args):
    lines = [json.loads(line) for line in open(path) if line.strip()]
    starts = {(w["alarm"], w.get("address", w.get("source")) + (
        ".%d" % w["port"] if "port" in w else "")) for w in lines if w["event"] == "start"}
    want, unwanted, neg = [], [], False
    for a in args:
        if a == "--not":
            neg = True
            continue
        (unwanted if neg else want).append(tuple(a.split("=", 1)))
    missing = [w for w in want if w not in starts]
    extra = [u for u in unwanted if u in starts]
    print("  watch: %d lines; alarms started: %s" % (len(lines), sorted(starts)))
    if missing or extra:
        fail("watch: missing %s, unwanted %s" % (missing, extra))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "pcap":
        check_pcap(*args)
    elif cmd == "lru":
        check_lru(args[0], args[1], int(args[2]))
    elif cmd == "tcp":
        check_tcp(*args)
    elif cmd == "watch":
        check_watch(args[0], args[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
