// SPDX-License-Identifier: GPL-2.0-only
/* --process: the sockets that were there before the capture (owner_seed.h). */
#include <ctype.h>
#include <stdbool.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroups.h"
#include "grow.h"
#include "owner_seed.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

/* A descriptor on a socket: the socket's inode, the process, the descriptor's number. */
struct sock_fd {
	unsigned long inode;
	int pid, fd;
};

struct fd_list {
	struct sock_fd *v;
	size_t n, cap;
};

static int push(struct fd_list *l, unsigned long inode, int pid, int fd)
{
	struct sock_fd *v = grow_for(l->v, l->n, &l->cap, sizeof(*v), 256);

	if (!v)
		return -ENOMEM;
	l->v = v;
	l->v[l->n++] = (struct sock_fd){inode, pid, fd};
	return 0;
}

/* The socket descriptors of process pid. */
static int scan_pid(struct fd_list *l, int pid)
{
	char dir[64], path[320], link[64];
	struct dirent *de;
	unsigned long inode;
	int err = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	d = opendir(dir);
	if (!d)
		return 0; /* gone, or a kernel thread */
	while (!err && (de = readdir(d))) {
		ssize_t n;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		if (sscanf(link, "socket:[%lu]", &inode) == 1)
			err = push(l, inode, pid, atoi(de->d_name));
	}
	closedir(d);
	return err;
}

static int by_inode(const void *a, const void *b)
{
	const struct sock_fd *x = a, *y = b;

	if (x->inode != y->inode)
		return x->inode < y->inode ? -1 : 1;
	return x->pid - y->pid;
}

/* The id of path's ancestor at depth level (bpf_get_current_ancestor_cgroup_id's), or 0. */
static uint64_t cg_ancestor(const char *path, uint32_t level)
{
	char buf[4096];
	uint32_t depth = 0, got;
	uint64_t id;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", path);
	for (i = 0; buf[i]; i++)
		if (buf[i] != '/' && (i == 0 || buf[i - 1] == '/') && ++depth > level)
			break;
	buf[i] = '\0';
	return cgroups_resolve(buf, &id, &got) || got != level ? 0 : id;
}

/* The process's command and cgroup, as the socket side reads them from the running task. */
static int proc_owner(int pid, uint32_t cg_level, struct xs_owner_val *v)
{
	char path[64], line[4096];
	uint32_t level = 0;
	uint64_t id = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return -ENOENT;
	}
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	strncpy(v->o.comm, line, sizeof(v->o.comm)); /* NUL-padded, as the kernel's */
	v->o.comm[sizeof(v->o.comm) - 1] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = '\0';
			if (cgroups_resolve(line + 3, &id, &level))
				id = 0;
			if (cg_level && level >= cg_level)
				v->cg_anc = cg_ancestor(line + 3, cg_level);
			break;
		}
	if (f)
		fclose(f);
	v->o.cgroup = id;
	v->o.pid = (uint32_t)pid;
	v->o.state = XS_OWN_OPEN;
	return id ? 0 : -ENOENT;
}

/* An address as the flow table keeps it: IPv6, or IPv4 as ::ffff:a.b.c.d. */
static void key_addr(uint8_t out[16], const struct sockaddr_storage *ss, __be16 *port)
{
	memset(out, 0, 16);
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ss;

		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a->sin_addr, 4);
		*port = a->sin_port;
	} else {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;

		memcpy(out, &a->sin6_addr, 16);
		*port = a->sin6_port;
	}
}

/* The flow (connected) or the bound port (listening, or bound and unconnected) socket s owns,
 * as bpf/sock_owner.h keys them. Returns false for a socket that owns neither yet. */
static bool sock_key(int s, struct xs_owner_flow *k, struct xs_owner_val *v)
{
	struct sockaddr_storage local = {0}, peer = {0};
	socklen_t ll = sizeof(local), pl = sizeof(peer), ol = sizeof(int);
	int domain = 0, proto = 0, listening = 0;
	uint64_t netns = 0;
	socklen_t nl = sizeof(netns);

	memset(k, 0, sizeof(*k));
	if (getsockopt(s, SOL_SOCKET, SO_DOMAIN, &domain, &ol) ||
	    (domain != AF_INET && domain != AF_INET6) ||
	    getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &proto, &ol) ||
	    (proto != IPPROTO_TCP && proto != IPPROTO_UDP) ||
	    getsockopt(s, SOL_SOCKET, SO_NETNS_COOKIE, &netns, &nl) ||
	    getsockname(s, (struct sockaddr *)&local, &ll))
		return false;
	getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ol);
	k->netns = netns;
	k->proto = (uint8_t)proto;
	if (!listening && !getpeername(s, (struct sockaddr *)&peer, &pl)) {
		key_addr(k->laddr, &local, &k->lport);
		key_addr(k->raddr, &peer, &k->rport);
		return true;
	}
	key_addr(k->laddr, &local, &k->lport);
	memset(k->laddr, 0, sizeof(k->laddr)); /* a bound port: protocol and port only */
	v->bound_port = ntohs(k->lport);
	v->bound_proto = (uint8_t)proto;
	return k->lport != 0;
}

/* Records the socket descriptor fd of process pid, through a copy of it: 1 when recorded. */
static int seed_one(const struct sock_fd *sf, uint32_t cg_level, owner_seed_fn fn, void *ctx)
{
	int pidfd = (int)syscall(SYS_pidfd_open, sf->pid, 0), s = -1, done = 0;
	struct xs_owner_val v = {0};
	struct xs_owner_flow k;
	uint64_t cookie = 0;
	socklen_t cl = sizeof(cookie);

	if (pidfd >= 0)
		s = (int)syscall(SYS_pidfd_getfd, pidfd, sf->fd, 0);
	if (s >= 0 && sock_key(s, &k, &v) && !getsockopt(s, SOL_SOCKET, SO_COOKIE, &cookie, &cl) &&
	    cookie && !proc_owner(sf->pid, cg_level, &v))
		done = fn(ctx, &k, cookie, &v) == 0; /* else gone meanwhile, or not TCP or UDP */
	if (s >= 0)
		close(s);
	if (pidfd >= 0)
		close(pidfd);
	return done;
}

int owner_seed(uint32_t cg_level, owner_seed_fn fn, void *ctx, struct owner_seed_stats *st)
{
	struct fd_list l = {0};
	struct dirent *de;
	int self = (int)getpid(), err = 0;
	DIR *d = opendir("/proc");

	memset(st, 0, sizeof(*st));
	if (!d)
		return -errno;
	while (!err && (de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]) && atoi(de->d_name) != self)
			err = scan_pid(&l, atoi(de->d_name));
	closedir(d);
	if (!err && l.n)
		qsort(l.v, l.n, sizeof(*l.v), by_inode);
	for (size_t i = 0, j; !err && i < l.n; i = j) {
		bool shared = false;

		for (j = i + 1; j < l.n && l.v[j].inode == l.v[i].inode; j++)
			shared |= l.v[j].pid != l.v[i].pid;
		if (shared)
			st->shared++;
		else if (seed_one(&l.v[i], cg_level, fn, ctx) == 1)
			st->seeded++;
	}
	free(l.v);
	return err;
}
