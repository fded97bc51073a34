#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make deps`: installs every Debian package the build and the tests need. Idempotent, and
# quick when everything is there (one dpkg-query, no network).
set -eu

PKGS="clang clang-19 llvm libbpf-dev bpftool libelf-dev zlib1g-dev libpcap-dev tcpdump iproute2 \
python3 make gcc libclang-rt-14-dev clang-format util-linux iputils-ping ethtool python3-prometheus-client \
cppcheck clang-tidy python3-matplotlib linux-perf iperf3 pkgconf tmux curl bind9-dnsutils \
dnsmasq-base tshark openssl openssh-client"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: need root to install packages" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
