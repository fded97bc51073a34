#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Golden replay: every pcap of tests/data and of the shared corpus, replayed through the kernel
# program and compared with tcpdump on the same file (../shared/corpus/compare-with-tcpdump,
# "any TCP" filter, prefix mode up to `length N`). Then the host-parser path, the sanitizer
# build, name resolution in a private namespace, and the error paths with their exit codes.
# FULL=1 adds more flag sets (make check-full).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
cmp=$shared/corpus/compare-with-tcpdump
bin=$top/build/xdpspy
san=$top/build/xdpspy-san
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "replay: FAIL $*"
}

# shellcheck source=golden_pcaps.sh
. "$top/tests/golden_pcaps.sh"
flagsets=("-n -tt" "-S -n -tt" "-n -tt -e" "-n")
if [ "${FULL:-0}" = 1 ]; then
	flagsets+=("-n -ttt" "-n -tttt" "-n -ttttt" "-n -t -q" "-n -tt -e -S" "-n -tt -#"
		"-nn -tt --nano" "-n -tt -q -e" "-n -t -K")
fi

# One comparison; prints its diff on failure.
compare() {
	local pcap=$1 tool=$2
	shift 2
	local out
	if out=$("$cmp" -q --tool-no-filter --filter "$alltcp" "$pcap" "$tool" "$@" 2>&1); then
		ok
	else
		bad "$(basename "$pcap") [$tool $*]"
		"$cmp" --tool-no-filter --filter "$alltcp" --max-diffs 3 "$pcap" "$tool" "$@" 2>&1 |
			sed -n '4,20p'
	fi
}

# Kernel path (every frame through the XDP program), every flag set.
for flags in "${flagsets[@]}"; do
	for f in "${pcaps[@]}"; do
		# shellcheck disable=SC2086
		compare "$f" "$bin --kernel-parser" $flags
	done
done

# The differential fuzzer's regression captures, every record, both paths.
for flags in "${flagsets[@]}" "-v -n -tt"; do
	for f in "${unfiltered[@]}"; do
		for tool in "$bin --kernel-parser" "$bin"; do
			# shellcheck disable=SC2086
			if "$cmp" -q --filter '' "$f" "$tool" $flags >/dev/null 2>&1; then
				ok
			else
				bad "$(basename "$f") [$tool $flags]"
				# shellcheck disable=SC2086
				"$cmp" --filter '' --max-diffs 3 "$f" "$tool" $flags 2>&1 |
					sed -n '4,20p'
			fi
		done
	done
done

# The default path (the host build of the parser) must print the same; so must the sanitizer
# build, through the kernel.
for f in "${pcaps[@]}"; do
	compare "$f" "$bin" -n -tt
	compare "$f" "$san --kernel-parser" -S -n -tt
done

# Every frame went through the kernel, apart from the ones a test run refuses.
for f in "$shared"/corpus/tcpdump-tests/ssh.pcap "$top"/tests/data/tcp-options.pcap; do
	msg=$("$bin" --kernel-parser -v -n -r "$f" 2>&1 >/dev/null | tail -n 1)
	case "$msg" in
	*" 0 through the host parser"*) ok ;;
	*) bad "kernel path not taken for $(basename "$f"): $msg" ;;
	esac
done

# --json: one valid object per packet, for every capture.
if "$bin" --json -n -r "$top/tests/data/tcp-options.pcap" 2>/dev/null >"$work/json.out" &&
	python3 -c '
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
assert len(objs) == int(sys.argv[2]) and all(o["type"] == "packet" for o in objs), len(objs)
' "$work/json.out" "$("$bin" -n -r "$top/tests/data/tcp-options.pcap" 2>/dev/null | wc -l)"; then
	ok
else
	bad "--json output"
fi

# Without BPF privileges, --kernel-parser falls back to the host parser, with a one-line notice.
f=$top/tests/data/handshake-v4v6.pcap
if setpriv --bounding-set -all --inh-caps -all "$bin" --kernel-parser -n -tt -r "$f" >"$work/nopriv.out" \
	2>"$work/nopriv.err" && grep -q 'CAP_BPF' "$work/nopriv.err" &&
	cmp -s "$work/nopriv.out" <("$bin" -n -tt -r "$f" 2>/dev/null); then
	ok
else
	bad "replay without privileges: $(head -c 300 "$work/nopriv.err")"
fi

# Names: without -n, only inside a private network and mount namespace with fixture hosts.
names_test() {
	local hosts=$work/hosts resolv=$work/resolv.conf
	printf '10.0.0.1 client.example\n10.0.0.2 server.example\n2001:db8::1 v6client.example\n' >"$hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$resolv"
	for f in "$top"/tests/data/handshake-v4v6.pcap "$top"/tests/data/interleaved-flows.pcap; do
		if unshare -nm sh -c "mount --bind '$hosts' /etc/hosts && mount --bind '$resolv' /etc/resolv.conf &&
			'$cmp' -q --allow-name-resolution --tool-no-filter --filter '$alltcp' '$f' '$bin' -tt" \
			>"$work/names.out" 2>&1; then
			ok
		else
			bad "name resolution on $(basename "$f")"
			cat "$work/names.out"
		fi
	done
}
if unshare -nm true 2>/dev/null; then
	names_test
else
	echo "replay: SKIP name resolution (no unshare here)"
fi

# Errors: one line on stderr, documented exit codes.
expect_exit() {
	local want=$1 what=$2
	shift 2
	"$@" >"$work/out" 2>"$work/err"
	local rc=$?
	if [ $rc -eq "$want" ] && [ "$(wc -l <"$work/err")" -ge 1 ]; then
		ok
	else
		bad "$what: exit $rc (want $want): $(head -c 300 "$work/err")"
	fi
}
expect_exit 1 "missing file" "$bin" -r "$work/nope.pcap"
printf 'not a pcap at all' >"$work/junk"
expect_exit 1 "not a capture" "$bin" -r "$work/junk"
# A DLT_RAW capture: valid pcap, not Ethernet.
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x65\x00\x00\x00' >"$work/raw.pcap"
expect_exit 1 "non-Ethernet capture" "$bin" -r "$work/raw.pcap"
expect_exit 1 "unknown flag" "$bin" --no-such-flag
expect_exit 1 "bad count" "$bin" -c 0 -r "$top/tests/data/tcp-flags.pcap"
expect_exit 1 "too many -t" "$bin" -tttttt -r "$top/tests/data/tcp-flags.pcap"
# A file cut inside a record: what was read is printed, then an error.
head -c 300 "$top/tests/data/tcp-flags.pcap" >"$work/cut.pcap"
expect_exit 1 "truncated file" "$bin" -n -r "$work/cut.pcap"
# stdin works like a file.
if "$bin" -n -tt -r - <"$top/tests/data/tcp-flags.pcap" 2>/dev/null |
	cmp -s - <(TZ=UTC "$bin" -n -tt -r "$top/tests/data/tcp-flags.pcap" 2>/dev/null); then
	ok
else
	bad "-r - differs from -r FILE"
fi
# -c stops after N records.
n=$("$bin" -n -c 5 -r "$top/tests/data/tcp-flags.pcap" 2>/dev/null | wc -l)
[ "$n" = 5 ] && ok || bad "-c 5 printed $n lines"

echo "replay: $pass passed, $fail failed"
[ $fail -eq 0 ]
