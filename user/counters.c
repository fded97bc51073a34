// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counters: one table names every field of struct xs_counters once, with its Prometheus metric
 * and label, so the three output forms cannot drift apart. Metric names follow Prometheus'
 * conventions: units and a _total suffix for counters, the interface as a label.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "counters_user.h"
#include "pins.h"

struct field {
	const char *name; /* as in struct xs_counters and bpftool's dump */
	size_t off;
	const char *metric; /* Prometheus metric, without the xdpspy_ prefix */
	const char *label; /* its distinguishing label, or NULL */
};

#define F(n, m, l)                                                                                 \
	{                                                                                          \
#n, offsetof(struct xs_counters, n), m, l                                          \
	}
static const struct field fields[] = {
    F(rx_packets, "packets_total", "direction=\"rx\""),
    F(tx_packets, "packets_total", "direction=\"tx\""),
    F(rx_bytes, "bytes_total", "direction=\"rx\""),
    F(tx_bytes, "bytes_total", "direction=\"tx\""),
    F(ipv4, "network_packets_total", "protocol=\"ipv4\""),
    F(ipv6, "network_packets_total", "protocol=\"ipv6\""),
    F(arp, "network_packets_total", "protocol=\"arp\""),
    F(other_l3, "network_packets_total", "protocol=\"other\""),
    F(tcp, "transport_packets_total", "protocol=\"tcp\""),
    F(udp, "transport_packets_total", "protocol=\"udp\""),
    F(icmp, "transport_packets_total", "protocol=\"icmp\""),
    F(other_l4, "transport_packets_total", "protocol=\"other\""),
    F(syn, "tcp_segments_total", "kind=\"syn\""),
    F(synack, "tcp_segments_total", "kind=\"synack\""),
    F(fin, "tcp_segments_total", "kind=\"fin\""),
    F(rst, "tcp_segments_total", "kind=\"rst\""),
    F(psh, "tcp_segments_total", "kind=\"psh\""),
    F(pure_ack, "tcp_segments_total", "kind=\"pure_ack\""),
    F(malformed, "malformed_packets_total", NULL),
    F(events, "events_total", NULL),
    F(lost, "events_lost_total", NULL),
    F(filtered, "filtered_packets_total", NULL),
    F(flows, "flows_total", NULL),
    F(handshakes, "tcp_handshakes_total", NULL),
    F(retransmits, "tcp_anomalies_total", "kind=\"retransmit\""),
    F(out_of_order, "tcp_anomalies_total", "kind=\"out_of_order\""),
    F(dup_acks, "tcp_anomalies_total", "kind=\"dup_ack\""),
    F(zero_windows, "tcp_anomalies_total", "kind=\"zero_window\""),
    F(syn_floods, "alarms_total", "detector=\"syn_flood\""),
    F(port_scans, "alarms_total", "detector=\"port_scan\""),
    F(rst_storms, "alarms_total", "detector=\"rst_storm\""),
    F(null_scan, "suspicious_packets_total", "kind=\"null_scan\""),
    F(fin_scan, "suspicious_packets_total", "kind=\"fin_scan\""),
    F(xmas_scan, "suspicious_packets_total", "kind=\"xmas_scan\""),
    F(synfin_scan, "suspicious_packets_total", "kind=\"synfin_scan\""),
    F(land, "suspicious_packets_total", "kind=\"land\""),
    F(martian, "suspicious_packets_total", "kind=\"martian\""),
    F(segmented_sends, "segmented_sends_total", NULL),
};
#undef F

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

_Static_assert(NFIELDS * sizeof(__u64) == sizeof(struct xs_counters),
	       "every counter has a line in the table");

static const struct {
	const char *metric, *help;
} metrics[] = {
    {"packets_total", "Frames seen by xdpspy's hooks, per direction."},
    {"bytes_total", "Bytes of the frames seen by xdpspy's hooks, per direction."},
    {"network_packets_total", "Frames by network protocol."},
    {"transport_packets_total", "IP packets by transport protocol."},
    {"tcp_segments_total", "TCP segments by kind."},
    {"malformed_packets_total", "Frames with a header cut short or invalid."},
    {"events_total", "Events written to the ring buffer."},
    {"events_lost_total", "Events the ring buffer had no room for."},
    {"filtered_packets_total", "Frames the filter expression rejected."},
    {"flows_total", "Flows entered in the flow table (--flows)."},
    {"tcp_handshakes_total", "TCP handshakes completed (--flows)."},
    {"tcp_anomalies_total", "TCP segments retransmitted, after a gap, duplicate ACKs, zero "
			    "windows (--flows)."},
    {"alarms_total", "Detector alarms begun: SYN floods, port scans, RST storms (--flows)."},
    {"suspicious_packets_total", "Stealth-scan segments, land and martian packets (--flows)."},
    {"segmented_sends_total", "Sends the kernel segmented in software after the egress hook "
			      "(their segments count in packets_total)."},
};

static __u64 value(const struct xs_counters *c, size_t i)
{
	return *(const __u64 *)((const char *)c + fields[i].off);
}

int counters_read(int map_fd, struct xs_counters *out)
{
	return counters_read_cpu(map_fd, -1, out);
}

int counters_read_cpu(int map_fd, int only, struct xs_counters *out)
{
	int ncpu = libbpf_num_possible_cpus();
	struct xs_counters *per;
	__u32 key = 0;
	int err = 0;

	if (ncpu < 0)
		return ncpu;
	per = calloc((size_t)ncpu, sizeof(*per));
	if (!per)
		return -ENOMEM;
	if (bpf_map_lookup_elem(map_fd, &key, per)) {
		err = -errno;
		goto out;
	}
	memset(out, 0, sizeof(*out));
	for (int cpu = 0; cpu < ncpu; cpu++)
		for (size_t i = 0; i < NFIELDS && (only < 0 || cpu == only); i++)
			*(__u64 *)((char *)out + fields[i].off) += value(&per[cpu], i);
out:
	free(per);
	return err;
}

int counters_read_pinned(const char *ifname, struct xs_counters *out)
{
	char path[256];
	int fd, err = pins_trusted(ifname);

	if (!err)
		err = pins_path(path, sizeof(path), ifname, "stats");
	if (err)
		return err;
	fd = bpf_obj_get(path);
	if (fd < 0)
		return -errno;
	err = counters_read(fd, out);
	close(fd);
	return err;
}

void counters_print_prom(FILE *f, int n, const char *const *ifnames,
			 const struct xs_counters *const *c)
{
	/* The exposition groups every sample of a family right after its HELP and TYPE. */
	for (size_t m = 0; m < sizeof(metrics) / sizeof(metrics[0]); m++) {
		fprintf(f, "# HELP xdpspy_%s %s\n# TYPE xdpspy_%s counter\n", metrics[m].metric,
			metrics[m].help, metrics[m].metric);
		for (int k = 0; k < n; k++)
			for (size_t i = 0; i < NFIELDS; i++) {
				if (strcmp(fields[i].metric, metrics[m].metric) != 0)
					continue;
				fprintf(f, "xdpspy_%s{interface=\"%s\"%s%s} %llu\n",
					fields[i].metric, ifnames[k], fields[i].label ? "," : "",
					fields[i].label ? fields[i].label : "",
					(unsigned long long)value(c[k], i));
			}
	}
}

void counters_print(FILE *f, enum counters_format fmt, const char *ifname,
		    const struct xs_counters *c, const struct xs_counters *prev, double secs)
{
	bool rates = prev && secs > 0;

	switch (fmt) {
	case CF_PROMETHEUS:
		counters_print_prom(f, 1, &ifname, &c);
		break;
	case CF_JSON:
		fprintf(f, "{\"interface\":\"%s\"", ifname);
		for (size_t i = 0; i < NFIELDS; i++)
			fprintf(f, ",\"%s\":%llu", fields[i].name, (unsigned long long)value(c, i));
		if (rates) {
			fprintf(f, ",\"interval_seconds\":%.3f,\"rates\":{", secs);
			for (size_t i = 0; i < NFIELDS; i++)
				fprintf(f, "%s\"%s\":%.1f", i ? "," : "", fields[i].name,
					(double)(value(c, i) - value(prev, i)) / secs);
			fputc('}', f);
		}
		fputs("}\n", f);
		break;
	case CF_TEXT:
		fprintf(f, "%s:\n", ifname);
		for (size_t i = 0; i < NFIELDS; i++) {
			fprintf(f, "  %-14s %18llu", fields[i].name,
				(unsigned long long)value(c, i));
			if (rates)
				fprintf(f, " %12.1f/s",
					(double)(value(c, i) - value(prev, i)) / secs);
			fputc('\n', f);
		}
		break;
	}
}
