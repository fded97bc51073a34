// SPDX-License-Identifier: GPL-2.0-only
/*
 * bpffs paths and their cleanup. A pin outlives the process that made it, so whoever makes one
 * also removes it, and a start that finds a killed run's pins removes them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pins.h"

int pins_path(char *buf, size_t len, const char *ifname, const char *file)
{
	int n =
	    snprintf(buf, len, "%s/%s%s%s", XS_PIN_ROOT, ifname, file ? "/" : "", file ? file : "");

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int pins_create(const char *ifname)
{
	char dir[256];
	int err = pins_path(dir, sizeof(dir), ifname, NULL);

	if (err)
		return err;
	if (mkdir(XS_PIN_ROOT, 0700) && errno != EEXIST)
		return -errno;
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

int pins_remove(const char *ifname)
{
	char dir[256], path[512];
	struct dirent *de;
	DIR *d;
	int err = pins_path(dir, sizeof(dir), ifname, NULL);

	if (err)
		return err;
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

int pins_exist(const char *ifname)
{
	char dir[256];
	struct stat st;

	return !pins_path(dir, sizeof(dir), ifname, NULL) && !stat(dir, &st);
}

int pins_for_each(int (*fn)(const char *ifname, void *ctx), void *ctx)
{
	struct dirent *de;
	DIR *d = opendir(XS_PIN_ROOT);
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!ret && (de = readdir(d)))
		if (de->d_name[0] != '.' && de->d_type == DT_DIR)
			ret = fn(de->d_name, ctx);
	closedir(d);
	return ret;
}

int pins_link_exists(const char *ifname)
{
	char path[256];

	return !pins_path(path, sizeof(path), ifname, "xdp_link") && !access(path, F_OK);
}
