#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write tests/unit/payload_cases.h: what tcpdump 4.99.3 prints after `length N` and in its
-x/-xx/-X/-XX/-A/-AA dumps, for crafted TCP segments.

Each case is one Ethernet frame (IPv4 or IPv6, maybe VLAN-tagged, maybe cut short) written to
its own pcap and read back with `tcpdump -r F -n -tt` plus the case's flags. The table keeps
the captured bytes, where the TCP payload and the link-layer header lie, and tcpdump's text:
  app     what follows ", length N" on the TCP line, up to the end of the record or the dump;
  dump    what follows the line, without the record's final "\\n";
  jumped  whether tcpdump longjmped out of the line, seen as its -X dump being -XX's (the
          dump then starts at byte 0); with a TCP payload that makes the result APP_TRUNCATED.
test_payload.c feeds the same bytes to print_tcp_payload() and print_dump(). Needs tcpdump
4.99.3 only to regenerate:

    python3 tests/unit/payload_cases.py > tests/unit/payload_cases.h
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from gen_pcaps import (ETH_IP4, ETH_IP6, PROTO_TCP, TPID_8021AD, TPID_8021Q,  # noqa: E402
                       Pcap, eth, ipv4, ipv6, mac_of, tcp, vlan, flags)

A4, B4 = '192.0.2.1', '198.51.100.2'
A6, B6 = '2001:db8::1', '2001:db8::2'
DUMP_FLAGS = {'-x': 'DUMP_HEX', '-xx': 'DUMP_HEX', '-X': 'DUMP_HEX_ASCII',
              '-XX': 'DUMP_HEX_ASCII', '-A': 'DUMP_ASCII', '-AA': 'DUMP_ASCII'}
TEXT = ([], ['-v'])
TEXT_VV = ([], ['-v'], ['-vv'])
ALL_DUMPS = (['-x'], ['-xx'], ['-X'], ['-XX'], ['-A'], ['-AA'])


class Case:
    """One frame and the tcpdump runs made on it."""

    def __init__(self, name, frame, l2, pay_off, pay_len, sport, dport, fl, runs,
                 caplen=None, unsupported=False, has_tcp=True):
        self.name, self.frame, self.l2 = name, frame, l2
        self.pay_off, self.pay_len = pay_off, pay_len
        self.sport, self.dport, self.flags = sport, dport, fl
        self.runs, self.unsupported, self.has_tcp = runs, unsupported, has_tcp
        self.caplen = len(frame) if caplen is None else caplen


def seg(name, sport, dport, data, fl='PA', runs=TEXT, v6=False, tags=0, cut=None,
        extra=b'', opts=b'', unsupported=False):
    """A TCP segment carrying data; cut = payload bytes kept in the capture (None: all);
    tags = VLAN tags; extra = bytes after the IP packet (besides Ethernet padding)."""
    a, b = (A6, B6) if v6 else (A4, B4)
    fv = flags(fl)
    t = tcp(a, b, sport, dport, 1000, 2000 if fv & 0x10 else 0, fv, win=512, opts=opts,
            data=data)
    ip = ipv6(a, b, PROTO_TCP, t) if v6 else ipv4(a, b, PROTO_TCP, t)
    etype = ETH_IP6 if v6 else ETH_IP4
    if tags:
        frame = vlan([(10 + i, 0, 0) for i in range(tags)], etype, ip + extra,
                     tpids=[TPID_8021AD] * (tags - 1) + [TPID_8021Q], src=mac_of(a), dst=mac_of(b))
    else:
        frame = eth(etype, ip + extra, src=mac_of(a), dst=mac_of(b))
    l2 = 14 + 4 * tags
    pay_off = l2 + len(ip) - len(data)
    caplen = None if cut is None else pay_off + cut
    return Case(name, frame, l2, pay_off, len(data), sport, dport, fv, runs, caplen,
                unsupported)


def cut_frame(name, frame, l2, caplen):
    """A frame cut inside or right after its headers: only its dumps are checked."""
    return Case(name, frame, l2, 0, 0, 0, 0, 0, ALL_DUMPS, caplen, has_tcp=False)


HTTP_REQ = (b'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/7.88.1\r\n'
            b'Accept: */*\r\n\r\n')
HTTP_RESP = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello')
SSH_BANNER = b'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'


def http_cases():
    c = [
        seg('http request', 34348, 80, HTTP_REQ, runs=TEXT_VV + (['-X'], ['-A'], ['-v', '-X'])),
        seg('http response', 80, 34348, HTTP_RESP, runs=TEXT_VV),
        seg('http LF only, port 8080', 40000, 8080, b'GET / HTTP/1.0\nHost: a\n\n'),
        seg('http sport 8080 response', 8080, 40000, b'HTTP/1.0 304 Not Modified\r\n\r\n'),
        seg('http lower-case method', 40000, 80, b'get / HTTP/1.1\r\nHost: a\r\n'),
        seg('http webdav method', 40000, 80, b'PROPFIND /dav/ HTTP/1.1\r\nDepth: 1\r\n'),
        seg('http longest method', 40000, 80, b'BASELINE-CONTROL /x HTTP/1.1\r\n'),
        seg('http CONNECT', 40000, 8080, b'CONNECT example.com:443 HTTP/1.1\r\n\r\n'),
        seg('http near-miss method', 40000, 80, b'GETS / HTTP/1.1\r\n'),
        seg('http method prefix', 40000, 80, b'PROP / HTTP/1.1\r\n'),
        seg('http POST binary body', 40000, 80,
            b'POST /x HTTP/1.1\r\nContent-Length: 4\r\n\r\n\x00\x01\xfe\xff', runs=TEXT + (
                ['-X'], ['-A'])),
        seg('http control char in first line', 40000, 80, b'GET /\x01 HTTP/1.1\r\nHost: x\r\n'),
        seg('http control char in 2nd line', 40000, 80,
            b'GET / HTTP/1.1\r\nHo\x7fst: x\r\nA: b\r\n'),
        seg('http body continuation', 40000, 80, b'some body text\r\nmore\r\n'),
        seg('http code as first token', 80, 40000, b'200 OK\r\n'),
        seg('http tab before code', 80, 40000, b'HTTP/1.1\t200 OK\r\n'),
        seg('http 404', 80, 40000, b'HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n'),
        seg('http 4-digit code', 80, 40000, b'HTTP/1.1 2000 Odd\r\n'),
        seg('http 2-digit code', 80, 40000, b'HTTP/1.1 20 Odd\r\n'),
        seg('http rtsp reply on 80', 80, 40000, b'RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n'),
        seg('http no line end', 40000, 80, b'GET /path HTTP/1.1', runs=TEXT + (['-X'],)),
        seg('http method only', 40000, 80, b'GET'),
        seg('http CR last', 40000, 80, b'GET / HTTP/1.1\r'),
        seg('http stray CR', 40000, 80, b'GET / HTTP/1.1\rX\nHost: x\r\n'),
        seg('http tab inside line', 40000, 80, b'GET /a\tb HTTP/1.1\r\nX:\ty\r\n'),
        seg('http long line', 40000, 80,
            b'GET /' + b'a' * 300 + b' HTTP/1.1\r\nHost: x\r\n', runs=TEXT + (['-X'],)),
        seg('http 128-char token', 80, 40000, b'A' * 128 + b' 200 ok\r\n'),
        seg('http 129-char token', 80, 40000, b'A' * 129 + b' 200 ok\r\n'),
        seg('http UTF-8 in first line', 40000, 80, 'GET /café HTTP/1.1\r\n'.encode()),
        seg('http empty first line', 40000, 80, b'\r\nGET / HTTP/1.1\r\n'),
        seg('http leading space', 40000, 80, b' GET / HTTP/1.1\r\n'),
        seg('http many spaces', 80, 40000, b'HTTP/1.1    200    OK\r\n'),
        seg('http blank lines then body', 40000, 80, b'GET / HTTP/1.1\r\n\r\n\r\nbody\r\nend'),
        seg('http over IPv6', 40000, 80, HTTP_REQ, v6=True, runs=TEXT + (['-X'], ['-XX'])),
        seg('http QinQ', 40000, 80, b'GET / HTTP/1.1\r\n', tags=2,
            runs=TEXT + (['-x'], ['-X'], ['-XX'], ['-A'], ['-AA'])),
        seg('http RST data', 40000, 80, b'GET / HTTP/1.1\r\n', fl='RA', runs=TEXT_VV),
        seg('http FIN with data', 40000, 80, b'GET /bye HTTP/1.1\r\n\r\n', fl='FPA'),
        seg('http with options', 40000, 80, b'HEAD / HTTP/1.1\r\n',
            opts=b'\x01\x01\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x02', runs=TEXT + (['-X'],)),
    ]
    for n in (0, 2, 3, 4, 10, 24, 25, 26, 40, 74):
        runs = TEXT + ((['-X'],) if n in (0, 10) else ())
        c.append(seg('http cut at %d' % n, 40000, 80, HTTP_REQ, cut=n, runs=runs))
    c.append(seg('http response cut in 2nd token', 80, 40000, HTTP_RESP, cut=10))
    return c


def rtsp_cases():
    return [
        seg('rtsp OPTIONS', 40000, 554,
            b'OPTIONS rtsp://example.com/media.mp4 RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
        seg('rtsp reply on 8554', 8554, 40000,
            b'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: PLAY\r\n\r\n'),
        seg('rtsp GET is no command', 40000, 554, b'GET / HTTP/1.1\r\n'),
        seg('rtsp PLAY', 40000, 554,
            b'PLAY rtsp://h/a RTSP/1.0\r\nCSeq: 4\r\nRange: npt=0-\r\n\r\n'),
        seg('rtsp TEARDOWN', 40000, 8554, b'TEARDOWN rtsp://h/a RTSP/1.0\r\n'),
        seg('rtsp SET_PARAMETER lower', 40000, 8554, b'set_parameter rtsp://h/ RTSP/1.0\r\n'),
        seg('rtsp DESCRIBE cut', 40000, 554, b'DESCRIBE rtsp://h/a RTSP/1.0\r\nCSeq: 2\r\n',
            cut=35),
    ]


def smtp_ftp_cases():
    return [
        seg('smtp EHLO', 40000, 25, b'EHLO client.example.com\r\n', runs=TEXT_VV),
        seg('smtp multiline reply', 25, 40000,
            b'250-mail.example.com\r\n250-PIPELINING\r\n250 8BITMIME\r\n'),
        seg('smtp binary', 40000, 25, b'\x00\x01binary\r\n'),
        seg('smtp data no line end', 40000, 25, b'Subject: hi', runs=TEXT + (['-X'],)),
        seg('smtp 2nd line binary', 40000, 25, b'DATA\r\n\x80\x81\r\n'),
        seg('smtp cut', 40000, 25, b'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n',
            cut=30),
        seg('ftp USER', 40000, 21, b'USER anonymous\r\n'),
        seg('ftp banner', 21, 40000, b'220 (vsFTPd 3.0.3)\r\n'),
        seg('ftp two commands', 40000, 21, b'PASV\r\nLIST -la\r\n'),
        seg('ftp cut before CRLF', 40000, 21, b'RETR file.txt\r\n', cut=14),
        seg('whois query', 40000, 43, b'example.com\r\n'),
        seg('whois IPv6', 43, 40000, b'% IANA WHOIS server\n% for more information\n', v6=True),
    ]


def ssh_cases():
    return [
        seg('ssh banner', 50000, 22, SSH_BANNER, runs=TEXT_VV + (['-X'], ['-A'])),
        seg('ssh banner LF', 22, 50000, b'SSH-2.0-dropbear\n'),
        seg('ssh banner then KEXINIT', 22, 50000, b'SSH-2.0-x\r\n\x00\x00\x01\x14\x0a\x14'),
        seg('ssh no line end', 50000, 22, b'SSH-2.0-OpenSSH_9.2'),
        seg('ssh binary', 50000, 22, b'\x00\x00\x05\xdc\x0a\x14' + bytes(range(40))),
        seg('ssh "SSH" only', 50000, 22, b'SSH', runs=TEXT + (['-X'],)),
        seg('ssh "SS" only', 50000, 22, b'SS'),
        seg('ssh "SX"', 50000, 22, b'SX'),
        seg('ssh "SSH-" only', 50000, 22, b'SSH-'),
        seg('ssh CR last', 50000, 22, b'SSH-2.0-x\r'),
        seg('ssh stray CR', 50000, 22, b'SSH-2.0-x\rY\n'),
        seg('ssh tab in banner', 50000, 22, b'SSH-2.0-\tx\r\n'),
        seg('ssh lower case', 50000, 22, b'ssh-2.0-x\r\n'),
        seg('ssh banner IPv6', 22, 50000, b'SSH-2.0-OpenSSH_9.2\r\n', v6=True),
        seg('ssh cut at 2', 50000, 22, SSH_BANNER, cut=2),
        seg('ssh cut at 4', 50000, 22, SSH_BANNER, cut=4, runs=TEXT + (['-X'],)),
        seg('ssh cut before LF', 50000, 22, SSH_BANNER, cut=len(SSH_BANNER) - 1),
        seg('ssh RST banner', 50000, 22, b'SSH-2.0-x\r\n', fl='R'),
    ]


def rst_cases():
    return [
        seg('rst text', 40000, 4444, b'connection reset by policy', fl='RA', runs=TEXT_VV),
        seg('rst 29 chars', 40000, 4444, b'b' * 29, fl='R'),
        seg('rst 30 chars', 40000, 4444, b'abcdefghijklmnopqrstuvwxyz0123', fl='R'),
        seg('rst 31 chars', 40000, 4444, b'abcdefghijklmnopqrstuvwxyz01234', fl='R'),
        seg('rst 100 chars', 40000, 4444, bytes(range(0x21, 0x21 + 100)), fl='RA',
            runs=TEXT + (['-X'],)),
        seg('rst 1 char', 40000, 4444, b'x', fl='R'),
        seg('rst nonprintable', 40000, 4444, b'\x00\x01\x1f\x7f\x80\x9f\xa0\xff \x1b[0m\ttab\r\n',
            fl='R'),
        seg('rst over 30 nonprintable', 40000, 4444, bytes(range(0x70, 0x70 + 40)), fl='R'),
        seg('rst cut 40 to 10', 40000, 4444, b'a' * 40, fl='R', cut=10, runs=TEXT + (['-X'],)),
        seg('rst cut 20 to 5', 40000, 4444, b'0123456789abcdefghij', fl='R', cut=5),
        seg('rst cut to 0', 40000, 4444, b'0123456789', fl='R', cut=0),
        seg('rst cut 31 to 30', 40000, 4444, b'c' * 31, fl='R', cut=30),
        seg('rst IPv6', 40000, 4444, b'reset', fl='RA', v6=True),
        seg('rst on port 25', 40000, 25, b'EHLO x\r\n', fl='R'),
    ]


def dispatch_cases():
    u = dict(unsupported=True)
    return [
        seg('telnet text', 40000, 23, b'login: '),
        seg('telnet IAC', 23, 40000, b'\xff\xfb\x01\xff\xfb\x03', **u),
        seg('telnet cut to 0', 40000, 23, b'\xff\xfd\x18', cut=0, runs=TEXT + (['-X'], ['-A'])),
        seg('telnet beats http', 23, 80, b'GET / HTTP/1.1\r\n'),
        seg('smtp beats http', 25, 80, b'GET / HTTP/1.1\r\n'),
        seg('whois beats ssh', 43, 22, b'SSH-2.0-x\r\n'),
        seg('ssh beats http', 80, 22, b'SSH-2.0-x\r\n'),
        seg('ssh beats ftp, binary', 22, 21, b'USER a\r\n'),
        seg('ftp beats http', 21, 80, b'GET / HTTP/1.1\r\n'),
        seg('http beats rtsp', 554, 80, b'OPTIONS * RTSP/1.0\r\n'),
        seg('http beats dns', 53, 80, b'GET / HTTP/1.1\r\n'),
        seg('no smb in this build', 139, 80, b'GET / HTTP/1.1\r\n'),
        seg('no smb 445', 40000, 445, b'\x00\x00\x00\x08\xffSMB\x72'),
        seg('bgp', 179, 40000, b'\xff' * 16 + b'\x00\x13\x04', **u),
        seg('bgp beats http', 179, 80, b'GET / HTTP/1.1\r\n', **u),
        seg('pptp', 40000, 1723, bytes(16), **u),
        seg('redis', 40000, 6379, b'*1\r\n$4\r\nPING\r\n', **u),
        seg('redis beats ssh', 6379, 22, b'SSH-2.0-x\r\n', **u),
        seg('beep', 40000, 10288, b'MSG 0 1 . 0 5\r\nhello\r\nEND\r\n', **u),
        seg('openflow', 40000, 6653, b'\x04\x00\x00\x08\x00\x00\x00\x01', **u),
        seg('openflow old', 6633, 40000, b'\x01\x00\x00\x08\x00\x00\x00\x01', **u),
        seg('dns', 40000, 53, b'\x00\x1d\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00'
            b'\x07example\x03com\x00\x00\x01\x00\x01', **u),
        seg('msdp', 639, 40000, b'\x04\x00\x03', **u),
        seg('rpki-rtr', 40000, 323, b'\x00\x02\x00\x00\x00\x00\x00\x08', **u),
        seg('ldp hello', 40000, 646, b'\x00\x01\x00\x16\x0a\x00\x00\x01\x00\x00\x01\x00\x00\x0c'
            b'\x00\x00\x00\x01\x04\x00\x00\x04\x00\x0f\x00\x00', **u),
        seg('nfs call', 800, 2049, b'\x80\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x00'
            b'\x00\x00\x00\x02\x00\x01\x86\xa3\x00\x00\x00\x03\x00\x00\x00\x00', **u),
        seg('nfs reply', 2049, 800, b'\x80\x00\x00\x10\x00\x00\x00\x01\x00\x00\x00\x01'
            b'\x00\x00\x00\x00', **u),
        seg('nfs call from 2049', 2049, 800, b'\x80\x00\x00\x10\x00\x00\x00\x01\x00\x00\x00\x00'
            b'\x00\x00\x00\x00'),
        seg('nfs short', 800, 2049, b'\x80\x00\x00'),
        seg('nfs 8 bytes', 800, 2049, b'\x80\x00\x00\x28\x00\x00\x00\x01'),
        seg('nfs cut at 11', 800, 2049, b'\x80\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x00',
            cut=11),
        seg('https', 40000, 443, b'\x16\x03\x01\x00\x05hello'),
        seg('port 9000 text', 40000, 9000, b'GET / HTTP/1.1\r\n'),
    ]


def dump_cases():
    runs = ALL_DUMPS
    c = [seg('dump %d-byte payload' % n, 40000, 9000, bytes((i * 37 + 11) & 0xff for i in range(n)),
             fl='PA' if n else 'S', runs=runs) for n in (0, 1, 2, 6, 7, 8, 9, 23, 24, 25)]
    c += [
        seg('dump 1400 bytes', 40000, 9000, bytes(i & 0xff for i in range(1400)),
            runs=(['-x'], ['-X'], ['-A'])),
        seg('dump bytes past IP length', 40000, 9000, b'0123456789', extra=b'JUNK\x00!',
            runs=runs),
        seg('dump IPv6', 40000, 9000, b'hello, world\r\n', v6=True, runs=runs),
        seg('dump 1 VLAN tag', 40000, 9000, b'tagged', tags=1, runs=runs),
        seg('dump text with -v', 40000, 80, b'GET / HTTP/1.1\r\n\r\n',
            runs=(['-v', '-x'], ['-vv', '-X'], ['-v', '-A'])),
    ]
    # -A's CR rule: a CR goes when a LF follows it or when it is one of the last two bytes.
    for name, data in (('CR LF', b'line one\r\nline two\r\n'),
                       ('CR mid', b'a\rbc and more'),
                       ('CR second to last', b'abcdef\rX'),
                       ('CR last', b'abcdefg\r'),
                       ('CR CR LF', b'abcdef\r\r\n'),
                       ('CR CR CR', b'abcdef\r\r\r'),
                       ('LF tab space', b'\n\n\tx y\x00\x7f\x80\xff~!')):
        c.append(seg('ascii ' + name, 40000, 9000, data, runs=(['-A'], ['-AA'], ['-X'])))
    http = seg('', 40000, 9000, b'GET / HTTP/1.1\r\n').frame
    qinq = seg('', 40000, 9000, b'xy', tags=2).frame
    for n in (10, 14, 15, 20, 34, 40):
        c.append(cut_frame('frame cut at %d' % n, http, 14, n))
    for n in (16, 18, 22, 23):
        c.append(cut_frame('QinQ frame cut at %d' % n, qinq, 22, n))
    # Cuts in the TCP header: at an option boundary tcpdump longjmps, inside an option not.
    syn = seg('', 40000, 9000, b'', fl='S', opts=b'\x02\x04\x05\xb4\x04\x02\x08\x0a'
              b'\x00\x00\x00\x01\x00\x00\x00\x00\x01\x01').frame
    for n in (36, 44, 58, 60, 64):
        c.append(cut_frame('SYN cut at %d' % n, syn, 14, n))
    return c


def tcpdump(path, args):
    env = dict(os.environ, TZ='UTC')
    out = subprocess.run(['tcpdump', '-r', path, '-n', '-tt'] + args, env=env,
                         capture_output=True, check=True)
    return out.stdout.decode('latin-1')


def jumped(path, args):
    """Whether tcpdump longjmped out of the line: then -X dumps the whole frame, as -XX does."""
    base = [a for a in args if a not in DUMP_FLAGS]
    line = tcpdump(path, base)[:-1]
    x, xx = (tcpdump(path, base + [f])[len(line):] for f in ('-X', '-XX'))
    return x != '\n' and x == xx


def c_str(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '\\' or ch == '"':
            out.append('\\' + ch)
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\t':
            out.append('\\t')
        elif 0x20 <= o < 0x7f:
            out.append(ch)
        else:
            out.append('\\%03o' % o)
    text = ''.join(out)
    # Split long literals at "\n" so the table stays readable.
    parts = text.replace('\\n', '\\n"\n\t  "').split('\n')
    return '"' + '\n'.join(parts) + '"'


def expected(case, path, args):
    """(app text or None, dump flag or None, dump text) from tcpdump's record."""
    flag = next((a for a in args if a in DUMP_FLAGS), None)
    base = [a for a in args if a not in DUMP_FLAGS]
    rec = tcpdump(path, args)
    line = tcpdump(path, base)
    assert rec.endswith('\n') and line.endswith('\n'), (case.name, rec)
    line = line[:-1]
    assert rec.startswith(line), (case.name, args, rec, line)
    dump = rec[len(line):-1]
    app = None
    if case.has_tcp:
        m = re.search(r', length %d(?!\d)' % case.pay_len, line[line.index('Flags ['):])
        assert m, (case.name, line)
        app = line[line.index('Flags [') + m.end():]
    return app, flag, dump


def main():
    cases = (http_cases() + rtsp_cases() + smtp_ftp_cases() + ssh_cases() + rst_cases() +
             dispatch_cases() + dump_cases())
    frames, rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(cases):
            p = Pcap('c%d.pcap' % i)
            p.add(1700000000 * 10**9, case.frame, caplen=case.caplen)
            p.write(tmp)
            path = os.path.join(tmp, p.name)
            data = case.frame[:case.caplen]
            lines = (', '.join('0x%02x' % b for b in data[o:o + 12])
                     for o in range(0, len(data), 12))
            frames.append('/* %s */\nstatic const uint8_t frame_%d[] = {\n\t%s,\n};' % (
                case.name.replace('*/', '* /'), i, ',\n\t'.join(lines)))
            for args in case.runs:
                jump = jumped(path, args)
                app, flag, dump = expected(case, path, args)
                vflag = sum(a.count('v') for a in args if a.startswith('-v'))
                if not case.has_tcp:
                    result = 'APP_NONE'
                elif case.unsupported:
                    assert app, (case.name, 'tcpdump printed nothing')
                    # DNS over TCP is printed by the TCP printer (print/tcp.c), not here.
                    result = 'APP_DNS' if case.name == 'dns' else 'APP_UNSUPPORTED'
                    app = ''
                elif jump:
                    assert app.endswith(']'), (case.name, app)
                    result = 'APP_TRUNCATED'
                else:
                    result = 'APP_PRINTED' if app else 'APP_NONE'
                if not flag:
                    assert dump == '', (case.name, args, dump)
                rows.append('\t{\n\t\t.name = %s,\n\t\t.args = "%s",\n'
                            '\t\t.frame = frame_%d,\n\t\t.caplen = %d,\n\t\t.l2 = %d,\n'
                            '\t\t.jumped = %d,\n\t\t.has_tcp = %d,\n'
                            '\t\t.sport = %d,\n\t\t.dport = %d,\n\t\t.flags = 0x%02x,\n'
                            '\t\t.pay_off = %d,\n\t\t.pay_len = %d,\n\t\t.captured = %d,\n'
                            '\t\t.vflag = %d,\n\t\t.result = %s,\n\t\t.app = %s,\n'
                            '\t\t.dump = %s,\n\t\t.doubled = %d,\n\t\t.dump_text = %s,\n'
                            '\t},' % (
                                c_str(case.name), ' '.join(args), i, case.caplen, case.l2,
                                jump, case.has_tcp, case.sport, case.dport, case.flags,
                                case.pay_off, case.pay_len,
                                max(0, min(case.caplen - case.pay_off, case.pay_len)),
                                vflag, result, c_str(app or ''),
                                DUMP_FLAGS[flag] if flag else 'DUMP_NONE',
                                flag in ('-xx', '-XX', '-AA'), c_str(dump)))
    print('/* SPDX-License-Identifier: GPL-2.0-only */')
    print('/* Generated by tests/unit/payload_cases.py from tcpdump 4.99.3 runs: do not edit. */')
    print('/* clang-format off */')
    print('\n'.join(frames))
    print()
    print('static const struct payload_case cases[] = {')
    print('\n'.join(rows))
    print('};')
    print('/* clang-format on */')


if __name__ == '__main__':
    main()
