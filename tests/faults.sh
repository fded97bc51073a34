#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Faults a capture must survive (`make test-faults`, as root), each on a veth pair between two
# private namespaces it builds and removes, also when it fails: floods into tiny rings with exact
# accounting, a stalled or vanished reader, the interface going down or away, privileges
# missing or given up, malformed and jumbo frames. Every figure a check measures is printed.
# Usage: tests/faults.sh [CHECK...] (default: all, see CHECKS); XDPSPY=path tests another
# binary, XS_KEEP=1 keeps every check's outputs (a failed check's are always kept).
set -u
SUITE=faults
. "$(dirname "${BASH_SOURCE[0]}")/live_lib.sh"

# --- floods and readers -----------------------------------------------------------------------

GEN=$XS_ROOT/build/bench/gen
MIX=$XS_ROOT/build/bench/mix.pcap

# flood NAME COUNT [PPS]: COUNT frames of the benchmark's TCP mix (bench/gen: handshakes, ACKs,
# data, FIN/RST, 28 % IPv6, thousands of flows) from NS_B into IF_A, as fast as one CPU can or
# at PPS; sets SENT, the generator's exact count.
flood() {
	spawn "$1" "$NS_B" "$GEN" -i "$IF_B" -n "$2" ${3:+-r "$3"} "$MIX"
	if ! wait_exit "$SPAWN_PID" 120000; then
		ck_fail "the generator did not finish"
		stop_pid "$SPAWN_PID"
		return 1
	fi
	SENT=$(sed -nE 's/^sent=([0-9]+) .*/\1/p' "$XS_WORK/$1.out" | tail -1)
	[[ $EXIT_RC == 0 && -n $SENT ]] || {
		ck_fail "generator: exit $EXIT_RC: $(cat "$XS_WORK/$1.err" "$XS_WORK/$1.out")"
		return 1
	}
	ck_info "generator: $(tail -1 "$XS_WORK/$1.out")"
}

# flood_accounting RX0: after a flood and SIGINT, the closing counts against the interface's
# own rx counter (RX0: before the capture began; -Q in, and nothing else arrives on the quiet
# link): received by filter == what the interface received, == captured + dropped.
flood_accounting() {
	local rx
	rx=$(($(rx_now "$NS_A" "$IF_A") - $1))
	ck_info "the interface received $rx frames ($SENT generated); xdpspy: $REC received, $CAP captured, $DROP dropped"
	((rx >= SENT)) || ck_fail "the interface received $rx of $SENT frames"
	((REC == rx)) || ck_fail "received by filter $REC != the interface's rx count $rx"
	((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
}

# A 4 KiB ring under 2 M frames: most events cannot be delivered, and every one is counted.
# Then one packet after a second of silence is printed promptly.
check_flood_tiny_ring() {
	local rx0
	xs_topology || return 1
	rx0=$(rx_now "$NS_A" "$IF_A")
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -B 4 -Q in || return 1
	flood gen 2000000 || return 1
	# The condition under test is an idle ring after a flood: one second of silence, on purpose.
	sleep 1
	marker 40301
	expect_line xd '\.40301: UDP' "a packet after 1 s of silence"
	stop_xdpspy xd INT || return 1
	flood_accounting "$rx0"
	[[ $CAP == "$(out_lines xd)" ]] || ck_fail "'$CAP packets captured' but $(out_lines xd) lines printed"
	((DROP > 0)) || ck_fail "nothing dropped: the flood did not overflow a 4 KiB ring"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# rss_anon PID: anonymous resident memory in KiB (the ring is a shared mapping, not in it).
rss_anon() { sed -nE 's/^RssAnon:[[:space:]]+([0-9]+) kB$/\1/p' "/proc/$1/status"; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }

# 5 M frames at full rate with the default ring, lines to /dev/null: anonymous memory stays
# under 16 MiB, the accounting is exact, losses (if any) are counted.
check_flood_memory() {
	local rx0 rss
	xs_topology || return 1
	ln -s /dev/null "$XS_WORK/big.out" # spawn's redirection follows it
	rx0=$(rx_now "$NS_A" "$IF_A")
	start_xdpspy big "$NS_A" "$IF_A" -n -Q in || return 1
	ck_info "RssAnon at start: $(rss_anon "$XPID") KiB, $(fd_count "$XPID") fds"
	flood gen 5000000 || return 1
	rss=$(rss_anon "$XPID")
	ck_info "RssAnon after 5 M frames: $rss KiB, $(fd_count "$XPID") fds"
	((rss < 16 * 1024)) || ck_fail "RssAnon $rss KiB after 5 M frames (want < 16 MiB)"
	stop_xdpspy big INT || return 1
	flood_accounting "$rx0"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# A moderate rate (200 kpps, 1 M frames) with the default ring: nothing lost.
check_flood_paced() {
	local rx0
	xs_topology || return 1
	ln -s /dev/null "$XS_WORK/paced.out"
	rx0=$(rx_now "$NS_A" "$IF_A")
	start_xdpspy paced "$NS_A" "$IF_A" -n -Q in || return 1
	flood gen 1000000 200000 || return 1
	stop_xdpspy paced INT || return 1
	flood_accounting "$rx0"
	((DROP == 0)) || ck_fail "$DROP events lost at 200 kpps with the default ring"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# `make soak` (not in make test): SOAK_S seconds (default 600) at 100 kpps, lines to /dev/null.
# Anonymous memory, sampled every 10 s, grows by under 1 MiB from the first sample (10 s in,
# the printer's flow table warm) to the last; the fd count never changes; nothing is lost.
check_soak() {
	local secs=${SOAK_S:-600} rx0 t rss fds rss1="" fds1="" worst=0 gpid
	xs_topology || return 1
	ln -s /dev/null "$XS_WORK/soak.out"
	rx0=$(rx_now "$NS_A" "$IF_A")
	start_xdpspy soak "$NS_A" "$IF_A" -n -Q in || return 1
	ck_info "at start: RssAnon $(rss_anon "$XPID") KiB, $(fd_count "$XPID") fds"
	spawn gen "$NS_B" "$GEN" -i "$IF_B" -n $((secs * 100000)) -r 100000 "$MIX"
	gpid=$SPAWN_PID
	for ((t = 10; t <= secs; t += 10)); do
		sleep 10 # the sampling period, on purpose
		proc_alive "$XPID" || {
			ck_fail "xdpspy died after $t s"
			return 1
		}
		rss=$(rss_anon "$XPID") fds=$(fd_count "$XPID")
		: "${rss1:=$rss}" "${fds1:=$fds}"
		((rss - rss1 > worst)) && worst=$((rss - rss1))
		((fds == fds1)) || ck_fail "fd count $fds at $t s (was $fds1)"
		((t % 60 == 0)) && ck_info "$t s: RssAnon $rss KiB, $fds fds"
	done
	wait_exit "$gpid" 30000 || ck_fail "the generator did not finish"
	SENT=$(sed -nE 's/^sent=([0-9]+) .*/\1/p' "$XS_WORK/gen.out" | tail -1)
	ck_info "generator: $(tail -1 "$XS_WORK/gen.out"); RssAnon growth from 10 s in: at most $worst KiB"
	((worst < 1024)) || ck_fail "RssAnon grew by $worst KiB (want < 1024)"
	stop_xdpspy soak INT || return 1
	flood_accounting "$rx0"
	((DROP == 0)) || ck_fail "$DROP events lost at 100 kpps"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
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

# The reader goes away (head -1): exit 0 at once, nothing left attached.
check_head() {
	local hpid
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
	record_attached "$NS_A" "$IF_A" tc+tcx
	start_stream flow 40600 1000000 0.0002 30
	wait_exit "$hpid" 10000 || ck_fail "head -1 did not get a line"
	expect_exit "$XPID" 0 "head -1 exited" "$XS_WORK/xd.err"
	stop_pid "$STREAM"
	[[ $(wc -l <"$XS_WORK/head.out") == 1 ]] && ck_info "head printed: $(cat "$XS_WORK/head.out")" ||
		ck_fail "head printed no line"
	expect_clean "$NS_A" "$IF_A" "after the reader went away"
}

# --- malformed frames --------------------------------------------------------------------------

# One of each malformed frame (tests/inject.py's MALFORMED: Ethernet only, cut IPv4, IHL past
# the length, IHL < 5, cut TCP header, cut options, cut IPv6, 40 extension headers, one past
# the end), injected live next to tcpdump: each printed as tcpdump prints it, each but the
# 40-deep chain (whole, just long) counted as malformed, and xdpspy goes on.
check_malformed() {
	local kinds=(eth_only cut_ip4 ihl_long ihl_short cut_tcp cut_opts cut_ip6 ext_deep ext_past_end)
	local m0 m1 tdpid deep='( DSTOPT){40}'
	xs_topology || return 1
	spawn td "$NS_A" tcpdump -i "$IF_A" --immediate-mode -l -n -Q in
	tdpid=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td.err" '^listening on' || {
		ck_fail "tcpdump did not start"
		return 1
	}
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -Q in || return 1
	m0=$(malformed_count)
	in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" "${kinds[@]/%/=1}" || ck_fail "inject failed"
	marker 40901
	expect_line xd '\.40901: UDP' "a packet after the malformed frames"
	wait_until 5000 file_has "$XS_WORK/td.out" '\.40901: UDP' || ck_fail "tcpdump did not see the marker"
	m1=$(malformed_count)
	stop_xdpspy xd INT
	stop_pid "$tdpid"
	# All but the 40-deep chain, whose TCP segment the parser reaches whole.
	ck_info "malformed counter: +$((m1 - m0)) for ${#kinds[@]} frames"
	((m1 - m0 == ${#kinds[@]} - 1)) ||
		ck_fail "malformed counter grew by $((m1 - m0)), want $((${#kinds[@]} - 1))"
	# The lines, time stamps aside (and the empty line tcpdump ends with when stopped).
	sed -E 's/^[0-9:.]+ //' "$XS_WORK/td.out" | grep -v '^$' >"$XS_WORK/td.lines"
	sed -E 's/^[0-9:.]+ //' "$XS_WORK/xd.out" >"$XS_WORK/xd.lines"
	if cmp -s "$XS_WORK/td.lines" "$XS_WORK/xd.lines"; then
		ck_info "$(($(wc -l <"$XS_WORK/td.lines") - 1)) malformed frames printed as tcpdump prints them:"
		sed '$d' "$XS_WORK/xd.lines" | sed 's/^/    | /'
	else
		ck_fail "lines differ from tcpdump's:"
		diff -u "$XS_WORK/td.lines" "$XS_WORK/xd.lines" | sed -n '3,30p' | sed 's/^/    /'
	fi
	# The 40-deep chain is past what an event holds: its record carries the frame's bytes.
	grep -qE "$deep" "$XS_WORK/xd.out" || ck_fail "the 40-deep extension chain: not printed whole"
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

malformed_count() {
	in_ns "$NS_A" "$XDPSPY" stats "$IF_A" --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["malformed"])'
}

# --- the interface, privileges, exit codes ---------------------------------------------------

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

# The interface is deleted under a capture: xdpspy notices within its once-a-second check,
# says so, exits 1 and leaves nothing behind (its links die with the device, its pins with it).
check_iface_deleted() {
	local ids
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l || return 1
	record_attached "$NS_A" "$IF_A" tc+tcx
	[[ -d $BPFFS_PINS/$IF_A ]] || ck_fail "no pins under $BPFFS_PINS/$IF_A while capturing"
	ip -n "$NS_A" link del "$IF_A" || ck_fail "cannot delete $IF_A"
	expect_exit "$XPID" 1 "the interface deleted" "$XS_WORK/xd.err" "^xdpspy: $IF_A: the interface went away$"
	[[ -e $BPFFS_PINS/$IF_A ]] && ck_fail "pins left: $(ls -A "$BPFFS_PINS/$IF_A")"
	for ids in $XLINKS; do
		bpftool link show id "$ids" >/dev/null 2>&1 && ck_fail "link $ids still exists"
	done
	closing_counts xd
}

# --- pins and privileges -----------------------------------------------------------------------

# private_bpffs: a bpffs of the check's own at /sys/fs/bpf, in a mount namespace that a
# sleeping process holds (MNT names it; in_mnt runs a command there). What the machine's own
# bpffs holds cannot change a result, and nothing there is touched. XS_PREFIX makes
# start_xdpspy and as_nobody run xdpspy in it.
private_bpffs() {
	spawn bpffs "$NS_A" unshare -m --propagation private \
		sh -c 'mount -t bpf bpf /sys/fs/bpf && exec sleep 600'
	MNT=/proc/$SPAWN_PID/ns/mnt
	XS_PREFIX=(nsenter --mount="$MNT")
	# sleep runs once the mount is there.
	wait_until 3000 proc_is "$SPAWN_PID" sleep || {
		ck_fail "no private bpffs: $(cat "$XS_WORK/bpffs.err")"
		return 1
	}
}
proc_is() { [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]; }
in_mnt() { nsenter --mount="$MNT" --net="/run/netns/$NS_A" "$@"; }
# pin_state PATH: "uid mode" of PATH in the private bpffs, or "absent".
pin_state() { in_mnt stat -c '%u %a' "$1" 2>/dev/null || echo absent; }

# as_nobody NAME CAPS: xdpspy -i IF_A as nobody with exactly CAPS (ambient), until ready.
as_nobody() {
	spawn_ready "$1" "$NS_A" "xdpspy as nobody with $2" "${XS_PREFIX[@]}" setpriv --reuid 65534 \
		--regid 65534 --clear-groups --inh-caps=-all,"$2" --ambient-caps=-all,"$2" \
		"$XDPSPY" -i "$IF_A" -n -l -Q in
}

# As nobody with exactly the capabilities a capture needs: it captures, and pins nothing, both
# on an empty bpffs (only root creates the pin directory) and beside root's pin directory
# (which nobody cannot write); either way it says why.
check_nonroot_caps() {
	xs_topology || return 1
	private_bpffs || return 1
	as_nobody nr +bpf,+net_admin,+perfmon,+net_raw || return 1
	marker 40403
	expect_line nr '\.40403: UDP' "a packet, captured as nobody"
	grep -q 'not pinned: only root creates /sys/fs/bpf/xdpspy' "$XS_WORK/nr.err" &&
		ck_info "$(grep 'not pinned' "$XS_WORK/nr.err")" ||
		ck_fail "empty bpffs: no word about the pins it could not make"
	[[ $(pin_state /sys/fs/bpf/xdpspy) == absent ]] ||
		ck_fail "nobody made /sys/fs/bpf/xdpspy ($(pin_state /sys/fs/bpf/xdpspy))"
	stop_xdpspy nr INT
	expect_clean "$NS_A" "$IF_A" "nobody's capture after SIGINT"
	# Root's directory there: nobody cannot write it.
	in_mnt mkdir -m 0700 /sys/fs/bpf/xdpspy
	as_nobody nr1 +bpf,+net_admin,+perfmon,+net_raw || return 1
	grep -q 'not pinned: only root pins under /sys/fs/bpf/xdpspy' "$XS_WORK/nr1.err" &&
		ck_info "$(grep 'not pinned' "$XS_WORK/nr1.err")" ||
		ck_fail "beside root's directory: no word about the pins it could not make"
	[[ -z $(in_mnt ls -A /sys/fs/bpf/xdpspy) ]] || ck_fail "nobody pinned in root's directory"
	stop_xdpspy nr1 INT
	# Without CAP_NET_RAW: no promiscuous mode, which it says, naming the capability.
	as_nobody nr2 +bpf,+net_admin,+perfmon || return 1
	grep -q 'promiscuous mode.*CAP_NET_RAW' "$XS_WORK/nr2.err" &&
		ck_info "$(grep 'promiscuous' "$XS_WORK/nr2.err")" ||
		ck_fail "without CAP_NET_RAW: no word naming it"
	marker 40404
	expect_line nr2 '\.40404: UDP' "a packet, captured without CAP_NET_RAW"
	stop_xdpspy nr2 INT
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# untrusted_dir WHAT PATTERN: with the pin directory in a state root must not trust, a root
# capture goes on unpinned saying PATTERN, `attach` refuses (exit 1), `stats` and `list` refuse
# to read it; nothing is pinned, read or removed there.
untrusted_dir() {
	local what=$1 pat=$2 name=ut$((++UT_N))
	start_xdpspy "$name" "$NS_A" "$IF_A" -n -l -Q in || return 1
	marker $((40410 + UT_N))
	expect_line "$name" "\\.$((40410 + UT_N)): UDP" "$what: a packet captured, unpinned"
	grep -q "counters not pinned: .*$pat" "$XS_WORK/$name.err" &&
		ck_info "$what: $(grep 'not pinned' "$XS_WORK/$name.err")" ||
		ck_fail "$what: no 'counters not pinned: ... $pat' on stderr"
	[[ -z $(in_mnt find /sys/fs/bpf/xdpspy -mindepth 1 -not -type d) ]] ||
		ck_fail "$what: pinned in an untrusted directory: $(in_mnt find /sys/fs/bpf/xdpspy)"
	stop_xdpspy "$name" INT
	run_status 1 "$what: attach" "${XS_PREFIX[@]}" "$XDPSPY" attach "$IF_A"
	grep -q "$pat" "$XS_WORK/st.err" || ck_fail "$what: attach does not say '$pat'"
	[[ -z $(in_mnt find /sys/fs/bpf/xdpspy -mindepth 1 -not -type d) ]] ||
		ck_fail "$what: attach pinned in an untrusted directory"
	run_status 1 "$what: stats" "${XS_PREFIX[@]}" "$XDPSPY" stats
	grep -q "$pat" "$XS_WORK/st.err" || ck_fail "$what: stats does not say '$pat'"
	run_status 1 "$what: list" "${XS_PREFIX[@]}" "$XDPSPY" list
}

# The pin directory's trust, on a private bpffs: root creates it root-owned and private; one
# owned by another user, or writable by others, at either level, is refused, never used.
check_pin_trust() {
	local d=/sys/fs/bpf/xdpspy
	UT_N=0
	xs_topology || return 1
	private_bpffs || return 1
	start_xdpspy root "$NS_A" "$IF_A" -n -l -Q in || return 1
	[[ "$(pin_state $d) $(pin_state "$d/$IF_A") $(pin_state "$d/$IF_A/stats")" == "0 700 0 700 0 600" ]] ||
		ck_fail "root's pins: $d $(pin_state $d), $d/$IF_A $(pin_state "$d/$IF_A"), stats $(pin_state "$d/$IF_A/stats") (want 0 700, 0 700, 0 600)"
	ck_info "root's pins: $d $(pin_state $d), $IF_A $(pin_state "$d/$IF_A")"
	stop_xdpspy root INT
	[[ $(pin_state $d) == absent ]] || ck_fail "root's pins remain after exit"

	in_mnt mkdir -m 0700 $d && in_mnt chown 65534:65534 $d
	untrusted_dir "owned by nobody" "$d is owned by uid 65534, not root: not trusted"
	in_mnt chown 0:0 $d && in_mnt chmod 0777 $d
	untrusted_dir "mode 0777" "$d is writable by others (mode 0777): not trusted"
	in_mnt chmod 0700 $d && in_mnt mkdir -m 0700 "$d/$IF_A" && in_mnt chown 65534 "$d/$IF_A"
	untrusted_dir "the interface's directory owned by nobody" \
		"$d/$IF_A is owned by uid 65534, not root: not trusted"
	expect_clean "$NS_A" "$IF_A" "after the untrusted directories"
}

# Under `ip netns exec`, which remounts /sys without bpffs, a capture goes on unpinned, saying
# so in one line that names the fix; `attach`, which needs pins, refuses.
check_no_bpffs() {
	xs_topology || return 1
	spawn_ready nb "$NS_A" "a capture without bpffs" ip netns exec "$NS_A" "$XDPSPY" -i "$IF_A" \
		-n -l -Q in || return 1
	marker 40420
	expect_line nb '\.40420: UDP' "a packet captured without bpffs"
	[[ $(grep -c 'no bpffs at /sys/fs/bpf (`ip netns exec` hides it: use nsenter' "$XS_WORK/nb.err") == 1 ]] &&
		ck_info "$(grep 'bpffs' "$XS_WORK/nb.err")" ||
		ck_fail "no single line naming the missing bpffs and the fix"
	stop_xdpspy nb INT
	spawn st "$NS_A" ip netns exec "$NS_A" "$XDPSPY" attach "$IF_A"
	expect_exit "$SPAWN_PID" 1 "attach without bpffs" "$XS_WORK/st.err" 'no bpffs at /sys/fs/bpf.*nsenter'
	expect_clean "$NS_A" "$IF_A" "after attach without bpffs"
}

# -v says what tcpdump's -v says and nothing of libbpf's: the kernel's answers to the queries
# xdpspy expects to fail (no clsact qdisc yet) stay quiet.
check_verbose_quiet() {
	xs_topology || return 1
	start_xdpspy vq "$NS_A" "$IF_A" -n -l -v || return 1
	stop_xdpspy vq INT
	grep -v -E '^(xdpspy: |listening on |[0-9]+ packets? )' "$XS_WORK/vq.err" |
		grep -q . && ck_fail "-v: stderr lines of no known kind: $(grep -v -E '^(xdpspy: |listening on |[0-9]+ packets? )' "$XS_WORK/vq.err" | head -3)"
	grep -qi 'libbpf' "$XS_WORK/vq.err" && ck_fail "-v: libbpf speaks: $(grep -i libbpf "$XS_WORK/vq.err" | head -2)"
	ck_info "-v: $(wc -l <"$XS_WORK/vq.err") stderr lines, none from libbpf"
}

# -Z nobody: once attached, xdpspy runs as nobody with no capability at all; events keep
# coming, SIGINT still detaches everything (the links close with their fds). Also over the
# hooks of `xdpspy attach`, which it gives back; and an unknown user changes nothing.
check_drop_privs() {
	local st id
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l -Z nobody || return 1
	st=$(grep -E '^(Uid|Gid|CapPrm|CapEff):' "/proc/$XPID/status" | tr -s '\t' ' ' | tr '\n' ';')
	ck_info "after attaching: $st"
	[[ $st == *"Uid: 65534 65534 65534 65534;"* && $st == *"CapPrm: 0000000000000000;"* &&
		$st == *"CapEff: 0000000000000000;"* ]] || ck_fail "-Z nobody: still privileged: $st"
	grep -q 'not pinned' "$XS_WORK/xd.err" || ck_fail "no word about the counters it did not pin"
	marker 40801
	expect_line xd '\.40801: UDP' "a packet captured as nobody"
	stop_xdpspy xd INT
	expect_clean "$NS_A" "$IF_A" "-Z nobody after SIGINT"

	run_status 1 "-Z no such user" "$XDPSPY" -i "$IF_A" -n -Z xs-no-such-user
	grep -q "Couldn't find user 'xs-no-such-user'" "$XS_WORK/st.err" || ck_fail "no tcpdump's message for an unknown user"

	# At XDP, where its program has an id to compare (auto would take TC on a veth).
	in_ns "$NS_A" "$XDPSPY" attach "$IF_A" --hook xdp >/dev/null 2>&1 || ck_fail "xdpspy attach"
	id=$(xdp_prog_id "$NS_A" "$IF_A")
	[[ -n $id ]] || ck_fail "attach --hook xdp: no XDP program"
	start_xdpspy xd2 "$NS_A" "$IF_A" -n -l -Z nobody || return 1
	marker 40802
	expect_line xd2 '\.40802: UDP' "a packet captured as nobody over attach's hooks"
	stop_xdpspy xd2 INT
	[[ $(xdp_prog_id "$NS_A" "$IF_A") == "$id" ]] && ck_info "attach's program $id is back on $IF_A" ||
		ck_fail "attach's program $id not given back (now '$(xdp_prog_id "$NS_A" "$IF_A")')"
	in_ns "$NS_A" "$XDPSPY" detach "$IF_A" >/dev/null || ck_fail "xdpspy detach"
	expect_clean "$NS_A" "$IF_A" "after detach"
}

# run_status WANT WHAT CMD...: CMD (in NS_A) must exit WANT within EXIT_MS_MAX.
run_status() {
	local want=$1 what=$2
	shift 2
	spawn st "$NS_A" "$@"
	expect_exit "$SPAWN_PID" "$want" "$what" "$XS_WORK/st.err"
	expect_clean "$NS_A" "$IF_A" "$what"
}

check_exit_codes() {
	xs_topology || return 1
	run_status 1 "-Q sideways" "$XDPSPY" -i "$IF_A" -n -Q sideways
	run_status 1 "--tc-mode foo" "$XDPSPY" -i "$IF_A" -n --tc-mode foo
	run_status 1 "--mode foo" "$XDPSPY" -i "$IF_A" -n --mode foo
	run_status 1 "no such interface" "$XDPSPY" -i xsnosuch0 -n
	# No capabilities at all: as root, exec gives exactly the bounding set.
	run_status 4 "no capabilities" setpriv --bounding-set -all --inh-caps -all \
		"$XDPSPY" -i "$IF_A" -n
	grep -q 'CAP_BPF' "$XS_WORK/st.err" || ck_fail "no capabilities: CAP_BPF not named"
}

# --- driver ------------------------------------------------------------------------------------

CHECKS=(
	flood_tiny_ring flood_memory flood_paced stalled_reader head
	malformed
	down_up iface_deleted nonroot_caps pin_trust no_bpffs verbose_quiet drop_privs exit_codes
)

main "$@"
