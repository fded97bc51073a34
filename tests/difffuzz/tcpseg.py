# SPDX-License-Identifier: GPL-2.0-only
"""TCP segments (RFC 9293) and the conversations they belong to.

A conversation goes through a handshake, data both ways with SACK, FIN or
RST, and sometimes a new SYN on the same 4-tuple, so that tcpdump's relative
sequence numbers, their reset by a SYN-ACK, and -S all matter. Some start
mid-stream; lone segments have random everything: every flag combination
with the reserved and AE bits, data offsets 0-15, urgent pointers, windows 0
and 65535, sequence numbers near 2^32.
"""

import struct

import tcpopts

FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128

# Ports without a tcpdump application decoder, and a few with one.
DECODER_PORTS = [21, 22, 23, 25, 43, 53, 80, 110, 139, 179, 443, 445, 554, 1723, 2049, 6379, 8080]


def port(rng):
    return rng.pick([(12, lambda: rng.randrange(40000, 55000)), (2, lambda: rng.randrange(1, 65536)),
                     (1, lambda: rng.choice(DECODER_PORTS)), (1, lambda: rng.choice([0, 65535]))])


class Segment:
    """What the frame composer needs to lay out a TCP header."""

    def __init__(self, sport, dport, seq, ack, flags, win=None, urg=0, opts=b'', payload=b'',
                 doff=None, resv=0):
        self.sport, self.dport, self.seq, self.ack = sport, dport, seq, ack
        self.flags, self.win, self.urg = flags, win, urg
        self.opts, self.payload, self.doff, self.resv = opts, payload, doff, resv

    def header(self):
        doff = self.doff if self.doff is not None else 5 + len(self.opts) // 4
        return struct.pack('>HHIIBBHHH', self.sport, self.dport, self.seq & 0xffffffff,
                           self.ack & 0xffffffff, (doff << 4) | self.resv, self.flags,
                           self.win & 0xffff, 0, self.urg) + self.opts


def decorate(rng, seg):
    """Random options, odd flags and header fields, on any segment."""
    base = seg.ack if seg.flags & ACK else seg.seq
    seg.opts = tcpopts.pad(rng, tcpopts.option_area(rng, seg.flags, base))
    if seg.win is None:
        seg.win = rng.pick([(8, lambda: rng.randrange(1, 65535)), (1, 0), (1, 65535)])
    if rng.chance(0.04):
        seg.flags |= rng.choice([URG, ECE, CWR, ECE | CWR, URG | PSH])
    if seg.flags & URG or rng.chance(0.03):
        seg.urg = rng.pick([(3, lambda: rng.u16()), (1, 0), (1, 65535)])
    if rng.chance(0.04):
        seg.resv = rng.getrandbits(4)  # the reserved bits and AE (RFC 9768)
    if rng.chance(0.04):
        seg.doff = rng.randrange(16)
    return seg


def lone(rng):
    """A segment of no conversation."""
    flags = rng.pick([(3, lambda: rng.getrandbits(8)), (2, ACK), (1, SYN), (1, SYN | ACK),
                      (1, RST), (1, RST | ACK), (1, PSH | ACK), (1, FIN | ACK), (1, 0)])
    payload = rng.bytes(rng.pick([(3, 0), (2, lambda: rng.small_len(200))]))
    return decorate(rng, Segment(port(rng), port(rng), rng.u32(), rng.u32(), flags,
                                 payload=payload))


class Conversation:
    def __init__(self, rng, fam, a, b):
        self.fam, self.a, self.b = fam, a, b
        self.pa, self.pb = port(rng), port(rng)
        if rng.chance(0.05):
            self.pb = self.pa
        self.state = rng.pick([(4, 'new'), (1, 'est')])
        self.reopen(rng)

    def reopen(self, rng):
        self.next = [rng.u32(), rng.u32()]  # next sequence number from a, from b

    def seg(self, rng, frm, flags, length=0):
        """A segment from a (frm 0) or b (frm 1); consumes sequence space."""
        me, peer = self.next[frm], self.next[1 - frm]
        payload = rng.bytes(length)
        sport, dport = (self.pa, self.pb) if frm == 0 else (self.pb, self.pa)
        s = Segment(sport, dport, me, peer if flags & ACK else rng.pick([(3, 0), (1, rng.u32)]),
                    flags, payload=payload)
        self.next[frm] = (me + length + (1 if flags & (SYN | FIN) else 0)) & 0xffffffff
        return decorate(rng, s), frm

    def step(self, rng):
        """The next segment and its direction (0: a to b)."""
        st = self.state
        if st == 'new':
            self.state = 'syn'
            return self.seg(rng, 0, SYN)
        if st == 'syn':
            if rng.chance(0.1):
                self.state = 'closed'
                self.next[0] = (self.next[0]) & 0xffffffff
                return self.seg(rng, 1, RST | ACK)
            self.state = 'est'
            return self.seg(rng, 1, SYN | ACK)
        if st == 'closed':
            self.reopen(rng)
            self.state = 'syn'
            return self.seg(rng, rng.randrange(2), SYN)
        frm = rng.randrange(2)
        what = rng.pick([(6, 'data'), (5, 'ack'), (1, 'retrans'), (1, 'fin'), (1, 'rst'),
                         (1, 'resyn'), (1, 'bare-rst')])
        if what == 'data':
            return self.seg(rng, frm, PSH | ACK if rng.chance(0.6) else ACK,
                            rng.pick([(3, lambda: rng.randrange(1, 200)), (1, 1448), (1, 1)]))
        if what == 'ack':
            return self.seg(rng, frm, ACK)
        if what == 'retrans':
            keep = self.next[frm]
            self.next[frm] = (keep - rng.randrange(1, 3000)) & 0xffffffff
            s = self.seg(rng, frm, ACK | PSH, rng.randrange(1, 100))
            self.next[frm] = keep
            return s
        if what == 'fin':
            self.state = 'closed' if rng.chance(0.5) else 'est'
            return self.seg(rng, frm, FIN | ACK)
        if what == 'rst':
            self.state = 'closed'
            return self.seg(rng, frm, RST | ACK)
        if what == 'bare-rst':
            self.state = 'closed'
            return self.seg(rng, frm, RST)
        self.reopen(rng)  # a new connection on the same 4-tuple
        self.state = 'syn'
        return self.seg(rng, 0, SYN)
