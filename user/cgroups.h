/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The cgroup v2 hierarchy, for --process: where it is mounted, and the path of a cgroup id
 * (the inode of its directory, what bpf_get_current_cgroup_id() returns) below that mount.
 */
#ifndef XDPSPY_CGROUPS_H
#define XDPSPY_CGROUPS_H

#include <stdint.h>

/* The cgroup v2 mount (/sys/fs/cgroup/unified on a hybrid system), or NULL. */
const char *cgroups_root(void);
/* path, as --cgroup takes it (below the root, or the mount's full path): its id and depth
 * (the root: 0). 0, or -errno. */
int cgroups_resolve(const char *path, uint64_t *id, uint32_t *level);
/* The path of cgroup id below the root ("/" for the root), or NULL when no cgroup has it
 * (removed since). Valid for the run. */
const char *cgroups_path(uint64_t id);

#endif
