#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --process against real programs in namespaces made here: curl fetching from python3's
# http.server, xdpspy --process on both ends beside tcpdump. Every TCP line must be tcpdump's
# line, byte for byte, followed by the owner the kernel found: curl's pid on the client's
# interface, the server's on the server's, in both directions; a curl run in a cgroup this test
# makes names that cgroup; --cgroup, --comm and --pid (with an expression) keep exactly their
# packets; a router namespace between two others forwards a conversation whose every packet
# says [no owner]; --json carries the owner as fields; a -w .pcapng file keeps each packet's owner
# as ptcpdump's comment (read back with tshark), its interface and direction; a connection made
# before xdpspy started names both its processes. Cleanup (processes by PID, namespaces,
# the cgroup) by trap.
set -u
. "$(dirname "$0")/netns.sh"

PORT=9080 # no tcpdump decoder, so tcpdump's lines end at `length N` as ours do
PORT2=9081
CG_ROOT=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo 2>/dev/null)
CG_NAME=xs-proc-$$
CG_DIR=""
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "process: FAIL $*"
}

cleanup() {
	xs_cleanup
	# The cgroup's processes are gone with xs_cleanup; only then can it be removed.
	[[ -n $CG_DIR && -d $CG_DIR/app ]] && rmdir "$CG_DIR/app"
	[[ -n $CG_DIR && -d $CG_DIR ]] && rmdir "$CG_DIR"
}
trap cleanup EXIT

[[ $(id -u) == 0 ]] || {
	echo "process: needs root (namespaces, cgroups, BPF)"
	exit 1
}
[[ -n $CG_ROOT ]] || {
	echo "process: no cgroup v2 mount"
	exit 1
}
XS_WORK=$(mktemp -d)

# xdpspy NAME NS IF ARGS...: xdpspy -n -t -l -i IF ARGS in NS, waits until it is attached.
xdpspy_in() {
	local name=$1 ns=$2 dev=$3
	shift 3
	spawn "$name" "$ns" "$XDPSPY" -n -t -l -i "$dev" --ready-file "$XS_WORK/$name.ready" "$@"
	eval "PID_$name=$SPAWN_PID"
	wait_until 10000 test -e "$XS_WORK/$name.ready" || {
		bad "$name: xdpspy $* did not start"
		sed 's/^/    | /' "$XS_WORK/$name.err" | head -5
		return 1
	}
}

tcpdump_in() {
	local name=$1 ns=$2 dev=$3
	shift 3
	spawn "$name" "$ns" tcpdump -n -t -l -i "$dev" "$@"
	eval "PID_$name=$SPAWN_PID"
	wait_until 10000 file_has "$XS_WORK/$name.err" '^listening on' || bad "$name: tcpdump did not start"
}

stop_named() {
	local v=PID_$1
	stop_pid "${!v}"
}

# serve NAME NS ADDR PORT: python3's http.server, ready when it listens. Sets SRV_PID. HTTP/1.1:
# the client closes first, then the server; HTTP/1.0's FINs would cross (tests/live_apps.sh).
serve() {
	spawn "$1" "$2" "$PYTHON" -m http.server --bind "$3" "$4" --protocol HTTP/1.1
	SRV_PID=$SPAWN_PID
	listening "$@"
}
listening() {
	wait_until 5000 in_ns "$2" bash -c "ss -Htln 'sport = :$4' | grep -q ." || bad "$1: no server on $4"
}

# serve_later NAME NS ADDR PORT: the same, but its PID first (SRV_PID); it becomes the server
# (exec: the same PID) when go NAME says so.
serve_later() {
	spawn "$1" "$2" bash -c 'while [ ! -e "$0" ]; do sleep 0.02; done; exec "$1" -m http.server --bind "$2" "$3" --protocol HTTP/1.1' \
		"$XS_WORK/$1.go" "$PYTHON" "$3" "$4"
	SRV_PID=$SPAWN_PID
}
go() {
	touch "$XS_WORK/$1.go"
	listening "$@"
}

# fetch NS URL [CGROUP]: curl in NS (in CGROUP when given), to the end. Sets CURL_PID.
fetch() {
	local ns=$1 url=$2 cg=${3:-}
	if [[ -n $cg ]]; then
		# The shell moves itself into the cgroup, then becomes nsenter, then curl: one PID.
		spawn curl "$ns" bash -c 'echo $$ >"$0/cgroup.procs" && exec curl -s -o /dev/null --max-time 5 "$1"' "$cg" "$url"
	else
		spawn curl "$ns" curl -s -o /dev/null --max-time 5 "$url"
	fi
	CURL_PID=$SPAWN_PID
	wait_exit "$CURL_PID" 10000 && [[ $EXIT_RC == 0 ]] || bad "curl $url: exit ${EXIT_RC:-none}"
}

# same_count A B: both outputs have as many lines (the capture caught up), within 3 s.
lines_of() { wc -l <"$XS_WORK/$1.out"; }
same_count() { [[ $(lines_of "$1") -gt 0 && $(lines_of "$1") == $(lines_of "$2") ]]; }

# check_owned NAME TCPDUMP WANT: every line of NAME is TCPDUMP's line (same order) followed by
# " [WANT]" or " [WANT, closed]"; both directions present. Prints the count.
check_owned() {
	local name=$1 ref=$2 want=$3 n
	wait_until 3000 same_count "$name" "$ref" || bad "$name: $(lines_of "$name") lines, tcpdump $(lines_of "$ref")"
	n=$(lines_of "$name")
	if ! diff <(sed -E 's/ \[[^][]*\]$//' "$XS_WORK/$name.out") "$XS_WORK/$ref.out" >"$XS_WORK/$name.diff"; then
		bad "$name: lines differ from tcpdump's before the owner"
		head -6 "$XS_WORK/$name.diff" | sed 's/^/    | /'
	fi
	if grep -vqF -e " [$want]" -e " [$want, closed]" "$XS_WORK/$name.out" ||
		[[ $(grep -cE " \[$want(, closed)?\]\$" "$XS_WORK/$name.out") != "$n" ]]; then
		bad "$name: not every line ends with [$want]"
		grep -vF " [$want" "$XS_WORK/$name.out" | head -3 | sed 's/^/    | /'
	fi
	local out in
	out=$(grep -c "^IP6\? [^ ]*\.$PORT > " "$XS_WORK/$name.out")
	in=$(grep -c "^IP6\? [^ ]* > [^ ]*\.$PORT: " "$XS_WORK/$name.out")
	((out > 0 && in > 0)) || bad "$name: from the server $out lines, to it $in"
	echo "process: $name: $n lines ($out from the server, $in to it), each [$want]"
	ok
}

# --- curl and python3, on both ends ------------------------------------------------------------
# The server starts after xdpspy: its sockets are learned as they are made.
xs_topology || exit 1
# xa also writes a .pcapng file (--print: the lines as well), read back below.
xdpspy_in xa "$NS_A" "$IF_A" --process -w "$XS_WORK/xa.pcapng" --print tcp
xdpspy_in xb "$NS_B" "$IF_B" --process tcp
tcpdump_in ta "$NS_A" "$IF_A" tcp
tcpdump_in tb "$NS_B" "$IF_B" tcp
serve srv "$NS_B" "$IP4_B" "$PORT"
SRV=$SRV_PID
fetch "$NS_A" "http://$IP4_B:$PORT/"
CURL=$CURL_PID
check_owned xa ta "curl $CURL /"
check_owned xb tb "python3 $SRV /"
for n in xa xb ta tb; do stop_named $n; done

# check_pcapng FILE TCPDUMP PID COMM IF PORT: tcpdump reads FILE as the lines TCPDUMP printed
# live; tshark reads each packet's comment as ptcpdump writes it (PID, Cmd), the interface IF,
# and the direction: outbound from the local end (not PORT), inbound to it.
check_pcapng() {
	local f=$1 ref=$2 pid=$3 comm=$4 dev=$5 port=$6 n rows
	grep -v '^$' "$XS_WORK/$ref.out" >"$XS_WORK/$ref.lines"
	if ! diff <(tcpdump -n -t -r "$f" 2>/dev/null) "$XS_WORK/$ref.lines" >"$XS_WORK/$ref.ng.diff"; then
		bad "$f: tcpdump -r reads other lines than tcpdump printed live"
		head -6 "$XS_WORK/$ref.ng.diff" | sed 's/^/    | /'
	fi
	n=$(wc -l <"$XS_WORK/$ref.lines")
	# One row a packet: interface, direction (1 in, 2 out), source port, comment (tshark
	# writes its newlines as \n).
	rows=$(tshark -r "$f" -T fields -E separator='|' -e frame.interface_name \
		-e frame.packet_flags_direction -e tcp.srcport -e frame.comment 2>/dev/null |
		WANT="PID: $pid\\nCmd: $comm\\n" awk -F'|' -v d="$dev" -v p="$port" '
			$1 == d && index($4, ENVIRON["WANT"]) == 1 &&
			($2 + 0 == ($3 == p ? 1 : 2) || $2 == ($3 == p ? "0x00000001" : "0x00000002"))' | wc -l)
	if ((n > 0 && rows == n)); then
		echo "process: $f: $n packets, each commented \"PID: $pid, Cmd: $comm\" on $dev, its direction right"
		ok
	else
		bad "$f: $rows of $n packets with the comment, interface and direction wanted"
		tshark -r "$f" -T fields -E separator='|' -e frame.interface_name -e frame.packet_flags_direction \
			-e tcp.srcport -e frame.comment 2>&1 | head -3 | sed 's/^/    | /'
	fi
}
check_pcapng "$XS_WORK/xa.pcapng" ta "$CURL" curl "$IF_A" "$PORT"

# --- the flow table (--flows) carries the owner: `xdpspy flows` (JSON and text) names it ---------
xdpspy_in xf "$NS_A" "$IF_A" --process --flows tcp port "$PORT"
fetch "$NS_A" "http://$IP4_B:$PORT/"
CURL_F=$CURL_PID
wait_until 3000 file_lines_ge "$XS_WORK/xf.out" 10
in_ns "$NS_A" "$XDPSPY" flows "$IF_A" --json >"$XS_WORK/flows.json" 2>"$XS_WORK/flows.err"
in_ns "$NS_A" "$XDPSPY" flows "$IF_A" >"$XS_WORK/flows.txt" 2>>"$XS_WORK/flows.err"
stop_named xf
# The curl's connection: its client port is curl's, and the process is curl at the client end.
cport=$(sed -nE "s/^IP $IP4_A\.([0-9]+) > $IP4_B\.$PORT: Flags \[S\],.*/\1/p" "$XS_WORK/xf.out" | head -1)
if "$PYTHON" - "$XS_WORK/flows.json" "$cport" "$CURL_F" <<'PY'; then
import json, sys
doc = json.load(open(sys.argv[1]))
flows = doc["flows"] if isinstance(doc, dict) else doc[0]["flows"]
mine = [f for f in flows if f["client_port"] == int(sys.argv[2])]
p = mine[0]["process"] if len(mine) == 1 else None
sys.exit(0 if p and p["pid"] == int(sys.argv[3]) and p["comm"] == "curl" and p["endpoint"] == "client" and p["cgroup"] == "/" else 1)
PY
	echo "process: xdpspy flows --json: curl's connection (port $cport) names curl $CURL_F at the client end"
	ok
else
	bad "xdpspy flows --json: curl's connection (port ${cport:-none}) does not name curl $CURL_F"
	head -c 600 "$XS_WORK/flows.json" | sed 's/^/    | /'
	sed 's/^/    | /' "$XS_WORK/flows.err" | head -3
fi
if grep -qE "^tcp +$IP4_A\.$cport > $IP4_B\.$PORT .* curl/$CURL_F\$" "$XS_WORK/flows.txt" &&
	grep -q ' PROCESS$' "$XS_WORK/flows.txt"; then
	echo "process: xdpspy flows: its row ends with curl/$CURL_F"
	ok
else
	bad "xdpspy flows: no row of port $cport ending with curl/$CURL_F"
	sed 's/^/    | /' "$XS_WORK/flows.txt" | head -8
fi

# --- `attach --flows --process`: no capture runs, the pinned table learns owners all the same ---
# The counters-only programs and the socket side stay attached by their pins; `detach` removes
# them all (no owner_* pin left behind).
if in_ns "$NS_A" "$XDPSPY" attach "$IF_A" --flows --process >/dev/null 2>"$XS_WORK/attach.err"; then
	fetch "$NS_A" "http://$IP4_B:$PORT/"
	CURL_AT=$CURL_PID
	in_ns "$NS_A" "$XDPSPY" flows "$IF_A" --json >"$XS_WORK/aflows.json" 2>"$XS_WORK/aflows.err"
	if "$PYTHON" - "$XS_WORK/aflows.json" "$CURL_AT" <<'PY'; then
import json, sys
doc = json.load(open(sys.argv[1]))
flows = doc["flows"] if isinstance(doc, dict) else doc[0]["flows"]
mine = [f for f in flows if f.get("process", {}).get("pid") == int(sys.argv[2])]
sys.exit(0 if len(mine) == 1 and mine[0]["process"]["comm"] == "curl" and mine[0]["process"]["endpoint"] == "client" else 1)
PY
		echo "process: attach --flows --process (no capture running): curl $CURL_AT's flow names curl"
		ok
	else
		bad "attach --flows --process: no flow names curl $CURL_AT"
		head -c 600 "$XS_WORK/aflows.json" | sed 's/^/    | /'
	fi
	in_ns "$NS_A" "$XDPSPY" detach "$IF_A" 2>>"$XS_WORK/attach.err" || bad "detach $IF_A failed"
	if in_ns "$NS_A" sh -c "ls /sys/fs/bpf/xdpspy/$IF_A 2>/dev/null | grep -q ." ; then
		bad "detach left pins: $(in_ns "$NS_A" ls /sys/fs/bpf/xdpspy/"$IF_A" | tr '\n' ' ')"
	else
		ok
	fi
else
	bad "attach $IF_A --flows --process failed: $(head -1 "$XS_WORK/attach.err")"
fi

# --- a connection made before the capture began ------------------------------------------------
# Both ends (python3, one process each) connect before xdpspy starts; once xdpspy and tcpdump
# listen, they exchange three messages and close. xdpspy finds their sockets in /proc at start:
# each line names its own end's process, as for a connection it saw made.
PORT3=9082
spawn oldsrv "$NS_B" "$PYTHON" -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(1)
c, _ = s.accept()
while (d := c.recv(100)): c.sendall(d)
' "$IP4_B" "$PORT3"
OLDSRV=$SPAWN_PID
listening oldsrv "$NS_B" "$IP4_B" "$PORT3"
spawn oldcli "$NS_A" "$PYTHON" -c '
import os, socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
open(sys.argv[3], "w").close()
while not os.path.exists(sys.argv[4]): time.sleep(0.02)
for i in range(3): s.sendall(b"hello %d" % i); s.recv(100); time.sleep(0.05)
s.close()
' "$IP4_B" "$PORT3" "$XS_WORK/oldcli.connected" "$XS_WORK/oldcli.go"
OLDCLI=$SPAWN_PID
wait_until 5000 test -e "$XS_WORK/oldcli.connected" || bad "oldcli: did not connect"
xdpspy_in xo "$NS_A" "$IF_A" --process tcp port "$PORT3"
xdpspy_in xob "$NS_B" "$IF_B" --process tcp port "$PORT3"
tcpdump_in to "$NS_A" "$IF_A" tcp port "$PORT3"
tcpdump_in tob "$NS_B" "$IF_B" tcp port "$PORT3"
touch "$XS_WORK/oldcli.go"
wait_exit "$OLDCLI" 10000
PORT=$PORT3 check_owned xo to "python3 $OLDCLI /"
PORT=$PORT3 check_owned xob tob "python3 $OLDSRV /"
for n in xo xob to tob; do stop_named $n; done

# --- a cgroup of this test's, and the filters -------------------------------------------------
CG_DIR=$CG_ROOT/$CG_NAME
mkdir -p "$CG_DIR/app" || exit 1

# Three conversations: curl in the cgroup to PORT, curl outside it to PORT2, python3 to PORT.
# Sets CURL_CG, CURL2, PYGET.
conversations() {
	fetch "$NS_A" "http://$IP4_B:$PORT/" "$CG_DIR/app"
	CURL_CG=$CURL_PID
	fetch "$NS_A" "http://$IP4_B:$PORT2/"
	CURL2=$CURL_PID
	spawn pyget "$NS_A" "$PYTHON" -c "import urllib.request as u; u.urlopen('http://$IP4_B:$PORT/').read()"
	PYGET=$SPAWN_PID
	wait_exit "$PYGET" 10000
}

# filtered NAME WHAT PATTERN: NAME's lines, stopped once its count stays put; every one matches
# PATTERN (grep -E), and there is at least one.
filtered() {
	local name=$1 what=$2 pat=$3 n
	wait_until 3000 file_lines_ge "$XS_WORK/$name.out" 1
	sleep 0.3 # what must not come has had time to come
	stop_named "$name"
	n=$(lines_of "$name")
	if ((n > 0)) && [[ $(grep -cE -- "$pat" "$XS_WORK/$name.out") == "$n" ]]; then
		echo "process: $what: $n lines, all /$pat/"
		ok
	else
		bad "$what: $n lines, not all /$pat/"
		grep -vE -- "$pat" "$XS_WORK/$name.out" | head -3 | sed 's/^/    | /'
	fi
}

xdpspy_in xc "$NS_A" "$IF_A" --process tcp
tcpdump_in tc "$NS_A" "$IF_A" tcp
serve_later srv2 "$NS_B" "$IP4_B" "$PORT2"
SRV2=$SRV_PID
xdpspy_in xpid "$NS_B" "$IF_B" --pid "$SRV2"
go srv2 "$NS_B" "$IP4_B" "$PORT2"
conversations
wait_until 3000 same_count xc tc
stop_named xc
stop_named tc
# Only the first conversation is the cgroup's: its lines, as tcpdump's, with the cgroup.
head -n "$(grep -cF " [curl $CURL_CG " "$XS_WORK/xc.out")" "$XS_WORK/tc.out" >"$XS_WORK/tc1.out"
grep -F " [curl $CURL_CG " "$XS_WORK/xc.out" >"$XS_WORK/xc1.out"
check_owned xc1 tc1 "curl $CURL_CG /$CG_NAME/app"
# Three conversations, interleaved with their neighbours in the printer's lookahead: each
# client port names one owner, its own process.
got=$(sed -nE "s/^IP ($IP4_A|$IP4_B)\.([0-9]+) > ($IP4_A|$IP4_B)\.([0-9]+): .* \[([a-z0-9]+ [0-9]+) [^],]*(, closed)?\]\$/\1 \2 \4 \5/p" "$XS_WORK/xc.out" |
	awk -v a="$IP4_A" '{ p = $1 == a ? $2 : $3; print p, $4, $5 }' | sort -u)
want=$(printf '%s\n' "curl $CURL_CG" "curl $CURL2" "python3 $PYGET" | sort)
if [[ $(wc -l <<<"$got") == 3 && $(cut -d' ' -f2- <<<"$got" | sort) == "$want" &&
	$(wc -l <"$XS_WORK/xc.out") == $(grep -c ' \[[a-z0-9]* [0-9]* ' "$XS_WORK/xc.out") ]]; then
	echo "process: xc: $(lines_of xc) lines of three conversations, each client port with its own process"
	ok
else
	bad "xc: client ports and owners: $(tr '\n' ';' <<<"$got") (want $(tr '\n' ';' <<<"$want"))"
fi
filtered xpid "--pid $SRV2" "\\.$PORT2[: ].* \\[python3 $SRV2 /\\]\$"

xdpspy_in xcg "$NS_A" "$IF_A" --cgroup "/$CG_NAME" # a parent: its descendants match
conversations
filtered xcg "--cgroup /$CG_NAME" " \\[curl $CURL_CG /$CG_NAME/app(, closed)?\\]\$"

# --comm with an expression: curl to PORT only (not curl to PORT2: the expression; not python3
# to PORT: the owner).
xdpspy_in xcomm "$NS_A" "$IF_A" --comm curl tcp port "$PORT"
conversations
filtered xcomm "--comm curl, tcp port $PORT" "\\.$PORT[: ].* \\[curl $CURL_CG /$CG_NAME/app(, closed)?\\]\$"

# --json: the owner as fields.
xdpspy_in xj "$NS_A" "$IF_A" --process --json tcp
fetch "$NS_A" "http://$IP4_B:$PORT/"
CURL_J=$CURL_PID
wait_until 3000 file_lines_ge "$XS_WORK/xj.out" 10
stop_named xj
n=$(lines_of xj)
if ((n >= 10)) && [[ $(grep -cE "\"process\":\{\"pid\":$CURL_J,\"comm\":\"curl\",\"cgroup\":\"/\",\"cgroup_id\":[0-9]+,\"closed\":(true|false)\}\}$" "$XS_WORK/xj.out") == "$n" ]]; then
	echo "process: --json: $n objects, each with curl $CURL_J's fields"
	ok
else
	bad "--json: $n objects, not all with curl $CURL_J's fields"
	head -2 "$XS_WORK/xj.out" | sed 's/^/    | /'
fi

# --- forwarded: C -- R -- D ---------------------------------------------------------------------
id=$$
NS_C=xs-pc-$id NS_R=xs-pr-$id NS_D=xs-pd-$id
for ns in "$NS_C" "$NS_R" "$NS_D"; do
	ip netns add "$ns" && XS_NETNS+=("$ns") || exit 1
	ip -n "$ns" link set lo up
done
ip -n "$NS_C" link add xpc$id type veth peer name xprc$id netns "$NS_R" || exit 1
ip -n "$NS_D" link add xpd$id type veth peer name xprd$id netns "$NS_R" || exit 1
for spec in "$NS_C xpc$id 10.198.1.1/24" "$NS_R xprc$id 10.198.1.254/24" \
	"$NS_R xprd$id 10.198.2.254/24" "$NS_D xpd$id 10.198.2.1/24"; do
	read -r ns dev addr <<<"$spec"
	ip -n "$ns" addr add "$addr" dev "$dev" && ip -n "$ns" link set "$dev" up || exit 1
	xs_offloads_off "$ns" "$dev" || exit 1
done
ip -n "$NS_C" route add default via 10.198.1.254 || exit 1
ip -n "$NS_D" route add default via 10.198.2.254 || exit 1
in_ns "$NS_R" sysctl -qw net.ipv4.ip_forward=1 || exit 1
serve srvd "$NS_D" 10.198.2.1 "$PORT"
xdpspy_in xr "$NS_R" "xprd$id" --process tcp
tcpdump_in tr "$NS_R" "xprd$id" tcp
fetch "$NS_C" "http://10.198.2.1:$PORT/"
check_owned xr tr "no owner"
for n in xr tr; do stop_named $n; done

echo "process: $pass passed, $fail failed"
((fail == 0))
