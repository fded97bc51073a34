# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the golden tests: sets pcaps to every capture compared with tcpdump, those of
# tests/data and of the shared corpus. tests/data/limit-*.pcap hold what xdpspy documents it
# cannot print as tcpdump does; replay.sh checks them for the documented output instead.
# Needs $top and $shared.
pcaps=()
for f in "$top"/tests/data/*.pcap "$top"/tests/data/*.pcapng "$shared"/corpus/tcpdump-tests/*.pcap \
	"$shared"/corpus/tcpdump-tests/*.pcapng; do
	[ -e "$f" ] || continue
	case "$(basename "$f")" in limit-*) ;; *) pcaps+=("$f") ;; esac
done
