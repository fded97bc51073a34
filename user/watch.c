// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xdpspy watch [-i IF] [--json] [--interval S]`: one line per detector alarm as it starts,
 * with its evidence, and one as it ends, with its peak and how long it lasted; one per login
 * seen in clear text (the verdicts, include/verdict.h); --json as JSON lines. Without -i, every interface with a flow table pinned; with -i on an interface where
 * nothing is attached, it attaches its own for as long as it runs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "exit_codes.h"
#include "flowowner.h"
#include "flowtools.h"
#include "grow.h"
#include "log.h"
#include "pins.h"
#include "verdictfmt.h"

#define MAX_IFS 64

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* An alarm under way: as last seen, at its peak, since when. */
struct ongoing {
	struct alarm now, peak;
	uint64_t since_ns;
	bool seen; /* still active at this poll */
};

struct watched {
	struct flow_src src;
	struct ongoing *on;
	size_t n, cap;
	struct map_copy told; /* the flows whose cleartext login was said (keys only) */
};

struct watch {
	struct watched ifs[MAX_IFS];
	int nifs;
	bool json;
	double interval;
};

static void stamp(char *buf, size_t len, bool iso)
{
	struct timeval tv;
	struct tm tm;
	char s[32];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(s, sizeof(s), iso ? "%Y-%m-%dT%H:%M:%S" : "%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03d", s, (int)(tv.tv_usec / 1000) % 1000);
}

/* One line: an alarm starting (o->now) or ending (o->peak, after how long). */
static void say(const struct watch *w, const char *ifname, const struct ongoing *o, bool end,
		uint64_t now)
{
	char when[64], title[128], ev[160];
	double secs = (double)(now - o->since_ns) / 1e9;

	stamp(when, sizeof(when), w->json);
	if (w->json) {
		printf("{\"time\":\"%s\",\"interface\":\"%s\",\"event\":\"%s\",", when, ifname,
		       end ? "end" : "start");
		alarm_json(stdout, end ? &o->peak : &o->now);
		if (end)
			printf(",\"duration_s\":%.3f", secs);
		puts("}");
	} else {
		alarm_title(title, sizeof(title), end ? &o->peak : &o->now);
		alarm_evidence(ev, sizeof(ev), end ? &o->peak : &o->now);
		if (end)
			printf("%s %s: end of %s after %.1f s; at its peak %s\n", when, ifname,
			       title, secs, ev);
		else
			printf("%s %s: %s: %s\n", when, ifname, title, ev);
	}
	fflush(stdout);
}

static struct ongoing *find(struct watched *wi, const struct alarm *a)
{
	for (size_t i = 0; i < wi->n; i++)
		if (alarm_same(&wi->on[i].now, a))
			return &wi->on[i];
	return NULL;
}

static int start(struct watch *w, struct watched *wi, const struct alarm *a, uint64_t now)
{
	struct ongoing *grown = grow_for(wi->on, wi->n, &wi->cap, sizeof(*grown), 16);
	struct ongoing *o;

	if (!grown)
		return -ENOMEM;
	wi->on = grown;
	o = &wi->on[wi->n++];
	*o = (struct ongoing){.now = *a, .peak = *a, .since_ns = now, .seen = true};
	say(w, wi->src.ifname, o, false, now);
	return 0;
}

/* A flow's cleartext login, said once: "cleartext login: POP3 USER/PASS from 10.0.0.2 to
 * 10.0.0.1.110 (fetchmail, pid 812)": the local program behind the flow, where the table knows
 * it (filled by a capture with --flows --process); nothing when not. */
static void say_login(const struct watch *w, const char *ifname, const struct xs_flow_key *k,
		      const struct xs_flow *f, int dir)
{
	char when[64], what[48], from[64], to[64], to_addr[64], owner[128];
	unsigned port = ntohs(k->port[!dir]);

	stamp(when, sizeof(when), w->json);
	verdict_login_text(what, sizeof(what), f, dir, port);
	fmt_addr(from, sizeof(from), k->addr[dir]);
	fmt_endpoint(to, sizeof(to), k->addr[!dir], k->port[!dir], true);
	flow_owner_suffix(owner, sizeof(owner), f);
	if (w->json) {
		fmt_addr(to_addr, sizeof(to_addr), k->addr[!dir]);
		printf("{\"time\":\"%s\",\"interface\":\"%s\",\"event\":\"start\","
		       "\"alarm\":\"cleartext_login\",\"login\":\"%s\",\"from\":\"%s\","
		       "\"to\":\"%s\",\"port\":%u",
		       when, ifname, what, from, to_addr, port);
		flow_owner_json(stdout, f, dir); /* the login's sender: the client */
		puts("}");
	} else {
		printf("%s %s: cleartext login: %s from %s to %s%s\n", when, ifname, what, from, to,
		       owner);
	}
	fflush(stdout);
}

static bool told_of(const struct map_copy *told, const struct xs_flow_key *k)
{
	for (size_t i = 0; i < told->n; i++)
		if (!memcmp((const struct xs_flow_key *)told->keys + i, k, sizeof(*k)))
			return true;
	return false;
}

static int tell_of(struct map_copy *told, const struct xs_flow_key *k)
{
	void *grown = grow_for(told->keys, told->n, &told->cap, sizeof(*k), 16);

	if (!grown)
		return -ENOMEM;
	told->keys = grown;
	((struct xs_flow_key *)told->keys)[told->n++] = *k;
	return 0;
}

/* The flow table's logins in clear text not said yet. Flows gone from the table are
 * forgotten, so a new connection on the same ports is said again. */
static int poll_logins(struct watch *w, struct watched *wi)
{
	struct map_copy flows = {0}, still = {0};
	int err = flow_src_read(&wi->src, LFM_FLOWS, &flows);

	for (size_t i = 0; !err && i < flows.n; i++) {
		const struct xs_flow_key *k = (const struct xs_flow_key *)flows.keys + i;
		const struct xs_flow *f = (const struct xs_flow *)flows.vals + i;
		int dir = verdict_login_dir(f);

		if (dir < 0)
			continue;
		if (!told_of(&wi->told, k))
			say_login(w, wi->src.ifname, k, f, dir);
		err = tell_of(&still, k);
	}
	free(wi->told.keys);
	wi->told = still;
	map_copy_free(&flows);
	return err;
}

/* One poll of one interface: alarms that began, went on, ended. */
static int poll_if(struct watch *w, struct watched *wi)
{
	struct map_copy sources = {0}, services = {0};
	struct alarm_list l = {0};
	uint64_t now = flow_now_ns();
	int err = flow_src_read(&wi->src, LFM_SOURCES, &sources);

	if (!err)
		err = flow_src_read(&wi->src, LFM_SERVICES, &services);
	if (!err)
		err = alarms_collect(&sources, &services, &wi->src.cfg, now, &l);
	for (size_t i = 0; i < wi->n; i++)
		wi->on[i].seen = false;
	for (size_t i = 0; !err && i < l.n; i++) {
		struct ongoing *o = find(wi, &l.a[i]);

		if (!o) {
			err = start(w, wi, &l.a[i], now);
			continue;
		}
		o->now = l.a[i];
		o->seen = true;
		if (alarm_magnitude(&l.a[i]) > alarm_magnitude(&o->peak))
			o->peak = l.a[i];
	}
	for (size_t i = 0; !err && i < wi->n; i++)
		if (!wi->on[i].seen) {
			say(w, wi->src.ifname, &wi->on[i], true, now);
			wi->on[i--] = wi->on[--wi->n];
		}
	map_copy_free(&sources);
	map_copy_free(&services);
	alarm_list_free(&l);
	return err ? err : poll_logins(w, wi);
}

static int add_pinned(const char *ifname, void *ctx)
{
	struct watch *w = ctx;

	if (w->nifs < MAX_IFS && !flow_src_open_pinned(&w->ifs[w->nifs].src, ifname))
		w->nifs++;
	return 0;
}

/* One option; false if it is none of ours or its value is bad. */
static bool take(struct watch *w, struct flow_opts *fo, const char **ifname, int c, const char *arg)
{
	switch (c) {
	case 'i':
		*ifname = arg;
		return true;
	case 'j':
		w->json = true;
		return true;
	case 'I':
		w->interval = strtod(arg, NULL);
		return w->interval >= 0.05;
	default:
		return c != '?' && flow_opts_take(fo, c, arg) > 0;
	}
}

static int parse(struct watch *w, struct flow_opts *fo, const char **ifname, int argc, char **argv)
{
	struct option lo[DETECT_NOPTS_SUBCMD + 3] = {{"json", no_argument, NULL, 'j'},
						     {"interval", required_argument, NULL, 'I'}};
	int c;

	flow_opts_long_subcmd(lo + 2);
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:", lo, NULL)) != -1)
		if (!take(w, fo, ifname, c, optarg)) {
			optind =
			    argc + 1; /* the usage below: getopt must not read past argv's end */
			break;
		}
	if (optind != argc) {
		fprintf(stderr,
			"usage: xdpspy watch [-i IF] [--json] [--interval S] [--process]\n");
		return XS_EXIT_ERR;
	}
	return XS_EXIT_OK;
}

static int loop(struct watch *w)
{
	int err = 0;

	while (!stop && !err) {
		struct timespec ts = {(time_t)w->interval,
				      (long)((w->interval - (double)(time_t)w->interval) * 1e9)};

		for (int i = 0; i < w->nifs && !err; i++)
			err = poll_if(w, &w->ifs[i]);
		if (!err)
			nanosleep(&ts, NULL);
	}
	if (err)
		log_msg("reading the detectors' maps: %s", strerror(-err));
	return err ? XS_EXIT_ERR : XS_EXIT_OK;
}

int watch_run(int argc, char **argv)
{
	struct watch *w = calloc(1, sizeof(*w));
	const char *ifname = NULL;
	struct flow_opts fo;
	int rc;

	if (!w)
		return XS_EXIT_ERR;
	w->interval = 0.25;
	flow_opts_init(&fo);
	rc = parse(w, &fo, &ifname, argc, argv);
	if (!rc && ifname) {
		rc = flowtools_open(ifname, true, &fo, &w->ifs[0].src);
		w->nifs = !rc;
	} else if (!rc) {
		pins_for_each(add_pinned, w);
		if (!w->nifs) {
			log_msg("no flow table pinned (`xdpspy attach IF --flows`, or -i IF)");
			rc = XS_EXIT_ERR;
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!rc)
		rc = loop(w);
	for (int i = 0; i < w->nifs; i++) {
		flow_src_close(&w->ifs[i].src);
		free(w->ifs[i].on);
		free(w->ifs[i].told.keys);
	}
	free(w);
	return rc;
}
