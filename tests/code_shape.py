#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make lint: the shape of the code, which no compiler checks.

  code_shape.py cycles DIR INCDIR...   no include circle among DIR's modules
  code_shape.py length N FILE...       no function longer than N lines

A module is a source and its header (print/tcp.c and print/tcp.h), so a header that declares
what another module defines, and that module including it back, is a circle too: a layer that
calls up into the one above. `#include "x.h"` resolves as the compiler's -I does: the including
file's folder first, then each INCDIR in order; only files under DIR count.

A function is counted from its first line to its closing brace, both at column 0 (kernel
style, which make check-format keeps).
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(top):
    for root, _, files in os.walk(top):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.normpath(os.path.join(root, f))


def module(path):
    return os.path.splitext(path)[0]


def graph(top, incdirs):
    edges = {}
    for path in sources(top):
        deps = edges.setdefault(module(path), set())
        for name in INCLUDE.findall(open(path).read()):
            for d in [os.path.dirname(path)] + incdirs:
                found = os.path.normpath(os.path.join(d, name))
                if os.path.exists(found):
                    break
            else:
                continue
            if found.startswith(os.path.normpath(top) + os.sep) and module(found) != module(path):
                deps.add(module(found))
    return edges


def circles(edges):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def cycles(top, incdirs):
    edges = graph(top, incdirs)
    found = circles(edges)
    for comp in found:
        inside = set(comp)
        print("code_shape: include circle: " + " -> ".join(
            "%s (%s)" % (m, ", ".join(sorted(os.path.basename(d) for d in edges[m] & inside)))
            for m in comp))
    if not found:
        print("code_shape: %d modules under %s/, no include circle" % (len(edges), top))
    return 1 if found else 0


def functions(path):
    """(name, first line, length) of each function definition in path."""
    lines = open(path).read().split("\n")
    start = brace = None
    for i, line in enumerate(lines):
        if line == "{":
            start = brace = i
            while start > 0 and lines[start - 1].strip() and \
                    not lines[start - 1].startswith(("#", "/", " *", "}")) and \
                    not lines[start - 1].endswith((";", "*/")):
                start -= 1
        elif line.startswith("}") and start is not None:
            m = re.search(r"(\w+)\s*\(", " ".join(lines[start:brace]))
            yield (m.group(1) if m else "?"), start + 1, i - start + 1
            start = None


def length(limit, paths):
    bad = 0
    for path in paths:
        for name, first, n in functions(path):
            if n > limit:
                print("code_shape: %s:%d: %s() is %d lines, over %d" % (path, first, name, n, limit))
                bad += 1
    if not bad:
        print("code_shape: %d files, no function over %d lines" % (len(paths), limit))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "cycles":
        return cycles(argv[1], argv[2:])
    if len(argv) >= 2 and argv[0] == "length":
        return length(int(argv[1]), argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
