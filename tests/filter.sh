#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Filter expressions, evaluated in the kernel, against tcpdump on the same packets.
# Every expression of tests/filter/expressions.txt runs as '(EXPR) and tcp' over every packet
# of every capture (tests/data and tests/corpus/tcpdump, merged into one file so each
# expression loads once; FULL=1 runs each capture on its own too), compared by
# tests/compare.py with this machine's tcpdump, not with goldens: what is tested is which
# packets an expression takes, and the reference for that is the libpcap xdpspy compiles
# expressions with, this machine's (the lines themselves are held to tcpdump 4.99.3's goldens
# by tests/replay.sh). Then the ways an expression can be given (words, one argument, -F with
# comments), -d, libpcap's errors, host names in a private namespace, the host path and the
# sanitizer build.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-python3}
comparer=("$py" "$top/tests/compare.py")
bin=$top/build/xdpspy
san=$top/build/xdpspy-san
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "filter: FAIL $*"
}

# shellcheck source=golden_pcaps.sh
. "$top/tests/golden_pcaps.sh"
merged=$work/merged.pcap
"$py" "$top/tests/filter/merge_pcaps.py" "$merged" "${pcaps[@]}" || exit 1
version=$(tcpdump --version 2>/dev/null | head -n 1)
[ "$version" = "tcpdump version 4.99.3" ] ||
	echo "filter: note: lines are compared with this machine's ${version:-tcpdump}, not 4.99.3"
all_tcp=$(tcpdump -n -r "$merged" tcp 2>/dev/null | grep -c .)

# One comparison; prints the diff on failure. Sets $records to the records tcpdump printed.
records=0
compare() {
	local filter=$1 pcap=$2 tool=$3 out
	shift 3
	if out=$("${comparer[@]}" --filter "$filter" --max-diffs 3 "$pcap" "$tool" "$@" 2>&1); then
		ok
	else
		bad "'$filter' on $(basename "$pcap") [$tool $*]"
		printf '%s\n' "$out" | sed -n '1,20p'
	fi
	records=$(printf '%s\n' "$out" | sed -n 's|.*: \([0-9]*\)/[0-9]* records match.*|\1|p' | head -1)
	records=${records:-0}
}

# The expression list: agreement, and the tag's promise.
exprs=0
while IFS=$'\t' read -r tag expr; do
	case "$tag" in '' | '#'*) continue ;; esac
	exprs=$((exprs + 1))
	if [ "$tag" = refused ]; then
		want=$(tcpdump -n -r "$merged" "($expr) and tcp" 2>&1 >/dev/null | sed -n 's/^tcpdump: //p')
		got=$("$bin" -n -r "$merged" "($expr) and tcp" 2>&1 >/dev/null | sed -n 's/^xdpspy: //p')
		"$bin" -n -r "$merged" "($expr) and tcp" >/dev/null 2>&1
		rc=$?
		[ -n "$want" ] && [ "$want" = "$got" ] && [ $rc -eq 1 ] && ok ||
			bad "'$expr': rc $rc, '$got', tcpdump '$want'"
		continue
	fi
	compare "($expr) and tcp" "$merged" "$bin --kernel-parser" -n -tt
	got=$("$bin" -n -r "$merged" "$expr" 2>/dev/null | grep -c .)
	case "$tag" in
	some) [ "$records" -gt 0 ] && ok || bad "'$expr' matches no TCP packet (tag some)" ;;
	none) [ "$got" -eq 0 ] && ok || bad "'$expr' printed $got lines (tag none)" ;;
	all) [ "$records" -ge "$all_tcp" ] || [ "$(tcpdump -n -r "$merged" "($expr) and tcp" 2>/dev/null |
		grep -c .)" -eq "$all_tcp" ] && ok || bad "'$expr' misses TCP packets (tag all)" ;;
	*) bad "unknown tag '$tag' in expressions.txt" ;;
	esac
	if [ "${FULL:-0}" = 1 ]; then
		for f in "${pcaps[@]}"; do
			compare "($expr) and tcp" "$f" "$bin --kernel-parser" -n -tt
		done
	fi
done <"$top/tests/filter/expressions.txt"
[ "$exprs" -ge 40 ] && ok || bad "only $exprs expressions in the list"

# The same expressions through the default host path (libpcap's interpreter) and the
# sanitizer build.
for expr in 'port 22 or port 179' 'ip6 protochain 6' 'vlan and tcp[tcpflags] & tcp-syn != 0'; do
	compare "($expr) and tcp" "$merged" "$bin" -n -tt
	compare "($expr) and tcp" "$merged" "$san --kernel-parser" -S -n -tt
done

# Words, one argument, -F with comments: the same packets.
f=$corpus/ssh.pcap
"$bin" -n -tt -r "$f" tcp and port 22 and 'tcp[13] & 2 != 0' >"$work/words" 2>/dev/null
"$bin" -n -tt -r "$f" 'tcp and port 22 and tcp[13] & 2 != 0' >"$work/one" 2>/dev/null
printf '# SYNs to or from ssh\ntcp and port 22 # the port\n and tcp[13] & 2 != 0\n' >"$work/expr"
"$bin" -n -tt -r "$f" -F "$work/expr" >"$work/file" 2>/dev/null
"$bin" -n -tt -r "$f" -c 1 'tcp[13] & 2 != 0' >"$work/count" 2>/dev/null
if [ -s "$work/words" ] && cmp -s "$work/words" "$work/one" && cmp -s "$work/words" "$work/file" &&
	[ "$(grep -c . "$work/words")" = 2 ] && [ "$(grep -c . "$work/count")" = 1 ]; then
	ok
else
	bad "words, one argument, -F and -c disagree"
fi
# Options after the expression, as tcpdump's getopt allows.
"$bin" -r "$f" 'tcp[13] & 2 != 0' -n -tt >"$work/late" 2>/dev/null
cmp -s "$work/words" "$work/late" && ok || bad "options after the expression"

# -d: the classic program exactly as tcpdump prints it, then the eBPF the kernel runs.
for expr in 'tcp port 443 and host 10.0.0.1' 'ip6 protochain 6' 'vlan 100 and len > 60'; do
	tcpdump -d -r "$f" "$expr" 2>/dev/null >"$work/td"
	"$bin" -d -r "$f" "$expr" >"$work/xd" 2>/dev/null
	n=$(grep -c . "$work/td")
	if [ "$n" -gt 0 ] && cmp -s "$work/td" <(head -n "$n" "$work/xd") &&
		grep -q '^eBPF' "$work/xd" && grep -q 'exit' "$work/xd"; then
		ok
	else
		bad "-d '$expr'"
	fi
done
for d in -dd -ddd; do
	cmp -s <(tcpdump $d -r "$f" 'port 22' 2>/dev/null) <("$bin" $d -r "$f" 'port 22' 2>/dev/null) &&
		ok || bad "$d differs from tcpdump"
done

# Errors: libpcap's message, as tcpdump prints it, and exit 1.
for expr in 'tcp and' 'port nosuchport' 'ip6 host 10.0.0.1' 'net 10.0.0.1/8' 'ether host 1:2' \
	'tcp[tcpflags] & tcp-foo != 0'; do
	want=$(tcpdump -n -r "$f" "$expr" 2>&1 >/dev/null | sed -n 's/^tcpdump: //p')
	got=$("$bin" -n -r "$f" "$expr" 2>&1 >/dev/null | sed -n 's/^xdpspy: //p')
	"$bin" -n -r "$f" "$expr" >/dev/null 2>&1
	rc=$?
	if [ -n "$want" ] && [ "$want" = "$got" ] && [ $rc -eq 1 ]; then
		ok
	else
		bad "error for '$expr': rc $rc, got '$got', tcpdump '$want'"
	fi
done
"$bin" -n -r "$f" -F "$work/no-such-file" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 1 ] && grep -q "can't open" "$work/err" && ok || bad "-F with a missing file: rc $rc"

# Host names resolve as in tcpdump: only inside a private namespace with a fixture hosts file.
names_test() {
	local hosts=$work/hosts resolv=$work/resolv.conf
	printf '10.0.0.1 ws1.example\n10.0.0.2 ws5.example\n2001:db8::2 v6srv.example\n' >"$hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$resolv"
	for expr in 'dst host ws5.example and tcp[tcpflags] & tcp-syn != 0' 'host v6srv.example'; do
		# shellcheck disable=SC2016
		if unshare -nm sh -c 'mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf &&
			shift 2 && exec "$@"' sh "$hosts" "$resolv" "${comparer[@]}" -q --filter "($expr) and tcp" \
			"$merged" "$bin" -n -tt >"$work/names.out" 2>&1; then
			ok
		else
			bad "host names: '$expr'"
			cat "$work/names.out"
		fi
	done
}
if unshare -nm true 2>/dev/null; then
	names_test
else
	echo "filter: SKIP host names (no unshare here)"
fi

echo "filter: $exprs expressions over ${#pcaps[@]} captures ($(tcpdump -r "$merged" 2>/dev/null |
	grep -c .) packets); $pass passed, $fail failed"
[ "$fail" -eq 0 ]
