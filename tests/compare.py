#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compares xdpspy's output for a capture with tcpdump's, packet by packet.

usage: compare.py [OPTIONS] PCAP "TOOL COMMAND" [FLAGS...]
       compare.py [OPTIONS] --captures FILE "TOOL COMMAND" [FLAGS...]

Where tcpdump's side comes from:
  --golden       the committed golden: what tcpdump 4.99.3 printed for `FLAGS -r PCAP`, all
                 packets (tests/golden/, written by tests/goldens.py). The tool runs as
                 `TOOL FLAGS -r PCAP`, without a filter, and must print one record per packet;
                 the packets any TCP filter takes (tests/golden/captures.tsv) are compared.
  --filter EXPR  this host's tcpdump, run now: `tcpdump FLAGS -r PCAP EXPR`, and the tool with
                 the same expression; every record is compared.
  --all          with --golden: every packet's record, not only those any TCP filter takes.
How much of a record is compared:
  (default)      up to and including the TCP `, length N` (the first one after `Flags [`);
                 records without it whole. What follows is application decodes and dumps.
  --full         the whole record.
  --dump         the prefix, then the -x/-X dump lines (a tab and 0x) that follow it.
Other options: --max-diffs N (5), -q (no differences, the summary line only), --tcpdump PATH,
--allow-name-resolution (FLAGS without -n: the caller must isolate the resolver).
--captures FILE compares every capture FILE lists (one a line, - for standard input), two at a
time (--jobs N), and prints for each, in the list's order, its differences and one summary line
that starts with PASS:, FAIL: or ERROR: (could not be compared); one Python for all of them.
compare.py --show PCAP [FLAGS...] prints the golden for PCAP and FLAGS.

A record is a line that starts with a time stamp (any -t form, after a -# number), with
"[Error converting time]" or "[Invalid header", and the lines that follow it; with -t (no time
stamps) any line that starts with neither a tab nor two blanks. Both commands run with TZ=UTC
and only their standard output is compared. Exit status: 0 every record matches and both sides
have as many; 1 a difference; 2 the comparison could not be made.
"""
import concurrent.futures
import hashlib
import os
import re
import shlex
import subprocess
import sys
import tarfile

TESTS = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(TESTS, "golden")

STAMP = r"(?:\d+\.\d+|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+|\d+:\d\d:\d\d\.\d+)"
# After a -# number; -ttt and -ttttt put a blank or a minus sign before the delta.
RECORD_START = re.compile(r"^(?: *\d+  )?(?:[ -]?(?:" + STAMP + r" |\[Error converting time\] )|"
                          r"\[Invalid header)")
TCP_LENGTH = re.compile(r", length \d+")


class Unusable(Exception):
    """The comparison cannot be made (exit 2)."""


def has_timestamps(flags):
    """tcpdump prints none with exactly one -t."""
    ts = sum(f.count("t") for f in flags if re.fullmatch(r"-[A-Za-z#]+", f))
    return ts != 1


def split_records(text, stamped):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    records = []
    for line in lines:
        if stamped:
            starts = RECORD_START.match(line) is not None
        else:
            starts = not line.startswith(("\t", "  "))
        if starts or not records:
            records.append([line])
        else:
            records[-1].append(line)
    return records


def normalise(record, mode):
    text = "\n".join(record)
    if mode == "full":
        return text
    flags_at = text.find("Flags [")
    m = TCP_LENGTH.search(text, flags_at) if flags_at >= 0 else None
    if not m:
        return text
    head = text[:m.end()]
    if mode == "prefix":
        return head
    dump = [l for l in text[m.end():].split("\n") if l.startswith("\t0x")]
    return "\n".join([head] + dump)


def golden_member(flags):
    """The golden's name in its capture's bundle: '-S -n -tt' -> S_n_tt.out."""
    return "_".join(f.lstrip("-").replace("#", "hash") for f in flags) + ".out"


def golden_bundle(key):
    """tests/golden/CAPTURE.tar.xz: every golden of the capture tests/CAPTURE."""
    return os.path.join(GOLDEN, key + ".tar.xz")


def read_bundle(path, only=None):
    """{member: bytes} of a golden bundle in its order, {} when there is none; with ONLY, that
    member alone: an xz stream is read from its start, and the bundle holds its small members
    (the line formats) before the dumps, so one golden costs little."""
    found = {}
    if not os.path.exists(path):
        return found
    with tarfile.open(path, "r:xz") as tar:
        for m in tar:
            if only is None or m.name == only:
                found[m.name] = tar.extractfile(m).read()
                if only is not None:
                    break
    return found


def capture_key(pcap):
    """The capture's path below tests/, which names its goldens."""
    rel = os.path.relpath(os.path.realpath(pcap), os.path.realpath(TESTS))
    if rel.startswith(".."):
        raise Unusable("%s is not below tests/: no golden for it" % pcap)
    return rel


def read_captures_table():
    """tests/golden/captures.tsv: capture, sha256, packets, the any-TCP packet numbers."""
    table = {}
    with open(os.path.join(GOLDEN, "captures.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, digest, packets, numbers = line.rstrip("\n").split("\t")
            selected = []
            for part in filter(None, numbers.split(",")):
                lo, _, hi = part.partition("-")
                selected.extend(range(int(lo), int(hi or lo) + 1))
            table[name] = (digest, int(packets), selected)
    return table


def golden_side(pcap, flags):
    key = capture_key(pcap)
    entry = read_captures_table().get(key)
    if entry is None:
        raise Unusable("%s has no goldens: list it in tests/golden_pcaps.sh, run make goldens"
                       % key)
    digest, packets, selected = entry
    with open(pcap, "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != digest:
            raise Unusable("%s changed since its goldens were made: run make goldens" % key)
    bundle = golden_bundle(key)
    text = read_bundle(bundle, golden_member(flags)).get(golden_member(flags))
    if text is None:
        raise Unusable("no golden for [%s] in %s: add the flag set to tests/golden_pcaps.sh, "
                       "run make goldens" % (" ".join(flags), os.path.relpath(bundle, TESTS)))
    source = "%s:%s" % (os.path.relpath(bundle, os.path.dirname(TESTS)), golden_member(flags))
    return text.decode("utf-8", "replace"), packets, selected, source


def run(cmd, timeout=600):
    env = dict(os.environ, TZ="UTC")
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Unusable("%s: %s" % (shlex.join(cmd), e)) from e
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def diffs(expected, got, labels, limit):
    out, shown = [], 0
    for i in range(max(len(expected), len(got))):
        a = expected[i] if i < len(expected) else None
        b = got[i] if i < len(got) else None
        if a == b:
            continue
        if shown == limit:
            return out + ["... and more"]
        shown += 1
        out.append("@@ record %d, packet %d @@" % (i + 1, labels[i] if i < len(labels) else i + 1))
        out += ["-" + line for line in (a.split("\n") if a is not None else ["<no record>"])]
        out += ["+" + line for line in (b.split("\n") if b is not None else ["<no record>"])]
    return out


def parse_args(argv):
    opts = {"mode": "prefix", "golden": False, "filter": None, "max_diffs": 5, "quiet": False,
            "tcpdump": "tcpdump", "names": False, "captures": None, "jobs": 2, "all": False}
    valued = {"--filter": "filter", "--max-diffs": "max_diffs", "--tcpdump": "tcpdump",
              "--captures": "captures", "--jobs": "jobs"}
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        a = argv[i]
        if a in ("--full", "--dump"):
            opts["mode"] = a[2:]
        elif a == "--golden":
            opts["golden"] = True
        elif a == "--all":
            opts["all"] = True
        elif a in ("-q", "--quiet"):
            opts["quiet"] = True
        elif a == "--allow-name-resolution":
            opts["names"] = True
        elif a in valued and i + 1 < len(argv):
            opts[valued[a]] = argv[i + 1]
            i += 1
        elif a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        else:
            raise Unusable("unknown option %s (options go before PCAP)" % a)
        i += 1
    if opts["captures"] is not None:
        argv = argv[:i] + [None] + argv[i:]  # the captures stand where PCAP does
    if len(argv) - i < 2 or opts["golden"] == (opts["filter"] is not None):
        raise Unusable("usage: compare.py --golden|--filter EXPR [OPTIONS] PCAP TOOL [FLAGS...]")
    flags = argv[i + 2:]
    if not opts["names"] and not any(re.fullmatch(r"-[A-Za-z]*n[A-Za-z]*", f) for f in flags):
        raise Unusable("FLAGS without -n would resolve names: pass --allow-name-resolution")
    opts["max_diffs"], opts["jobs"] = int(opts["max_diffs"]), int(opts["jobs"])
    return opts, argv[i], shlex.split(argv[i + 1]), flags


def compare(opts, pcap, tool, flags):
    """(True if every record matches, the lines to print)."""
    stamped = has_timestamps(flags)
    if opts["golden"]:
        text, packets, selected, source = golden_side(pcap, flags)
        if opts["all"]:
            selected = list(range(1, packets + 1))
        expected = split_records(text, stamped)
        if len(expected) != packets:
            raise Unusable("%s: %d records for %d packets" % (source, len(expected), packets))
        tool_cmd = tool + flags + ["-r", pcap]
    else:
        filt = [opts["filter"]] if opts["filter"] else []
        td_cmd = [opts["tcpdump"]] + flags + ["-r", pcap] + filt
        rc, text, err = run(td_cmd)
        if rc != 0 and not text:
            raise Unusable("%s: exit %d: %s" % (shlex.join(td_cmd), rc, err.strip()[-300:]))
        expected = split_records(text, stamped)
        selected = list(range(1, len(expected) + 1))
        source = "tcpdump, filter %r" % opts["filter"]
        tool_cmd = tool + flags + ["-r", pcap] + filt
    rc, out, err = run(tool_cmd)
    got = split_records(out, stamped)
    notes = []
    if rc != 0:
        notes.append("tool exit %d: %s" % (rc, err.strip()[-300:]))
    whole = True
    if opts["golden"]:
        # Records are picked by packet number, so the tool must print one for every packet.
        whole = len(got) == packets
        if whole:
            got = [got[n - 1] for n in selected]
        else:
            notes.append("tool printed %d records for %d packets" % (len(got), packets))
        expected = [expected[n - 1] for n in selected]
    want = [normalise(r, opts["mode"]) for r in expected]
    have = [normalise(r, opts["mode"]) for r in got]
    same = sum(1 for a, b in zip(want, have) if a == b)
    ok = whole and len(want) == len(have) == same
    summary = "%s: %s [%s] %s, %s: %d/%d records match" % (
        "PASS" if ok else "FAIL", pcap, " ".join(flags), opts["mode"], source, same,
        max(len(want), len(have)))
    lines = []
    if not opts["quiet"] and not ok:
        lines = ["tool: %s" % shlex.join(tool_cmd)] + ["note: " + n for n in notes]
        lines += diffs(want, have, selected, opts["max_diffs"])
    return ok, lines + [summary]


def compare_listed(opts, tool, flags):
    """Every capture of opts["captures"]; 0 all match, 1 a difference, 2 one not compared."""
    with (sys.stdin if opts["captures"] == "-" else open(opts["captures"])) as f:
        pcaps = [line.rstrip("\n") for line in f if line.strip()]

    def one(pcap):
        try:
            ok, lines = compare(opts, pcap, tool, flags)
            return (0 if ok else 1), lines
        except Unusable as e:
            return 2, ["ERROR: %s: %s" % (pcap, e)]

    worst = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts["jobs"]) as pool:
        for status, lines in pool.map(one, pcaps):
            print("\n".join(lines), flush=True)
            worst = max(worst, status)
    return worst


def main(argv):
    try:
        if argv[:1] == ["--show"] and len(argv) > 1:
            sys.stdout.write(golden_side(argv[1], argv[2:])[0])
            return 0
        opts, pcap, tool, flags = parse_args(argv)
        if opts["captures"] is not None:
            return compare_listed(opts, tool, flags)
        ok, lines = compare(opts, pcap, tool, flags)
        print("\n".join(lines))
        return 0 if ok else 1
    except Unusable as e:
        print("compare.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
