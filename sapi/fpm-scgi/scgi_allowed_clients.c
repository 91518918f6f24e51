/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/* strdup(), strtok_r() under -std=c99 (the fuzz target's build) */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "scgi_allowed_clients.h"

typedef union {
	struct sockaddr     sa;
	struct sockaddr_in  in;
	struct sockaddr_in6 in6;
} scgi_client_addr;

struct scgi_allowed_clients {
	size_t           count;
	scgi_client_addr entries[];    /* count of them */
};

int scgi_allowed_clients_parse(const char *list, void (*complain)(const char *fmt, const char *arg),
		scgi_allowed_clients **clients) /* {{{ */
{
	size_t room = 1;
	const char *p;
	char *copy, *item, *save = NULL;
	scgi_allowed_clients *parsed;

	*clients = NULL;
	if (!list) {
		return 0;
	}
	for (p = list; *p; p++) {
		room += *p == ',';
	}
	/* an empty list (every entry wrong) denies all, as FPM's FastCGI does */
	parsed = calloc(1, offsetof(scgi_allowed_clients, entries) + room * sizeof(scgi_client_addr));
	if (!parsed) {
		return -1;
	}
	*clients = parsed;
	copy = strdup(list);
	if (!copy) {
		return -1;  /* the empty list: no TCP client is allowed */
	}
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		scgi_client_addr *entry = &parsed->entries[parsed->count];

		while (*item == ' ' || *item == '\t') {
			item++;
		}
		if (inet_pton(AF_INET, item, &entry->in.sin_addr) == 1) {
			entry->sa.sa_family = AF_INET;
			parsed->count++;
		} else if (inet_pton(AF_INET6, item, &entry->in6.sin6_addr) == 1) {
			entry->sa.sa_family = AF_INET6;
			parsed->count++;
		} else {
			complain("Wrong IP address '%s' in listen.allowed_clients", item);
		}
	}
	free(copy);
	if (parsed->count == 0) {
		complain("There are no allowed addresses%s", "");
	}
	return 0;
}
/* }}} */

void scgi_allowed_clients_free(scgi_allowed_clients *clients) /* {{{ */
{
	free(clients);
}
/* }}} */

int scgi_allowed_clients_permit(const scgi_allowed_clients *clients, const struct sockaddr *peer_sa) /* {{{ */
{
	const scgi_client_addr *peer = (const scgi_client_addr *) peer_sa;
	size_t i;

	if (!clients || peer->sa.sa_family == AF_UNIX) {
		return 1;
	}
	for (i = 0; i < clients->count; i++) {
		const scgi_client_addr *entry = &clients->entries[i];

		if (peer->sa.sa_family == AF_INET && entry->sa.sa_family == AF_INET
				&& entry->in.sin_addr.s_addr == peer->in.sin_addr.s_addr) {
			return 1;
		}
		if (peer->sa.sa_family == AF_INET6 && entry->sa.sa_family == AF_INET6
				&& memcmp(&entry->in6.sin6_addr, &peer->in6.sin6_addr, 16) == 0) {
			return 1;
		}
		if (peer->sa.sa_family == AF_INET6 && entry->sa.sa_family == AF_INET
				&& IN6_IS_ADDR_V4MAPPED(&peer->in6.sin6_addr)
				&& memcmp((const char *) &peer->in6.sin6_addr + 12, &entry->in.sin_addr, 4) == 0) {
			return 1;
		}
	}
	return 0;
}
/* }}} */
