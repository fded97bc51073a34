// SPDX-License-Identifier: GPL-2.0-only
/* The text a person reads of a flow table: totals, alarms, the busiest flows (flowtools.h). */
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "flowowner.h"
#include "flowtools.h"
#include "verdictfmt.h"

/* The columns after the flow's: head, width. */
static const struct {
	const char *head;
	int width;
} cols[] = {{"STATE", 7}, {"BYTES/S", 8}, {"PKTS/S", 7}, {"BYTES", 7}, {"PKTS", 7}, {"RTT(ms)", 8},
	    {"RETX", 5},  {"OOO", 5},	  {"DUPACK", 6}, {"ZWIN", 5},  {"AGE", 5},  {"VERDICT", 9}};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))
#define PROTO_W 5

int flow_render_fixed_width(void)
{
	int w = PROTO_W + 1;

	for (size_t i = 0; i < NCOLS; i++)
		w += cols[i].width + 1;
	return w;
}

/* "1.20 Mbit/s", "0 pkt/s": an SI prefix before the unit. */
static void with_unit(char *buf, size_t len, double v, const char *unit)
{
	char n[16];
	size_t k;

	fmt_si(n, sizeof(n), v);
	k = strlen(n);
	if (k && n[k - 1] >= 'A') /* a prefix: 1.20M */
		snprintf(buf, len, "%.*s %c%s", (int)k - 1, n, n[k - 1], unit);
	else
		snprintf(buf, len, "%s %s", n, unit);
}

static double per_s(__u64 now, __u64 before, double dt)
{
	return dt > 0 && now >= before ? (double)(now - before) / dt : 0;
}

void flow_render_header(FILE *f, const char *tool, const struct flow_src *src,
			const struct flow_snap *s, const struct flow_snap *prev, size_t max_alarms)
{
	const struct xs_counters *c = &s->counters, *p = prev ? &prev->counters : c;
	double dt = prev ? (double)(s->t_ns - prev->t_ns) / 1e9 : 0;
	char a[32], b[32], d[32], e[32], when[16], line[256];
	time_t t = time(NULL);

	strftime(when, sizeof(when), "%H:%M:%S", localtime(&t));
	fmt_count(a, sizeof(a), (double)s->flows.n);
	fmt_count(b, sizeof(b), src->cfg.flow_entries);
	fmt_si(d, sizeof(d), per_s(c->flows, p->flows, dt));
	fprintf(f, "xdpspy %s: %s at %s, %s flows in the table (%s at most), %s new/s%s\n", tool,
		src->ifname, when, a, b, d, src->own ? " (attached while this runs)" : "");
	with_unit(a, sizeof(a), per_s(c->rx_packets, p->rx_packets, dt), "pkt/s");
	with_unit(b, sizeof(b), 8 * per_s(c->rx_bytes, p->rx_bytes, dt), "bit/s");
	with_unit(d, sizeof(d), per_s(c->tx_packets, p->tx_packets, dt), "pkt/s");
	with_unit(e, sizeof(e), 8 * per_s(c->tx_bytes, p->tx_bytes, dt), "bit/s");
	fprintf(f,
		"rx %s %s, tx %s %s; per second: %.0f handshakes, "
		"%.0f retransmits, %.0f out of order, %.0f dup ACKs, %.0f zero windows\n",
		a, b, d, e, per_s(c->handshakes, p->handshakes, dt),
		per_s(c->retransmits, p->retransmits, dt),
		per_s(c->out_of_order, p->out_of_order, dt), per_s(c->dup_acks, p->dup_acks, dt),
		per_s(c->zero_windows, p->zero_windows, dt));
	if (!s->alarms.n)
		fputs("alarms: none\n", f);
	for (size_t i = 0; i < s->alarms.n && i < max_alarms; i++) {
		alarm_text(line, sizeof(line), &s->alarms.a[i]);
		fprintf(f, "ALARM %s\n", line);
	}
	if (s->alarms.n > max_alarms)
		fprintf(f, "ALARM ... and %zu more\n", s->alarms.n - max_alarms);
}

static void fmt_age(char *buf, size_t len, double s)
{
	if (s < 100)
		snprintf(buf, len, "%.0fs", s);
	else if (s < 6000)
		snprintf(buf, len, "%.0fm", s / 60);
	else
		snprintf(buf, len, "%.0fh", s / 3600);
}

static void render_row(FILE *f, const struct flow_view *v, uint64_t now, int flow_width,
		       bool owners)
{
	char flow[160], num[8], r[8][16], rtt[16], who[40], verdict[16];
	int64_t ns = flow_view_rtt_ns(v);

	fmt_flow(flow, sizeof(flow), v);
	fmt_si(r[0], sizeof(r[0]), v->byte_rate);
	fmt_si(r[1], sizeof(r[1]), v->pkt_rate);
	fmt_si(r[2], sizeof(r[2]), (double)v->bytes);
	fmt_si(r[3], sizeof(r[3]), (double)v->packets);
	fmt_age(r[4], sizeof(r[4]), (double)(now - v->f->first_ns) / 1e9);
	verdict_summary(verdict, sizeof(verdict), v->f, ntohs(v->k->port[!v->client]));
	if (ns >= 0)
		snprintf(rtt, sizeof(rtt), "%.2f", (double)ns / 1e6);
	else
		snprintf(rtt, sizeof(rtt), "-");
	fprintf(f, "%-*s %-*.*s %-*s %*s %*s %*s %*s %*s %*u %*u %*u %*u %*s", PROTO_W,
		fmt_proto(v->k->proto, num, sizeof(num)), flow_width, flow_width, flow,
		cols[0].width, fmt_state(v), cols[1].width, r[0], cols[2].width, r[1],
		cols[3].width, r[2], cols[4].width, r[3], cols[5].width, rtt, cols[6].width,
		v->retransmits, cols[7].width, v->out_of_order, cols[8].width, v->dup_acks,
		cols[9].width, v->zero_windows, cols[10].width, r[4]);
	if (owners) {
		flow_owner_cell(who, sizeof(who), v->f);
		fprintf(f, " %-*s %s\n", cols[11].width, verdict, who);
	} else {
		fprintf(f, " %s\n", verdict);
	}
}

void flow_render_rows(FILE *f, const struct flow_snap *s, size_t rows, int max_width)
{
	int flow_width = (int)strlen("CLIENT > SERVER");
	char flow[160];
	bool owners;

	for (size_t i = 0; i < s->nv && i < rows; i++) {
		fmt_flow(flow, sizeof(flow), &s->v[i]);
		if ((int)strlen(flow) > flow_width)
			flow_width = (int)strlen(flow);
	}
	if (max_width && flow_width > max_width)
		flow_width = max_width;
	fprintf(f, "%-*s %-*s", PROTO_W, "PROTO", flow_width, "CLIENT > SERVER");
	for (size_t i = 0; i < NCOLS - 1; i++)
		fprintf(f, i ? " %*s" : " %-*s", cols[i].width, cols[i].head);
	/* The verdict, left-aligned, last; --process: the flows' processes after it, once any
	 * of those shown has one. */
	owners = flow_owner_any(s->v, s->nv < rows ? s->nv : rows);
	if (owners)
		fprintf(f, " %-*s PROCESS\n", cols[NCOLS - 1].width, cols[NCOLS - 1].head);
	else
		fprintf(f, " %s\n", cols[NCOLS - 1].head);
	for (size_t i = 0; i < s->nv && i < rows; i++)
		render_row(f, &s->v[i], s->t_ns, flow_width, owners);
}
