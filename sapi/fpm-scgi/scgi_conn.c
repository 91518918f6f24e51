/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/* accept4() */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <errno.h>
#include <stdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "scgi_cgi_vars.h"
#include "scgi_conn_private.h"

/* First size of the header buffer: nginx's headers and a small body fit. */
#define SCGI_IN_BUFFER_INITIAL 16384
/* Bytes of a netstring header beyond its payload: digits, ':' and ','. */
#define SCGI_NETSTRING_OVERHEAD (SCGI_LENGTH_DIGITS_MAX + 2)

static volatile int scgi_in_shutdown = 0;

void scgi_conn_terminate(void) /* {{{ */
{
	scgi_in_shutdown = 1;
}
/* }}} */

int scgi_conn_in_shutdown(void) /* {{{ */
{
	return scgi_in_shutdown;
}
/* }}} */

static long scgi_now_ms(void) /* {{{ */
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
/* }}} */

/* Wait until fd is readable or *deadline_ms passes (set on first use). */
static int scgi_wait_readable(int fd, long *deadline_ms, int timeout_ms) /* {{{ */
{
	struct pollfd pfd;
	long now = scgi_now_ms();
	int ret;

	if (!*deadline_ms) {
		*deadline_ms = now + timeout_ms;
	}
	if (now >= *deadline_ms) {
		return 0;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	ret = poll(&pfd, 1, (int) (*deadline_ms - now));
	if (ret < 0 && errno == EINTR) {
		return 1;  /* the caller reads again, which re-checks */
	}
	return ret < 0 ? -1 : 1;
}
/* }}} */

scgi_conn *scgi_conn_new(int listen_fd, const scgi_conn_limits *limits, const scgi_conn_hooks *hooks,
		const scgi_allowed_clients *allowed_clients) /* {{{ */
{
	scgi_conn *conn = calloc(1, sizeof(*conn));

	if (!conn) {
		return NULL;
	}
	conn->listen_fd = listen_fd;
	conn->fd = -1;
	conn->hooks = *hooks;
	conn->allowed_clients = allowed_clients;
	scgi_output_end(&conn->out);  /* no response before the first accept */
	conn->in_cap = SCGI_IN_BUFFER_INITIAL;
	conn->in_buf = malloc(conn->in_cap);
	if (!conn->in_buf || scgi_conn_set_limits(conn, limits) < 0) {
		scgi_conn_free(conn);
		return NULL;
	}
	return conn;
}
/* }}} */

void scgi_conn_free(scgi_conn *conn) /* {{{ */
{
	if (!conn) {
		return;
	}
	if (conn->fd >= 0) {
		close(conn->fd);
	}
	free(conn->in_buf);
	free(conn->pairs);
	if (conn->env.entries) {
		scgi_env_destroy(&conn->env);
	}
	free(conn);
}
/* }}} */

int scgi_conn_set_limits(scgi_conn *conn, const scgi_conn_limits *limits) /* {{{ */
{
	scgi_header_pair *pairs;

	pairs = realloc(conn->pairs, sizeof(scgi_header_pair) * limits->max_header_pairs);
	if (!pairs) {
		return -1;
	}
	conn->pairs = pairs;
	conn->pairs_cap = limits->max_header_pairs;
	conn->limits = *limits;
	if (conn->env.entries) {
		scgi_env_destroy(&conn->env);
	}
	/* room for every pair plus what FPM's path logic adds */
	return scgi_env_init(&conn->env, limits->max_header_pairs + 32);
}
/* }}} */

int scgi_conn_is_open(const scgi_conn *conn) /* {{{ */
{
	return conn->fd >= 0;
}
/* }}} */

scgi_env *scgi_conn_env(scgi_conn *conn) /* {{{ */
{
	return &conn->env;
}
/* }}} */

scgi_output *scgi_conn_output(scgi_conn *conn) /* {{{ */
{
	return &conn->out;
}
/* }}} */

const char *scgi_conn_peer_ip(const scgi_conn *conn) /* {{{ */
{
	static char text[INET6_ADDRSTRLEN];
	const struct sockaddr_in *in = (const struct sockaddr_in *) &conn->peer;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) &conn->peer;

	switch (conn->peer.ss_family) {
		case AF_INET:
			return inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
		case AF_INET6:
			if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
				return inet_ntop(AF_INET, (const char *) &in6->sin6_addr + 12, text, sizeof(text));
			}
			return inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
		default:
			return NULL;
	}
}
/* }}} */

static void scgi_conn_drop(scgi_conn *conn) /* {{{ */
{
	close(conn->fd);
	conn->fd = -1;
	scgi_output_end(&conn->out);
	conn->hooks.on_close();
}
/* }}} */

/* A request we will not serve: say why, answer if the peer still listens. */
static void scgi_conn_refuse(scgi_conn *conn, const char *status_line, const char *reason) /* {{{ */
{
	char reply[128];
	int len;

	conn->hooks.on_bad_request(conn, reason);
	if (status_line) {
		len = snprintf(reply, sizeof(reply), "Status: %s\r\nContent-Type: text/plain\r\n\r\n%s\n",
			status_line, status_line + 4);
		/* never block on a client that does not read */
		(void) send(conn->fd, reply, (size_t) len, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	scgi_conn_drop(conn);
}
/* }}} */

static int scgi_conn_grow_input(scgi_conn *conn, size_t wanted) /* {{{ */
{
	size_t ceiling = (size_t) conn->limits.max_header_size + SCGI_NETSTRING_OVERHEAD;
	size_t cap = (size_t) conn->in_cap * 2;
	char *buf;

	if (cap < wanted) {
		cap = wanted;
	}
	if (cap > ceiling) {
		cap = ceiling;
	}
	if (cap <= conn->in_cap) {
		return -1;
	}
	buf = realloc(conn->in_buf, cap);
	if (!buf) {
		return -1;
	}
	conn->in_buf = buf;
	conn->in_cap = (uint32_t) cap;
	return 0;
}
/* }}} */

/* Read until the header is complete.  0: a request to serve; -1: dropped. */
static int scgi_conn_read_header(scgi_conn *conn) /* {{{ */
{
	long deadline = 0;
	size_t wanted = 0;
	ssize_t n;

	conn->in_len = 0;
	scgi_parser_init(&conn->parser, conn->limits.max_header_size, conn->limits.max_header_pairs);

	for (;;) {
		if (conn->in_len == conn->in_cap && scgi_conn_grow_input(conn, wanted) < 0) {
			scgi_conn_refuse(conn, "400 Bad Request", "SCGI header does not fit the header buffer");
			return -1;
		}
		n = recv(conn->fd, conn->in_buf + conn->in_len, conn->in_cap - conn->in_len, MSG_DONTWAIT);
		if (n > 0) {
			scgi_parse_status status;

			conn->in_len += (uint32_t) n;
			status = scgi_parse_header(&conn->parser, conn->in_buf, conn->in_len,
				conn->pairs, conn->pairs_cap, &wanted);
			if (status == SCGI_PARSE_DONE) {
				return 0;
			}
			if (status == SCGI_PARSE_ERROR) {
				scgi_conn_refuse(conn, "400 Bad Request", scgi_parse_error_string(conn->parser.error));
				return -1;
			}
			continue;  /* a full buffer grows to what the parser wants */
		}
		if (n == 0) {
			if (conn->in_len) {
				scgi_conn_refuse(conn, NULL, "connection closed before the SCGI header was complete");
			} else {
				scgi_conn_drop(conn);  /* a probe that connected and left */
			}
			return -1;
		}
		if (errno == EINTR) {
			continue;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			scgi_conn_refuse(conn, NULL, "connection failed while reading the SCGI header");
			return -1;
		}
		switch (scgi_wait_readable(conn->fd, &deadline, conn->limits.header_timeout_ms)) {
			case 0:
				scgi_conn_refuse(conn, "408 Request Timeout", "timed out reading the SCGI header");
				return -1;
			case -1:
				scgi_conn_refuse(conn, NULL, "poll() failed while reading the SCGI header");
				return -1;
		}
	}
}
/* }}} */

int scgi_conn_accept(scgi_conn *conn) /* {{{ */
{
	for (;;) {
		uint32_t body_in_buf;

		if (scgi_in_shutdown) {
			return -1;
		}
		conn->hooks.on_accept();

		conn->peer_len = sizeof(conn->peer);
		conn->fd = accept4(conn->listen_fd, (struct sockaddr *) &conn->peer, &conn->peer_len, SOCK_CLOEXEC);
		if (conn->fd < 0) {
			if (scgi_in_shutdown || (errno != EINTR && errno != ECONNABORTED)) {
				return -1;
			}
			continue;
		}
		if (conn->peer_len == 0) {
			conn->peer.ss_family = AF_UNIX;  /* unnamed unix socket peer */
		}
		if (!scgi_allowed_clients_permit(conn->allowed_clients, (const struct sockaddr *) &conn->peer)) {
			conn->hooks.on_disallowed(conn);
			scgi_conn_drop(conn);
			continue;
		}

		conn->hooks.on_read();
		if (scgi_conn_read_header(conn) < 0) {
			continue;
		}
		if (scgi_cgi_vars_build(&conn->env, conn->in_buf, conn->pairs, conn->parser.pair_count,
				conn->limits.php_value_params) < 0) {
			scgi_conn_refuse(conn, "500 Internal Server Error", "out of memory building the environment");
			continue;
		}

		/* body bytes beyond CONTENT_LENGTH would be a second request: SCGI has none */
		body_in_buf = conn->in_len - conn->parser.header_end;
		if (body_in_buf > conn->parser.content_length) {
			body_in_buf = (uint32_t) conn->parser.content_length;
		}
		conn->in_len = conn->parser.header_end + body_in_buf;
		conn->body_pos = conn->parser.header_end;
		conn->body_left = conn->parser.content_length;
		conn->body_truncated = 0;
		scgi_output_begin(&conn->out, conn->fd, conn->peer.ss_family != AF_UNIX);
		return conn->fd;
	}
}
/* }}} */

/* Up to len (> 0) bytes of the body from the socket, waiting for them up to
 * body_timeout; -1, and the request marked broken, when the body ends short
 * or stalls.  body_left is the caller's to count. */
static ssize_t scgi_conn_recv_body(scgi_conn *conn, char *buf, size_t len) /* {{{ */
{
	long deadline = 0;
	ssize_t n;

	for (;;) {
		n = recv(conn->fd, buf, len, MSG_DONTWAIT);
		if (n > 0) {
			return n;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			int ready = scgi_wait_readable(conn->fd, &deadline, conn->limits.body_timeout_ms);

			if (ready > 0) {
				/* a new byte restarts the clock: slow but steady is fine */
				continue;
			}
			conn->body_truncated = 1;
			conn->hooks.on_bad_request(conn, ready == 0
				? "timed out reading the request body" : "poll() failed while reading the request body");
			return -1;
		}
		conn->body_truncated = 1;
		conn->hooks.on_bad_request(conn, "request body shorter than CONTENT_LENGTH");
		return -1;
	}
}
/* }}} */

/* Room for body bytes in in_buf after the header, which the environment
 * points into and so stays where it is. */
static inline size_t scgi_conn_read_ahead_room(const scgi_conn *conn)
{
	return conn->in_cap - conn->parser.header_end;
}

ssize_t scgi_conn_read_body(scgi_conn *conn, char *buf, size_t len) /* {{{ */
{
	ssize_t n;

	if (conn->fd < 0 || conn->body_truncated) {
		return conn->body_truncated ? -1 : 0;
	}
	if (conn->body_left == 0 || len == 0) {
		return 0;
	}
	if (len > conn->body_left) {
		len = (size_t) conn->body_left;
	}
	if (conn->body_pos == conn->in_len && len <= scgi_conn_read_ahead_room(conn) / 2) {
		/* a small read: fill the room after the header instead, so that a
		 * reader asking for a few KiB at a time (PHP's multipart parser
		 * asks for 5 KiB) costs one recv() per buffer, not one per read */
		size_t room = scgi_conn_read_ahead_room(conn);

		n = scgi_conn_recv_body(conn, conn->in_buf + conn->parser.header_end,
			room < conn->body_left ? room : (size_t) conn->body_left);
		if (n <= 0) {
			return n;
		}
		conn->body_pos = conn->parser.header_end;
		conn->in_len = conn->parser.header_end + (uint32_t) n;
	}
	if (conn->body_pos < conn->in_len) {
		uint32_t buffered = conn->in_len - conn->body_pos;

		if (len > buffered) {
			len = buffered;
		}
		memcpy(buf, conn->in_buf + conn->body_pos, len);
		conn->body_pos += (uint32_t) len;
		conn->body_left -= len;
		return (ssize_t) len;
	}
	/* a large read goes straight into the caller's buffer */
	n = scgi_conn_recv_body(conn, buf, len);
	if (n > 0) {
		conn->body_left -= (size_t) n;
	}
	return n;
}
/* }}} */

/* The script left body bytes unread: take them off the socket before close,
 * or the kernel answers them with a reset that can cut the response short. */
static void scgi_conn_drain_body(scgi_conn *conn) /* {{{ */
{
	char scratch[16384];
	long deadline = 0;

	/* Body bytes that came with the header, or were read ahead, are off
	 * the socket already: waiting for them again would hold the worker
	 * until the client closed or body_timeout passed. */
	conn->body_left -= conn->in_len - conn->body_pos;
	conn->body_pos = conn->in_len;
	if (conn->body_left == 0) {
		return;
	}
	(void) shutdown(conn->fd, SHUT_WR);
	while (conn->body_left > 0) {
		size_t want = conn->body_left < sizeof(scratch) ? (size_t) conn->body_left : sizeof(scratch);
		ssize_t n = recv(conn->fd, scratch, want, MSG_DONTWAIT);

		if (n > 0) {
			conn->body_left -= (size_t) n;
			continue;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
				&& scgi_wait_readable(conn->fd, &deadline, conn->limits.body_timeout_ms) > 0) {
			continue;
		}
		break;
	}
}
/* }}} */

void scgi_conn_close(scgi_conn *conn, int force) /* {{{ */
{
	if (conn->fd < 0) {
		return;
	}
	if (!force && !conn->out.failed) {
		(void) scgi_output_flush(&conn->out, 0);
		if (conn->body_left > 0 && !conn->body_truncated && !conn->out.failed) {
			scgi_conn_drain_body(conn);
		}
	}
	scgi_conn_drop(conn);
}
/* }}} */
