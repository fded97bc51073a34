#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make test-build: the build's header dependencies are true. Usage: build_deps.py BINARY...

With everything built, make must find every BINARY up to date. Then each header of the tree
is touched, one at a time, in a copy of the tree and its build (so the tree is left alone),
and make is asked what it would rebuild (`make -n`): exactly the binaries one of whose
objects includes the header. Which those are is asked of the compilers, not of the .d files
make reads: each compile command of a binary (`make -n -B`) is run again as a dependency
listing (-MM), transitive through the BPF object the skeleton embeds.
"""
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER_DIRS = ("include", "user", "bpf", "tests", "bench", "vmlinux")
# Not needed by make: captures, goldens, the fuzzers' work and the other builds.
NOT_COPIED = {".git", "tests/corpus", "tests/golden", "tests/data", "build/fuzz",
              "build/fuzz-pcap", "build/port", "build/difffuzz"}
REMAKE = re.compile(r"Must remake target '([^']+)'")


def make(*args, cwd=TOP):
    return subprocess.run(["make", "--no-print-directory", "V=1"] + list(args), cwd=cwd,
                          capture_output=True, text=True)


def compile_commands(binary):
    """The compiler commands (-c) make would run to build BINARY from nothing."""
    out = make("-n", "-B", binary).stdout
    return [line for line in out.split("\n") if re.search(r"\s-c\s", line)]


def listed_headers(command):
    """The tree's headers COMMAND's source includes, by the compiler's own -MM."""
    words = shlex.split(command)
    keep, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w == "-o":
            skip = True
        elif w not in ("-c", "-MMD", "-MP"):
            keep.append(w)
    p = subprocess.run(keep + ["-MM"], cwd=TOP, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("build_deps: %s\n%s" % (shlex.join(keep + ["-MM"]), p.stderr[-2000:]))
    deps = p.stdout.replace("\\\n", " ").split(":", 1)[1].split()
    return {os.path.normpath(d) for d in deps if d.endswith(".h") and not d.startswith("/")}


def headers():
    found = []
    for d in HEADER_DIRS:
        for root, _, files in os.walk(os.path.join(TOP, d)):
            found += [os.path.relpath(os.path.join(root, f), TOP) for f in files
                      if f.endswith(".h")]
    return sorted(found)


def touched_remakes(copy, header, binaries):
    """The BINARIES make would rebuild in COPY after HEADER changed (it is touched, then put
    back as it was)."""
    path = os.path.join(copy, header)
    before = os.stat(path)
    os.utime(path, (time.time(), time.time()))
    try:
        out = make("-n", "--debug=b", *binaries, cwd=copy).stdout
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return set(REMAKE.findall(out)) & set(binaries)


def main(binaries):
    failed = 0
    stale = make("-q", *binaries)
    if stale.returncode != 0:
        failed += 1
        print("build: FAIL with nothing changed, make would still rebuild: %s" %
              " ".join(REMAKE.findall(make("-n", "--debug=b", *binaries).stdout)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        commands = dict(zip(binaries, pool.map(compile_commands, binaries)))
        unique = sorted({c for cs in commands.values() for c in cs})
        included = dict(zip(unique, pool.map(listed_headers, unique)))
    deps = {b: set().union(*(included[c] for c in commands[b])) for b in binaries}
    # Each worker touches headers in a copy of its own: make's answers take a second each.
    hs = headers()
    workers = min(os.cpu_count() or 1, 4)
    copies = [tempfile.mkdtemp(prefix="build-deps.") for _ in range(workers)]

    def check(worker):
        fails = []
        for h in hs[worker::workers]:
            want = {b for b in binaries if h in deps[b]}
            got = touched_remakes(copies[worker], h, binaries)
            if got != want:
                fails.append("build: FAIL %s: not rebuilt though they include it: %s; rebuilt "
                             "though they do not: %s" % (h, " ".join(sorted(want - got)) or "-",
                                                         " ".join(sorted(got - want)) or "-"))
        return fails

    try:
        for c in copies:
            shutil.copytree(TOP, c, symlinks=True, dirs_exist_ok=True,
                            ignore=lambda d, names: [n for n in names if os.path.relpath(
                                os.path.join(d, n), TOP) in NOT_COPIED])
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            for fails in pool.map(check, range(workers)):
                failed += len(fails)
                for line in fails:
                    print(line)
    finally:
        for c in copies:
            shutil.rmtree(c)
    checked = len(hs)
    print("build: %d headers against %d binaries (%d compile commands); %d passed, %d failed" %
          (checked, len(binaries), len(unique), checked + 1 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
