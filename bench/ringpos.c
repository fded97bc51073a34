// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bytes that went through a process's rings (xdpspy holds one per CPU):
 *
 *   ringpos PID
 *
 * prints `MAP_ID PRODUCER_POS CONSUMER_POS` for each ring PID holds open: a BPF ring buffer
 * (xdpspy before its own rings; not its bell, ring_bell) or a ring of include/ring_region.h
 * (an mmapable array named events_cpu). The producer position counts every byte ever written
 * (8-byte record headers and padding included), so its difference over a run is exactly what
 * the kernel handed to user space. The positions are read through read-only mappings of the
 * map, as any consumer sees them.
 */
#include <bpf/bpf.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ring_region.h"

enum kind { NOT_RING, RINGBUF, REGION };

/* The map id of fdinfo file PATH when it is a map, else 0; *type its type. */
static unsigned int map_id(const char *path, unsigned int *map_type)
{
	unsigned int type = 0, id = 0;
	char line[128];
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "map_type: %u", &type);
		sscanf(line, "map_id: %u", &id);
	}
	fclose(f);
	*map_type = type;
	return id;
}

/* Which of the two rings map fd is, if either. */
static enum kind ring_kind(int fd, unsigned int type)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return NOT_RING;
	if (type == BPF_MAP_TYPE_RINGBUF && strcmp(info.name, "ring_bell"))
		return RINGBUF;
	if (type == BPF_MAP_TYPE_ARRAY && !strcmp(info.name, "events_cpu"))
		return REGION;
	return NOT_RING;
}

/* A map held through several descriptors is printed once. */
static int seen_before(unsigned int id)
{
	static unsigned int seen[64];
	static int n;

	for (int i = 0; i < n; i++)
		if (seen[i] == id)
			return 1;
	if (n < 64)
		seen[n++] = id;
	return 0;
}

static int print_positions(unsigned int id, unsigned int type)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = bpf_map_get_fd_by_id(id);
	unsigned long *cons, *prod;
	enum kind k;

	if (fd < 0) {
		perror("ringpos: bpf_map_get_fd_by_id");
		return -1;
	}
	k = ring_kind(fd, type);
	if (k == NOT_RING) {
		close(fd);
		return 0;
	}
	/* A region's positions are both in its first page. */
	cons = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
	prod = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, k == RINGBUF ? page : 0);
	if (k == REGION && cons != MAP_FAILED)
		cons = (unsigned long *)&((struct xs_ring_ctl *)cons)->cons;
	if (cons == MAP_FAILED || prod == MAP_FAILED) {
		perror("ringpos: mmap");
		close(fd);
		return -1;
	}
	printf("%u %lu %lu\n", id, __atomic_load_n(prod, __ATOMIC_ACQUIRE),
	       __atomic_load_n(cons, __ATOMIC_ACQUIRE));
	munmap((void *)((unsigned long)cons & ~((unsigned long)page - 1)), (size_t)page);
	munmap(prod, (size_t)page);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	char dir[64], path[320];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: ringpos PID\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "/proc/%s/fdinfo", argv[1]);
	d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d))) {
		unsigned int id, type = 0;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		id = map_id(path, &type);
		if (!id || seen_before(id))
			continue;
		if (print_positions(id, type))
			rc = 1;
	}
	closedir(d);
	return rc;
}
