#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs test_classic with host names: in a private network and mount namespace whose
# /etc/hosts is the test's own fixture (test_classic --hosts) and whose resolver points at a
# loopback that is down, so no lookup leaves the machine. Without unshare (not root), the
# test runs as it is and checks the same lines with -n.
set -eu
bin=${1:?usage: run-classic.sh path/to/test_classic}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --hosts >"$work/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$work/resolv.conf"
if unshare -nm true 2>/dev/null; then
	unshare -nm sh -c "mount --bind '$work/hosts' /etc/hosts &&
		mount --bind '$work/resolv.conf' /etc/resolv.conf &&
		XS_NAMES_FIXTURE=1 '$bin'"
else
	echo "classic: no unshare here; names checked as -n"
	"$bin"
fi
