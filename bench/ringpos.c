// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bytes that went through a process's BPF ring buffers (xdpspy holds one per CPU):
 *
 *   ringpos PID
 *
 * prints `MAP_ID PRODUCER_POS CONSUMER_POS` for each ring buffer map PID holds open. The
 * producer position counts every byte ever reserved (8-byte record headers and padding
 * included), so its difference over a run is exactly what the kernel handed to user space.
 * The positions are read through read-only mappings of the map, as any consumer sees them.
 */
#include <bpf/bpf.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The map id of fdinfo file PATH when it is a ring buffer, else 0. */
static unsigned int ringbuf_id(const char *path)
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
	return type == BPF_MAP_TYPE_RINGBUF ? id : 0;
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

static int print_positions(unsigned int id)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = bpf_map_get_fd_by_id(id);
	unsigned long *cons, *prod;

	if (fd < 0) {
		perror("ringpos: bpf_map_get_fd_by_id");
		return -1;
	}
	cons = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
	prod = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, page);
	if (cons == MAP_FAILED || prod == MAP_FAILED) {
		perror("ringpos: mmap");
		close(fd);
		return -1;
	}
	printf("%u %lu %lu\n", id, __atomic_load_n(prod, __ATOMIC_ACQUIRE),
	       __atomic_load_n(cons, __ATOMIC_ACQUIRE));
	munmap(cons, (size_t)page);
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
		unsigned int id;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		id = ringbuf_id(path);
		if (!id || seen_before(id))
			continue;
		if (print_positions(id))
			rc = 1;
	}
	closedir(d);
	return rc;
}
