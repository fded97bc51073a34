// SPDX-License-Identifier: GPL-2.0-only
/*
 * -Z USER: once the hooks are attached, xdpspy needs no privileges at all. The links, the ring
 * and the counters are file descriptors it already holds; closing them (at exit, or when the
 * process dies) still detaches. So, as tcpdump does once its socket is open, give root up.
 */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "privs.h"

int privs_lookup(const char *user, struct privs_id *id)
{
	struct passwd *pw;

	pw = getpwnam(user);
	if (!pw) {
		/* tcpdump's words */
		log_msg("Couldn't find user '%.32s'", user);
		return -ENOENT;
	}
	id->name = user;
	id->uid = pw->pw_uid;
	id->gid = pw->pw_gid;
	return 0;
}

/* No capability left in any set: what a non-root process with file or ambient caps keeps
 * after a setuid to itself. */
static int drop_caps(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2] = {{0}};

	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) && errno != EINVAL)
		return -errno;
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

int privs_drop(const struct privs_id *id)
{
	if (geteuid() == 0 &&
	    (initgroups(id->name, id->gid) || setgid(id->gid) || setuid(id->uid))) {
		int err = -errno;

		log_msg("Couldn't change to '%.32s' uid=%lu gid=%lu: %s", id->name,
			(unsigned long)id->uid, (unsigned long)id->gid, strerror(-err));
		return err;
	}
	/* setuid() from root clears the capabilities; without root they are cleared here. */
	int err = drop_caps();

	if (err)
		log_msg("cannot drop capabilities: %s", strerror(-err));
	return err;
}
