#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the parse->print fuzzer for a bounded time, seeded from every pcap we have, plus the
# regression inputs in tests/data/fuzz/. Usage: run-fuzz.sh FUZZER SECONDS
set -eu
fuzzer=$1
secs=$2
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/build/fuzz
rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
"${PYTHON:-python3}" "$top/tests/fuzz/seeds.py" "$work/seeds" "$top"/tests/data/*.pcap* \
	"$top"/tests/corpus/tcpdump/*.pcap*
[ -d "$top/tests/data/fuzz" ] && cp "$top"/tests/data/fuzz/* "$work/seeds/" 2>/dev/null || true
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds" 2>"$work/log" || {
	tail -n 40 "$work/log"
	echo "fuzz: FAILED (crash inputs in $work/artifacts; keep them in tests/data/fuzz/)"
	exit 1
}
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$work/log" | sed 's/^/fuzz: /'
echo "fuzz: 1 passed, 0 failed"
