// SPDX-License-Identifier: GPL-2.0-only
/* pcap and pcapng files for -w (see pcap_out.h). File naming and rotation follow tcpdump 4.99. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "grow.h"
#include "log.h"
#include "pcap_out.h"
#include "pcapng.h"

#define PCAP_NSEC_MAGIC 0xa1b23c4d
#define LINKTYPE_ETHERNET 1
#define REC_HDR 16
/* Larger than any record (16 + 65535 + headroom), so a record always fits after a flush. */
#define BUF_SIZE ((size_t)256 * 1024)
#define MAX_RECS (BUF_SIZE / REC_HDR)

struct pcap_out {
	struct pcap_out_cfg cfg;
	int fd;
	char name[PATH_MAX];
	uint8_t *buf;
	size_t len;
	uint32_t ends[MAX_RECS]; /* where each buffered record ends in buf */
	size_t hdr_len; /* the file header (pcapng: the section header and first interface) */
	uint32_t *ifs; /* pcapng: the index of each interface described in this file, in order */
	size_t nifs, ifs_cap;
	size_t nrecs;
	uint64_t file_bytes; /* bytes of the current file on disk */
	uint64_t packets; /* records wholly on disk, all files */
	int c_count; /* -C: the current file's number */
	int g_count; /* -G: files begun */
	time_t g_start; /* -G: when the current file began */
};

/* tcpdump's getWflagChars(): the digits of the largest file number. */
static int number_width(int max_files)
{
	int w = 0;

	for (int x = max_files - 1; x > 0; x /= 10)
		w++;
	return w;
}

/* tcpdump's MakeFilename(): the pattern through strftime with -G, then the -C number. */
static int make_name(struct pcap_out *o, time_t now)
{
	char base[PATH_MAX];
	int width = o->cfg.max_files > 0 ? number_width(o->cfg.max_files) : 0, n;

	if (o->cfg.rotate_secs) {
		struct tm tm;

		/* The pattern is the user's, as tcpdump takes it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		if (!localtime_r(&now, &tm) || !strftime(base, sizeof(base), o->cfg.path, &tm)) {
#pragma GCC diagnostic pop
			log_msg("%s: the file name pattern gives no name", o->cfg.path);
			return -EINVAL;
		}
	} else {
		snprintf(base, sizeof(base), "%s", o->cfg.path);
	}
	if (o->c_count == 0 && width == 0)
		n = snprintf(o->name, sizeof(o->name), "%s", base);
	else
		n = snprintf(o->name, sizeof(o->name), "%s%0*d", base, width, o->c_count);
	return n < (int)sizeof(o->name) ? 0 : -ENAMETOOLONG;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* pcap files are in the writer's byte order */
}

static uint16_t linktype(const struct pcap_out *o)
{
	return (uint16_t)(o->cfg.linktype ? o->cfg.linktype : LINKTYPE_ETHERNET);
}

/* pcapng: an interface description for ifindex, named as the system names it. */
static int describe_if(struct pcap_out *o, uint32_t ifindex, const char *name)
{
	char buf[IF_NAMESIZE];

	uint32_t *ifs = grow_for(o->ifs, o->nifs, &o->ifs_cap, sizeof(*ifs), 8);

	if (!ifs)
		return -ENOMEM;
	o->ifs = ifs;
	if (!name && ifindex)
		name = if_indextoname(ifindex, buf);
	o->ifs[o->nifs++] = ifindex;
	o->len += pcapng_idb(o->buf + o->len, linktype(o), o->cfg.snaplen, name);
	return 0;
}

/* pcapng: the place of ifindex's description in this file, described now if it is new. */
static int if_id(struct pcap_out *o, uint32_t ifindex, uint32_t *id)
{
	for (size_t i = 0; i < o->nifs; i++)
		if (o->ifs[i] == ifindex) {
			*id = (uint32_t)i;
			return 0;
		}
	*id = (uint32_t)o->nifs;
	return describe_if(o, ifindex, NULL);
}

static void put_file_header(struct pcap_out *o)
{
	uint8_t *h = o->buf + o->len;
	uint16_t version[2] = {2, 4};

	if (o->cfg.ng) {
		/* libpcap reads no pcapng file without an interface: the capture's comes first. */
		o->len += pcapng_shb(h);
		o->nifs = 0;
		describe_if(o, o->cfg.ifindex, o->cfg.ifname);
		o->hdr_len = o->len;
		return;
	}
	o->hdr_len = 24;

	put32(h, PCAP_NSEC_MAGIC);
	memcpy(h + 4, version, 4);
	put32(h + 8, 0); /* thiszone */
	put32(h + 12, 0); /* sigfigs */
	put32(h + 16, o->cfg.snaplen);
	put32(h + 20, linktype(o));
	o->len += 24;
}

/*
 * Writes the buffer out. On a failure, the records wholly written count, the file is cut
 * back to the last of them (a partial record would spoil the file), and -errno is returned.
 */
static int flush(struct pcap_out *o)
{
	size_t done = 0, whole = 0;
	int err = 0;

	while (done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -ENOSPC;
			break;
		}
		done += (size_t)n;
	}
	if (!err) {
		o->packets += o->nrecs;
		o->file_bytes += o->len;
		o->len = o->nrecs = 0;
		return 0;
	}
	while (whole < o->nrecs && o->ends[whole] <= done)
		whole++;
	o->packets += whole;
	if (o->fd != STDOUT_FILENO) {
		/* The whole records, or the file header alone if it is in this buffer and made it. */
		uint64_t keep = o->file_bytes;

		if (whole)
			keep += o->ends[whole - 1];
		else if (!o->file_bytes && done >= o->hdr_len)
			keep = o->hdr_len;
		if (ftruncate(o->fd, (off_t)keep) == 0)
			o->file_bytes = keep;
	}
	o->len = o->nrecs = 0;
	log_msg("writing %s: %s; %llu packet%s written", o->name, strerror(-err),
		(unsigned long long)o->packets, o->packets == 1 ? "" : "s");
	return err;
}

static int open_file(struct pcap_out *o, time_t now)
{
	int err;

	if (!strcmp(o->cfg.path, "-")) {
		o->fd = STDOUT_FILENO;
		snprintf(o->name, sizeof(o->name), "standard output");
	} else {
		err = make_name(o, now);
		if (err)
			return err;
		o->fd = open(o->name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (o->fd < 0) {
			err = -errno;
			log_msg("%s: %s", o->name, strerror(errno));
			return err;
		}
	}
	o->file_bytes = 0;
	put_file_header(o);
	return o->cfg.flush_each ? flush(o) : 0;
}

static int close_file(struct pcap_out *o)
{
	int err = flush(o);

	if (o->fd > STDOUT_FILENO && close(o->fd) && !err) {
		err = -errno;
		log_msg("writing %s: %s", o->name, strerror(errno));
	}
	o->fd = -1;
	return err;
}

int pcap_out_open(struct pcap_out **out, const struct pcap_out_cfg *cfg)
{
	struct pcap_out *o = calloc(1, sizeof(*o));
	int err;

	if (!o || !(o->buf = malloc(BUF_SIZE))) {
		free(o);
		log_msg("out of memory");
		return -ENOMEM;
	}
	o->cfg = *cfg;
	o->fd = -1;
	o->g_start = time(NULL);
	o->g_count = 1;
	err = open_file(o, o->g_start);
	if (err) {
		free(o->ifs);
		free(o->buf);
		free(o);
		return err;
	}
	*out = o;
	return 0;
}

/* -C and -G: a new file before this packet? Returns 1 when -G -W has made its last file. */
static int rotate(struct pcap_out *o)
{
	time_t now;
	int err;

	if (o->cfg.rotate_secs && (now = time(NULL)) - o->g_start >= o->cfg.rotate_secs) {
		if (o->cfg.max_files > 0 && o->g_count >= o->cfg.max_files) {
			fprintf(stderr, "Maximum file limit reached: %d\n", o->cfg.max_files);
			return 1;
		}
		err = close_file(o);
		o->g_start = now;
		o->g_count++;
		o->c_count = 0;
		return err ? err : open_file(o, now);
	}
	if (o->cfg.rotate_bytes && o->file_bytes + o->len > o->cfg.rotate_bytes) {
		err = close_file(o);
		o->c_count++;
		if (o->cfg.max_files > 0 && o->c_count >= o->cfg.max_files)
			o->c_count = 0;
		return err ? err : open_file(o, o->g_start);
	}
	return 0;
}

/* pcapng: the packet as an enhanced packet block, with its interface described first if new. */
static int put_epb(struct pcap_out *o, int64_t sec, uint32_t nsec, const uint8_t *data,
		   uint32_t caplen, uint32_t wire_len, const struct pcap_out_meta *m)
{
	struct pcapng_pkt p = {.ts_ns = (uint64_t)sec * 1000000000 + nsec,
			       .data = data,
			       .caplen = caplen,
			       .wire_len = wire_len};
	int err = if_id(o, m ? m->ifindex : 0, &p.ifid);

	if (err)
		return err;
	if (m) {
		p.dir = (enum pcapng_dir)m->dir;
		p.comment = m->comment;
		p.comment_len = m->comment_len;
	}
	o->len += pcapng_epb(o->buf + o->len, &p);
	return 0;
}

static void put_record(struct pcap_out *o, int64_t sec, uint32_t nsec, const uint8_t *data,
		       uint32_t caplen, uint32_t wire_len)
{
	uint8_t *h = o->buf + o->len;

	put32(h, (uint32_t)sec);
	put32(h + 4, nsec);
	put32(h + 8, caplen);
	put32(h + 12, wire_len);
	memcpy(h + REC_HDR, data, caplen);
	o->len += REC_HDR + caplen;
}

int pcap_out_write(struct pcap_out *o, int64_t sec, uint32_t nsec, const uint8_t *data,
		   uint32_t caplen, uint32_t wire_len, const struct pcap_out_meta *m)
{
	size_t need = (o->cfg.ng ? PCAPNG_IDB_MAX + PCAPNG_EPB_EXTRA : REC_HDR) + (size_t)caplen;
	int err;

	if (o->fd < 0)
		return -EBADF;
	err = rotate(o);
	if (err)
		return err;
	if (BUF_SIZE - o->len < need || o->nrecs == MAX_RECS) {
		err = flush(o);
		if (err)
			return err;
	}
	if (o->cfg.ng) {
		err = put_epb(o, sec, nsec, data, caplen, wire_len, m);
		if (err)
			return err;
	} else {
		put_record(o, sec, nsec, data, caplen, wire_len);
	}
	o->ends[o->nrecs++] = (uint32_t)o->len;
	return o->cfg.flush_each ? flush(o) : 0;
}

bool pcap_out_is_ng(const char *path)
{
	size_t n = strlen(path);

	return n > 7 && !strcasecmp(path + n - 7, ".pcapng");
}

int pcap_out_close(struct pcap_out *o)
{
	int err;

	if (!o)
		return 0;
	err = o->fd >= 0 ? close_file(o) : 0;
	free(o->ifs);
	free(o->buf);
	free(o);
	return err;
}
