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
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "scgi_conn.h"

/* Bytes of a netstring header beyond its payload: digits, ':' and ','. */
#define SCGI_NETSTRING_OVERHEAD (SCGI_LENGTH_DIGITS_MAX + 2)

static volatile int scgi_in_shutdown = 0;

typedef union {
	struct sockaddr     sa;
	struct sockaddr_in  in;
	struct sockaddr_in6 in6;
} scgi_sockaddr;

static scgi_sockaddr *allowed_clients = NULL;   /* ends with AF_UNSPEC */

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

scgi_conn *scgi_conn_new(int listen_fd, const scgi_conn_limits *limits, const scgi_conn_hooks *hooks) /* {{{ */
{
	scgi_conn *conn = calloc(1, sizeof(*conn));

	if (!conn) {
		return NULL;
	}
	conn->listen_fd = listen_fd;
	conn->fd = -1;
	conn->hooks = *hooks;
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

const char *scgi_conn_peer_ip(scgi_conn *conn) /* {{{ */
{
	static char text[INET6_ADDRSTRLEN];
	const scgi_sockaddr *peer = (const scgi_sockaddr *) &conn->peer;

	switch (peer->sa.sa_family) {
		case AF_INET:
			return inet_ntop(AF_INET, &peer->in.sin_addr, text, sizeof(text));
		case AF_INET6:
			if (IN6_IS_ADDR_V4MAPPED(&peer->in6.sin6_addr)) {
				return inet_ntop(AF_INET, (const char *) &peer->in6.sin6_addr + 12, text, sizeof(text));
			}
			return inet_ntop(AF_INET6, &peer->in6.sin6_addr, text, sizeof(text));
		default:
			return NULL;
	}
}
/* }}} */

/* {{{ listen.allowed_clients */
int scgi_allowed_clients_set(const char *list, void (*complain)(const char *fmt, const char *arg))
{
	size_t count = 1, n = 0;
	const char *p;
	char *copy, *item, *save = NULL;

	scgi_allowed_clients_free();
	if (!list) {
		return 0;
	}
	for (p = list; *p; p++) {
		count += *p == ',';
	}
	/* an empty list (every entry wrong) denies all, as FPM's FastCGI does */
	allowed_clients = calloc(count + 1, sizeof(scgi_sockaddr));
	copy = strdup(list);
	if (!allowed_clients || !copy) {
		free(copy);
		return -1;
	}
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		scgi_sockaddr *entry = &allowed_clients[n];

		while (*item == ' ' || *item == '\t') {
			item++;
		}
		if (inet_pton(AF_INET, item, &entry->in.sin_addr) == 1) {
			entry->sa.sa_family = AF_INET;
			n++;
		} else if (inet_pton(AF_INET6, item, &entry->in6.sin6_addr) == 1) {
			entry->sa.sa_family = AF_INET6;
			n++;
		} else {
			complain("Wrong IP address '%s' in listen.allowed_clients", item);
		}
	}
	free(copy);
	if (n == 0) {
		complain("There are no allowed addresses%s", "");
	}
	return 0;
}

void scgi_allowed_clients_free(void)
{
	free(allowed_clients);
	allowed_clients = NULL;
}

static int scgi_peer_allowed(const scgi_sockaddr *peer)
{
	const scgi_sockaddr *entry;

	if (!allowed_clients || peer->sa.sa_family == AF_UNIX) {
		return 1;
	}
	for (entry = allowed_clients; entry->sa.sa_family != AF_UNSPEC; entry++) {
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

static void scgi_conn_drop(scgi_conn *conn) /* {{{ */
{
	close(conn->fd);
	conn->fd = -1;
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

/* Put the parsed pairs into the environment: names are unique (the parser
 * refuses duplicates) and the room is made once, so adding cannot fail. */
static int scgi_conn_load_env(scgi_conn *conn) /* {{{ */
{
	const scgi_header_pair *pair = conn->pairs;
	const scgi_header_pair *end = pair + conn->parser.pair_count;

	scgi_env_reset(&conn->env);
	if (scgi_env_reserve(&conn->env, conn->parser.pair_count) < 0) {
		return -1;
	}
	for (; pair < end; pair++) {
		const char *name = conn->in_buf + pair->name_off;

		if (!conn->limits.php_value_params
				&& ((pair->name_len == sizeof("PHP_VALUE") - 1 && memcmp(name, "PHP_VALUE", pair->name_len) == 0)
				 || (pair->name_len == sizeof("PHP_ADMIN_VALUE") - 1 && memcmp(name, "PHP_ADMIN_VALUE", pair->name_len) == 0))) {
			continue;  /* the pool does not let the web server set ini values */
		}
		scgi_env_add_borrowed(&conn->env, name, pair->name_len,
				conn->in_buf + pair->value_off, pair->value_len);
	}
	return 0;
}
/* }}} */

/*
 * nginx's stock scgi_params send DOCUMENT_ROOT and DOCUMENT_URI but neither
 * SCRIPT_FILENAME nor SCRIPT_NAME.  Build them as php-fpm users write
 * "fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name": FPM's
 * cgi.fix_pathinfo logic then splits off PATH_INFO as it does for FastCGI.
 * A request that names its script by PATH_TRANSLATED instead is FPM's:
 * it takes the script from there, over SCGI as over FastCGI.
 */
static int scgi_conn_resolve_script(scgi_conn *conn) /* {{{ */
{
	static const char sf[] = "SCRIPT_FILENAME", sn[] = "SCRIPT_NAME", pi[] = "PATH_INFO",
		pt[] = "PATH_TRANSLATED";
	struct stat st;
	char *root, *uri, *path;
	size_t root_len, uri_len;

	if (scgi_env_get(&conn->env, sf, sizeof(sf) - 1, SCGI_ENV_HASH(sf, sizeof(sf) - 1))
			|| scgi_env_get(&conn->env, pt, sizeof(pt) - 1, SCGI_ENV_HASH(pt, sizeof(pt) - 1))) {
		return 0;
	}
	uri = scgi_env_get(&conn->env, sn, sizeof(sn) - 1, SCGI_ENV_HASH(sn, sizeof(sn) - 1));
	if (!uri) {
		uri = scgi_env_get(&conn->env, "DOCUMENT_URI", sizeof("DOCUMENT_URI") - 1,
			SCGI_ENV_HASH("DOCUMENT_URI", sizeof("DOCUMENT_URI") - 1));
		if (!uri) {
			return 0;  /* nothing to resolve from: FPM answers 404 */
		}
		if (!scgi_env_put(&conn->env, sn, sizeof(sn) - 1, SCGI_ENV_HASH(sn, sizeof(sn) - 1), uri)) {
			return -1;
		}
	}
	root = scgi_env_get(&conn->env, "DOCUMENT_ROOT", sizeof("DOCUMENT_ROOT") - 1,
		SCGI_ENV_HASH("DOCUMENT_ROOT", sizeof("DOCUMENT_ROOT") - 1));
	if (!root || *uri != '/') {
		return 0;
	}
	root_len = strlen(root);
	while (root_len > 0 && root[root_len - 1] == '/') {
		root_len--;
	}
	uri_len = strlen(uri);
	path = malloc(root_len + uri_len + 1);
	if (!path) {
		return -1;
	}
	memcpy(path, root, root_len);
	memcpy(path + root_len, uri, uri_len + 1);
	if (!scgi_env_put(&conn->env, sf, sizeof(sf) - 1, SCGI_ENV_HASH(sf, sizeof(sf) - 1), path)) {
		free(path);
		return -1;
	}
	/* /index.php/some/path: FPM's fix_pathinfo walks back to the script and
	 * takes PATH_INFO off the tail of the PATH_INFO it was given, so give it
	 * the whole URI, as nginx's split would have */
	if (!scgi_env_get(&conn->env, pi, sizeof(pi) - 1, SCGI_ENV_HASH(pi, sizeof(pi) - 1))
			&& (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			&& !scgi_env_put(&conn->env, pi, sizeof(pi) - 1, SCGI_ENV_HASH(pi, sizeof(pi) - 1), uri)) {
		free(path);
		return -1;
	}
	free(path);
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
		scgi_sockaddr *peer = (scgi_sockaddr *) &conn->peer;
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
			peer->sa.sa_family = AF_UNIX;  /* unnamed unix socket peer */
		}
		if (!scgi_peer_allowed(peer)) {
			conn->hooks.on_disallowed(conn);
			scgi_conn_drop(conn);
			continue;
		}

		conn->hooks.on_read();
		if (scgi_conn_read_header(conn) < 0) {
			continue;
		}
		if (scgi_conn_load_env(conn) < 0 || scgi_conn_resolve_script(conn) < 0) {
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
		conn->ended = 0;
		conn->write_failed = 0;
		conn->nodelay = 0;
		conn->out_len = 0;
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

static int scgi_conn_writev_all(scgi_conn *conn, struct iovec *iov, int iovcnt) /* {{{ */
{
	while (iovcnt > 0) {
		ssize_t n = writev(conn->fd, iov, iovcnt);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			conn->write_failed = 1;
			return -1;
		}
		while (iovcnt > 0 && (size_t) n >= iov->iov_len) {
			n -= (ssize_t) iov->iov_len;
			iov++;
			iovcnt--;
		}
		if (iovcnt > 0) {
			iov->iov_base = (char *) iov->iov_base + n;
			iov->iov_len -= (size_t) n;
		}
	}
	return 0;
}
/* }}} */

ssize_t scgi_conn_write(scgi_conn *conn, const char *data, size_t len) /* {{{ */
{
	struct iovec iov[2];

	if (conn->write_failed) {
		return -1;
	}
	if (conn->fd < 0 || conn->ended) {
		return (ssize_t) len;  /* after finish_request: the script may go on talking */
	}
	if (len <= SCGI_OUT_BUFFER_SIZE - conn->out_len) {
		memcpy(conn->out_buf + conn->out_len, data, len);
		conn->out_len += (uint32_t) len;
		return (ssize_t) len;
	}
	/* what is gathered (the headers, at first) and the new data in one call */
	iov[0].iov_base = conn->out_buf;
	iov[0].iov_len = conn->out_len;
	iov[1].iov_base = (void *) data;
	iov[1].iov_len = len;
	if (scgi_conn_writev_all(conn, conn->out_len ? iov : iov + 1, conn->out_len ? 2 : 1) < 0) {
		return -1;
	}
	conn->out_len = 0;
	return (ssize_t) len;
}
/* }}} */

int scgi_conn_flush(scgi_conn *conn, int push) /* {{{ */
{
	struct iovec iov;

	if (conn->write_failed) {
		return 0;
	}
	if (conn->fd < 0 || conn->out_len == 0) {
		return 1;
	}
	if (push && !conn->nodelay && conn->peer.ss_family != AF_UNIX) {
		/* flush() means now: do not let Nagle hold the next small write */
		int on = 1;

		(void) setsockopt(conn->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		conn->nodelay = 1;
	}
	iov.iov_base = conn->out_buf;
	iov.iov_len = conn->out_len;
	if (scgi_conn_writev_all(conn, &iov, 1) < 0) {
		return 0;
	}
	conn->out_len = 0;
	return 1;
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
	if (!force && !conn->write_failed) {
		(void) scgi_conn_flush(conn, 0);
		if (conn->body_left > 0 && !conn->body_truncated && !conn->write_failed) {
			scgi_conn_drain_body(conn);
		}
	}
	conn->ended = 1;
	conn->out_len = 0;
	scgi_conn_drop(conn);
}
/* }}} */
