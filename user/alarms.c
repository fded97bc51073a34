// SPDX-License-Identifier: GPL-2.0-only
/* Active alarms and their evidence (alarms.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alarms.h"
#include "flowfmt.h"
#include "grow.h"
#include "lincount.h"

#define MIN_SPAN_S 0.1 /* a window this young still gives a rate over this much */

const char *const alarm_names[AK_COUNT] = {"syn_flood",	   "port_scan", "rst_storm",
					   "stealth_scan", "land",	"martian"};
static const __u32 alarm_bits[AK_COUNT] = {XS_ALARM_SYN_FLOOD, XS_ALARM_PORT_SCAN,
					   XS_ALARM_RST_STORM, XS_ALARM_STEALTH,
					   XS_ALARM_LAND,      XS_ALARM_MARTIAN};

/*
 * The alarm bits active at now for an entry whose window began at start, and the seconds
 * the evidence of each covers: the window under way (*span_now, with the bits in now) or the
 * whole one before.
 */
static __u32 active(uint64_t start, uint64_t window, uint64_t now, __u32 cur, __u32 prev,
		    double *span_now)
{
	uint64_t age = now > start ? now - start : 0;

	*span_now = (double)(age < window ? age : window) / 1e9;
	if (*span_now < MIN_SPAN_S)
		*span_now = MIN_SPAN_S;
	if (age < window)
		return cur | prev;
	return age < 2 * window ? cur : 0;
}

static int push(struct alarm_list *l, const struct alarm *a)
{
	struct alarm *grown = grow_for(l->a, l->n, &l->cap, sizeof(*grown), 16);

	if (!grown)
		return -ENOMEM;
	l->a = grown;
	l->a[l->n++] = *a;
	return 0;
}

static int service_alarms(const struct xs_host_key *k, const struct xs_service *v, uint64_t now,
			  struct alarm_list *out)
{
	double span;
	__u32 bits = active(v->window_start, XS_SERVICE_WINDOW_NS, now, v->now.alarms,
			    v->prev.alarms, &span);
	const struct xs_service_window *w = &v->now;
	struct alarm a = {.kind = AK_SYN_FLOOD, .key = *k};

	if (!(bits & XS_ALARM_SYN_FLOOD))
		return 0;
	if (!(v->now.alarms & XS_ALARM_SYN_FLOOD)) {
		w = &v->prev;
		span = (double)XS_SERVICE_WINDOW_NS / 1e9;
	}
	a.window_s = span;
	a.count = w->syns;
	a.rate = w->syns / span;
	a.completed_pct = w->syns ? 100.0 * w->handshakes / w->syns : 0;
	a.distinct = lincount_estimate(XS_SOURCE_BITS, w->sources);
	a.at_least = w->sources >= XS_SOURCE_BITS;
	return push(out, &a);
}

/* The evidence of one source alarm, from window w covering span seconds. */
static void source_evidence(struct alarm *a, const struct xs_source_window *w, double span)
{
	a->window_s = span;
	switch (a->kind) {
	case AK_PORT_SCAN:
		a->count = w->new_flows;
		a->distinct = lincount_estimate(XS_TARGET_BITS, w->targets);
		a->at_least = w->targets >= XS_TARGET_BITS;
		break;
	case AK_RST_STORM:
		a->count = w->rsts;
		a->rate = w->rsts / span;
		break;
	case AK_STEALTH:
		a->null_scan = w->null_scan;
		a->fin_scan = w->fin_scan;
		a->xmas_scan = w->xmas_scan;
		a->synfin_scan = w->synfin_scan;
		a->count = w->null_scan + w->fin_scan + w->xmas_scan + w->synfin_scan;
		break;
	case AK_LAND:
		a->count = w->land;
		break;
	default:
		a->count = w->martian;
		break;
	}
}

static int source_alarms(const struct xs_host_key *k, const struct xs_source *s, uint64_t window,
			 uint64_t now, struct alarm_list *out)
{
	double span;
	__u32 bits = active(s->window_start, window, now, s->now.alarms, s->prev.alarms, &span);

	for (int i = AK_PORT_SCAN; i < AK_COUNT; i++) {
		struct alarm a = {.kind = i, .key = *k};
		bool cur = s->now.alarms & alarm_bits[i];

		if (!(bits & alarm_bits[i]))
			continue;
		source_evidence(&a, cur ? &s->now : &s->prev, cur ? span : (double)window / 1e9);
		if (push(out, &a))
			return -ENOMEM;
	}
	return 0;
}

int alarms_collect(const struct map_copy *sources, const struct map_copy *services,
		   const struct xs_detect_cfg *cfg, uint64_t now, struct alarm_list *out)
{
	const struct xs_host_key *sk = sources->keys, *vk = services->keys;
	const struct xs_source *sv = sources->vals;
	const struct xs_service *vv = services->vals;
	int err = 0;

	out->n = 0;
	for (size_t i = 0; i < services->n && !err; i++)
		err = service_alarms(&vk[i], &vv[i], now, out);
	for (size_t i = 0; i < sources->n && !err; i++)
		err = source_alarms(&sk[i], &sv[i], cfg->window_ns, now, out);
	return err;
}

void alarm_list_free(struct alarm_list *l)
{
	free(l->a);
	memset(l, 0, sizeof(*l));
}

bool alarm_same(const struct alarm *a, const struct alarm *b)
{
	return a->kind == b->kind && !memcmp(&a->key, &b->key, sizeof(a->key));
}

void alarm_subject(char *buf, size_t len, const struct alarm *a)
{
	char e[64];

	fmt_endpoint(e, sizeof(e), a->key.addr, a->key.port, a->kind == AK_SYN_FLOOD);
	if (a->key.vlan)
		snprintf(buf, len, "%s (vlan %u)", e, a->key.vlan);
	else
		snprintf(buf, len, "%s", e);
}

/* Stealth: the flag sets seen, "FIN 100, Xmas 3". */
static void stealth_kinds(char *buf, size_t len, const struct alarm *a)
{
	const struct {
		const char *name;
		unsigned n;
	} k[] = {{"NULL", a->null_scan},
		 {"FIN", a->fin_scan},
		 {"Xmas", a->xmas_scan},
		 {"SYN+FIN", a->synfin_scan}};
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]) && o < len; i++)
		if (k[i].n)
			o += (size_t)snprintf(buf + o, len - o, "%s%s %u", o ? ", " : "", k[i].name,
					      k[i].n);
}

void alarm_title(char *buf, size_t len, const struct alarm *a)
{
	static const char *const what[AK_COUNT] = {"SYN flood to",	"port scan from",
						   "RST storm from",	"stealth scan from",
						   "land packets from", "martian source"};
	char who[96];

	alarm_subject(who, sizeof(who), a);
	snprintf(buf, len, "%s %s", what[a->kind], who);
}

void alarm_evidence(char *buf, size_t len, const struct alarm *a)
{
	char n[32], r[32], kinds[96];

	fmt_count(n, sizeof(n), a->count);
	fmt_count(r, sizeof(r), a->rate);
	switch (a->kind) {
	case AK_SYN_FLOOD:
		fmt_count(n, sizeof(n), a->distinct);
		snprintf(buf, len, "%s SYN/s, %.1f %% completed, %s%s sources", r, a->completed_pct,
			 a->at_least ? "at least " : "", n);
		break;
	case AK_PORT_SCAN:
		fmt_count(r, sizeof(r), a->distinct);
		snprintf(buf, len, "%s%s targets in %.0f s, %s probes",
			 a->at_least ? "at least " : "", r, a->window_s, n);
		break;
	case AK_RST_STORM:
		snprintf(buf, len, "%s RST/s", r);
		break;
	case AK_STEALTH:
		stealth_kinds(kinds, sizeof(kinds), a);
		snprintf(buf, len, "%s segments in %.0f s (%s)", n, a->window_s, kinds);
		break;
	default:
		snprintf(buf, len, "%s packets in %.0f s", n, a->window_s);
		break;
	}
}

void alarm_text(char *buf, size_t len, const struct alarm *a)
{
	char title[128], ev[160];

	alarm_title(title, sizeof(title), a);
	alarm_evidence(ev, sizeof(ev), a);
	snprintf(buf, len, "%s: %s", title, ev);
}

double alarm_magnitude(const struct alarm *a)
{
	return a->kind == AK_PORT_SCAN ? a->distinct : a->count;
}

void alarm_json(FILE *f, const struct alarm *a)
{
	char addr[64];

	fmt_addr(addr, sizeof(addr), a->key.addr);
	fprintf(f, "\"alarm\":\"%s\",\"%s\":\"%s\"", alarm_names[a->kind],
		a->kind == AK_SYN_FLOOD ? "address" : "source", addr);
	if (a->kind == AK_SYN_FLOOD)
		fprintf(f, ",\"port\":%u", ntohs(a->key.port));
	fprintf(f, ",\"vlan\":%u,\"window_s\":%.3f,\"count\":%u", a->key.vlan, a->window_s,
		a->count);
	if (a->kind == AK_SYN_FLOOD)
		fprintf(f, ",\"syn_per_s\":%.1f,\"completed_pct\":%.1f,\"sources\":%u", a->rate,
			a->completed_pct, a->distinct);
	else if (a->kind == AK_PORT_SCAN)
		fprintf(f, ",\"targets\":%u", a->distinct);
	else if (a->kind == AK_RST_STORM)
		fprintf(f, ",\"rst_per_s\":%.1f", a->rate);
	else if (a->kind == AK_STEALTH)
		fprintf(f, ",\"null\":%u,\"fin\":%u,\"xmas\":%u,\"synfin\":%u", a->null_scan,
			a->fin_scan, a->xmas_scan, a->synfin_scan);
	if (a->at_least)
		fputs(",\"at_least\":true", f);
}
