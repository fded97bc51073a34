#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# End-to-end tests of live capture (`make test-live`, as root): xdpspy on one end of a veth pair
# between two private namespaces, against tcpdump on the same interface, under signals, kill -9,
# floods, a foreign XDP program and a vanishing reader. Every check builds its own namespaces
# and removes them, and whatever it started, also when it fails or is interrupted.
# Usage: tests/live.sh [CHECK...] (default: all, see CHECKS); XDPSPY=path tests another binary,
# XS_KEEP=1 keeps every check's outputs (a failed check's are always kept).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/netns.sh"

# Generous bounds: a loaded CI machine must not fail a check that is merely slow.
READY_MS_MAX=10000 # start until the ready file appears
EXIT_MS_MAX=5000   # signal until exit
CLEAN_MS_MAX=5000  # exit (or kill -9) until nothing of ours is attached
PRINT_MS_MAX=3000  # a packet until its line is out (with -l)

# Ports with no tcpdump application decoder, so tcpdump's lines end at `length N` as ours do.
PORT4=9000
PORT6=40001
MARK_PORT=40999

# --- per-check bookkeeping ---------------------------------------------------------------------

CK_FAILED=0
ck_fail() {
	echo "  FAIL: $*"
	CK_FAILED=1
}
ck_info() { echo "  $*"; }
# Prints the first lines of a file, indented, for a failure's context.
ck_show() {
	local f=$1 n=${2:-15}
	[[ -s $f ]] || {
		echo "    ($(basename "$f") is empty)"
		return
	}
	sed -n "1,${n}p" "$f" | sed 's/^/    | /'
}

# --- xdpspy ------------------------------------------------------------------------------------

ready_or_dead() { [[ -e $1 ]] || proc_gone "$2"; }

# start_xdpspy NAME NS IF ARGS...: xdpspy -i IF ARGS in NS in the background, output in
# $XS_WORK/NAME.{out,err}; waits for its ready file. Sets XPID and READY_MS; 1 if not ready.
start_xdpspy() {
	local name=$1 ns=$2 dev=$3 t0
	shift 3
	t0=$(now_ms)
	spawn "$name" "$ns" "$XDPSPY" -i "$dev" "$@" --ready-file "$XS_WORK/$name.ready"
	XPID=$SPAWN_PID
	if ! wait_until "$READY_MS_MAX" ready_or_dead "$XS_WORK/$name.ready" "$XPID"; then
		ck_fail "$name: no ready file after $READY_MS_MAX ms: xdpspy -i $dev $*"
		ck_show "$XS_WORK/$name.err"
		return 1
	fi
	if [[ ! -e $XS_WORK/$name.ready ]]; then
		wait_exit "$XPID" 1000
		ck_fail "$name: exited with $EXIT_RC before it was ready: xdpspy -i $dev $*"
		ck_show "$XS_WORK/$name.err"
		return 1
	fi
	READY_MS=$(($(now_ms) - t0))
	# tcpdump's line, printed once attached; the ready file may come a moment before it.
	if ! wait_until 2000 file_has "$XS_WORK/$name.err" \
		"^listening on $dev, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes$"; then
		ck_fail "$name: no 'listening on $dev, link-type EN10MB (Ethernet), snapshot length 262144 bytes' on stderr"
		ck_show "$XS_WORK/$name.err"
	fi
	return 0
}

# stop_xdpspy NAME SIG: sends SIG and waits for the exit; checks exit 0 and the closing counts
# (CAP REC DROP are set). Reports the time taken.
stop_xdpspy() {
	local name=$1 sig=$2
	CAP="" REC="" DROP=""
	kill "-$sig" "$XPID"
	if ! wait_exit "$XPID" "$EXIT_MS_MAX"; then
		ck_fail "$name: still running $EXIT_MS_MAX ms after SIG$sig"
		ck_show "$XS_WORK/$name.err"
		stop_pid "$XPID"
		return 1
	fi
	ck_info "$name: SIG$sig -> exit $EXIT_RC in $EXIT_MS ms"
	[[ $EXIT_RC == 0 ]] || {
		ck_fail "$name: exit status $EXIT_RC after SIG$sig (want 0)"
		ck_show "$XS_WORK/$name.err"
	}
	closing_counts "$name"
}

# closing_counts NAME: tcpdump's three closing lines from NAME.err into CAP REC DROP.
closing_counts() {
	local err=$XS_WORK/$1.err
	CAP=$(sed -nE 's/^([0-9]+) packets? captured$/\1/p' "$err" | tail -1)
	REC=$(sed -nE 's/^([0-9]+) packets? received by filter$/\1/p' "$err" | tail -1)
	DROP=$(sed -nE 's/^([0-9]+) packets? dropped by kernel$/\1/p' "$err" | tail -1)
	if [[ -z $CAP || -z $REC || -z $DROP ]]; then
		ck_fail "$1: closing lines missing (want 'N packets captured', 'N packets received by filter', 'N packets dropped by kernel')"
		ck_show "$err"
		return 1
	fi
	ck_info "$1: $CAP captured, $REC received by filter, $DROP dropped by kernel"
	return 0
}

# out_lines NAME: the records NAME printed (dump lines, which start with a tab, not counted).
out_lines() { grep -vc '^	' "$XS_WORK/$1.out"; }

# --- what is attached --------------------------------------------------------------------------

# links_of_pid PID: the bpf_links PID holds, "ID TYPE" per line, from its fds' fdinfo: exact
# whatever the namespace (bpftool link show lists every namespace's links, and this one shows
# neither holder nor ifindex).
links_of_pid() {
	local f
	for f in /proc/"$1"/fdinfo/*; do
		awk '/^link_type:/ { t = $2 } /^link_id:/ { id = $2 } END { if (id != "") print id, t }' \
			"$f" 2>/dev/null
	done
}

xdp_line() { ip -n "$1" -d link show dev "$2" | grep -wE 'xdp|xdpgeneric|xdpdrv|xdpoffload|prog/xdp'; }
xdp_prog_id() { ip -n "$1" -d link show dev "$2" | sed -nE 's/.*prog\/xdp id ([0-9]+).*/\1/p' | head -1; }
egress_filters() { tc -n "$1" filter show dev "$2" egress 2>/dev/null; }

# record_attached NS IF MODE (tcx|clsact): checks that xdpspy (XPID) is attached as it should
# be, and records its links in XLINKS for leftovers().
record_attached() {
	local ns=$1 dev=$2 mode=$3 links
	links=$(links_of_pid "$XPID")
	XLINKS=$(awk '{ print $1 }' <<<"$links")
	xdp_line "$ns" "$dev" >/dev/null || ck_fail "no XDP program on $dev while xdpspy runs"
	[[ -n $XLINKS ]] || ck_fail "no bpf_link held by xdpspy (pid $XPID)"
	if [[ $mode == clsact ]]; then
		[[ -n $(egress_filters "$ns" "$dev") ]] || ck_fail "--tc-mode clsact: no tc egress filter on $dev"
	elif [[ $mode == xdp-only ]]; then
		[[ -z $(egress_filters "$ns" "$dev") ]] || ck_fail "$dev: a tc egress filter is on $dev"
		grep -q ' tcx$' <<<"$links" && ck_fail "$dev: want the XDP hook only, xdpspy holds: $links"
	else
		[[ -z $(egress_filters "$ns" "$dev") ]] || ck_fail "tcx mode: a tc egress filter is on $dev"
		grep -q ' tcx$' <<<"$links" || ck_fail "tcx mode: want an XDP and a TCX link, xdpspy holds: $links"
	fi
	ck_info "attached: $(xdp_line "$ns" "$dev" | grep -oE 'prog/xdp id [0-9]+ name [a-z_]+'); links held: $(tr '\n' ' ' <<<"$links")"
}

# leftovers NS IF: prints whatever of xdpspy is still on IF; prints nothing when all is gone.
leftovers() {
	local ns=$1 dev=$2 id l
	l=$(xdp_line "$ns" "$dev") && echo "xdp still attached: $l"
	l=$(egress_filters "$ns" "$dev") && [[ -n $l ]] && echo "tc egress filter: $l"
	for id in ${XLINKS:-}; do
		bpftool link show id "$id" >/dev/null 2>&1 && echo "link $id still exists"
	done
	[[ -e $BPFFS_PINS/$dev ]] && echo "pins remain: $(ls -A "$BPFFS_PINS/$dev" | tr '\n' ' ')"
	return 0
}
is_clean() { [[ -z $(leftovers "$1" "$2") ]]; }
# Attached hooks only: what a kill -9 must take away at once (its pins stay until the next start).
is_detached() { [[ -z $(leftovers "$1" "$2" | grep -v '^pins remain') ]]; }

# expect_clean NS IF WHAT: nothing of ours left within CLEAN_MS_MAX; reports how long it took.
expect_clean() {
	local ns=$1 dev=$2 what=$3 t0
	t0=$(now_ms)
	if wait_until "$CLEAN_MS_MAX" is_clean "$ns" "$dev"; then
		ck_info "$what: nothing attached after $(($(now_ms) - t0)) ms"
	else
		ck_fail "$what: still attached after $CLEAN_MS_MAX ms:"
		leftovers "$ns" "$dev" | sed 's/^/    | /'
	fi
}

# --- traffic -----------------------------------------------------------------------------------

# start_servers ADDR4 ADDR6: one TCP server per family in NS_A, each for one conversation.
start_servers() {
	spawn_peer srv4 "$NS_A" server --bind "$1" --port "$PORT4" --ready-file "$XS_WORK/srv4.ready"
	SRV4=$SPAWN_PID
	spawn_peer srv6 "$NS_A" server --bind "$2" --port "$PORT6" --ready-file "$XS_WORK/srv6.ready"
	SRV6=$SPAWN_PID
	wait_until 5000 test -e "$XS_WORK/srv4.ready" -a -e "$XS_WORK/srv6.ready" ||
		{
			ck_fail "TCP servers not ready"
			return 1
		}
}

# conversations NS ADDR4 ADDR6: one IPv4 and one IPv6 conversation from NS; both servers then
# exit. The sizes give one-segment and multi-segment data both ways, and an empty request.
conversations() {
	local sizes=1:1,100:1000,1400:3000,3000:20,0:1
	peer "$1" client --connect "$2" --port "$PORT4" --sizes "$sizes" ||
		ck_fail "IPv4 conversation failed"
	peer "$1" client --connect "$3" --port "$PORT6" --sizes "$sizes" ||
		ck_fail "IPv6 conversation failed"
	wait_exit "$SRV4" 5000 && [[ $EXIT_RC == 0 ]] || ck_fail "IPv4 server: $(cat "$XS_WORK/srv4.err")"
	wait_exit "$SRV6" 5000 && [[ $EXIT_RC == 0 ]] || ck_fail "IPv6 server: $(cat "$XS_WORK/srv6.err")"
}

# marker PORT: one UDP datagram from NS_B to NS_A, after everything sent before it.
marker() { peer "$NS_B" udp --to "$IP4_A" --port "$1" --count 1 2>/dev/null; }

# expect_line NAME PATTERN WHAT: PATTERN shows up in NAME.out within PRINT_MS_MAX (needs -l).
expect_line() {
	local t0
	t0=$(now_ms)
	if wait_until "$PRINT_MS_MAX" file_has "$XS_WORK/$1.out" "$2"; then
		ck_info "$3: printed after $(($(now_ms) - t0)) ms"
	else
		ck_fail "$3: not printed within $PRINT_MS_MAX ms"
		return 1
	fi
}

# rx_grew NS IF BASE N: IF has received at least N packets more than BASE.
rx_grew() {
	local rx
	read -r rx _ <<<"$(xs_if_packets "$1" "$2")"
	((rx - $3 >= $4))
}
rx_now() {
	local rx
	read -r rx _ <<<"$(xs_if_packets "$1" "$2")"
	echo "$rx"
}

# start_stream NAME PORT COUNT INTERVAL SECONDS: UDP from NS_B to NS_A in the background; waits
# until IF_A has received 50 of its packets, so that what comes next happens mid-traffic.
start_stream() {
	local base
	base=$(rx_now "$NS_A" "$IF_A")
	spawn_peer "$1" "$NS_B" udp --to "$IP4_A" --port "$2" --count "$3" --interval "$4" --seconds "$5"
	STREAM=$SPAWN_PID
	wait_until 5000 rx_grew "$NS_A" "$IF_A" "$base" 50 || ck_fail "$1: the traffic did not start"
}

# --- 1. tcpdump and xdpspy, side by side ------------------------------------------------------

# tcp_lines FILE: the TCP lines, time stamp column removed; with DUMP=1 each with the dump
# lines that follow it (-X).
tcp_lines() {
	if [[ -n ${DUMP:-} ]]; then
		awk '/^[0-9]/ { keep = /Flags \[/ } keep' "$1" | sed -E 's/^[0-9]+\.[0-9]+ //'
	else
		grep -E 'Flags \[' "$1" | sed -E 's/^[0-9]+\.[0-9]+ //'
	fi
}

# compare_with_tcpdump XDPSPY_EXTRA FLAGS...: both on IF_A with FLAGS (xdpspy adds
# XDPSPY_EXTRA), real IPv4 and IPv6 conversations from NS_B, then the TCP lines of both must be
# identical and in the same order. With LOOPBACK=1, both capture on NS_A's lo instead, and the
# conversations stay inside NS_A.
compare_with_tcpdump() {
	local extra=$1 mode=tcx tdpid n dev a4 a6 cns mark_to
	shift
	xs_topology || {
		ck_fail "topology"
		return 1
	}
	dev=$IF_A a4=$IP4_A a6=$IP6_A cns=$NS_B mark_to=$IP4_A
	[[ $extra == *clsact* ]] && mode=clsact
	[[ " $* " == *" -Q in "* ]] && mode=xdp-only
	if [[ -n ${LOOPBACK:-} ]]; then
		dev=lo a4=127.0.0.1 a6=::1 cns=$NS_A mark_to=127.0.0.1 mode=xdp-only
	fi
	# --immediate-mode and -l: tcpdump's file shows each packet as it comes, which is the
	# barrier below. tcpdump first: xdpspy must not disturb what it sees.
	spawn td "$NS_A" tcpdump -i "$dev" --immediate-mode -l "$@"
	tdpid=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td.err" '^listening on' || {
		ck_fail "tcpdump did not start"
		ck_show "$XS_WORK/td.err"
		return 1
	}
	# shellcheck disable=SC2086
	start_xdpspy xd "$NS_A" "$dev" "$@" $extra || return 1
	record_attached "$NS_A" "$dev" "$mode"
	[[ $extra == *generic* ]] && { ip -n "$NS_A" link show dev "$dev" | grep -qw xdpgeneric ||
		ck_fail "--mode generic: $dev does not show xdpgeneric"; }
	start_servers "$a4" "$a6" || return 1
	conversations "$cns" "$a4" "$a6"
	# The marker goes in after the last ACK, over the same single queue: once tcpdump shows it,
	# both hooks have seen every packet of the conversations.
	peer "$cns" udp --to "$mark_to" --port "$MARK_PORT" --count 1 2>/dev/null
	wait_until 5000 file_has "$XS_WORK/td.out" "\.$MARK_PORT: UDP" || ck_fail "tcpdump did not see the marker"
	[[ -n ${FILTERED:-} ]] && in_ns "$NS_A" "$XDPSPY" stats "$dev" --json >"$XS_WORK/stats.json"
	stop_xdpspy xd INT
	kill -INT "$tdpid"
	wait_exit "$tdpid" "$EXIT_MS_MAX" || ck_fail "tcpdump did not exit"
	grep -q '^0 packets dropped by kernel' "$XS_WORK/td.err" || ck_fail "tcpdump dropped packets"
	expect_clean "$NS_A" "$dev" "after SIGINT"

	tcp_lines "$XS_WORK/td.out" >"$XS_WORK/td.tcp"
	tcp_lines "$XS_WORK/xd.out" >"$XS_WORK/xd.tcp"
	n=$(wc -l <"$XS_WORK/td.tcp")
	# Two conversations of 5 exchanges: handshake, requests, responses, FINs: 32 lines at least
	# (MIN_LINES with a filter expression).
	((n >= ${MIN_LINES:-32})) || ck_fail "tcpdump printed only $n TCP lines"
	if cmp -s "$XS_WORK/td.tcp" "$XS_WORK/xd.tcp"; then
		ck_info "$n TCP lines identical to tcpdump's (IPv4 and IPv6, both directions)"
	else
		ck_fail "TCP lines differ from tcpdump's (tcpdump: $n, xdpspy: $(wc -l <"$XS_WORK/xd.tcp")):"
		diff -u "$XS_WORK/td.tcp" "$XS_WORK/xd.tcp" | sed -n '3,40p' | sed 's/^/    /'
	fi
	[[ " $* " == *" -tt "* ]] && compare_timestamps
	if [[ -n ${CAP:-} ]]; then
		[[ $CAP == "$(out_lines xd)" ]] || ck_fail "'$CAP packets captured' but $(out_lines xd) lines printed"
		((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
	fi
}

# The hooks' time stamps against the kernel's skb time stamps tcpdump prints, line by line
# (only when the lines pair up).
compare_timestamps() {
	local worst
	grep -E 'Flags \[' "$XS_WORK/td.out" | cut -d' ' -f1 >"$XS_WORK/td.ts"
	grep -E 'Flags \[' "$XS_WORK/xd.out" | cut -d' ' -f1 >"$XS_WORK/xd.ts"
	[[ $(wc -l <"$XS_WORK/td.ts") == "$(wc -l <"$XS_WORK/xd.ts")" ]] || return 0
	worst=$(paste -d' ' "$XS_WORK/td.ts" "$XS_WORK/xd.ts" |
		awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d } END { printf "%.6f", m }')
	ck_info "largest time stamp difference to tcpdump: $worst s"
	awk -v w="$worst" 'BEGIN { exit !(w < 1.0) }' || ck_fail "time stamps off by $worst s"
}

check_tcp_tcx() { compare_with_tcpdump "" -n -tt; }
# A filter expression in both hooks: the same lines as tcpdump with the same expression, and
# every packet the hooks saw is either sent or counted as filtered (received = captured +
# dropped, with received = seen - filtered, is checked by compare_with_tcpdump).
check_tcp_filtered() {
	FILTERED=1 MIN_LINES=16 compare_with_tcpdump "" -n -tt \
		"ip6 or udp port $MARK_PORT or tcp[tcpflags] & (tcp-syn|tcp-fin) != 0" || return 1
	local filtered
	filtered=$("$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["filtered"])' \
		<"$XS_WORK/stats.json" 2>/dev/null)
	((${filtered:-0} > 0)) && ck_info "$filtered packets filtered out in the kernel" ||
		ck_fail "the filtered counter is '${filtered:-}' (stats: $(head -c 300 "$XS_WORK/stats.json"))"
	grep -E 'Flags \[' "$XS_WORK/xd.out" | grep -v ' IP6 ' | grep -vE 'Flags \[[^]]*[SF]' &&
		ck_fail "IPv4 segments without SYN or FIN printed"
	return 0
}
check_tcp_clsact() { compare_with_tcpdump "--tc-mode clsact" -n -tt; }
# -X: the kernel copies whole frames into the events; the records, dumps included, must be
# tcpdump's, and the conversations' payload ('q' requests, 'r' responses) must show. Ingress
# only: a local send's TCP checksum is still the stack's partial one at the egress hook, and
# this veth completes it in software after that hook, before tcpdump's tap (README).
check_tcp_dump() {
	DUMP=1 MIN_LINES=16 compare_with_tcpdump "" -n -tt -X -Q in || return 1
	grep -qE '^	0x[0-9a-f]{4}:  7171 7171 7171 7171 7171 7171 7171 7171  q{16}$' "$XS_WORK/xd.out" &&
		ck_info "the requests' payload shows in the dumps" || ck_fail "no payload dump lines"
}
check_tcp_abs_seq() { compare_with_tcpdump "" -n -tt -S; }
check_tcp_ether() { compare_with_tcpdump "" -n -tt -e; }
check_tcp_generic() { compare_with_tcpdump "--mode generic" -n -tt; }
# On lo only the XDP hook goes in, and each packet must still come out once, as in tcpdump.
check_tcp_loopback() { LOOPBACK=1 compare_with_tcpdump "" -n -tt; }

# --- 2. signals --------------------------------------------------------------------------------

# stop_by_signal SIG: mid-flood (so that packets keep coming until the hooks are gone), SIG must
# make xdpspy drain, print counts that add up exactly, exit 0 and detach.
stop_by_signal() {
	local sig=$1
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n || return 1
	ck_info "ready after $READY_MS ms"
	record_attached "$NS_A" "$IF_A" tcx
	start_stream flow 40100 5000000 0 30
	stop_xdpspy xd "$sig"
	stop_pid "$STREAM"
	if [[ -n ${CAP:-} ]]; then
		[[ $CAP == "$(out_lines xd)" ]] || ck_fail "'$CAP packets captured' but $(out_lines xd) lines printed"
		((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
		((CAP >= 50)) || ck_fail "only $CAP packets captured mid-traffic"
	fi
	expect_clean "$NS_A" "$IF_A" "after SIG$sig"
}

check_sigint() { stop_by_signal INT; }
check_sigterm() { stop_by_signal TERM; }
check_sighup() { stop_by_signal HUP; }

# A job started with `cmd &` from a script inherits SIGINT ignored; tcpdump still stops on
# `kill -INT`, and so must xdpspy.
check_sigint_inherited_ignore() {
	xs_topology || return 1
	XS_SPAWN_RAW=1 start_xdpspy xd "$NS_A" "$IF_A" -n || return 1
	record_attached "$NS_A" "$IF_A" tcx
	start_stream flow 40100 5000000 0 30
	stop_xdpspy xd INT
	stop_pid "$STREAM"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# --- 3. kill -9 --------------------------------------------------------------------------------

# kill9_midflood NAME: starts a flood, kill -9s xdpspy mid-flood; the flood goes on (STREAM).
kill9_midflood() {
	local name=$1 t0
	start_stream flood 40200 5000000 0 30
	t0=$(now_ms)
	kill -KILL "$XPID"
	# (stderr: not bash's "Killed" job report)
	wait_exit "$XPID" "$EXIT_MS_MAX" 2>/dev/null || ck_fail "$name: still alive after kill -9"
	KILL_T0=$t0
}

check_kill9() {
	local t0
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n || return 1
	record_attached "$NS_A" "$IF_A" tcx
	kill9_midflood xd
	t0=$KILL_T0
	if wait_until "$CLEAN_MS_MAX" is_detached "$NS_A" "$IF_A"; then
		ck_info "kill -9: XDP and TCX links gone $(($(now_ms) - t0)) ms after the kill"
	else
		ck_fail "kill -9: still attached after $CLEAN_MS_MAX ms:"
		leftovers "$NS_A" "$IF_A" | sed 's/^/    | /'
	fi
	# Pins outlive any process; the next start must find and remove them, and say so.
	local stale=0
	[[ -e $BPFFS_PINS/$IF_A ]] && stale=1
	# At once, flood still on: a new run attaches and works.
	start_xdpspy xd2 "$NS_A" "$IF_A" -n -l || {
		stop_pid "$STREAM"
		return 1
	}
	ck_info "restart under the flood: ready after $READY_MS ms"
	if ((stale)); then
		if grep -q 'removed pins left by an earlier xdpspy' "$XS_WORK/xd2.err"; then
			ck_info "restart removed the killed run's pinned counters, with a notice"
		else
			ck_fail "restart did not report removing the killed run's pins"
		fi
	fi
	record_attached "$NS_A" "$IF_A" tcx
	stop_pid "$STREAM"
	marker 40201
	expect_line xd2 '\.40201: UDP' "restart: a packet after the flood"
	stop_xdpspy xd2 INT
	expect_clean "$NS_A" "$IF_A" "restart, after SIGINT"
}

# kill -9 in clsact mode leaves the filter (nothing closes it); the next start on the
# interface, in mode MODE, must remove it with a notice and work.
clsact_leftover() {
	local mode=$1 old
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n --tc-mode clsact || return 1
	record_attached "$NS_A" "$IF_A" clsact
	old=$(egress_filters "$NS_A" "$IF_A")
	kill9_midflood xd
	wait_until "$CLEAN_MS_MAX" eval '! xdp_line "$NS_A" "$IF_A" >/dev/null' ||
		ck_fail "kill -9: XDP still attached after $CLEAN_MS_MAX ms"
	if [[ -n $(egress_filters "$NS_A" "$IF_A") ]]; then
		ck_info "kill -9 left the clsact filter, as expected"
	else
		ck_fail "kill -9 left no clsact filter: nothing to clean up, the check cannot run"
	fi
	start_xdpspy xd2 "$NS_A" "$IF_A" -n -l --tc-mode "$mode" || {
		stop_pid "$STREAM"
		return 1
	}
	ck_info "restart (--tc-mode $mode): ready after $READY_MS ms; notice: $(grep -iE 'stale|left|remov|previous|killed' "$XS_WORK/xd2.err" | head -1)"
	grep -qiE 'stale|left|remov|previous|killed' "$XS_WORK/xd2.err" ||
		{
			ck_fail "restart: no notice about the clsact filter left by the killed run"
			ck_show "$XS_WORK/xd2.err"
		}
	record_attached "$NS_A" "$IF_A" "$mode"
	if [[ $mode == clsact ]]; then
		local now
		now=$(egress_filters "$NS_A" "$IF_A")
		# One filter line per program (tc adds a header line per priority).
		if (($(grep -c 'direct-action' <<<"$now") != 1)) || [[ $now == "$old" ]]; then
			ck_fail "restart: want exactly one, new, egress filter; tc shows:"
			sed 's/^/    | /' <<<"$now"
		fi
	fi
	stop_pid "$STREAM"
	marker 40202
	expect_line xd2 '\.40202: UDP' "restart: a packet after the flood"
	stop_xdpspy xd2 INT
	expect_clean "$NS_A" "$IF_A" "restart, after SIGINT"
}

check_kill9_clsact_restart_clsact() { clsact_leftover clsact; }
check_kill9_clsact_restart_tcx() { clsact_leftover tcx; }

# --- 4. somebody else's XDP program ------------------------------------------------------------

# A tiny XDP object, built here: the program's name is what xdpspy must quote.
build_foreign() {
	cat >"$XS_WORK/foreign.c" <<'EOF'
#include <linux/bpf.h>
__attribute__((section("xdp"), used)) int xs_foreign(struct xdp_md *ctx)
{
	return XDP_PASS;
}
char _license[] __attribute__((section("license"), used)) = "GPL";
EOF
	clang -O2 -g -target bpf -I"/usr/include/$(cc -dumpmachine)" \
		-c "$XS_WORK/foreign.c" -o "$XS_WORK/foreign.o"
}

# foreign_refused MODE: MODE is ip's xdp mode keyword (xdpdrv, xdpgeneric).
foreign_refused() {
	local xmode=$1 id id2
	xs_topology || return 1
	build_foreign || {
		ck_fail "cannot build the foreign XDP object"
		return 1
	}
	ip -n "$NS_A" link set dev "$IF_A" "$xmode" obj "$XS_WORK/foreign.o" sec xdp ||
		{
			ck_fail "cannot attach the foreign program"
			return 1
		}
	id=$(xdp_prog_id "$NS_A" "$IF_A")
	ck_info "foreign program xs_foreign ($xmode) id $id"
	spawn xd "$NS_A" "$XDPSPY" -i "$IF_A" -n --ready-file "$XS_WORK/xd.ready"
	XPID=$SPAWN_PID
	if wait_exit "$XPID" "$EXIT_MS_MAX"; then
		ck_info "exit $EXIT_RC after $EXIT_MS ms: $(head -c 300 "$XS_WORK/xd.err")"
		[[ $EXIT_RC == 3 ]] || ck_fail "exit status $EXIT_RC (want 3)"
		grep -q 'xs_foreign' "$XS_WORK/xd.err" || ck_fail "message does not name the program (xs_foreign)"
		[[ ! -e $XS_WORK/xd.ready ]] || ck_fail "the ready file was written"
	else
		ck_fail "xdpspy still running $EXIT_MS_MAX ms after start (want exit 3)"
		stop_pid "$XPID"
	fi
	id2=$(xdp_prog_id "$NS_A" "$IF_A")
	[[ $id2 == "$id" ]] || ck_fail "the foreign program is gone or replaced (id '$id' -> '$id2')"
	[[ -z $(egress_filters "$NS_A" "$IF_A") ]] || ck_fail "a tc egress filter was left"
	[[ ! -e $BPFFS_PINS/$IF_A ]] || ck_fail "pins left in $BPFFS_PINS/$IF_A"
	ip -n "$NS_A" link set dev "$IF_A" "$xmode" off
	xdp_line "$NS_A" "$IF_A" >/dev/null && ck_fail "cannot remove the foreign program"
	return 0
}

check_foreign_xdp() { foreign_refused xdpdrv; }
check_foreign_xdp_generic() { foreign_refused xdpgeneric; }

# A second xdpspy on the same interface: exit 3, "already attached"; the first one unharmed.
check_second_xdpspy() {
	local first
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l || return 1
	first=$XPID
	record_attached "$NS_A" "$IF_A" tcx
	spawn xd2 "$NS_A" "$XDPSPY" -i "$IF_A" -n --ready-file "$XS_WORK/xd2.ready"
	if wait_exit "$SPAWN_PID" "$EXIT_MS_MAX"; then
		ck_info "second xdpspy: exit $EXIT_RC: $(head -c 300 "$XS_WORK/xd2.err")"
		[[ $EXIT_RC == 3 ]] || ck_fail "second xdpspy: exit status $EXIT_RC (want 3)"
		grep -qi 'already' "$XS_WORK/xd2.err" || ck_fail "second xdpspy: message does not say xdpspy is already attached"
	else
		ck_fail "second xdpspy still running (want exit 3)"
		stop_pid "$SPAWN_PID"
	fi
	XPID=$first
	marker 40500
	expect_line xd '\.40500: UDP' "first xdpspy, after the second one's refusal"
	stop_xdpspy xd INT
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# --- 5. a flood into a tiny ring ---------------------------------------------------------------

check_tiny_ring() {
	local base rx t0
	xs_topology || return 1
	# -Q in: only the flood's direction counts, not the ICMP errors it provokes.
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -B 4 -Q in || return 1
	base=$(rx_now "$NS_A" "$IF_A")
	spawn_peer flood "$NS_B" udp --to "$IP4_A" --port 40300 --count 300000 --seconds 3
	wait_exit "$SPAWN_PID" 20000 || ck_fail "the flood did not end"
	ck_info "flood: $(cat "$XS_WORK/flood.err")"
	rx=$(($(rx_now "$NS_A" "$IF_A") - base))
	# The condition under test is an idle ring after a flood: one second of silence, on purpose.
	sleep 1
	marker 40301
	t0=$(now_ms)
	expect_line xd '\.40301: UDP' "a packet after 1 s of silence"
	stop_xdpspy xd INT || return 1
	ck_info "interface received $rx flood packets"
	[[ $CAP == "$(out_lines xd)" ]] || ck_fail "'$CAP packets captured' but $(out_lines xd) lines printed"
	((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
	((DROP > 0)) || ck_fail "nothing dropped: the flood did not overflow a 4 KiB ring"
	((REC >= rx)) || ck_fail "received by filter ($REC) < packets the interface received ($rx)"
	grep -qE "^[0-9.:]+ IP6? ($IP4_A|$IP6_A)[ .]" "$XS_WORK/xd.out" &&
		ck_fail "-Q in: outgoing packets printed: $(grep -E "^[0-9.:]+ IP6? ($IP4_A|$IP6_A)[ .]" "$XS_WORK/xd.out" | head -1)"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# --- 6. the reader goes away -------------------------------------------------------------------

check_head() {
	local hpid t0
	xs_topology || return 1
	mkfifo "$XS_WORK/pipe"
	env --default-signal=INT,QUIT nsenter --net="/run/netns/$NS_A" "$XDPSPY" -i "$IF_A" -n \
		--ready-file "$XS_WORK/xd.ready" >"$XS_WORK/pipe" 2>"$XS_WORK/xd.err" &
	XPID=$!
	XS_PIDS+=("$XPID")
	head -1 <"$XS_WORK/pipe" >"$XS_WORK/head.out" &
	hpid=$!
	XS_PIDS+=("$hpid")
	wait_until "$READY_MS_MAX" ready_or_dead "$XS_WORK/xd.ready" "$XPID" && [[ -e $XS_WORK/xd.ready ]] ||
		{
			ck_fail "xdpspy not ready"
			ck_show "$XS_WORK/xd.err"
			return 1
		}
	record_attached "$NS_A" "$IF_A" tcx
	start_stream flow 40600 1000000 0.0002 30
	wait_exit "$hpid" 10000 || ck_fail "head -1 did not get a line"
	t0=$(now_ms)
	if wait_exit "$XPID" "$EXIT_MS_MAX"; then
		ck_info "xdpspy exit $EXIT_RC $(($(now_ms) - t0)) ms after head exited; head printed: $(cat "$XS_WORK/head.out")"
		[[ $EXIT_RC == 0 ]] || {
			ck_fail "exit status $EXIT_RC when the reader went away (want 0)"
			ck_show "$XS_WORK/xd.err"
		}
	else
		ck_fail "xdpspy still running $EXIT_MS_MAX ms after its reader went away"
		stop_pid "$XPID"
	fi
	stop_pid "$STREAM"
	[[ $(wc -l <"$XS_WORK/head.out") == 1 ]] || ck_fail "head printed no line"
	expect_clean "$NS_A" "$IF_A" "after the reader went away"
}

# --- 7. -c -------------------------------------------------------------------------------------

check_count() {
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -c 3 || return 1
	record_attached "$NS_A" "$IF_A" tcx
	spawn_peer flow "$NS_B" udp --to "$IP4_A" --port 40700 --count 500 --interval 0.01 --seconds 10
	STREAM=$SPAWN_PID
	if wait_exit "$XPID" 10000; then
		ck_info "-c 3: exit $EXIT_RC after $EXIT_MS ms; stderr: $(tr '\n' '|' <"$XS_WORK/xd.err")"
		[[ $EXIT_RC == 0 ]] || ck_fail "-c 3: exit status $EXIT_RC (want 0)"
	else
		ck_fail "-c 3: still running after 10 s of traffic"
		stop_pid "$XPID"
	fi
	stop_pid "$STREAM"
	[[ $(out_lines xd) == 3 ]] || {
		ck_fail "-c 3: $(out_lines xd) lines printed"
		ck_show "$XS_WORK/xd.out"
	}
	expect_clean "$NS_A" "$IF_A" "after -c 3"
}

# --- 8. promiscuous mode, errors ------------------------------------------------------------

promiscuity() { ip -n "$1" -d link show dev "$2" | sed -nE 's/.* promiscuity ([0-9]+) .*/\1/p'; }

# Promiscuous by default (a packet-socket membership, gone with the process), not with -p.
check_promisc() {
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n || return 1
	[[ $(promiscuity "$NS_A" "$IF_A") -ge 1 ]] || ck_fail "not promiscuous while running"
	stop_xdpspy xd INT
	[[ $(promiscuity "$NS_A" "$IF_A") == 0 ]] || ck_fail "still promiscuous after exit"
	start_xdpspy xd2 "$NS_A" "$IF_A" -n || return 1
	kill -KILL "$XPID"
	wait_exit "$XPID" "$EXIT_MS_MAX" 2>/dev/null
	wait_until "$CLEAN_MS_MAX" eval '[[ $(promiscuity "$NS_A" "$IF_A") == 0 ]]' ||
		ck_fail "still promiscuous after kill -9"
	start_xdpspy xd3 "$NS_A" "$IF_A" -n -p || return 1
	[[ $(promiscuity "$NS_A" "$IF_A") == 0 ]] || ck_fail "-p: promiscuous anyway"
	stop_xdpspy xd3 INT
	ck_info "promiscuity: on while running, off after exit and after kill -9, off with -p"
}

# The reader stopped (SIGSTOP) for 2 s in a flood: the interface still receives every frame
# (the hooks never hold traffic up), and once it runs again the accounting is exact.
check_stalled_reader() {
	local base rx sent
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -B 64 -Q in || return 1
	base=$(rx_now "$NS_A" "$IF_A")
	spawn_peer flood "$NS_B" udp --to "$IP4_A" --port 40500 --count 200000 --seconds 4
	sleep 0.3 # the condition under test: a reader that stops mid-flood
	kill -STOP "$XPID"
	sleep 2
	kill -CONT "$XPID"
	wait_exit "$SPAWN_PID" 20000 || ck_fail "the flood did not end"
	sent=$(sed -n 's/^udp: sent \([0-9]*\)$/\1/p' "$XS_WORK/flood.err")
	rx=$(($(rx_now "$NS_A" "$IF_A") - base))
	marker 40501
	expect_line xd '\.40501: UDP' "a packet after the reader ran again"
	stop_xdpspy xd INT || return 1
	ck_info "flood: $sent sent, the interface received $rx"
	((rx >= ${sent:-1})) || ck_fail "the interface received $rx of $sent frames while the reader was stopped"
	((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
	((DROP > 0)) || ck_fail "a 64 KiB ring did not overflow while its reader was stopped"
	((REC >= rx)) || ck_fail "received by filter ($REC) < frames the interface received ($rx)"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# The interface goes down and comes up again under a capture: the hooks stay, lines go on.
check_down_up() {
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -Q in || return 1
	marker 40401
	expect_line xd '\.40401: UDP' "a packet before the interface goes down"
	ip -n "$NS_A" link set "$IF_A" down && ip -n "$NS_A" link set "$IF_A" up
	wait_until 5000 eval "ip -n '$NS_A' link show dev '$IF_A' | grep -q LOWER_UP" ||
		ck_fail "$IF_A did not come back up"
	marker 40402
	expect_line xd '\.40402: UDP' "a packet after down and up"
	stop_xdpspy xd INT
	expect_clean "$NS_A" "$IF_A" "after down/up and SIGINT"
}

# Not root, with exactly CAP_BPF, CAP_NET_ADMIN, CAP_PERFMON (and CAP_NET_RAW for promiscuous
# mode): the capture works; the counters are not pinned (bpffs is root's), which it says.
check_nonroot_caps() {
	local caps=+bpf,+net_admin,+perfmon,+net_raw ready=$XS_WORK/nobody
	xs_topology || return 1
	chmod o+x "$XS_WORK" # nobody may pass through to its own directory
	mkdir -m 0777 "$ready"
	spawn nr "$NS_A" setpriv --reuid 65534 --regid 65534 --clear-groups \
		--inh-caps=-all,$caps --ambient-caps=-all,$caps \
		"$XDPSPY" -i "$IF_A" -n -l -Q in --ready-file "$ready/ready"
	XPID=$SPAWN_PID
	wait_until "$READY_MS_MAX" ready_or_dead "$ready/ready" "$XPID" && [[ -e $ready/ready ]] || {
		ck_fail "xdpspy as nobody with $caps did not start"
		ck_show "$XS_WORK/nr.err"
		return 1
	}
	marker 40403
	expect_line nr '\.40403: UDP' "a packet, captured as nobody"
	grep -q 'not pinned' "$XS_WORK/nr.err" && ck_info "$(grep 'not pinned' "$XS_WORK/nr.err")" ||
		ck_fail "no word about the pins it could not make"
	stop_xdpspy nr INT
	expect_clean "$NS_A" "$IF_A" "nobody's capture after SIGINT"
}

# run_status WANT WHAT CMD...: CMD (in NS_A) must exit WANT within EXIT_MS_MAX.
run_status() {
	local want=$1 what=$2
	shift 2
	spawn st "$NS_A" "$@"
	if wait_exit "$SPAWN_PID" "$EXIT_MS_MAX"; then
		ck_info "$what: exit $EXIT_RC: $(head -2 "$XS_WORK/st.err" | tr '\n' ' ')"
		[[ $EXIT_RC == "$want" ]] || ck_fail "$what: exit status $EXIT_RC (want $want)"
	else
		ck_fail "$what: still running (want exit $want)"
		stop_pid "$SPAWN_PID"
	fi
	expect_clean "$NS_A" "$IF_A" "$what"
}

check_exit_codes() {
	xs_topology || return 1
	run_status 2 "-Q sideways" "$XDPSPY" -i "$IF_A" -n -Q sideways
	run_status 2 "--tc-mode foo" "$XDPSPY" -i "$IF_A" -n --tc-mode foo
	run_status 2 "--mode foo" "$XDPSPY" -i "$IF_A" -n --mode foo
	run_status 1 "no such interface" "$XDPSPY" -i xsnosuch0 -n
	# No capabilities at all: as root, exec gives exactly the bounding set.
	run_status 4 "no capabilities" setpriv --bounding-set -all --inh-caps -all \
		"$XDPSPY" -i "$IF_A" -n
	grep -q 'CAP_BPF' "$XS_WORK/st.err" || ck_fail "no capabilities: CAP_BPF not named"
}

# --- driver ------------------------------------------------------------------------------------

CHECKS=(
	tcp_tcx tcp_filtered tcp_dump tcp_clsact tcp_abs_seq tcp_ether tcp_generic tcp_loopback
	sigint sigterm sighup sigint_inherited_ignore
	kill9 kill9_clsact_restart_clsact kill9_clsact_restart_tcx
	foreign_xdp foreign_xdp_generic second_xdpspy
	tiny_ring head count
	promisc exit_codes down_up nonroot_caps stalled_reader
)

# Each check in a subshell of its own: its own scratch directory, namespaces and traps, so a
# failure (or a crash of the check itself) cannot leak into the next one.
run_check() {
	local name=$1
	echo "== $name"
	(
		xs_init || exit 1
		CK_FAILED=0
		"check_$name"
		rc=$?
		# A check that returned early failed even if it said nothing.
		((rc != 0 && CK_FAILED == 0)) && ck_fail "check_$name returned $rc"
		if ((CK_FAILED)); then
			XS_KEEP=1
			echo "  (outputs kept in $XS_WORK)"
		fi
		exit "$CK_FAILED"
	)
}

preflight() {
	local t missing=""
	[[ $(id -u) == 0 ]] || {
		echo "live: needs root" >&2
		exit 1
	}
	[[ -x $XDPSPY ]] || {
		echo "live: $XDPSPY not built (make)" >&2
		exit 1
	}
	for t in ip tc tcpdump bpftool clang nsenter setpriv mkfifo "$PYTHON"; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	[[ -z $missing ]] || {
		echo "live: missing:$missing (make deps)" >&2
		exit 1
	}
	mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
}

main() {
	local pass=0 fail=0 c want=("$@")
	preflight
	trap 'echo "live: interrupted"; exit 130' INT TERM HUP
	((${#want[@]})) || want=("${CHECKS[@]}")
	for c in "${want[@]}"; do
		if ! declare -F "check_$c" >/dev/null; then
			echo "live: no check named $c (have: ${CHECKS[*]})" >&2
			exit 2
		fi
		if run_check "$c"; then
			echo "ok $c"
			pass=$((pass + 1))
		else
			echo "FAIL $c"
			fail=$((fail + 1))
		fi
	done
	echo "live: $pass passed, $fail failed"
	((fail == 0))
}

main "$@"
