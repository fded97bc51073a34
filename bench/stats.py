# SPDX-License-Identifier: GPL-2.0-only
"""The benchmark's raw results (TSVs from e2e.sh and replay.sh, kernel_cost's table) turned into
per-configuration figures: medians with min and max over the rounds. Shared by report.py (the
tables) and plot.py (the figure)."""
import csv
import os
import re
import statistics
import struct

LABELS = {
    "none": "no capture",
    "none_xdp": "no capture, an XDP program that passes all",
    "xdpspy_xdp": "xdpspy -n --hook xdp (text)",
    "counters_xdp": "xdpspy attach --hook xdp (counters only)",
    "tcpdump": "tcpdump -n (default TZ)",
    "tcpdump_utc": "tcpdump -n, TZ=UTC",
    "tcpdump_w": "tcpdump -w /dev/null",
    "xdpspy": "xdpspy -n (text)",
    "xdpspy_w": "xdpspy -w /dev/null",
    "xdpspy_json": "xdpspy -n --json",
    "xdpspy_flows": "xdpspy -n --flows",
    "xdpspy_nov": "xdpspy -n --flows --no-verdicts",
    "xdpspy_proc": "xdpspy -n --process",
    "counters": "xdpspy attach (counters only)",
    "spawn": "(starting a command)",
    "xdpspy_utc": "xdpspy -n -r, TZ=UTC",
}
REPLAY_LABELS = {
    "xdpspy_1": "xdpspy -n -r of 1 frame (start-up)",
    "xdpspy": "xdpspy -n -r (default TZ)",
    "xdpspy_utc": "xdpspy -n -r, TZ=UTC",
    "kernel_1": "xdpspy --kernel-parser -n -r of 1 frame (start-up: load and verify)",
    "kernel": "xdpspy --kernel-parser -n -r (default TZ; a test run per frame)",
    "tcpdump": "tcpdump -n -r (default TZ)",
    "tcpdump_utc": "tcpdump -n -r, TZ=UTC",
}

# xdpspy's programs by their BPF names, as the live run-time column names them.
PROG_LABELS = {"xdpspy_ingress": "ingress", "xdpspy_egress": "egress", "xdpspy_xdp": "XDP"}

# The no-capture configuration each one is measured against (the rest: "none").
BASE = {"none_xdp": "none_xdp", "xdpspy_xdp": "none_xdp", "counters_xdp": "none_xdp"}

# libpcap's TPACKET_V3 ring: each packet takes the aligned tpacket3_hdr + sockaddr_ll (68, to
# 96 with the 16-byte minimum MAC room), libpcap's 4-byte PACKET_RESERVE, less the 14-byte MAC
# header, then the frame, all rounded to 8 bytes.
TPACKET_MACOFF = 86


class Stat:
    """Values over rounds: median, min, max."""

    def __init__(self, values):
        self.v = [x for x in values if x is not None]

    def __bool__(self):
        return bool(self.v)

    @property
    def med(self):
        return statistics.median(self.v) if self.v else None

    def fmt(self, spec="%.0f", spread=True):
        if not self.v:
            return "–"
        m = spec % self.med
        if not spread or len(self.v) < 2:
            return m
        return "%s [%s–%s]" % (m, spec % min(self.v), spec % max(self.v))


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def tpacket_bytes(mix_pcap):
    """Mean bytes one packet of the mix takes in tcpdump's ring."""
    with open(mix_pcap, "rb") as f:
        data = f.read()
    e = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    off, sizes = 24, []
    while off + 16 <= len(data):
        caplen = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        sizes.append((TPACKET_MACOFF + caplen + 7) // 8 * 8)
        off += 16 + caplen
    return sum(sizes) / len(sizes)


class Config:
    """One configuration's runs in one rate mode."""

    def __init__(self, name, rows):
        self.name, self.rows = name, [r for r in rows if r["status"] == "ok"]
        self.na = [r["status"] for r in rows if r["status"] != "ok"]
        self.label = LABELS.get(name, name)

    def col(self, key):
        return [num(r[key]) for r in self.rows]

    def per(self, fn):
        return Stat([fn(r) for r in self.rows])

    def has_process(self):
        return self.name not in ("none", "none_xdp", "counters", "counters_xdp")


def arrived(r):
    return num(r["arrived"]) or None


def loss_pct(r):
    a, s = arrived(r), num(r["seen"])
    return None if a is None or s is None else 100.0 * (a - s) / a


def kernel_ns(r, paced):
    """CPU per packet of the generator and the receive path, ns. Paced, the generator spins
    between frames: then only the machine's softirq time (tick-sampled), too coarse for a
    difference between configurations, good enough for a whole-run figure."""
    a = arrived(r)
    if a is None:
        return None
    if paced:
        return num(r["softirq_ticks"]) / num(r["hz"]) * 1e9 / a
    return (num(r["gen_us"]) + num(r["ksoftirqd_us"])) * 1e3 / a


def whole_us(r, paced):
    """CPU of the whole run per packet, µs (= s per million packets)."""
    k = kernel_ns(r, paced)
    return None if k is None else k / 1e3 + num(r["cap_us"]) / arrived(r)


class E2E:
    """All configurations of one e2e.sh TSV."""

    def __init__(self, path, tpacket):
        rows = read_tsv(path)
        self.pps = int(rows[0]["pps"]) if rows else 0
        self.paced = self.pps > 0
        names = []
        for r in rows:
            if r["config"] not in names:
                names.append(r["config"])
        self.configs = {n: Config(n, [r for r in rows if r["config"] == n]) for n in names}
        self.tpacket = tpacket
        # The receive path with an XDP program differs (the veth copies each skb into an XDP
        # buffer first): the XDP hook's configurations are measured against their own base.
        self.base_ns = {}
        for name in ("none", "none_xdp"):
            base = self.configs.get(name)
            if base:
                self.base_ns[name] = base.per(lambda r: kernel_ns(r, self.paced)).med
        progs = path[:-len(".tsv")] + "-progs.tsv"
        self.progs = read_tsv(progs) if os.path.exists(progs) else []

    def prog_ns(self, c):
        """[(program, Stat of ns per run)] of the runs with bpf_stats on (e2e.sh -P), each
        program that ran in the burst, in the order first seen."""
        rows = [r for r in self.progs if r["config"] == c.name and num(r["run_cnt"])]
        names = list(dict.fromkeys(r["prog"] for r in rows))
        return [(PROG_LABELS.get(n, n), Stat([num(r["run_time_ns"]) / num(r["run_cnt"])
                                              for r in rows if r["prog"] == n])) for n in names]

    def delta_ns(self, c):
        base = self.base_ns.get(BASE.get(c.name, "none"))
        if base is None or self.paced:
            return Stat([])
        return c.per(lambda r: kernel_ns(r, self.paced) - base)

    def user_bytes(self, c):
        """Bytes the kernel handed to user space per packet the tool got."""
        if c.name.startswith("xdpspy"):
            return c.per(lambda r: num(r["ring_bytes"]) / num(r["seen"]) if num(r["seen"]) else None)
        if c.name.startswith("tcpdump"):
            return Stat([self.tpacket])
        return Stat([0.0]) if c.name.startswith("counters") else Stat([])

    def metrics(self, c):
        p = self.paced
        return {
            "rate": c.per(lambda r: num(r["gen_pps"]) / 1e3),
            "sent": Stat(c.col("sent")),
            "arrived": Stat(c.col("arrived")),
            "drops": Stat(c.col("ring_drops")),
            "seen": Stat(c.col("seen")),
            "loss": c.per(loss_pct),
            "cap": c.per(lambda r: num(r["cap_us"]) / arrived(r)),
            "line": c.per(lambda r: num(r["cap_us"]) / num(r["seen"]) if num(r["seen"]) else None),
            "whole": c.per(lambda r: whole_us(r, p)),
            "delta": self.delta_ns(c),
            "bytes": self.user_bytes(c),
            "anon": Stat([x / 1024 for x in c.col("rss_anon_kb")]) if c.has_process() else Stat([]),
            "hwm": Stat([x / 1024 for x in c.col("hwm_kb")]) if c.has_process() else Stat([]),
        }


def load_replay(path):
    """tool -> {"wall": Stat ms, "cpu": Stat ms, "lines": int}, the spawn cost subtracted."""
    rows = read_tsv(path)
    spawn_wall = statistics.median(num(r["wall_us"]) for r in rows if r["tool"] == "spawn")
    spawn_cpu = statistics.median(num(r["cpu_us"]) for r in rows if r["tool"] == "spawn")
    out = {}
    for r in rows:
        if r["tool"] == "spawn":
            continue
        frames = 1 if r["tool"].endswith("_1") else int(r["frames"])
        t = out.setdefault(r["tool"], {"wall": [], "cpu": [], "lines": int(r["lines"]),
                                       "frames": frames})
        # A run shorter than the spawn cost's jitter would come out negative: it took ~0.
        t["wall"].append(max(0.0, (num(r["wall_us"]) - spawn_wall) / 1e3))
        t["cpu"].append(max(0.0, (num(r["cpu_us"]) - spawn_cpu) / 1e3))
    for t in out.values():
        t["wall"], t["cpu"] = Stat(t["wall"]), Stat(t["cpu"])
    return out, spawn_wall / 1e3


def load_kernel(path):
    """kernel_cost's table: [{"frame", "bytes", "empty", "counters", "events", "filter",
    "tc-empty", "tc-counters", "tc-events"}]."""
    rows, head = [], None
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "frame":
                cols = w[:next((i for i, x in enumerate(w) if x.startswith("(")), len(w))]
                head = [x for x in cols if re.match(r"^[a-z][a-z-]*$", x)]
                continue
            if head and len(w) >= len(head) - 1 and all(re.match(r"^[0-9.]+$", x) for x in w[1:]):
                rows.append(dict(zip(head, [w[0]] + [float(x) for x in w[1:]])))
    return rows
