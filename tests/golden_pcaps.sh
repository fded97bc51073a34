# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the golden tests: sets pcaps to every capture compared with tcpdump, those of
# tests/data and of the shared corpus. tests/data/limit-*.pcap would hold what xdpspy documents
# it cannot print as tcpdump does (there are none now). Needs $top and $shared. Also sets
# alltcp: the filter for any TCP packet, tagged or behind IPv6 extension headers (the one
# behind the corpus' NAME.alltcp.*.out files), and unfiltered: the differential fuzzer's
# regression captures (tests/gen_pcaps_fuzz.py), compared on every record, as that filter
# misses TCP behind three tags or an IPv4 AH header.
alltcp='tcp or ip6 protochain 6 or (vlan and (tcp or ip6 protochain 6 or (vlan and (tcp or ip6 protochain 6))))'
pcaps=()
for f in "$top"/tests/data/*.pcap "$top"/tests/data/*.pcapng "$shared"/corpus/tcpdump-tests/*.pcap \
	"$shared"/corpus/tcpdump-tests/*.pcapng; do
	[ -e "$f" ] || continue
	case "$(basename "$f")" in limit-*) ;; *) pcaps+=("$f") ;; esac
done
unfiltered=("$top"/tests/data/fuzz-*.pcap)
