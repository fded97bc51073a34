#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# End-to-end benchmark: a burst of generated TCP traffic arrives on one end of a veth pair while
# a capture runs there; what it costs and what it loses, for each capture configuration.
#
#   bench/e2e.sh -o OUT.tsv [-R ROUNDS] [-P ROUNDS] [-n FRAMES] [-r PPS] [CONFIG...]
#
# -r 0 (the default) sends as fast as the generator goes, else at PPS frames per second.
# -P (default 1): rounds more of every xdpspy configuration with kernel.bpf_stats_enabled on
# during the burst, for the live run time of each of its programs (OUT-progs.tsv: one row per
# program, run count and run time over the burst); their other figures are not kept, as the
# timing itself costs ~25-30 ns a run. tcpdump's classic socket filter has no BPF program ID,
# so no run time to read: its configurations have no such rounds.
# CONFIGs (default: all, interleaved round by round, the starting one rotating):
#   none          no capture, no XDP program: the base of every configuration but the XDP ones
#   none_xdp      no capture, bench/pass.bpf.o on the veth's XDP hook: their base
#   tcpdump       tcpdump -n -i IF > /dev/null, TZ unset (glibc then reads /etc/localtime)
#   tcpdump_utc   the same with TZ=UTC
#   tcpdump_w     tcpdump -i IF -w /dev/null
#   xdpspy        xdpspy -i IF -n > /dev/null (the hook it chooses: TC ingress on a veth)
#   xdpspy_xdp    the same with --hook xdp
#   xdpspy_w      xdpspy -i IF -w /dev/null
#   xdpspy_json   xdpspy -i IF -n --json > /dev/null
#   xdpspy_flows  xdpspy -i IF -n --flows > /dev/null (the flow table and the detectors too)
#   xdpspy_nov    the same with --no-verdicts: what the verdicts cost
#   xdpspy_proc   xdpspy -i IF -n --process > /dev/null (each packet's owner looked up)
#   counters      xdpspy attach IF (counters only, no process), xdpspy detach IF afterwards
#   counters_xdp  the same with --hook xdp
# A configuration whose command does not start is recorded as "n/a: ..." and the run goes on.
#
# One TSV row per run (header on the first line): frames sent (the generator's own count),
# arrived (the capture veth's rx_packets), seen (the tool's "packets captured", or the counters'
# rx_packets), CPU of the capture's cgroup and of the generator's (which includes the receive
# path and the in-kernel capture work, run in softirq in its context), ksoftirqd, softirq ticks,
# ring buffer bytes, peak RssAnon and VmHWM. bench/report.py turns the rows into tables.

set -u
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

ROUNDS=3 PROG_ROUNDS=1 FRAMES=2000000 PPS=0 OUT=""
IDLE_US=1500000       # drained: the capture used < 5 % of a CPU for this long (tcpdump's ring
DRAIN_MAX_US=60000000 # hands over a partly filled block after 1 s)
READY_TIMEOUT=15      # seconds

while getopts "o:R:P:n:r:" o; do
	case $o in
	o) OUT=$OPTARG ;;
	R) ROUNDS=$OPTARG ;;
	P) PROG_ROUNDS=$OPTARG ;;
	n) FRAMES=$OPTARG ;;
	r) PPS=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[[ -n $OUT ]] ||
	b_die "usage: e2e.sh -o OUT.tsv [-R ROUNDS] [-P ROUNDS] [-n FRAMES] [-r PPS] [CONFIG...]"
PROG_OUT=${OUT%.tsv}-progs.tsv
CONFIGS=("$@")
((${#CONFIGS[@]})) || CONFIGS=(none none_xdp tcpdump tcpdump_utc tcpdump_w xdpspy xdpspy_xdp
	xdpspy_w xdpspy_json xdpspy_flows xdpspy_nov xdpspy_proc counters counters_xdp)

# cfg NAME: HOOK (the capture end's XDP hook), READY (how the tool says it is ready: a regex
# on its stderr, "file" for --ready-file, "attach", or nothing) and CMD.
cfg() {
	local rf=$B_WORK/ready
	HOOK=none READY="" CMD=() ATTACH=()
	case $1 in
	none) ;;
	none_xdp) HOOK=pass ;;
	tcpdump) READY="listening on" CMD=(env -u TZ tcpdump -n -i "$IF_CAP") ;;
	tcpdump_utc) READY="listening on" CMD=(env TZ=UTC tcpdump -n -i "$IF_CAP") ;;
	tcpdump_w) READY="listening on" CMD=(env -u TZ tcpdump -i "$IF_CAP" -w /dev/null) ;;
	xdpspy) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --ready-file "$rf") ;;
	xdpspy_xdp) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --hook xdp --ready-file "$rf") ;;
	xdpspy_w) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -w /dev/null --ready-file "$rf") ;;
	xdpspy_json) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --json --ready-file "$rf") ;;
	xdpspy_flows) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --flows --ready-file "$rf") ;;
	xdpspy_nov) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --flows --no-verdicts --ready-file "$rf") ;;
	xdpspy_proc) READY=file CMD=(env -u TZ "$XDPSPY" -i "$IF_CAP" -n --process --ready-file "$rf") ;;
	counters) READY=attach ;;
	counters_xdp) READY=attach ATTACH=(--hook xdp) ;;
	*) b_die "unknown configuration $1" ;;
	esac
}

# The command as a person would type it, for messages.
cmd_label() {
	local s="${CMD[*]}"
	s=${s//$XDPSPY/xdpspy}
	s=${s//$IF_CAP/IF}
	s=${s/env -u TZ /}
	s=${s/ --ready-file $B_WORK\/ready/}
	echo "$s"
}

# RSS of the capture process, sampled while it runs: the peak of RssAnon, and VmHWM.
RSS_ANON=0 RSS_HWM=0
sample_rss() { b_sample_rss "$CAP_PID"; }

ring_pos() { # producer positions of the capture's ring buffers (one per CPU), bytes, summed
	[[ -n $CAP_PID ]] || {
		echo 0
		return
	}
	"$BB/ringpos" "$CAP_PID" 2>/dev/null | awk '{ p += $2 } END { print p + 0 }'
}

counters_rx() {
	in_cap "$XDPSPY" stats "$IF_CAP" --json 2>/dev/null | sed -n 's/.*"rx_packets":\([0-9]*\).*/\1/p'
}

# start_capture: starts the configuration's capture; STATUS stays "ok" once it is ready, else
# says why not.
start_capture() {
	local err=$B_WORK/cap.err t rc
	CAP_PID="" STATUS=ok
	rm -f "$B_WORK/ready" "$err"
	if [[ $READY == attach ]]; then
		if ! in_cap "$XDPSPY" attach "$IF_CAP" "${ATTACH[@]}" >/dev/null 2>"$err"; then
			STATUS="n/a: xdpspy attach not available ($(head -1 "$err"))"
			return
		fi
		B_ATTACHED=$IF_CAP
		return
	fi
	((${#CMD[@]})) || return
	b_spawn "$CG_CAP" /dev/null "$err" nsenter --net="/run/netns/$NS_CAP" \
		taskset -c "$CAP_CPU" "${CMD[@]}"
	CAP_PID=$SPAWN_PID
	for ((t = 0; t < READY_TIMEOUT * 20; t++)); do
		if [[ $READY == file ]]; then
			[[ -e $B_WORK/ready ]] && break
		elif grep -q -- "$READY" "$err" 2>/dev/null; then
			break
		fi
		if ! proc_alive "$CAP_PID"; then
			wait "$CAP_PID"
			rc=$?
			STATUS="n/a: $(cmd_label) not available (exit $rc: $(head -1 "$err" |
				sed "s|$XDPSPY|xdpspy|g; s|$IF_CAP|IF|g"))"
			CAP_PID=""
			return
		fi
		sleep 0.05
	done
	((t < READY_TIMEOUT * 20)) || b_log "$NAME: not ready after ${READY_TIMEOUT}s, going on"
	sleep 0.3 # the capture settles (tcpdump maps its ring after saying it listens)
}

# Waits until the capture drained what it received (its cgroup idle for IDLE_US).
drain() {
	local last u t start idle_since
	read -r last _ <<<"$(cg_cpu "$CG_CAP")"
	start=$(now_us)
	idle_since=$start
	while :; do
		sleep 0.1
		sample_rss
		read -r u _ <<<"$(cg_cpu "$CG_CAP")"
		t=$(now_us)
		((u - last >= 5000)) && idle_since=$t
		last=$u
		((t - idle_since >= IDLE_US)) && break
		((t - start >= DRAIN_MAX_US)) && {
			b_log "$NAME: still busy after $((DRAIN_MAX_US / 1000000)) s, stopping it"
			break
		}
	done
}

# The run time of the capture's programs over the burst: prog_snap before it (the sysctl
# turned on after), prog_rows after (turned off before).
PROG_IDS=() PROG0=()
prog_snap() {
	local id
	mapfile -t PROG_IDS < <(b_prog_ids "$CAP_PID" "$IF_CAP")
	PROG0=()
	for id in "${PROG_IDS[@]}"; do PROG0+=("$(b_prog_stats "$id")"); done
	((${#PROG_IDS[@]})) || b_log "$NAME: no BPF program of the capture found"
	b_stats on || b_die "cannot turn kernel.bpf_stats_enabled on"
}

prog_rows() { # ROUND ARRIVED
	local i name c0 t0 c1 t1
	b_stats off
	for i in "${!PROG_IDS[@]}"; do
		read -r name c0 t0 <<<"${PROG0[$i]}"
		read -r _ c1 t1 <<<"$(b_prog_stats "${PROG_IDS[$i]}")"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$PPS" "$NAME" "$1" "$name" "$((c1 - c0))" \
			"$((t1 - t0))" "$2" >>"$PROG_OUT"
		((c1 > c0)) && b_log "$(printf '%-12s round %s: %s %d runs, %d ns per run' "$NAME" \
			"$1" "$name" "$((c1 - c0))" "$(((t1 - t0) / (c1 - c0)))")"
	done
}

tool_count() { # tool_count WORD: N of the last "N packets WORD" line on the capture's stderr
	sed -n "s/^\([0-9][0-9]*\) packets\{0,1\} $1.*/\1/p" "$B_WORK/cap.err" 2>/dev/null | tail -1
}

run_one() { # NAME ROUND [progs]: with progs, the programs' run time instead of the row
	NAME=$1
	local round=$2 progs=${3:-} row=$OUT rx0 rx1 dr0 dr1 c0 c1 g0 g1 k0 k1 s0 s1 p0=0 p1=0 n0=0 n1=0
	local seen="" received="" dropped="" gout sent gsec gpps
	cfg "$NAME"
	b_hook "$HOOK"
	RSS_ANON=0 RSS_HWM=0
	start_capture
	if [[ $STATUS != ok ]]; then
		b_log "$(printf '%-12s round %s: %s' "$NAME" "$round" "$STATUS")"
		printf '%s\t%s\t%s\t%s%s\n' "$PPS" "$NAME" "$round" "$STATUS" \
			"$(printf '\t-%.0s' {1..18})" >>"$row"
		return
	fi
	[[ -n $progs ]] && row=/dev/null
	[[ $READY == attach ]] && n0=$(counters_rx)
	rx0=$(cap_stat rx_packets) dr0=$(cap_stat rx_dropped)
	c0=$(cg_cpu "$CG_CAP") g0=$(cg_cpu "$CG_GEN") k0=$(ksoftirqd_ns) s0=$(softirq_ticks)
	p0=$(ring_pos)
	sample_rss
	[[ -n $progs ]] && prog_snap

	b_spawn "$CG_GEN" "$B_WORK/gen.out" "$B_WORK/gen.err" nsenter --net="/run/netns/$NS_GEN" \
		"$BB/gen" -i "$IF_GEN" -n "$FRAMES" -r "$PPS" -c "$GEN_CPU" "$BB/mix.pcap"
	local gpid=$SPAWN_PID
	while proc_alive "$gpid"; do
		sample_rss
		sleep 0.1
	done
	wait "$gpid"
	[[ -n $progs ]] && prog_rows "$round" "$(($(cap_stat rx_packets) - rx0))"
	gout=$(tail -1 "$B_WORK/gen.out")
	sent=$(sed -n 's/.*sent=\([0-9]*\).*/\1/p' <<<"$gout")
	gsec=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$gout")
	gpps=$(sed -n 's/.*pps=\([0-9]*\).*/\1/p' <<<"$gout")
	[[ -n $sent ]] || b_die "generator failed: $(cat "$B_WORK/gen.err" "$B_WORK/gen.out")"

	if [[ -n $CAP_PID ]]; then
		drain
		p1=$(ring_pos)
		b_stop "$CAP_PID"
		seen=$(tool_count captured) received=$(tool_count "received by filter")
		dropped=$(tool_count "dropped by")
	elif [[ $READY == attach ]]; then
		sleep 0.2 # deferred softirq work, if any
		n1=$(counters_rx)
		seen=$((n1 - n0))
		in_cap "$XDPSPY" detach "$IF_CAP" >/dev/null 2>&1
		B_ATTACHED=""
	fi
	rx1=$(cap_stat rx_packets) dr1=$(cap_stat rx_dropped)
	c1=$(cg_cpu "$CG_CAP") g1=$(cg_cpu "$CG_GEN") k1=$(ksoftirqd_ns) s1=$(softirq_ticks)

	local cu0 cus0 csy0 cu1 cus1 csy1 gu0 gu1
	read -r cu0 cus0 csy0 <<<"$c0"
	read -r cu1 cus1 csy1 <<<"$c1"
	read -r gu0 _ <<<"$g0"
	read -r gu1 _ <<<"$g1"
	printf '%s\t%s\t%s\tok\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$PPS" "$NAME" "$round" "$sent" "$((rx1 - rx0))" "$((dr1 - dr0))" "${seen:--}" \
		"${received:--}" "${dropped:--}" "$((cu1 - cu0))" "$((cus1 - cus0))" \
		"$((csy1 - csy0))" "$((gu1 - gu0))" "$(((k1 - k0) / 1000))" "$((s1 - s0))" "$HZ" \
		"$gsec" "$gpps" "$((p1 - p0))" "$RSS_ANON" "$RSS_HWM" >>"$row"
	((rx1 - rx0 == sent)) || b_log "$NAME: $sent frames sent but $((rx1 - rx0)) arrived"
	[[ -n $progs ]] && return
	b_log "$(printf '%-12s round %s: sent %s arrived %s seen %s, capture %d ms, generator %d ms' \
		"$NAME" "$round" "$sent" "$((rx1 - rx0))" "${seen:--}" "$(((cu1 - cu0) / 1000))" \
		"$(((gu1 - gu0) / 1000))")"
}

b_init
b_setup_netns
b_cgroup cap CG_CAP
b_cgroup gen CG_GEN
printf 'pps\tconfig\tround\tstatus\tsent\tarrived\tring_drops\tseen\treceived\tdropped\tcap_us\tcap_user_us\tcap_sys_us\tgen_us\tksoftirqd_us\tsoftirq_ticks\thz\tgen_s\tgen_pps\tring_bytes\trss_anon_kb\thwm_kb\n' >"$OUT"
rate="$PPS frames/s"
[[ $PPS == 0 ]] && rate="full rate"
b_log "mix: $(cat "$BB/mix.pcap.txt"); $FRAMES frames per run at $rate, $ROUNDS rounds"
n=${#CONFIGS[@]}
for ((r = 1; r <= ROUNDS; r++)); do
	for ((i = 0; i < n; i++)); do
		run_one "${CONFIGS[$(((i + r - 1) % n))]}" "$r"
	done
done
printf 'pps\tconfig\tround\tprog\trun_cnt\trun_time_ns\tarrived\n' >"$PROG_OUT"
for ((r = 1; r <= PROG_ROUNDS; r++)); do
	for c in "${CONFIGS[@]}"; do
		[[ $c == xdpspy* || $c == counters* ]] && run_one "$c" "$r" progs
	done
done
