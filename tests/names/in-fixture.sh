#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs a command in private network and mount namespaces whose /etc/hosts, /etc/services,
# /etc/nsswitch.conf and /etc/resolv.conf are this folder's, so names resolve alike on every
# machine (the goldens without -n were made in here) and no lookup leaves it. Root.
# Usage: tests/names/in-fixture.sh COMMAND [ARG...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec unshare -nm sh -c 'for f in hosts services nsswitch.conf resolv.conf; do
	mount --bind "$0/$f" "/etc/$f" || exit 1
done
exec "$@"' "$here" "$@"
