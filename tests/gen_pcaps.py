#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate the hand-crafted capture corpus in tests/data/.

xdpspy's replay mode (`xdpspy -n -tt -r FILE`) must print exactly what
tcpdump 4.99.3 prints.  The captures taken from tcpdump's own test suite
cover real traffic; the files written here cover, one theme per file, the
corner cases an in-kernel TCP/IP parser plus a tcpdump-exact printer must get
right: every TCP option tcpdump names (and malformed ones), truncation at
every header boundary, length fields that disagree with the frame, VLAN
stacks, IPv6 extension-header chains, IPv4 options and fragments, sequence
number wrap-around and tcpdump's relative-sequence state, interleaved flows
with SACK, every TCP flag, non-TCP traffic, odd timestamps and the other
capture file formats (pcapng, nanosecond pcap, big-endian pcap).

All files use DLT_EN10MB.  Everything is deterministic (fixed timestamps, no
randomness), so re-running the script rewrites byte-identical files.  Only
the Python 3 standard library is used.

    python3 tests/gen_pcaps.py [OUTDIR]      # default: tests/data next to this script

tests/data/README.md lists the files and what each one covers.
"""

import ipaddress
import os
import struct
import sys

# --------------------------------------------------------------------------
# Capture file writers
# --------------------------------------------------------------------------

LINKTYPE_ETHERNET = 1
MAX_SNAPLEN = 262144


class Pcap:
    """A classic pcap file: micro- or nanosecond magic, either byte order."""

    def __init__(self, name, nsec=False, big_endian=False, snaplen=MAX_SNAPLEN):
        self.name = name
        self.nsec = nsec
        self.e = '>' if big_endian else '<'
        self.snaplen = snaplen
        self.records = []

    def add(self, ts, frame, caplen=None, wirelen=None, frac=None):
        """Append one record.

        ts       integer nanoseconds since the epoch (truncated to the file's
                 resolution), or seconds with `frac` giving the micro- or
                 nanosecond field verbatim
        frame    the full frame bytes
        caplen   bytes stored (default: all of frame); frame is cut to it
        wirelen  original length field (default: len(frame))
        """
        if frac is None:
            sec, frac = divmod(ts, 1000000000)
            if not self.nsec:
                frac //= 1000
        else:
            sec = ts
        data = frame if caplen is None else frame[:caplen]
        if wirelen is None:
            wirelen = len(frame)
        self.records.append((sec, frac, data, wirelen))

    def __len__(self):
        return len(self.records)

    def write(self, outdir):
        magic = 0xa1b23c4d if self.nsec else 0xa1b2c3d4
        out = [struct.pack(self.e + 'IHHiIII', magic, 2, 4, 0, 0, self.snaplen,
                           LINKTYPE_ETHERNET)]
        for sec, frac, data, wirelen in self.records:
            out.append(struct.pack(self.e + 'IIII', sec & 0xffffffff, frac & 0xffffffff,
                                   len(data), wirelen))
            out.append(data)
        with open(os.path.join(outdir, self.name), 'wb') as f:
            f.write(b''.join(out))


def _pad4(b):
    return b + bytes(-len(b) % 4)


def _pcapng_opt(code, value):
    return struct.pack('<HH', code, len(value)) + _pad4(value)


def _pcapng_block(btype, body):
    body = _pad4(body)
    total = len(body) + 12
    return struct.pack('<II', btype, total) + body + struct.pack('<I', total)


class Pcapng:
    """A little-endian pcapng file: SHB, one or more IDBs, EPBs (and extras)."""

    def __init__(self, name):
        self.name = name
        self.blocks = []
        self.ifaces = []        # timestamp units per second, per interface
        self.count = 0
        shb_opts = _pcapng_opt(4, b'xdpspy tests/gen_pcaps.py') + _pcapng_opt(0, b'')
        self.blocks.append(_pcapng_block(
            0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1) + shb_opts))

    def add_iface(self, snaplen=MAX_SNAPLEN, tsresol=None, name=None):
        opts = b''
        if name:
            opts += _pcapng_opt(2, name.encode())
        units = 1000000
        if tsresol is not None:
            opts += _pcapng_opt(9, bytes([tsresol]))
            units = 10 ** tsresol
        if opts:
            opts += _pcapng_opt(0, b'')
        self.blocks.append(_pcapng_block(
            1, struct.pack('<HHI', LINKTYPE_ETHERNET, 0, snaplen) + opts))
        self.ifaces.append(units)
        return len(self.ifaces) - 1

    def add(self, ts, frame, iface=0, caplen=None, wirelen=None, comment=None):
        units = self.ifaces[iface]
        t = ts * units // 1000000000               # ts in nanoseconds
        data = frame if caplen is None else frame[:caplen]
        if wirelen is None:
            wirelen = len(frame)
        body = struct.pack('<IIIII', iface, t >> 32, t & 0xffffffff, len(data), wirelen)
        body += _pad4(data)
        if comment:
            body += _pcapng_opt(1, comment.encode()) + _pcapng_opt(0, b'')
        self.blocks.append(_pcapng_block(6, body))
        self.count += 1

    def add_raw_block(self, btype, body):
        """A block readers must skip (e.g. a Name Resolution Block)."""
        self.blocks.append(_pcapng_block(btype, body))

    def __len__(self):
        return self.count

    def write(self, outdir):
        with open(os.path.join(outdir, self.name), 'wb') as f:
            f.write(b''.join(self.blocks))


# --------------------------------------------------------------------------
# Packet builders
# --------------------------------------------------------------------------

def csum16(data):
    """Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def addr(a):
    return ipaddress.ip_address(a).packed


def mac(m):
    return bytes(int(x, 16) for x in m.split(':'))


def mac_of(ip):
    """A stable locally administered MAC per IP address (for -e output)."""
    a = addr(ip)
    return '02:00:00:00:%02x:%02x' % (a[-2], a[-1])


MAC_A = '02:00:00:00:00:01'     # the host owning 10.0.0.1 / 2001:db8::1
MAC_B = '02:00:00:00:00:02'

ETH_IP4, ETH_IP6, ETH_ARP = 0x0800, 0x86dd, 0x0806
TPID_8021Q, TPID_8021AD = 0x8100, 0x88a8
PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP = 1, 4, 6, 17
PROTO_IPV6, PROTO_ICMP6 = 41, 58
NH_HBH, NH_RT, NH_FRAG, NH_NONE, NH_DST = 0, 43, 44, 59, 60


def eth(etype, payload, dst=MAC_B, src=MAC_A, pad=True):
    """Ethernet II frame; pads to the 60-byte minimum like a real NIC."""
    f = mac(dst) + mac(src) + struct.pack('!H', etype) + payload
    if pad and len(f) < 60:
        f += bytes(60 - len(f))
    return f


def vlan(tci_list, etype, payload, tpids=None, **kw):
    """Ethernet frame with one or more VLAN tags (outermost first).

    tci_list  list of (vid, pcp, dei)
    tpids     TPID per tag (default 0x8100 for each)
    """
    tpids = tpids or [TPID_8021Q] * len(tci_list)
    types = list(tpids[1:]) + [etype]
    tags = b''
    for (vid, pcp, dei), nxt in zip(tci_list, types):
        tags += struct.pack('!HH', (pcp << 13) | (dei << 12) | vid, nxt)
    return eth(tpids[0], tags + payload, **kw)


def ipv4(src, dst, proto, payload, ttl=64, ident=0x1000, df=False, mf=False,
         frag=0, tos=0, opts=b'', tot_len=None, ihl=None, version=4, csum=None):
    """IPv4 header + payload.  frag is the offset in 8-byte units.
    tot_len/ihl/version override the honest values; csum=None computes it."""
    if len(opts) % 4:
        opts += bytes(4 - len(opts) % 4)
    hl = ihl if ihl is not None else 5 + len(opts) // 4
    tl = tot_len if tot_len is not None else 20 + len(opts) + len(payload)
    fl = (0x4000 if df else 0) | (0x2000 if mf else 0) | frag
    h = struct.pack('!BBHHHBBH4s4s', (version << 4) | hl, tos, tl, ident, fl, ttl,
                    proto, 0, addr(src), addr(dst)) + opts
    c = csum16(h) if csum is None else csum
    return h[:10] + struct.pack('!H', c) + h[12:] + payload


def ipv6(src, dst, nh, payload, hlim=64, plen=None, tc=0, flow=0, version=6):
    """IPv6 fixed header + payload (which may start with extension headers)."""
    pl = len(payload) if plen is None else plen
    return struct.pack('!IHBB16s16s', (version << 28) | (tc << 20) | flow, pl, nh,
                       hlim, addr(src), addr(dst)) + payload


# IPv6 extension headers -----------------------------------------------------

def _tlv_pad(opts, base):
    """Pad an options area so base+len is a multiple of 8 (Pad1 / PadN)."""
    n = -(base + len(opts)) % 8
    if n == 1:
        return opts + b'\x00'
    if n:
        return opts + bytes([1, n - 2]) + bytes(n - 2)
    return opts


def ext_opts(nh, opts, pad=True):
    """Hop-by-hop or destination options header body (same format)."""
    if pad:
        opts = _tlv_pad(opts, 2)
    return bytes([nh, (2 + len(opts)) // 8 - 1]) + opts


def ext_rt(nh, rtype, segleft, data):
    """Routing header; data follows the 4 fixed bytes (padded to 8n+4)."""
    data += bytes(-(4 + len(data)) % 8)
    return bytes([nh, (4 + len(data)) // 8 - 1, rtype, segleft]) + data


def ext_rt0(nh, addrs, segleft):
    return ext_rt(nh, 0, segleft, bytes(4) + b''.join(addr(a) for a in addrs))


def ext_rt2(nh, home):
    return ext_rt(nh, 2, 1, bytes(4) + addr(home))


def ext_srh(nh, segs, segleft):
    """Segment routing header (type 4): last_entry, flags, tag, segment list."""
    return ext_rt(nh, 4, segleft,
                  struct.pack('!BBH', len(segs) - 1, 0, 0) + b''.join(addr(a) for a in segs))


def ext_frag(nh, offset, more, ident):
    return struct.pack('!BBHI', nh, 0, (offset << 3) | (1 if more else 0), ident)


# TCP --------------------------------------------------------------------------

TCP_FLAGS = {'F': 0x01, 'S': 0x02, 'R': 0x04, 'P': 0x08, 'A': 0x10, 'U': 0x20,
             'E': 0x40, 'W': 0x80}


def flags(s):
    v = 0
    for ch in s:
        v |= TCP_FLAGS[ch]
    return v


def pseudo(src, dst, proto, length):
    if ':' in src:
        return addr(src) + addr(dst) + struct.pack('!IxxxB', length, proto)
    return addr(src) + addr(dst) + struct.pack('!xBH', proto, length)


def tcp(src, dst, sport, dport, seq, ack=0, fl='A', win=65535, opts=b'', data=b'',
        urp=0, doff=None, res=0, csum=None, ck_dst=None):
    """TCP header + data.

    fl     flag letters (F S R P A U E W) or an int
    opts   raw option bytes; zero-padded to a multiple of 4 unless doff is given
    doff   override the data offset (in words); the option bytes are kept as is
    res    the 4 reserved bits (incl. the AE/NS bit)
    csum   None: correct checksum; 'bad': correct ^ 0x5a5a; int: verbatim
    ck_dst destination used for the pseudo-header (IPv6 routing header)
    """
    if doff is None:
        opts += bytes(-len(opts) % 4)
        doff = 5 + len(opts) // 4
    fv = flags(fl) if isinstance(fl, str) else fl
    h = struct.pack('!HHIIBBHHH', sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                    (doff << 4) | res, fv, win, 0, urp) + opts
    seg = h + data
    good = csum16(pseudo(src, ck_dst or dst, PROTO_TCP, len(seg)) + seg)
    c = good if csum is None else (good ^ 0x5a5a if csum == 'bad' else csum)
    return seg[:16] + struct.pack('!H', c) + seg[18:]


def udp(src, dst, sport, dport, data, csum=None):
    ln = 8 + len(data)
    seg = struct.pack('!HHHH', sport, dport, ln, 0) + data
    c = csum16(pseudo(src, dst, PROTO_UDP, ln) + seg) if csum is None else csum
    return seg[:6] + struct.pack('!H', c or 0xffff) + seg[8:]


def icmp(itype, code, rest, data=b''):
    m = struct.pack('!BBH', itype, code, 0) + rest + data
    return m[:2] + struct.pack('!H', csum16(m)) + m[4:]


def icmp6(src, dst, itype, code, body):
    m = struct.pack('!BBH', itype, code, 0) + body
    c = csum16(pseudo(src, dst, PROTO_ICMP6, len(m)) + m)
    return m[:2] + struct.pack('!H', c) + m[4:]


def tcp4(src, dst, sport, dport, seq, ack=0, fl='A', ip=None, **kw):
    """Ethernet + IPv4 + TCP in one go; ip holds ipv4() keyword overrides."""
    seg = tcp(src, dst, sport, dport, seq, ack, fl, **kw)
    return eth(ETH_IP4, ipv4(src, dst, PROTO_TCP, seg, **(ip or {})),
               src=mac_of(src), dst=mac_of(dst))


def tcp6(src, dst, sport, dport, seq, ack=0, fl='A', ip=None, **kw):
    seg = tcp(src, dst, sport, dport, seq, ack, fl, **kw)
    return eth(ETH_IP6, ipv6(src, dst, PROTO_TCP, seg, **(ip or {})),
               src=mac_of(src), dst=mac_of(dst))


# TCP options ------------------------------------------------------------------

def o_eol():
    return b'\x00'


def o_nop():
    return b'\x01'


def o_mss(v):
    return struct.pack('!BBH', 2, 4, v)


def o_ws(v):
    return bytes([3, 3, v])


def o_sackok():
    return b'\x04\x02'


def o_sack(*blocks):
    return bytes([5, 2 + 8 * len(blocks)]) + b''.join(
        struct.pack('!II', s & 0xffffffff, e & 0xffffffff) for s, e in blocks)


def o_ts(val, ecr):
    return struct.pack('!BBII', 8, 10, val, ecr)


def o_raw(kind, data=b'', length=None):
    """Any option: kind, length byte (default honest), data."""
    ln = 2 + len(data) if length is None else length
    return bytes([kind, ln]) + data


def o_mptcp(subtype, nibble, body):
    """MPTCP option: subtype in the high nibble of byte 2, `nibble` low bits."""
    return o_raw(30, bytes([(subtype << 4) | nibble]) + body)


def padded(*opts):
    """Concatenate options and pad with EOL bytes to a multiple of 4."""
    b = b''.join(opts)
    return b + bytes(-len(b) % 4)


# --------------------------------------------------------------------------
# Addresses used throughout
# --------------------------------------------------------------------------

A4, B4 = '10.0.0.1', '10.0.0.2'
A6, B6 = '2001:db8::1', '2001:db8::2'
CP, SP = 40000, 9999          # client / server port: no tcpdump decoder on either


class Clock:
    """Deterministic timestamps: start second (+ start_us), then a fixed step
    in microseconds per packet.  Returns integer nanoseconds (no floats)."""

    def __init__(self, start_sec, step_us, start_us=0):
        self.t = start_sec * 1000000000 + start_us * 1000
        self.step = step_us * 1000

    def __call__(self):
        t = self.t
        self.t += self.step
        return t


def ns(sec, nsec=0):
    return sec * 1000000000 + nsec


# --------------------------------------------------------------------------
# The captures
# --------------------------------------------------------------------------

def _opt_adder(p, clk, sport):
    """Returns add(opts, fl, data, raw, v6, **kw): one segment per option case."""
    seq = [1000]

    def add(opts, fl='A', data=b'', raw=False, v6=False, **kw):
        o = opts if raw else padded(*opts)
        build = tcp6 if v6 else tcp4
        src, dst = (A6, B6) if v6 else (A4, B4)
        p.add(clk(), build(src, dst, sport, SP, seq[0], 5000, fl, opts=o, data=data, **kw))
        seq[0] += len(data)
    return add


def gen_tcp_options():
    p = Pcap('tcp-options.pcap')
    clk = Clock(1700000000, 1000)
    add = _opt_adder(p, clk, 40001)

    # SYN first (absolute), then an ACK creates tcpdump's flow state
    add((o_mss(1460), o_sackok(), o_ts(100, 0), o_nop(), o_ws(7)), 'S')
    add((o_nop(), o_nop(), o_ts(101, 200)))
    # simple ones
    add((o_mss(536),))
    add((o_mss(0xffff),))
    add((o_nop(), o_nop(), o_nop(), o_nop()))
    add((o_eol(),))                                   # lone EOL (+padding EOLs)
    add(o_mss(1400) + o_eol() + b'\x02\x04\x05\xb4' + b'\xff\xee\xdd', raw=True)
    add(o_nop() + o_eol() + b'\x01\x01', raw=True)    # NOPs after EOL
    add((o_ws(0),))
    add((o_ws(14),))
    add((o_ws(15),))
    add((o_ws(255), o_nop()))
    add((o_sackok(),))
    add((o_sackok(), o_nop(), o_nop(), o_mss(1460)))
    # SACK 1..4 blocks; edges relative to the ACK once the flow is known
    add((o_nop(), o_nop(), o_sack((5100, 5200))))
    add((o_nop(), o_nop(), o_sack((5100, 5200), (5300, 5400))))
    add((o_nop(), o_nop(), o_sack((5100, 5200), (5300, 5400), (5500, 5600))))
    add((o_nop(), o_nop(), o_sack((5100, 5200), (5300, 5400), (5500, 5600),
                                  (5700, 5800))))
    add((o_nop(), o_nop(), o_sack((4000, 4100))))     # edges below ack: wrap rel.
    add((o_raw(5, b''),))                             # sack, 0 blocks (len 2)
    add((o_raw(5, bytes(5)),))                        # len 7: invalid
    add((o_raw(5, bytes(10)),))                       # len 12: invalid
    add((o_nop(), o_nop(), o_ts(0xffffffff, 0), o_nop(), o_nop(),
         o_sack((5100, 5200), (5300, 5400), (5500, 5600))))
    # timestamps
    add((o_ts(0, 0),))
    add((o_nop(), o_nop(), o_ts(4294967295, 123456789)))
    add((o_raw(8, bytes(6)),))                        # TS with len 8
    add((o_raw(8, bytes(10)),))                       # TS with len 12
    # echo / echoreply / cc / ccnew / ccecho
    add((o_raw(6, struct.pack('!I', 0x01020304)),))
    add((o_raw(7, struct.pack('!I', 0xdeadbeef)),))
    add((o_raw(11, struct.pack('!I', 1)),))
    add((o_raw(12, struct.pack('!I', 4294967295)),))
    add((o_raw(13, struct.pack('!I', 77)),))
    add((o_raw(11, b'\x01\x02'),))                    # cc, short
    # md5 signature (kind 19)
    add((o_raw(19, bytes(range(16))), o_nop(), o_nop()))
    add((o_raw(19, bytes(8)),))                       # md5, wrong length
    # scps (20)
    add((o_raw(20, b'\xa5\x07'),))
    add((o_raw(20, b'\x80\x01\x00\x00'),))
    # uto (28): granularity bit 0 = seconds, 1 = minutes
    add((o_raw(28, struct.pack('!H', 600 << 1)),))
    add((o_raw(28, struct.pack('!H', (10 << 1) | 1)),))
    add((o_raw(28, b'\x01'),))                        # uto, short
    # tcp-ao (29)
    add((o_raw(29, bytes([7, 9]) + bytes(range(0xa0, 0xac))),))
    add((o_raw(29, bytes([1, 2])),))                  # no MAC
    add((o_raw(29, bytes([1])),))                     # too short
    # fast open (34)
    add((o_mss(1460), o_raw(34, b'')), 'S')           # cookie request
    add((o_mss(1460), o_raw(34, bytes.fromhex('0123456789abcdef'))), 'S',
        data=b'tfo-data')
    add((o_raw(34, bytes.fromhex('0102030405')),), 'S')   # odd length cookie
    add((o_raw(34, bytes.fromhex('0102')),), 'S')         # too short cookie
    add((o_raw(34, bytes(range(18))),), 'S')              # too long cookie
    # experimental (254): TFO magic 0xf989, other magic
    add((o_mss(1460), o_raw(254, b'\xf9\x89')), 'S')
    add((o_mss(1460), o_raw(254, b'\xf9\x89' + bytes.fromhex('a1b2c3d4e5f60718'))), 'S')
    add((o_raw(254, b'\x12\x34\x56\x78'),))
    add((o_raw(254, b'\xab\xcd'),))
    add((o_raw(254, b'\x12'),))                       # exp, no magic
    add((o_raw(253, b'\x4e\x4f\x00\x01'),))           # 253 is not named
    # unknown kinds
    add((o_raw(99, b'\x11\x22'),))
    add((o_raw(9, b''),))
    add((o_raw(200, bytes(range(10))),))
    add((o_raw(69, b'\x00\x00\x01\x00\x00\x02\x00\x00\x03'),))  # AccECN-ish
    # wrong length bytes
    add(b'\x02\x01\x05\xb4', raw=True)                  # mss len 1 (< 2)
    add(b'\x63\x00\x00\x00', raw=True)                  # unknown, len 0
    add(b'\x02\x28\x05\xb4', raw=True)                  # mss len 40 > remaining
    add(b'\x01\x01\x08\x0a\x00\x00\x00\x01', raw=True)  # TS len 10, only 6 left
    add(o_raw(2, b'\x05\xb4\x00', 5) + b'\x00\x00\x00', raw=True)  # mss [len 5]
    add(o_raw(3, b'\x07\x00', 4), raw=True)               # wscale [len 4]
    add(o_raw(4, b'\x00\x00', 4), raw=True)               # sackOK [len 4]
    add(o_raw(1, b'', 2) + b'\x00\x00', raw=True)         # nop followed by 0x02...
    add(b'\x01' * 40, raw=True)                           # 40 NOPs
    add(padded(o_mss(1460), o_nop(), o_ws(8), o_sackok(), o_ts(5, 6),
               o_nop(), o_nop(), o_sack((5100, 5200))), raw=True)  # all 40 bytes
    # IPv6 carrier, and options on a segment with payload
    add((o_mss(1220), o_sackok()), 'S', v6=True)
    add((o_nop(), o_nop(), o_ts(7, 8)), 'PA', data=b'hello\n', v6=True)
    # bad checksum, still options
    add((o_nop(), o_nop(), o_ts(9, 10)), csum='bad')
    return p


def gen_mptcp_options():
    """MPTCP (kind 30) subtypes, on the same 4-tuple; tcpdump's printer
    checks the length per subtype and the SYN/ACK flags."""
    p = Pcap('tcp-options-mptcp.pcap')
    clk = Clock(1700000500, 1000)
    add = _opt_adder(p, clk, 40002)
    add((o_nop(), o_nop()))                          # flow state first
    # MPTCP (30): MP_CAPABLE v0 SYN (key), v1 SYN (no key), ACK with both keys
    add((o_mptcp(0, 0, bytes([0x81]) + bytes(range(8))),), 'S')
    add((o_mptcp(0, 1, bytes([0x81])),), 'S')
    add((o_mptcp(0, 0, bytes([0x81]) + bytes(range(16))),), 'A')
    add((o_mptcp(0, 1, bytes([0xa1]) + bytes(range(16)) + b'\x00\x10'),), 'PA',
        data=bytes(16))
    add((o_mptcp(0, 0, bytes([0x81]) + bytes(range(8))),), 'A')  # bad for a non-SYN
    # MP_JOIN: SYN, SYN/ACK, ACK
    add((o_mptcp(1, 1, bytes([3]) + struct.pack('!II', 0xdeadbeef, 0x12345678)),), 'S')
    add((o_mptcp(1, 0, bytes([3]) + struct.pack('!QI', 0x0102030405060708,
                                                0xcafebabe)),), 'SA')
    add((o_mptcp(1, 0, b'\x00' + bytes(range(20))),), 'A')
    # DSS: ack only, 8-byte ack, mapping with/without checksum, DATA_FIN
    add((o_mptcp(2, 0, bytes([0x01]) + struct.pack('!I', 0x11223344)),))
    add((o_mptcp(2, 0, bytes([0x03]) + struct.pack('!Q', 0x1122334455667788)),))
    add((o_mptcp(2, 0, bytes([0x05]) + struct.pack('!IIIHH', 7, 8, 9, 100, 0xabcd)),),
        'PA', data=bytes(100))
    add((o_mptcp(2, 0, bytes([0x0c]) + struct.pack('!QIH', 1 << 40, 9, 100)),),
        'PA', data=bytes(100))
    add((o_mptcp(2, 0, bytes([0x15]) + struct.pack('!IIIH', 1, 2, 0, 1)),), 'FA')
    add((o_mptcp(2, 0, bytes([0x04]) + b'\x00\x00'),))  # DSS, mapping too short
    # ADD_ADDR: v0 IPv4, v0 IPv4+port, v1 IPv4+HMAC, v1 IPv6+port+HMAC
    add((o_mptcp(3, 4, bytes([1]) + addr('10.0.0.3')),))
    add((o_mptcp(3, 4, bytes([2]) + addr('10.0.0.4') + b'\x1f\x90'),))
    add((o_mptcp(3, 0, bytes([3]) + addr('10.0.0.5') + bytes(range(8))),))
    add((o_mptcp(3, 1, bytes([4]) + addr('2001:db8::5') + b'\x23\x28'
                 + bytes(range(8))),))
    add((o_mptcp(3, 0, bytes([5]) + addr('2001:db8::6')),))
    add((o_mptcp(3, 0, bytes([6]) + b'\x01'),))         # bad length
    # REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST, unknown subtype
    add((o_mptcp(4, 0, bytes([1])),))
    add((o_mptcp(4, 0, bytes([1, 2, 3])),))
    add((o_mptcp(5, 1, b''),))
    add((o_mptcp(5, 0, bytes([4])),))
    add((o_mptcp(6, 0, b'\x00' + struct.pack('!Q', 0x0102030405060708)),), 'RA')
    add((o_mptcp(7, 0, b'\x00' + struct.pack('!Q', 0x1112131415161718)),), 'RA')
    add((o_mptcp(8, 1, bytes([2])),), 'RA')
    add((o_mptcp(0xe, 0, b'\x00\x00'),))
    add((o_mptcp(0xf, 0, b'\x01'),))
    add((o_raw(30, b''),))                              # mptcp, len 2
    return p


def gen_tcp_truncation():
    """One frame of each kind, cut at many points with caplen < len."""
    p = Pcap('tcp-truncation.pcap')
    clk = Clock(1700001000, 10000)
    opts = padded(o_mss(1460), o_sackok(), o_ts(111, 222), o_nop(), o_ws(7),
                  o_nop(), o_nop(), o_sack((3000, 4000), (5000, 6000)))  # 40 bytes
    f4 = tcp4(A4, B4, 41000, SP, 100, 200, 'PA', opts=opts, data=b'x' * 20)
    f6 = tcp6(A6, B6, 41000, SP, 100, 200, 'PA', opts=opts, data=b'x' * 20)
    # a full frame first, so the flow state exists
    p.add(clk(), f4)
    for cut in (34, 35, 36, 37, 38, 40, 42, 46, 47, 48, 50, 52, 53, 54):
        p.add(clk(), f4, caplen=cut)        # TCP ports / fixed header
    for off in (1, 2, 3, 4, 5, 6, 8, 10, 11, 15, 19, 20, 21, 22, 23, 26, 30, 38, 39):
        p.add(clk(), f4, caplen=54 + off)   # inside the options
    p.add(clk(), f4, caplen=54 + 40)        # options complete, no payload
    p.add(clk(), f4, caplen=54 + 45)        # payload cut
    # a TCP header with no options, cut after the fixed header
    f4b = tcp4(A4, B4, 41000, SP, 120, 200, 'A')
    p.add(clk(), f4b, caplen=54)
    p.add(clk(), f4b, caplen=53)
    # IPv6
    p.add(clk(), f6)
    for cut in (54, 55, 56, 58, 62, 66, 73, 74):
        p.add(clk(), f6, caplen=cut)
    for off in (1, 4, 8, 13, 20, 33, 39):
        p.add(clk(), f6, caplen=74 + off)
    # options cut where each option kind stops being complete
    for o in (o_mss(1460), o_ws(3), o_sackok() + o_nop() + o_nop(),
              o_raw(19, bytes(16)), o_mptcp(2, 0, bytes([0x05]) + bytes(14)),
              o_raw(34, bytes(8)), o_raw(254, b'\xf9\x89' + bytes(8)),
              o_raw(29, bytes(10)), o_raw(28, b'\x04\xb0'), o_raw(6, bytes(4))):
        f = tcp4(A4, B4, 41000, SP, 120, 200, 'A', opts=padded(o))
        p.add(clk(), f, caplen=54 + len(o) - 1)
    return p


def gen_hdr_truncation():
    """Cuts below TCP: Ethernet, VLAN tag, IPv4 header/options, IPv6 header/ext."""
    p = Pcap('hdr-truncation.pcap')
    clk = Clock(1700002000, 10000)
    seg4 = tcp(A4, B4, 42000, SP, 1, 1, 'A', opts=padded(o_nop(), o_nop(), o_ts(1, 2)))
    f4 = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg4))
    for cut in (1, 6, 12, 13):
        p.add(clk(), f4, caplen=cut)         # inside the Ethernet header
    p.add(clk(), f4, caplen=14)              # Ethernet only
    for cut in (15, 16, 20, 24, 33):
        p.add(clk(), f4, caplen=cut)         # inside the IPv4 header
    # IPv4 with options, cut inside the options
    f4o = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg4,
                            opts=bytes([1, 7, 11, 4]) + bytes(8)))
    for cut in (34, 35, 37, 40, 45):
        p.add(clk(), f4o, caplen=cut)
    # VLAN
    fv = vlan([(100, 0, 0)], ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg4))
    for cut in (13, 14, 15, 16, 17, 18, 19, 30, 38, 40, 41):
        p.add(clk(), fv, caplen=cut)
    fqq = vlan([(10, 0, 0), (20, 0, 0)], ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg4),
               tpids=[TPID_8021AD, TPID_8021Q])
    for cut in (16, 18, 19, 20, 21, 22, 30, 42, 45):
        p.add(clk(), fqq, caplen=cut)
    # IPv6 fixed header
    seg6 = tcp(A6, B6, 42000, SP, 1, 1, 'A')
    f6 = eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6))
    for cut in (14, 15, 18, 20, 21, 22, 30, 37, 38, 53):
        p.add(clk(), f6, caplen=cut)
    # IPv6 extension headers
    hbh = ext_opts(NH_DST, bytes([5, 2, 0, 0]))                # router alert
    dst = ext_opts(NH_FRAG, bytes([1, 12]) + bytes(12))        # PadN 12 -> 16 bytes
    frg = ext_frag(PROTO_TCP, 0, True, 0x11223344)
    f6x = eth(ETH_IP6, ipv6(A6, B6, NH_HBH, hbh + dst + frg + seg6))
    for cut in (54, 55, 56, 58, 61, 62, 63, 66, 70, 77, 78, 79, 84, 85, 86, 90):
        p.add(clk(), f6x, caplen=cut)
    rt = ext_rt0(PROTO_TCP, ['2001:db8::100', B6], 1)
    f6r = eth(ETH_IP6, ipv6(A6, '2001:db8::100', NH_RT, rt + seg6))
    for cut in (56, 58, 62, 70, 85, 94):
        p.add(clk(), f6r, caplen=cut)
    return p


def gen_malformed():
    """Length fields that disagree with the frame and each other."""
    p = Pcap('malformed.pcap')
    clk = Clock(1700003000, 10000)
    seg = tcp(A4, B4, 43000, SP, 1, 1, 'PA', opts=padded(o_nop(), o_nop(), o_ts(1, 2)),
              data=b'0123456789')
    seg6 = tcp(A6, B6, 43000, SP, 1, 1, 'PA', data=b'0123456789')

    def v4(**kw):
        p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg, **kw), pad=False))

    v4()                                     # a good one
    v4(tot_len=len(seg) + 20 + 100)          # truncated-ip: 100 bytes missing
    v4(tot_len=len(seg) + 20 + 1)            # 1 byte missing
    v4(tot_len=19)                           # bad-len
    v4(tot_len=0)                            # bad-len 0 (TSO guess off)
    v4(tot_len=20)                           # no TCP at all
    v4(tot_len=30)                           # 10 bytes of TCP
    v4(tot_len=40)                           # fixed TCP header only, doff says 8
    v4(ihl=4)                                # IHL < 5
    v4(ihl=0)
    v4(ihl=15)                               # IHL 60 bytes, within the frame
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg[:20], ihl=15, tot_len=40)))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg[:8], ihl=10), pad=False))
    v4(version=6)                            # IPv6 version in 0x0800
    v4(version=5)
    v4(version=0)
    v4(csum=0x1234)                          # bad IP checksum (-v)
    # wrong versions under 0x86dd
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, version=4)))
    p.add(clk(), eth(ETH_IP6, ipv4(A4, B4, PROTO_TCP, seg)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, version=7)))
    # IPv6 payload length vs frame
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, plen=len(seg6) + 50)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, plen=10)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, plen=0)))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, seg6, plen=20)))
    # IPv6 + padding (short frame padded to 60 bytes)
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP, tcp(A6, B6, 43000, SP, 11, 1))))
    # TCP data offset
    for d in (0, 1, 4):
        p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP,
                                       tcp(A4, B4, 43000, SP, 1, 1, 'A', doff=d))))
    for d in (6, 8, 15):                     # larger than the 20-byte segment
        p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP,
                                       tcp(A4, B4, 43000, SP, 1, 1, 'A', doff=d))))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP,          # 15 with 40 opt bytes
                                   tcp(A4, B4, 43000, SP, 1, 1, 'A', doff=15,
                                       opts=bytes(20)))))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP,
                                   tcp(A6, B6, 43000, SP, 1, 1, 'A', doff=3))))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP,
                                   tcp(A6, B6, 43000, SP, 1, 1, 'A', doff=9))))
    # TCP checksum wrong (-v shows incorrect)
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP,
                                   tcp(A4, B4, 43000, SP, 11, 1, 'A', csum='bad'))))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_TCP,
                                   tcp(A6, B6, 43000, SP, 11, 1, 'A', csum=0))))
    # both: truncated-ip and a cut capture
    f = eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, seg, tot_len=200))
    p.add(clk(), f, caplen=50)
    return p


def gen_invalid_records():
    """pcap record headers tcpdump flags as invalid (but keeps reading)."""
    p = Pcap('invalid-records.pcap')
    clk = Clock(1700003500, 500000)
    f = tcp4(A4, B4, 43500, SP, 1, 1, 'A')
    p.add(clk(), f)
    p.add(clk(), f, caplen=0)                # caplen 0
    p.add(clk(), f)
    p.add(clk(), f, wirelen=40)              # caplen 60 > len 40
    p.add(clk(), f, wirelen=300000)          # len > 262144
    p.add(clk(), f, wirelen=262144)          # len == 262144 is fine
    p.add(clk(), tcp4(A4, B4, 43500, SP, 1, 1, 'F'), caplen=0, wirelen=0)
    p.add(clk(), f)
    return p


def gen_vlan():
    p = Pcap('vlan-qinq.pcap')
    clk = Clock(1700004000, 2000)
    seq = 1000

    def pair(tags, tpids, note_port):
        nonlocal seq
        s4 = tcp(A4, B4, note_port, SP, seq, 1, 'PA', data=b'vlan4')
        s6 = tcp(A6, B6, note_port, SP, seq, 1, 'PA', data=b'vlan6')
        p.add(clk(), vlan(tags, ETH_IP4, ipv4(A4, B4, PROTO_TCP, s4), tpids=tpids))
        p.add(clk(), vlan(tags, ETH_IP6, ipv6(A6, B6, PROTO_TCP, s6), tpids=tpids))
        seq += 5

    pair([(100, 0, 0)], None, 44000)                        # plain 802.1Q
    pair([(100, 5, 1)], None, 44000)                        # PCP 5, DEI set
    pair([(4095, 7, 1)], None, 44000)                       # max vid, all bits
    pair([(0, 3, 0)], None, 44000)                          # priority tag (vid 0)
    pair([(200, 1, 0), (300, 2, 1)], [TPID_8021AD, TPID_8021Q], 44001)   # QinQ
    pair([(200, 0, 0), (300, 0, 0)], [TPID_8021Q, TPID_8021Q], 44002)    # 8100/8100
    pair([(10, 0, 0), (20, 0, 0), (30, 0, 0)], [TPID_8021AD, TPID_8021Q, TPID_8021Q],
         44003)                                             # three tags
    pair([(7, 0, 0)], [0x9100], 44004)                      # old QinQ TPID
    pair([(8, 0, 0), (9, 0, 0)], [0x9100, TPID_8021Q], 44005)
    # handshake over a tagged path: relative seq state ignores the tags
    t = [(100, 0, 0)]
    for s, fl, sp, dp, sq, ak in ((A4, 'S', 44010, SP, 500, 0),
                                  (B4, 'SA', SP, 44010, 900, 501),
                                  (A4, 'A', 44010, SP, 501, 901),
                                  (A4, 'PA', 44010, SP, 501, 901)):
        d = A4 if s == B4 else B4
        data = b'abc' if fl == 'PA' else b''
        p.add(clk(), vlan(t, ETH_IP4, ipv4(s, d, PROTO_TCP,
                                           tcp(s, d, sp, dp, sq, ak, fl, data=data)),
                          src=mac_of(s), dst=mac_of(d)))
    # same flow untagged
    p.add(clk(), tcp4(B4, A4, SP, 44010, 901, 504, 'A'))
    # non-TCP inside VLANs
    p.add(clk(), vlan([(100, 0, 0)], ETH_ARP, arp(1, MAC_A, A4, '00:00:00:00:00:00', B4),
                      dst='ff:ff:ff:ff:ff:ff'))
    p.add(clk(), vlan([(100, 0, 0)], ETH_IP4,
                      ipv4(A4, B4, PROTO_UDP, udp(A4, B4, 40000, SP, b'udp-in-vlan'))))
    p.add(clk(), vlan([(100, 0, 0)], 0x88b5, b'\x01\x02\x03\x04'))
    # IPv4 header inside a tag but with IPv6 version
    p.add(clk(), vlan([(100, 0, 0)], ETH_IP4, ipv6(A6, B6, PROTO_TCP,
                                                   tcp(A6, B6, 44020, SP, 1, 1))))
    return p


def gen_ipv6_ext_long():
    """Extension headers longer than the 64 bytes the event holds: the record carries the
    frame's bytes (XS_F_HDRS)."""
    p = Pcap('ipv6-ext-long.pcap')
    clk = Clock(1700005500, 3000)
    chain = b''.join(ext_opts(NH_DST, bytes([1, 4 + 8 * i]) + bytes(4 + 8 * i), pad=False)
                     for i in range(8))
    segm = tcp(A6, B6, 45100, SP, 1000, 2000, 'A', ck_dst=B6)
    exts = chain[:-len(ext_opts(NH_DST, bytes([1, 60]) + bytes(60), pad=False))] + \
        ext_opts(PROTO_TCP, bytes([1, 60]) + bytes(60), pad=False)
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_DST, exts + segm)))
    return p


def gen_ipv6_ext():
    p = Pcap('ipv6-ext.pcap')
    clk = Clock(1700005000, 3000)
    sp = [45000]

    def seg(fl='A', data=b'', dst=B6, **kw):
        sp[0] += 1
        return tcp(A6, B6, sp[0], SP, 1000, 2000, fl, data=data, ck_dst=dst, **kw)

    def add(first_nh, exts, segm, dst=B6, **kw):
        p.add(clk(), eth(ETH_IP6, ipv6(A6, dst, first_nh, exts + segm, **kw)))

    # hop-by-hop: Pad1, PadN, router alert, unknown option, jumbo
    add(NH_HBH, ext_opts(PROTO_TCP, b''), seg())                       # PadN 4
    add(NH_HBH, ext_opts(PROTO_TCP, b'\x00\x00\x00\x00\x00\x00', pad=False), seg())
    add(NH_HBH, ext_opts(PROTO_TCP, bytes([5, 2, 0, 0])), seg())       # router alert
    add(NH_HBH, ext_opts(PROTO_TCP, bytes([0x3e, 2, 0xaa, 0xbb]) +
                         bytes([1, 0])), seg())                         # unknown + PadN 0
    add(NH_HBH, ext_opts(PROTO_TCP, bytes([1, 10]) + bytes(10)), seg())  # 16-byte HBH
    s = seg('PA', b'jumbo!')
    add(NH_HBH, ext_opts(PROTO_TCP, bytes([0xc2, 4]) + struct.pack('!I', 8 + len(s))),
        s, plen=0)                                                      # small jumbo
    s = seg('A')
    jumbo = eth(ETH_IP6, ipv6(A6, B6, NH_HBH, ext_opts(
        PROTO_TCP, bytes([0xc2, 4]) + struct.pack('!I', 70000)) + s, plen=0))
    p.add(clk(), jumbo, caplen=len(jumbo), wirelen=14 + 40 + 70000)   # big jumbo, cut
    add(NH_HBH, ext_opts(PROTO_TCP, bytes([0xc2, 4]) + struct.pack('!I', 70000)),
        seg(), plen=28)                                                 # jumbo + plen
    # routing: type 0 (segleft 1 and 0), type 2, type 4 (SRH), unknown type
    add(NH_RT, ext_rt0(PROTO_TCP, ['2001:db8::100', '2001:db8::101', B6], 2),
        seg(dst=B6), dst='2001:db8::99')
    add(NH_RT, ext_rt0(PROTO_TCP, ['2001:db8::100', B6], 0), seg(dst='2001:db8::99'),
        dst='2001:db8::99')
    add(NH_RT, ext_rt2(PROTO_TCP, '2001:db8::aaaa'), seg(dst='2001:db8::aaaa'))
    add(NH_RT, ext_srh(PROTO_TCP, [B6, '2001:db8::200', '2001:db8::201'], 2),
        seg(dst=B6), dst='2001:db8::201')
    add(NH_RT, ext_rt(PROTO_TCP, 253, 1, bytes(12)), seg())
    # fragment: first with TCP, a later one, an atomic fragment
    s = tcp(A6, B6, 45100, SP, 1000, 2000, 'PA', data=b'F' * 64)
    add(NH_FRAG, ext_frag(PROTO_TCP, 0, True, 0xabcdef01), s[:48])
    add(NH_FRAG, ext_frag(PROTO_TCP, 6, False, 0xabcdef01), s[48:])
    add(NH_FRAG, ext_frag(PROTO_TCP, 0, False, 0x5), seg())           # atomic
    add(NH_FRAG, ext_frag(PROTO_TCP, 0, True, 0x6), s[:8])             # ports only
    # destination options
    add(NH_DST, ext_opts(PROTO_TCP, b''), seg())
    add(NH_DST, ext_opts(PROTO_TCP, bytes([0xc9, 16]) + addr('2001:db8::77')),
        seg())                                                          # home address
    # chains
    add(NH_HBH, ext_opts(NH_DST, b'') + ext_opts(PROTO_TCP, b''), seg())
    add(NH_HBH, ext_opts(NH_RT, b'') + ext_rt2(NH_FRAG, '2001:db8::aaaa') +
        ext_frag(PROTO_TCP, 0, False, 7), seg(dst='2001:db8::aaaa'))
    add(NH_DST, ext_opts(NH_RT, b'') + ext_rt0(NH_DST, [B6], 1) +
        ext_opts(PROTO_TCP, b''), seg(), dst='2001:db8::99')
    add(NH_HBH, ext_opts(NH_DST, b'') + ext_opts(NH_FRAG, b'') +
        ext_frag(PROTO_TCP, 0, True, 8), seg('PA', b'chain'))
    # absurd chains: 8 destination options headers; 3 and 4 (limit probes)
    for n in (3, 4, 5, 8):
        chain = b''.join(ext_opts(NH_DST, b'') for _ in range(n - 1))
        add(NH_DST, chain + ext_opts(PROTO_TCP, b''), seg())
    # ext header, then something that is not TCP
    add(NH_HBH, ext_opts(PROTO_UDP, b''), udp(A6, B6, 40000, SP, b'u'))
    add(NH_DST, ext_opts(NH_NONE, b''), b'')
    add(NH_HBH, ext_opts(PROTO_ICMP6, b''), icmp6(A6, B6, 128, 0, struct.pack('!HH', 1, 1)))
    # hop-by-hop not first (invalid but parsed)
    add(NH_DST, ext_opts(NH_HBH, b'') + ext_opts(PROTO_TCP, b''), seg())
    # extension-header length running past the packet
    add(NH_DST, bytes([PROTO_TCP, 20]) + bytes(6), seg())
    return p


def ip4_opt_rr(n, filled):
    """Record Route with n slots, `filled` of them used."""
    ptr = 4 + 4 * filled
    return bytes([7, 3 + 4 * n, ptr]) + b''.join(
        addr('192.0.2.%d' % (i + 1)) if i < filled else bytes(4) for i in range(n))


def gen_ipv4_opts_frags():
    p = Pcap('ipv4-options-frags.pcap')
    clk = Clock(1700006000, 4000)
    sp = [46000]

    def seg(fl='A', data=b'', ck_dst=None):
        sp[0] += 1
        return tcp(A4, B4, sp[0], SP, 1000, 2000, fl, data=data, ck_dst=ck_dst)

    def add(opts, s=None, **kw):
        p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_TCP, s or seg(), opts=opts, **kw)))

    add(b'\x01\x01\x01\x01')                                  # NOPs
    add(b'\x00\x00\x00\x00')                                  # EOL
    add(b'\x01\x00\x07\x07')                                  # NOP, EOL, junk
    add(ip4_opt_rr(3, 1) + b'\x00')                           # RR
    add(ip4_opt_rr(9, 0) + b'\x00')                           # RR, 39 bytes (max)
    add(bytes([68, 12, 5, 0]) + struct.pack('!II', 123456, 0))        # TS only
    add(bytes([68, 20, 13, 1]) + addr('192.0.2.1') + struct.pack('!I', 5) +
        addr('192.0.2.2') + struct.pack('!I', 6))                       # TS + addr
    add(bytes([68, 12, 5, 0xf3]) + bytes(8))                  # TS overflow, bad flag
    # source routes: tcpdump verifies the TCP checksum against the route's last
    # address; LSRR's is computed that way, SSRR's against the header's dst
    add(bytes([131, 11, 4]) + addr('192.0.2.9') + addr('192.0.2.10') + b'\x00',
        seg(ck_dst='192.0.2.10'))                               # LSRR
    add(bytes([137, 7, 4]) + addr('192.0.2.11') + b'\x00')    # SSRR
    add(bytes([148, 4, 0, 0]))                                # router alert
    add(bytes([130, 11]) + bytes(9) + b'\x00')                # security
    add(bytes([0x99, 4, 1, 2]))                               # unknown option
    add(bytes([7, 1, 0, 0]))                                  # RR len 1 (bad)
    add(bytes([7, 40, 4, 0]))                                 # RR len > room
    add(bytes([1, 1, 1, 1]) * 10)                             # 40 bytes of NOP
    # fragments of one TCP segment with 100 bytes of data
    s = tcp(A4, B4, 46100, SP, 5000, 6000, 'PA', data=bytes(range(100)))
    add(b'', s[:48], mf=True, ident=0x4242)                   # first: TCP hdr inside
    add(b'', s[48:96], mf=True, frag=6, ident=0x4242)         # middle
    add(b'', s[96:], frag=12, ident=0x4242)                   # last
    add(b'', s[:8], mf=True, ident=0x4343)                    # first, 8 bytes only
    add(b'', s[:16], mf=True, ident=0x4444)                   # first, 16 bytes
    add(b'', s, df=True)                                      # DF, whole
    add(b'', s, df=True, mf=True, frag=0)                     # DF+MF (odd)
    add(b'', s[24:], frag=3, ident=0x4545)                    # later, unaligned-ish
    add(b'\x01\x01\x01\x01', s[:40], mf=True, ident=0x4646)   # options + first frag
    add(b'', s, ident=0)                                      # id 0
    # DSCP/ECN and TTL variants shown by -v
    add(b'', tos=0xb8, ttl=1)
    add(b'', tos=0x03, ttl=255)
    add(b'', tos=0x01)
    return p


def gen_seq_wrap():
    """A connection whose sequence and ack numbers wrap past 2^32."""
    p = Pcap('seq-wrap.pcap')
    clk = Clock(1700007000, 500)
    c, s = 0xffffff00, 0xfffffff0
    cs, ss = 47000, SP

    def c2s(fl, data=b'', opts=b''):
        nonlocal c
        p.add(clk(), tcp4(A4, B4, cs, ss, c, s, fl, data=data, opts=opts))
        c += len(data) + (1 if 'S' in fl or 'F' in fl else 0)

    def s2c(fl, data=b'', opts=b''):
        nonlocal s
        p.add(clk(), tcp4(B4, A4, ss, cs, s, c, fl, data=data, opts=opts))
        s += len(data) + (1 if 'S' in fl or 'F' in fl else 0)

    c2s('S', opts=padded(o_mss(1460), o_sackok()))
    s2c('SA', opts=padded(o_mss(1460), o_sackok()))
    c2s('A')
    for i in range(4):                       # 4 x 100 bytes: c passes 2^32
        c2s('PA', bytes(100))
    s2c('A')
    for i in range(3):
        s2c('PA', bytes(20))                 # s passes 2^32
    c2s('A', opts=padded(o_nop(), o_nop(), o_sack((s + 40, s + 60))))
    # SACK blocks straddling the wrap
    c2s('A', opts=padded(o_nop(), o_nop(), o_sack((0xfffffff8, 0x00000010))))
    c2s('PA', bytes(200))
    s2c('A', opts=padded(o_nop(), o_nop(), o_sack((c - 100, c))))
    c2s('FA')
    s2c('FA')
    c2s('A')
    # a second connection with ack=0 and seq near 0 on a SYN-ACK (no wrap)
    c, s, cs = 0xfffffffe, 0x7fffffff, 47001
    c2s('S')
    s2c('SA')
    c2s('A')
    c2s('PA', b'1234')
    c2s('RA')
    return p


def gen_handshake():
    p = Pcap('handshake-v4v6.pcap')
    clk = Clock(1700008000, 12500)
    syn_opts = padded(o_mss(1460), o_sackok(), o_ts(1000, 0), o_nop(), o_ws(7))
    sa_opts = padded(o_mss(1400), o_sackok(), o_ts(5000, 1000), o_nop(), o_ws(9))

    def conn(build, a, b, cport, sport, ci, si, data=(b'GETX /\r\n',), end='fin'):
        c, s = ci, si
        p.add(clk(), build(a, b, cport, sport, c, 0, 'S', opts=syn_opts))
        c += 1
        p.add(clk(), build(b, a, sport, cport, s, c, 'SA', opts=sa_opts))
        s += 1
        p.add(clk(), build(a, b, cport, sport, c, s, 'A'))
        for d in data:
            p.add(clk(), build(a, b, cport, sport, c, s, 'PA', data=d))
            c += len(d)
            p.add(clk(), build(b, a, sport, cport, s, c, 'A'))
            p.add(clk(), build(b, a, sport, cport, s, c, 'PA', data=b'OK ' + d))
            s += 3 + len(d)
            p.add(clk(), build(a, b, cport, sport, c, s, 'A'))
        if end == 'fin':
            p.add(clk(), build(a, b, cport, sport, c, s, 'FA'))
            c += 1
            p.add(clk(), build(b, a, sport, cport, s, c, 'FA'))
            s += 1
            p.add(clk(), build(a, b, cport, sport, c, s, 'A'))
        elif end == 'rst':
            p.add(clk(), build(b, a, sport, cport, s, c, 'RA'))
        return c, s

    conn(tcp4, A4, B4, 48000, SP, 1000000, 2000000)
    conn(tcp6, A6, B6, 48000, SP, 3000000, 4000000, end='rst')
    # 4-tuple reuse: same ports again with new ISNs
    conn(tcp4, A4, B4, 48000, SP, 7000000, 8000000, data=(b'again\n',))
    # RST without ACK (refused SYN answered by plain RST, and a bare RST)
    p.add(clk(), tcp4(A4, B4, 48001, SP, 555, 0, 'S', opts=syn_opts))
    p.add(clk(), tcp4(B4, A4, SP, 48001, 0, 556, 'RA'))
    p.add(clk(), tcp4(A4, B4, 48002, SP, 12345, 0, 'R'))
    p.add(clk(), tcp6(A6, B6, 48002, SP, 12345, 0, 'R'))
    p.add(clk(), tcp4(A4, B4, 48003, SP, 777, 0, 'R', data=b'reset reason text'))
    # capture starting mid-stream (first segment is data with ACK)
    p.add(clk(), tcp4(A4, B4, 48004, SP, 3000000000, 4000000000, 'PA', data=b'mid'))
    p.add(clk(), tcp4(B4, A4, SP, 48004, 4000000000, 3000000003, 'A'))
    p.add(clk(), tcp4(A4, B4, 48004, SP, 3000000003, 4000000000, 'PA', data=b'more'))
    p.add(clk(), tcp4(B4, A4, SP, 48004, 4000000000, 3000000007, 'PA', data=b'ok'))
    # reverse direction appears first (server side port smaller than client)
    p.add(clk(), tcp4(B4, A4, 8081, 48005, 10, 20, 'A'))
    p.add(clk(), tcp4(A4, B4, 48005, 8081, 20, 10, 'A'))
    p.add(clk(), tcp4(A4, B4, 48005, 8081, 20, 10, 'PA', data=b'xy'))
    # sport > dport and sport < dport for the same address pair
    p.add(clk(), tcp4(A4, B4, 50000, 9000, 100, 200, 'A'))
    p.add(clk(), tcp4(A4, B4, 9000, 50000, 300, 400, 'A'))
    p.add(clk(), tcp4(B4, A4, 50000, 9000, 500, 600, 'A'))
    p.add(clk(), tcp4(B4, A4, 9000, 50000, 400, 301, 'A'))
    p.add(clk(), tcp4(A4, B4, 50000, 9000, 101, 200, 'A'))
    # equal ports both sides: 179<->179 (BGP) and 45000<->45000
    bgp_keepalive = b'\xff' * 16 + b'\x00\x13\x04'
    p.add(clk(), tcp4(A4, B4, 179, 179, 1, 1, 'A'))
    p.add(clk(), tcp4(B4, A4, 179, 179, 1, 1, 'A'))
    p.add(clk(), tcp4(A4, B4, 179, 179, 1, 1, 'PA', data=bgp_keepalive))
    p.add(clk(), tcp4(B4, A4, 179, 179, 1, 20, 'A'))
    p.add(clk(), tcp6(A6, B6, 45000, 45000, 100, 100, 'A'))
    p.add(clk(), tcp6(B6, A6, 45000, 45000, 200, 101, 'A'))
    p.add(clk(), tcp6(A6, B6, 45000, 45000, 101, 201, 'PA', data=b'z'))
    # same address both sides (loopback style), different ports
    L = '10.9.9.9'
    p.add(clk(), tcp4(L, L, 48006, 9000, 1, 1, 'A'))
    p.add(clk(), tcp4(L, L, 9000, 48006, 1, 2, 'A'))
    p.add(clk(), tcp4(L, L, 48006, 9000, 2, 5, 'PA', data=b'lo'))
    # fully identical endpoints (self-connect)
    p.add(clk(), tcp6('::1', '::1', 48007, 48007, 10, 10, 'SA'))
    p.add(clk(), tcp6('::1', '::1', 48007, 48007, 11, 11, 'A'))
    return p


def gen_interleaved():
    """Six flows (3 IPv4, 3 IPv6) interleaved packet by packet, with SACK."""
    p = Pcap('interleaved-flows.pcap')
    clk = Clock(1700009000, 731)
    flows = [
        (tcp4, '10.0.0.1', '10.0.0.2', 49001, SP, 100000, 900000),
        (tcp6, '2001:db8::1', '2001:db8::2', 49001, SP, 200000, 800000),
        (tcp4, '10.0.0.3', '10.0.0.2', 49002, 9000, 4294967000, 700000),
        (tcp6, 'fe80::1', 'fe80::2', 49003, 8081, 300000, 600000),
        (tcp4, '10.0.0.1', '10.0.0.2', 49004, SP, 1, 2),
        (tcp6, '2001:db8::1', '2001:db8::2', 49004, 9000, 400000, 4294967200),
    ]
    scripts = []
    for (build, a, b, cp, sp, ci, si) in flows:
        pk = []
        c, s = ci, si
        pk.append((build, a, b, cp, sp, c, 0, 'S', padded(o_mss(1460), o_sackok()), b''))
        c += 1
        pk.append((build, b, a, sp, cp, s, c, 'SA', padded(o_mss(1460), o_sackok()), b''))
        s += 1
        pk.append((build, a, b, cp, sp, c, s, 'A', b'', b''))
        segs = [(c + i * 100, bytes([0x41 + i]) * 100) for i in range(4)]
        for sq, d in segs:
            pk.append((build, a, b, cp, sp, sq, s, 'PA', b'', d))
        # receiver lost segment 1: dup acks with growing SACK
        base = c + 100
        pk.append((build, b, a, sp, cp, s, base, 'A', b'', b''))
        pk.append((build, b, a, sp, cp, s, base, 'A',
                   padded(o_nop(), o_nop(), o_sack((base + 100, base + 200))), b''))
        pk.append((build, b, a, sp, cp, s, base, 'A',
                   padded(o_nop(), o_nop(), o_sack((base + 100, base + 300))), b''))
        pk.append((build, b, a, sp, cp, s, base, 'A',
                   padded(o_nop(), o_nop(), o_sack((base + 200, base + 300),
                                                   (base + 100, base + 200))), b''))
        pk.append((build, a, b, cp, sp, base, s, 'PA', b'', segs[1][1]))   # retransmit
        pk.append((build, b, a, sp, cp, s, c + 400, 'A', b'', b''))
        pk.append((build, a, b, cp, sp, c + 400, s, 'FA', b'', b''))
        pk.append((build, b, a, sp, cp, s, c + 401, 'FA', b'', b''))
        pk.append((build, a, b, cp, sp, c + 401, s + 1, 'A', b'', b''))
        scripts.append(pk)
    # round robin, with a stagger so the flows start at different moments
    i = 0
    while any(scripts):
        for k, pk in enumerate(scripts):
            if pk and i >= k:
                build, src, dst, sport, dport, sq, ak, fl, o, d = pk.pop(0)
                p.add(clk(), build(src, dst, sport, dport, sq, ak, fl, opts=o, data=d))
        i += 1
    return p


def gen_flags():
    p = Pcap('tcp-flags.pcap')
    clk = Clock(1700010000, 10000)
    n = [0]

    def add(fl, urp=0, data=b'', res=0, v6=False, **kw):
        n[0] += 1
        b = tcp6 if v6 else tcp4
        a, z = (A6, B6) if v6 else (A4, B4)
        p.add(clk(), b(a, z, 50001, SP, 1000 + n[0], 2000, fl, urp=urp, data=data,
                       res=res, **kw))

    add('A')                                  # create the flow state first
    for f in 'FSRPAUEW':
        add(f)
    add('')                                   # no flags
    add(0xff, urp=7)                          # all eight
    add(0xff, urp=7, data=b'12345678')
    add('SEW')                                # ECN-setup SYN
    add('SAE')                                # ECN-setup SYN-ACK
    add('SAEW')
    add('AE')
    add('AW')
    add('PAW', data=b'cwr')
    add('EW')
    add('UA', urp=5, data=b'urgent')          # URG with pointer
    add('UA', urp=0, data=b'x')               # URG, pointer 0
    add('PA', urp=3, data=b'abc')             # pointer without URG flag
    add('U', urp=65535)
    add('FSRPA')                              # "xmas"-ish
    add('FPU', urp=1)
    add('A', res=0x1)                         # AE/NS bit
    add('A', res=0xe)                         # other reserved bits
    add('SA', res=0xf)
    add('A', win=0)                           # zero window
    add('RA', data=b'RST payload')            # RST with data
    add('R', data=b'\x00\x01binary\xff')
    add('SF')
    add(0xff, v6=True, urp=9)
    add('SEW', v6=True)
    return p


def arp(op, sha, spa, tha, tpa, htype=1, ptype=0x0800):
    return struct.pack('!HHBBH', htype, ptype, 6, 4, op) + mac(sha) + addr(spa) + \
        mac(tha) + addr(tpa)


def gen_non_tcp():
    p = Pcap('non-tcp.pcap')
    clk = Clock(1700011000, 20000)
    bc = 'ff:ff:ff:ff:ff:ff'
    # UDP
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_UDP, udp(A4, B4, 40000, SP, b'hello udp'))))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_UDP, udp(A6, B6, 40000, SP, b'hi6'))))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_UDP, udp(A4, B4, 40001, 40002, b''))))
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_UDP, udp(A4, B4, 40000, SP, bytes(30)),
                                   tot_len=28 + 10)))  # IP shorter than UDP length
    # ICMP
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_ICMP,
                                   icmp(8, 0, struct.pack('!HH', 0x1234, 1), bytes(56)))))
    p.add(clk(), eth(ETH_IP4, ipv4(B4, A4, PROTO_ICMP,
                                   icmp(0, 0, struct.pack('!HH', 0x1234, 1), bytes(56)))))
    inner_udp = ipv4(A4, B4, PROTO_UDP, udp(A4, B4, 40000, SP, b'probe'))
    p.add(clk(), eth(ETH_IP4, ipv4(B4, A4, PROTO_ICMP,
                                   icmp(3, 3, bytes(4), inner_udp[:28]))))
    inner_tcp = ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, 40000, SP, 1, 0, 'S'))
    p.add(clk(), eth(ETH_IP4, ipv4('192.0.2.254', A4, PROTO_ICMP,
                                   icmp(3, 1, bytes(4), inner_tcp[:28]))))   # host unr.
    p.add(clk(), eth(ETH_IP4, ipv4('192.0.2.254', A4, PROTO_ICMP,
                                   icmp(3, 4, struct.pack('!HH', 0, 1400),
                                        inner_tcp[:28]))))                  # need frag
    p.add(clk(), eth(ETH_IP4, ipv4('192.0.2.254', A4, PROTO_ICMP,
                                   icmp(11, 0, bytes(4), inner_tcp[:28]))))  # time exc.
    # ICMPv6 echo, neighbour discovery
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, PROTO_ICMP6,
                                   icmp6(A6, B6, 128, 0, struct.pack('!HH', 7, 1) + bytes(16)))))
    p.add(clk(), eth(ETH_IP6, ipv6(B6, A6, PROTO_ICMP6,
                                   icmp6(B6, A6, 129, 0, struct.pack('!HH', 7, 1) + bytes(16)))))
    sn = 'ff02::1:ff00:2'
    ns = icmp6(A6, sn, 135, 0, bytes(4) + addr(B6) + bytes([1, 1]) + mac(MAC_A))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, sn, PROTO_ICMP6, ns, hlim=255),
                     dst='33:33:ff:00:00:02'))
    na = icmp6(B6, A6, 136, 0, struct.pack('!I', 0x60000000) + addr(B6) +
               bytes([2, 1]) + mac(MAC_B))
    p.add(clk(), eth(ETH_IP6, ipv6(B6, A6, PROTO_ICMP6, na, hlim=255), src=MAC_B, dst=MAC_A))
    p.add(clk(), eth(ETH_IP6, ipv6(B6, A6, PROTO_ICMP6,
                                   icmp6(B6, A6, 1, 4, bytes(4) + ipv6(
                                       A6, B6, PROTO_UDP, udp(A6, B6, 40000, SP, b'x'))))))
    # ARP request (padded), reply (unpadded)
    p.add(clk(), eth(ETH_ARP, arp(1, MAC_A, A4, '00:00:00:00:00:00', B4), dst=bc))
    p.add(clk(), eth(ETH_ARP, arp(2, MAC_B, B4, MAC_A, A4), src=MAC_B, dst=MAC_A, pad=False))
    p.add(clk(), eth(ETH_ARP, arp(1, MAC_A, A4, '00:00:00:00:00:00', A4), dst=bc))  # gratuitous
    p.add(clk(), eth(ETH_ARP, arp(1, MAC_A, A4, '00:00:00:00:00:00', B4)[:20], dst=bc,
                     pad=False))                                                    # short
    # unknown ethertypes
    p.add(clk(), eth(0x88b5, b'local experimental ethertype'))
    p.add(clk(), eth(0x88b6, bytes(range(48))))
    # 802.3 length field + LLC: STP BPDU, and an unknown SAP
    bpdu = bytes.fromhex('000000000080000000000001000000000000800000000000'
                         '0001800100001400020000')
    llc = b'\x42\x42\x03' + bpdu
    p.add(clk(), eth(len(llc), llc, dst='01:80:c2:00:00:00'))
    llc2 = b'\x82\x83\x03' + b'payload of unknown sap'
    p.add(clk(), eth(len(llc2), llc2))
    snap = b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ipv4(A4, B4, PROTO_UDP,
                                                       udp(A4, B4, 40000, SP, b'snap'))
    p.add(clk(), eth(len(snap), snap))                       # SNAP-encapsulated IPv4
    # other IP protocols: unknown, IP-in-IP (with TCP inside), IPv6-in-IPv4, no next hdr
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, 253, b'experimental')))
    p.add(clk(), eth(ETH_IP4, ipv4('192.0.2.1', '192.0.2.2', PROTO_IPIP,
                                   ipv4(A4, B4, PROTO_TCP, tcp(A4, B4, 40000, SP, 1, 1, 'S')))))
    p.add(clk(), eth(ETH_IP4, ipv4('192.0.2.1', '192.0.2.2', PROTO_IPV6,
                                   ipv6(A6, B6, PROTO_TCP, tcp(A6, B6, 40000, SP, 1, 1, 'S')))))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, NH_NONE, b'')))
    p.add(clk(), eth(ETH_IP6, ipv6(A6, B6, 253, b'exp6')))
    # UDP fragment (later) - no ports printed
    p.add(clk(), eth(ETH_IP4, ipv4(A4, B4, PROTO_UDP, bytes(16), frag=10)))
    return p


def gen_timestamps():
    p = Pcap('timestamps.pcap')
    f = tcp4(A4, B4, 51000, SP, 1, 1, 'A')
    for sec, usec in ((1700012000, 0), (1700012000, 1), (1700012000, 999999),
                      (1700012001, 0), (1700012001, 500000), (1700012003, 999999),
                      (1700012004, 0), (1700012004, 10), (1700012004, 100000),
                      (1700012003, 5),              # goes backwards
                      (0, 0), (0, 999999), (1, 0),  # the epoch
                      (946684799, 999999), (946684800, 0),
                      (2147483647, 999999)):        # last 32-bit signed second
        p.add(sec, f, frac=usec)
    return p


def gen_timestamps_odd():
    """Timestamps outside the normal range: usec >= 10^6, seconds >= 2^31."""
    p = Pcap('timestamps-odd.pcap')
    f = tcp4(A4, B4, 51001, SP, 1, 1, 'A')
    for sec, usec in ((1700013000, 0), (1700013000, 1000000), (1700013000, 4294967295),
                      (2147483648, 0), (4294967295, 999999), (1700013001, 0)):
        p.add(sec, f, frac=usec)
    return p


def gen_nsec():
    p = Pcap('nsec.pcap', nsec=True)
    f = tcp4(A4, B4, 52000, SP, 1, 1, 'A')
    g = tcp6(A6, B6, 52000, SP, 1, 1, 'PA', data=b'ns')
    for sec, ns in ((1700014000, 0), (1700014000, 1), (1700014000, 999),
                    (1700014000, 1000), (1700014000, 123456789),
                    (1700014000, 999999999), (1700014001, 500)):
        p.add(sec, f, frac=ns)
    p.add(1700014002, g, frac=999999500)
    return p


def gen_big_endian():
    p = Pcap('big-endian.pcap', big_endian=True)
    clk = Clock(1700015000, 250000, start_us=250000)
    p.add(clk(), tcp4(A4, B4, 53000, SP, 10, 0, 'S', opts=padded(o_mss(1460))))
    p.add(clk(), tcp4(B4, A4, SP, 53000, 20, 11, 'SA', opts=padded(o_mss(1460))))
    p.add(clk(), tcp4(A4, B4, 53000, SP, 11, 21, 'A'))
    f = tcp4(A4, B4, 53000, SP, 11, 21, 'PA', data=b'big-endian pcap')
    p.add(clk(), f)
    p.add(clk(), f, caplen=40)
    return p


def gen_pcapng():
    p = Pcapng('pcapng-basic.pcapng')
    p.add_iface()
    clk = Clock(1700016000, 100000)
    opts = padded(o_mss(1460), o_sackok(), o_ts(1, 0), o_nop(), o_ws(7))
    p.add(clk(), tcp4(A4, B4, 54000, SP, 100, 0, 'S', opts=opts))
    p.add(clk(), tcp4(B4, A4, SP, 54000, 500, 101, 'SA', opts=opts))
    p.add(clk(), tcp4(A4, B4, 54000, SP, 101, 501, 'A'))
    p.add(clk(), tcp4(A4, B4, 54000, SP, 101, 501, 'PA', data=b'pcapng data'),
          comment='a packet comment')
    p.add(clk(), tcp6(A6, B6, 54000, SP, 1, 1, 'PA', data=b'v6 in pcapng'))
    f = tcp4(A4, B4, 54000, SP, 112, 501, 'PA', data=b'z' * 100)
    p.add(clk(), f, caplen=60)                       # cut record
    p.add(clk(), tcp4(A4, B4, 54000, SP, 212, 501, 'FA'))
    return p


def gen_pcapng_tsresol():
    """Two interfaces (ns and default us resolution) plus a block to skip."""
    p = Pcapng('pcapng-tsresol.pcapng')
    p.add_iface(tsresol=9, name='ns0')
    p.add_iface(name='us1')                          # same snaplen: libpcap insists
    nrb = struct.pack('<HH', 1, 4 + 8) + addr(A4) + b'host-a\0\0' + struct.pack('<HH', 0, 0)
    p.add_raw_block(4, nrb)                          # name resolution block
    p.add(ns(1700017000, 123456789), tcp4(A4, B4, 55000, SP, 1, 1, 'A'), iface=0)
    p.add(ns(1700017000, 999999900), tcp4(A4, B4, 55000, SP, 1, 1, 'PA', data=b'q'), iface=0)
    p.add(ns(1700017001, 1000), tcp4(B4, A4, SP, 55000, 1, 2, 'A'), iface=1)
    f = tcp6(A6, B6, 55000, SP, 1, 1, 'PA', data=bytes(200))
    p.add(ns(1700017002, 500000000), f, iface=1, caplen=128)
    return p


GENERATORS = [
    gen_tcp_options, gen_mptcp_options, gen_tcp_truncation, gen_hdr_truncation, gen_malformed,
    gen_invalid_records, gen_vlan, gen_ipv6_ext, gen_ipv6_ext_long, gen_ipv4_opts_frags, gen_seq_wrap,
    gen_handshake, gen_interleaved, gen_flags, gen_non_tcp, gen_timestamps,
    gen_timestamps_odd, gen_nsec, gen_big_endian, gen_pcapng, gen_pcapng_tsresol,
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'data')
    os.makedirs(outdir, exist_ok=True)
    import gen_pcaps_fuzz  # the fuzzer's regression captures, built with the builders above
    for gen in GENERATORS + gen_pcaps_fuzz.GENERATORS:
        cap = gen()
        assert len(cap) < 100, (cap.name, len(cap))
        cap.write(outdir)
        print('%-28s %3d packets' % (cap.name, len(cap)))


if __name__ == '__main__':
    main()
