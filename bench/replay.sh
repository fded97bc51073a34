#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Replay benchmark: xdpspy -n -r against tcpdump -n -r on the same capture, the generator's own
# frames (bench/gen.c -w), to /dev/null.
#
#   bench/replay.sh -o OUT.tsv [-n FRAMES] [-R RUNS]
#
# Each command runs RUNS times, interleaved, pinned to one CPU in a cgroup of its own (exact
# CPU time) at autogroup nice NICE; wall time is taken around it (so it includes this script's
# own scheduling delays when the machine is busy: CPU time is the robust figure). One untimed run of each, to a
# file, counts the lines (they must agree: the same packets printed).

set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

FRAMES=50000 RUNS=5 OUT=""
while getopts "o:n:R:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	n) FRAMES=$OPTARG ;;
	R) RUNS=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[[ -n $OUT ]] || b_die "usage: replay.sh -o OUT.tsv [-n FRAMES] [-R RUNS]"

# `spawn` runs `true` the same way: what starting a command costs here (bash, env, taskset),
# which bench/report.py subtracts from the others. `xdpspy_1` replays a single frame: xdpspy's
# fixed cost; `kernel` and `kernel_1` the same with --kernel-parser (every frame through the
# XDP program; its fixed cost is loading and verifying the BPF programs).
NAMES=(spawn xdpspy_1 xdpspy xdpspy_utc kernel_1 kernel tcpdump tcpdump_utc)

cmd() { # cmd NAME: CMD, the command line
	local f=$B_WORK/replay.pcap
	case $1 in
	spawn) CMD=(env TZ=UTC true) ;;
	xdpspy_1) CMD=(env -u TZ "$XDPSPY" -n -r "$B_WORK/one.pcap") ;;
	xdpspy) CMD=(env -u TZ "$XDPSPY" -n -r "$f") ;;
	xdpspy_utc) CMD=(env TZ=UTC "$XDPSPY" -n -r "$f") ;;
	kernel_1) CMD=(env -u TZ "$XDPSPY" --kernel-parser -n -r "$B_WORK/one.pcap") ;;
	kernel) CMD=(env -u TZ "$XDPSPY" --kernel-parser -n -r "$f") ;;
	tcpdump) CMD=(env -u TZ tcpdump -n -r "$f") ;;
	tcpdump_utc) CMD=(env TZ=UTC tcpdump -n -r "$f") ;;
	esac
}

# run NAME OUTFILE: runs it once; sets WALL_US and CPU ("usage user system" µs).
run() {
	local c0 c1 t0 t1 u0 us0 sy0 u1 us1 sy1
	cmd "$1"
	c0=$(cg_cpu "$CG")
	t0=$(now_us)
	b_spawn "$CG" "$2" "$B_WORK/err" taskset -c "$CAP_CPU" "${CMD[@]}"
	wait "$SPAWN_PID" || b_log "$1: exit $? ($(head -1 "$B_WORK/err"))"
	t1=$(now_us)
	c1=$(cg_cpu "$CG")
	read -r u0 us0 sy0 <<<"$c0"
	read -r u1 us1 sy1 <<<"$c1"
	WALL_US=$((t1 - t0))
	CPU="$((u1 - u0))	$((us1 - us0))	$((sy1 - sy0))"
}

b_init
b_cgroup replay CG
"$BB/gen" -w "$B_WORK/replay.pcap" -n "$FRAMES" "$BB/mix.pcap" || b_die "cannot write the capture"
"$BB/gen" -w "$B_WORK/one.pcap" -n 1 "$BB/mix.pcap" || b_die "cannot write the capture"
printf 'tool\trun\tframes\tlines\twall_us\tcpu_us\tuser_us\tsys_us\n' >"$OUT"
declare -A LINES
for name in "${NAMES[@]}"; do
	run "$name" "$B_WORK/lines"
	LINES[$name]=$(wc -l <"$B_WORK/lines")
done
((LINES[xdpspy] == LINES[tcpdump] && LINES[kernel] == LINES[tcpdump])) ||
	b_log "line counts differ: xdpspy ${LINES[xdpspy]}, --kernel-parser ${LINES[kernel]}, tcpdump ${LINES[tcpdump]}"
for ((r = 1; r <= RUNS; r++)); do
	for name in "${NAMES[@]}"; do
		run "$name" /dev/null
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$r" "$FRAMES" "${LINES[$name]}" "$WALL_US" \
			"$CPU" >>"$OUT"
	done
done
b_log "replay: $FRAMES frames, $RUNS runs each"
