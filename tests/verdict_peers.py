#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Small clear-text servers for tests/verdicts.sh, each answering as the real one does far
enough for a real client (python3's poplib, smtplib, imaplib; OpenSSH's ssh) to log in:

  verdict_peers.py pop3|smtp|imap|ssh ADDR PORT

pop3: +OK greeting, USER/PASS, STAT, QUIT. smtp: 220 greeting, EHLO with AUTH PLAIN LOGIN,
AUTH PLAIN, QUIT. imap: * OK greeting, CAPABILITY, LOGIN, LOGOUT. ssh: an SSH-2.0 banner, then
whatever the client sends is read and the connection closed (no key exchange: the verdict
needs only the banners). Every connection in a thread of its own; runs until killed."""
import socket
import socketserver
import sys


def lines(rfile):
    while True:
        line = rfile.readline()
        if not line:
            return
        yield line.rstrip(b"\r\n")


class Pop3(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"+OK xs verdict POP3 ready\r\n")
        for line in lines(self.rfile):
            cmd = line.split(b" ", 1)[0].upper()
            if cmd == b"STAT":
                self.wfile.write(b"+OK 0 0\r\n")
            elif cmd == b"QUIT":
                self.wfile.write(b"+OK bye\r\n")
                return
            else:
                self.wfile.write(b"+OK\r\n")


class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 xs.test ESMTP verdict\r\n")
        for line in lines(self.rfile):
            cmd = line.split(b" ", 1)[0].upper()
            if cmd in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-xs.test\r\n250 AUTH PLAIN LOGIN\r\n")
            elif cmd == b"AUTH":
                self.wfile.write(b"235 2.7.0 Authentication successful\r\n")
            elif cmd == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class Imap(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"* OK [CAPABILITY IMAP4rev1] xs verdict ready\r\n")
        for line in lines(self.rfile):
            parts = line.split(b" ", 2)
            tag, cmd = parts[0], (parts[1].upper() if len(parts) > 1 else b"")
            if cmd == b"CAPABILITY":
                self.wfile.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
            elif cmd == b"LOGOUT":
                self.wfile.write(b"* BYE\r\n" + tag + b" OK LOGOUT done\r\n")
                return
            self.wfile.write(tag + b" OK " + cmd + b" done\r\n")


class Ssh(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"SSH-2.0-xsverdict_1.0\r\n")
        self.request.settimeout(3)
        try:
            self.request.recv(4096)
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    kinds = {"pop3": Pop3, "smtp": Smtp, "imap": Imap, "ssh": Ssh}
    if len(sys.argv) != 4 or sys.argv[1] not in kinds:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    fam = socket.AF_INET6 if ":" in sys.argv[2] else socket.AF_INET
    Server.address_family = fam
    with Server((sys.argv[2], int(sys.argv[3])), kinds[sys.argv[1]]) as srv:
        srv.serve_forever()


if __name__ == "__main__":
    main()
