# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-only
# Helpers sourced by the end-to-end benchmark scripts: a private pair of network namespaces
# joined by a veth pair (the generator's end and the capture's end), cgroups that account CPU
# time exactly, and processes started in them. Sourcing runs nothing; b_init sets everything
# up and arranges for b_cleanup to remove it on any exit, killing only what was started here.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
XS_ROOT=$(cd "$BENCH_DIR/.." && pwd)
BB=$XS_ROOT/build/bench
GEN_CPU=${GEN_CPU:-0} # the generator, and the receive path it runs in softirq
CAP_CPU=${CAP_CPU:-1} # the capture process
NICE=${NICE:--20}     # autogroup nice of each process started (see b_spawn)

# Names carry this shell's PID, so a concurrent run never shares them (xdpspy pins its
# counters in bpffs, which all namespaces share, under the interface's name).
NS_GEN=xsbenchA-$$
NS_CAP=xsbenchB-$$
IF_GEN=xsbg$$
IF_CAP=xsbc$$

B_WORK=""
B_PIDS=()
B_CGROUPS=()
B_NETNS=()
B_ATTACHED="" # an interface xdpspy attach left counting
B_STATS_PREV="" # kernel.bpf_stats_enabled before b_stats first turned it on

b_log() { echo "bench: $*" >&2; }
b_die() {
	b_log "$*"
	exit 1
}

now_us() {
	local t=${EPOCHREALTIME//[.,]/}
	echo "$t"
}

proc_alive() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	[[ ${s:0:1} != Z ]]
}

# --- cleanup -----------------------------------------------------------------------------------

b_cleanup() {
	local p c n
	for p in "${B_PIDS[@]}"; do
		proc_alive "$p" && kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	b_stats off
	if [[ -n $B_ATTACHED ]]; then
		nsenter --net="/run/netns/$NS_CAP" "$XDPSPY" detach "$B_ATTACHED" >/dev/null 2>&1
	fi
	for n in "${B_NETNS[@]}"; do ip netns del "$n" 2>/dev/null; done
	# A killed capture leaves its pins; they name our interface only.
	rm -rf "/sys/fs/bpf/xdpspy/$IF_CAP" "/sys/fs/bpf/xdpspy/$IF_GEN" 2>/dev/null
	rmdir /sys/fs/bpf/xdpspy 2>/dev/null
	for c in "${B_CGROUPS[@]}"; do rmdir "$c" 2>/dev/null; done
	[[ -n $B_WORK ]] && rm -rf "$B_WORK"
	return 0
}

# --- cgroups: CPU time of everything in them, exact (not tick-sampled) ------------------------

CG_ROOT=""
b_cgroup_root() {
	if [[ -e /sys/fs/cgroup/cgroup.controllers ]]; then
		CG_ROOT=/sys/fs/cgroup
	elif [[ -e /sys/fs/cgroup/unified/cgroup.procs ]]; then
		CG_ROOT=/sys/fs/cgroup/unified # hybrid hierarchy: cgroup2 still has cpu.stat
	else
		b_die "no cgroup2 hierarchy (needed for exact CPU accounting)"
	fi
}

# b_cgroup NAME VAR: creates a cgroup and sets VAR to its path.
b_cgroup() {
	local cg=$CG_ROOT/xsbench-$$-$1
	mkdir "$cg" || b_die "cannot create cgroup $cg"
	B_CGROUPS+=("$cg")
	printf -v "$2" '%s' "$cg"
}

# cg_cpu CG: "usage user system" in µs.
cg_cpu() {
	local k v u=0 us=0 sy=0
	while read -r k v; do
		case $k in
		usage_usec) u=$v ;;
		user_usec) us=$v ;;
		system_usec) sy=$v ;;
		esac
	done <"$1/cpu.stat"
	echo "$u $us $sy"
}

# Receive work the kernel defers out of the generator's context runs in ksoftirqd: ns.
KSOFTIRQD=""
ksoftirqd_ns() {
	local p t rest sum=0
	for p in $KSOFTIRQD; do
		read -r t rest <"/proc/$p/schedstat" 2>/dev/null && sum=$((sum + t))
	done
	echo "$sum"
}

# Softirq ticks of the whole machine (/proc/stat, USER_HZ): the only view of softirq time
# when the paced generator spins, tick-sampled.
softirq_ticks() {
	local si
	read -r _ _ _ _ _ _ _ si _ </proc/stat
	echo "$si"
}

# --- BPF run time (kernel.bpf_stats_enabled) ---------------------------------------------------

# b_stats on|off: while on, the kernel times every run of every BPF program (run_time_ns and
# run_cnt of bpf_prog_info), which itself costs ~25-30 ns a run here: on only around a burst
# measured for that, and back to what it was before (b_cleanup too, on any exit).
b_stats() {
	if [[ $1 == on ]]; then
		[[ -n $B_STATS_PREV ]] || B_STATS_PREV=$(sysctl -n kernel.bpf_stats_enabled) || return 1
		[[ $B_STATS_PREV == 0 ]] || b_log "kernel.bpf_stats_enabled was already on: every run was timed"
		sysctl -qw kernel.bpf_stats_enabled=1
	elif [[ -n $B_STATS_PREV ]]; then
		sysctl -qw kernel.bpf_stats_enabled="$B_STATS_PREV"
	fi
}

# b_prog_ids PID IF: the IDs of the BPF programs a capture attached: those its links run
# (/proc/PID/fdinfo; tail-called programs are timed in the one that calls them) or, without
# a process (PID empty: xdpspy attach), those xdpspy pinned for IF.
b_prog_ids() {
	local f
	if [[ -n $1 ]]; then
		for f in /proc/"$1"/fdinfo/*; do
			grep -q '^link_type:' "$f" 2>/dev/null && sed -n 's/^prog_id:[[:space:]]*//p' "$f"
		done
		return 0
	fi
	for f in /sys/fs/bpf/xdpspy/"$2"/*_prog; do
		[[ -e $f ]] && bpftool prog show pinned "$f" -j 2>/dev/null |
			sed -n 's/^{"id":\([0-9]*\),.*/\1/p'
	done
	return 0
}

# b_prog_stats ID: "NAME RUN_CNT RUN_TIME_NS" (bpftool leaves out both while they are 0).
b_prog_stats() {
	local j name cnt ns
	j=$(bpftool prog show id "$1" -j 2>/dev/null) || return 1
	name=$(sed -n 's/.*"name":"\([^"]*\)".*/\1/p' <<<"$j")
	cnt=$(sed -n 's/.*"run_cnt":\([0-9]*\).*/\1/p' <<<"$j")
	ns=$(sed -n 's/.*"run_time_ns":\([0-9]*\).*/\1/p' <<<"$j")
	echo "${name:-id$1} ${cnt:-0} ${ns:-0}"
}

# --- processes ---------------------------------------------------------------------------------

# b_spawn CG OUT ERR CMD...: starts CMD in cgroup CG, in a session of its own whose autogroup
# gets nice NICE: with autogroups on, CFS shares a CPU between sessions, so this is what keeps
# other work on the machine from taking the measured processes' CPU. SIGINT and SIGQUIT get
# their defaults back (a script's background job has them ignored). Sets SPAWN_PID: setsid,
# bash and env all exec, so it is CMD's own PID.
b_spawn() {
	local cg=$1 out=$2 err=$3
	shift 3
	(
		echo "$BASHPID" >"$cg/cgroup.procs" || exit 126
		# shellcheck disable=SC2016 # expanded by the inner bash
		exec setsid bash -c '[[ $0 == 0 ]] || echo "$0" >/proc/self/autogroup 2>/dev/null
			exec "$@"' "$NICE" env --default-signal=INT,QUIT "$@"
	) >"$out" 2>"$err" </dev/null &
	SPAWN_PID=$!
	B_PIDS+=("$SPAWN_PID")
}

# b_sample_rss PID: RSS_ANON, the peak of the process's RssAnon over the calls (KiB), and
# RSS_HWM its VmHWM; the caller zeroes both before a run.
# shellcheck disable=SC2034 # both are read by the scripts that source this
b_sample_rss() {
	local k v rest
	[[ -n $1 ]] || return 0
	while read -r k v rest; do
		case $k in
		RssAnon:) ((v > RSS_ANON)) && RSS_ANON=$v ;;
		VmHWM:) RSS_HWM=$v ;;
		esac
	done 2>/dev/null <"/proc/$1/status" # gone by now: the last sample stands
	return 0
}

# b_stop PID: SIGINT (a capture's normal end), then SIGTERM and SIGKILL if it lingers.
b_stop() {
	local p=$1 i
	kill -INT "$p" 2>/dev/null
	for ((i = 0; i < 150; i++)); do
		proc_alive "$p" || break
		((i == 100)) && kill -TERM "$p" 2>/dev/null
		sleep 0.1
	done
	proc_alive "$p" && kill -KILL "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	return 0
}

# --- namespaces --------------------------------------------------------------------------------

in_cap() { nsenter --net="/run/netns/$NS_CAP" "$@"; }
in_gen() { nsenter --net="/run/netns/$NS_GEN" "$@"; }

# Nothing but the generator's frames may reach the capture's end: a frame the stack sends on
# the other CPU would move the receive NAPI there mid-burst. So: no addresses, no IPv6 at all
# on the generator's side, no link-local address, DAD or ARP on the capture's side; GRO off.
b_setup_netns() {
	ip netns add "$NS_GEN" || b_die "cannot create namespace $NS_GEN"
	B_NETNS+=("$NS_GEN")
	ip netns add "$NS_CAP" || b_die "cannot create namespace $NS_CAP"
	B_NETNS+=("$NS_CAP")
	ip netns exec "$NS_GEN" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 || b_die "sysctl failed"
	ip netns exec "$NS_CAP" sysctl -qw net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.default.accept_ra=0 ||
		b_die "sysctl failed"
	ip -n "$NS_GEN" link add "$IF_GEN" numtxqueues 1 numrxqueues 1 type veth \
		peer name "$IF_CAP" numtxqueues 1 numrxqueues 1 netns "$NS_CAP" ||
		b_die "cannot create the veth pair"
	ip -n "$NS_CAP" link set dev "$IF_CAP" addrgenmode none arp off || b_die "ip link failed"
	ip -n "$NS_GEN" link set dev "$IF_GEN" arp off || b_die "ip link failed"
	in_cap ethtool -K "$IF_CAP" gro off >/dev/null 2>&1
	ip -n "$NS_GEN" link set dev "$IF_GEN" up || b_die "ip link failed"
	ip -n "$NS_CAP" link set dev "$IF_CAP" up || b_die "ip link failed"
}

# The capture end's XDP hook: `pass` (bench/pass.bpf.o, when no xdpspy runs: a veth takes
# redirected frames only while an XDP program runs on it) or `none` (xdpspy brings its own).
b_hook() {
	ip -n "$NS_CAP" link set dev "$IF_CAP" xdp off 2>/dev/null
	if [[ $1 == pass ]]; then
		ip -n "$NS_CAP" link set dev "$IF_CAP" xdpdrv obj "$BB/pass.bpf.o" sec xdp ||
			b_die "cannot attach bench/pass.bpf.o to $IF_CAP"
	fi
}

# (ip netns exec, not nsenter: /sys must be the namespace's to show its devices)
cap_stat() { ip netns exec "$NS_CAP" cat "/sys/class/net/$IF_CAP/statistics/$1"; }

# b_init: everything the scripts share; the capture commands run a private copy of xdpspy, so
# a rebuild of build/xdpspy during the run cannot change (or break) it.
b_init() {
	[[ $(id -u) == 0 ]] || b_die "must run as root"
	local f
	for f in gen ringpos pass.bpf.o mix.pcap; do
		[[ -e $BB/$f ]] || b_die "missing $BB/$f: run make bench"
	done
	B_WORK=$(mktemp -d /tmp/xsbench.XXXXXX) || b_die "mktemp failed"
	trap b_cleanup EXIT
	trap 'exit 130' INT TERM HUP
	cp "$XS_ROOT/build/xdpspy" "$B_WORK/xdpspy" || b_die "no build/xdpspy"
	XDPSPY=$B_WORK/xdpspy
	b_cgroup_root
	local p c
	for p in /proc/[0-9]*; do
		read -r c <"$p/comm" 2>/dev/null && [[ $c == ksoftirqd/* ]] && KSOFTIRQD+=" ${p#/proc/}"
	done
	# shellcheck disable=SC2034 # the unit of softirq_ticks, for the scripts' rows
	HZ=$(getconf CLK_TCK)
}
