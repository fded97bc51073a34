// SPDX-License-Identifier: GPL-2.0-only
/* A flow's process, as the flow tools show it (flowowner.h). */
#include <inttypes.h>
#include <string.h>

#include "cgroups.h"
#include "flowowner.h"
#include "print/owner.h"

/* The command as --process prints it (owner_comm): one word of printable ASCII. */
static void comm_of(const struct xs_flow *f, char out[XS_OWN_COMM + 1])
{
	struct xs_owner k;

	memset(&k, 0, sizeof(k));
	memcpy(k.comm, f->owner.comm, sizeof(k.comm));
	owner_comm(&k, out);
}

void flow_owner_cell(char *buf, size_t len, const struct xs_flow *f)
{
	char comm[XS_OWN_COMM + 1];

	if (!f->owner.known) {
		snprintf(buf, len, "-");
		return;
	}
	comm_of(f, comm);
	snprintf(buf, len, "%s/%u", comm, f->owner.pid);
}

void flow_owner_suffix(char *buf, size_t len, const struct xs_flow *f)
{
	char comm[XS_OWN_COMM + 1];

	if (!f->owner.known) {
		if (len)
			buf[0] = '\0';
		return;
	}
	comm_of(f, comm);
	snprintf(buf, len, " (%s, pid %u)", comm, f->owner.pid);
}

/* A JSON string: what is not printable ASCII, a quote or a backslash as \uXXXX. */
static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void flow_owner_json(FILE *out, const struct xs_flow *f, int client)
{
	char comm[XS_OWN_COMM + 1];
	const char *cg;

	if (!f->owner.known) {
		fputs(",\"process\":null", out);
		return;
	}
	comm_of(f, comm);
	cg = cgroups_path(f->owner.cgroup);
	fprintf(out, ",\"process\":{\"pid\":%u,\"comm\":", f->owner.pid);
	json_str(out, comm);
	fputs(",\"cgroup\":", out);
	if (cg)
		json_str(out, cg);
	else
		fputs("null", out);
	fprintf(out, ",\"cgroup_id\":%" PRIu64 ",\"endpoint\":\"%s\"}", (uint64_t)f->owner.cgroup,
		f->owner.endpoint == client ? "client" : "server");
}

bool flow_owner_any(const struct flow_view *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].f->owner.known)
			return true;
	return false;
}
