/* SPDX-License-Identifier: GPL-2.0-only */
/* --process and its filters, as the command line gives them and the loader sets them. */
#ifndef XDPSPY_OWNER_CFG_H
#define XDPSPY_OWNER_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "proc_owner.h"

struct owner_cfg {
	bool on; /* --process (or one of its filters) */
	uint32_t pid; /* --pid: 0 for any */
	char comm[XS_OWN_COMM]; /* --comm, NUL-padded: empty for any */
	const char *cgroup_path; /* --cgroup as given, NULL for any */
	uint64_t cgroup; /* its id (the directory's inode), resolved before load */
	uint32_t cg_level; /* its depth below the cgroup v2 root (the root: 0) */
};

#endif
