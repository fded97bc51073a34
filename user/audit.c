// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xdpspy audit [-i IF] [--for DURATION]`: what crossed the interface encrypted and what in
 * the clear, per server port, from the flow table's verdicts (include/verdict.h). The table
 * pinned there (`attach --flows`) is read at once; where none is, audit attaches its own and
 * reads it after DURATION (default 60 s; ^C ends the wait). Servers with a local address come
 * first: the services this machine offers. Per program too: where the table knows the flows'
 * owners (a capture with --flows --process fills them), each port's flows are split by the
 * local program behind them, "[no owner]" for those it does not know.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exit_codes.h"
#include "flowowner.h"
#include "flowtools.h"
#include "log.h"
#include "verdictfmt.h"

#define MAX_PORTS 256
#define MAX_LOGINS 4

enum { CL_ENCRYPTED, CL_CLEAR, CL_OTHER, CL_NONE, CL_COUNT };

/* One server port's flows, of one program where owners are known. */
struct port_line {
	__u8 proto;
	__u16 port;
	bool local;
	char comm[XS_OWN_COMM + 1]; /* the owner's; "" unknown */
	unsigned flows, cls[CL_COUNT], kinds[XS_VK_COUNT], apps[XS_VA_COUNT];
	char logins[MAX_LOGINS][48];
	unsigned login_n[MAX_LOGINS];
	char sni[96];
};

struct audit {
	struct port_line p[MAX_PORTS];
	size_t n;
	struct ifaddrs *ifa;
	bool owners; /* whether any flow's owner is known: only then a line says "[no owner]" */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Whether addr (IPv4-mapped for IPv4) is one of this namespace's addresses. */
static bool is_local(const struct audit *a, const __u8 *addr)
{
	static const __u8 mapped[12] = {[10] = 0xff, [11] = 0xff};
	bool v4 = !memcmp(addr, mapped, 12);

	for (const struct ifaddrs *i = a->ifa; i; i = i->ifa_next) {
		const struct sockaddr *sa = i->ifa_addr;

		if (sa && v4 && sa->sa_family == AF_INET &&
		    !memcmp(&((const struct sockaddr_in *)sa)->sin_addr, addr + 12, 4))
			return true;
		if (sa && !v4 && sa->sa_family == AF_INET6 &&
		    !memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr, addr, 16))
			return true;
	}
	return false;
}

static struct port_line *line_for(struct audit *a, __u8 proto, __u16 port, bool local,
				  const char *comm)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->p[i].proto == proto && a->p[i].port == port && a->p[i].local == local &&
		    !strcmp(a->p[i].comm, comm))
			return &a->p[i];
	if (a->n == MAX_PORTS)
		return NULL;
	a->p[a->n] = (struct port_line){.proto = proto, .port = port, .local = local};
	snprintf(a->p[a->n].comm, sizeof(a->p[a->n].comm), "%s", comm);
	return &a->p[a->n++];
}

/* The flow's program as the PROCESS column has it, "curl/812", without the pid; "" unknown. */
static void owner_comm_of(char *buf, size_t len, const struct xs_flow *f)
{
	char cell[XS_OWN_COMM + 16], *slash;

	buf[0] = '\0';
	if (!f->owner.known)
		return;
	flow_owner_cell(cell, sizeof(cell), f);
	slash = strrchr(cell, '/');
	if (slash)
		*slash = '\0';
	snprintf(buf, len, "%.16s", cell); /* XS_OWN_COMM */
}

static void add_login(struct port_line *p, const char *what)
{
	for (int i = 0; i < MAX_LOGINS; i++) {
		if (!p->logins[i][0])
			snprintf(p->logins[i], sizeof(p->logins[i]), "%s", what);
		if (!strcmp(p->logins[i], what)) {
			p->login_n[i]++;
			return;
		}
	}
}

static void add_flow(struct audit *a, const struct xs_flow_key *k, const struct xs_flow *f)
{
	int srv = !(f->client & 1), dir = verdict_login_dir(f);
	const struct xs_flow_verdict_dir *d = f->verdict.dir;
	char what[48], comm[XS_OWN_COMM + 1];
	struct port_line *p;
	int cl = CL_NONE;

	owner_comm_of(comm, sizeof(comm), f);
	p = line_for(a, k->proto, ntohs(k->port[srv]), is_local(a, k->addr[srv]), comm);
	if (!p)
		return;
	p->flows++;
	for (int i = 0; i < 2; i++) {
		p->kinds[d[i].kind < XS_VK_COUNT ? d[i].kind : XS_VK_OTHER]++;
		if (d[i].app < XS_VA_COUNT && d[i].app)
			p->apps[d[i].app]++;
	}
	if (verdict_encrypted(d[0].kind) || verdict_encrypted(d[1].kind))
		cl = CL_ENCRYPTED;
	else if (d[0].kind == XS_VK_CLEAR || d[1].kind == XS_VK_CLEAR)
		cl = CL_CLEAR;
	else if (d[0].kind == XS_VK_OTHER || d[1].kind == XS_VK_OTHER)
		cl = CL_OTHER;
	p->cls[cl]++;
	if (dir >= 0) {
		verdict_login_text(what, sizeof(what), f, dir, p->port);
		add_login(p, what);
	}
	if (!p->sni[0])
		verdict_sni(p->sni, sizeof(p->sni), f);
}

/* "2 tls, 1 ssh": the kinds of one class counted in the flows' directions. */
static void kinds_of(char *buf, size_t len, const struct port_line *p, bool encrypted)
{
	size_t o = 0;
	buf[0] = '\0';
	bool apps = false;

	for (int k = 1; k < XS_VA_COUNT; k++)
		apps |= p->apps[k] != 0;
	for (int k = 1; k < XS_VK_COUNT && o < len; k++)
		if (p->kinds[k] && verdict_encrypted((__u8)k) == encrypted && k != XS_VK_OTHER &&
		    !(k == XS_VK_CLEAR && apps))
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
					      verdict_kind_name((__u8)k));
	for (int k = 1; !encrypted && k < XS_VA_COUNT && o < len; k++)
		if (p->apps[k])
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
					      verdict_app_name((__u8)k));
}

static void print_line(const struct port_line *p, bool owners)
{
	char num[8], kinds[128];

	printf("%s port %u (%s server)", fmt_proto(p->proto, num, sizeof(num)), p->port,
	       p->local ? "local" : "remote");
	if (p->comm[0])
		printf(" %s", p->comm);
	else if (owners)
		printf(" [no owner]");
	printf(": %u flow%s:", p->flows, p->flows == 1 ? "" : "s");
	if (p->cls[CL_ENCRYPTED]) {
		kinds_of(kinds, sizeof(kinds), p, true);
		printf(" %u encrypted (%s%s%s)", p->cls[CL_ENCRYPTED], kinds,
		       p->sni[0] ? "; SNI " : "", p->sni);
	}
	if (p->cls[CL_CLEAR]) {
		kinds_of(kinds, sizeof(kinds), p, false);
		printf(" %u in the clear (%s)", p->cls[CL_CLEAR], kinds);
	}
	if (p->cls[CL_OTHER])
		printf(" %u not recognised", p->cls[CL_OTHER]);
	if (p->cls[CL_NONE])
		printf(" %u without payload", p->cls[CL_NONE]);
	for (int i = 0; i < MAX_LOGINS && p->logins[i][0]; i++)
		printf("%s %u %s", i ? "," : "; LOGINS IN THE CLEAR:", p->login_n[i], p->logins[i]);
	putchar('\n');
}

static int cmp_lines(const void *x, const void *y)
{
	const struct port_line *a = x, *b = y;

	if (a->local != b->local)
		return a->local ? -1 : 1;
	if (a->proto != b->proto)
		return a->proto - b->proto;
	if (a->port != b->port)
		return a->port - b->port;
	return strcmp(a->comm, b->comm);
}

static int report(struct audit *a, const struct flow_src *src, double secs)
{
	struct map_copy flows = {0};
	int err = flow_src_read(src, LFM_FLOWS, &flows);

	if (err) {
		log_msg("%s: reading the flow table: %s", src->ifname, strerror(-err));
		return XS_EXIT_ERR;
	}
	if (getifaddrs(&a->ifa))
		a->ifa = NULL;
	for (size_t i = 0; i < flows.n; i++) {
		a->owners |= ((const struct xs_flow *)flows.vals + i)->owner.known;
		add_flow(a, (const struct xs_flow_key *)flows.keys + i,
			 (const struct xs_flow *)flows.vals + i);
	}
	qsort(a->p, a->n, sizeof(a->p[0]), cmp_lines);
	printf("xdpspy audit: %s, %zu flows in the table", src->ifname, flows.n);
	if (secs > 0)
		printf(", after %.0f s", secs);
	printf("%s\n", src->cfg.verdicts ? "" : " (attached with --no-verdicts: no verdicts)");
	for (size_t i = 0; i < a->n; i++)
		print_line(&a->p[i], a->owners);
	if (a->ifa)
		freeifaddrs(a->ifa);
	map_copy_free(&flows);
	return XS_EXIT_OK;
}

/* "60", "60s", "2m", "1h": seconds; -1 if none of these. */
static double duration(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		return -1;
	if (!strcmp(end, "") || !strcmp(end, "s"))
		return v;
	if (!strcmp(end, "m"))
		return v * 60;
	if (!strcmp(end, "h"))
		return v * 3600;
	return -1;
}

static void wait_for(double secs)
{
	struct timespec t0, now;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!stop) {
		struct timespec tick = {0, 100000000};

		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9 >=
		    secs)
			break;
		nanosleep(&tick, NULL);
	}
}

int audit_run(int argc, char **argv)
{
	struct option lo[DETECT_NOPTS_SUBCMD + 2] = {{"for", required_argument, NULL, 'F'}};
	const char *ifname = NULL;
	char picked[IF_NAMESIZE];
	struct flow_src src;
	struct flow_opts fo;
	double secs = -1;
	struct audit *a;
	bool bad = false;
	int c, rc;

	flow_opts_init(&fo);
	flow_opts_long_subcmd(lo + 1);
	optind = 1;
	while (!bad && (c = getopt_long(argc, argv, "i:", lo, NULL)) != -1) {
		if (c == 'i')
			ifname = optarg;
		else if (c == 'F' && (bad = (secs = duration(optarg)) < 0))
			log_msg("invalid --for %s (seconds, or 60s, 2m, 1h)", optarg);
		else if (c != 'F')
			bad = c == '?' || flow_opts_take(&fo, c, optarg) <= 0;
	}
	if (bad || optind != argc) {
		fprintf(stderr,
			"usage: xdpspy audit [-i IF] [--for DURATION (60s, 2m)] [--process]\n");
		return XS_EXIT_ERR;
	}
	if (!ifname && flowtools_pick_if(picked, sizeof(picked)) == 0)
		ifname = picked;
	if (!ifname) {
		log_msg("no interface to audit (-i IF)");
		return XS_EXIT_ERR;
	}
	if ((rc = flowtools_open(ifname, true, &fo, &src)))
		return rc;
	if (secs < 0)
		secs = src.own ? 60 : 0;
	if (secs > 0)
		wait_for(secs);
	a = calloc(1, sizeof(*a));
	rc = a ? report(a, &src, secs) : XS_EXIT_ERR;
	free(a);
	flow_src_close(&src);
	return rc;
}
