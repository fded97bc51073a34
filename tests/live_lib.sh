# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the live tests (tests/live.sh, tests/faults.sh): xdpspy started and stopped in a
# namespace, what it has attached, traffic from the peer namespace, and the driver that runs
# each check in a subshell of its own. Sourcing runs nothing; the sourcing script sets SUITE
# and CHECKS and calls main "$@".
. "$(dirname "${BASH_SOURCE[0]}")/netns.sh"

# Generous bounds: a loaded CI machine must not fail a check that is merely slow.
READY_MS_MAX=10000 # start until the ready file appears
EXIT_MS_MAX=5000   # signal until exit
CLEAN_MS_MAX=5000  # exit (or kill -9) until nothing of ours is attached
PRINT_MS_MAX=3000  # a packet until its line is out (with -l)

# Ports with no tcpdump application decoder, so tcpdump's lines end at `length N` as ours do.
PORT4=9000
PORT6=40001
INJECT=$XS_ROOT/tests/inject.py
MARK_PORT=40999

# Commands put before xdpspy by start_xdpspy and as_nobody (e.g. nsenter into a private bpffs).
XS_PREFIX=()

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

# A directory anyone may write the ready file into: xdpspy writes it last, and with -Z (or as
# a user with capabilities) no longer as root.
ready_dir() {
	[[ -d $XS_WORK/ready ]] || { chmod o+x "$XS_WORK" && mkdir -m 0777 "$XS_WORK/ready"; }
	echo "$XS_WORK/ready"
}

# spawn_ready NAME NS WHAT CMD...: CMD --ready-file F in NS in the background (spawn), with no
# F left from an earlier run under this name; waits for F. Sets XPID; 1, naming WHAT, if CMD
# ends or the wait times out first.
spawn_ready() {
	local name=$1 ns=$2 what=$3 ready
	shift 3
	ready=$(ready_dir)/$name
	rm -f "$ready" # an earlier run's under this name (a check run again) is not this one's
	spawn "$name" "$ns" "$@" --ready-file "$ready"
	XPID=$SPAWN_PID
	wait_until "$READY_MS_MAX" ready_or_dead "$ready" "$XPID" && [[ -e $ready ]] && return 0
	ck_fail "$what did not start"
	ck_show "$XS_WORK/$name.err"
	return 1
}

# start_xdpspy NAME NS IF ARGS...: xdpspy -i IF ARGS in NS in the background, output in
# $XS_WORK/NAME.{out,err}; waits for its ready file. Sets XPID and READY_MS; 1 if not ready.
start_xdpspy() {
	local name=$1 ns=$2 dev=$3 t0 ready
	shift 3
	ready=$(ready_dir)/$name
	rm -f "$ready" # as spawn_ready: not an earlier run's
	t0=$(now_ms)
	spawn "$name" "$ns" "${XS_PREFIX[@]}" "$XDPSPY" -i "$dev" "$@" --ready-file "$ready"
	XPID=$SPAWN_PID
	if ! wait_until "$READY_MS_MAX" ready_or_dead "$ready" "$XPID"; then
		ck_fail "$name: no ready file after $READY_MS_MAX ms: xdpspy -i $dev $*"
		ck_show "$XS_WORK/$name.err"
		return 1
	fi
	if [[ ! -e $ready ]]; then
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

# expect_exit PID WANT WHAT ERRFILE [PATTERN]: PID must exit WANT within EXIT_MS_MAX, its
# stderr (ERRFILE) saying PATTERN; reports what it said and how long it took.
expect_exit() {
	local pid=$1 want=$2 what=$3 err=$4 pat=${5:-}
	if wait_exit "$pid" "$EXIT_MS_MAX"; then
		ck_info "$what: exit $EXIT_RC after $EXIT_MS ms: $(grep '^xdpspy: ' "$err" |
			grep -v 'verbose output suppressed' | head -2 | tr '\n' ' ' | cut -c1-300)"
		[[ $EXIT_RC == "$want" ]] || ck_fail "$what: exit status $EXIT_RC (want $want)"
		[[ -z $pat ]] || grep -qiE -- "$pat" "$err" || ck_fail "$what: stderr does not say '$pat'"
	else
		ck_fail "$what: still running after $EXIT_MS_MAX ms (want exit $want)"
		stop_pid "$pid"
	fi
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

# out_lines NAME: the records NAME printed (dump lines, which start with a tab, and -v's
# continuation lines, which start with spaces, not counted).
out_lines() { grep -c '^[^[:space:]]' "$XS_WORK/$1.out"; }

# --- what is attached --------------------------------------------------------------------------

# links_of_pid PID: the bpf_links PID holds, "ID TYPE" per line, each once (TYPE xdp,
# tcx-ingress, tcx-egress, raw_tracepoint), from its fds' fdinfo: exact whatever the namespace (bpftool link show lists
# every namespace's links, and this one shows neither holder nor ifindex).
links_of_pid() {
	local f
	for f in /proc/"$1"/fdinfo/*; do
		awk '/^link_type:/ { t = $2 } /^link_id:/ { id = $2 }
			/^attach_type:/ { d = $3; gsub(/[()]/, "", d) }
			END { if (id != "") print id, (t == "tcx" ? t "-" d : t) }' "$f" 2>/dev/null
	done | sort -un
}

xdp_line() { ip -n "$1" -d link show dev "$2" | grep -wE 'xdp|xdpgeneric|xdpdrv|xdpoffload|prog/xdp'; }
xdp_prog_id() { ip -n "$1" -d link show dev "$2" | sed -nE 's/.*prog\/xdp id ([0-9]+).*/\1/p' | head -1; }
egress_filters() { tc -n "$1" filter show dev "$2" egress 2>/dev/null; }
ingress_filters() { tc -n "$1" filter show dev "$2" ingress 2>/dev/null; }

# record_attached NS IF INGRESS+EGRESS: checks that xdpspy (XPID) is attached as it should be,
# and records its links in XLINKS for leftovers(). INGRESS: xdp (an XDP link), tc (a TCX
# ingress link), clsact (a tc ingress filter) or none; EGRESS: tcx, clsact or none, and with
# egress the tracepoint that stamps segments at the tap (bpf/seg_tap.h), where the kernel has it.
record_attached() {
	local ns=$1 dev=$2 in=${3%+*} eg=${3#*+} links want
	links=$(links_of_pid "$XPID")
	XLINKS=$(awk '{ print $1 }' <<<"$links")
	want=""
	[[ $in == xdp ]] && want+=" xdp"
	[[ $in == tc ]] && want+=" tcx-ingress"
	[[ $eg == tcx ]] && want+=" tcx-egress"
	[[ $eg != none ]] && grep -qa btf_trace_net_dev_start_xmit /sys/kernel/btf/vmlinux &&
		want+=" raw_tracepoint"
	[[ $(awk 'NF { print $2 }' <<<"$links" | sort | tr '\n' ' ') == "$(tr ' ' '\n' <<<"$want" | sed '/^$/d' | sort | tr '\n' ' ')" ]] ||
		ck_fail "want links:$want; xdpspy (pid $XPID) holds: $(tr '\n' ' ' <<<"$links")"
	if [[ $in == xdp ]]; then
		xdp_line "$ns" "$dev" >/dev/null || ck_fail "no XDP program on $dev while xdpspy runs"
	elif xdp_line "$ns" "$dev" | grep -q 'name xdpspy'; then
		ck_fail "an XDP program of ours is on $dev (want ingress $in)"
	fi
	local fin=no feg=no
	[[ -n $(ingress_filters "$ns" "$dev") ]] && fin=yes
	[[ -n $(egress_filters "$ns" "$dev") ]] && feg=yes
	[[ $fin == "$([[ $in == clsact ]] && echo yes || echo no)" ]] ||
		ck_fail "tc ingress filter on $dev: $fin (want ingress $in)"
	[[ $feg == "$([[ $eg == clsact ]] && echo yes || echo no)" ]] ||
		ck_fail "tc egress filter on $dev: $feg (want egress $eg)"
	ck_info "attached (ingress $in, egress $eg): links held: $(tr '\n' ' ' <<<"$links")"
}

# leftovers NS IF: prints whatever of xdpspy is still on IF; prints nothing when all is gone.
leftovers() {
	local ns=$1 dev=$2 id l
	l=$(xdp_line "$ns" "$dev" | grep "name xdpspy") && echo "xdp still attached: $l"
	l=$(egress_filters "$ns" "$dev") && [[ -n $l ]] && echo "tc egress filter: $l"
	l=$(ingress_filters "$ns" "$dev") && [[ -n $l ]] && echo "tc ingress filter: $l"
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
	rm -f "$XS_WORK/srv4.ready" "$XS_WORK/srv6.ready" # a former pair's
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
# exit. The sizes give one-segment and multi-segment data both ways, and an empty request
# (SIZES=REQ:RESP,... gives others).
conversations() {
	local sizes=${SIZES:-1:1,100:1000,1400:3000,3000:20,0:1}
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

# --- comparing with tcpdump ---------------------------------------------------------------------

# start_tcpdump NS DEV BIG ARGS...: tcpdump -i DEV ARGS in NS, output in $XS_WORK/td.{out,err};
# waits for its "listening on" line. Sets TDPID. --immediate-mode and -l: its file shows each
# packet as it comes, which is the tests' barrier. BIG non-empty: segmentation offloads are on,
# for which libpcap sizes each ring slot for 256 KiB: a larger buffer, so it keeps up.
start_tcpdump() {
	local ns=$1 dev=$2 big=$3 buf=()
	shift 3
	[[ -n $big ]] && buf=(-B 32768)
	spawn td "$ns" tcpdump -i "$dev" --immediate-mode -l "${buf[@]}" "$@"
	TDPID=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td.err" '^(tcpdump: )?listening on' || {
		ck_fail "tcpdump did not start"
		ck_show "$XS_WORK/td.err"
		return 1
	}
}

# stop_both NAME TDPID: SIGINT to xdpspy NAME and to tcpdump.
stop_both() {
	stop_xdpspy "$1" INT
	kill -INT "$2"
	wait_exit "$2" "$EXIT_MS_MAX" || ck_fail "tcpdump did not exit"
}

# to_lines TD XS: tcpdump's output and xdpspy's without time stamps (and tcpdump's blank
# lines), as TD.lines and XS.lines. Only a record's first line starts with one (a digit):
# -v's continuation lines and dumps are kept whole.
to_lines() {
	sed '/^$/d; s/^[0-9][^ ]* //' "$XS_WORK/$1.out" >"$XS_WORK/$1.lines"
	sed 's/^[0-9][^ ]* //' "$XS_WORK/$2.out" >"$XS_WORK/$2.lines"
}

# same_lines TD XD WHAT: every line of both outputs, time stamps aside, identical and in order.
same_lines() {
	to_lines "$1" "$2"
	if cmp -s "$XS_WORK/$1.lines" "$XS_WORK/$2.lines"; then
		ck_info "$3: $(wc -l <"$XS_WORK/$2.lines") lines identical to tcpdump's"
	else
		ck_fail "$3: lines differ from tcpdump's (tcpdump: $(wc -l <"$XS_WORK/$1.lines"), xdpspy: $(wc -l <"$XS_WORK/$2.lines")):"
		diff "$XS_WORK/$1.lines" "$XS_WORK/$2.lines" | head -12 | sed 's/^/    /'
	fi
}

# udp_sink NS PORT...: sockets that take UDP to those ports in NS (v4 and v6), so that no ICMP
# port unreachable muddles a comparison of every line (its decode is another matter).
udp_sink() {
	local ns=$1
	shift
	spawn "sink$RANDOM" "$ns" "$PYTHON" -c '
import socket, sys, time
keep = []
for p in map(int, sys.argv[1:]):
    for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, p))
        keep.append(s)
time.sleep(120)' "$@"
}

# --- driver ------------------------------------------------------------------------------------

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
		echo "$SUITE: needs root" >&2
		exit 1
	}
	[[ -x $XDPSPY ]] || {
		echo "$SUITE: $XDPSPY not built (make)" >&2
		exit 1
	}
	for t in ip tc tcpdump bpftool clang nsenter setpriv mkfifo "$PYTHON"; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	[[ -z $missing ]] || {
		echo "$SUITE: missing:$missing (make deps)" >&2
		exit 1
	}
	mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
}

main() {
	local pass=0 fail=0 c want=("$@")
	preflight
	trap 'echo "$SUITE: interrupted"; exit 130' INT TERM HUP
	((${#want[@]})) || want=("${CHECKS[@]}")
	for c in "${want[@]}"; do
		if ! declare -F "check_$c" >/dev/null; then
			echo "$SUITE: no check named $c (have: ${CHECKS[*]})" >&2
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
	echo "$SUITE: $pass passed, $fail failed"
	((fail == 0))
}
