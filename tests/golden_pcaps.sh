# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the replay tests and by tests/goldens.py (make goldens): which captures are held
# to tcpdump 4.99.3's output, with which flags, so the goldens made are the ones the tests read.
# Needs $top. Sets:
#   alltcp        the filter for any TCP packet, tagged or behind IPv6 extension headers: the
#                 packets of each capture the golden comparisons look at (tests/compare.py)
#   pcaps         every capture of tests/data and tests/corpus/tcpdump, bar tests/data/limit-*
#                 (what xdpspy documents it cannot print as tcpdump does; replay.sh checks them
#                 for the documented output instead), compared with replay_flags by replay.sh,
#                 and with full_flags too by make check-full
#   strict_pcaps  tests/payload/strict-pcaps.txt, compared whole with strict_flags
#   dump_pcaps    the tcpdump corpus bar tests/payload/dump-exceptions.txt: dump_flags' dumps
#   names_pcaps   compared without -n (names_flags) inside tests/names/in-fixture.sh
#   unfiltered    the differential fuzzer's regression captures (tests/gen_pcaps_fuzz.py),
#                 compared on every record, as the any-TCP filter misses TCP behind three
#                 tags or an IPv4 AH header
# golden_list prints "FLAGS<tab>CAPTURE" for every golden these need; golden_compare runs
# the comparisons.
alltcp='tcp or ip6 protochain 6 or (vlan and (tcp or ip6 protochain 6 or (vlan and (tcp or ip6 protochain 6))))'
corpus=$top/tests/corpus/tcpdump

pcaps=()
for f in "$top"/tests/data/*.pcap "$top"/tests/data/*.pcapng "$corpus"/*.pcap "$corpus"/*.pcapng; do
	[ -e "$f" ] || continue
	case "$(basename "$f")" in limit-*) ;; *) pcaps+=("$f") ;; esac
done
unfiltered=("$top"/tests/data/fuzz-*.pcap)
replay_flags=("-n -tt" "-S -n -tt" "-n -tt -e" "-n")
full_flags=("-n -ttt" "-n -tttt" "-n -ttttt" "-n -t -q" "-n -tt -e -S" "-n -tt -#"
	"-nn -tt --nano" "-n -tt -q -e" "-n -t -K")

strict_pcaps=()
while read -r f; do
	case "$f" in '' | '#'*) continue ;; esac
	strict_pcaps+=("$top/$f")
done <"$top/tests/payload/strict-pcaps.txt"
strict_flags=("-n -tt -X -s 262144" "-n -tt -x -s 262144" "-n -tt -A -s 262144" "-n -tt -v"
	"-n -tt -vv" "-n -tt -XX -vv")

dump_pcaps=()
for f in "$corpus"/*.pcap "$corpus"/*.pcapng; do
	grep -qx "$(basename "$f")" "$top/tests/payload/dump-exceptions.txt" || dump_pcaps+=("$f")
done
dump_flags=("-n -tt -X")

names_pcaps=("$top/tests/data/handshake-v4v6.pcap" "$top/tests/data/interleaved-flows.pcap")
names_flags=("-tt")

unfiltered_flags=("${replay_flags[@]}" "-v -n -tt")

# golden_compare [--full|--dump|--all] LIST TOOL FLAGS...: every capture of the array named LIST
# against its golden, one tests/compare.py for all; the caller's ok for each match, its bad for
# each difference (shown before it) and for a capture without a result. --all: every record,
# whole (not only the TCP ones, up to `length N`).
golden_compare() {
	local mode=() line results=0
	case "$1" in --full | --dump) mode=("$1") && shift ;; --all) mode=(--all --full) && shift ;; esac
	local -n captures=$1
	local tool=$2
	shift 2
	while IFS= read -r line; do
		case "$line" in
		PASS:*) results=$((results + 1)) && ok ;;
		FAIL:* | ERROR:*) results=$((results + 1)) && bad "$line" ;;
		*) printf '%s\n' "$line" | cut -c1-200 ;;
		esac
	done < <(printf '%s\n' "${captures[@]}" | "${PYTHON:-python3}" "$top/tests/compare.py" \
		--golden "${mode[@]}" --max-diffs 3 --captures - "$tool" "$@" 2>&1)
	[ "$results" -eq "${#captures[@]}" ] ||
		bad "tests/compare.py: $results results for ${#captures[@]} captures [$tool $*]"
}

golden_list() {
	local set flags f
	for set in "pcaps replay_flags" "pcaps full_flags" "strict_pcaps strict_flags" \
		"dump_pcaps dump_flags" "names_pcaps names_flags" "unfiltered unfiltered_flags"; do
		local -n files=${set% *} flagsets=${set#* }
		for flags in "${flagsets[@]}"; do
			for f in "${files[@]}"; do
				printf '%s\t%s\n' "$flags" "${f#"$top"/}"
			done
		done
		unset -n files flagsets
	done
}
