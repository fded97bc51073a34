// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel names a BPF program's or link's program in the fdinfo of every descriptor on it
 * ("prog_id:\tN"), so the holder of a program is found by reading /proc, as bpftool's `pids`
 * column does with an iterator. Only done when something is in the way, never per packet.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_owner.h"

/* Whether /proc/PID/fdinfo/FD says prog_id. */
static int fd_holds(const char *path, uint32_t prog_id)
{
	char line[128];
	unsigned int id;
	int found = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "prog_id: %u", &id) == 1 && id == prog_id;
	fclose(f);
	return found;
}

static int pid_holds(const char *pid, uint32_t prog_id)
{
	char dir[300], path[600];
	struct dirent *de;
	int found = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%s/fdinfo", pid);
	d = opendir(dir);
	if (!d)
		return 0;
	while (!found && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			found = fd_holds(path, prog_id);
		}
	closedir(d);
	return found;
}

pid_t bpf_prog_holder(uint32_t prog_id, char *comm, size_t len)
{
	struct dirent *de;
	pid_t pid = 0;
	DIR *d = opendir("/proc");

	comm[0] = '\0';
	if (!d)
		return 0;
	while (!pid && (de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]) && pid_holds(de->d_name, prog_id))
			pid = (pid_t)atoi(de->d_name);
	closedir(d);
	if (pid) {
		char path[64];
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
		f = fopen(path, "re");
		if (f && fgets(comm, (int)len, f))
			comm[strcspn(comm, "\n")] = '\0';
		if (f)
			fclose(f);
	}
	return pid;
}
