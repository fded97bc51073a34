// SPDX-License-Identifier: GPL-2.0-only
/* Filter expressions through libpcap (see filter.h). */
#include <errno.h>
#include <pcap/pcap.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebpf_dump.h"
#include "filter.h"
#include "log.h"
#include "xlate.h"

/* libpcap's instruction and ours are the same four fields, so its dump and interpreter
 * take our programs as they are. */
_Static_assert(sizeof(struct bpf_insn) == sizeof(struct cbpf_insn), "classic BPF layout");

/* tcpdump's read_infile(): the whole file, with `#` comments blanked out. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 4096, got;
	char *buf = NULL, *grown;

	if (!f) {
		log_msg("can't open %s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		grown = realloc(buf, cap + 1);
		if (!grown) {
			log_msg("out of memory reading %s", path);
			free(buf);
			fclose(f);
			return NULL;
		}
		buf = grown;
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (len == cap)
			cap *= 2;
	} while (got > 0);
	if (ferror(f)) {
		log_msg("problem reading %s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '#')
			while (i < len && buf[i] != '\n')
				buf[i++] = ' ';
	return buf;
}

/* tcpdump's copy_argv(): the words joined by single spaces; NULL when there are none. */
static char *join_words(char **words, int n)
{
	size_t len = 1;
	char *s;

	if (n <= 0)
		return NULL;
	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	return s;
}

static uint32_t netmask_of(const char *ifname)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	bpf_u_int32 net, mask;

	/* No IPv4 address: 0, and `ip broadcast` cannot be compiled, as in tcpdump. */
	if (!ifname || pcap_lookupnet(ifname, &net, &mask, errbuf) < 0)
		return 0;
	return mask;
}

/* libpcap's program for text on handle p, as ours; p is closed. */
static int compile(pcap_t *p, const char *text, uint32_t netmask, bool optimize,
		   struct cbpf_prog *prog)
{
	struct bpf_program bp;
	int rc = -1;

	if (!p) {
		log_msg("out of memory");
		return -1;
	}
	if (pcap_compile(p, &bp, text, optimize, netmask) < 0) {
		log_msg("%s", pcap_geterr(p));
		goto out;
	}
	prog->insns = calloc(bp.bf_len, sizeof(*prog->insns));
	if (!prog->insns) {
		log_msg("out of memory");
		pcap_freecode(&bp);
		goto out;
	}
	for (unsigned i = 0; i < bp.bf_len; i++)
		prog->insns[i] = (struct cbpf_insn){.code = bp.bf_insns[i].code,
						    .jt = bp.bf_insns[i].jt,
						    .jf = bp.bf_insns[i].jf,
						    .k = bp.bf_insns[i].k};
	prog->len = bp.bf_len;
	pcap_freecode(&bp);
	rc = 0;
out:
	pcap_close(p);
	return rc;
}

/* The expression's text: -F's file or the words; *text NULL when there is none. 0 or -1. */
static int expression(const struct opts *o, char **text)
{
	*text = NULL;
	if (!o->filter_file) {
		*text = join_words(o->expr, o->expr_words);
		return 0;
	}
	if (o->expr_words > 0)
		log_msg("WARNING: the expression on the command line is ignored with -F");
	*text = read_file(o->filter_file);
	return *text ? 0 : -1;
}

/* A dry run of the translator: refuses, before anything is loaded, what the kernel cannot run. */
static int check_translates(struct cbpf_prog *prog, enum xlate_hook hook)
{
	struct xlate_cfg cfg = {.hook = hook, .chain_fd = -1, .wire_len_fd = -1};
	struct xlate_out out;
	char err[160];

	if (!xlate(prog, &cfg, &out, err, sizeof(err))) {
		xlate_free(&out);
		return 0;
	}
	log_msg("the filter cannot run in the kernel: %s", err);
	filter_free(prog);
	return -1;
}

/* The expression compiled by libpcap for a capture file of link type dlt. */
static int build_for(const struct opts *o, int dlt, uint32_t netmask, int snaplen,
		     enum xlate_hook hook, struct cbpf_prog *prog)
{
	char *text;
	int rc;

	prog->insns = NULL;
	prog->len = 0;
	if (expression(o, &text))
		return -1;
	if (!text && !o->dump_filter)
		return 0; /* no expression: every packet */
	rc =
	    compile(pcap_open_dead(dlt, snaplen), text ? text : "", netmask, !o->no_optimize, prog);
	free(text);
	return rc ? -1 : check_translates(prog, hook);
}

int filter_build(const struct opts *o, const char *ifname, int snaplen, struct cbpf_prog *prog)
{
	return build_for(o, DLT_EN10MB, netmask_of(ifname), snaplen, XLATE_XDP, prog);
}

int filter_build_cooked(const struct opts *o, struct cbpf_prog *prog)
{
	/* tcpdump -i any has no netmask: `ip broadcast` cannot be compiled there either. */
	return build_for(o, DLT_LINUX_SLL2, 0, FILTER_LIVE_SNAPLEN, XLATE_TC, prog);
}

/*
 * A handle on the interface, activated as tcpdump's is, so that libpcap compiles for the
 * socket a live capture has: metadata loads for VLAN tags the skb holds and for the packet's
 * direction. NULL when it cannot be activated (without CAP_NET_RAW).
 */
static pcap_t *live_handle(const char *ifname)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_create(ifname, errbuf);

	if (!p)
		return NULL;
	pcap_set_snaplen(p, FILTER_LIVE_SNAPLEN);
	pcap_set_buffer_size(p, 1 << 16); /* only compiled for, never read */
	if (pcap_activate(p) < 0) {
		pcap_close(p);
		return NULL;
	}
	return p;
}

int filter_build_tc(const struct opts *o, const char *ifname, struct cbpf_prog *prog)
{
	pcap_t *p;
	char *text;
	int rc;

	prog->insns = NULL;
	prog->len = 0;
	if (expression(o, &text))
		return -1;
	if (!text)
		return 0;
	p = live_handle(ifname);
	rc = p ? compile(p, text, netmask_of(ifname), !o->no_optimize, prog) : 0;
	free(text);
	return rc ? -1 : prog->len ? check_translates(prog, XLATE_TC) : 0;
}

int filter_snaplen(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	int snaplen;

	if (!path)
		return FILTER_LIVE_SNAPLEN;
	p = pcap_open_offline(path, errbuf);
	if (!p) {
		log_msg("%s", errbuf);
		return -1;
	}
	snaplen = pcap_snapshot(p);
	pcap_close(p);
	return snaplen;
}

void filter_free(struct cbpf_prog *prog)
{
	free(prog->insns);
	prog->insns = NULL;
	prog->len = 0;
}

bool filter_match(const struct cbpf_prog *prog, const uint8_t *frame, uint32_t wire_len,
		  uint32_t cap_len)
{
	struct bpf_insn *insns = (struct bpf_insn *)prog->insns;

	if (!prog->len)
		return true;
	_Static_assert(offsetof(struct bpf_insn, k) == offsetof(struct cbpf_insn, k),
		       "classic BPF layout");
	return bpf_filter(insns, frame, wire_len, cap_len) != 0;
}

int filter_dump(const struct cbpf_prog *prog, int level, bool tc)
{
	struct bpf_program bp = {.bf_len = (u_int)prog->len,
				 .bf_insns = (struct bpf_insn *)prog->insns};
	struct xlate_cfg cfg = {
	    .hook = tc ? XLATE_TC : XLATE_XDP, .chain_fd = -1, .wire_len_fd = -1};
	struct xlate_out out;
	char err[160];

	bpf_dump(&bp, level);
	if (level != 1)
		return 0;
	if (xlate(prog, &cfg, &out, err, sizeof(err))) {
		log_msg("the filter cannot run in the kernel: %s", err);
		return -1;
	}
	printf("\neBPF, as the %s hooks run it (%zu instructions):\n", tc ? "TC" : "XDP", out.len);
	ebpf_dump(stdout, out.insns, out.len);
	xlate_free(&out);
	return 0;
}
