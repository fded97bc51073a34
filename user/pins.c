// SPDX-License-Identifier: GPL-2.0-only
/*
 * bpffs paths, their trust and their cleanup. A pin outlives the process that made it, so
 * whoever makes one also removes it, and a start that finds a killed run's pins removes them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <linux/magic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "pins.h"

static char why[256]; /* the last failure's reason, when strerror does not say enough */

__attribute__((format(printf, 2, 3))) static int fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return err;
}

int pins_path(char *buf, size_t len, const char *ifname, const char *file)
{
	int n =
	    snprintf(buf, len, "%s/%s%s%s", XS_PIN_ROOT, ifname, file ? "/" : "", file ? file : "");

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* bpffs is mounted where the pins go: `ip netns exec` remounts /sys without it. */
static int check_bpffs(void)
{
	struct statfs fs;

	if (statfs(XS_BPFFS, &fs) == 0 && fs.f_type == BPF_FS_MAGIC)
		return 0;
	return fail(-ENOENT, "no bpffs at " XS_BPFFS " (`ip netns exec` hides it: use nsenter "
			     "--net=/run/netns/NAME, or mount -t bpf bpf " XS_BPFFS ")");
}

/* A directory only root controls: a real directory, owned by root, not group/other-writable. */
static int check_dir(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return fail(-ENOTDIR, "%s is not a directory", path);
	if (st.st_uid != 0)
		return fail(-EPERM, "%s is owned by uid %lu, not root: not trusted (remove it)",
			    path, (unsigned long)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return fail(-EPERM,
			    "%s is writable by others (mode %04lo): not trusted (remove it)", path,
			    (unsigned long)(st.st_mode & 07777));
	return 0;
}

/* The directory, trusted; made by root when absent. */
static int ensure_dir(const char *path)
{
	int err = check_dir(path);

	if (err == -EACCES) /* not even visible: the directory above is root's */
		return fail(err, "only root pins under %s", XS_PIN_ROOT);
	if (err != -ENOENT)
		return err;
	if (geteuid() != 0)
		return fail(-EPERM, "only root creates %s", path);
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	return check_dir(path);
}

int pins_create(const char *ifname)
{
	char dir[256];
	int err = pins_path(dir, sizeof(dir), ifname, NULL);

	why[0] = '\0';
	if (!err)
		err = check_bpffs();
	if (!err)
		err = ensure_dir(XS_PIN_ROOT);
	if (!err)
		err = ensure_dir(dir);
	return err;
}

int pins_trusted(const char *ifname)
{
	char dir[256];
	int err = pins_path(dir, sizeof(dir), ifname, NULL);

	why[0] = '\0';
	if (!err)
		err = check_dir(XS_PIN_ROOT);
	if (!err)
		err = check_dir(dir);
	return err;
}

int pins_remove(const char *ifname)
{
	char dir[256], path[512];
	struct dirent *de;
	DIR *d;
	int err = pins_trusted(ifname);

	if (err)
		return err == -ENOENT ? 0 : err;
	pins_path(dir, sizeof(dir), ifname, NULL);
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	if (rmdir(dir))
		return -errno;
	rmdir(XS_PIN_ROOT); /* only if no other interface has pins */
	return 0;
}

int pins_unlink(const char *ifname, const char *file)
{
	char path[256];
	int err = pins_trusted(ifname);

	if (!err)
		err = pins_path(path, sizeof(path), ifname, file);
	if (!err && unlink(path))
		err = -errno;
	return err;
}

int pins_exist(const char *ifname)
{
	char dir[256];
	struct stat st;

	return !pins_path(dir, sizeof(dir), ifname, NULL) && !lstat(dir, &st);
}

int pins_for_each(int (*fn)(const char *ifname, void *ctx), void *ctx)
{
	struct dirent *de;
	DIR *d;
	int ret;

	why[0] = '\0';
	ret = check_bpffs();
	if (!ret)
		ret = check_dir(XS_PIN_ROOT);
	if (ret)
		return ret == -ENOENT ? 0 : ret;
	d = opendir(XS_PIN_ROOT);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!ret && (de = readdir(d)))
		if (de->d_name[0] != '.' && de->d_type == DT_DIR)
			ret = fn(de->d_name, ctx);
	closedir(d);
	return ret;
}

int pins_has(const char *ifname, const char *file)
{
	char path[256];

	return !pins_trusted(ifname) && !pins_path(path, sizeof(path), ifname, file) &&
	       !access(path, F_OK);
}

int pins_link_exists(const char *ifname)
{
	return pins_has(ifname, XS_PIN_XDP_LINK) || pins_has(ifname, XS_PIN_INGRESS_LINK) ||
	       pins_has(ifname, XS_PIN_EGRESS_LINK);
}

const char *pins_error(int err)
{
	return why[0] ? why : strerror(-err);
}
