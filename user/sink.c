// SPDX-License-Identifier: GPL-2.0-only
/* The output of a capture (sink.h): one path for live capture and replay. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cooked.h"
#include "log.h"

#define LINKTYPE_LINUX_SLL2 276
#include "pcap_out.h"
#include "pcapng.h"
#include "print/fastline.h"
#include "print/owner.h"
#include "sink.h"

struct sink {
	const struct opts *o;
	struct printer *pr;
	struct pcap_out *out; /* -w */
	int out_err; /* pcap_out_write()'s last non-zero result */
	bool cooked; /* -w writes LINUX_SLL2 records (-i any) */
	bool ng; /* -w writes pcapng (pcap_out_is_ng) */
	char comment[PCAPNG_COMMENT_MAX]; /* pcapng: the packet's owner (--process) */
	uint8_t cooked_frame[COOKED_HDR_LEN + 262144]; /* a record, as -i any writes it */
	bool done; /* -c reached, or the output ended */
	bool reader_gone; /* stdout refused a write: the reader went away (| head) */
	unsigned long long count;
	bool gather; /* lines wait in line[] for one write of many (not -l, not -w) */
	bool tty; /* stdout is a terminal: a batch's lines are written at its end */
	size_t pending; /* bytes of lines in line[] not yet written */
	/* Lines, up to SINK_BATCH bytes of them before a write, and room for one more record of
	 * any length after them; calloc()ed: only what is used becomes resident. */
	char line[SINK_BATCH + PRINT_RECORD_MAX];
};

struct sink *sink_new(const struct opts *o)
{
	struct sink *s = calloc(1, sizeof(*s));

	if (!s || !(s->pr = printer_new(&o->print))) {
		log_msg("out of memory");
		free(s);
		return NULL;
	}
	s->o = o;
	s->gather = !o->line_buffered;
	s->tty = isatty(STDOUT_FILENO);
	return s;
}

/* A device (/dev/null): no file to keep anything in, so nothing to warn it is not kept. */
static bool is_device(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISCHR(st.st_mode);
}

int sink_open_file(struct sink *s, uint32_t snaplen, bool cooked)
{
	const struct opts *o = s->o;
	struct pcap_out_cfg pc = {.path = o->write_file,
				  .snaplen = snaplen,
				  .linktype = cooked ? LINKTYPE_LINUX_SLL2 : 0,
				  .flush_each = o->write_flush,
				  .rotate_bytes = (uint64_t)o->rotate_mb * 1000000,
				  .rotate_secs = o->rotate_secs,
				  .max_files = o->max_files};

	s->cooked = cooked;
	if (o->write_file && pcap_out_is_ng(o->write_file)) {
		pc.ng = s->ng = true;
		pc.ifname = o->niface == 1 ? o->iface[0] : cooked ? "any" : NULL;
		pc.ifindex = pc.ifname ? if_nametoindex(pc.ifname) : 0;
	} else if (o->write_file && o->process.on && !is_device(o->write_file)) {
		log_msg("warning: %s: the owners (--process) are kept only in a .pcapng file",
			o->write_file);
	}
	return o->write_file && pcap_out_open(&s->out, &pc) ? -1 : 0;
}

/* The lines gathered, in one write(2) straight from line[] (stdio's own buffer flushed first,
 * for what was printed through it); 0 or an errno. */
static int write_lines(struct sink *s)
{
	size_t off = 0;
	int rc = 0;

	if (!s->pending)
		return 0;
	if (fflush(stdout))
		rc = errno ? errno : EIO;
	while (!rc && off < s->pending) {
		ssize_t n = write(STDOUT_FILENO, s->line + off, s->pending - off);

		if (n > 0)
			off += (size_t)n;
		else if (n < 0 && errno != EINTR)
			rc = errno;
		else if (n == 0)
			rc = EIO;
	}
	s->pending = 0;
	return rc;
}

void sink_flush(struct sink *s)
{
	if (s && write_lines(s))
		s->reader_gone = s->done = true; /* the reader went away: stop as if told to */
}

void sink_batch_end(struct sink *s)
{
	/* As stdio buffers tcpdump's lines: a terminal sees them as they come, a file or a pipe
	 * in blocks (a write per batch of a few records cost more than printing them). */
	if (s && s->tty)
		sink_flush(s);
}

static bool counted(struct sink *s)
{
	s->count++;
	if (s->o->count && s->count >= (unsigned long long)s->o->count)
		s->done = true;
	return s->done;
}

/* pcapng: the packet's interface, its direction (which hook saw it) and its owner's comment. */
static const struct pcap_out_meta *ng_meta(struct sink *s, const struct xs_event *ev,
					   const struct pkt_info *pi, struct pcap_out_meta *m)
{
	struct strbuf sb;

	memset(m, 0, sizeof(*m));
	m->ifindex = ev->ifindex;
	/* A replayed file's packet was seen by no hook here: its direction is not known. */
	if (ev->ifindex)
		m->dir = ev->flags & XS_F_EGRESS ? PCAPNG_DIR_OUT : PCAPNG_DIR_IN;
	if (pi->owner) {
		sb_init(&sb, s->comment, sizeof(s->comment));
		owner_comment(pi->owner, &sb);
		m->comment = s->comment;
		m->comment_len = sb.len;
	}
	return m;
}

/* Where a printed record goes: after the lines gathered (one write per SINK_BATCH bytes or
 * per batch of records, sink_flush(), not a stdio copy of each), or alone. */
static void line_start(struct sink *s, struct strbuf *sb)
{
	if (s->gather && !s->out)
		sb_init(sb, s->line + s->pending, sizeof(s->line) - s->pending);
	else
		sb_init(sb, s->line, PRINT_RECORD_MAX);
}

/* The record line_start() began, printed: gathered or written, and counted. */
static bool line_end(struct sink *s, const struct strbuf *sb)
{
	if (s->gather && !s->out) {
		s->pending += sb->len;
		if (s->pending >= SINK_BATCH)
			sink_flush(s);
		return s->done || counted(s);
	}
	if (fwrite_unlocked(sb->buf, 1, sb->len, stdout) != sb->len) {
		s->reader_gone = s->done = true; /* the reader went away: stop as if told to */
		return true;
	}
	if (s->o->line_buffered)
		fflush(stdout);
	return counted(s);
}

bool sink_packet(struct sink *s, const struct xs_event *ev, const struct pkt_info *pi,
		 const struct print_hint *h)
{
	struct pcap_out_meta meta;
	struct strbuf sb;

	if (s->done)
		return true;
	if (s->out) {
		const uint8_t *data = pi->data;
		uint32_t caplen = pi->cap_len, wire_len = pi->wire_len;

		if (s->cooked && data && caplen >= ETHER_HDR_LEN) {
			caplen = cooked_frame(ev, pi->hatype, data, caplen, s->cooked_frame,
					      sizeof(s->cooked_frame));
			data = s->cooked_frame;
			wire_len += COOKED_HDR_LEN - ETHER_HDR_LEN;
		}
		s->out_err = pcap_out_write(s->out, pi->sec, (uint32_t)pi->nsec, data, caplen,
					    wire_len, s->ng ? ng_meta(s, ev, pi, &meta) : NULL);
		if (s->out_err) {
			s->done = true;
			return true;
		}
		if (!s->o->print_too)
			return counted(s);
	}
	line_start(s, &sb);
	print_packet(s->pr, ev, pi, h, &sb);
	return line_end(s, &sb);
}

bool sink_fastline(struct sink *s, struct fastline *fl, const struct pkt_info *pi)
{
	struct strbuf sb;

	if (s->done)
		return true;
	line_start(s, &sb);
	fastline_print(s->pr, fl, pi, &sb);
	return line_end(s, &sb);
}

static bool prints(const struct sink *s)
{
	return !s->out || s->o->print_too;
}

void sink_prefetch(const struct sink *s, const struct xs_event *ev, const struct pkt_info *pi,
		   struct print_hint *h)
{
	if (prints(s))
		print_prefetch(s->pr, ev, pi, h);
	else
		h->found = false;
}

void sink_prefetch_entry(const struct sink *s, const struct print_hint *h)
{
	if (prints(s))
		print_prefetch_entry(s->pr, h);
}

bool sink_done(const struct sink *s)
{
	return s->done;
}

unsigned long long sink_count(const struct sink *s)
{
	return s->count;
}

int sink_close(struct sink *s)
{
	int rc = 0;

	if (!s)
		return 0;
	errno = write_lines(s);
	/* A reader that went away is no error (tcpdump | head exits 0). */
	if ((errno || fflush(stdout) || ferror(stdout)) && !s->reader_gone && errno != EPIPE) {
		log_msg("writing the output failed: %s", strerror(errno));
		rc = -1;
	}
	if (s->out_err < 0 || pcap_out_close(s->out))
		rc = -1;
	printer_free(s->pr);
	free(s);
	return rc;
}
