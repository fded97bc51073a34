#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The text after `length N`, live (`make test-live-apps`, as root): real clients and servers
# between two private namespaces, tcpdump and xdpspy on the same veth, every line compared but
# the time stamp. curl against python3's HTTP server (IPv4 and IPv6), dig against dnsmasq over
# UDP and TCP (IPv4 and IPv6), ping and ping -6, ICMP and ICMPv6 port unreachable, and the ARP
# and neighbour discovery these start with: the records carry the bytes their decoders read,
# without -s (include/app_bytes.h). Once with -n, once with -n -v.
# Usage: tests/live_apps.sh [CHECK...]; XS_KEEP=1 keeps the outputs (a failed check's always).
set -u
SUITE=live-apps
. "$(dirname "${BASH_SOURCE[0]}")/live_lib.sh"

SRV_PORT=80
DNS_PORT=53
SHUT_PORT=40998 # nobody listens: ICMP port unreachable

# on_cpu0 NS CMD...: CMD in NS on CPU 0. Clients and servers on one CPU, as tcp_peer.py's: the
# packets of both directions then reach the hooks and tcpdump's tap in one order. On two CPUs
# an ACK can cross a send's segment within a microsecond, and which one tcpdump's socket takes
# first is a race no hook can see (README: time stamps).
on_cpu0() { in_ns "$1" taskset -c 0 "${@:2}"; }

# The link as a server's: ARP and neighbour discovery on, no neighbour known yet. Waits for
# the reports the kernel sends when the link's multicast groups are joined, so that none
# falls between tcpdump's start and xdpspy's.
apps_topology() {
	local ns dev
	xs_topology || return 1
	for ns in "$NS_A" "$NS_B"; do
		dev=$IF_A
		[[ $ns == "$NS_B" ]] && dev=$IF_B
		ip -n "$ns" link set dev "$dev" arp on || return 1
		ip -n "$ns" neigh flush dev "$dev" nud permanent || return 1
	done
	sleep 2
}

# listening NS t|u PORT: something in NS listens on TCP or UDP PORT.
listening() { in_ns "$1" ss -Hl"$2"n "sport = :$3" | grep -q .; }

# The servers in NS_A: HTTP on both families, DNS on both (UDP and TCP) answering web.test.
start_app_servers() {
	mkdir -p "$XS_WORK/www" && printf '<html><body>xdpspy</body></html>\n' >"$XS_WORK/www/index.html"
	# A page of many segments, for the sends the kernel segments after the egress hook.
	seq -f 'line %06g of a longer page' 1 1000 >"$XS_WORK/www/long.txt"
	spawn http "$NS_A" taskset -c 0 "$PYTHON" -m http.server "$SRV_PORT" --bind :: -d "$XS_WORK/www"
	HTTP_PID=$SPAWN_PID
	spawn dns "$NS_A" taskset -c 0 dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv \
		--no-hosts --bind-interfaces --listen-address="$IP4_A,$IP6_A" --port="$DNS_PORT" --pid-file= \
		--user=root --host-record="web.test,$IP4_A,$IP6_A"
	DNS_PID=$SPAWN_PID
	wait_until 5000 listening "$NS_A" t "$SRV_PORT" || {
		ck_fail "HTTP server not listening"
		ck_show "$XS_WORK/http.err"
		return 1
	}
	wait_until 5000 listening "$NS_A" u "$DNS_PORT" || {
		ck_fail "dnsmasq not listening"
		ck_show "$XS_WORK/dns.err"
		return 1
	}
	udp_sink "$NS_A" "$MARK_PORT"
}

# The clients in NS_B, one after the other (the lines' order is then the same for both).
# dig's source ports are fixed (it picks any port, which could be one tcpdump decodes
# otherwise); curl's come from the namespaces' 41000-41999.
clients() {
	local c
	on_cpu0 "$NS_B" ping -n -c 2 -i 0.2 "$IP4_A" >/dev/null || ck_fail "ping failed"
	on_cpu0 "$NS_B" ping -6 -n -c 2 -i 0.2 "$IP6_A" >/dev/null || ck_fail "ping -6 failed"
	for c in "$IP4_A" "[$IP6_A]"; do
		on_cpu0 "$NS_B" curl -sS -g --noproxy '*' -o /dev/null "http://$c:$SRV_PORT/index.html" ||
			ck_fail "curl $c failed"
	done
	[[ -n ${GSO:-} ]] && { on_cpu0 "$NS_B" curl -sS --noproxy '*' -o /dev/null \
		"http://$IP4_A:$SRV_PORT/long.txt" || ck_fail "curl long.txt failed"; }
	on_cpu0 "$NS_B" dig +tries=1 +time=3 -b "$IP4_B#41053" "@$IP4_A" web.test A >/dev/null ||
		ck_fail "dig failed"
	on_cpu0 "$NS_B" dig +tries=1 +time=3 +tcp -b "$IP4_B#41054" "@$IP4_A" web.test A >/dev/null ||
		ck_fail "dig +tcp failed"
	on_cpu0 "$NS_B" dig +tries=1 +time=3 -b "$IP6_B#41055" "@$IP6_A" web.test AAAA >/dev/null ||
		ck_fail "dig -6 failed"
	on_cpu0 "$NS_B" dig +tries=1 +time=3 +tcp -b "$IP6_B#41056" "@$IP6_A" web.test AAAA >/dev/null ||
		ck_fail "dig -6 +tcp failed"
	peer "$NS_B" udp --to "$IP4_A" --port "$SHUT_PORT" --count 1 2>/dev/null
	peer "$NS_B" udp --to "$IP6_A" --port "$SHUT_PORT" --count 1 2>/dev/null
}

# apps_run FLAGS...: tcpdump and xdpspy with FLAGS on IF_A, the clients, every line compared.
apps_run() {
	local tdpid want
	apps_topology || {
		ck_fail "topology"
		return 1
	}
	start_app_servers || return 1
	# GSO: the server's sends of several segments are segmented in software after the egress
	# hook (TSO off), before tcpdump's tap: user space makes the segments, with their bytes.
	if [[ -n ${GSO:-} ]]; then
		ip -n "$NS_A" link set dev "$IF_A" gso_max_segs 65535 &&
			in_ns "$NS_A" ethtool -K "$IF_A" sg on gso on tso off tx on >/dev/null 2>&1 ||
			return 1
	fi
	start_tcpdump "$NS_A" "$IF_A" "${GSO:-}" "$@" || return 1
	tdpid=$TDPID
	start_xdpspy xd "$NS_A" "$IF_A" "$@" || return 1
	clients
	marker "$MARK_PORT"
	wait_until 5000 file_has "$XS_WORK/td.out" "\\.$MARK_PORT: UDP" ||
		ck_fail "tcpdump did not see the marker"
	in_ns "$NS_A" "$XDPSPY" stats "$IF_A" --json >"$XS_WORK/stats.json"
	stop_both xd "$tdpid"
	grep -q '^0 packets dropped by kernel' "$XS_WORK/td.err" || ck_fail "tcpdump dropped packets"
	same_lines td xd "tcpdump $*"
	# What the lines must show (WANT), so that a capture that missed them cannot pass.
	for want in "${WANT[@]}" "udp port $SHUT_PORT unreachable" 'neighbor advertisement'; do
		grep -qE -- "$want" "$XS_WORK/xd.lines" || ck_fail "no line matches '$want'"
	done
}

check_apps() {
	WANT=(': HTTP: GET /index.html HTTP/1.1$' ': HTTP: HTTP/1.0 200 OK$'
		'[0-9]+\+ \[1au\] A\? web\.test\. \([0-9]+\)$' '[0-9]+\* 1/0/1 AAAA fd00:199::1 \([0-9]+\)$'
		'length [0-9]+ [0-9]+\+ \[1au\] AAAA\? web\.test\.' 'ICMP echo request' 'ICMP6, echo reply'
		'ARP, Request who-has' 'ARP, Reply' 'ICMP6, neighbor solicitation')
	apps_run -n
}
# Sends of several segments, which the kernel segments after the egress hook: each segment's
# line at the stamp it passed the tap with (bpf/seg_tap.h).
check_apps_gso() {
	local n
	WANT=(': HTTP: GET /long.txt HTTP/1.1$' 'length 1448: HTTP$')
	GSO=1 apps_run -n || return 1
	n=$("$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["segmented_sends"])' \
		<"$XS_WORK/stats.json" 2>/dev/null)
	((${n:-0} > 0)) && ck_info "$n sends segmented after the egress hook" ||
		ck_fail "no send segmented after the egress hook: the check proves nothing"
	# On one CPU each segment's stamp follows tcpdump's stamp of it and precedes tcpdump's of
	# the next segment: taken right after the tap, not at the egress hook before it.
	if "$PYTHON" - "$XS_WORK/td.out" "$XS_WORK/xd.out" "$IP4_A.$SRV_PORT" <<'PY'; then
import sys
def segs(path):
    out = []
    for line in open(path):
        t, _, rest = line.partition(" ")
        if rest.startswith("IP " + sys.argv[3] + " >") and "length 1448" in rest:
            h, m, sec = t.split(":")
            out.append((int(h) * 3600 + int(m) * 60 + float(sec), rest.strip()))
    return out
td, xd = segs(sys.argv[1]), segs(sys.argv[2])
if not len(td) == len(xd) > 0:
    sys.exit("segments: tcpdump %d, xdpspy %d" % (len(td), len(xd)))
for i, ((t, line), (x, _)) in enumerate(zip(td, xd)):
    nxt = td[i + 1][0] if i + 1 < len(td) else float("inf")
    if not t <= x <= max(nxt, t):
        sys.exit("at %.6f, tcpdump's %.6f, its next %.6f: %s" % (x, t, nxt, line))
PY
		ck_info "every segment stamped between tcpdump's stamps of it and of the next"
	else
		ck_fail "a segment's stamp is not where tcpdump's tap saw it"
	fi
}
check_apps_verbose() {
	WANT=('^	GET /index.html HTTP/1.1$' '\[icmp6 sum ok\] ICMP6, echo request'
		'[0-9]+\* 1/0/1 web\.test\. A 10\.199\.0\.1 \(53\)$'
		'ARP, Ethernet \(len 6\), IPv4 \(len 4\), Request')
	apps_run -n -v
}

CHECKS=(apps apps_verbose apps_gso)

preflight_apps() {
	local t missing=""
	for t in curl dig dnsmasq ping ss; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	[[ -z $missing ]] || {
		echo "$SUITE: missing:$missing (make deps)" >&2
		exit 1
	}
}

preflight_apps
main "$@"
