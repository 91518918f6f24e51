/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Table-driven tests of listen.allowed_clients: which peers a list lets
 * in, and which entries it complains about, as FPM's FastCGI layer has it
 * (no list: all; a list of nothing valid: no TCP client; unix peers
 * always; an IPv4-mapped IPv6 peer matches its IPv4 entry).
 */

#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "scgi_allowed_clients.h"

typedef struct {
	const char *name;
	const char *list;        /* NULL: the directive is not set */
	const char *peer;        /* an address, or "unix" */
	int         permitted;
	int         complaints;  /* wrong entries, plus one when none is right */
} test_case;

static const test_case cases[] = {
	{ "no list: any TCP peer", NULL, "192.0.2.7", 1, 0 },
	{ "no list: any IPv6 peer", NULL, "2001:db8::7", 1, 0 },
	{ "IPv4 entry, that peer", "127.0.0.1", "127.0.0.1", 1, 0 },
	{ "IPv4 entry, another peer", "127.0.0.1", "127.0.0.2", 0, 0 },
	{ "second of three entries, spaces after commas", "10.0.0.1, 10.0.0.2,\t10.0.0.3", "10.0.0.2", 1, 0 },
	{ "last of three entries", "10.0.0.1,10.0.0.2,10.0.0.3", "10.0.0.3", 1, 0 },
	{ "IPv6 entry, that peer", "::1", "::1", 1, 0 },
	{ "IPv6 entry, another peer", "::1", "::2", 0, 0 },
	{ "IPv4 entry, its IPv4-mapped IPv6 peer", "127.0.0.1", "::ffff:127.0.0.1", 1, 0 },
	{ "IPv4 entry, another IPv4-mapped peer", "127.0.0.1", "::ffff:127.0.0.2", 0, 0 },
	{ "IPv4-mapped entry does not match an IPv4 peer", "::ffff:127.0.0.1", "127.0.0.1", 0, 0 },
	{ "a wrong entry is skipped, the others stay", "bogus, 127.0.0.1", "127.0.0.1", 1, 1 },
	{ "a host name is a wrong entry", "localhost,127.0.0.1", "127.0.0.1", 1, 1 },
	{ "nothing valid: no TCP peer", "bogus", "127.0.0.1", 0, 2 },
	{ "empty list: no TCP peer", "", "127.0.0.1", 0, 1 },
	{ "nothing valid: unix peers still", "bogus", "unix", 1, 2 },
	{ "a list: unix peers always", "10.0.0.1", "unix", 1, 0 },
};

static unsigned passed, failed;
static int complaints;

static void complain(const char *fmt, const char *arg)
{
	(void) fmt;
	(void) arg;
	complaints++;
}

static void make_peer(const char *text, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *) ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) ss;

	memset(ss, 0, sizeof(*ss));
	if (strcmp(text, "unix") == 0) {
		ss->ss_family = AF_UNIX;
	} else if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		ss->ss_family = AF_INET;
	} else if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		ss->ss_family = AF_INET6;
	}
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const test_case *tc = &cases[i];
		scgi_allowed_clients *clients = NULL;
		struct sockaddr_storage peer;
		int permitted;

		complaints = 0;
		make_peer(tc->peer, &peer);
		if (peer.ss_family == AF_UNSPEC) {
			printf("FAIL: %s: the test's peer %s is no address\n", tc->name, tc->peer);
			failed++;
			continue;
		}
		if (scgi_allowed_clients_parse(tc->list, complain, &clients) < 0) {
			printf("FAIL: %s: out of memory\n", tc->name);
			failed++;
			continue;
		}
		permitted = scgi_allowed_clients_permit(clients, (const struct sockaddr *) &peer);
		if ((tc->list == NULL) != (clients == NULL)) {
			printf("FAIL: %s: list %s, parsed %s\n", tc->name, tc->list ? "set" : "unset",
				clients ? "to a list" : "to none");
			failed++;
		} else if (permitted != tc->permitted || complaints != tc->complaints) {
			printf("FAIL: %s: permitted %d (expected %d), %d complaints (expected %d)\n",
				tc->name, permitted, tc->permitted, complaints, tc->complaints);
			failed++;
		} else {
			printf("PASS: allowed_clients: %s\n", tc->name);
			passed++;
		}
		scgi_allowed_clients_free(clients);
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
