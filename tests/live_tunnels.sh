#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Tunnels, live, next to tcpdump (`make test-live-tunnels`, as root): TCP conversations through
# GRE (with a key and sequence numbers), IPIP, VXLAN and Geneve (with an option) between two
# private namespaces, xdpspy and tcpdump both on the underlay veth of one end; every line must
# be identical but the time stamp, both directions, the outer header and the inner packet.
# VXLAN is the kernel's own device; this kernel has no GRE, IPIP or Geneve devices, so those
# are made by a route's BPF program (tests/tunnel/encap.bpf.c) that puts the outer headers on
# before the device's hooks and tcpdump's tap see the packet, and a tc ingress filter that takes
# them off after xdpspy's hook has seen it. First, every encapsulation from a file, by hand.
# Usage: tests/live_tunnels.sh [CHECK...] (default: all, see CHECKS).
set -u
SUITE=live-tunnels
. "$(dirname "${BASH_SOURCE[0]}")/live_lib.sh"
ENCAP_OBJ=${ENCAP_OBJ:-$XS_ROOT/build/tests/tunnel/encap.bpf.o}

# The overlay: 10.77.0.N for the underlay's 10.199.0.N (encap.bpf.c maps one to the other).
OV4_A=10.77.0.1
OV4_B=10.77.0.2

# overlay_bpf NS IF SELF PEER MODE: SELF/32 on IF, PEER/32 routed through MODE's encapsulation
# (an MTU that leaves room for the outer headers), and the decapsulating ingress filter.
overlay_bpf() {
	local ns=$1 dev=$2 self=$3 peer=$4 mode=$5
	ip -n "$ns" addr add "$self/32" dev "$dev" &&
		ip -n "$ns" route add "$peer/32" encap bpf xmit obj "$ENCAP_OBJ" section "lwt_xmit/$mode" \
			dev "$dev" src "$self" mtu 1400 &&
		tc -n "$ns" qdisc add dev "$dev" clsact &&
		tc -n "$ns" filter add dev "$dev" ingress bpf da obj "$ENCAP_OBJ" sec tc
}

# overlay_vxlan NS IF NAME LOCAL REMOTE SELF: a VXLAN device over IF, quiet, offloads off (one
# segment per frame, as the underlay's), with SELF/24.
overlay_vxlan() {
	local ns=$1 dev=$2 name=$3 local=$4 remote=$5 self=$6
	ip -n "$ns" link add "$name" type vxlan id 42 local "$local" remote "$remote" dstport 4789 \
		dev "$dev" &&
		xs_quiet_link "$ns" "$name" && xs_offloads_off "$ns" "$name" &&
		ip -n "$ns" addr add "$self/24" dev "$name" &&
		ip -n "$ns" link set dev "$name" up
}

# overlay MODE: the tunnel between NS_A and NS_B.
overlay() {
	if [[ $1 == vxlan ]]; then
		overlay_vxlan "$NS_A" "$IF_A" xv-a "$IP4_A" "$IP4_B" "$OV4_A" &&
			overlay_vxlan "$NS_B" "$IF_B" xv-b "$IP4_B" "$IP4_A" "$OV4_B" &&
			ip -n "$NS_A" neigh replace "$OV4_B" lladdr "$(xs_mac "$NS_B" xv-b)" dev xv-a nud permanent &&
			ip -n "$NS_B" neigh replace "$OV4_A" lladdr "$(xs_mac "$NS_A" xv-a)" dev xv-b nud permanent
		return
	fi
	overlay_bpf "$NS_A" "$IF_A" "$OV4_A" "$OV4_B" "$1" && overlay_bpf "$NS_B" "$IF_B" "$OV4_B" "$OV4_A" "$1"
}

# records FILE: one line per record (a continuation line, as VXLAN's inner packet's, joined to
# its record with " | "), the time stamp removed.
records() {
	awk '/^$/ { next } # the empty line tcpdump ends with on SIGINT
		/^[0-9]+\.[0-9]+ / { if (rec != "") print rec; rec = $0; next }
		{ rec = rec " | " $0 } END { if (rec != "") print rec }' "$1" | sed -E 's/^[0-9]+\.[0-9]+ //'
}

# tunnel_compare MODE WANT FLAGS...: the overlay, tcpdump and xdpspy with FLAGS on IF_A, one TCP
# conversation from NS_B to NS_A through it; every record identical, WANT in the TCP ones.
tunnel_compare() {
	local mode=$1 want=$2 tdpid n
	shift 2
	xs_topology || {
		ck_fail "topology"
		return 1
	}
	overlay "$mode" || {
		ck_fail "$mode overlay"
		return 1
	}
	spawn td "$NS_A" tcpdump -i "$IF_A" --immediate-mode -l "$@"
	tdpid=$SPAWN_PID
	wait_until 10000 file_has "$XS_WORK/td.err" '^(tcpdump: )?listening on' || {
		ck_fail "tcpdump did not start"
		ck_show "$XS_WORK/td.err"
		return 1
	}
	# shellcheck disable=SC2086 # XD_EXTRA: more of xdpspy's options, to look into a failure
	start_xdpspy xd "$NS_A" "$IF_A" "$@" ${XD_EXTRA:-} || return 1
	rm -f "$XS_WORK/srv.ready"
	spawn_peer srv "$NS_A" server --bind "$OV4_A" --port "$PORT4" --ready-file "$XS_WORK/srv.ready"
	wait_until 5000 test -e "$XS_WORK/srv.ready" || {
		ck_fail "TCP server not ready"
		return 1
	}
	peer "$NS_B" client --connect "$OV4_A" --port "$PORT4" --sizes "${SIZES:-1:1,100:1000,1300:3000,0:1}" ||
		ck_fail "the conversation through $mode failed"
	# The marker, on the underlay, after the last ACK: once tcpdump shows it, both have seen all.
	# A socket takes it, so that no port unreachable follows it.
	spawn sink "$NS_A" "$PYTHON" -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('$IP4_A', $MARK_PORT)); open('$XS_WORK/sink.ready', 'w').close(); s.recv(100)"
	wait_until 5000 test -e "$XS_WORK/sink.ready" || ck_fail "the marker's socket is not ready"
	marker "$MARK_PORT"
	wait_until 5000 file_has "$XS_WORK/td.out" "\.$MARK_PORT: " || ck_fail "tcpdump did not see the marker"
	stop_xdpspy xd INT
	kill -INT "$tdpid"
	wait_exit "$tdpid" "$EXIT_MS_MAX" || ck_fail "tcpdump did not exit"
	grep -q '^0 packets dropped by kernel' "$XS_WORK/td.err" || ck_fail "tcpdump dropped packets"
	records "$XS_WORK/td.out" >"$XS_WORK/td.rec"
	records "$XS_WORK/xd.out" >"$XS_WORK/xd.rec"
	n=$(grep -c -- "$want" "$XS_WORK/td.rec")
	# A conversation of four exchanges: handshake, requests, responses, FINs: 16 records at least.
	((n >= 16)) || ck_fail "tcpdump printed only $n records with '$want'"
	if cmp -s "$XS_WORK/td.rec" "$XS_WORK/xd.rec"; then
		ck_info "$(wc -l <"$XS_WORK/td.rec") records identical to tcpdump's ($n TCP through $mode: $(
			grep -m1 -- "$want" "$XS_WORK/td.rec" | cut -c1-150)...)"
	else
		ck_fail "records differ from tcpdump's (tcpdump: $(wc -l <"$XS_WORK/td.rec"), xdpspy: $(wc -l <"$XS_WORK/xd.rec")):"
		diff -u "$XS_WORK/td.rec" "$XS_WORK/xd.rec" | sed -n '3,30p' | cut -c1-400 | sed 's/^/    /'
	fi
}

check_gre() { tunnel_compare gre 'GREv0, key=0x2a, seq [0-9]*, length [0-9]*: IP 10.77.0.[12].* Flags' -n -tt; }
check_gre_v() { tunnel_compare gre 'proto GRE (47).*Flags \[[^]]*\], cksum 0x[0-9a-f]* (correct)' -n -tt -v; }
check_ipip() { tunnel_compare ipip 'proto IPIP (4).* 10.77.0.[12].[0-9]* > 10.77.0.[12].[0-9]*: Flags' -n -tt -v; }
check_vxlan() { tunnel_compare vxlan 'VXLAN, flags \[I\] (0x08), vni 42 | IP 10.77.0.*Flags' -n -tt; }
check_vxlan_e() { tunnel_compare vxlan 'vni 42 | [0-9a-f:]* > [0-9a-f:]*, ethertype IPv4 (0x0800), length [0-9]*: .* 10.77.0.[12].[0-9]* > .*Flags' -e -n -tt -v; }
check_geneve() { tunnel_compare geneve 'Geneve, Flags \[none\], vni 0x2b, options \[8 bytes\]: IP 10.77.*Flags' -n -tt; }
# -v decodes the option (-vv would add its data, and the plain UDP marker's checksum, which a
# live record without the datagram's bytes does not have).
check_geneve_v() { tunnel_compare geneve 'options \[class Open Virtual Networking (OVN) (0x102) type 0x80(C) len 8\]' -n -tt -v; }

# Every encapsulation, by hand (tests/tunnels.py: TCP, UDP and ICMP inside, GRE's key, sequence
# and checksum, Geneve's options, MPLS stacks, PPPoE, a tunnel in a tunnel, captures cut in
# each header), replayed through the host parser and the kernel's, next to tcpdump -r.
check_replay() {
	local flags kp
	"$PYTHON" "$XS_ROOT/tests/tunnels.py" "$XS_WORK/tunnels.pcap" || {
		ck_fail "tests/tunnels.py"
		return 1
	}
	for flags in "-n" "-e -n" "-v -n" "-vv -n" "-X -n" "-x -v -n"; do
		# shellcheck disable=SC2086 # the flags are words
		TZ=UTC tcpdump $flags -r "$XS_WORK/tunnels.pcap" >"$XS_WORK/td.out" 2>/dev/null
		for kp in "" --kernel-parser; do
			# shellcheck disable=SC2086
			TZ=UTC "$XDPSPY" $flags $kp -r "$XS_WORK/tunnels.pcap" >"$XS_WORK/xd.out" 2>/dev/null
			if cmp -s "$XS_WORK/td.out" "$XS_WORK/xd.out"; then
				ck_info "$flags $kp: $(grep -c '^[0-9]' "$XS_WORK/td.out") records identical"
			else
				ck_fail "$flags $kp: records differ from tcpdump's:"
				diff "$XS_WORK/td.out" "$XS_WORK/xd.out" | head -6 | cut -c1-300 | sed 's/^/    /'
			fi
		done
	done
}

CHECKS=(replay gre gre_v ipip vxlan vxlan_e geneve geneve_v)

[[ -r $ENCAP_OBJ ]] || {
	echo "$SUITE: $ENCAP_OBJ not built (make $ENCAP_OBJ)" >&2
	exit 1
}
main "$@"
