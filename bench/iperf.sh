#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What a capture costs the monitored traffic itself: iperf3 (TCP, offloads as the veth has them
# by default: TSO on) between two namespaces over a veth pair, with each capture running on the
# receiving end, interleaved round by round.
#
#   bench/iperf.sh -o OUT.tsv [-R ROUNDS] [-t SECONDS] [CONFIG...]
#
# CONFIGs (default: all): none; tcpdump_w (tcpdump -i IF -w /dev/null); tcpdump (tcpdump -n -i
# IF > /dev/null); counters, counters_xdp (xdpspy attach IF [--hook xdp]); counters_flows
# (xdpspy attach IF --flows: the flow table and the detectors too); xdpspy, xdpspy_xdp
# (xdpspy -n -i IF [--hook xdp] > /dev/null). One TSV row per run: config, round, Gbit/s.
set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

ROUNDS=5 SECS=5 OUT=""
while getopts "o:R:t:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	R) ROUNDS=$OPTARG ;;
	t) SECS=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[[ -n $OUT ]] || b_die "usage: iperf.sh -o OUT.tsv [-R ROUNDS] [-t SECONDS] [CONFIG...]"
CONFIGS=("$@")
((${#CONFIGS[@]})) || CONFIGS=(none tcpdump_w tcpdump counters counters_xdp counters_flows xdpspy xdpspy_xdp)
command -v iperf3 >/dev/null || b_die "iperf3 is not installed (make deps)"

A4=10.213.0.1 B4=10.213.0.2

setup() {
	ip netns add "$NS_GEN" && B_NETNS+=("$NS_GEN") || b_die "cannot create $NS_GEN"
	ip netns add "$NS_CAP" && B_NETNS+=("$NS_CAP") || b_die "cannot create $NS_CAP"
	ip -n "$NS_GEN" link add "$IF_GEN" type veth peer name "$IF_CAP" netns "$NS_CAP" ||
		b_die "cannot create the veth pair"
	ip -n "$NS_CAP" addr add "$A4/24" dev "$IF_CAP" && ip -n "$NS_GEN" addr add "$B4/24" dev "$IF_GEN" ||
		b_die "ip addr failed"
	for ns in "$NS_GEN" "$NS_CAP"; do ip -n "$ns" link set lo up; done
	ip -n "$NS_CAP" link set "$IF_CAP" up && ip -n "$NS_GEN" link set "$IF_GEN" up || b_die "ip link failed"
}

# capture CONFIG: starts it on the receiving end; CAP_PID (empty for none and attach).
capture() {
	local rf=$B_WORK/ready t
	CAP_PID="" ATTACHED=""
	rm -f "$rf"
	case $1 in
	none) return 0 ;;
	counters) in_cap "$XDPSPY" attach "$IF_CAP" >/dev/null 2>&1 && ATTACHED=1 ;;
	counters_xdp) in_cap "$XDPSPY" attach "$IF_CAP" --hook xdp >/dev/null 2>&1 && ATTACHED=1 ;;
	counters_flows) in_cap "$XDPSPY" attach "$IF_CAP" --flows >/dev/null 2>&1 && ATTACHED=1 ;;
	tcpdump) b_spawn "$CG_CAP" /dev/null "$B_WORK/cap.err" nsenter --net="/run/netns/$NS_CAP" \
		tcpdump -n -i "$IF_CAP" ;;
	tcpdump_w) b_spawn "$CG_CAP" /dev/null "$B_WORK/cap.err" nsenter --net="/run/netns/$NS_CAP" \
		tcpdump -i "$IF_CAP" -w /dev/null ;;
	xdpspy) b_spawn "$CG_CAP" /dev/null "$B_WORK/cap.err" nsenter --net="/run/netns/$NS_CAP" \
		"$XDPSPY" -n -i "$IF_CAP" --ready-file "$rf" ;;
	xdpspy_xdp) b_spawn "$CG_CAP" /dev/null "$B_WORK/cap.err" nsenter --net="/run/netns/$NS_CAP" \
		"$XDPSPY" -n -i "$IF_CAP" --hook xdp --ready-file "$rf" ;;
	*) b_die "unknown configuration $1" ;;
	esac
	[[ $1 == counters* ]] && { [[ -n $ATTACHED ]] || b_die "$1: attach failed"; return 0; }
	CAP_PID=$SPAWN_PID
	for ((t = 0; t < 200; t++)); do
		[[ -e $rf ]] || grep -q 'listening on' "$B_WORK/cap.err" 2>/dev/null && break
		proc_alive "$CAP_PID" || b_die "$1 did not start: $(head -2 "$B_WORK/cap.err")"
		sleep 0.05
	done
	sleep 0.3
}

uncapture() {
	[[ -n $CAP_PID ]] && b_stop "$CAP_PID"
	[[ -n $ATTACHED ]] && in_cap "$XDPSPY" detach "$IF_CAP" >/dev/null 2>&1
	return 0
}

# iperf3 from NS_GEN to NS_CAP for SECS seconds: received Gbit/s.
measure() {
	local sp out
	in_cap iperf3 -s -1 -B "$A4" >/dev/null 2>&1 &
	sp=$!
	B_PIDS+=("$sp")
	sleep 0.3
	out=$(in_gen iperf3 -c "$A4" -t "$SECS" -J 2>/dev/null)
	wait "$sp" 2>/dev/null
	python3 -c 'import json,sys; print("%.3f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))' <<<"$out"
}

b_init
b_cgroup cap CG_CAP
setup
printf 'config\tround\tgbps\n' >"$OUT"
n=${#CONFIGS[@]}
for ((r = 1; r <= ROUNDS; r++)); do
	for ((i = 0; i < n; i++)); do
		c=${CONFIGS[$(((i + r - 1) % n))]}
		capture "$c"
		g=$(measure)
		uncapture
		[[ -n $g ]] || b_die "$c: iperf3 failed"
		printf '%s\t%s\t%s\n' "$c" "$r" "$g" >>"$OUT"
		b_log "$(printf '%-12s round %s: %s Gbit/s' "$c" "$r" "$g")"
	done
done
