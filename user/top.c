// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xdpspy top [-i IF] [options] [expression]`: the busiest flows of IF's flow table, refreshed
 * in place on a terminal (like top), as plain blocks of lines elsewhere. Keys on a terminal:
 * r p b k t x a sort by rate, packet rate, bytes, packets, RTT, retransmissions, age; s the
 * next sort; q quits. It reads the pinned table (`attach --flows`, a capture with --flows); on
 * an interface where nothing is attached it attaches its own for as long as it runs.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "exit_codes.h"
#include "flowtools.h"
#include "log.h"

static volatile sig_atomic_t stop, resized;

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		resized = 1;
	else
		stop = 1;
}

struct top {
	const char *ifname;
	double delay; /* seconds between refreshes */
	long iterations; /* 0: until stopped */
	size_t rows; /* plain: flows per block */
	enum flow_sort sort;
	bool tty;
	struct flowfilter *filter;
	struct flow_src src;
	struct flow_snap snap[2]; /* the latest and the one before */
	int cur;
	struct termios saved;
};

static const char keys[FS_COUNT] = {'r', 'p', 'b', 'k', 't', 'x', 'a'};

static int usage(void)
{
	fprintf(stderr, "usage: xdpspy top [-i IF] [-d SECONDS] [-s rate|pps|bytes|packets|rtt|"
			"retrans|age] [-n ITERATIONS] [--rows N] [--process] [expression]\n");
	return XS_EXIT_ERR;
}

/* One option; false if it is none of ours or its value is bad. */
static bool take(struct top *t, struct flow_opts *fo, int c, const char *arg)
{
	int sort;

	switch (c) {
	case 'i':
		t->ifname = arg;
		return true;
	case 'd':
		t->delay = strtod(arg, NULL);
		return t->delay >= 0.1;
	case 's':
		sort = flow_sort_parse(arg);
		if (sort >= 0)
			t->sort = (enum flow_sort)sort;
		return sort >= 0;
	case 'n':
		t->iterations = strtol(arg, NULL, 10);
		return t->iterations > 0;
	case 'R':
		t->rows = (size_t)strtoul(arg, NULL, 10);
		return t->rows > 0;
	default:
		return c != '?' && flow_opts_take(fo, c, arg) > 0;
	}
}

static int parse(struct top *t, struct flow_opts *fo, int argc, char **argv, char ***expr,
		 int *nexpr)
{
	struct option lo[DETECT_NOPTS_SUBCMD + 2] = {{"rows", required_argument, NULL, 'R'}};
	int c;

	flow_opts_long_subcmd(lo + 1);
	optind = 1;
	while ((c = getopt_long(argc, argv, "+i:d:s:n:", lo, NULL)) != -1)
		if (!take(t, fo, c, optarg))
			return usage();
	*expr = argv + optind;
	*nexpr = argc - optind;
	return XS_EXIT_OK;
}

static void tty_enter(struct top *t)
{
	struct termios raw;

	tcgetattr(STDIN_FILENO, &t->saved);
	raw = t->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	fputs("\033[?1049h\033[?25l", stdout); /* the alternate screen, no cursor */
}

static void tty_leave(struct top *t)
{
	fputs("\033[?25h\033[?1049l", stdout);
	fflush(stdout);
	tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
}

static void screen_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

/* One screen or block: header, the sort, the table. */
static void render(struct top *t, FILE *f, size_t rows, int max_flow_width)
{
	const struct flow_snap *s = &t->snap[t->cur], *prev = &t->snap[!t->cur];

	flow_render_header(f, "top", &t->src, s, prev->t_ns ? prev : NULL, 3);
	fprintf(f, "%zu flows%s, sorted by %s", s->nv, t->filter ? " passing the filter" : "",
		flow_sort_names[t->sort]);
	if (t->tty)
		fputs(" (keys: r rate, p pkt/s, b bytes, k packets, t RTT, x retransmits, a age, s "
		      "next; q quits)",
		      f);
	fputs("\n\n", f);
	flow_render_rows(f, s, rows, max_flow_width);
}

/* The screen redrawn in place: each line cut to the width, the rest cleared. */
static void draw(struct top *t)
{
	char *text = NULL, *line, *end;
	size_t len = 0;
	int rows, cols, header = 7;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	screen_size(&rows, &cols);
	render(t, f, rows > header ? (size_t)(rows - header) : 0,
	       cols > flow_render_fixed_width() + 20 ? cols - flow_render_fixed_width() : 20);
	fclose(f);
	fputs("\033[H", stdout);
	/* The last line without its newline: a full screen must not scroll. */
	for (line = text; *line && rows > 0; line = end + 1, rows--) {
		end = strchr(line, '\n');
		if (!end)
			break;
		printf("%.*s\033[K%s", (int)(end - line) < cols ? (int)(end - line) : cols, line,
		       rows > 1 ? "\n" : "");
	}
	fputs("\033[J", stdout);
	fflush(stdout);
	free(text);
}

static int refresh(struct top *t)
{
	int err;

	t->cur = !t->cur;
	flow_snap_free(&t->snap[t->cur]);
	err = flow_snap_take(&t->snap[t->cur], &t->src, &t->snap[!t->cur], t->filter);
	if (err) {
		log_msg("%s: reading the flow table: %s", t->src.ifname, strerror(-err));
		return XS_EXIT_ERR;
	}
	flow_snap_sort(&t->snap[t->cur], t->sort);
	return XS_EXIT_OK;
}

/* A key pressed: a new order (re-sorted at once), or quit. */
static void key(struct top *t, char c)
{
	if (c == 'q')
		stop = 1;
	else if (c == 's')
		t->sort = (enum flow_sort)((t->sort + 1) % FS_COUNT);
	for (int i = 0; i < FS_COUNT; i++)
		if (c == keys[i])
			t->sort = (enum flow_sort)i;
	flow_snap_sort(&t->snap[t->cur], t->sort);
}

/* Waits for the next refresh, taking keys meanwhile (a key redraws at once). */
static void wait_next(struct top *t)
{
	int64_t deadline = (int64_t)flow_now_ns() + (int64_t)(t->delay * 1e9);
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	while (!stop) {
		int64_t left = deadline - (int64_t)flow_now_ns();
		char c;

		if (left <= 0)
			return;
		if (poll(&p, t->tty ? 1 : 0, (int)(left / 1000000) + 1) <= 0) {
			if (resized && t->tty) {
				resized = 0;
				draw(t);
			}
			continue;
		}
		if (read(STDIN_FILENO, &c, 1) == 1) {
			key(t, c);
			draw(t);
		}
	}
}

static int loop(struct top *t)
{
	int rc = XS_EXIT_OK;

	for (long i = 0; !stop && (!t->iterations || i < t->iterations); i++) {
		if (i)
			wait_next(t);
		if (stop || (rc = refresh(t)))
			break;
		if (t->tty) {
			draw(t);
		} else {
			render(t, stdout, t->rows, 0);
			putchar('\n');
			fflush(stdout);
		}
	}
	return rc;
}

int top_run(int argc, char **argv)
{
	struct top t = {.delay = 1, .rows = 20, .sort = FS_RATE};
	char ifname[IF_NAMESIZE + 1], **expr;
	struct flow_opts fo;
	int rc, nexpr;

	flow_opts_init(&fo);
	if ((rc = parse(&t, &fo, argc, argv, &expr, &nexpr)))
		return rc;
	if (!t.ifname && flowtools_pick_if(ifname, sizeof(ifname))) {
		log_msg("no interface to watch (use -i)");
		return XS_EXIT_ERR;
	}
	if (nexpr && !(t.filter = flowfilter_new(expr, nexpr)))
		return XS_EXIT_ERR;
	if ((rc = flowtools_open(t.ifname ? t.ifname : ifname, true, &fo, &t.src))) {
		flowfilter_free(t.filter);
		return rc;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGWINCH, on_signal);
	t.tty = isatty(STDOUT_FILENO) && isatty(STDIN_FILENO);
	if (t.tty)
		tty_enter(&t);
	rc = loop(&t);
	if (t.tty)
		tty_leave(&t);
	flow_snap_free(&t.snap[0]);
	flow_snap_free(&t.snap[1]);
	flow_src_close(&t.src);
	flowfilter_free(t.filter);
	return rc;
}
