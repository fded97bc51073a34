# SPDX-License-Identifier: GPL-2.0-only
"""Records of tcpdump-style output, compared the way the project compares them.

A record starts with its -tt time stamp; every frame the generator writes has
its own, so records pair up by time stamp, not by position. Prefix mode
compares a TCP record up to and including the ", length N" that follows
its last "Flags [" (the TCP header's, after any tunnel's own); full mode compares whole records, continuation lines included.
"""

import re

TS = re.compile(r'^(\d+\.\d{6}) ', re.M)
TCP_LENGTH = re.compile(r', length \d+')


def split(text):
    """{time stamp: record} and the text before the first record (should be empty)."""
    out = {}
    starts = [m for m in TS.finditer(text)]
    head = text[:starts[0].start()] if starts else text
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        out[m.group(1)] = text[m.start():end].rstrip('\n')
    return out, head


def prefix(rec):
    # The last "Flags [": a tunnel's own (GRE's, Geneve's) come before the inner TCP's.
    i = rec.rfind('Flags [')
    if i < 0:
        return rec
    m = TCP_LENGTH.search(rec, i)
    return rec[:m.end()] if m else rec


_NORM = [
    (re.compile(r'\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b'), 'MAC'),
    (re.compile(r'\b\d+\.\d+\.\d+\.\d+\b'), 'IP4'),
    (re.compile(r'\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\b'), 'IP6'),
    (re.compile(r'0x[0-9a-f]+'), '0xH'),
    (re.compile(r'\b[0-9a-f]*\d[0-9a-f]*\b'), 'N'),
]


def norm(s):
    for rx, rep in _NORM:
        s = rx.sub(rep, s)
    return s


_SHAPE = re.compile(r'[\[(|!]*[A-Za-z][A-Za-z0-9-]*|N')


def shape(word):
    """A word's leading name ("AH(spi=...)" is "AH", "[|tcp]" is "[|tcp")."""
    m = _SHAPE.search(word)
    return m.group(0) if m else word


def signature(want, got):
    """A class for a difference: the word before the records part, and the first word each
    goes on with, numbers and addresses normalised."""
    i = 0
    n = min(len(want), len(got))
    while i < n and want[i] == got[i]:
        i += 1
    while i > 0 and want[i - 1].isalnum():
        i -= 1  # back to the start of the token, so numbers normalise whole
    before = norm(want[:i]).split()
    ctx = shape(before[-1].rstrip(',').split(',')[-1]) if before else '^'

    def word(s):
        w = norm(s[i:]).split()
        return shape(w[0]) if w else '$'
    return '%s ⟨tcpdump: %s⟩ ⟨xdpspy: %s⟩' % (ctx, word(want), word(got))
