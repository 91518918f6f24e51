/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * One SCGI connection of a worker: accept, read and parse the header,
 * hand the body to PHP on demand, write PHP's output straight to the
 * socket, close.  SCGI has no keep-alive: every request is a connection.
 */

#ifndef SCGI_CONN_H
#define SCGI_CONN_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>

#include "scgi_parser.h"
#include "scgi_env.h"

/* PHP's small writes (headers, echo) are gathered up to this size; larger
 * writes go out together with what is gathered in one writev(). */
#define SCGI_OUT_BUFFER_SIZE   8192
/* First size of the header buffer: nginx's headers and a small body fit. */
#define SCGI_IN_BUFFER_INITIAL 16384

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

struct scgi_conn {
	int                 listen_fd;
	int                 fd;                /* -1 between requests */
	scgi_conn_limits    limits;
	scgi_conn_hooks     hooks;

	/* the header, and the body bytes that arrived with it */
	char               *in_buf;
	uint32_t            in_cap;
	uint32_t            in_len;
	scgi_parser         parser;
	scgi_header_pair   *pairs;
	uint32_t            pairs_cap;

	uint32_t            body_pos;          /* next unread body byte in in_buf */
	uint64_t            body_left;         /* body bytes PHP has not read */
	unsigned            body_truncated:1;  /* the client sent less than CONTENT_LENGTH */
	unsigned            ended:1;           /* response complete (finish_request) */
	unsigned            write_failed:1;    /* the client went away */
	unsigned            nodelay:1;         /* TCP_NODELAY set for flush() */

	scgi_env            env;

	struct sockaddr_storage peer;
	socklen_t           peer_len;

	uint32_t            out_len;
	char                out_buf[SCGI_OUT_BUFFER_SIZE];
};

scgi_conn *scgi_conn_new(int listen_fd, const scgi_conn_limits *limits, const scgi_conn_hooks *hooks);
void       scgi_conn_free(scgi_conn *conn);

/* Set after fork, when the worker knows its pool. */
int        scgi_conn_set_limits(scgi_conn *conn, const scgi_conn_limits *limits);

/* Wait for the next valid request; bad ones are answered and closed here.
 * Returns the connection fd, or -1 when the worker must stop. */
int        scgi_conn_accept(scgi_conn *conn);

/* Up to len body bytes; 0 at the end of the body, -1 when it broke off. */
ssize_t    scgi_conn_read_body(scgi_conn *conn, char *buf, size_t len);

/* len on success, -1 once the client is gone. */
ssize_t    scgi_conn_write(scgi_conn *conn, const char *data, size_t len);
int        scgi_conn_flush(scgi_conn *conn, int push);

/* End of response: flush, and close the connection (force: without flush
 * or draining, for a client that is gone). */
void       scgi_conn_close(scgi_conn *conn, int force);

/* The peer's IP address as text, NULL for unix sockets. */
const char *scgi_conn_peer_ip(scgi_conn *conn);

/* listen.allowed_clients: comma separated IPv4/IPv6 addresses; complain()
 * is told of each wrong one.  NULL allows all. */
int        scgi_allowed_clients_set(const char *list, void (*complain)(const char *fmt, const char *arg));
void       scgi_allowed_clients_free(void);

/* Graceful stop (SIGQUIT): accept no new connection. */
void       scgi_conn_terminate(void);
int        scgi_conn_in_shutdown(void);

#endif /* SCGI_CONN_H */
