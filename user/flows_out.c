// SPDX-License-Identifier: GPL-2.0-only
/* `xdpspy flows` output: text, JSON objects, Prometheus (flows_out.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "counters_user.h"
#include "exit_codes.h"
#include "flowowner.h"
#include "flows_out.h"
#include "log.h"
#include "verdictfmt.h"

#define PROM_TOP 10 /* flows exported without --top */

static void json_dir(FILE *f, const char *name, const struct xs_flow_dir *d)
{
	fprintf(f,
		"\"%s\":{\"packets\":%llu,\"bytes\":%llu,\"retransmits\":%u,\"out_of_order\":%u,"
		"\"dup_acks\":%u,\"zero_windows\":%u,\"tcp_flags\":%u}",
		name, (unsigned long long)d->packets, (unsigned long long)d->bytes, d->retransmits,
		d->out_of_order, d->dup_acks, d->zero_windows, d->tcp_flags);
}

static void json_ms(FILE *f, const char *name, int64_t ns)
{
	if (ns < 0)
		fprintf(f, ",\"%s\":null", name);
	else
		fprintf(f, ",\"%s\":%.3f", name, (double)ns / 1e6);
}

static void json_flow(FILE *f, const struct flow_view *v, uint64_t now)
{
	char c[64], s[64], num[8];
	int cl = v->client;

	fmt_addr(c, sizeof(c), v->k->addr[cl]);
	fmt_addr(s, sizeof(s), v->k->addr[!cl]);
	fprintf(f,
		"{\"proto\":\"%s\",\"client\":\"%s\",\"client_port\":%u,\"server\":\"%s\","
		"\"server_port\":%u,\"vlan\":%u,\"state\":\"%s\",\"state_bits\":%u,"
		"\"age_s\":%.3f,\"idle_s\":%.3f,\"bytes_per_s\":%.1f,\"packets_per_s\":%.1f",
		fmt_proto(v->k->proto, num, sizeof(num)), c, ntohs(v->k->port[cl]), s,
		ntohs(v->k->port[!cl]), v->k->vlan, fmt_state(v), v->f->state,
		(double)(now - v->f->first_ns) / 1e9,
		now > v->f->last_ns ? (double)(now - v->f->last_ns) / 1e9 : 0, v->byte_rate,
		v->pkt_rate);
	json_ms(f, "syn_synack_ms", v->syn_synack_ns);
	json_ms(f, "synack_ack_ms", v->synack_ack_ns);
	json_ms(f, "rtt_ms", flow_view_rtt_ns(v));
	fputc(',', f);
	json_dir(f, "to_server", &v->f->dir[cl]);
	fputc(',', f);
	json_dir(f, "to_client", &v->f->dir[!cl]);
	flow_owner_json(f, v->f, cl);
	fputc(',', f);
	verdict_json(f, v->f, cl, ntohs(v->k->port[!cl]));
	fputc('}', f);
}

static void json_one(FILE *f, const struct flows_run *r, int i)
{
	const struct flow_snap *s = &r->snap[r->cur][i];
	size_t n = r->top > 0 && (size_t)r->top < s->nv ? (size_t)r->top : s->nv;

	fprintf(f, "{\"interface\":\"%s\",\"flow_entries\":%u,\"flows_tracked\":%zu,\"alarms\":[",
		r->src[i].ifname, r->src[i].cfg.flow_entries, s->flows.n);
	for (size_t a = 0; a < s->alarms.n; a++) {
		fputs(a ? ",{" : "{", f);
		alarm_json(f, &s->alarms.a[a]);
		fputc('}', f);
	}
	fputs("],\"flows\":[", f);
	for (size_t k = 0; k < n; k++) {
		if (k)
			fputc(',', f);
		json_flow(f, &s->v[k], s->t_ns);
	}
	fputs("]}\n", f);
}

/* One gauge family over every interface (or the one, ifs[only]). */
static void prom_gauge_head(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP xdpspy_%s %s\n# TYPE xdpspy_%s gauge\n", name, help, name);
}

static void prom_flow_labels(FILE *f, const char *ifname, size_t rank, const struct flow_view *v)
{
	char c[64], s[64], num[8];
	int cl = v->client;

	fmt_endpoint(c, sizeof(c), v->k->addr[cl], v->k->port[cl], true);
	fmt_endpoint(s, sizeof(s), v->k->addr[!cl], v->k->port[!cl], true);
	fprintf(f, "{interface=\"%s\",rank=\"%zu\",proto=\"%s\",client=\"%s\",server=\"%s\"}",
		ifname, rank, fmt_proto(v->k->proto, num, sizeof(num)), c, s);
}

enum top_metric { TM_BYTES, TM_PACKETS, TM_RETRANS, TM_RTT, TM_COUNT };

static void prom_top(FILE *f, const struct flows_run *r, int from, int to, enum top_metric m)
{
	static const char *const names[TM_COUNT][2] = {
	    {"top_flow_bytes", "Bytes of the busiest flows, both ways (rank 1: the busiest)."},
	    {"top_flow_packets", "Packets of the busiest flows, both ways."},
	    {"top_flow_retransmits", "TCP retransmissions of the busiest flows, both ways."},
	    {"top_flow_handshake_rtt_seconds", "The busiest flows' handshake round trip."}};
	size_t want = r->top > 0 ? (size_t)r->top : PROM_TOP;

	prom_gauge_head(f, names[m][0], names[m][1]);
	for (int i = from; i < to; i++) {
		const struct flow_snap *s = &r->snap[r->cur][i];

		for (size_t k = 0; k < s->nv && k < want; k++) {
			const struct flow_view *v = &s->v[k];
			double val = m == TM_BYTES     ? (double)v->bytes
				     : m == TM_PACKETS ? (double)v->packets
				     : m == TM_RETRANS ? v->retransmits
						       : (double)flow_view_rtt_ns(v) / 1e9;

			if (m == TM_RTT && flow_view_rtt_ns(v) < 0)
				continue;
			fprintf(f, "xdpspy_%s", names[m][0]);
			prom_flow_labels(f, r->src[i].ifname, k + 1, v);
			fprintf(f, " %.9g\n", val);
		}
	}
}

/* The flow table's own families for interfaces from..to-1 (counters first). */
static void prom(FILE *f, const struct flows_run *r, int from, int to)
{
	const char *names[FLOWS_MAX_IFS] = {0};
	const struct xs_counters *cs[FLOWS_MAX_IFS] = {0};

	for (int i = from; i < to; i++) {
		names[i - from] = r->src[i].ifname;
		cs[i - from] = &r->snap[r->cur][i].counters;
	}
	counters_print_prom(f, to - from, names, cs);
	prom_gauge_head(f, "flow_table_flows", "Flows in the flow table.");
	for (int i = from; i < to; i++)
		fprintf(f, "xdpspy_flow_table_flows{interface=\"%s\"} %zu\n", r->src[i].ifname,
			r->snap[r->cur][i].flows.n);
	prom_gauge_head(f, "flow_table_size", "Flows the flow table holds at most.");
	for (int i = from; i < to; i++)
		fprintf(f, "xdpspy_flow_table_size{interface=\"%s\"} %u\n", r->src[i].ifname,
			r->src[i].cfg.flow_entries);
	prom_gauge_head(f, "alarms_active", "Detector alarms under way.");
	for (int i = from; i < to; i++)
		for (int k = 0; k < AK_COUNT; k++) {
			const struct alarm_list *l = &r->snap[r->cur][i].alarms;
			unsigned n = 0;

			for (size_t a = 0; a < l->n; a++)
				n += l->a[a].kind == k;
			fprintf(f, "xdpspy_alarms_active{interface=\"%s\",detector=\"%s\"} %u\n",
				r->src[i].ifname, alarm_names[k], n);
		}
	for (int m = 0; m < TM_COUNT; m++)
		prom_top(f, r, from, to, (enum top_metric)m);
}

/* DIR/xdpspy_IF.prom through a temporary file and a rename: never read half-written. */
static int textfile(const struct flows_run *r, int i)
{
	char tmp[512], path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/xdpspy_%s.prom", r->textfile_dir, r->src[i].ifname);
	snprintf(tmp, sizeof(tmp), "%s/.xdpspy_%s.prom.%d", r->textfile_dir, r->src[i].ifname,
		 (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return -errno;
	prom(f, r, i, i + 1);
	if (fclose(f) || rename(tmp, path)) {
		int err = -errno;

		unlink(tmp);
		return err;
	}
	return 0;
}

int flows_print(const struct flows_run *r)
{
	for (int i = 0; r->textfile_dir && i < r->nifs; i++) {
		int err = textfile(r, i);

		if (err) {
			log_msg("%s: cannot write the textfile: %s", r->textfile_dir,
				strerror(-err));
			return XS_EXIT_ERR;
		}
	}
	if (r->fmt == FO_PROMETHEUS && !r->textfile_dir)
		prom(stdout, r, 0, r->nifs);
	for (int i = 0; r->fmt != FO_PROMETHEUS && i < r->nifs; i++) {
		const struct flow_snap *s = &r->snap[r->cur][i], *p = &r->snap[!r->cur][i];

		if (r->fmt == FO_JSON) {
			json_one(stdout, r, i);
			continue;
		}
		flow_render_header(stdout, "flows", &r->src[i], s, p->t_ns ? p : NULL, (size_t)-1);
		putchar('\n');
		flow_render_rows(stdout, s, r->top > 0 ? (size_t)r->top : s->nv, 0);
		putchar('\n');
	}
	fflush(stdout);
	return XS_EXIT_OK;
}
