#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Golden replay: every capture of tests/data and tests/corpus/tcpdump, replayed through the
# kernel program and compared with what tcpdump 4.99.3 printed for it (tests/golden/, by
# tests/compare.py: the packets any TCP filter takes, prefix mode up to `length N`). First the
# comparer itself; then the host-parser path, the sanitizer build, name resolution in the
# fixture namespace, and the error paths with their exit codes. FULL=1 adds more flag sets
# (make check-full). No tcpdump is run: the test means the same on every machine.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-python3}
comparer=("$py" "$top/tests/compare.py" --golden)
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
flagsets=("${replay_flags[@]}")
[ "${FULL:-0}" = 1 ] && flagsets+=("${full_flags[@]}")

# compare_must MODE STATUS PCAP TOOL FLAGS...: the comparer itself, against a tool it must
# pass or fail (status 0, 1) or refuse to compare with (2).
compare_must() {
	local mode=$1 want=$2
	shift 2
	"${comparer[@]}" -q $mode "$@" >"$work/selftest" 2>&1
	local rc=$?
	[ $rc -eq "$want" ] && ok ||
		bad "compare.py $mode $* exited $rc, not $want: $(tail -n 3 "$work/selftest")"
}
# A tool that prints what xdpspy prints, edited by sed: mutant SED-SCRIPT.
mutant() {
	printf '#!/bin/sh\n"%s" "$@" | sed "%s"\n' "$bin" "$1" >"$work/mutant"
	chmod +x "$work/mutant"
}
ssh=$corpus/ssh.pcap
compare_must "" 0 "$ssh" "$bin" -n -tt
mutant 3d # a record missing
compare_must "" 1 "$ssh" "$work/mutant" -n -tt
mutant 3p # a record twice
compare_must "" 1 "$ssh" "$work/mutant" -n -tt
mutant '5s/win [0-9]*/win 1/' # a field changed
compare_must "" 1 "$ssh" "$work/mutant" -n -tt
mutant 's/: SSH: /: XSH: /' # after `length N`: only --full looks there
compare_must "" 0 "$ssh" "$work/mutant" -n -tt
compare_must --full 1 "$ssh" "$work/mutant" -n -tt
mutant '/0x0040:/s/ [0-9a-f]\{4\} / 0000 /' # a dumped byte
compare_must "" 0 "$ssh" "$work/mutant" -n -tt -X
compare_must --dump 1 "$ssh" "$work/mutant" -n -tt -X
compare_must "" 2 "$ssh" "$bin" -n -tt -K # no golden for these flags
cp "$ssh" "$work/ssh.pcap" # a capture without goldens
compare_must "" 2 "$work/ssh.pcap" "$bin" -n -tt
# --captures: one summary line per capture, in order; only ssh.pcap's lines are changed.
mutant '/223\.132\.53\.222/s/win [0-9]*/win 1/'
got=$(printf '%s\n' "$ssh" "$top/tests/data/tcp-flags.pcap" "$work/ssh.pcap" |
	"${comparer[@]}" -q --captures - "$work/mutant" -n -tt | cut -c1-6 | tr '\n' ' ')
[ "$got" = "FAIL:  PASS:  ERROR: " ] && ok || bad "compare.py --captures: '$got'"

# Kernel path (every frame through the XDP program), every flag set.
for flags in "${flagsets[@]}"; do
	# shellcheck disable=SC2086
	golden_compare pcaps "$bin --kernel-parser" $flags
done

# The differential fuzzer's regression captures, every record, whole, both paths.
for flags in "${unfiltered_flags[@]}"; do
	for tool in "$bin --kernel-parser" "$bin"; do
		# shellcheck disable=SC2086
		golden_compare --all unfiltered "$tool" $flags
	done
done

# The default path (the host build of the parser) must print the same; so must the sanitizer
# build, through the kernel.
golden_compare pcaps "$bin" -n -tt
golden_compare pcaps "$san --kernel-parser" -S -n -tt

# Every frame went through the kernel, apart from the ones a test run refuses.
for f in "$ssh" "$top"/tests/data/tcp-options.pcap; do
	msg=$("$bin" --kernel-parser -v -n -r "$f" 2>&1 >/dev/null | tail -n 1)
	case "$msg" in
	*" 0 through the host parser"*) ok ;;
	*) bad "kernel path not taken for $(basename "$f"): $msg" ;;
	esac
done

# --json: one valid object per packet, for every capture.
if "$bin" --json -n -r "$top/tests/data/tcp-options.pcap" 2>/dev/null >"$work/json.out" &&
	"$py" -c '
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

# Names: without -n, only inside the fixture namespace the goldens were made in (tests/names).
names_test() {
	local f flags
	for flags in "${names_flags[@]}"; do
		for f in "${names_pcaps[@]}"; do
			# shellcheck disable=SC2086
			if "$top/tests/names/in-fixture.sh" "${comparer[@]}" --allow-name-resolution "$f" "$bin" \
				$flags >"$work/names.out" 2>&1; then
				ok
			else
				bad "name resolution on $(basename "$f")"
				cat "$work/names.out"
			fi
		done
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
