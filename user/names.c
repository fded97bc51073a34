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

#include "lru.h"
#include "names.h"

struct host_key {
	uint32_t is6;
	uint8_t addr[16];
};

struct names {
	struct lru *hosts; /* struct host_key -> the name, malloc'd */
	char *ports[2][65536]; /* [udp][port]; "" when the port has no name */
	char *protos[256];
};

static void host_drop(void *val)
{
	free(*(char **)val);
}

struct names *names_new(uint32_t max_hosts)
{
	struct names *nm = calloc(1, sizeof(struct names));

	if (!nm)
		return NULL;
	nm->hosts = lru_new(sizeof(struct host_key), sizeof(char *), max_hosts, host_drop);
	if (!nm->hosts) {
		free(nm);
		return NULL;
	}
	return nm;
}

void names_free(struct names *nm)
{
	if (!nm)
		return;
	lru_free(nm->hosts);
	for (int u = 0; u < 2; u++)
		for (int p = 0; p < 65536; p++)
			free(nm->ports[u][p]);
	for (int p = 0; p < 256; p++)
		free(nm->protos[p]);
	free(nm);
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
	struct host_key key;
	char name[NI_MAXHOST], **slot;
	bool fresh;

	memset(&key, 0, sizeof(key));
	key.is6 = is6 != 0;
	memcpy(key.addr, addr, is6 ? 16 : 4);
	slot = lru_get(nm->hosts, &key, &fresh);
	if (fresh) {
		lookup_host(addr, is6, name, sizeof(name));
		*slot = strdup(name); /* NULL, out of memory: "?" until evicted */
	}
	return *slot ? *slot : "?";
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
