#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# End-to-end tests of live capture (`make test-live`, as root): xdpspy on one end of a veth pair
# between two private namespaces, against tcpdump on the same interface, under signals, kill -9,
# a foreign XDP program, a second xdpspy. Every check builds its own namespaces and removes
# them, and whatever it started, also when it fails or is interrupted. Faults (floods, stalled
# readers, malformed frames, privileges) are tests/faults.sh's.
# Usage: tests/live.sh [CHECK...] (default: all, see CHECKS); XDPSPY=path tests another binary,
# XS_KEEP=1 keeps every check's outputs (a failed check's are always kept).
set -u
SUITE=live
. "$(dirname "${BASH_SOURCE[0]}")/live_lib.sh"

# --- 1. tcpdump and xdpspy, side by side ------------------------------------------------------

# tcp_lines FILE: the TCP lines, time stamp column removed; with DUMP=1 each whole record
# (the -v line before it, the -X dump lines after it).
tcp_lines() {
	if [[ -n ${DUMP:-} ]]; then
		awk '/^[0-9]+\.[0-9]+ / { if (tcp) printf "%s", rec; rec = ""; tcp = 0 }
			{ rec = rec $0 "\n"; if (/Flags \[/) tcp = 1 }
			END { if (tcp) printf "%s", rec }' "$1" | sed -E 's/^[0-9]+\.[0-9]+ //'
	else
		grep -E 'Flags \[' "$1" | sed -E 's/^[0-9]+\.[0-9]+ //'
	fi
}

# compare_with_tcpdump XDPSPY_EXTRA FLAGS...: both on IF_A with FLAGS (xdpspy adds
# XDPSPY_EXTRA), real IPv4 and IPv6 conversations from NS_B, then the TCP lines of both must be
# identical and in the same order. With LOOPBACK=1, both capture on NS_A's lo instead, and the
# conversations stay inside NS_A.
compare_with_tcpdump() {
	local extra=$1 in=tc eg=tcx tdpid n dev a4 a6 cns mark_to
	shift
	xs_topology || {
		ck_fail "topology"
		return 1
	}
	dev=$IF_A a4=$IP4_A a6=$IP6_A cns=$NS_B mark_to=$IP4_A
	if [[ -n ${MTU:-} ]]; then
		ip -n "$NS_A" link set dev "$IF_A" mtu "$MTU" && ip -n "$NS_B" link set dev "$IF_B" mtu "$MTU" ||
			{
				ck_fail "cannot set MTU $MTU"
				return 1
			}
	fi
	[[ $extra == *"--hook xdp"* ]] && in=xdp
	[[ $extra == *clsact* ]] && eg=clsact && [[ $in == tc ]] && in=clsact
	[[ " $* " == *" -Q in "* ]] && eg=none
	if [[ -n ${LOOPBACK:-} ]]; then
		dev=lo a4=127.0.0.1 a6=::1 cns=$NS_A mark_to=127.0.0.1 eg=none
	fi
	[[ -n ${GRO:-} ]] && { gro_on "$NS_A" "$IF_A" && gro_on "$NS_B" "$IF_B" || return 1; }
	[[ -n ${SEG:-} ]] && { seg_offload "$NS_A" "$IF_A" "$SEG" && seg_offload "$NS_B" "$IF_B" "$SEG" ||
		return 1; }
	[[ -n ${FOREIGN:-} ]] && { attach_foreign "$FOREIGN" || return 1; }
	# tcpdump first: xdpspy must not disturb what it sees.
	start_tcpdump "$NS_A" "$dev" "${SEG:-}" "$@" || return 1
	tdpid=$TDPID
	# shellcheck disable=SC2086
	start_xdpspy xd "$NS_A" "$dev" "$@" $extra || return 1
	record_attached "$NS_A" "$dev" "$in+$eg"
	[[ $extra == *generic* ]] && { ip -n "$NS_A" link show dev "$dev" | grep -qw xdpgeneric ||
		ck_fail "--mode generic: $dev does not show xdpgeneric"; }
	start_servers "$a4" "$a6" || return 1
	conversations "$cns" "$a4" "$a6"
	# SEG_THEN: the devices' offloads switched mid-capture, and the conversations again.
	if [[ -n ${SEG_THEN:-} ]]; then
		seg_offload "$NS_A" "$IF_A" "$SEG_THEN" && seg_offload "$NS_B" "$IF_B" "$SEG_THEN" &&
			start_servers "$a4" "$a6" || return 1
		conversations "$cns" "$a4" "$a6"
	fi
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

# gro_on NS IF: GRO and segmentation offloads on, as on a real server: segments of up to 64 KiB
# leave, and received ones are merged before the TC hook and tcpdump's tap.
gro_on() {
	local f
	ip -n "$1" link set dev "$2" gso_max_segs 65535 || return 1
	for f in gro gso tso tx rx sg; do
		in_ns "$1" ethtool -K "$2" "$f" on >/dev/null 2>&1
	done
	in_ns "$1" ethtool -k "$2" | grep -q '^generic-receive-offload: on' || {
		ck_fail "cannot turn GRO on on $2"
		return 1
	}
}

# seg_offload NS IF tso|gso|gso-nocsum: multi-segment TCP sends (gso_max_segs back to its
# default), with the checksum offloaded; tso: the device takes them whole (TSO, as a NIC or a
# default veth); gso: it lacks TSO, so the kernel segments them in software after the egress
# hook, before tcpdump's tap (as on many virtual and tunnel devices); gso-nocsum: nor checksum
# offload, so the kernel completes the checksums there too. GRO stays off: received segments
# are not merged again.
seg_offload() {
	local f tso=off tx=on
	[[ $3 == tso ]] && tso=on
	[[ $3 == gso-nocsum ]] && tx=off # and so no TSO: the checksums complete in software too
	ip -n "$1" link set dev "$2" gso_max_segs 65535 || return 1
	for f in sg gso; do
		in_ns "$1" ethtool -K "$2" "$f" on >/dev/null 2>&1
	done
	in_ns "$1" ethtool -K "$2" tx "$tx" >/dev/null 2>&1
	in_ns "$1" ethtool -K "$2" tso "$tso" >/dev/null 2>&1
	in_ns "$1" ethtool -k "$2" | grep -q "^tcp-segmentation-offload: $tso" &&
		in_ns "$1" ethtool -k "$2" | grep -q '^generic-segmentation-offload: on' || {
		ck_fail "cannot set TSO $tso, GSO on on $2"
		return 1
	}
}

# The default: on a veth, ingress at TC (XDP there would turn the peer's TSO off).
check_tcp_tcx() {
	compare_with_tcpdump "" -n -tt || return 1
	grep -q "^xdpspy: $IF_A: ingress at TC: XDP on a veth turns its peer's segmentation offload off$" \
		"$XS_WORK/xd.err" || ck_fail "no line saying which hook and why: $(grep ingress "$XS_WORK/xd.err")"
}
# The XDP hook, forced.
check_tcp_xdp() { compare_with_tcpdump "--hook xdp" -n -tt; }
# GRO and TSO on at both ends, as on a real server: the TC hooks see merged segments and 64 KiB
# sends, as tcpdump does; the lines must be tcpdump's.
check_tcp_gro() {
	GRO=1 SIZES=1:1,100:1000,20000:60000,3000:20,0:1 compare_with_tcpdump "" -n -tt || return 1
	grep -qE 'length ([3-9][0-9]{3}|[1-9][0-9]{4})$' "$XS_WORK/xd.out" &&
		ck_info "merged or offloaded segments: $(grep -cE 'length [0-9]{4,}$' "$XS_WORK/xd.out") lines of over 999 bytes" ||
		ck_fail "no segment longer than an MTU: GRO/TSO did not happen, the check proves nothing"
}
# Sends of several segments, both ways, IPv4 and IPv6. TSO off: the egress hook sees each send
# whole and the kernel then segments it in software, where tcpdump taps; xdpspy must print the
# segments tcpdump prints (seq ranges, lengths, flags). TSO on: the send leaves whole, and both
# print it as one line.
GSO_SIZES=1:1,100:1000,1400:3000,3000:20,20000:60000,7000:4000,0:1
check_tcp_gso_sw() {
	SEG=gso SIZES=$GSO_SIZES MIN_LINES=60 compare_with_tcpdump "" -n -tt || return 1
	gso_seen
}
check_tcp_gso_hw() {
	SEG=tso SIZES=$GSO_SIZES compare_with_tcpdump "" -n -tt || return 1
	grep -qE "^[0-9.]+ IP $IP4_A\.$PORT4 > .*length ([3-9][0-9]{3}|[1-9][0-9]{4})$" "$XS_WORK/xd.out" &&
		ck_info "sends offloaded whole: $(grep -cE 'length [0-9]{4,}$' "$XS_WORK/xd.out") lines of over 999 bytes" ||
		ck_fail "no send longer than an MTU: TSO did not happen, the check proves nothing"
}
# -v and -X: each segment's IPv4 ID, lengths and header checksum, its TCP checksum (the partial
# one the device is left to complete, "incorrect" to tcpdump) and its bytes.
check_tcp_gso_sw_verbose() {
	DUMP=1 SEG=gso SIZES=$GSO_SIZES MIN_LINES=60 compare_with_tcpdump "" -n -tt -v || return 1
	gso_seen
}
check_tcp_gso_sw_dump() {
	DUMP=1 SEG=gso SIZES=$GSO_SIZES MIN_LINES=60 compare_with_tcpdump "" -n -tt -X || return 1
	gso_seen
}
# A filter expression on segmented sends: tcpdump runs it on each segment. The kernel's verdict
# on the whole send holds for every segment when the program reads nothing a segment changes
# (ports, hosts); else each segment goes through it in user space: PSH only on the last, the
# lengths, payload bytes at a segment's own offsets (tcp[1460]: in IPv4's full segments, past
# the end of IPv6's, in both sends whole). Received = captured + dropped throughout.
check_tcp_gso_filters() {
	local e
	for e in "port $PORT4 or udp port $MARK_PORT" \
		"udp port $MARK_PORT or tcp[tcpflags] & tcp-push != 0" \
		"udp or len < 1000" \
		"udp port $MARK_PORT or tcp[((tcp[12:1] & 0xf0) >> 2):1] = 0x72" \
		"udp port $MARK_PORT or tcp[1460] = 0x72"; do
		ck_info "expression: $e"
		SEG=gso SIZES=$GSO_SIZES MIN_LINES=10 compare_with_tcpdump "" -n -tt "$e" || return 1
	done
}
# TSO switched off mid-capture: the egress hook follows the device's features send by send
# (read per packet in the kernel), so the sends before print whole and those after as their
# segments, as tcpdump prints them.
check_tcp_gso_switch() {
	SEG=tso SEG_THEN=gso SIZES=$GSO_SIZES MIN_LINES=100 compare_with_tcpdump "" -n -tt || return 1
	local whole segs
	whole=$(grep -cE "($IP4_A\.$PORT4|$IP6_A\.$PORT6) > .*length [0-9]{5}$" "$XS_WORK/xd.out")
	segs=$(grep -cE "($IP4_A\.$PORT4|$IP6_A\.$PORT6) > .*length 1(448|428)$" "$XS_WORK/xd.out")
	((whole > 0 && segs >= 20)) && ck_info "$whole sends whole, then $segs full-sized segments" ||
		ck_fail "want sends whole and then segmented: $whole of 10000+ bytes, $segs segments"
}
# -w: the file holds the segments, bytes and all: tcpdump reading it prints what tcpdump printed
# live (and --print, what xdpspy printed).
check_tcp_gso_write() {
	DUMP=1 SEG=gso SIZES=$GSO_SIZES MIN_LINES=60 \
		compare_with_tcpdump "-w $XS_WORK/xd.pcap --print" -n -tt -X || return 1
	tcpdump -r "$XS_WORK/xd.pcap" -n -tt -X >"$XS_WORK/file.out" 2>"$XS_WORK/file.err" ||
		ck_fail "tcpdump -r: $(head -2 "$XS_WORK/file.err")"
	DUMP=1 tcp_lines "$XS_WORK/file.out" >"$XS_WORK/file.tcp"
	cmp -s "$XS_WORK/td.tcp" "$XS_WORK/file.tcp" &&
		ck_info "tcpdump -r of the file: $(wc -l <"$XS_WORK/file.tcp") lines, as tcpdump's live" || {
		ck_fail "tcpdump -r of the file differs from tcpdump's live lines:"
		diff -u "$XS_WORK/td.tcp" "$XS_WORK/file.tcp" | sed -n '3,20p' | sed 's/^/    /'
	}
}
# -c N stops after N segments, as tcpdump's -c does, also in the middle of a send: sends of
# 60000 bytes (first a 10-segment one), egress only, -c 4.
check_tcp_gso_count() {
	local tdpid n=4 last next
	xs_topology || return 1
	seg_offload "$NS_A" "$IF_A" gso && seg_offload "$NS_B" "$IF_B" gso || return 1
	spawn td "$NS_A" tcpdump -i "$IF_A" --immediate-mode -l -B 32768 -n -tt -Q out
	tdpid=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td.err" 'listening on' || {
		ck_fail "tcpdump did not start"
		return 1
	}
	start_xdpspy xd "$NS_A" "$IF_A" -n -tt -Q out -c "$n" || return 1
	start_servers "$IP4_A" "$IP6_A" || return 1
	SIZES=0:60000 conversations "$NS_B" "$IP4_A" "$IP6_A"
	peer "$NS_A" udp --to "$IP4_B" --port "$MARK_PORT" --count 1 2>/dev/null
	wait_until 5000 file_has "$XS_WORK/td.out" "\.$MARK_PORT: UDP" || ck_fail "tcpdump did not see the marker"
	kill -INT "$tdpid"
	wait_exit "$tdpid" "$EXIT_MS_MAX" || ck_fail "tcpdump did not exit"
	if wait_exit "$XPID" 5000; then
		[[ $EXIT_RC == 0 ]] || ck_fail "-c $n: exit status $EXIT_RC"
	else
		ck_fail "-c $n: still running"
		stop_pid "$XPID"
	fi
	closing_counts xd && [[ $CAP == "$n" && $(out_lines xd) == "$n" ]] ||
		ck_fail "-c $n: '$CAP packets captured', $(out_lines xd) lines printed"
	tcp_lines "$XS_WORK/td.out" | head -n "$n" >"$XS_WORK/td.tcp"
	tcp_lines "$XS_WORK/xd.out" >"$XS_WORK/xd.tcp"
	cmp -s "$XS_WORK/td.tcp" "$XS_WORK/xd.tcp" && ck_info "-c $n: tcpdump's first $n lines" || {
		ck_fail "-c $n: lines differ from tcpdump's first $n:"
		diff -u "$XS_WORK/td.tcp" "$XS_WORK/xd.tcp" | sed -n '3,20p' | sed 's/^/    /'
	}
	# The send goes on past the last line printed: its next segment starts where it ends.
	last=$(sed -nE 's/.*Flags \[\.\], seq [0-9]+:([0-9]+),.*/\1/p' "$XS_WORK/td.tcp" | tail -1)
	next=$(tcp_lines "$XS_WORK/td.out" | sed -n "$((n + 1))p" | sed -nE 's/.*, seq ([0-9]+):.*/\1/p')
	[[ -n $last && $last == "$next" ]] && ck_info "stopped inside a send (the next segment: seq $next)" ||
		ck_fail "line $n is not inside a send (seq end '$last', next start '$next'): the check proves nothing"
	expect_clean "$NS_A" "$IF_A" "after -c $n"
}
# No checksum offload either: every segment's checksum, and every other send's, completed in
# software after the egress hook; -v's verdicts and -X's bytes as tcpdump shows them.
check_tcp_gso_nocsum() {
	DUMP=1 SEG=gso-nocsum SIZES=$GSO_SIZES MIN_LINES=60 compare_with_tcpdump "" -n -tt -v -X ||
		return 1
	gso_seen
	grep -c 'incorrect' "$XS_WORK/xd.out" | grep -qx 0 && ck_info "every TCP checksum correct" ||
		ck_fail "$(grep -c incorrect "$XS_WORK/xd.out") checksums incorrect"
}
# gso_seen: the segmented sends showed (sends of 2 segments and more from IF_A, cut at 1448).
gso_seen() {
	local n
	n=$(grep -cE "($IP4_A\.$PORT4|$IP6_A\.$PORT6) > .*length 1(448|428)$" "$XS_WORK/xd.out")
	((n >= 20)) && ck_info "$n full-sized segments from $IF_A's sends" ||
		ck_fail "only $n full-sized segments from $IF_A: no segmentation, the check proves nothing"
	grep -qE 'length [2-9][0-9]{3}$|length [1-9][0-9]{4}$' "$XS_WORK/xd.out" &&
		ck_fail "a line longer than the MTU: a send printed whole"
	return 0
}

# XDP forced where GRO is on: a notice that its lines may differ, naming --hook tc.
check_xdp_gro_notice() {
	xs_topology || return 1
	gro_on "$NS_A" "$IF_A" || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l --hook xdp || return 1
	record_attached "$NS_A" "$IF_A" xdp+tcx
	grep -q "ingress at XDP: --hook xdp (GRO is on: .*; --hook tc prints what tcpdump prints)" \
		"$XS_WORK/xd.err" && ck_info "$(grep 'ingress at' "$XS_WORK/xd.err")" ||
		ck_fail "no notice that XDP and tcpdump disagree with GRO on"
	stop_xdpspy xd INT
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}
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
check_tcp_dump_xdp() { DUMP=1 MIN_LINES=16 compare_with_tcpdump "--hook xdp" -n -tt -X -Q in; }
# -X: the kernel copies whole frames into the events; the records, dumps included, must be
# tcpdump's, and the conversations' payload ('q' requests, 'r' responses) must show. Both
# ways: a local send's TCP checksum is still the stack's partial one at the egress hook, and
# this veth (no checksum offload) completes it in software after that hook, before tcpdump's
# tap; xdpspy completes it as the kernel does (user/csum_sw.c).
check_tcp_dump() {
	DUMP=1 MIN_LINES=32 compare_with_tcpdump "" -n -tt -X || return 1
	grep -qE '^	0x[0-9a-f]{4}:  7171 7171 7171 7171 7171 7171 7171 7171  q{16}$' "$XS_WORK/xd.out" &&
		ck_info "the requests' payload shows in the dumps" || ck_fail "no payload dump lines"
}
# MTU 9000: frames larger than a page reach XDP as multi-buffer frames (the program is
# xdp.frags); their lines and dumps, payload from every fragment included, must be tcpdump's.
check_tcp_jumbo() {
	DUMP=1 MIN_LINES=16 MTU=9000 SIZES=1:1,8000:8900,8948:20,0:1 \
		compare_with_tcpdump "--hook xdp" -n -tt -X -Q in || return 1
	grep -qE '^[0-9.]+ IP6? .*length 89[0-9][0-9]$' "$XS_WORK/xd.out" &&
		ck_info "jumbo segments: $(grep -cE 'length [0-9]{4}$' "$XS_WORK/xd.out") lines of over 999 bytes" ||
		ck_fail "no segment of 8900 bytes or more"
	grep -qE '^	0x2300:  ' "$XS_WORK/xd.out" && ck_info "dumps reach 0x2300 (past the first page)" ||
		ck_fail "no dump line at offset 0x2300"
}
# Both directions at MTU 9000: the egress hook's jumbo sends too.
check_tcp_jumbo_inout() {
	MTU=9000 SIZES=1:1,8000:8900,8948:20,0:1 compare_with_tcpdump "" -n -tt || return 1
	grep -qE "^[0-9.]+ IP $IP4_A\.$PORT4 > .*length 8900$" "$XS_WORK/xd.out" &&
		ck_info "an 8900-byte send seen at the egress hook" || ck_fail "no 8900-byte send from $IP4_A"
}
check_tcp_abs_seq() { compare_with_tcpdump "" -n -tt -S; }
check_tcp_ether() { compare_with_tcpdump "" -n -tt -e; }
check_tcp_generic() { compare_with_tcpdump "--hook xdp --mode generic" -n -tt; }
# On lo only the ingress hook goes in (at TC: lo has no native XDP), and each packet must still
# come out once, as in tcpdump.
check_tcp_loopback() { LOOPBACK=1 compare_with_tcpdump "" -n -tt; }

# VLAN tags the skb holds in its metadata, at both TC hooks: received tagged frames (the stack
# takes the outer tag out of the bytes) and sends tagged on the way out by a TC program (as a
# VLAN device or a NIC's offload would); tcpdump's -e lines and filters must be ours, with the
# tags put back as libpcap puts them back.
check_vlan_metadata() {
	local f n=0
	xs_topology || return 1
	cat >"$XS_WORK/push.c" <<'EOF'
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
static long (*vlan_push)(void *skb, __u16 proto, __u16 tci) = (void *)BPF_FUNC_skb_vlan_push;
__attribute__((section("tc"), used)) int push(struct __sk_buff *skb)
{
	if (skb->protocol == __builtin_bswap16(0x0800))
		vlan_push(skb, __builtin_bswap16(0x8100), 300);
	return TC_ACT_UNSPEC; /* the next filter (xdpspy's) runs too */
}
char _license[] __attribute__((section("license"), used)) = "GPL";
EOF
	clang -O2 -target bpf -I"/usr/include/$(cc -dumpmachine)" -c "$XS_WORK/push.c" 		-o "$XS_WORK/push.o" || {
		ck_fail "cannot build the VLAN pusher"
		return 1
	}
	# Ahead of xdpspy's clsact filters (priority 1 runs first), so both taps see the tag.
	tc -n "$NS_A" qdisc add dev "$IF_A" clsact &&
		tc -n "$NS_A" filter add dev "$IF_A" egress prio 1 bpf da obj "$XS_WORK/push.o" sec tc ||
		{
			ck_fail "cannot attach the VLAN pusher"
			return 1
		}
	for f in "" "vlan 100" "vlan 300" "tcp" "vlan and tcp" "vlan 100 and vlan 200" "udp"; do
		n=$((n + 1))
		spawn td$n "$NS_A" tcpdump -i "$IF_A" --immediate-mode -l -n -e $f
		wait_until 10000 file_has "$XS_WORK/td$n.err" '^listening on' || {
			ck_fail "tcpdump did not start"
			return 1
		}
		local tdpid=$SPAWN_PID
		# shellcheck disable=SC2086
		start_xdpspy xd$n "$NS_A" "$IF_A" -n -l -e --tc-mode clsact $f || return 1
		in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" vlan_syn=1 vlan_udp=1 qinq_syn=1 syn=1
		# The barrier: a datagram out of IF_A (tagged there), after the frames came in. NS_B
		# drops it (it has no VLAN 300): no reply muddles the lines.
		peer "$NS_A" udp --to "$IP4_B" --port $((40800 + n)) --count 1 2>/dev/null
		wait_until 5000 file_has "$XS_WORK/td$n.out" "\.$((40800 + n)): UDP" ||
			[[ -n $f ]] || ck_fail "tcpdump did not see the barrier"
		sleep 0.2 # filtered runs have no barrier line to wait for: let the last frame land
		stop_xdpspy xd$n INT
		kill -INT "$tdpid"
		wait_exit "$tdpid" "$EXIT_MS_MAX"
		# (tcpdump ends its output with an empty line when interrupted)
		sed '/^$/d; s/^[^ ]* //' "$XS_WORK/td$n.out" >"$XS_WORK/td$n.lines"
		sed 's/^[^ ]* //' "$XS_WORK/xd$n.out" >"$XS_WORK/xd$n.lines"
		if cmp -s "$XS_WORK/td$n.lines" "$XS_WORK/xd$n.lines"; then
			ck_info "filter '${f:-(none)}': $(wc -l <"$XS_WORK/xd$n.lines") lines identical to tcpdump's"
		else
			ck_fail "filter '${f:-(none)}': lines differ from tcpdump's:"
			diff "$XS_WORK/td$n.lines" "$XS_WORK/xd$n.lines" | head -12 | sed 's/^/    /'
		fi
	done
	tc -n "$NS_A" qdisc del dev "$IF_A" clsact
	grep -q 'vlan 300, p 0, ethertype IPv4' "$XS_WORK/xd1.out" || ck_fail "no send tagged at egress"
	grep -q 'vlan 100, p 0, ethertype 802.1Q (0x8100), vlan 200' "$XS_WORK/xd1.out" ||
		ck_fail "no received QinQ frame"
	expect_clean "$NS_A" "$IF_A" "after the VLAN checks"
}

# --- -i any --------------------------------------------------------------------------------------

# any_topology: xs_topology plus a second link between the namespaces (IF_A2 10.198.0.1 ⇄ IF_B2
# 10.198.0.2): with lo, three interfaces in NS_A.
any_topology() {
	xs_topology || return 1
	IF_A2=xc${IF_A#xa} IF_B2=xd${IF_B#xb}
	xs_link "$IF_A2" "$IF_B2" 10.198.0.1 10.198.0.2 fd00:198::1 fd00:198::2
}

# any_run NAME XDPSPY_EXTRA FLAGS...: -i any across three interfaces (two veths and lo) next to
# tcpdump -i any FLAGS: every line, in order, with the interface names and directions.
any_run() {
	local name=$1 extra=$2 tdpid
	shift 2
	spawn "td$name" "$NS_A" tcpdump -i any --immediate-mode -l "$@"
	tdpid=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td$name.err" '^listening on' || {
		ck_fail "tcpdump did not start"
		return 1
	}
	# shellcheck disable=SC2086
	start_xdpspy_any "$name" -l $extra "$@" || return 1
	start_servers "$IP4_A" "$IP6_A" || return 1
	SIZES=1:1,100:1000 conversations "$NS_B" "$IP4_A" "$IP6_A"
	peer "$NS_B" udp --to 10.198.0.1 --port 40901 --count 2 2>/dev/null
	peer "$NS_A" udp --to 127.0.0.1 --port 40902 --count 1 2>/dev/null
	marker "$MARK_PORT"
	wait_until 5000 file_has "$XS_WORK/td$name.out" "\\.$MARK_PORT: UDP" ||
		ck_fail "tcpdump did not see the marker"
	stop_both "$name" "$tdpid"
	# The reference must be whole: tcpdump's own socket can drop. Once more; if it drops again,
	# its lines must still be xdpspy's in order, but for at most the packets it lost.
	local lost
	lost=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel$/\1/p' "$XS_WORK/td$name.err")
	if [[ $lost != 0 ]] && ((${ANY_RETRY:-1})); then
		ck_info "tcpdump dropped packets ($(grep 'dropped by kernel' "$XS_WORK/td$name.err")): once more"
		ANY_RETRY=0 any_run "$name" "$extra" "$@"
		return
	fi
	if [[ $lost != 0 ]]; then
		lines_but_lost "td$name" "$name" "${lost:-0}" "-i any $*"
		return
	fi
	same_lines "td$name" "$name" "-i any $*"
}

# lines_but_lost TD XS N LABEL: tcpdump's socket dropped N packets: each of its lines is
# xdpspy's, in order, and xdpspy has at most N lines more.
lines_but_lost() {
	local more
	to_lines "$1" "$2"
	more=$(diff "$XS_WORK/$1.lines" "$XS_WORK/$2.lines" | grep -c '^>')
	if diff "$XS_WORK/$1.lines" "$XS_WORK/$2.lines" | grep -q '^<' || ((more > $3)); then
		ck_fail "$4: lines differ from tcpdump's beyond the $3 packets it dropped:"
		diff "$XS_WORK/$1.lines" "$XS_WORK/$2.lines" | head -12 | sed 's/^/    /'
	else
		ck_info "$4: tcpdump's $(wc -l <"$XS_WORK/$1.lines") lines all xdpspy's, in order; xdpspy has the $more more its socket dropped ($3)"
	fi
}

# start_xdpspy_any NAME ARGS...: xdpspy -i any ARGS in NS_A, until ready.
start_xdpspy_any() {
	local name=$1
	shift
	spawn_ready "$name" "$NS_A" "$name: xdpspy -i any" "$XDPSPY" -i any "$@"
}

# Then: the -w file (LINUX_SLL2), read by tcpdump in NS_A, says what was printed; -e and a
# filter expression (compiled for the cooked link type) the same as tcpdump's.
check_any() {
	local dev
	any_topology || return 1
	udp_sink "$NS_A" 40901 40902 "$MARK_PORT"
	any_run xa "-w $XS_WORK/any.pcap --print" -n || return 1
	for dev in "$IF_A" "$IF_A2" lo; do
		grep -qE "^[0-9:.]+ $dev +(In|Out) " "$XS_WORK/xa.out" ||
			ck_fail "no line for $dev with its direction"
	done
	grep -q "listening on any, link-type LINUX_SLL2 (Linux cooked v2)" "$XS_WORK/xa.err" ||
		ck_fail "no tcpdump's listening line for any"
	in_ns "$NS_A" tcpdump -n -r "$XS_WORK/any.pcap" 2>/dev/null >"$XS_WORK/xr.out"
	same_lines xr xa "tcpdump -r of the -i any file"
	PORT4=9001 PORT6=40011 any_run xe "" -n -e "udp or (tcp and host $IP6_B)" || return 1
	# Dumps: from the network layer, and (-XX) from the cooked header.
	PORT4=9002 PORT6=40012 any_run xx "" -n -X "udp" || return 1
	PORT4=9003 PORT6=40013 any_run xxx "" -n -XX "udp" || return 1
	for dev in "$IF_A" "$IF_A2" lo; do
		expect_clean "$NS_A" "$dev" "$dev after SIGINT"
	done
}

# Interfaces that come up while -i any runs are taken up; one deleted is dropped, the capture
# goes on; kill -9 leaves nothing on any of them, and the next run starts at once.
check_any_churn() {
	local t0
	any_topology || return 1
	start_xdpspy_any xa -n -l || return 1
	ip -n "$NS_A" link del "$IF_A2" || ck_fail "cannot delete $IF_A2"
	marker 40910
	expect_line xa '\.40910: UDP' "a packet on $IF_A after $IF_A2 went away"
	proc_alive "$XPID" || ck_fail "xdpspy -i any ended when an interface went away"
	IF_A3=xe${IF_A#xa} IF_B3=xf${IF_B#xb}
	xs_link "$IF_A3" "$IF_B3" 10.197.0.1 10.197.0.2 fd00:197::1 fd00:197::2 || return 1
	t0=$(now_ms)
	# Taken up within about a second (the capture looks once a second): send until it shows.
	until file_has "$XS_WORK/xa.out" "^[0-9:.]+ $IF_A3 +In .*\\.40911: UDP"; do
		(($(now_ms) - t0 < 5000)) || {
			ck_fail "$IF_A3 not captured 5 s after it came up"
			break
		}
		peer "$NS_B" udp --to 10.197.0.1 --port 40911 --count 1 2>/dev/null
		sleep 0.2 # a datagram every 200 ms until the new interface shows
	done
	ck_info "$IF_A3 captured $(($(now_ms) - t0)) ms after it came up"
	[[ -d $BPFFS_PINS/$IF_A3 ]] || ck_fail "no pins for $IF_A3"
	stop_xdpspy xa INT || return 1
	((REC == CAP + DROP)) || ck_fail "received $REC != captured $CAP + dropped $DROP"
	[[ ! -e $BPFFS_PINS/$IF_A2 ]] || ck_fail "pins left for the deleted $IF_A2"
	for dev in "$IF_A" "$IF_A3" lo; do
		expect_clean "$NS_A" "$dev" "$dev after SIGINT"
	done
	# kill -9: the links go with the process on every interface.
	start_xdpspy_any xk -n -l || return 1
	XLINKS=$(links_of_pid "$XPID" | awk '{ print $1 }')
	ck_info "$(wc -w <<<"$XLINKS") links on $IF_A, $IF_A3 and lo"
	kill -KILL "$XPID"
	wait_exit "$XPID" "$EXIT_MS_MAX" 2>/dev/null
	for dev in "$IF_A" "$IF_A3" lo; do
		wait_until "$CLEAN_MS_MAX" is_detached "$NS_A" "$dev" || ck_fail "$dev: attached after kill -9"
	done
	start_xdpspy_any xr -n -l || return 1
	grep -q 'removed pins left by an earlier xdpspy' "$XS_WORK/xr.err" ||
		ck_fail "restart did not remove the killed run's pins"
	stop_xdpspy xr INT
}

# --- 2. signals --------------------------------------------------------------------------------

# stop_by_signal SIG: mid-flood (so that packets keep coming until the hooks are gone), SIG must
# make xdpspy drain, print counts that add up exactly, exit 0 and detach.
stop_by_signal() {
	local sig=$1
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n || return 1
	ck_info "ready after $READY_MS ms"
	record_attached "$NS_A" "$IF_A" tc+tcx
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
	record_attached "$NS_A" "$IF_A" tc+tcx
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

# kill9_restart HOOK: kill -9 mid-flood with ingress at HOOK (tc or xdp); the links go with the
# process, and a new run starts at once.
kill9_restart() {
	local hook=$1 t0
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n --hook "$hook" || return 1
	record_attached "$NS_A" "$IF_A" "$hook+tcx"
	kill9_midflood xd
	t0=$KILL_T0
	if wait_until "$CLEAN_MS_MAX" is_detached "$NS_A" "$IF_A"; then
		ck_info "kill -9: the links gone $(($(now_ms) - t0)) ms after the kill"
	else
		ck_fail "kill -9: still attached after $CLEAN_MS_MAX ms:"
		leftovers "$NS_A" "$IF_A" | sed 's/^/    | /'
	fi
	# Pins outlive any process; the next start must find and remove them, and say so.
	local stale=0
	[[ -e $BPFFS_PINS/$IF_A ]] && stale=1
	# At once, flood still on: a new run attaches and works.
	start_xdpspy xd2 "$NS_A" "$IF_A" -n -l --hook "$hook" || {
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
	record_attached "$NS_A" "$IF_A" "$hook+tcx"
	stop_pid "$STREAM"
	marker 40201
	expect_line xd2 '\.40201: UDP' "restart: a packet after the flood"
	stop_xdpspy xd2 INT
	expect_clean "$NS_A" "$IF_A" "restart, after SIGINT"
}

check_kill9() { kill9_restart tc; }
check_kill9_xdp() { kill9_restart xdp; }

# kill -9 in clsact mode leaves the filters (nothing closes them); the next start on the
# interface, in mode MODE, must remove them with a notice and work.
clsact_leftover() {
	local mode=$1 old_in old_eg
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n --tc-mode clsact || return 1
	record_attached "$NS_A" "$IF_A" clsact+clsact
	old_in=$(ingress_filters "$NS_A" "$IF_A") old_eg=$(egress_filters "$NS_A" "$IF_A")
	kill9_midflood xd
	if [[ -n $(egress_filters "$NS_A" "$IF_A") && -n $(ingress_filters "$NS_A" "$IF_A") ]]; then
		ck_info "kill -9 left both clsact filters, as expected"
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
			ck_fail "restart: no notice about the clsact filters left by the killed run"
			ck_show "$XS_WORK/xd2.err"
		}
	if [[ $mode == clsact ]]; then
		record_attached "$NS_A" "$IF_A" clsact+clsact
		local dir now old
		for dir in ingress egress; do
			now=$("${dir}_filters" "$NS_A" "$IF_A")
			[[ $dir == ingress ]] && old=$old_in || old=$old_eg
			# One filter line per program (tc adds a header line per priority).
			if (($(grep -c 'direct-action' <<<"$now") != 1)) || [[ $now == "$old" ]]; then
				ck_fail "restart: want exactly one, new, $dir filter; tc shows:"
				sed 's/^/    | /' <<<"$now"
			fi
		done
	else
		record_attached "$NS_A" "$IF_A" tc+tcx
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

# A tiny XDP object, built here: the program's name is what xdpspy must quote; it counts the
# frames it sees, so that it can be shown to keep running.
build_foreign() {
	cat >"$XS_WORK/foreign.c" <<'EOF'
#include <linux/bpf.h>
unsigned long long seen;
__attribute__((section("xdp"), used)) int xs_foreign(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&seen, 1);
	return XDP_PASS;
}
char _license[] __attribute__((section("license"), used)) = "GPL";
EOF
	clang -O2 -g -target bpf -I"/usr/include/$(cc -dumpmachine)" \
		-c "$XS_WORK/foreign.c" -o "$XS_WORK/foreign.o"
}

# attach_foreign MODE: the foreign program on IF_A in MODE (ip's xdpdrv or xdpgeneric); sets
# FOREIGN_ID.
attach_foreign() {
	build_foreign || {
		ck_fail "cannot build the foreign XDP object"
		return 1
	}
	ip -n "$NS_A" link set dev "$IF_A" "$1" obj "$XS_WORK/foreign.o" sec xdp || {
		ck_fail "cannot attach the foreign program"
		return 1
	}
	FOREIGN_ID=$(xdp_prog_id "$NS_A" "$IF_A")
	ck_info "foreign program xs_foreign ($1) id $FOREIGN_ID"
}

# foreign_seen: the frames the foreign program has counted (its .bss).
foreign_seen() {
	local map
	map=$(bpftool prog show id "$FOREIGN_ID" -j | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["map_ids"][0])') &&
		bpftool map dump id "$map" -j | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["formatted"]["value"][".bss"][0]["seen"])'
}

foreign_seen_over() { (($(foreign_seen) > $1)); }

# foreign_unharmed BEFORE: the foreign program is still the one attached, and it still runs
# (its count grows past BEFORE with a new packet).
foreign_unharmed() {
	local id n
	id=$(xdp_prog_id "$NS_A" "$IF_A")
	[[ $id == "$FOREIGN_ID" ]] || ck_fail "the foreign program is gone or replaced (id '$FOREIGN_ID' -> '$id')"
	marker 40599
	wait_until 2000 foreign_seen_over "$1" || ck_fail "the foreign program no longer runs"
	n=$(foreign_seen)
	ck_info "the foreign program (id $id) still attached, $n frames counted"
}

# Beside a foreign XDP program, in driver or generic mode: ingress at TC, the program left
# alone (and still running), the lines tcpdump's.
foreign_beside() {
	FOREIGN=$1 compare_with_tcpdump "" -n -tt || return 1
	grep -q "ingress at TC: XDP program 'xs_foreign' (id $FOREIGN_ID) is attached there; xdpspy leaves it alone" \
		"$XS_WORK/xd.err" && ck_info "$(grep 'ingress at' "$XS_WORK/xd.err")" ||
		ck_fail "no line naming the foreign program and the hook taken"
	foreign_unharmed 0
	[[ ! -e $BPFFS_PINS/$IF_A ]] || ck_fail "pins left in $BPFFS_PINS/$IF_A"
}
check_foreign_xdp() { foreign_beside xdpdrv; }
check_foreign_xdp_generic() { foreign_beside xdpgeneric; }

# --hook xdp with a foreign XDP program there: refused (exit 3), naming it; nothing of ours
# left, the program unharmed.
check_foreign_xdp_forced() {
	local before
	xs_topology || return 1
	attach_foreign xdpdrv || return 1
	before=$(foreign_seen)
	spawn xd "$NS_A" "$XDPSPY" -i "$IF_A" -n --hook xdp --ready-file "$XS_WORK/xd.ready"
	expect_exit "$SPAWN_PID" 3 "--hook xdp beside a foreign program" "$XS_WORK/xd.err" \
		"XDP program 'xs_foreign' \\(id $FOREIGN_ID\\) is attached"
	[[ ! -e $XS_WORK/xd.ready ]] || ck_fail "the ready file was written"
	[[ -z $(egress_filters "$NS_A" "$IF_A")$(ingress_filters "$NS_A" "$IF_A") ]] || ck_fail "a tc filter was left"
	foreign_unharmed "$before"
}

# neighbours_seen: what the counting clsact filters on IF_A (both directions) have seen.
neighbours_seen() {
	local id m sum=0
	for id in $( (tc -n "$NS_A" filter show dev "$IF_A" ingress
		tc -n "$NS_A" filter show dev "$IF_A" egress) | sed -nE 's/.* id ([0-9]+) name xs_neighbour.*/\1/p'); do
		m=$(bpftool prog show id "$id" -j | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["map_ids"][0])')
		sum=$((sum + $(bpftool map dump id "$m" -j | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["formatted"]["value"][".bss"][0]["seen"])')))
	done
	echo "$sum"
}

# Another tool's TC programs (here clsact filters, which run after every TCX program) must see
# every packet while xdpspy captures: its TC programs say "not mine" (TC_ACT_UNSPEC), never
# "done" (TC_ACT_OK, which would end the hook there).
check_tc_neighbours() {
	local dir before after
	xs_topology || return 1
	cat >"$XS_WORK/count.c" <<'EOF'
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
unsigned long long seen;
__attribute__((section("tc"), used)) int xs_neighbour(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&seen, 1);
	return TC_ACT_UNSPEC;
}
char _license[] __attribute__((section("license"), used)) = "GPL";
EOF
	clang -O2 -g -target bpf -I"/usr/include/$(cc -dumpmachine)" -c "$XS_WORK/count.c" \
		-o "$XS_WORK/count.o" || {
		ck_fail "cannot build the neighbour"
		return 1
	}
	tc -n "$NS_A" qdisc add dev "$IF_A" clsact || return 1
	for dir in ingress egress; do
		tc -n "$NS_A" filter add dev "$IF_A" "$dir" prio 1 bpf da obj "$XS_WORK/count.o" sec tc ||
			{
				ck_fail "cannot attach the neighbour at $dir"
				return 1
			}
	done
	start_xdpspy xd "$NS_A" "$IF_A" -n -l || return 1
	before=$(neighbours_seen)
	start_servers "$IP4_A" "$IP6_A" || return 1
	SIZES=1:1,100:1000 conversations "$NS_B" "$IP4_A" "$IP6_A"
	marker 40850
	expect_line xd '\.40850: UDP' "the marker, after the conversation"
	after=$(neighbours_seen)
	stop_xdpspy xd INT
	# Every packet xdpspy printed (both directions) passed the neighbours too.
	if ((after - before >= CAP && CAP >= 10)); then
		ck_info "the neighbours counted $((after - before)) packets while xdpspy printed $CAP"
	else
		ck_fail "the neighbours counted $((after - before)) packets, xdpspy printed ${CAP:-?}: packets skipped them"
	fi
	tc -n "$NS_A" qdisc del dev "$IF_A" clsact
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# A second xdpspy on the same interface: exit 3, "already capturing", naming the first one's
# PID; the first one unharmed.
check_second_xdpspy() {
	local first
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -l || return 1
	first=$XPID
	record_attached "$NS_A" "$IF_A" tc+tcx
	spawn xd2 "$NS_A" "$XDPSPY" -i "$IF_A" -n --ready-file "$XS_WORK/xd2.ready"
	expect_exit "$SPAWN_PID" 3 "second xdpspy" "$XS_WORK/xd2.err" \
		"another xdpspy \\(pid $first, xdpspy\\) is already capturing here"
	XPID=$first
	marker 40500
	expect_line xd '\.40500: UDP' "first xdpspy, after the second one's refusal"
	stop_xdpspy xd INT
	expect_clean "$NS_A" "$IF_A" "after SIGINT"
}

# --- 5. -c -------------------------------------------------------------------------------------

check_count() {
	xs_topology || return 1
	start_xdpspy xd "$NS_A" "$IF_A" -n -c 3 || return 1
	record_attached "$NS_A" "$IF_A" tc+tcx
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

# --- 6. promiscuous mode ---------------------------------------------------------------------

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

# --- driver ------------------------------------------------------------------------------------

CHECKS=(
	tcp_tcx tcp_xdp tcp_gro tcp_gso_sw tcp_gso_hw tcp_gso_sw_verbose tcp_gso_sw_dump tcp_gso_nocsum
	tcp_gso_filters tcp_gso_count tcp_gso_write tcp_gso_switch xdp_gro_notice tcp_filtered tcp_dump tcp_dump_xdp tcp_jumbo
	tcp_jumbo_inout tcp_clsact tcp_abs_seq tcp_ether tcp_generic tcp_loopback vlan_metadata
	any any_churn
	sigint sigterm sighup sigint_inherited_ignore
	kill9 kill9_xdp kill9_clsact_restart_clsact kill9_clsact_restart_tcx
	foreign_xdp foreign_xdp_generic foreign_xdp_forced tc_neighbours second_xdpspy
	count promisc
)

main "$@"
