#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The options and subcommands of `xdpspy --help`, the man page and README's flag table agree.

Every option --help lists has exactly one entry in the man page's OPTIONS section and a row in
README's "Flags" table, and neither documents an option --help does not know; every
subcommand appears in --help, the man page's SYNOPSIS and README.

    tests/check_docs.py BINARY MANPAGE README
"""
import re
import subprocess
import sys


def help_options(binary):
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    opts, subcmds, in_sub = set(), set(), False
    for line in out.splitlines():
        if line.startswith("subcommands"):
            in_sub = True
        elif in_sub and line.strip():
            subcmds.add(line.split()[0])
        m = re.match(r"\s+(-.)?,?\s*(--[a-z-]+)", line)
        if m and not in_sub:
            opts.add(m.group(1) or m.group(2))  # the short form names the option when there is one
    return opts, subcmds


def roff_text(s):
    return re.sub(r"\\f[BIRP]", "", s).replace("\\-", "-").replace('"', " ")


def man_entries(path):
    """The option headings of OPTIONS (the line after each .TP), as sets of option words."""
    lines = open(path).read().splitlines()
    start = lines.index(".SH OPTIONS")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(".SH "))
    heads = [lines[i + 1] for i in range(start, end) if lines[i] == ".TP"]
    return [set(re.findall(r"(?<![\w-])(--?[\w#-]+)", roff_text(h))) for h in heads], lines


def base(opt):
    """-xx, -tt, -vv name the option -x, -t, -v."""
    return opt[:2] if re.fullmatch(r"-(.)\1+", opt) else opt


def main(binary, manpage, readme):
    failed = 0

    def fail(msg):
        nonlocal failed
        failed += 1
        print("docs: FAIL: " + msg)

    opts, subcmds = help_options(binary)
    entries, man_lines = man_entries(manpage)
    for o in sorted(opts):
        n = sum(o in {base(w) for w in e} for e in entries)
        if n != 1:
            fail(f"{o}: {n} entries in the man page's OPTIONS (want 1)")
    for e in entries:
        for w in e:
            if w.startswith("-") and base(w) not in opts:
                fail(f"the man page documents {w}, which --help does not list")

    table = re.search(r"## Flags\n(.*?)\n## ", open(readme).read(), re.S).group(1)
    rows = [set(re.findall(r"`(--?[\w#-]+)", r.split("|")[1])) for r in table.splitlines()
            if r.startswith("| `")]
    for o in sorted(opts - {"-h", "--version"}):
        if not any(o in {base(w) for w in r} for r in rows):
            fail(f"{o}: no row in README's Flags table")

    synopsis = roff_text(" ".join(man_lines[man_lines.index(".SH SYNOPSIS"):
                                            man_lines.index(".SH DESCRIPTION")]))
    readme_text = open(readme).read()
    for want in ("attach", "detach", "list", "stats", "top", "watch", "flows"):
        if want not in subcmds:
            fail(f"--help does not list the subcommand {want}")
        if not re.search(rf"\b{want}\b", synopsis):
            fail(f"the man page's SYNOPSIS lacks the subcommand {want}")
        if f"xdpspy {want}" not in readme_text:
            fail(f"README never shows `xdpspy {want}`")
    print(f"docs: {len(opts)} options, {len(subcmds)} subcommands checked; "
          f"{'FAILED' if failed else 'consistent'}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
