#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What `xdpspy top` costs while it refreshes: `attach --flows` on the capture's end, the flow
# table filled by the generator's mix (7 168 flows), then `top -d D -n N` (plain blocks, as
# when not on a terminal) in a cgroup of its own, the table being refreshed by more frames
# meanwhile. One TSV row per round: flows in the table, refreshes, CPU ms in all, per refresh.
#
#   bench/top.sh -o OUT.tsv [-R ROUNDS] [-n REFRESHES] [-d SECONDS]
set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

ROUNDS=3 N=5 D=0.5 OUT=""
while getopts "o:R:n:d:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	R) ROUNDS=$OPTARG ;;
	n) N=$OPTARG ;;
	d) D=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[[ -n $OUT ]] || b_die "usage: top.sh -o OUT.tsv [-R ROUNDS] [-n REFRESHES] [-d SECONDS]"

# The flows the table holds now (flows --prometheus: xdpspy_flow_table_flows).
table_flows() {
	in_cap "$XDPSPY" flows "$IF_CAP" --prometheus | awk '/^xdpspy_flow_table_flows/ { print $2 }'
}

b_init
b_cgroup top CG_TOP
b_setup_netns
in_cap "$XDPSPY" attach "$IF_CAP" --flows >/dev/null 2>&1 || b_die "attach --flows failed"
B_ATTACHED=$IF_CAP
printf 'round\tflows\trefreshes\tcpu_ms\tms_per_refresh\n' >"$OUT"
for ((r = 1; r <= ROUNDS; r++)); do
	in_gen "$BB/gen" -i "$IF_GEN" -n 100000 -f 1024 "$BB/mix.pcap" >/dev/null 2>&1 ||
		b_die "the generator failed"
	read -r u0 _ <<<"$(cg_cpu "$CG_TOP")"
	# More frames while it refreshes, so each block reads a table that changes.
	in_gen "$BB/gen" -i "$IF_GEN" -n 1000000 -r 100000 -f 1024 "$BB/mix.pcap" >/dev/null 2>&1 &
	gp=$!
	B_PIDS+=("$gp")
	b_spawn "$CG_TOP" "$B_WORK/top.out" "$B_WORK/top.err" nsenter --net="/run/netns/$NS_CAP" \
		"$XDPSPY" top -i "$IF_CAP" -d "$D" -n "$N"
	wait "$SPAWN_PID" || b_die "top failed: $(head -2 "$B_WORK/top.err")"
	kill "$gp" 2>/dev/null
	wait "$gp" 2>/dev/null
	read -r u1 _ <<<"$(cg_cpu "$CG_TOP")"
	blocks=$(grep -c '^xdpspy top:' "$B_WORK/top.out")
	((blocks == N)) || b_die "top printed $blocks blocks, not $N"
	flows=$(table_flows)
	ms=$(((u1 - u0) / 1000))
	printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$flows" "$N" "$ms" \
		"$(awk -v c="$ms" -v n="$N" 'BEGIN { printf "%.2f", c / n }')" >>"$OUT"
	b_log "top round $r: $flows flows, $N refreshes, $ms ms CPU"
done
