#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Counters (`make test-counters`, as root): frames of known kinds injected on a quiet veth pair
# in private namespaces; every counter must read exactly what was sent, per category and per
# direction, in `xdpspy stats`, in bpftool's dump and in the Prometheus exposition. Also the
# attach/detach life cycle and a tiny ring's exact accounting during a live capture.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/netns.sh"

INJECT=$XS_ROOT/tests/inject.py
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "counters: FAIL $*"
}

xs_init || exit 1
xs_topology || { echo "counters: cannot build the namespaces"; exit 1; }
X=(in_ns "$NS_A" "$XDPSPY")

stats_json() { "${X[@]}" stats "$IF_A" --json 2>/dev/null; }
rx_is() { [[ $(stats_json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["rx_packets"])' 2>/dev/null) == "$1" ]]; }

# --- attach, inject, compare ------------------------------------------------------------------
links_before=$(bpftool -j link show | grep -o '"id":' | wc -l)
"${X[@]}" attach "$IF_A" >/dev/null 2>&1 && ok || bad "attach"
"${X[@]}" attach "$IF_A" >/dev/null 2>"$XS_WORK/attach2.err"
[[ $? == 3 ]] && grep -q 'already attached' "$XS_WORK/attach2.err" && ok || bad "attach twice"

RX="syn=3 synack=2 fin=4 rst=5 psh=6 ack=7 data=8 udp=9 icmp=10 arp=11 tcp6=12 other=13 short=2"
TX="udp=5 syn=1"
# shellcheck disable=SC2086
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" $RX || bad "inject rx"
# shellcheck disable=SC2086
in_ns "$NS_A" "$PYTHON" "$INJECT" "$IF_A" $TX || bad "inject tx"
wait_until 5000 rx_is 92 || bad "rx_packets never reached 92"

stats_json >"$XS_WORK/stats.json"
if "$PYTHON" - "$XS_WORK/stats.json" "$RX" "$TX" <<'EOF'; then ok; else bad "counters differ from what was sent"; fi
import json, sys
got = json.load(open(sys.argv[1]))
frame_len = {'short': 17}
want = {k: 0 for k in got if k != 'interface'}
classes = {  # kind -> counters it must raise (besides packets and bytes)
    'syn': ['ipv4', 'tcp', 'syn'], 'synack': ['ipv4', 'tcp', 'synack'],
    'fin': ['ipv4', 'tcp', 'fin'], 'rst': ['ipv4', 'tcp', 'rst'], 'psh': ['ipv4', 'tcp', 'psh'],
    'ack': ['ipv4', 'tcp', 'pure_ack'], 'data': ['ipv4', 'tcp'], 'udp': ['ipv4', 'udp'],
    'icmp': ['ipv4', 'icmp'], 'arp': ['arp'], 'tcp6': ['ipv6', 'tcp', 'pure_ack'],
    'other': ['other_l3'], 'short': ['other_l3', 'other_l4', 'malformed'],
}
size = {'data': 154, 'tcp6': 74}
for direction, spec in (('rx', sys.argv[2]), ('tx', sys.argv[3])):
    for item in spec.split():
        kind, n = item.split('=')
        n = int(n)
        want[direction + '_packets'] += n
        want[direction + '_bytes'] += n * size.get(kind, frame_len.get(kind, 60))
        for c in classes[kind]:
            want[c] += n
want['events'] = 0  # counters-only: no events
bad = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
if bad:
    print('counters: got != want:', bad)
    sys.exit(1)
EOF

# bpftool's per-CPU dump, summed, must equal what xdpspy stats says.
bpftool -j map dump pinned "$BPFFS_PINS/$IF_A/stats" >"$XS_WORK/dump.json"
if "$PYTHON" - "$XS_WORK/dump.json" "$XS_WORK/stats.json" <<'EOF'; then ok; else bad "bpftool dump != xdpspy stats"; fi
import json, sys
dump = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))
total = {}
for cpu in dump[0]['formatted']['values']:
    for k, v in cpu['value'].items():
        total[k] = total.get(k, 0) + v
diff = {k: (total[k], stats[k]) for k in total if total[k] != stats[k]}
if diff or len(total) != len(stats) - 1:
    print('counters:', diff)
    sys.exit(1)
EOF

# The exposition parses with a real parser, and agrees with the JSON.
"${X[@]}" stats "$IF_A" --prometheus >"$XS_WORK/stats.prom"
if "$PYTHON" - "$XS_WORK/stats.prom" "$IF_A" <<'EOF'; then ok; else bad "prometheus exposition"; fi
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
rx = [s.value for s in fams['xdpspy_packets'].samples
      if s.labels == {'interface': sys.argv[2], 'direction': 'rx'}]
syn = [s.value for s in fams['xdpspy_tcp_segments'].samples if s.labels.get('kind') == 'syn']
assert fams['xdpspy_packets'].type == 'counter', fams['xdpspy_packets'].type
assert rx == [92.0], rx
assert syn == [4.0], syn
EOF

# The textfile is rewritten every interval and never seen half-written.
mkdir -p "$XS_WORK/textfile"
spawn textfile "$NS_A" "$XDPSPY" stats "$IF_A" --textfile "$XS_WORK/textfile" --interval 0.01
tf=$SPAWN_PID
prom=$XS_WORK/textfile/xdpspy_$IF_A.prom
wait_until 5000 test -s "$prom" || bad "textfile never written"
if "$PYTHON" - "$prom" <<'EOF'; then ok; else bad "textfile read half-written"; fi
import sys
from prometheus_client.parser import text_string_to_metric_families
for _ in range(300):
    text = open(sys.argv[1]).read()
    names = {f.name for f in text_string_to_metric_families(text)}
    assert 'xdpspy_events_lost' in names and text.endswith('\n'), text[-80:]
EOF
stop_pid "$tf"

# A live capture on an interface in counters-only mode borrows its hooks: counting goes on
# throughout, and afterwards the counters-only programs are back in the links. `attach` took
# ingress at TC (a veth: XDP would turn its peer's TSO off); list says so.
"${X[@]}" list | grep -qx "$IF_A	counters-only (attach), ingress at TC" && ok ||
	bad "list: $("${X[@]}" list)"
pinned_prog() { bpftool -j prog show pinned "$BPFFS_PINS/$IF_A/ingress_prog" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
link_prog() { bpftool -j link show pinned "$BPFFS_PINS/$IF_A/ingress_link" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["prog_id"])'; }
spawn borrow "$NS_A" "$XDPSPY" -i "$IF_A" -n -l -Q in --ready-file "$XS_WORK/borrow.ready"
bp=$SPAWN_PID
wait_until 10000 test -e "$XS_WORK/borrow.ready" || bad "capture beside attach never ready"
[[ $(link_prog) != "$(pinned_prog)" ]] && ok || bad "the capture did not take the hook over"
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" udp=50
wait_until 5000 file_lines_ge "$XS_WORK/borrow.out" 50 || bad "capture beside attach: no lines"
stop_pid "$bp"
grep -q 'borrows its hooks' "$XS_WORK/borrow.err" && ok || bad "no notice about borrowing"
[[ $(link_prog) == "$(pinned_prog)" ]] && ok || bad "counters-only program not given back"
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" udp=5
wait_until 5000 rx_is 147 || bad "counting did not go on through the capture (want rx 147)"
stats_json | "$PYTHON" -c 'import json,sys; s=json.load(sys.stdin); assert s["events"] == 50, s' &&
	ok || bad "events after the capture ended"

# detach: nothing in bpffs, nothing on the interface, no link left.
"${X[@]}" detach "$IF_A" && ok || bad "detach"
[[ ! -e $BPFFS_PINS/$IF_A ]] && ok || bad "pins left after detach"
ip -n "$NS_A" -d link show dev "$IF_A" | grep -q 'prog/xdp' && bad "XDP left after detach" || ok
[[ $(bpftool -j link show | grep -o '"id":' | wc -l) == "$links_before" ]] && ok ||
	bad "links left after detach"

# attach --hook xdp: ingress at XDP, counted, borrowed by a capture, detached.
"${X[@]}" attach "$IF_A" --hook xdp >/dev/null 2>"$XS_WORK/attach-xdp.err" && ok ||
	bad "attach --hook xdp: $(cat "$XS_WORK/attach-xdp.err")"
"${X[@]}" list | grep -qx "$IF_A	counters-only (attach), ingress at XDP" && ok ||
	bad "list after --hook xdp: $("${X[@]}" list)"
ip -n "$NS_A" -d link show dev "$IF_A" | grep -q 'prog/xdp .*name xdpspy_xdp' && ok ||
	bad "attach --hook xdp: no XDP program"
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" udp=7
wait_until 5000 rx_is 7 || bad "attach --hook xdp: rx_packets never reached 7"
spawn borrow2 "$NS_A" "$XDPSPY" -i "$IF_A" -n -l -Q in --ready-file "$XS_WORK/borrow2.ready"
bp=$SPAWN_PID
wait_until 10000 test -e "$XS_WORK/borrow2.ready" || bad "capture beside attach --hook xdp never ready"
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" udp=3
wait_until 5000 file_lines_ge "$XS_WORK/borrow2.out" 3 || bad "capture beside attach --hook xdp: no lines"
stop_pid "$bp"
"${X[@]}" detach "$IF_A" && ok || bad "detach after --hook xdp"
ip -n "$NS_A" -d link show dev "$IF_A" | grep -q 'prog/xdp' && bad "XDP left after detach" || ok
[[ $(bpftool -j link show | grep -o '"id":' | wc -l) == "$links_before" ]] && ok ||
	bad "links left after detach (--hook xdp)"

# --- a live capture with a tiny ring: events + lost == frames, exactly -------------------------
spawn live "$NS_A" "$XDPSPY" -i "$IF_A" -n -B 4 -Q in --stats-interval 1 --json \
	--ready-file "$XS_WORK/ready"
lp=$SPAWN_PID
wait_until 10000 test -e "$XS_WORK/ready" || bad "live capture never ready"
# The reader stopped while the frames arrive: the ring must overflow, and count what it loses.
kill -STOP "$lp"
in_ns "$NS_B" "$PYTHON" "$INJECT" "$IF_B" ack=20000
kill -CONT "$lp"
wait_until 10000 rx_is 20000 || bad "rx_packets never reached 20000"
if stats_json | "$PYTHON" -c '
import json, sys
s = json.load(sys.stdin)
assert s["events"] + s["lost"] == s["rx_packets"] == 20000, s
assert s["lost"] > 0, "a 4 KiB ring lost nothing under 20000 frames?"
'; then ok; else bad "tiny ring: events + lost != frames"; fi
# --stats-interval shows the loss while the capture runs.
wait_until 5000 eval "grep -qE '[1-9][0-9]* dropped by kernel so far' '$XS_WORK/live.err'" && ok ||
	bad "no status line showing the loss"
stop_pid "$lp"
[[ ! -e $BPFFS_PINS/$IF_A ]] && ok || bad "live capture left its pins"
# --json: every frame is in the stream, as a packet object or counted in a lost record.
if "$PYTHON" - "$XS_WORK/live.out" <<'EOF'; then ok; else bad "--json stream: packets + lost != frames"; fi
import json, sys
packets = lost = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o['type'] == 'packet':
        packets += 1
    else:
        lost += o['count']
assert lost > 0 and packets + lost == 20000, (packets, lost)
EOF

echo "counters: $pass passed, $fail failed"
[[ $fail == 0 ]]
