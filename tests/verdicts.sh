#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The verdicts (`make test-verdicts`, as root): is each flow encrypted, and did a login cross in
# the clear? Real programs in two namespaces made here: curl over HTTP, HTTPS (openssl s_server
# with a certificate made here, SNI by --resolve, no DNS) and HTTP Basic (-u); OpenSSH's ssh
# client against an SSH banner; python3's poplib (USER/PASS), smtplib (AUTH PLAIN) and imaplib
# (LOGIN) against small servers (tests/verdict_peers.py). `attach --flows` on the servers'
# side, a capture with --process beside it (the table learns the servers' programs); a capture
# with --flows --process on the clients' side (its table, pinned while it runs, the clients').
# Then `flows --json` must give every flow its verdict, `watch` (clients' side) must say each
# cleartext login within a second with the client program and its pid, and nothing of the TLS
# and SSH sessions, `audit` must sum them up per port and program (a flow to a closed port: no
# program), and the password must appear nowhere: not in any output, not in `bpftool map dump`
# of the pinned flow table. Cleanup (processes by PID, namespaces, pins) by trap.
set -u
. "$(dirname "$0")/netns.sh"

PEERS=$XS_ROOT/tests/verdict_peers.py
SECRET="xs24-hush-$$-Pw" # the password every login sends
USER_NAME=alice
SNI=xs-verdict.test
ALARM_MS_MAX=1000 # a login until watch says it
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "verdicts: FAIL $*"
}

[[ $(id -u) == 0 ]] || {
	echo "verdicts: needs root (namespaces, BPF)"
	exit 1
}
for t in curl openssl ssh bpftool "$PYTHON"; do
	command -v "$t" >/dev/null || {
		echo "verdicts: missing $t (make deps)"
		exit 1
	}
done
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
xs_init || exit 1
xs_topology || {
	echo "verdicts: cannot make the namespaces"
	exit 1
}

x() { in_ns "$NS_A" "$XDPSPY" "$@"; }
# client CMD...: a client in NS_B, its output kept.
client() { in_ns "$NS_B" timeout 10 "$@" >>"$XS_WORK/clients.out" 2>&1; }
listening() { in_ns "$NS_A" bash -c "ss -Htln 'sport = :$1' | grep -q ."; }
serve() {
	local name=$1 port=$2
	shift 2
	spawn "$name" "$NS_A" "$@"
	wait_until 5000 listening "$port" || bad "$name: nothing listens on $port"
}

# --- servers, the flow table, watch ----------------------------------------------------------

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
	-subj "/CN=$SNI" -keyout "$XS_WORK/key.pem" -out "$XS_WORK/cert.pem" 2>/dev/null ||
	bad "openssl: no certificate"
x attach "$IF_A" --flows >/dev/null 2>"$XS_WORK/attach.err" || {
	bad "attach --flows: $(cat "$XS_WORK/attach.err")"
	exit 1
}
PINS=$BPFFS_PINS/$IF_A
# cap NAME NS IF OPTS...: a capture that fills the flow table with owners; up once ready.
cap() {
	local name=$1 ns=$2 dev=$3
	shift 3
	spawn "$name" "$ns" "$XDPSPY" -n -q -i "$dev" --ready-file "$XS_WORK/$name.ready" "$@" \
		-w /dev/null
	wait_until 10000 test -e "$XS_WORK/$name.ready" || bad "$name: the capture did not start"
	CAP_PID=$SPAWN_PID
}
cap cap_a "$NS_A" "$IF_A" --process
PID_CAP_A=$CAP_PID
cap cap_b "$NS_B" "$IF_B" --flows --process
PID_CAP_B=$CAP_PID
spawn watch "$NS_B" "$XDPSPY" watch -i "$IF_B"
spawn watch_json "$NS_B" "$XDPSPY" watch -i "$IF_B" --json
serve http 8080 "$PYTHON" -m http.server --bind "$IP4_A" 8080
serve https 8443 openssl s_server -accept "$IP4_A:8443" -cert "$XS_WORK/cert.pem" \
	-key "$XS_WORK/key.pem" -www -quiet
serve ssh 22 "$PYTHON" "$PEERS" ssh "$IP4_A" 22
serve pop3 110 "$PYTHON" "$PEERS" pop3 "$IP4_A" 110
serve smtp 25 "$PYTHON" "$PEERS" smtp "$IP4_A" 25
serve imap 143 "$PYTHON" "$PEERS" imap "$IP4_A" 143
# watch is up once its first poll has run: it has read the table (no line yet, none due).
sleep 0.5

# login NAME PATTERN COMM CMD...: CMD (its command COMM) logs in from NS_B; watch must say
# PATTERN, then the program and its pid, within ALARM_MS_MAX of its end.
login() {
	local name=$1 pat=$2 comm=$3 t0 pid
	shift 3
	# shellcheck disable=SC2016 # $$ and $0 are the inner shell's: its pid is the client's
	client bash -c 'echo $$ >"$0"; exec "$@"' "$XS_WORK/$name.pid" "$@" ||
		bad "$name: the client failed (see clients.out)"
	t0=$(now_ms)
	pid=$(cat "$XS_WORK/$name.pid")
	pat="$pat \($comm, pid $pid\)\$"
	if wait_until "$ALARM_MS_MAX" file_has "$XS_WORK/watch.out" "$pat"; then
		echo "verdicts: $name: watch said it $(($(now_ms) - t0)) ms after the login"
		ok
	else
		bad "$name: no '$pat' from watch within $ALARM_MS_MAX ms"
	fi
}

A=${IP4_A//./\\.}
B=${IP4_B//./\\.}
client curl -sS -o /dev/null "http://$IP4_A:8080/" || bad "curl http failed"
client curl -sS -o /dev/null -k --resolve "$SNI:8443:$IP4_A" "https://$SNI:8443/" ||
	bad "curl https failed"
# The banner server ends the session after the banners: ssh fails, as it should.
in_ns "$NS_B" timeout 10 ssh -p 22 -o BatchMode=yes -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 "$USER_NAME@$IP4_A" true \
	>>"$XS_WORK/clients.out" 2>&1
PY=$(basename "$PYTHON")
login "pop3" "cleartext login: POP3 USER/PASS from $B to $A\.110" "$PY" "$PYTHON" -c "
import poplib; p = poplib.POP3('$IP4_A', 110); p.user('$USER_NAME'); p.pass_('$SECRET'); p.quit()"
login "smtp" "cleartext login: SMTP AUTH PLAIN from $B to $A\.25" "$PY" "$PYTHON" -c "
import smtplib; s = smtplib.SMTP('$IP4_A', 25); s.ehlo('xs.test'); s.login('$USER_NAME', '$SECRET'); s.quit()"
login "imap" "cleartext login: IMAP LOGIN from $B to $A\.143" "$PY" "$PYTHON" -c "
import imaplib; m = imaplib.IMAP4('$IP4_A', 143); m.login('$USER_NAME', '$SECRET'); m.logout()"
login "http-basic" "cleartext login: HTTP Basic from $B to $A\.8080" curl \
	curl -sS -o /dev/null -u "$USER_NAME:$SECRET" "http://$IP4_A:8080/"
# A flow no local program owns on the servers' side: a SYN to a closed port, the kernel's RST.
client curl -sS -o /dev/null "http://$IP4_A:9/"
# Time for a late line about the TLS or SSH flows, which there must not be.
sleep 0.6

# --- what the tools say -------------------------------------------------------------------

x flows "$IF_A" --json >"$XS_WORK/flows.json" 2>"$XS_WORK/flows.err" || bad "flows --json failed"
x flows "$IF_A" >"$XS_WORK/flows.txt" 2>&1 || bad "flows failed"
x audit -i "$IF_A" >"$XS_WORK/audit.txt" 2>&1 || bad "audit failed"
in_ns "$NS_B" "$XDPSPY" audit -i "$IF_B" >"$XS_WORK/audit_b.txt" 2>&1 || bad "audit -i $IF_B failed"
bpftool map dump pinned "$PINS/flows" >"$XS_WORK/map.txt" 2>&1 || bad "bpftool map dump failed"

# Every flow's verdict, by server port: (to the server, to the client, login, SNI).
"$PYTHON" - "$XS_WORK/flows.json" "$SNI" <<'EOF' && ok || bad "flows --json verdicts"
import json, sys
want = {  # port: [(to_server kind/app, to_client kind/app, login)], one per flow
    8080: [("clear/http", "clear/http", ""), ("clear/http", "clear/http", "HTTP Basic")],
    8443: [("tls/", "tls/", "")],
    22: [("ssh/", "ssh/", "")],
    110: [("clear/", "clear/pop3", "POP3 USER/PASS")],
    25: [("clear/smtp", "clear/smtp/ftp", "SMTP AUTH PLAIN")],
    143: [("clear/", "clear/imap", "IMAP LOGIN")],
}
doc = json.load(open(sys.argv[1]))
got = {}
for f in doc["flows"]:
    if f["proto"] != "tcp" or f["server_port"] not in want:
        continue
    v = f["verdict"]
    side = lambda d: d["kind"] + "/" + d["app"]
    got.setdefault(f["server_port"], []).append(
        (side(v["to_server"]), side(v["to_client"]), v["to_server"]["login"]))
    if v["to_client"]["login"]:
        print("port %d: a login from the server: %s" % (f["server_port"], v["to_client"]["login"]))
        sys.exit(1)
    if f["server_port"] == 8443 and v["sni"] != sys.argv[2]:
        print("port 8443: SNI %r, want %r" % (v["sni"], sys.argv[2]))
        sys.exit(1)
    if f["server_port"] == 8443 and v["to_server"]["version"] not in (0x0301, 0x0303):
        print("port 8443: record version %#x" % v["to_server"]["version"])
        sys.exit(1)
bad = 0
for port, flows in want.items():
    if sorted(got.get(port, [])) != sorted(flows):
        print("port %d: %s, want %s" % (port, got.get(port), flows))
        bad = 1
n = sum(len(f) for f in want.values())
print("verdicts: %d flows, every verdict right" % n if not bad else "verdicts: wrong verdicts")
sys.exit(bad)
EOF

# watch: the four logins, each once, and nothing of the TLS or SSH flows.
n=$(grep -c 'cleartext login' "$XS_WORK/watch.out")
[[ $n == 4 ]] && ok || bad "watch: $n cleartext-login lines, want 4"
grep -E "\.(8443|22)( |$)" "$XS_WORK/watch.out" && bad "watch: a line about TLS or SSH" || ok
n=$(grep -c '"alarm":"cleartext_login"' "$XS_WORK/watch_json.out")
[[ $n == 4 ]] && ok || bad "watch --json: $n cleartext_login objects, want 4"
pop3_pid=$(cat "$XS_WORK/pop3.pid")
grep -qE "\"port\":110,\"process\":\{\"pid\":$pop3_pid,\"comm\":\"$PY\",.*\"endpoint\":\"client\"\}\}\$" \
	"$XS_WORK/watch_json.out" && ok || bad "watch --json: the POP3 login's process is not $PY $pop3_pid"

# flows and audit show the verdicts.
grep -qE "tcp +$B\.[0-9]+ > $A\.8443 .* tls" "$XS_WORK/flows.txt" && ok || bad "flows: no tls row"
grep -qE "tcp +$B\.[0-9]+ > $A\.110 .* LOGIN!" "$XS_WORK/flows.txt" && ok || bad "flows: no LOGIN! row"
# audit, per port and program: the servers' on their side, the clients' on theirs; the flow to
# a closed port has none on the servers' side.
audit_has() {
	grep -qE "$2" "$XS_WORK/$1" && ok || bad "$1: no line '$2'"
}
audit_has audit.txt "^tcp port 110 \(local server\) $PY: 1 flow: 1 in the clear \(pop3\); LOGINS IN THE CLEAR: 1 POP3 USER/PASS$"
audit_has audit.txt "^tcp port 8443 \(local server\) openssl: 1 flow: 1 encrypted \(tls; SNI $SNI\)$"
audit_has audit.txt "^tcp port 22 \(local server\) $PY: 1 flow: 1 encrypted \(ssh\)$"
audit_has audit.txt "^tcp port 9 \(local server\) \[no owner\]: 1 flow: 1 without payload$"
audit_has audit_b.txt "^tcp port 110 \(remote server\) $PY: 1 flow: 1 in the clear \(pop3\); LOGINS IN THE CLEAR: 1 POP3 USER/PASS$"
audit_has audit_b.txt "^tcp port 8443 \(remote server\) curl: 1 flow: 1 encrypted \(tls; SNI $SNI\)$"
audit_has audit_b.txt "^tcp port 8080 \(remote server\) curl: 2 flows: 2 in the clear \(http\); LOGINS IN THE CLEAR: 1 HTTP Basic$"

# The password: nowhere, as typed or as AUTH PLAIN's base64 would carry it.
b64=$(printf '%s' "$SECRET" | base64)
bpftool map dump pinned "$BPFFS_PINS/$IF_B/flows" >"$XS_WORK/map_b.txt" 2>&1 ||
	bad "bpftool map dump ($IF_B) failed"
for f in watch.out watch_json.out watch.err flows.json flows.txt audit.txt audit_b.txt map.txt \
	map_b.txt cap_a.out cap_b.out; do
	grep -qF -e "$SECRET" -e "$b64" "$XS_WORK/$f" && bad "the password in $f" || ok
done
grep -q '"verdict"' "$XS_WORK/map.txt" && ok || bad "bpftool map dump: no field named verdict"

stop_pid "$PID_CAP_A"
stop_pid "$PID_CAP_B"
[[ -e $BPFFS_PINS/$IF_B/flows ]] && bad "the clients' capture left its flow table pinned" || ok
x detach "$IF_A" >/dev/null 2>&1 || bad "detach"
if ((fail)); then
	XS_KEEP=1
	echo "verdicts: outputs kept in $XS_WORK"
	for f in watch.out flows.txt audit.txt audit_b.txt; do
		echo "--- $f"
		head -20 "$XS_WORK/$f"
	done
fi
echo "verdicts: $pass passed, $fail failed"
((fail == 0))
