#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench/results/results.png from the raw results of one `make bench`: plot.py DIR MIX.pcap

Six panels: loss, capture-process CPU per packet, whole-run CPU per packet (what the kernel
does for the capture shown apart), in-kernel cost per frame in a test run, replay time, and
anonymous memory. Bars are medians, whiskers min and max over the rounds."""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

import stats as S  # noqa: E402

ORDER = ["none", "none_xdp", "tcpdump", "tcpdump_utc", "tcpdump_w", "xdpspy", "xdpspy_xdp",
         "xdpspy_w", "xdpspy_json", "xdpspy_flows", "xdpspy_nov", "xdpspy_proc", "counters",
         "counters_xdp"]
SHORT = {"none": "none", "none_xdp": "none\n(XDP)", "tcpdump": "tcpdump\n-n",
         "tcpdump_utc": "tcpdump\n-n UTC", "tcpdump_w": "tcpdump\n-w", "xdpspy": "xdpspy\n-n",
         "xdpspy_xdp": "xdpspy\n-n XDP", "xdpspy_w": "xdpspy\n-w", "xdpspy_json": "xdpspy\n--json",
         "xdpspy_flows": "xdpspy\n--flows", "xdpspy_nov": "--flows\nno verdicts",
         "xdpspy_proc": "xdpspy\n--process",
         "counters": "xdpspy\nattach", "counters_xdp": "attach\nXDP"}
XS, TD = "#2a7ab0", "#c8553d"


def color(name):
    return XS if name.startswith(("xdpspy", "counters", "kernel")) else TD if name.startswith("tcpdump") \
        else "#888888"


def bars(ax, names, stats, offset=0.0, width=0.8, **kw):
    xs, hs, lo, hi = [], [], [], []
    for i, st in enumerate(stats):
        if st:
            xs.append(i + offset)
            hs.append(st.med)
            lo.append(st.med - min(st.v))
            hi.append(max(st.v) - st.med)
    ax.bar(xs, hs, width, yerr=[lo, hi], capsize=2, **kw)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([SHORT.get(n, n) for n in names], fontsize=7)


def main():
    d, mix = sys.argv[1], sys.argv[2]
    tp = S.tpacket_bytes(mix)
    full = S.E2E(os.path.join(d, "e2e-full.tsv"), tp)
    paced = S.E2E(os.path.join(d, "e2e-paced.tsv"), tp)
    kern = S.load_kernel(os.path.join(d, "kernel.txt"))
    rep, _ = S.load_replay(os.path.join(d, "replay.tsv"))
    names = [n for n in ORDER if n in full.configs]
    mf = {n: full.metrics(full.configs[n]) for n in names}
    mp = {n: paced.metrics(paced.configs[n]) for n in names if n in paced.configs}

    fig, ax = plt.subplots(2, 3, figsize=(16, 9))
    with open(os.path.join(d, "env.txt")) as f:
        fig.suptitle("xdpspy vs tcpdump: %s" % f.readline().strip(), fontsize=10)

    a = ax[0][0]
    cap = [n for n in names if n not in ("none", "none_xdp")]
    bars(a, cap, [mf[n]["loss"] for n in cap], color=[color(n) for n in cap])
    a.set_title("lost at full rate, %", fontsize=9)
    a.set_ylim(0, 100)

    a = ax[0][1]
    proc = [n for n in names if n not in ("none", "none_xdp", "counters", "counters_xdp")]
    bars(a, proc, [mf[n]["line"] for n in proc], -0.2, 0.4, color=[color(n) for n in proc],
         label="full rate")
    bars(a, proc, [mp.get(n, {}).get("line", S.Stat([])) for n in proc], 0.2, 0.4,
         color=[color(n) for n in proc], alpha=0.45, label="%d kpps" % (paced.pps // 1000))
    a.set_title("capture process CPU per packet it got, µs", fontsize=9)
    a.legend(fontsize=7)

    a = ax[0][2]
    # Each configuration on its own base: the XDP hook's receive path costs more (stats.BASE).
    bases = [full.base_ns.get(S.BASE.get(n, "none"), 0) / 1e3 for n in names]
    kern_d = [max(mf[n]["delta"].med or 0, 0) / 1e3 if n not in ("none", "none_xdp") else 0
              for n in names]
    capc = [mf[n]["cap"].med or 0 for n in names]
    xs = range(len(names))
    a.bar(xs, bases, color="#bbbbbb")
    a.bar(xs, kern_d, bottom=bases, color="#6a994e")
    a.bar(xs, capc, bottom=[b + k for b, k in zip(bases, kern_d)], color=[color(n) for n in names])
    a.set_xticks(list(xs))
    a.set_xticklabels([SHORT[n] for n in names], fontsize=7)
    a.set_title("whole run CPU per packet at full rate, µs", fontsize=9)
    a.legend(handles=[Patch(color="#bbbbbb", label="generator + receive path"),
                      Patch(color="#6a994e", label="in-kernel capture (vs none)"),
                      Patch(color=TD, label="tcpdump process"),
                      Patch(color=XS, label="xdpspy process")], fontsize=7, loc="upper left")
    a.set_ylim(0, max(b + k + c for b, k, c in zip(bases, kern_d, capc)) * 1.4)

    a = ax[1][0]
    if kern:
        w = 0.27
        for j, (k, c) in enumerate((("empty", "#bbbbbb"), ("counters", "#6a994e"),
                                    ("events", XS))):
            a.bar([i + (j - 1) * w for i in range(len(kern))], [r[k] for r in kern], w,
                  color=c, label=k)
        a.set_xticks(range(len(kern)))
        a.set_xticklabels([r["frame"] for r in kern], fontsize=7, rotation=20)
        a.set_ylim(0, max(r["events"] for r in kern) * 1.25)
        a.legend(fontsize=7, ncol=3, loc="upper left")
    a.set_title("in-kernel cost per frame (BPF_PROG_TEST_RUN), ns", fontsize=9)

    a = ax[1][1]
    rn = [k for k in ("xdpspy_1", "xdpspy", "xdpspy_utc", "kernel_1", "kernel", "tcpdump",
                      "tcpdump_utc") if k in rep]
    short = {"kernel_1": "--kernel-parser\n1 frame\n(start-up)", "kernel": "--kernel-parser\n(default TZ)"}
    a.bar(range(len(rn)), [rep[k]["cpu"].med for k in rn],
          yerr=[[rep[k]["cpu"].med - min(rep[k]["cpu"].v) for k in rn],
                [max(rep[k]["cpu"].v) - rep[k]["cpu"].med for k in rn]],
          capsize=2, color=[color(k) for k in rn])
    a.set_xticks(range(len(rn)))
    a.set_xticklabels([short.get(k) or S.REPLAY_LABELS[k].replace(" (", "\n(").replace(", ", "\n")
                       .replace(" of 1", "\nof 1") for k in rn], fontsize=6)
    a.set_title("replay of %d frames, CPU ms" % rep["xdpspy"]["frames"], fontsize=9)

    a = ax[1][2]
    bars(a, proc, [mf[n]["anon"] for n in proc], color=[color(n) for n in proc])
    a.axhline(16, color="black", lw=0.8, ls="--")
    a.set_title("peak RssAnon of the capture process, MiB (target < 16)", fontsize=9)

    fig.tight_layout(rect=(0, 0, 1, 0.96))
    fig.savefig(os.path.join(d, "results.png"), dpi=110)


if __name__ == "__main__":
    main()
