#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Payload views and pcap files: whole records (--full) against tcpdump 4.99.3's (the goldens
# of tests/golden, by tests/compare.py) with -X, -x, -A, -v and -vv on the captures of
# tests/payload/strict-pcaps.txt; `--dump -X` on every capture of tests/corpus/tcpdump (bar
# tests/payload/dump-exceptions.txt); -w round trips (this machine's tcpdump reads both files),
# rotation, a write onto a full filesystem; --classic against the seed article's lines is a
# unit test (test_classic).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-python3}
comparer=("$py" "$top/tests/compare.py" --golden)
bin=$top/build/xdpspy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=golden_pcaps.sh
. "$top/tests/golden_pcaps.sh"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "payload: FAIL $*"
}

# Whole records: the line with what follows `length N`, and the dumps.
for flags in "${strict_flags[@]}"; do
	# shellcheck disable=SC2086
	golden_compare --full strict_pcaps "$bin --kernel-parser" $flags
done

# The dumped bytes of every corpus capture, through the kernel and through the host parser.
for flags in "${dump_flags[@]}"; do
	# shellcheck disable=SC2086
	golden_compare --dump dump_pcaps "$bin --kernel-parser" $flags
done
"${comparer[@]}" -q --dump "$corpus/ssh.pcap" "$bin" -n -tt -X >/dev/null &&
	ok || bad "--dump ssh.pcap through the host parser"

# -w then tcpdump -r: the same lines as tcpdump prints for the original packets, filtered or
# not, and through standard output.
for f in "$corpus/ssh.pcap" "$top/tests/data/vlan-qinq.pcap" "$top/tests/data/tcp-truncation.pcap" \
	"$corpus/bigtcp-ipv6-hbh.pcap" "$top/tests/data/nsec.pcap"; do
	for ext in pcap pcapng; do # a .pcapng name writes pcapng (interface blocks, EPBs)
		"$bin" -r "$f" -w "$work/out.$ext" 2>/dev/null
		if cmp -s <(tcpdump -n -tt -v -r "$f" 2>/dev/null) <(tcpdump -n -tt -v -r "$work/out.$ext" 2>/dev/null); then
			ok
		else
			bad "-w round trip of $(basename "$f") as $ext"
		fi
	done
done
head -c 4 "$work/out.pcapng" | od -An -tx1 | grep -q '0a 0d 0d 0a' && ok || bad "-w x.pcapng: not a pcapng"
if cmp -s <(tcpdump -n -tt -r "$corpus/ssh.pcap" 'port 22 and tcp[13] & 8 != 0' 2>/dev/null) \
	<("$bin" -r "$corpus/ssh.pcap" -w - 'port 22 and tcp[13] & 8 != 0' 2>/dev/null |
		tcpdump -n -tt -r - 2>/dev/null); then
	ok
else
	bad "-w - with a filter"
fi
head -c 4 "$work/out.pcap" | od -An -tx1 | grep -q '4d 3c b2 a1' && ok || bad "-w: not a nanosecond pcap"
"$bin" -n -tt -r "$corpus/ssh.pcap" -w "$work/p.pcap" --print >"$work/print.out" 2>/dev/null
cmp -s "$work/print.out" <("$bin" -n -tt -r "$corpus/ssh.pcap" 2>/dev/null) && ok ||
	bad "--print with -w"

# -C 1: a new file past a million bytes, named as tcpdump names them (rot, rot1, ...; with -W,
# rot0, rot1, ... in turn), every packet in exactly one of them.
big=()
for _ in $(seq 30); do big+=("$corpus/bigtcp-ipv4.pcap" "$corpus/ssh.pcap"); done
"$py" "$top/tests/filter/merge_pcaps.py" "$work/big.pcap" "${big[@]}"
total=$(tcpdump -r "$work/big.pcap" 2>/dev/null | wc -l)
"$bin" -r "$work/big.pcap" -w "$work/rot" -C 1 2>/dev/null
got=$(cat "$work/rot" "$work"/rot[0-9]* 2>/dev/null | wc -c)
n=0
for f in "$work/rot" "$work"/rot[0-9]*; do n=$((n + $(tcpdump -r "$f" 2>/dev/null | wc -l))); done
if [ -s "$work/rot1" ] && [ -s "$work/rot2" ] && [ "$n" = "$total" ] && [ "$got" -gt 2000000 ] &&
	[ "$(stat -c %s "$work/rot")" -lt 1100000 ]; then
	ok
else
	bad "-C 1: $(ls "$work" | grep -c '^rot') files, $n of $total packets"
fi
"$bin" -r "$work/big.pcap" -w "$work/w" -C 1 -W 2 2>/dev/null
[ -s "$work/w0" ] && [ -s "$work/w1" ] && [ ! -e "$work/w" ] && [ ! -e "$work/w2" ] && ok ||
	bad "-C 1 -W 2: $(ls "$work" | grep '^w' | tr '\n' ' ')"

# A full filesystem: a clear message, exit 1, and exactly the packets it says are in the file.
full_disk() {
	unshare -m sh -c "mount -t tmpfs -o size=8k tmpfs '$work/tiny' &&
		'$bin' -r '$corpus/ssh.pcap' -w '$work/tiny/o.$1' 2>'$work/full.err'
		echo \$? >'$work/full.rc'
		tcpdump -r '$work/tiny/o.$1' 2>/dev/null | wc -l >'$work/full.n'"
}
mkdir -p "$work/tiny"
if unshare -m true 2>/dev/null; then
	for ext in pcap pcapng; do
		full_disk $ext
		said=$(sed -n 's/.*; \([0-9]*\) packets\? written$/\1/p' "$work/full.err")
		if [ "$(cat "$work/full.rc")" = 1 ] && grep -q 'No space left on device' "$work/full.err" &&
			[ -n "$said" ] && [ "$said" = "$(cat "$work/full.n")" ] && [ "$said" -gt 0 ]; then
			ok
			echo "payload: full disk ($ext): exit 1, '$(tail -1 "$work/full.err")', file holds $said"
		else
			bad "full disk ($ext): rc $(cat "$work/full.rc"), '$(cat "$work/full.err")', file holds $(cat "$work/full.n")"
		fi
	done
else
	echo "payload: SKIP full disk (no unshare here)"
fi

echo "payload: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
