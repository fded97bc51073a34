// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cgroup v2 hierarchy's paths by id. A cgroup's id is its directory's inode number, so a
 * walk of the mount maps every id to its path; the walk is repeated when an id is not known
 * yet (a cgroup made since), at most once a second. Entries are kept for the run, each in its
 * own allocation, so a path handed out stays valid (the printer's lookahead holds them).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cgroups.h"
#include "grow.h"

#define CG_PATH_MAX 512

struct cg_entry {
	uint64_t id;
	char path[CG_PATH_MAX];
};

static struct {
	char root[CG_PATH_MAX];
	struct cg_entry **tab;
	size_t n, cap;
	time_t walked;
} cg;

const char *cgroups_root(void)
{
	char line[1024], fstype[64], mnt[CG_PATH_MAX];
	FILE *f;

	if (cg.root[0])
		return cg.root;
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return NULL;
	/* id parent major:minor root mountpoint options... - fstype source super-options */
	while (fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(sep, " - %63s", fstype) != 1 || strcmp(fstype, "cgroup2") != 0)
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %511s", mnt) == 1) {
			snprintf(cg.root, sizeof(cg.root), "%s", mnt);
			break;
		}
	}
	fclose(f);
	return cg.root[0] ? cg.root : NULL;
}

static const struct cg_entry *find(uint64_t id)
{
	for (size_t i = 0; i < cg.n; i++)
		if (cg.tab[i]->id == id)
			return cg.tab[i];
	return NULL;
}

static int add_dir(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct cg_entry *e, **t;
	size_t skip = strlen(cg.root);

	(void)ftw;
	if (type != FTW_D || find(st->st_ino))
		return 0;
	t = grow_for(cg.tab, cg.n, &cg.cap, sizeof(struct cg_entry *), 64);
	if (!t)
		return 1;
	cg.tab = t;
	e = malloc(sizeof(*e));
	if (!e)
		return 1;
	e->id = st->st_ino;
	snprintf(e->path, sizeof(e->path), "%s", path[skip] ? path + skip : "/");
	cg.tab[cg.n++] = e;
	return 0;
}

const char *cgroups_path(uint64_t id)
{
	const struct cg_entry *e = find(id);
	time_t now = time(NULL);

	if (e)
		return e->path;
	if (!cgroups_root() || now == cg.walked)
		return NULL;
	cg.walked = now;
	nftw(cg.root, add_dir, 16, FTW_PHYS | FTW_MOUNT);
	e = find(id);
	return e ? e->path : NULL;
}

int cgroups_resolve(const char *path, uint64_t *id, uint32_t *level)
{
	const char *root = cgroups_root();
	char full[CG_PATH_MAX];
	const char *rel = path;
	struct stat st;

	if (!root)
		return -ENOENT;
	if (strncmp(path, root, strlen(root)) == 0)
		rel = path + strlen(root);
	snprintf(full, sizeof(full), "%s/%s", root, rel);
	if (stat(full, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	*id = st.st_ino;
	*level = 0;
	for (const char *p = rel; *p; p++)
		if (*p != '/' && (p == rel || p[-1] == '/'))
			++*level;
	return 0;
}
