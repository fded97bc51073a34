#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make demo`: two private namespaces joined by a veth pair, xdpspy on one end, a short real TCP
# conversation across (handshake, one request and its reply, FIN both ways); prints xdpspy's
# lines and closing counts, then removes everything. Needs root and a built build/xdpspy.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/netns.sh"

die() {
	echo "demo: $*" >&2
	exit 1
}

[[ $(id -u) == 0 ]] || die "needs root (XDP and namespaces)"
[[ -x $XDPSPY ]] || die "$XDPSPY not built: run make"
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf

xs_init || die "no scratch directory"
xs_topology || die "cannot create the namespaces"

echo "xdpspy demo: TCP from $IP4_B ($NS_B) to $IP4_A:9000 ($NS_A), captured on $IF_A"
echo "\$ xdpspy -i $IF_A -n"

# -l: each line is in the file as soon as it is printed, which is the barrier below.
spawn xd "$NS_A" "$XDPSPY" -i "$IF_A" -n -l --ready-file "$XS_WORK/xd.ready"
xd=$SPAWN_PID
wait_until 10000 test -e "$XS_WORK/xd.ready" || {
	cat "$XS_WORK/xd.err" >&2
	die "xdpspy did not start"
}
read -r rx0 tx0 <<<"$(xs_if_packets "$NS_A" "$IF_A")"

spawn_peer srv "$NS_A" server --bind "$IP4_A" --port 9000 --ready-file "$XS_WORK/srv.ready"
wait_until 5000 test -e "$XS_WORK/srv.ready" || die "the TCP server did not start"
peer "$NS_B" client --connect "$IP4_A" --port 9000 --sizes 64:512 || die "the conversation failed"

# The links are quiet (see netns.sh): every packet the interface counted is the conversation's,
# and each one must have become a line before xdpspy is stopped.
read -r rx tx <<<"$(xs_if_packets "$NS_A" "$IF_A")"
want=$((rx - rx0 + tx - tx0))
wait_until 5000 file_lines_ge "$XS_WORK/xd.out" "$want" ||
	echo "demo: $want packets crossed $IF_A, xdpspy printed $(wc -l <"$XS_WORK/xd.out") so far" >&2

kill -INT "$xd"
wait_exit "$xd" 5000 || die "xdpspy did not stop on SIGINT"
cat "$XS_WORK/xd.out"
# Its closing counts (the start-up lines are tcpdump's chatter, known from the heading).
grep -vE '^(listening on|xdpspy: verbose output suppressed)' "$XS_WORK/xd.err"
[[ $EXIT_RC == 0 ]] || die "xdpspy exited with $EXIT_RC"
