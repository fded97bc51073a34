#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The flow table and the detectors (`make test-flows`, as root): traffic with known answers in
# private namespaces, against what `xdpspy flows --json`, `stats`, `watch --json` and `top` (in
# tmux, as a person sees it) say. The answers come from elsewhere: the generator's own pcap,
# crafted frames (tests/flowgen.py), a relay with a known delay and known losses
# (tests/relay.py; this kernel has no netem) between real TCP peers.
# Usage: tests/flows.sh [CHECK...] (default: all); XS_KEEP=1 keeps every check's outputs.
set -u
SUITE=flows
. "$(dirname "${BASH_SOURCE[0]}")/live_lib.sh"

GEN=$XS_ROOT/build/bench/gen
MIX=$XS_ROOT/build/bench/mix.pcap
FLOWGEN=$XS_ROOT/tests/flowgen.py
CHECK=$XS_ROOT/tests/flows_check.py
RELAY=$XS_ROOT/tests/relay.py

# detach: what attach_flows attached, gone (a check that fails before leaves it to cleanup).
detach() { x "$NS_A" detach "$IF_A" || ck_fail "detach"; }

# x NS ARGS...: xdpspy in NS.
x() {
	local ns=$1
	shift
	in_ns "$ns" "$XDPSPY" "$@"
}

# flowgen SCENARIO [N] [PORT]: crafted frames to IF_A (tests/flowgen.py).
flowgen() { "$PYTHON" "$FLOWGEN" "$NS_A" "$IF_A" "$NS_B" "$IF_B" "$@"; }

# stat NAME: one counter of IF_A's.
stat() { x "$NS_A" stats "$IF_A" --json | "$PYTHON" -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# expect_stats NAME=VALUE...: IF_A's counters, exactly.
expect_stats() {
	local kv got all
	all=$(x "$NS_A" stats "$IF_A" --json)
	for kv in "$@"; do
		got=$("$PYTHON" -c "import json,sys; print(json.loads(sys.argv[1])['${kv%%=*}'])" "$all")
		[[ $got == "${kv#*=}" ]] || ck_fail "stats: ${kv%%=*} is $got, want ${kv#*=}"
	done
	ck_info "stats: $*"
}

rx_at_least() { (($(stat rx_packets) >= $1)); }

attach_flows() {
	x "$NS_A" attach "$IF_A" --flows "$@" >/dev/null 2>"$XS_WORK/attach.err" || {
		ck_fail "attach --flows $*: $(cat "$XS_WORK/attach.err")"
		return 1
	}
}

# --- exact counts ----------------------------------------------------------------------------

# The generator's mix over 384 flows, IPv4 and IPv6: every flow's packets and bytes, each way,
# as its own pcap of the same frames says.
check_exact() {
	local n=20000
	xs_topology && attach_flows || return 1
	"$GEN" -w "$XS_WORK/sent.pcap" -n "$n" -f 64 "$MIX" >/dev/null || return 1
	in_ns "$NS_B" "$GEN" -i "$IF_B" -n "$n" -f 64 -r 40000 "$MIX" >"$XS_WORK/gen.out" || return 1
	wait_until 5000 rx_at_least "$n" || ck_fail "the hook saw $(stat rx_packets) of $n frames"
	x "$NS_A" flows "$IF_A" --json >"$XS_WORK/flows.json" &&
		x "$NS_A" stats "$IF_A" --json >"$XS_WORK/stats.json" || return 1
	"$PYTHON" "$CHECK" pcap "$XS_WORK/sent.pcap" "$XS_WORK/flows.json" "$XS_WORK/stats.json" ||
		ck_fail "flows differ"
	expect_stats "rx_packets=$n"
	detach
}

# More flows than entries: the table keeps what it can, the newest among them, every count
# right.
check_lru() {
	xs_topology && attach_flows --flow-entries 1024 || return 1
	flowgen udpflows 3000 3 >"$XS_WORK/expect.jsonl" || return 1
	wait_until 5000 rx_at_least 9000 || ck_fail "the hook saw $(stat rx_packets) of 9000 frames"
	x "$NS_A" flows "$IF_A" --json >"$XS_WORK/flows.json" || return 1
	"$PYTHON" "$CHECK" lru "$XS_WORK/expect.jsonl" "$XS_WORK/flows.json" 1024 ||
		ck_fail "the full table"
	expect_stats flows=3000
	detach
}

# Zero windows and duplicate ACKs of crafted connections, exactly.
check_tcp_flags() {
	xs_topology && attach_flows || return 1
	flowgen zerowin 5 && flowgen dupack 4 || return 1
	wait_until 5000 rx_at_least 14 || ck_fail "the frames did not arrive"
	expect_stats handshakes=2 zero_windows=5 dup_acks=4 retransmits=0 out_of_order=0 flows=2
	detach
}

# --- a relayed connection: known delay, known losses ----------------------------------------

# relay_topology: client (NS_C, IF_C) -- (IF_RC) relay (IF_RS) -- (IF_S) server (NS_S).
relay_topology() {
	local id=$BASHPID ns dev
	NS_C=xs-c-$id NS_R=xs-r-$id NS_S=xs-s-$id
	IF_C=xc$id IF_RC=xq$id IF_RS=xp$id IF_S=xs$id
	IP_C=10.198.0.2 IP_S=10.198.0.1
	for ns in "$NS_C" "$NS_R" "$NS_S"; do
		ip netns add "$ns" || return 1
		XS_NETNS+=("$ns")
	done
	XS_PINDIRS+=("$BPFFS_PINS/$IF_C" "$BPFFS_PINS/$IF_S")
	ip -n "$NS_C" link add "$IF_C" numtxqueues 1 numrxqueues 1 type veth peer name "$IF_RC" \
		numtxqueues 1 numrxqueues 1 netns "$NS_R" || return 1
	ip -n "$NS_S" link add "$IF_S" numtxqueues 1 numrxqueues 1 type veth peer name "$IF_RS" \
		numtxqueues 1 numrxqueues 1 netns "$NS_R" || return 1
	for dev in "$NS_C:$IF_C" "$NS_R:$IF_RC" "$NS_R:$IF_RS" "$NS_S:$IF_S"; do
		xs_quiet_link "${dev%%:*}" "${dev#*:}" && xs_offloads_off "${dev%%:*}" "${dev#*:}" &&
			ip -n "${dev%%:*}" link set dev "${dev#*:}" up || return 1
	done
	in_ns "$NS_R" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip -n "$NS_C" addr add "$IP_C/24" dev "$IF_C" && ip -n "$NS_S" addr add "$IP_S/24" dev "$IF_S" &&
		ip -n "$NS_C" neigh replace "$IP_S" lladdr "$(xs_mac "$NS_S" "$IF_S")" dev "$IF_C" nud permanent &&
		ip -n "$NS_S" neigh replace "$IP_C" lladdr "$(xs_mac "$NS_C" "$IF_C")" dev "$IF_S" nud permanent ||
		return 1
	wait_until 5000 xs_link_up "$NS_C" "$IF_C" && wait_until 5000 xs_link_up "$NS_S" "$IF_S"
}

# both_ends_agree LOSSES: the server's end has seen every packet the client's sent, but those
# lost.
both_ends_agree() {
	x "$NS_C" flows "$IF_C" --json >"$XS_WORK/client.json" &&
		x "$NS_S" flows "$IF_S" --json >"$XS_WORK/server.json" &&
		"$PYTHON" - "$XS_WORK/client.json" "$XS_WORK/server.json" "$1" <<'EOF'
import json, sys
c, s = (json.load(open(p))["flows"] for p in sys.argv[1:3])
if len(c) != 1 or len(s) != 1:
    sys.exit(1)
c, s = c[0], s[0]
sys.exit(c["to_server"]["packets"] - int(sys.argv[3]) != s["to_server"]["packets"] or
         c["to_client"]["packets"] != s["to_client"]["packets"])
EOF
}

# 20 ms each way, three data segments lost: the handshake's round trip at both ends, and as
# many retransmissions as losses.
check_relay() {
	local delay=20 drops=20,50,80 ns
	relay_topology || {
		ck_fail "relay topology"
		return 1
	}
	for ns in "$NS_C:$IF_C" "$NS_S:$IF_S"; do
		x "${ns%%:*}" attach "${ns#*:}" --flows >/dev/null 2>>"$XS_WORK/attach.err" ||
			ck_fail "attach --flows ${ns#*:}: $(cat "$XS_WORK/attach.err")"
	done
	spawn relay "$NS_R" "$PYTHON" "$RELAY" "$IF_RC" "$IF_RS" --delay-ms "$delay" --drop "$drops" \
		--ready-file "$XS_WORK/relay.ready"
	local rp=$SPAWN_PID
	spawn_peer srv "$NS_S" server --bind "$IP_S" --port 9100 --ready-file "$XS_WORK/srv.ready"
	wait_until 5000 test -e "$XS_WORK/relay.ready" -a -e "$XS_WORK/srv.ready" || {
		ck_fail "the relay or the server did not start"
		ck_show "$XS_WORK/relay.err"
		return 1
	}
	peer "$NS_C" client --connect "$IP_S" --port 9100 --sizes 200000:1 || ck_fail "the client failed"
	# The client's last ACK is still in the relay when the client returns.
	wait_until 3000 both_ends_agree 3 || ck_fail "the two ends never agreed on the packets"
	stop_pid "$rp"
	ck_info "$(cat "$XS_WORK/relay.err")"
	x "$NS_C" flows "$IF_C" --json >"$XS_WORK/client.json" &&
		x "$NS_S" flows "$IF_S" --json >"$XS_WORK/server.json" || return 1
	"$PYTHON" "$CHECK" tcp "$XS_WORK/client.json" "$XS_WORK/server.json" 9100 "$delay" 10 3 ||
		ck_fail "the relayed connection"
	x "$NS_C" detach "$IF_C" && x "$NS_S" detach "$IF_S" || ck_fail "detach"
}

# --- detectors ---------------------------------------------------------------------------------

start_watch() {
	spawn watch "$NS_A" "$XDPSPY" watch -i "$IF_A" --json --interval 0.1
	WATCH=$SPAWN_PID
}

# A scan of 300 ports is one alarm; 300 connections to one port from one client none. Stealth
# segments, land and martian packets counted exactly; RSTs past the storm's rate an alarm.
check_scan() {
	xs_topology && attach_flows || return 1
	start_watch
	flowgen scan 300 && flowgen samevolume 300 && flowgen stealth 20 && flowgen land 5 &&
		flowgen martian 7 && flowgen rsts 600 || return 1
	wait_until 5000 rx_at_least 1299 || ck_fail "the frames did not arrive"
	wait_until 3000 file_lines_ge "$XS_WORK/watch.out" 6 || ck_fail "watch: under 6 lines"
	expect_stats port_scans=1 rst_storms=1 syn_floods=0 null_scan=20 fin_scan=20 xmas_scan=20 \
		synfin_scan=20 land=5 martian=14
	stop_pid "$WATCH"
	sed 's/^/    | /' "$XS_WORK/watch.out" | cut -c1-200
	"$PYTHON" "$CHECK" watch "$XS_WORK/watch.out" port_scan=10.201.0.66 rst_storm=10.201.0.55 \
		stealth_scan=10.201.0.88 land=10.199.0.1 martian=127.0.0.1 martian=224.0.0.9 \
		--not port_scan=10.201.0.77 port_scan=10.201.0.88 || ck_fail "watch"
	detach
}

# 3000 SYNs from 3000 sources to port 80 within a second are a SYN flood; as many completed
# handshakes to port 81 are not. The flood's alarm ends once it stops.
check_flood() {
	local text
	xs_topology && attach_flows || return 1
	start_watch
	# The same alarms as a person reads them.
	spawn watchtext "$NS_A" "$XDPSPY" watch -i "$IF_A" --interval 0.1
	text=$SPAWN_PID
	flowgen flood 3000 80 && flowgen handshakes 3000 81 || return 1
	wait_until 5000 rx_at_least 9000 || ck_fail "the frames did not arrive"
	wait_until 5000 file_has "$XS_WORK/watch.out" '"event":"end"' ||
		ck_fail "watch: the flood never ended"
	wait_until 2000 file_has "$XS_WORK/watchtext.out" 'end of SYN flood to 10.199.0.1.80' ||
		ck_fail "watch: no text line for the flood's end"
	expect_stats syn_floods=1 port_scans=0 handshakes=3000
	stop_pid "$WATCH"
	stop_pid "$text"
	sed 's/^/    | /' "$XS_WORK/watch.out" | cut -c1-200
	sed 's/^/    | /' "$XS_WORK/watchtext.out"
	grep -q ': SYN flood to 10.199.0.1.80: ' "$XS_WORK/watchtext.out" ||
		ck_fail "watch: no text line for the flood's start"
	! grep -q '10.199.0.1.81' "$XS_WORK/watchtext.out" || ck_fail "watch: port 81 flagged"
	"$PYTHON" "$CHECK" watch "$XS_WORK/watch.out" syn_flood=10.199.0.1.80 \
		--not syn_flood=10.199.0.1.81 || ck_fail "watch"
	"$PYTHON" - "$XS_WORK/watch.out" <<'EOF' || ck_fail "the flood's evidence"
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
s = next(x for x in w if x["alarm"] == "syn_flood" and x["event"] == "start")
e = next(x for x in w if x["alarm"] == "syn_flood" and x["event"] == "end")
assert s["completed_pct"] == 0 and s["syn_per_s"] >= 1000, s
assert 2550 <= e["sources"] <= 3450, e  # 3000 sources, linear counting within 15 %
assert e["count"] == 3000, e
print("  flood: start %.0f SYN/s, %.1f %% completed; peak %d sources (3000 sent), lasted %.1f s"
      % (s["syn_per_s"], s["completed_pct"], e["sources"], e["duration_s"]))
EOF
	detach
}

# --- what a person sees ------------------------------------------------------------------------

TMUX_SOCK=""
tmux_() { tmux -L "$TMUX_SOCK" "$@"; }
pane() { tmux_ capture-pane -p -t top 2>/dev/null; }
pane_has() { pane | grep -qE -- "$1"; }
# first_row: the first flow row on the screen.
first_row() { pane | awk '/CLIENT > SERVER/ { getline; print; exit }'; }
first_row_has() { first_row | grep -qF -- "$1"; }

# top in tmux: its header, the busiest flows sorted by a key given as an option and changed by
# a key press, q to quit; and on an interface where nothing is attached, its own attach, gone
# when it quits.
check_top() {
	command -v tmux >/dev/null || {
		ck_fail "tmux not installed (tests/deps.sh installs it)"
		return 1
	}
	xs_topology && attach_flows || return 1
	TMUX_SOCK=xs-flows-$BASHPID
	flowgen pair || return 1
	tmux_ new-session -d -s top -x 160 -y 30 \
		"nsenter --net=/run/netns/$NS_A $XDPSPY top -i $IF_A -s bytes -d 0.3" || return 1
	wait_until 5000 pane_has 'CLIENT > SERVER' || {
		ck_fail "top: no table on the screen"
		pane | sed 's/^/    | /'
		return 1
	}
	pane | sed 's/^/    | /' | head -12
	pane_has "^xdpspy top: $IF_A at [0-9:]+, 2 flows in the table \(65 536 at most\)" ||
		ck_fail "top: the header"
	pane_has '^alarms: none' || ck_fail "top: the alarms line"
	pane_has 'sorted by bytes' || ck_fail "top: the sort"
	first_row_has 10.205.0.2.3333 || ck_fail "top -s bytes: the big flow first: $(first_row)"
	tmux_ send-keys -t top k
	wait_until 3000 first_row_has 10.205.0.1.1111 || ck_fail "top, k: the many packets first: $(first_row)"
	pane_has 'sorted by packets' || ck_fail "top, k: the sort shown"
	tmux_ send-keys -t top q
	wait_until 3000 eval '! tmux -L "$TMUX_SOCK" has-session -t top 2>/dev/null' ||
		ck_fail "top: still running after q"
	# Nothing attached on IF_B: top attaches for itself, and leaves nothing when it quits.
	tmux_ new-session -d -s top -x 160 -y 30 \
		"nsenter --net=/run/netns/$NS_B $XDPSPY top -i $IF_B -d 0.3" || return 1
	wait_until 5000 pane_has 'attached while this runs' || ck_fail "top on IF_B: $(pane | head -3)"
	tmux_ send-keys -t top q
	wait_until 3000 eval '! tmux -L "$TMUX_SOCK" has-session -t top 2>/dev/null' ||
		ck_fail "top on IF_B: still running after q"
	wait_until 3000 is_clean "$NS_B" "$IF_B" || ck_fail "top on IF_B left: $(leftovers "$NS_B" "$IF_B")"
	tmux_ kill-server 2>/dev/null
	# Not a terminal: plain blocks, as many as -n says.
	x "$NS_A" top -i "$IF_A" -n 2 -d 0.2 -s packets >"$XS_WORK/plain.out" || ck_fail "top -n 2"
	[[ $(grep -c '^xdpspy top: ' "$XS_WORK/plain.out") == 2 ]] || ck_fail "top -n 2: want 2 blocks"
	[[ $(awk '/CLIENT > SERVER/ { getline; print; exit }' "$XS_WORK/plain.out") == *10.205.0.1.1111* ]] ||
		ck_fail "top -s packets: the order"
	# An expression picks flows by either end: one flow by its server's port, both by a host.
	x "$NS_A" top -i "$IF_A" -n 1 'udp port 4444' >"$XS_WORK/picked.out" || ck_fail "top 'udp port 4444'"
	grep -q '10.205.0.2.3333 > 10.199.0.1.4444' "$XS_WORK/picked.out" &&
		! grep -q '10.205.0.1.1111' "$XS_WORK/picked.out" || ck_fail "top 'udp port 4444': the flows"
	x "$NS_A" top -i "$IF_A" -n 1 'src host 10.199.0.1 and tcp' >"$XS_WORK/none.out" ||
		ck_fail "top 'src host 10.199.0.1 and tcp'"
	! grep -q '10.205.0' "$XS_WORK/none.out" || ck_fail "top 'src host .. and tcp': a UDP flow shown"
	detach
}

# A capture with --flows pins the table while it runs; one beside `attach --flows` borrows its
# table, which goes on counting.
check_capture() {
	xs_topology || return 1
	start_xdpspy cap "$NS_A" "$IF_A" -n --flows || return 1
	flowgen pair || return 1
	wait_until 3000 eval '[[ $(x "$NS_A" flows "$IF_A" --json | grep -o "\"proto\"" | wc -l) == 2 ]]' ||
		ck_fail "capture --flows: the table does not show 2 flows"
	x "$NS_A" list | grep -q "live capture, flow table" || ck_fail "list: $(x "$NS_A" list)"
	stop_xdpspy cap INT
	[[ ! -e $BPFFS_PINS/$IF_A ]] || ck_fail "capture --flows left its pins"
	attach_flows || return 1
	flowgen pair && wait_until 3000 rx_at_least 55 || return 1
	start_xdpspy cap2 "$NS_A" "$IF_A" -n || return 1
	flowgen pair && wait_until 3000 rx_at_least 110 || ck_fail "second pair"
	stop_xdpspy cap2 INT
	flowgen pair && wait_until 3000 rx_at_least 165 || ck_fail "third pair"
	x "$NS_A" flows "$IF_A" --json | "$PYTHON" -c '
import json, sys
f = {x["client"]: x["to_server"]["packets"] for x in json.load(sys.stdin)["flows"]}
assert f == {"10.205.0.1": 150, "10.205.0.2": 15}, f' || ck_fail "the borrowed table lost counts"
	detach
}

CHECKS=(exact lru tcp_flags relay scan flood top capture)
main "$@"
