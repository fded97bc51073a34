// SPDX-License-Identifier: GPL-2.0-only
/*
 * Subcommands for always-on counting: `attach IF` (a counters-only program, pinned, left
 * running), `stats [IF]` (the pinned counters as text, JSON or Prometheus), `detach IF`,
 * `list`. They work on bpffs pins alone, so they need no xdpspy process to be running.
 */
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "counters_user.h"
#include "counting.h"
#include "detect_opts.h"
#include "exit_codes.h"
#include "hook.h"
#include "loader.h"
#include "log.h"
#include "pins.h"
#include "subcmd.h"
#include "flowtools.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int need_caps(void)
{
	char missing[128];

	if (loader_missing_caps(missing, sizeof(missing)) > 0) {
		log_msg("this needs %s", missing);
		return XS_EXIT_PRIVS;
	}
	return XS_EXIT_OK;
}

static int cmd_attach(const char *ifname, enum ingress_hook hook, const struct flow_opts *fo)
{
	struct attach_info ai = {0};
	struct loader *l = NULL;
	char path[256];
	int err, rc;

	if (!if_nametoindex(ifname)) {
		log_msg("%s: No such device exists", ifname);
		return XS_EXIT_ERR;
	}
	if ((rc = need_caps()))
		return rc;
	if (pins_exist(ifname)) {
		err = pins_trusted(ifname);
		if (err) {
			log_msg("%s: cannot pin: %s", ifname, pins_error(err));
			return XS_EXIT_ERR;
		}
		log_msg("%s: xdpspy is already attached here (%s/%s)", ifname, XS_PIN_ROOT, ifname);
		return XS_EXIT_BUSY;
	}
	if ((rc = counting_attach(ifname, hook, fo, &l, &ai)))
		return rc;
	rc = XS_EXIT_ERR;
	err = pins_create(ifname);
	if (!err)
		err = pins_path(path, sizeof(path), ifname, "stats");
	if (!err)
		err = loader_pin_stats(l, path);
	if (!err)
		err = loader_pin_flows(l, ifname);
	if (!err)
		err = loader_pin_links(l, ifname);
	if (err) {
		log_msg("%s: cannot pin under %s: %s", ifname, XS_PIN_ROOT, pins_error(err));
		pins_remove(ifname);
		goto out;
	}
	printf("%s: counting%s%s; `xdpspy stats %s` reads, `xdpspy detach %s` removes\n", ifname,
	       fo->on ? " with the flow table" : "", ai.xdp_generic ? " (generic XDP)" : "", ifname,
	       ifname);
	rc = XS_EXIT_OK;
out:
	loader_close(l); /* the pinned links keep the programs attached */
	return rc;
}

static int cmd_detach(const char *ifname)
{
	int ifindex = (int)if_nametoindex(ifname), rc, err;

	if ((rc = need_caps()))
		return rc;
	if (!pins_exist(ifname)) {
		log_msg("%s: xdpspy is not attached here", ifname);
		return XS_EXIT_ERR;
	}
	/* Removing the link pins drops the last references: the kernel detaches the programs. */
	if ((err = pins_remove(ifname))) {
		log_msg("%s: cannot remove %s/%s: %s", ifname, XS_PIN_ROOT, ifname,
			pins_error(err));
		return XS_EXIT_ERR;
	}
	if (ifindex)
		loader_remove_stale_clsact(ifindex);
	return XS_EXIT_OK;
}

static int list_one(const char *ifname, void *ctx)
{
	bool *untrusted = ctx;
	int err = pins_trusted(ifname);
	const char *flows;

	if (err) {
		log_msg("%s: %s", ifname, pins_error(err));
		*untrusted = true;
		return 0;
	}
	flows = pins_has(ifname, loader_flow_pin[LFM_FLOWS]) ? ", flow table" : "";
	if (!pins_link_exists(ifname))
		printf("%s\tlive capture%s\n", ifname, flows);
	else
		printf("%s\tcounters-only (attach), ingress at %s%s\n", ifname,
		       pins_has(ifname, XS_PIN_INGRESS_LINK) ? "TC" : "XDP", flows);
	return 0;
}

static int cmd_list(void)
{
	bool untrusted = false;
	int err = pins_for_each(list_one, &untrusted);

	if (err < 0)
		log_msg("%s", pins_error(err));
	return err || untrusted ? XS_EXIT_ERR : XS_EXIT_OK;
}

struct stats_run {
	enum counters_format fmt;
	const char *textfile_dir;
	const char *only; /* one interface, or NULL for all */
	double secs;
	int found;
};

/* Writes DIR/xdpspy_IF.prom through a temporary file and a rename: never seen half-written. */
static int write_textfile(const char *dir, const char *ifname, const struct xs_counters *c)
{
	char tmp[512], path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/xdpspy_%s.prom", dir, ifname);
	snprintf(tmp, sizeof(tmp), "%s/.xdpspy_%s.prom.%d", dir, ifname, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return -errno;
	counters_print(f, CF_PROMETHEUS, ifname, c, NULL, 0);
	if (fclose(f) || rename(tmp, path)) {
		int err = -errno;

		unlink(tmp);
		return err;
	}
	return 0;
}

struct snapshot {
	char ifname[IF_NAMESIZE + 1];
	struct xs_counters c;
};

struct snapshots {
	struct snapshot s[64];
	int n;
	const char *only;
};

static int take_one(const char *ifname, void *ctx)
{
	static bool said; /* an untrusted directory, once per run, not at every refresh */
	struct snapshots *ss = ctx;
	int err;

	if ((ss->only && strcmp(ss->only, ifname) != 0) || ss->n >= 64)
		return 0;
	snprintf(ss->s[ss->n].ifname, sizeof(ss->s[ss->n].ifname), "%s", ifname);
	err = counters_read_pinned(ifname, &ss->s[ss->n].c);
	if (!err)
		ss->n++;
	else if (err == -EPERM && !said) {
		log_msg("%s: %s", ifname, pins_error(err));
		said = true;
	}
	return 0;
}

static int print_snapshots(const struct stats_run *sr, const struct snapshots *now,
			   const struct snapshots *prev)
{
	if (sr->fmt == CF_PROMETHEUS && !sr->textfile_dir) {
		const char *names[64];
		const struct xs_counters *cs[64];

		for (int i = 0; i < now->n; i++) {
			names[i] = now->s[i].ifname;
			cs[i] = &now->s[i].c;
		}
		counters_print_prom(stdout, now->n, names, cs);
		fflush(stdout);
		return XS_EXIT_OK;
	}
	for (int i = 0; i < now->n; i++) {
		const struct xs_counters *p = NULL;

		for (int j = 0; prev && j < prev->n; j++)
			if (!strcmp(prev->s[j].ifname, now->s[i].ifname))
				p = &prev->s[j].c;
		if (sr->textfile_dir) {
			int err = write_textfile(sr->textfile_dir, now->s[i].ifname, &now->s[i].c);

			if (err) {
				log_msg("%s: cannot write the textfile: %s", sr->textfile_dir,
					strerror(-err));
				return XS_EXIT_ERR;
			}
		} else {
			counters_print(stdout, sr->fmt, now->s[i].ifname, &now->s[i].c, p,
				       p ? sr->secs : 0);
		}
	}
	fflush(stdout);
	return XS_EXIT_OK;
}

static int cmd_stats(int argc, char **argv)
{
	static const struct option lo[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"prometheus", no_argument, NULL, 'P'},
	    {"interval", required_argument, NULL, 'I'},
	    {"textfile", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	struct stats_run sr = {.fmt = CF_TEXT};
	struct snapshots *now, *prev;
	int c, rc = XS_EXIT_OK, err;
	double interval = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'j':
			sr.fmt = CF_JSON;
			break;
		case 'P':
			sr.fmt = CF_PROMETHEUS;
			break;
		case 'I':
			interval = strtod(optarg, NULL);
			if (interval <= 0) {
				log_msg("invalid interval %s", optarg);
				return XS_EXIT_ERR;
			}
			break;
		case 'T':
			sr.textfile_dir = optarg;
			sr.fmt = CF_PROMETHEUS;
			break;
		default:
			fprintf(stderr, "usage: xdpspy stats [IF] [--json|--prometheus] "
					"[--interval S] [--textfile DIR]\n");
			return XS_EXIT_ERR;
		}
	}
	if (optind < argc)
		sr.only = argv[optind];
	if ((rc = need_caps()))
		return rc;
	now = calloc(1, sizeof(*now));
	prev = calloc(1, sizeof(*prev));
	if (!now || !prev) {
		free(now);
		free(prev);
		return XS_EXIT_ERR;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	sr.secs = interval;
	now->only = prev->only = sr.only;
	err = pins_for_each(take_one, now);
	if (err < 0)
		log_msg("%s", pins_error(err));
	if (!now->n) {
		log_msg("no counters pinned%s%s under %s", sr.only ? " for " : "",
			sr.only ? sr.only : "", XS_PIN_ROOT);
		rc = XS_EXIT_ERR;
	}
	while (rc == XS_EXIT_OK) {
		struct snapshots *t;
		struct timespec ts;

		rc = print_snapshots(&sr, now, prev->n ? prev : NULL);
		if (rc || interval <= 0 || stop)
			break;
		ts.tv_sec = (time_t)interval;
		ts.tv_nsec = (long)((interval - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		if (stop)
			break;
		t = prev;
		prev = now;
		now = t;
		now->n = 0;
		pins_for_each(take_one, now);
	}
	free(now);
	free(prev);
	return rc;
}

/* `attach IF [--hook H] [--flows] [thresholds]` */
static int attach_args(int argc, char **argv)
{
	static const char *const hooks[] = {"auto", "xdp", "tc", NULL}; /* enum ingress_hook */
	struct option lo[DETECT_NOPTS_SUBCMD + 2] = {{"hook", required_argument, NULL, 'H'}};
	enum ingress_hook hook = HOOK_AUTO;
	struct flow_opts fo;
	int c, r;

	flow_opts_init(&fo);
	flow_opts_long_subcmd(lo + 1);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'H') {
			int h = 0;

			while (hooks[h] && strcmp(optarg, hooks[h]) != 0)
				h++;
			if (!hooks[h]) {
				log_msg("invalid hook (auto, xdp or tc): %s", optarg);
				return XS_EXIT_ERR;
			}
			hook = (enum ingress_hook)h;
			continue;
		}
		r = c == '?' ? 0 : flow_opts_take(&fo, c, optarg);
		if (r < 0)
			return XS_EXIT_ERR;
		if (!r) {
			optind =
			    argc + 1; /* the usage below: getopt must not read past argv's end */
			break;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr,
			"usage: xdpspy attach IF [--hook auto|xdp|tc] [--flows] [--process] "
			"[--flow-entries N] [detector thresholds: xdpspy --help]\n");
		return XS_EXIT_ERR;
	}
	return cmd_attach(argv[optind], hook, &fo);
}

int subcmd_run(int argc, char **argv)
{
	const char *cmd = argv[1];

	if (!strcmp(cmd, "stats"))
		return cmd_stats(argc - 1, argv + 1);
	if (!strcmp(cmd, "list"))
		return cmd_list();
	if (!strcmp(cmd, "attach"))
		return attach_args(argc - 1, argv + 1);
	if (!strcmp(cmd, "top"))
		return top_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "watch"))
		return watch_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "flows"))
		return flows_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "audit"))
		return audit_run(argc - 1, argv + 1);
	if (argc != 3) {
		fprintf(stderr, "usage: xdpspy %s IF\n", cmd);
		return XS_EXIT_ERR;
	}
	return cmd_detach(argv[2]);
}

int subcmd_is(const char *word)
{
	static const char *const cmds[] = {"attach", "detach", "stats", "list",
					   "top",    "watch",  "flows", "audit"};

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(word, cmds[i]))
			return 1;
	return 0;
}
