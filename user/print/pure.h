/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The printer formats into memory and nothing else: no stdio stream, no file descriptor, no
 * libbpf or libpcap. The build forces this header into every source of user/print/ and into
 * user/print.c (-include, Makefile), so a printer that reaches for any of them does not
 * compile; make lint checks that it bites. The headers declaring those names come first, so
 * only a use is refused, not a declaration.
 */
#ifndef XDPSPY_PRINT_PURE_H
#define XDPSPY_PRINT_PURE_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* stdio's streams and their I/O; snprintf into memory stays allowed (strbuf.c uses it). The
 * standard streams are macros in glibc: they go first, so that their names can be poisoned. */
#undef stdin
#undef stdout
#undef stderr
#pragma GCC poison FILE stdin stdout stderr fopen fdopen freopen fclose fflush fread fwrite
#pragma GCC poison printf fprintf vprintf vfprintf dprintf puts fputs putchar fputc putc
#pragma GCC poison getchar fgetc getc fgets getline perror popen
/* File descriptors. */
#pragma GCC poison open openat creat read write pread pwrite lseek close dup dup2 pipe
/* libbpf (bpf/libbpf.h, bpf/bpf.h) and libpcap: their headers declare these. */
#pragma GCC poison bpf_object bpf_program bpf_map bpf_link ring_buffer bpf_prog_load pcap_t

#endif
