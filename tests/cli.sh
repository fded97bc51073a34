#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The command line a tcpdump user meets first (`make test-cli`, no root needed): --help, the man
# page and README agree on every option and subcommand; a bad option gets tcpdump's short
# usage and exit 1; -D lists the interfaces exactly as tcpdump -D does; --max-conns bounds.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${XDPSPY:-$top/build/xdpspy}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "cli: FAIL $*"
}

# run WANT WHAT CMD...: CMD exits WANT; its stdout and stderr in $work/out, $work/err.
run() {
	local want=$1 what=$2 rc
	shift 2
	"$@" >"$work/out" 2>"$work/err"
	rc=$?
	[[ $rc == "$want" ]] && ok || bad "$what: exit $rc (want $want): $(head -c 200 "$work/err")"
}

python3 "$top/tests/check_docs.py" "$bin" "$top/man/xdpspy.8" "$top/README.md" && ok ||
	bad "--help, man page and README disagree"

run 0 "--help" "$bin" --help
grep -q '^subcommands' "$work/out" && [[ ! -s $work/err ]] && ok || bad "--help: no subcommands, or stderr"

# A bad option: as tcpdump, the complaint, a short usage on stderr, exit 1, nothing on stdout.
for arg in --no-such-flag -j; do
	run 1 "bad option $arg" "$bin" "$arg"
	head -1 "$work/err" | grep -qE "^xdpspy: (unrecognized|invalid) option" && ok ||
		bad "bad option $arg: first line '$(head -1 "$work/err")'"
	n=$(wc -l <"$work/err")
	grep -q '^Usage: xdpspy ' "$work/err" && ((n <= 8)) && [[ ! -s $work/out ]] && ok ||
		bad "bad option $arg: want a short usage (<= 8 lines) on stderr only, got $n lines"
done
# Bad arguments: one line naming them, exit 1.
run 1 "-c 0" "$bin" -c 0
[[ $(cat "$work/err") == "xdpspy: invalid packet count 0" ]] && ok || bad "-c 0: $(cat "$work/err")"
run 1 "-s -1" "$bin" -s -1
[[ $(cat "$work/err") == "xdpspy: invalid snaplen -1 (must be >= 0 and <= 262144)" ]] && ok ||
	bad "-s -1: $(cat "$work/err")"
run 1 "stats with two interfaces" "$bin" stats a b
run 1 "--max-conns 0" "$bin" --max-conns 0
[[ $(cat "$work/err") == "xdpspy: invalid flow count 0 (1 to 2147483647)" ]] && ok ||
	bad "--max-conns 0: $(cat "$work/err")"
# A subcommand's bad value: exit 1 at once (these spun forever when getopt went on past argv).
run 1 "watch --interval 0.01" timeout 5 "$bin" watch --interval 0.01
run 1 "flows --top 0" timeout 5 "$bin" flows --top 0
run 1 "audit --for abc" timeout 5 "$bin" audit --for abc
head -1 "$work/err" | grep -qx "xdpspy: invalid --for abc (seconds, or 60s, 2m, 1h)" && ok ||
	bad "audit --for abc: $(head -1 "$work/err")"
run 1 "audit with an argument" timeout 5 "$bin" audit extra

# The bound: the default changes no line of a capture with interleaved connections; room for
# one connection changes some (an evicted connection starts over) and no line count.
cap=$top/tests/data/interleaved-flows.pcap
run 0 "-r default" "$bin" -n -r "$cap"
mv "$work/out" "$work/default"
run 0 "--max-conns 1048576" "$bin" -n --max-conns 1048576 -r "$cap"
cmp -s "$work/out" "$work/default" && ok || bad "--max-conns 1048576 changed the lines"
run 0 "--max-conns 1" "$bin" -n --max-conns 1 -r "$cap"
if ! cmp -s "$work/out" "$work/default" && (($(wc -l <"$work/out") == $(wc -l <"$work/default"))); then
	ok
else
	bad "--max-conns 1: want other numbers, the same lines"
fi

# -D: tcpdump's list, line for line ([none] for a device without status bits, no brackets
# without flags).
if command -v tcpdump >/dev/null; then
	diff <(tcpdump -D 2>&1) <("$bin" -D 2>&1) >"$work/diff" && ok || {
		bad "-D differs from tcpdump -D:"
		sed 's/^/    /' "$work/diff"
	}
fi

echo "cli: $pass passed, $fail failed"
((fail == 0))
