#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the unit-test binaries (each prints "N passed, M failed") and sums them up.
set -u
pass=0
fail=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ $rc -ne 0 ] || [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 30
		echo "unit: $(basename "$t") FAILED (exit $rc)"
		fail=$((fail + 1))
	else
		echo "unit: $(basename "$t"): $line"
		set -- $line
		pass=$((pass + $1))
	fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
