#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make bench`: every benchmark in turn, then the table and the plot, into OUT (bench/results).
#
#   bench/run.sh OUT
#
# Environment (defaults): ROUNDS (3) PROG_ROUNDS (1: e2e.sh -P) FRAMES (2000000)
# PACED_FRAMES (1000000) PACED_PPS (200000) REPLAY_FRAMES (50000) REPLAY_RUNS (5)
# KERNEL_ROUNDS (40) PROFILE (1) IPERF_ROUNDS (5)
# IPERF_SECS (5) CONN_FRAMES (2000000) CONN_TD_FRAMES (50000) CONN_RUNS (3) BENCH_PY
# (/usr/bin/python3, which has Debian's matplotlib).

set -u
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BB=$ROOT/build/bench
OUT=${1:?usage: run.sh OUTDIR}
ROUNDS=${ROUNDS:-3}
PROG_ROUNDS=${PROG_ROUNDS:-1}
FRAMES=${FRAMES:-2000000}
PACED_FRAMES=${PACED_FRAMES:-1000000}
PACED_PPS=${PACED_PPS:-200000}
REPLAY_FRAMES=${REPLAY_FRAMES:-50000}
REPLAY_RUNS=${REPLAY_RUNS:-5}
KERNEL_ROUNDS=${KERNEL_ROUNDS:-40}
PROFILE=${PROFILE:-1}
IPERF_ROUNDS=${IPERF_ROUNDS:-5}
IPERF_SECS=${IPERF_SECS:-5}
CONN_FRAMES=${CONN_FRAMES:-2000000}
CONN_TD_FRAMES=${CONN_TD_FRAMES:-50000}
CONN_RUNS=${CONN_RUNS:-3}
PY=${BENCH_PY:-/usr/bin/python3}
CAP_CPU=${CAP_CPU:-1}

step() { echo "== bench: $*" >&2; }
fail() {
	echo "bench: $*" >&2
	exit 1
}

[[ $(id -u) == 0 ]] || fail "must run as root"
mkdir -p "$OUT" || fail "cannot create $OUT"
t0=$SECONDS

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) × $cpu, kernel $(uname -r)"
	echo
	echo "xdpspy $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')," \
		"$(tcpdump --version 2>&1 | head -1), $(tcpdump --version 2>&1 | sed -n 2p)." \
		"Generator mix: $(cat "$BB/mix.pcap.txt")." \
		"$ROUNDS rounds of $FRAMES frames at full rate and of $PACED_FRAMES at $PACED_PPS" \
		"frames/s; replay of $REPLAY_FRAMES frames, $REPLAY_RUNS runs." \
		"Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$OUT/env.txt"

step "in-kernel cost (BPF_PROG_TEST_RUN, $KERNEL_ROUNDS rounds)"
$PY "$BENCH/frames.py" "$BB/frames" || fail "frames.py failed"
# shellcheck disable=SC2016 # expanded by the inner bash
setsid bash -c 'echo -20 >/proc/self/autogroup 2>/dev/null; exec "$@"' _ \
	taskset -c "$CAP_CPU" "$BB/kernel_cost" -r "$KERNEL_ROUNDS" -e 'tcp port 443 and host 10.0.0.1' \
	"$BB"/frames/*.pcap >"$OUT/kernel.txt" || fail "kernel_cost failed"
cat "$OUT/kernel.txt" >&2
step "two CPUs producing at once: one ring, per-CPU rings ($KERNEL_ROUNDS rounds)"
# shellcheck disable=SC2016 # expanded by the inner bash
setsid bash -c 'echo -20 >/proc/self/autogroup 2>/dev/null; exec "$@"' _ \
	"$BB/producers" -r "$KERNEL_ROUNDS" "$BB"/frames/*.pcap >"$OUT/producers.txt" ||
	fail "producers failed"
cat "$OUT/producers.txt" >&2

step "end to end, full rate"
"$BENCH/e2e.sh" -o "$OUT/e2e-full.tsv" -R "$ROUNDS" -P "$PROG_ROUNDS" -n "$FRAMES" ||
	fail "e2e.sh failed"
step "end to end, $PACED_PPS frames/s"
"$BENCH/e2e.sh" -o "$OUT/e2e-paced.tsv" -R "$ROUNDS" -P "$PROG_ROUNDS" -n "$PACED_FRAMES" -r "$PACED_PPS" ||
	fail "e2e.sh failed"
step "what the monitored traffic pays (iperf3)"
"$BENCH/iperf.sh" -o "$OUT/iperf.tsv" -R "$IPERF_ROUNDS" -t "$IPERF_SECS" || fail "iperf.sh failed"
step "what xdpspy top costs while it refreshes"
"$BENCH/top.sh" -o "$OUT/top.tsv" -R "$ROUNDS" || fail "top.sh failed"
step "replay"
"$BENCH/replay.sh" -o "$OUT/replay.tsv" -n "$REPLAY_FRAMES" -R "$REPLAY_RUNS" ||
	fail "replay.sh failed"
step "the printer at 1k, 100k, 1M connections"
"$BENCH/conns.sh" -o "$OUT/conns.tsv" -n "$CONN_FRAMES" -t "$CONN_TD_FRAMES" -R "$CONN_RUNS" ||
	fail "conns.sh failed"
if [[ $PROFILE == 1 ]]; then
	step "profiles"
	"$BENCH/profile.sh" -o "$OUT/profile.md" -n "$FRAMES" || fail "profile.sh failed"
else
	rm -f "$OUT/profile.md"
fi

step "report"
$PY "$BENCH/report.py" "$OUT" "$BB/mix.pcap" || fail "report.py failed"
$PY "$BENCH/plot.py" "$OUT" "$BB/mix.pcap" || fail "plot.py failed"
step "done in $((SECONDS - t0)) s: $OUT/results.md, $OUT/results.png"
