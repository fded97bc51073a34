#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Portability of the BPF object: bpf/xdpspy.bpf.o built with every clang at hand (clang and
# clang-19; CLANGS="..." to choose) by the Makefile's own rules and flags, in build/port/clang-N.
# For each compiler:
#   build   the object, its skeleton, and the kernel test against that skeleton
#   load    every program, with `bpftool prog loadall` (the object's default rodata) and through
#           user/loader.c in the configurations xdpspy uses (tests/kernel/verifier_insns.c)
#   insns   the verifier's instruction count per program and configuration, against
#           tests/data/verifier-insns.txt: a count more than 50 % above the recorded one fails
#   kernel  the kernel-in-the-loop test (build/port/clang-N/tests/test_kernel), for every
#           compiler but the default one, whose object `make test-kernel` already runs
# Root (BPF). Usage: tests/portability.sh [--record]   (--record rewrites the counts of the
# compilers measured, after a change that moves them on purpose)
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
record=0
[ "${1:-}" = --record ] && record=1
data=tests/data/verifier-insns.txt
shopt -s nullglob
pcaps=(tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*)
shopt -u nullglob
default_clang=${CLANG:-clang}
tmp=$(mktemp -d)
pin=/sys/fs/bpf/xdpspy-port-$$ # bpffs refuses names with dots
cleanup() {
	rm -rf "$pin" "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

passed=0
failed=0
ok() {
	passed=$((passed + 1))
	printf 'portability: %-9s %-7s ok%s\n' "$key" "$1" "${2:+ ($2)}"
}
fail() {
	failed=$((failed + 1))
	printf 'portability: %-9s %-7s FAILED%s\n' "$key" "$1" "${2:+ ($2)}"
}

# The verifier's last words before the end of each log in a libbpf/bpftool transcript (a
# failed load prints the whole log, megabytes of it).
log_tail() {
	awk '/-- END PROG LOAD LOG --/ { for (i = n - 5; i <= n; i++) if (i > 0) print "    " l[i];
				       n = 0; next }
	     /BEGIN PROG LOAD LOG/ { n = 0; print "    " $0; next }
	     /^Error:|failed to load/ { print "    " $0 }
	     { l[++n] = substr($0, 1, 200) }' "$1" | head -n 40
}

declare -A seen
measured=() # compilers that built the object
loads=()    # and of those, the ones whose every load passed: --record writes only these
for cc in ${CLANGS:-clang clang-19}; do
	command -v "$cc" >/dev/null || {
		key=$cc
		fail build "not installed (tests/deps.sh installs it; CLANGS=... to choose)"
		continue
	}
	ver=$("$cc" -dumpversion)
	key=clang-${ver%%.*}
	[ -n "${seen[$key]:-}" ] && continue
	seen[$key]=1
	b=build/port/$key

	if ! make -s --no-print-directory BUILD="$b" CLANG="$cc" "$b/xdpspy.bpf.o" \
		"$b/tests/test_kernel" "$b/tests/verifier_insns" >"$tmp/build" 2>&1; then
		tail -n 20 "$tmp/build"
		fail build "$cc $ver"
		continue
	fi
	ok build "$cc $ver"
	measured+=("$key")

	# The object as it is, default rodata: what any loader would see.
	loaded=1
	: >"$tmp/counts"
	rm -rf "$pin"
	if bpftool prog loadall "$b/xdpspy.bpf.o" "$pin" >"$tmp/loadall" 2>&1 &&
		"$b/tests/verifier_insns" pinned "$pin" >"$tmp/counts" 2>"$tmp/vi"; then
		ok load "bpftool prog loadall: $(wc -l <"$tmp/counts") programs"
	else
		log_tail "$tmp/loadall"
		cat "$tmp/vi" 2>/dev/null
		fail load "bpftool prog loadall"
		loaded=0
	fi
	rm -rf "$pin"
	# Through the real loader, with the rodata of each configuration.
	if "$b/tests/verifier_insns" loader >"$tmp/loader" 2>"$tmp/vi"; then
		n=$(cut -d' ' -f1 "$tmp/loader" | sort -u | wc -l)
		ok load "user/loader.c: $n configurations"
	else
		grep -v '^verifier_insns' "$tmp/vi" | head -n 11
		grep '^verifier_insns' "$tmp/vi"
		fail load "user/loader.c"
		loaded=0
	fi
	cat "$tmp/counts" "$tmp/loader" | sed "s/^/$key /" >>"$tmp/now"
	[ $loaded = 1 ] && loads+=("$key")

	if [ "$key" = "clang-$("$default_clang" -dumpversion 2>/dev/null | cut -d. -f1)" ]; then
		continue
	fi
	if [ $loaded = 0 ]; then
		fail kernel "not run: the object does not load"
	elif "$b/tests/test_kernel" "${pcaps[@]}" >"$tmp/kernel" 2>&1; then
		ok kernel "$(tail -n 1 "$tmp/kernel")"
	else
		grep -E 'FAIL' "$tmp/kernel" | head -n 20
		fail kernel "$(tail -n 1 "$tmp/kernel")"
	fi
done
touch "$tmp/now"

# Counts: now against recorded, one column per compiler; ! marks a growth over 50 %.
[ -f "$data" ] || : >"$data"
sort -s -k2,2 -k3,3 "$tmp/now" >"$tmp/now.sorted"
echo "0 0" >"$tmp/sum"
[ ${#measured[@]} -gt 0 ] &&
awk -v keys="${measured[*]}" -v sum="$tmp/sum" '
	FILENAME == ARGV[1] { if ($0 !~ /^#/ && NF == 4) rec[$1 " " $2 " " $3] = $4; next }
	{ id = $2 " " $3; now[$1 " " id] = $4; if (!(id in row)) { row[id] = 1; rows[++nr] = id } }
	END {
		nk = split(keys, k, " ")
		printf "  %-12s %-18s", "config", "program"
		for (i = 1; i <= nk; i++) printf " %23s", k[i] " now/recorded"
		printf "\n"
		for (j = 1; j <= nr; j++) {
			split(rows[j], cp, " ")
			line = sprintf("  %-12s %-18s", cp[1], cp[2])
			show = 0
			for (i = 1; i <= nk; i++) {
				id = k[i] " " rows[j]
				if (!(id in now)) { line = line sprintf(" %23s", "-"); continue }
				r = (id in rec) ? rec[id] : "new"
				mark = " "
				if (r == "new") { fresh++; show = 1 }
				else if (now[id] * 2 > r * 3) { mark = "!"; grew++; show = 1 }
				if (now[id] >= 1000) show = 1
				line = line sprintf(" %22s%s", now[id] "/" r, mark)
			}
			if (show) print line
			else small++
		}
		if (small)
			printf "  (%d rows of programs under 1000 instructions: in budget)\n", small
		print grew + 0, fresh + 0 >sum
	}' "$data" "$tmp/now.sorted"
read -r grew fresh <"$tmp/sum"
key=all
if [ ${#measured[@]} = 0 ]; then
	fail insns "no compiler built the object"
elif [ $record = 1 ]; then
	{
		grep -v '^#' "$data" | awk -v keys=" ${loads[*]} " 'index(keys, " " $1 " ") == 0'
		awk -v keys=" ${loads[*]} " 'index(keys, " " $1 " ")' "$tmp/now"
	} | sort -k1,1 -k2,2 -k3,3 >"$tmp/rec"
	{
		echo "# The verifier's processed instructions (bpf_prog_info.verified_insns)"
		echo "# per compiler, configuration and program: tests/portability.sh fails"
		echo "# when one grows by more than 50 %."
		echo "# Written by tests/portability.sh --record on kernel $(uname -r)."
		cat "$tmp/rec"
	} >"$data"
	ok insns "recorded in $data: ${loads[*]:-none}"
elif [ "$grew" -gt 0 ]; then
	fail insns "$grew counts grew by more than 50 % (marked !); if on purpose: --record"
elif [ "$fresh" -gt 0 ]; then
	ok insns "none grew by more than 50 %; $fresh not recorded yet (--record)"
else
	ok insns "none grew by more than 50 %"
fi
echo "portability: $passed passed, $failed failed"
[ $failed = 0 ]
