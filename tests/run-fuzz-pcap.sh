#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the pcap/pcapng reading fuzzer (tests/fuzz/fuzz_pcap_read.c) for a bounded time. Seeds:
# every pcap/pcapng we have, each behind a few selector headers (the command line the target
# builds), plus the crash regressions tests/data/fuzz/pcap-*. Usage: run-fuzz-pcap.sh FUZZER SECONDS
set -eu
fuzzer=$1
secs=$2
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/build/fuzz-pcap
rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"

# Selector bytes (see the target): plain; -X -v -e -tt; -x -w - --print -S --json and `tcp`;
# -vK --classic -tttt and a tcp[tcpflags] expression.
hdrs=('\000\000\000' '\053\002\000' '\301\050\061' '\230\104\004')
n=0
for f in "$top"/tests/data/*.pcap* "$top"/tests/corpus/tcpdump/*.pcap*; do
	[ -f "$f" ] || continue
	for i in "${!hdrs[@]}"; do
		{
			printf '%b' "${hdrs[$i]}"
			cat "$f"
		} >"$work/seeds/$(basename "$f").$i"
		n=$((n + 1))
	done
done
for f in "$top"/tests/data/fuzz/pcap-*; do
	[ -f "$f" ] && cp "$f" "$work/seeds/" && n=$((n + 1))
done
echo "fuzz-pcap: $n seeds"

# -close_fd_mask=2: replay's "reading from file" lines go nowhere; libFuzzer's and the
# sanitizers' reports still reach the log.
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-close_fd_mask=2 -artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds" \
	2>"$work/log" || {
	tail -n 60 "$work/log"
	echo "fuzz-pcap: FAILED (crash inputs in $work/artifacts: keep as tests/data/fuzz/pcap-*)"
	exit 1
}
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' \
	"$work/log" | sed 's/^/fuzz-pcap: /'
echo "fuzz-pcap: 1 passed, 0 failed"
