/* SPDX-License-Identifier: GPL-2.0-only */
/* -Z: giving up privileges once attached. */
#ifndef XDPSPY_PRIVS_H
#define XDPSPY_PRIVS_H

#include <sys/types.h>

struct privs_id {
	const char *name;
	uid_t uid;
	gid_t gid;
};

/* The user -Z names; fails (with tcpdump's message) if there is none. Looked up before
 * anything is attached, so a typo costs nothing. */
int privs_lookup(const char *user, struct privs_id *id);
/* Becomes that user (as root) and drops every capability; 0 or -errno, said on stderr. */
int privs_drop(const struct privs_id *id);

#endif
