# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# Helpers sourced by tests/live.sh and tests/demo.sh: two private network namespaces joined by a
# veth pair and made quiet (no offloads, no DAD, no router solicitations, static neighbours), so
# that the only packets on the wire are the tests' own; plus process and polling helpers.
# Sourcing runs nothing. Everything made here is recorded and removed by xs_cleanup.

XS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XDPSPY=${XDPSPY:-$XS_ROOT/build/xdpspy}
PEER=$XS_ROOT/tests/tcp_peer.py
# Debian's python3 (make deps installs it) rather than whatever a shell's PATH prefers.
if [[ -z ${PYTHON:-} ]]; then
	if [[ -x /usr/bin/python3 ]]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
BPFFS_PINS=/sys/fs/bpf/xdpspy

XS_WORK=""  # scratch directory: outputs of every process started
XS_PIDS=()  # processes we started, killed by PID on cleanup
XS_NETNS=() # namespaces we created
XS_PINDIRS=() # pin directories xdpspy may leave (checked and removed on cleanup)
XS_N=0      # topologies made by this shell, for unique names

# --- time and polling --------------------------------------------------------------------------

now_ms() {
	local t=${EPOCHREALTIME//[.,]/}
	echo $((t / 1000))
}

# wait_until MS CMD...: runs CMD every 20 ms until it succeeds (0) or MS ms have passed (1).
# The only place tests sleep: a bounded poll for a condition, never a fixed delay.
wait_until() {
	local deadline=$(($(now_ms) + $1))
	shift
	until "$@"; do
		(($(now_ms) >= deadline)) && return 1
		sleep 0.02
	done
	return 0
}

file_has() { [[ -s $1 ]] && grep -qE -- "$2" "$1"; }
file_lines_ge() { [[ -f $1 ]] && (($(wc -l <"$1") >= $2)); }

# --- processes ---------------------------------------------------------------------------------

# A zombie still answers kill -0: look at its state instead.
proc_alive() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	[[ ${s:0:1} != Z ]]
}
proc_gone() { ! proc_alive "$1"; }

# spawn NAME NS CMD...: starts CMD (a program, not a shell function) in NS's network namespace
# in the background, stdout to $XS_WORK/NAME.out and stderr to NAME.err, and records its PID in
# SPAWN_PID: nsenter execs CMD, so that PID is CMD's own and signals reach it. SIGINT and SIGQUIT
# are restored to their defaults: a script's background job inherits them ignored, and we want
# what a user at a terminal gets.
# XS_SPAWN_RAW=1 leaves them as a script's `cmd &` has them.
spawn() {
	# shellcheck disable=SC2054 # the comma is env's
	local name=$1 ns=$2 reset=(env --default-signal=INT,QUIT)
	shift 2
	[[ -n ${XS_SPAWN_RAW:-} ]] && reset=()
	"${reset[@]}" nsenter --net="/run/netns/$ns" "$@" >"$XS_WORK/$name.out" 2>"$XS_WORK/$name.err" &
	SPAWN_PID=$!
	XS_PIDS+=("$SPAWN_PID")
}

# wait_exit PID MS: waits for PID (a child of this shell) to end; sets EXIT_RC and EXIT_MS
# (how long it took). Returns 1, the process left running, if it did not end in time.
wait_exit() {
	local t0
	t0=$(now_ms)
	EXIT_RC=""
	EXIT_MS=""
	wait_until "$2" proc_gone "$1" || return 1
	wait "$1" 2>/dev/null
	EXIT_RC=$?
	EXIT_MS=$(($(now_ms) - t0))
	return 0
}

# stop_pid PID: SIGTERM, then SIGKILL if it lingers; only for processes we started.
# (Its stderr is dropped: bash reports a job killed by a signal there, which is noise here.)
stop_pid() {
	{
		if proc_alive "$1"; then
			kill -TERM "$1"
			wait_until 3000 proc_gone "$1" || kill -KILL "$1"
			wait_until 3000 proc_gone "$1"
		fi
		wait "$1"
	} 2>/dev/null
	return 0
}

# --- namespaces --------------------------------------------------------------------------------

# in_ns NS CMD...: CMD in NS's network namespace only. Not `ip netns exec`, which also mounts a
# fresh /sys and so hides bpffs (where xdpspy pins its counters).
in_ns() {
	local ns=$1
	shift
	nsenter --net="/run/netns/$ns" "$@"
}

# One frame per skb, as on the wire, at every hook. GRO off: XDP sees frames before GRO and
# tcpdump's socket after it. GSO limited to one segment: TCP otherwise builds multi-segment skbs
# that the TC egress hook sees whole while tcpdump sees them after software segmentation (which
# `gso off` only moves to after the egress hook). Without ethtool, GRO's size limit is made too
# small to merge anything (close, but ethtool is the real fix).
xs_offloads_off() {
	local ns=$1 dev=$2 f
	ip -n "$ns" link set dev "$dev" gso_max_segs 1 || return 1
	if command -v ethtool >/dev/null; then
		for f in gro gso tso tx rx; do
			in_ns "$ns" ethtool -K "$dev" "$f" off >/dev/null 2>&1
		done
		in_ns "$ns" ethtool -k "$dev" | grep -qE '^(generic-receive-offload|generic-segmentation-offload|tcp-segmentation-offload): on' &&
			{
				echo "netns: could not turn offloads off on $dev" >&2
				return 1
			}
	else
		if [[ -z ${XS_ETHTOOL_WARNED:-} ]]; then
			echo "netns: ethtool not installed (Debian package ethtool); limiting GRO with ip link" >&2
			XS_ETHTOOL_WARNED=1
		fi
		ip -n "$ns" link set dev "$dev" gro_max_size 1500 || return 1
	fi
	return 0
}

# Quiet link: NOARP means no ARP and no solicited-node multicast group, hence no MLD report;
# no DAD, no router solicitations, no link-local address. Static neighbours replace ARP and ND.
xs_quiet_link() {
	local ns=$1 dev=$2 k
	for k in accept_dad=0 dad_transmits=0 router_solicitations=0 accept_ra=0; do
		in_ns "$ns" sysctl -qw "net.ipv6.conf.$dev.$k" || return 1
	done
	ip -n "$ns" link set dev "$dev" addrgenmode none arp off
}

xs_mac() { ip -n "$1" -o link show dev "$2" | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/'; }

# xs_topology: creates a namespace pair joined by a veth pair and sets
#   NS_A NS_B IF_A IF_B MAC_A MAC_B IP4_A IP4_B IP6_A IP6_B
# Names carry this shell's PID and a counter, so concurrent runs never share a name (pins in
# bpffs are named after the interface and bpffs is shared by all namespaces).
xs_topology() {
	XS_N=$((XS_N + 1))
	local id=$BASHPID-$XS_N
	NS_A=xs-a-$id
	NS_B=xs-b-$id
	IF_A=xa$id
	IF_B=xb$id
	IP4_A=10.199.0.1
	IP4_B=10.199.0.2
	IP6_A=fd00:199::1
	IP6_B=fd00:199::2
	ip netns add "$NS_A" || return 1
	XS_NETNS+=("$NS_A")
	ip netns add "$NS_B" || return 1
	XS_NETNS+=("$NS_B")
	xs_link "$IF_A" "$IF_B" "$IP4_A" "$IP4_B" "$IP6_A" "$IP6_B" || return 1
	MAC_A=$(xs_mac "$NS_A" "$IF_A")
	MAC_B=$(xs_mac "$NS_B" "$IF_B")
}

# xs_link IF_A IF_B IP4_A IP4_B IP6_A IP6_B: a quiet veth pair between NS_A and NS_B, with
# those addresses (/24, /64) and permanent neighbours, up. xs_topology's, and more (-i any).
xs_link() {
	local ifa=$1 ifb=$2 a4=$3 b4=$4 a6=$5 b6=$6 ns dev mac_a mac_b
	XS_PINDIRS+=("$BPFFS_PINS/$ifa" "$BPFFS_PINS/$ifb")
	# One queue each way: a single receive ring keeps the packets in wire order on the way up.
	ip -n "$NS_A" link add "$ifa" numtxqueues 1 numrxqueues 1 type veth \
		peer name "$ifb" numtxqueues 1 numrxqueues 1 netns "$NS_B" || return 1
	for ns in "$NS_A" "$NS_B"; do
		dev=$ifa
		[[ $ns == "$NS_B" ]] && dev=$ifb
		xs_quiet_link "$ns" "$dev" || return 1
		xs_offloads_off "$ns" "$dev" || return 1
		ip -n "$ns" link set dev lo up || return 1
		# Client ports well away from any port tcpdump has an application decoder for.
		in_ns "$ns" sysctl -qw net.ipv4.ip_local_port_range="41000 41999" || return 1
	done
	mac_a=$(xs_mac "$NS_A" "$ifa")
	mac_b=$(xs_mac "$NS_B" "$ifb")
	ip -n "$NS_A" addr add "$a4/24" dev "$ifa" || return 1
	ip -n "$NS_B" addr add "$b4/24" dev "$ifb" || return 1
	ip -n "$NS_A" addr add "$a6/64" dev "$ifa" nodad || return 1
	ip -n "$NS_B" addr add "$b6/64" dev "$ifb" nodad || return 1
	# Permanent neighbours: no ARP or neighbour discovery ever crosses the link.
	ip -n "$NS_A" neigh replace "$b4" lladdr "$mac_b" dev "$ifa" nud permanent || return 1
	ip -n "$NS_A" neigh replace "$b6" lladdr "$mac_b" dev "$ifa" nud permanent || return 1
	ip -n "$NS_B" neigh replace "$a4" lladdr "$mac_a" dev "$ifb" nud permanent || return 1
	ip -n "$NS_B" neigh replace "$a6" lladdr "$mac_a" dev "$ifb" nud permanent || return 1
	ip -n "$NS_A" link set dev "$ifa" up || return 1
	ip -n "$NS_B" link set dev "$ifb" up || return 1
	# Ready when both ends say so: traffic sent before the carrier is up would be lost.
	wait_until 5000 xs_link_up "$NS_A" "$ifa" || return 1
	wait_until 5000 xs_link_up "$NS_B" "$ifb" || return 1
}

xs_link_up() { ip -n "$1" -o link show dev "$2" | grep -q 'state UP'; }

# rx and tx packet counters of an interface, as "RX TX".
xs_if_packets() {
	ip -n "$1" -s link show dev "$2" | awk '
		/RX:/ { getline; rx = $2 }
		/TX:/ { getline; tx = $2 }
		END { print rx, tx }'
}

# --- the tests' traffic ------------------------------------------------------------------------

# peer NS ARGS...: tcp_peer.py inside NS, pinned to CPU 0 (see tcp_peer.py for why);
# spawn_peer NAME NS ARGS...: the same in the background.
peer() {
	local ns=$1
	shift
	in_ns "$ns" "$PYTHON" "$PEER" "$@" --cpu 0
}
spawn_peer() {
	local name=$1 ns=$2
	shift 2
	spawn "$name" "$ns" "$PYTHON" "$PEER" "$@" --cpu 0
}

# --- cleanup -----------------------------------------------------------------------------------

# Kills what we started (by PID), deletes our namespaces (which takes the veths, any XDP or tc
# program on them and a clsact qdisc along), removes pins left in bpffs (saying so: a leftover
# pin is a bug of xdpspy's that the tests report too) and the scratch directory. Idempotent.
xs_cleanup() {
	local p ns d
	{
		for p in "${XS_PIDS[@]}"; do
			proc_alive "$p" && kill -KILL "$p"
		done
		for p in "${XS_PIDS[@]}"; do
			wait_until 3000 proc_gone "$p"
			wait "$p"
		done
	} 2>/dev/null
	XS_PIDS=()
	for ns in "${XS_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	XS_NETNS=()
	for d in "${XS_PINDIRS[@]}"; do
		if [[ -e $d ]]; then
			echo "cleanup: removing leftover pins $d" >&2
			rm -rf "$d"
		fi
	done
	XS_PINDIRS=()
	if [[ -n $XS_WORK && -d $XS_WORK && -z ${XS_KEEP:-} ]]; then
		rm -rf "$XS_WORK"
	fi
	return 0
}

# xs_init: scratch directory and traps. Call once from the script (or a subshell) that owns
# the resources; the traps also run on failure and on Ctrl-C.
xs_init() {
	XS_WORK=$(mktemp -d /tmp/xdpspy-ns.XXXXXX) || return 1
	trap xs_cleanup EXIT
	trap 'xs_cleanup; trap - EXIT; exit 130' INT TERM HUP
}
