/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -w: pcap files (nanosecond time stamps, Ethernet or cooked), or pcapng when the name ends in
 * .pcapng (an interface description per interface, each packet's direction and its owner's
 * comment: pcapng.h), written with our own buffer so that a
 * failed write is seen at once and the count of packets on disk stays exact: after an error
 * the file is cut back to its last whole record, and every record counted is there. -C, -G
 * and -W rotate files as tcpdump does.
 */
#ifndef XDPSPY_PCAP_OUT_H
#define XDPSPY_PCAP_OUT_H

#include <stdbool.h>
#include <stdint.h>

struct pcap_out_cfg {
	const char *path; /* "-" for standard output; with -G, an strftime(3) pattern */
	uint32_t snaplen; /* the file header's snapshot length */
	uint32_t linktype; /* LINKTYPE_; 0: Ethernet */
	bool flush_each; /* -U: every packet goes to the file as it is written */
	uint64_t rotate_bytes; /* -C: a new file once this many bytes are written; 0: never */
	int rotate_secs; /* -G: a new file every this many seconds; 0: never */
	int max_files; /* -W: with -C, reuse this many names; with -G, stop after so many */
	bool ng; /* pcapng: blocks of pcapng.h, not pcap records */
	const char *ifname; /* pcapng: the capture's interface ("any"), described first; or NULL */
	uint32_t ifindex; /* ... and its index (0 for none) */
};

/* What pcapng keeps of a packet besides its bytes; pcap has no place for it. */
struct pcap_out_meta {
	uint32_t ifindex; /* the interface it was seen on (0: not known) */
	uint8_t dir; /* enum pcapng_dir */
	const char *comment; /* NULL for none */
	size_t comment_len;
};

struct pcap_out;

/* Returns 0 or -errno (the file could not be created; the message is logged). */
int pcap_out_open(struct pcap_out **out, const struct pcap_out_cfg *cfg);
/*
 * Appends one record. Returns 0; 1 when -G -W has written its last file (stop capturing);
 * -errno on a write error, logged with the count of packets on disk.
 */
int pcap_out_write(struct pcap_out *o, int64_t sec, uint32_t nsec, const uint8_t *data,
		   uint32_t caplen, uint32_t wire_len, const struct pcap_out_meta *m);
/* Whether a file name asks for pcapng (it ends in .pcapng, as Wireshark names them). */
bool pcap_out_is_ng(const char *path);
/* Flushes and closes; returns 0 or -errno (logged). NULL is fine. */
int pcap_out_close(struct pcap_out *o);

#endif
