/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * listen.allowed_clients: the addresses a pool takes connections from, as
 * FPM's FastCGI layer reads and applies them.  A list is a value: parsed
 * once per worker, asked once per connection, never changed in between.
 */

#ifndef SCGI_ALLOWED_CLIENTS_H
#define SCGI_ALLOWED_CLIENTS_H

#include <sys/socket.h>

typedef struct scgi_allowed_clients scgi_allowed_clients;

/* Parse a comma separated list of IPv4/IPv6 addresses into *clients.
 * complain() is told of each entry that is not an address, and when none
 * is (such a list allows no TCP client, as in FPM).  A NULL list sets
 * *clients to NULL: every client is allowed.  0, or -1 out of memory:
 * *clients is then the empty list (no TCP client allowed), or NULL when
 * not even that could be allocated. */
int  scgi_allowed_clients_parse(const char *list, void (*complain)(const char *fmt, const char *arg),
		scgi_allowed_clients **clients);
void scgi_allowed_clients_free(scgi_allowed_clients *clients);

/* Whether peer may send a request: unix socket peers always may, and every
 * peer when clients is NULL; an IPv4-mapped IPv6 peer matches its IPv4
 * entry. */
int  scgi_allowed_clients_permit(const scgi_allowed_clients *clients, const struct sockaddr *peer);

#endif /* SCGI_ALLOWED_CLIENTS_H */
