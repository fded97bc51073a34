// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name caches behind names.h. Lookups block, as tcpdump's do; tests run them only inside a
 * private namespace with a fixture hosts file, so no query leaves the machine.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "names.h"

#define HOST_BUCKETS 4096

struct host_entry {
	struct host_entry *next;
	int is6;
	uint8_t addr[16];
	char name[];
};

struct names {
	struct host_entry *hosts[HOST_BUCKETS];
	char *ports[2][65536]; /* [udp][port]; "" when the port has no name */
	char *protos[256];
};

struct names *names_new(void)
{
	return calloc(1, sizeof(struct names));
}

void names_free(struct names *nm)
{
	if (!nm)
		return;
	for (int i = 0; i < HOST_BUCKETS; i++) {
		struct host_entry *e = nm->hosts[i], *next;

		for (; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	for (int u = 0; u < 2; u++)
		for (int p = 0; p < 65536; p++)
			free(nm->ports[u][p]);
	for (int p = 0; p < 256; p++)
		free(nm->protos[p]);
	free(nm);
}

static unsigned host_hash(const uint8_t *addr, int len)
{
	unsigned h = 2166136261u;

	for (int i = 0; i < len; i++)
		h = (h ^ addr[i]) * 16777619u;
	return h % HOST_BUCKETS;
}

static void lookup_host(const uint8_t *addr, int is6, char *out, size_t outlen)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	memset(&ss, 0, sizeof(ss));
	if (is6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, addr, 16);
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, addr, 4);
		sl = sizeof(*s4);
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, out, outlen, NULL, 0, NI_NAMEREQD) == 0)
		return;
	inet_ntop(is6 ? AF_INET6 : AF_INET, addr, out, (socklen_t)outlen);
}

const char *names_host(struct names *nm, const uint8_t *addr, int is6)
{
	int len = is6 ? 16 : 4;
	unsigned h = host_hash(addr, len);
	struct host_entry *e;
	char name[NI_MAXHOST];

	for (e = nm->hosts[h]; e; e = e->next)
		if (e->is6 == is6 && !memcmp(e->addr, addr, (size_t)len))
			return e->name;
	lookup_host(addr, is6, name, sizeof(name));
	e = malloc(sizeof(*e) + strlen(name) + 1);
	if (!e)
		return "?";
	e->is6 = is6;
	memset(e->addr, 0, sizeof(e->addr));
	memcpy(e->addr, addr, (size_t)len);
	strcpy(e->name, name);
	e->next = nm->hosts[h];
	nm->hosts[h] = e;
	return e->name;
}

const char *names_port(struct names *nm, uint16_t port, int udp)
{
	char **slot = &nm->ports[udp ? 1 : 0][port];

	if (!*slot) {
		struct servent *se = getservbyport(htons(port), udp ? "udp" : "tcp");

		*slot = strdup(se ? se->s_name : "");
		if (!*slot)
			return NULL;
	}
	return **slot ? *slot : NULL;
}

const char *names_proto(struct names *nm, uint8_t proto)
{
	if (!nm->protos[proto]) {
		struct protoent *pe = getprotobynumber(proto);

		nm->protos[proto] = strdup(pe ? pe->p_name : "");
		if (!nm->protos[proto])
			return NULL;
	}
	return *nm->protos[proto] ? nm->protos[proto] : NULL;
}
