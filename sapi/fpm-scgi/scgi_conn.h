/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * One SCGI connection of a worker: accept (listen.allowed_clients), read
 * and parse the header, build the request's CGI variables, hand the body
 * to PHP on demand, close.  PHP's output goes through the connection's
 * scgi_output.  SCGI has no keep-alive: every request is a connection.
 *
 * The connection's fields are its own (scgi_conn_private.h, for this
 * module and its fuzz target); everyone else uses the functions below.
 */

#ifndef SCGI_CONN_H
#define SCGI_CONN_H

#include <stdint.h>
#include <sys/types.h>

#include "scgi_allowed_clients.h"
#include "scgi_env.h"
#include "scgi_output.h"

typedef struct scgi_conn scgi_conn;

typedef struct {
	uint32_t max_header_size;
	uint32_t max_header_pairs;
	int      header_timeout_ms;
	int      body_timeout_ms;
	int      php_value_params;   /* keep PHP_VALUE / PHP_ADMIN_VALUE pairs */
} scgi_conn_limits;

typedef struct {
	void (*on_accept)(void);     /* waiting for a connection (scoreboard) */
	void (*on_read)(void);       /* reading a request header (scoreboard) */
	void (*on_close)(void);      /* connection closed (scoreboard) */
	/* a request was refused or broken off: one line for the pool's log */
	void (*on_bad_request)(scgi_conn *conn, const char *reason);
	/* a peer not in listen.allowed_clients was dropped */
	void (*on_disallowed)(scgi_conn *conn);
} scgi_conn_hooks;

/* allowed_clients (NULL: all) is borrowed and must outlive the connection. */
scgi_conn *scgi_conn_new(int listen_fd, const scgi_conn_limits *limits, const scgi_conn_hooks *hooks,
		const scgi_allowed_clients *allowed_clients);
void       scgi_conn_free(scgi_conn *conn);

/* Set after fork, when the worker knows its pool. */
int        scgi_conn_set_limits(scgi_conn *conn, const scgi_conn_limits *limits);

/* Wait for the next valid request; bad ones are answered and closed here.
 * Returns the connection fd, or -1 when the worker must stop. */
int        scgi_conn_accept(scgi_conn *conn);

/* Up to len body bytes; 0 at the end of the body, -1 when it broke off. */
ssize_t    scgi_conn_read_body(scgi_conn *conn, char *buf, size_t len);

/* End of response: flush, and close the connection (force: without flush
 * or draining, for a client that is gone). */
void       scgi_conn_close(scgi_conn *conn, int force);

/* Whether a request's connection is open (accepted, not yet closed). */
int        scgi_conn_is_open(const scgi_conn *conn);

/* The request's CGI variables and its response.  Both live as long as the
 * connection and stay where they are: callers may keep the pointers. */
scgi_env    *scgi_conn_env(scgi_conn *conn);
scgi_output *scgi_conn_output(scgi_conn *conn);

/* The peer's IP address as text, NULL for unix sockets. */
const char *scgi_conn_peer_ip(const scgi_conn *conn);

/* Graceful stop (SIGQUIT): accept no new connection. */
void       scgi_conn_terminate(void);
int        scgi_conn_in_shutdown(void);

#endif /* SCGI_CONN_H */
