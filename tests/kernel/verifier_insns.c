// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verifier's work per program: bpf_prog_info.verified_insns, the number its log prints as
 * `processed N insns`, read without asking for the log (at log level 1 the kernel writes
 * ~100 MB for our object and takes seconds doing it). For tests/portability.sh:
 *
 *   verifier_insns pinned DIR   the programs `bpftool prog loadall OBJ DIR` pinned in DIR
 *   verifier_insns loader       this build's object through user/loader.c, in the read-only
 *                               configurations xdpspy loads it with (-i, -v, -s/-X/-w, a filter,
 *                               -r, `attach`, --flows), each with its own rodata
 *
 * One line per program: CONFIG PROGRAM INSNS, sorted. A program's name is its function's from
 * BTF (the kernel keeps 15 characters); the translated filter expression is filter_xdp/filter_tc.
 * When a load fails, the last lines of the verifier's log go to stderr and the exit code is 1.
 */
#define _GNU_SOURCE /* vasprintf */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "filter.h"
#include "loader.h"
#include "opts.h"

#define TAIL_LINES 6
#define MAX_LINES 64

static char lines[MAX_LINES][128];
static int nlines;

/* "NAME INSNS" of one program fd into lines[]; 0, or -errno if fd is no program. */
static int prog_line(int fd)
{
	struct bpf_prog_info info = {0};
	__u32 len = sizeof(info);
	char name[64];

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	snprintf(name, sizeof(name), "%s", info.name);
	if (!strcmp(info.name, "xdpspy_filter"))
		snprintf(name, sizeof(name), "filter_%s",
			 info.type == BPF_PROG_TYPE_XDP ? "xdp" : "tc");
	if (info.btf_id && info.nr_func_info) {
		struct bpf_func_info fi[1];
		struct bpf_prog_info fin = {.nr_func_info = 1,
					    .func_info_rec_size = sizeof(fi[0]),
					    .func_info = (__u64)(unsigned long)fi};
		struct btf *btf = btf__load_from_kernel_by_id(info.btf_id);
		const struct btf_type *t;

		len = sizeof(fin);
		if (btf && !bpf_obj_get_info_by_fd(fd, &fin, &len) &&
		    (t = btf__type_by_id(btf, fi[0].type_id)))
			snprintf(name, sizeof(name), "%s", btf__name_by_offset(btf, t->name_off));
		btf__free(btf);
	}
	if (nlines < MAX_LINES)
		snprintf(lines[nlines++], sizeof(lines[0]), "%s %u", name, info.verified_insns);
	return 0;
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void print_lines(const char *config)
{
	qsort(lines, (size_t)nlines, sizeof(lines[0]), cmp_lines);
	for (int i = 0; i < nlines; i++)
		printf("%s %s\n", config, lines[i]);
	nlines = 0;
}

/* Every BPF program this process holds a descriptor of. */
static void own_progs(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], target[64];
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (!strcmp(target, "anon_inode:bpf-prog"))
			prog_line(atoi(e->d_name));
	}
	closedir(d);
}

/* libbpf prints a failed load's whole log: only its last lines, before END, go to stderr. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	const char *end, *from;
	char *s = NULL;
	int tail = 0;

	if (level != LIBBPF_WARN || vasprintf(&s, fmt, ap) < 0)
		return 0;
	end = strstr(s, "-- END PROG LOAD LOG --");
	if (!end) {
		fputs(s, stderr);
		free(s);
		return 0;
	}
	for (from = end; from > s; from--)
		if (from[-1] == '\n' && ++tail > TAIL_LINES)
			break;
	fprintf(stderr, "  ...\n%.*s", (int)(end - from), from);
	free(s);
	return 0;
}

static int pinned(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int err = 0;

	if (!d) {
		fprintf(stderr, "verifier_insns: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		char path[512];
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		fd = bpf_obj_get(path);
		if (fd < 0 || prog_line(fd)) {
			fprintf(stderr, "verifier_insns: %s: %s\n", path, strerror(errno));
			err = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	print_lines("object");
	return err;
}

static int no_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static int loader(void)
{
	/* The filter of README's benchmark: ports, addresses, both IP versions. */
	static char *words[] = {"tcp port 443 and host 10.0.0.1"};
	struct opts o = {.expr = words, .expr_words = 1};
	struct cbpf_prog filter;
	const uint32_t wakeup = 4096 * 1024 / 4; /* live.c: a quarter of the default ring */
	const struct {
		const char *name;
		struct loader_cfg cfg;
	} configs[] = {
	    {"live", {.wakeup_bytes = wakeup}},
	    {"live-compact", {.wakeup_bytes = wakeup, .compact = true}},
	    {"live-filter", {.wakeup_bytes = wakeup, .filter = &filter}},
	    {"live-snap", {.wakeup_bytes = wakeup, .snap_len = 262144}},
	    {"live-sum", {.wakeup_bytes = wakeup, .verify_sum = true}},
	    {"live-all",
	     {.wakeup_bytes = wakeup, .filter = &filter, .snap_len = 262144, .verify_sum = true}},
	    {"attach", {.counters_only = true}},
	    {"attach-flows", {.counters_only = true, .flows = true, .detect = XS_DETECT_DEFAULTS}},
	    {"live-flows", {.wakeup_bytes = wakeup, .flows = true, .detect = XS_DETECT_DEFAULTS}},
	    /* --process with --flows: the owner lookups and the flow's owner (bpf/flow_owner.h) */
	    {"live-process-flows",
	     {.wakeup_bytes = wakeup,
	      .flows = true,
	      .detect = XS_DETECT_DEFAULTS,
	      .process = {.on = true}}},
	    {"replay", {.test_runs = true, .filter = &filter, .verify_sum = true}},
	};
	int rc = 0;

	if (filter_build(&o, NULL, 262144, &filter))
		return 1;
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		struct loader_cfg cfg = configs[i].cfg;
		struct loader *l = NULL;
		int err;

		cfg.ring_kib = 256;
		err = loader_open(&l, &cfg, no_event, NULL);
		if (err) {
			fprintf(stderr, "verifier_insns: %s: load failed: %s\n", configs[i].name,
				strerror(-err));
			rc = 1;
			continue;
		}
		own_progs();
		loader_close(l);
		print_lines(configs[i].name);
	}
	filter_free(&filter);
	return rc;
}

int main(int argc, char **argv)
{
	libbpf_set_print(libbpf_print);
	if (argc == 3 && !strcmp(argv[1], "pinned"))
		return pinned(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "loader"))
		return loader();
	fprintf(stderr, "usage: verifier_insns pinned DIR | verifier_insns loader\n");
	return 2;
}
