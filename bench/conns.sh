#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Connections benchmark: what a printed line costs, and the capture's memory, as the TCP connections
# it sees go from a thousand to a million. For each count a capture of FRAMES segments spread
# at random over that many connections (bench/conns.c), replayed to /dev/null by
# `xdpspy -n -r` and, on its first TD_FRAMES segments, `tcpdump -n -r` (TZ=UTC), each
# pinned in a cgroup of its own (exact CPU time), interleaved over RUNS rounds; the peak of
# RssAnon sampled every 20 ms.
#
#   bench/conns.sh -o OUT.tsv [-n FRAMES] [-t TD_FRAMES] [-R RUNS] [-f "1000 100000 1000000"]
#                  [-x NAME=BINARY]...
#
# -x adds another xdpspy build to each round, its rows under NAME (an A/B against main's binary:
# -x main=/tmp/main-xdpspy); -t 0 leaves tcpdump out.
#
# tcpdump keeps its connections in a table of 919 buckets, so a line's cost grows with the
# connections held; on all FRAMES it would run for minutes at 100 000 connections.

set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

FRAMES=2000000 TD_FRAMES=50000 RUNS=3 FLOWS="1000 100000 1000000" OUT="" OTHERS=()
while getopts "o:n:t:R:f:x:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	n) FRAMES=$OPTARG ;;
	t) TD_FRAMES=$OPTARG ;;
	R) RUNS=$OPTARG ;;
	f) FLOWS=$OPTARG ;;
	x) OTHERS+=("$OPTARG") ;;
	*) exit 2 ;;
	esac
done
[[ -n $OUT ]] || b_die "usage: conns.sh -o OUT.tsv [-n FRAMES] [-t TD_FRAMES] [-R RUNS] [-f FLOWS]"
[[ -x $BB/conns ]] || b_die "missing $BB/conns: run make bench-tools"

# run TOOL FILE: one replay; prints "frames lines cpu user sys rss_anon vm_hwm".
run() {
	local c0 c1 u0 us0 sy0 u1 us1 sy1 n=$FRAMES
	local cmd=(env TZ=UTC "${BIN[$1]}" -n -r "$2")
	if [[ $1 == tcpdump ]]; then
		n=$TD_FRAMES
		cmd=(env TZ=UTC tcpdump -c "$n" -n -r "$2")
	fi
	c0=$(cg_cpu "$CG")
	RSS_ANON=0 RSS_HWM=0
	b_spawn "$CG" "$B_WORK/out" "$B_WORK/err" taskset -c "$CAP_CPU" "${cmd[@]}"
	while proc_alive "$SPAWN_PID"; do
		b_sample_rss "$SPAWN_PID"
		sleep 0.02
	done
	wait "$SPAWN_PID" || b_log "$1 $2: exit $? ($(head -1 "$B_WORK/err"))"
	c1=$(cg_cpu "$CG")
	read -r u0 us0 sy0 <<<"$c0"
	read -r u1 us1 sy1 <<<"$c1"
	echo "$n $(wc -l <"$B_WORK/out") $((u1 - u0)) $((us1 - us0)) $((sy1 - sy0)) $RSS_ANON $RSS_HWM"
}

b_init
b_cgroup flows CG
declare -A BIN=([xdpspy]=$XDPSPY [tcpdump]=tcpdump)
TOOLS=(xdpspy)
for x in "${OTHERS[@]}"; do
	[[ $x == *=* && -x ${x#*=} ]] || b_die "-x $x: want NAME=BINARY, an executable"
	cp "${x#*=}" "$B_WORK/${x%%=*}.bin" || b_die "cannot copy ${x#*=}"
	BIN[${x%%=*}]=$B_WORK/${x%%=*}.bin
	TOOLS+=("${x%%=*}")
done
((TD_FRAMES > 0)) && TOOLS+=(tcpdump)
for n in $FLOWS; do
	"$BB/conns" -w "$B_WORK/conns-$n.pcap" -f "$n" -n "$FRAMES" || b_die "cannot write the capture"
done
printf 'tool\tflows\trun\tframes\tlines\tcpu_us\tuser_us\tsys_us\trss_anon_kb\tvm_hwm_kb\n' >"$OUT"
for ((r = 1; r <= RUNS; r++)); do
	for n in $FLOWS; do
		for tool in "${TOOLS[@]}"; do
			read -r -a row <<<"$(run "$tool" "$B_WORK/conns-$n.pcap")"
			(IFS=$'\t' && echo "$tool	$n	$r	${row[*]}") >>"$OUT"
		done
	done
done
b_log "flows: $FLOWS connections, $FRAMES frames (tcpdump: $TD_FRAMES), $RUNS runs"
