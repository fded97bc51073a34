#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench/results/results.md from the raw results of one `make bench`:

    report.py DIR MIX.pcap
    report.py --conns CONNS.tsv      (make bench-conns: that table alone, on stdout)

DIR holds e2e-full.tsv, e2e-paced.tsv, replay.tsv, kernel.txt, env.txt and (optionally)
producers.txt, conns.tsv and profile.md; MIX.pcap is the generator's template mix (for tcpdump's ring layout)."""
import os
import statistics
import sys

import stats as S

ORDER = ["none", "none_xdp", "tcpdump", "tcpdump_utc", "tcpdump_w", "xdpspy", "xdpspy_xdp",
         "xdpspy_w", "xdpspy_json", "xdpspy_flows", "xdpspy_nov", "xdpspy_proc", "counters",
         "counters_xdp"]
IPERF = [("none", "nothing attached"), ("tcpdump_w", "tcpdump -i IF -w /dev/null"),
         ("tcpdump", "tcpdump -n -i IF > /dev/null"), ("counters", "xdpspy attach IF"),
         ("counters_xdp", "xdpspy attach IF --hook xdp"),
         ("counters_flows", "xdpspy attach IF --flows"), ("xdpspy", "xdpspy -n -i IF > /dev/null"),
         ("xdpspy_xdp", "xdpspy -n -i IF --hook xdp > /dev/null")]


def read(path):
    with open(path) as f:
        return f.read()


def e2e_table(e):
    paced = e.paced
    head = ["configuration", "runs", "sent", "arrived", "rate kpps", "seen", "lost %",
            "capture CPU s/Mpkt", "capture µs per packet it got", "whole run CPU s/Mpkt",
            "in-kernel Δ ns/pkt", "live program ns/run", "bytes to user/pkt", "RssAnon MiB", "VmHWM MiB"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in ORDER + [n for n in e.configs if n not in ORDER]:
        c = e.configs.get(name)
        if not c:
            continue
        if not c.rows:
            out.append("| " + " | ".join([c.label, "0", c.na[0] if c.na else "n/a"] +
                                         ["–"] * (len(head) - 3)) + " |")
            continue
        m = e.metrics(c)
        proc = c.has_process()
        line = m["line"].fmt("%.3f") if proc else "–"
        base = name in ("none", "none_xdp")
        delta = "(baseline)" if base and not paced else m["delta"].fmt("%+.0f")
        tp = "≈%s" % m["bytes"].fmt("%.0f") if name.startswith("tcpdump") else m["bytes"].fmt("%.1f")
        cells = [c.label, str(len(c.rows)), m["sent"].fmt("%.0f", False),
                 m["arrived"].fmt("%.0f", False), m["rate"].fmt("%.0f"),
                 m["seen"].fmt("%.0f") if not base else "–",
                 m["loss"].fmt("%.1f") if not base else "–",
                 m["cap"].fmt("%.3f") if proc else "0 (no process)", line,
                 m["whole"].fmt("%.3f"), delta, live_cell(e, c), tp if not base else "–",
                 m["anon"].fmt("%.1f") if proc else "–", m["hwm"].fmt("%.1f") if proc else "–"]
        if c.na:
            cells[0] += " (%d runs n/a)" % len(c.na)
        out.append("| " + " | ".join(cells) + " |")
    drops = sum(sum(x or 0 for x in c.col("ring_drops")) for c in e.configs.values())
    runs = [r for c in e.configs.values() for r in c.rows]
    differ = sum(1 for r in runs if r["sent"] != r["arrived"])
    note = ("Whole run = the capture's cgroup + the softirq time of the machine (/proc/stat, "
            "tick-sampled: the paced generator spins between frames, so its own CPU says "
            "nothing); too coarse for the in-kernel difference between configurations, which "
            "the full-rate table gives." if paced else
            "Whole run = the generator's cgroup (which includes the receive path, the XDP "
            "program and the in-kernel capture work, run in softirq in its context) + the "
            "capture's cgroup + ksoftirqd; in-kernel Δ = generator + ksoftirqd per packet, "
            "minus the same for no capture (an empty XDP program).")
    note += (" Live program = the run time of each of xdpspy's programs that ran, per run "
             "(bpf_stats: run_time_ns / run_cnt over the burst), from %s round(s) more of "
             "each xdpspy configuration with kernel.bpf_stats_enabled on, which adds its own "
             "~25–30 ns a run and so is kept out of the other columns; tcpdump's classic "
             "socket filter has no BPF program ID to read it from." % (
                 max([int(r["round"]) for r in e.progs] or [0])))
    out.append("")
    out.append(note + " Arrived ≠ sent in %d of %d runs; frames dropped at the veth before "
               "arrival, all runs: %d." % (differ, len(runs), drops))
    return "\n".join(out)


def live_cell(e, c):
    """The live run time of the configuration's programs (e2e.sh -P), "ingress 72 [70–75]"."""
    if c.name.startswith("tcpdump"):
        return "n/a (cBPF)"
    live = e.prog_ns(c)
    return "; ".join("%s %s" % (n, st.fmt("%.0f")) for n, st in live) if live else "–"


def kernel_table(rows):
    out = ["| frame | bytes | empty XDP | counters only | events | events + filter | "
           "counters − empty | events − empty | empty TC | TC counters − empty | "
           "TC events − empty |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        tc = ("%.0f | %+.0f | %+.0f" % (r["tc-empty"], r["tc-counters"] - r["tc-empty"],
                                        r["tc-events"] - r["tc-empty"])
              if "tc-empty" in r else "– | – | –")
        out.append("| %s | %d | %.0f | %.0f | %.0f | %s | %+.0f | %+.0f | %s |" % (
            r["frame"], r["bytes"], r["empty"], r["counters"], r["events"],
            "%.0f" % r["filter"] if "filter" in r else "–", r["counters"] - r["empty"],
            r["events"] - r["empty"], tc))
    return "\n".join(out)


def flows_table(rows, top):
    """--flows: what the flow table and the detectors add in the kernel, and top's CPU."""
    out = ["| frame | counters only | with --flows | added (alternating rounds) | "
           "events with --flows | TC with --flows |", "|---|---|---|---|---|---|"]
    for r in rows:
        if "flows" not in r:
            continue
        out.append("| %s | %.0f | %.0f | %+.0f | %.0f | %.0f |" % (
            r["frame"], r["counters"], r["flows"], r["flows-added"], r["ev-flows"],
            r["tc-flows"]))
    if top:
        per = S.Stat([float(t["ms_per_refresh"]) for t in top])
        out += ["", "`xdpspy top` (bench/top.sh): %s flows in the table, CPU per refresh "
                "(start-up included) %s ms over %d rounds of %s refreshes." % (
                    top[0]["flows"], per.fmt("%.1f"), len(top), top[0]["refreshes"])]
    return "\n".join(out)


def replay_table(rep, spawn_ms):
    base = rep.get("tcpdump_utc")
    one = rep.get("xdpspy_1")
    out = ["| command | lines | CPU ms | wall ms | CPU µs/packet | the same less start-up | "
           "CPU vs tcpdump -r TZ=UTC |", "|---|---|---|---|---|---|---|"]
    for k in ("xdpspy_1", "xdpspy", "xdpspy_utc", "kernel_1", "kernel", "tcpdump",
              "tcpdump_utc"):
        t = rep.get(k)
        if not t:
            continue
        if k.endswith("_1"):
            out.append("| %s | %d | %s | %s | – | – | – |" % (
                S.REPLAY_LABELS[k], t["lines"], t["cpu"].fmt("%.1f"), t["wall"].fmt("%.1f")))
            continue
        per = t["cpu"].med * 1e3 / t["frames"]
        start = rep.get("kernel_1") if k == "kernel" else one if k.startswith("xdpspy") else None
        less = (t["cpu"].med - start["cpu"].med) * 1e3 / t["frames"] if start else per
        ratio = "%.2f×" % (t["cpu"].med / base["cpu"].med) if base else "–"
        out.append("| %s | %d | %s | %s | %.2f | %.2f | %s |" % (
            S.REPLAY_LABELS[k], t["lines"], t["cpu"].fmt("%.1f"), t["wall"].fmt("%.1f"), per,
            less, ratio))
    out.append("")
    out.append("CPU time of the process (its cgroup, exact) and wall time, both less the cost of "
               "starting a command the same way (`true`: %.1f ms wall). Start-up: xdpspy "
               "replaying a single frame (with --kernel-parser: loading and verifying its BPF "
               "programs). `-r` decodes with the host build of the XDP program's parser; "
               "--kernel-parser runs every frame through the loaded program instead, one "
               "BPF_PROG_TEST_RUN system call per frame. Wall time "
               "includes the benchmark script's own scheduling delays on a busy machine; the "
               "verdicts use CPU time (replay is single-threaded and CPU-bound)." % spawn_ms)
    return "\n".join(out)


def conns_stats(rows):
    """(tool, flows) -> (Stat of CPU µs per line, Stat of RssAnon MiB, frames), from conns.tsv."""
    out = {}
    for key in dict.fromkeys((r["tool"], int(r["flows"])) for r in rows):
        rs = [r for r in rows if (r["tool"], int(r["flows"])) == key]
        per = S.Stat([float(r["cpu_us"]) / max(int(r["lines"]), 1) for r in rs])
        out[key] = (per, S.Stat([float(r["rss_anon_kb"]) / 1024 for r in rs]), int(rs[0]["frames"]))
    return out


def conns_table(fs):
    counts = sorted({n for _, n in fs})
    out = ["| connections | xdpspy µs/line | vs 1k | xdpspy RssAnon MiB | tcpdump µs/line "
           "| tcpdump RssAnon MiB | xdpspy vs tcpdump per line |", "|---|---|---|---|---|---|---|"]
    base = fs.get(("xdpspy", counts[0])) if counts else None
    for n in counts:
        x, t = fs.get(("xdpspy", n)), fs.get(("tcpdump", n))
        ratio = "%.2f×" % (x[0].med / base[0].med) if x and base else "–"
        vs = "%.3f×" % (x[0].med / t[0].med) if x and t else "–"
        out.append("| %d | %s | %s | %s | %s | %s | %s |" % (
            n, x[0].fmt("%.3f") if x else "–", ratio, x[1].fmt("%.1f") if x else "–",
            t[0].fmt("%.2f") if t else "–", t[1].fmt("%.1f") if t else "–", vs))
    xf = next((v[2] for k, v in fs.items() if k[0] == "xdpspy"), 0)
    tf = next((v[2] for k, v in fs.items() if k[0] == "tcpdump"), 0)
    out.append("")
    out.append("`bench/conns.sh`: %d TCP/IPv4 segments (data from the client, ACKs from the "
               "server, timestamps) spread at random over N connections, replayed to /dev/null "
               "with `-n`, TZ=UTC, pinned; CPU from the process's cgroup per line printed, "
               "start-up included; peak RssAnon. tcpdump replays only the first %d segments of "
               "the same file (its table of 919 buckets makes a line cost more with every "
               "connection it holds: all of them would take minutes), so its column holds fewer "
               "connections than the row says. xdpspy keeps at most `--max-conns` (default "
               "1048576) connections of each address family." % (xf, tf))
    return "\n".join(out)


def conns_target(fs):
    counts = sorted({n for t, n in fs if t == "xdpspy"})
    if len(counts) < 2:
        return []
    lo, hi = fs[("xdpspy", counts[0])], fs[("xdpspy", counts[-1])]
    r = hi[0].med / lo[0].med
    anon = max(max(v[1].v) for k, v in fs.items() if k[0] == "xdpspy")
    return [("capture CPU per line at %d connections ≤ 1.2× that at %d" % (counts[-1], counts[0]),
             "%.3f vs %.3f µs: %.2f×" % (hi[0].med, lo[0].med, r), verdict(r <= 1.2)),
            ("RssAnon bounded by --max-conns (IPv4: 40 MiB of table at the default 1048576, "
             "+ 8 MiB)", "peak %.1f MiB at %d connections" % (anon, counts[-1]),
             verdict(anon <= 48))]


def iperf_rows(path):
    """config -> Stat of Gbit/s, from iperf.sh's TSV."""
    if not os.path.exists(path):
        return {}
    rows = S.read_tsv(path)
    return {c: S.Stat([float(r["gbps"]) for r in rows if r["config"] == c])
            for c in dict.fromkeys(r["config"] for r in rows)}


def iperf_table(ip):
    none = ip.get("none")
    out = ["| on the receiving end | Gbit/s | vs nothing |", "|---|---|---|"]
    for name, label in IPERF:
        st = ip.get(name)
        if not st:
            continue
        ratio = "%.2f" % (st.med / none.med) if none else "–"
        out.append("| `%s` | %s | %s |" % (label, st.fmt("%.2f"), ratio))
    out.append("")
    out.append("iperf3 (TCP, one stream) between two namespaces over a veth pair, the capture on "
               "the receiving end, offloads as a veth has them (TSO on); configurations "
               "interleaved round by round (`bench/iperf.sh`).")
    return "\n".join(out)


def verdict(ok):
    return "**met**" if ok else "**not met**"


def targets(full, paced, kern, rep, ip, fs, prod):
    t = conns_target(fs)
    if prod:
        t.append(producers_target(prod))
    if ip.get("none") and ip.get("counters"):
        r = ip["counters"].med / ip["none"].med
        t.append(("iperf3 with `xdpspy attach` ≥ 0.95× with nothing attached",
                  "%.2f vs %.2f Gbit/s: %.2f×" % (ip["counters"].med, ip["none"].med, r),
                  verdict(r >= 0.95)))
    if ip.get("xdpspy") and ip.get("tcpdump"):
        a, b = ip["xdpspy"].med, ip["tcpdump"].med
        t.append(("iperf3 with `xdpspy -n` ≥ with `tcpdump -n`",
                  "%.2f vs %.2f Gbit/s: %.2f×" % (a, b, a / b), verdict(a >= b)))
    added = [r["flows-added"] for r in kern if "flows-added" in r]
    if added:
        t.append(("`--flows` adds ≤ 40 ns per packet in the kernel over counters-only",
                  "%+.0f to %+.0f ns over %d frames" % (min(added), max(added), len(added)),
                  verdict(max(added) <= 40)))
    fc = full.configs
    x, td, tu, tw, cn = (fc.get(n) for n in ("xdpspy", "tcpdump", "tcpdump_utc", "tcpdump_w",
                                              "counters"))
    mx = full.metrics(x) if x and x.rows else None
    if mx:
        worst = max(mx["loss"].v)
        tdl = full.metrics(td)["loss"].med if td and td.rows else None
        t.append(("xdpspy text mode loses 0 % at the generator's full rate; tcpdump -n loses "
                  "most", "xdpspy %s %% (worst run %.2f %%); tcpdump -n %s %%" % (
                      mx["loss"].fmt("%.2f"), worst, "%.1f" % tdl if tdl is not None else "–"),
                  verdict(worst <= 0 and (tdl or 0) > 50)))
    if mx and tu and tu.rows:
        r = mx["line"].med / full.metrics(tu)["line"].med
        msg = "%.3f vs %.3f µs per line: %.2f× (full rate)" % (
            mx["line"].med, full.metrics(tu)["line"].med, r)
        px, pu = paced.configs.get("xdpspy"), paced.configs.get("tcpdump_utc")
        if px and pu and px.rows and pu.rows:
            msg += "; %.2f× at %d kpps" % (paced.metrics(px)["line"].med /
                                           paced.metrics(pu)["line"].med, paced.pps // 1000)
        t.append(("capture-process CPU per printed line ≤ ¼ of tcpdump -n with TZ=UTC", msg,
                  verdict(r <= 0.25)))
    if mx and tw and tw.rows:
        a, b = mx["whole"].med, full.metrics(tw)["whole"].med
        t.append(("whole-run CPU per packet of xdpspy text ≤ tcpdump -w /dev/null",
                  "%.3f vs %.3f s/Mpkt (%.2f×)" % (a, b, a / b), verdict(a <= b)))
    if mx:
        d = mx["delta"].med
        k = statistics.median(r["events"] - r["empty"] for r in kern) if kern else None
        live = dict(full.prog_ns(x)).get("ingress")
        t.append(("in-kernel added cost per packet ≤ 80 ns with events",
                  "%+.0f ns end to end (vs no capture); %s ns in BPF_PROG_TEST_RUN (events − "
                  "empty, median over frames); the ingress program itself %s ns per run live "
                  "(bpf_stats)" % (d, "%+.0f" % k if k is not None else "–",
                                   "%.0f" % live.med if live else "–"), verdict(d <= 80)))
    if cn and cn.rows:
        d = full.metrics(cn)["delta"].med
        k = statistics.median(r["counters"] - r["empty"] for r in kern) if kern else None
        t.append(("in-kernel added cost per packet ≤ 15 ns counters-only",
                  "%+.0f ns end to end; %s ns in BPF_PROG_TEST_RUN (counters − empty)" % (
                      d, "%+.0f" % k if k is not None else "–"), verdict(d <= 15)))
    anon = [(v, c.label, e.pps) for e in (full, paced) for c in e.configs.values()
            if c.name.startswith("xdpspy") for v in [x / 1024 for x in c.col("rss_anon_kb")]]
    if anon:
        v, lab, _ = max(anon)
        t.append(("RssAnon < 16 MiB", "peak %.1f MiB (%s), over every xdpspy run" % (v, lab),
                  verdict(v < 16)))
    if rep and "xdpspy" in rep and "tcpdump_utc" in rep:
        x, u, d = rep["xdpspy"]["cpu"].med, rep["tcpdump_utc"]["cpu"].med, \
            rep["tcpdump"]["cpu"].med
        one = rep.get("xdpspy_1")
        start = " (of which %.0f ms start-up)" % one["cpu"].med if one else ""
        k = rep.get("kernel")
        kern = "; --kernel-parser %.1f ms (%.2f×)" % (k["cpu"].med, k["cpu"].med / u) if k else ""
        t.append(("replay within 1.5× of tcpdump -r with TZ=UTC",
                  "%.1f%s vs %.1f ms CPU: %.2f×%s" % (x, start, u, x / u, kern),
                  verdict(x <= 1.5 * u)))
        t.append(("replay faster than tcpdump -r with the default TZ",
                  "%.1f vs %.1f ms CPU: %.2f×" % (x, d, x / d), verdict(x < d)))
    out = ["| target | measured (medians, same run) | verdict |", "|---|---|---|"]
    out += ["| %s | %s | %s |" % row for row in t]
    return "\n".join(out)


def load_producers(path):
    """producers' table: [{"frame", "one": (1, 2), "percpu": (1, 2), "counting": (1, 2)}]."""
    rows = []
    if not os.path.exists(path):
        return rows
    for line in read(path).splitlines():
        w = line.split()
        if len(w) == 11 and w[1].isdigit() and all(x.endswith("x") for x in w[8:]):
            v = [float(x) for x in w[2:8]]
            rows.append({"frame": w[0], "one": v[0:2], "percpu": v[2:4], "counting": v[4:6]})
    return rows


def producers_table(rows):
    out = ["| frame | one ring: 1 producer | 2 at once | per-CPU rings: 1 | 2 at once | "
           "counters only: 1 | 2 at once | one ring 2/1 | per-CPU 2/1 | counters 2/1 |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratios = ["%.2f×" % (r[k][1] / r[k][0]) for k in ("one", "percpu", "counting")]
        out.append("| %s | %s | %s |" % (r["frame"], " | ".join(
            "%.0f" % x for k in ("one", "percpu", "counting") for x in r[k]), " | ".join(ratios)))
    return "\n".join(out)


def producers_target(rows):
    ratio = statistics.median(r["percpu"][1] / r["percpu"][0] for r in rows)
    one = statistics.median(r["one"][1] / r["one"][0] for r in rows)
    return ("two producers at once: per-event kernel cost ≤ 1.1× that of one producer",
            "%.2f× with per-CPU rings, %.2f× with one ring (median over frames)" % (ratio, one),
            verdict(ratio <= 1.1))


def main():
    d, mix = sys.argv[1], sys.argv[2]
    tp = S.tpacket_bytes(mix)
    full = S.E2E(os.path.join(d, "e2e-full.tsv"), tp)
    paced = S.E2E(os.path.join(d, "e2e-paced.tsv"), tp)
    kern = S.load_kernel(os.path.join(d, "kernel.txt"))
    prod = load_producers(os.path.join(d, "producers.txt"))
    rep, spawn_ms = S.load_replay(os.path.join(d, "replay.tsv"))
    ip = iperf_rows(os.path.join(d, "iperf.tsv"))
    top_tsv = os.path.join(d, "top.tsv")
    top = S.read_tsv(top_tsv) if os.path.exists(top_tsv) else []
    ft = os.path.join(d, "conns.tsv")
    fs = conns_stats(S.read_tsv(ft)) if os.path.exists(ft) else {}
    env = read(os.path.join(d, "env.txt")).strip()
    prof = os.path.join(d, "profile.md")

    doc = ["# xdpspy benchmark", "", "Written by `make bench` (bench/report.py); the plot is "
           "`results.png`, the raw rows are the TSVs beside this file.", "", env, "",
           "## Targets", "", targets(full, paced, kern, rep, ip, fs, prod), "",
           "## What the monitored traffic pays", "", iperf_table(ip), "",
           "## End to end, as fast as the generator goes", "", e2e_table(full), "",
           "## End to end, at a fixed %d kpps" % (paced.pps // 1000), "", e2e_table(paced), "",
           "## In-kernel cost per packet (BPF_PROG_TEST_RUN, ns)", "",
           "`make bench-kernel` (bench/kernel_cost.c): each frame %s; the ring is drained "
           "every 1000 runs, so events are delivered, not lost." % (
               "run 1000 times per round, median over rounds"), "", kernel_table(kern), "",
           "## Two CPUs producing at once (BPF_PROG_TEST_RUN, ns per event)", "",
           "`make bench-kernel` (bench/producers.c): the XDP program sending events from "
           "threads pinned to CPU 0 and 1, a reader draining; the same program with one ring "
           "in every CPU's slot, with a ring per CPU, and counting only (the machine's own "
           "cost of two CPUs at once).", "", producers_table(prod), "",
           "## Flows and detectors (--flows)", "", flows_table(kern, top), "",
           "## Replay (%d frames, median of %d runs)" % (
               rep["xdpspy"]["frames"], len(rep["xdpspy"]["wall"].v)),
           "", replay_table(rep, spawn_ms), ""]
    if fs:
        doc += ["## Connections: 1k to 1M", "", conns_table(fs), ""]
    if os.path.exists(prof):
        doc += ["## Profiles", "", read(prof).strip(), ""]
    doc += ["How it is measured, and the caveats: `bench/README.md`.", ""]
    with open(os.path.join(d, "results.md"), "w") as f:
        f.write("\n".join(doc))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--conns":
        FS = conns_stats(S.read_tsv(sys.argv[2]))
        print(conns_table(FS))
        print()
        print("\n".join("%s: %s, %s" % row for row in conns_target(FS)))
    else:
        main()
