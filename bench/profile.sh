#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Where the time goes: perf profiles (cpu-clock, call graphs) of one full-rate burst with xdpspy
# capturing as text, and of one replay.
#
#   bench/profile.sh -o OUT.txt [-n FRAMES] [-c CONFIG]
#
# Three profiles, each reduced to its top symbols (self time): the xdpspy process (user space:
# ring buffer consumer and printer), the generator (in whose context the receive path, the XDP
# program, the ring buffer reservations and the wakeups run, in softirq), and `xdpspy -n -r` on a 50 000-frame
# capture. CONFIG: xdpspy (default) or xdpspy_json.

set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

FRAMES=2000000 OUT="" CONFIG=xdpspy TOP=15
while getopts "o:n:c:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	n) FRAMES=$OPTARG ;;
	c) CONFIG=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[[ -n $OUT ]] || b_die "usage: profile.sh -o OUT.txt [-n FRAMES] [-c xdpspy|xdpspy_json]"
command -v perf >/dev/null || b_die "perf not installed (Debian package linux-perf)"

# top DATA TITLE: the TOP symbols by self time, then the call chains of any above 15 %.
top() {
	{
		echo "### $2"
		echo
		echo '```'
		perf report -i "$1" --no-children --sort symbol --stdio -g none --percent-limit 0.5 \
			2>/dev/null | grep -E '^ +[0-9]' | head -"$TOP" | sed 's/ *- *- *$//'
		echo '```'
		echo
		local incl chains
		incl=$(perf report -i "$1" --children --sort symbol --stdio -g none --percent-limit 0.5 \
			2>/dev/null | grep -E '^ +[0-9]' | grep -E 'bpf_prog_|ringbuf|irq_work|wake_up' |
			head -8 | sed 's/ *- *- *$//')
		if [[ -n $incl ]]; then
			echo "Inclusive (children, self), for the BPF programs, the ring buffer and wakeups:"
			echo
			echo '```'
			echo "$incl"
			echo '```'
			echo
		fi
		chains=$(perf report -i "$1" --no-children --sort symbol --stdio -G --percent-limit 15 \
			2>/dev/null | grep -vE '^#|^$|^ +\|? *$' | sed 's/ *- *- *$//')
		if [[ $chains == *--* ]]; then
			echo "Call chains of the symbols above 15 %:"
			echo
			echo '```'
			echo "$chains"
			echo '```'
			echo
		fi
	} >>"$OUT"
}

# perf_on DATA TARGET...: perf record in the background until perf_off.
perf_on() {
	local data=$1
	shift
	perf record -e cpu-clock -g -o "$data" "$@" >/dev/null 2>"$data.err" &
	PERF_PID=$!
	B_PIDS+=("$PERF_PID")
}
perf_off() {
	kill -INT "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

b_init
b_setup_netns
b_cgroup cap CG_CAP
b_cgroup gen CG_GEN
: >"$OUT"
extra=()
[[ $CONFIG == xdpspy_json ]] && extra=(--json)

b_hook none
b_spawn "$CG_CAP" /dev/null "$B_WORK/cap.err" nsenter --net="/run/netns/$NS_CAP" \
	taskset -c "$CAP_CPU" env -u TZ "$XDPSPY" -i "$IF_CAP" -n "${extra[@]}" \
	--ready-file "$B_WORK/ready"
cap=$SPAWN_PID
for ((i = 0; i < 200; i++)); do
	[[ -e $B_WORK/ready ]] && break
	proc_alive "$cap" || b_die "xdpspy did not start: $(head -1 "$B_WORK/cap.err")"
	sleep 0.05
done
sleep 0.3
perf_on "$B_WORK/cap.data" -p "$cap"
pcap=$PERF_PID
sleep 0.5 # perf attaches
# The receive path runs in softirq in the generator's context: its profile shows it.
b_spawn "$CG_GEN" "$B_WORK/gen.out" "$B_WORK/gen.err" perf record -e cpu-clock -g \
	-o "$B_WORK/gen.data" -- nsenter --net="/run/netns/$NS_GEN" "$BB/gen" -i "$IF_GEN" \
	-n "$FRAMES" -c "$GEN_CPU" "$BB/mix.pcap"
wait "$SPAWN_PID"
sleep 1
perf_off "$pcap"
b_stop "$cap"
{
	echo "perf record -e cpu-clock -g; self time unless said otherwise. $FRAMES frames at full rate:"
	echo
	echo "generator: $(tail -1 "$B_WORK/gen.out")"
	echo "xdpspy${extra[*]:+ ${extra[*]}}: $(grep -E 'captured|dropped' "$B_WORK/cap.err" | paste -sd ';' | sed 's/;/; /g')"
	echo
} >>"$OUT"
top "$B_WORK/cap.data" "xdpspy -i IF -n${extra[*]:+ ${extra[*]}} > /dev/null (the capture process)"
top "$B_WORK/gen.data" "the generator (and in its context: veth receive, XDP program, ring buffer)"

"$BB/gen" -w "$B_WORK/replay.pcap" -n 50000 "$BB/mix.pcap" || b_die "cannot write the capture"
perf record -e cpu-clock -g -o "$B_WORK/replay.data" -- taskset -c "$CAP_CPU" \
	"$XDPSPY" -n -r "$B_WORK/replay.pcap" >/dev/null 2>"$B_WORK/replay.err"
top "$B_WORK/replay.data" "xdpspy -n -r (50 000 frames) > /dev/null"
b_log "profiles written to $OUT"
