/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * libFuzzer target for the whole SCGI request layer: connection, access
 * list, header reading, parser, CGI variables, body, response, close.
 *
 * The input is the bytes a client sends on one connection.  One abstract unix
 * listening socket (non-blocking, so that a refused request does not wait
 * for a next connection) lives for the whole run.  Per input a new
 * scgi_conn is made with limits chosen from a hash of the input, and it
 * serves, as a worker does, three connections in a row: the input, the
 * input again (same outcome, whatever the first left in the buffers), and
 * a small probe request (nothing of the input in its environment or body);
 * sometimes the limits are then changed and the input served once more.
 * Serving is what FPM's worker does: scgi_conn_accept(), getenv/putenv,
 * read the body until 0/-1, write a response, scgi_conn_close().  Read
 * sizes, response size, whether the body is read at all and a forced close
 * come from the same hash.  Checks:
 *   - a refused request leaves nothing but an optional "Status: 4xx" reply;
 *   - every environment string is NUL-terminated at its length, borrowed
 *     ones lie inside this request's header, names are unique;
 *   - each name's value is what a slow reference model makes of the
 *     pairs (HTTP_* repeated: joined with ", ", HTTP_COOKIE "; "; other
 *     names and HTTP_HOST: the last), in the order of their first
 *     appearance;
 *   - CONTENT_LENGTH, SCGI and PHP_VALUE filtering are as the parser saw;
 *   - putenv/getenv/delete round-trip, also past the table's capacity;
 *   - the body is exactly the bytes after the header, at most
 *     CONTENT_LENGTH of them, and a short body ends in -1, not a hang;
 *   - the client receives exactly what was written (a prefix when closed
 *     with force), and every connection is closed within bounded time;
 *   - ASan/UBSan/LSan: no memory error, no undefined behaviour, no leak.
 * The input is written into the socket before the worker reads, so each
 * run of an input behaves the same (reproducible crashes).
 *
 *   cd sapi/fpm-scgi && clang -fsanitize=fuzzer,address,undefined -I . \
 *       ../../tests/fuzz/fuzz_scgi_conn.c scgi_conn.c scgi_allowed_clients.c \
 *       scgi_cgi_vars.c scgi_env.c scgi_parser.c scgi_output.c -lpthread
 *
 * tests/suites/fuzz-conn.sh builds and runs it for FUZZ_SECONDS.
 */

#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

/* white-box: the checks read the connection's fields */
#include "scgi_conn_private.h"

#define MAX_INPUT (64 * 1024)

#define CHECK(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static int listen_fd = -1;
static struct sockaddr_un sock_addr;
static socklen_t sock_addr_len;
static scgi_conn *conn;
static int bad_requests, disallowed;

/* ---- hooks: no-ops that count ---- */

static void hook_none(void)
{
}

static void hook_bad_request(scgi_conn *c, const char *reason)
{
	CHECK(c == conn);
	CHECK(reason != NULL && reason[0] != '\0');
	bad_requests++;
}

static void hook_disallowed(scgi_conn *c)
{
	(void) c;
	disallowed++;
}

static void complain(const char *fmt, const char *arg)
{
	CHECK(fmt != NULL && arg != NULL);
}

static const scgi_conn_hooks hooks = { hook_none, hook_none, hook_none, hook_bad_request, hook_disallowed };

static scgi_allowed_clients *allowed_clients;

static void free_allowed_clients(void)
{
	scgi_allowed_clients_free(allowed_clients);
}

static void setup(void)
{
	int len;

	signal(SIGPIPE, SIG_IGN);
	/* an abstract unix socket: nothing in the file system to clean up
	 * however the fuzzer ends */
	memset(&sock_addr, 0, sizeof(sock_addr));
	sock_addr.sun_family = AF_UNIX;
	len = snprintf(sock_addr.sun_path + 1, sizeof(sock_addr.sun_path) - 1, "fuzz_scgi_conn.%d", (int) getpid());
	sock_addr_len = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + (size_t) len);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	CHECK(listen_fd >= 0);
	CHECK(bind(listen_fd, (struct sockaddr *) &sock_addr, sock_addr_len) == 0);
	CHECK(listen(listen_fd, 16) == 0);
	/* unix peers are always allowed; this only exercises the list */
	CHECK(scgi_allowed_clients_parse("127.0.0.1, ::1,bogus", complain, &allowed_clients) == 0);
	CHECK(allowed_clients != NULL);
	atexit(free_allowed_clients);
}

/* ---- the client side: one thread per connection ---- */

typedef struct {
	int fd;
	const uint8_t *data;
	size_t len;
	char *reply;
	size_t reply_cap;
	size_t reply_len;
	int timed_out;
} client_job;

/* Send what did not fit the socket buffer (if anything), shut down the
 * write side, then take everything the server sends until it closes.
 * Every wait is bounded. */
static void *client_thread(void *arg)
{
	client_job *job = arg;
	size_t off = 0;

	if (job->len > 0) {
		while (off < job->len) {
			ssize_t n = send(job->fd, job->data + off, job->len - off, MSG_NOSIGNAL);

			if (n < 0 && errno == EINTR) {
				continue;
			}
			if (n <= 0) {
				break;  /* the server refused and closed: fine */
			}
			off += (size_t) n;
		}
		shutdown(job->fd, SHUT_WR);
	}
	for (;;) {
		struct pollfd pfd = { job->fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&pfd, 1, 2000) <= 0) {
			job->timed_out = 1;
			break;
		}
		n = recv(job->fd, job->reply + job->reply_len, job->reply_cap - job->reply_len, 0);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			break;
		}
		job->reply_len += (size_t) n;
		if (job->reply_len == job->reply_cap) {
			break;
		}
	}
	return NULL;
}

/* ---- checks ---- */

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

typedef struct {
	const scgi_conn *c;
	uint32_t count;
	int php_value_seen;
} env_walk;

static void check_entry(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg)
{
	env_walk *w = arg;
	const scgi_conn *c = w->c;
	const char *hb = c->in_buf, *he = c->in_buf + c->parser.header_end;

	CHECK(name != NULL && value != NULL);
	CHECK(name_len > 0);
	CHECK(name[name_len] == '\0' && strlen(name) == name_len);
	CHECK(value[value_len] == '\0' && strlen(value) == value_len);
	/* a borrowed string lies wholly inside this request's header */
	if (name >= hb && name < he) {
		CHECK(name + name_len < he);
	}
	if (value >= hb && value < he) {
		CHECK(value + value_len < he);
	}
	/* what getenv finds for this name is this very entry */
	CHECK(scgi_env_get(&c->env, name, name_len) == value);
	if ((name_len == 9 && memcmp(name, "PHP_VALUE", 9) == 0)
			|| (name_len == 15 && memcmp(name, "PHP_ADMIN_VALUE", 15) == 0)) {
		w->php_value_seen = 1;
	}
	w->count++;
}

static char *getenv_s(const char *name)
{
	uint32_t len = (uint32_t) strlen(name);

	return scgi_env_get(&conn->env, name, len);
}

static char *putenv_s(const char *name, const char *value)
{
	uint32_t len = (uint32_t) strlen(name);

	return scgi_env_put(&conn->env, name, len, value);
}

static int same_name(const scgi_conn *c, const scgi_header_pair *a, const scgi_header_pair *b)
{
	return a->name_len == b->name_len && memcmp(c->in_buf + a->name_off, c->in_buf + b->name_off, a->name_len) == 0;
}

static int is_php_value(const char *name, uint32_t len)
{
	return (len == 9 && memcmp(name, "PHP_VALUE", 9) == 0) || (len == 15 && memcmp(name, "PHP_ADMIN_VALUE", 15) == 0);
}

/* The reference model of repeated names, the slow and obvious way: every
 * name of the header, at its first appearance, gets the last value, or for
 * HTTP_* but HTTP_HOST all values joined; the environment's entries come
 * in that order. */
static void check_env_model(const scgi_conn *c)
{
	static char expect[MAX_INPUT];
	uint32_t i, j, entry = 0;

	for (i = 0; i < c->parser.pair_count; i++) {
		const scgi_header_pair *pi = &c->pairs[i];
		const char *name = c->in_buf + pi->name_off;
		int http = pi->name_len > 5 && memcmp(name, "HTTP_", 5) == 0
			&& !(pi->name_len == 9 && memcmp(name, "HTTP_HOST", 9) == 0);
		const char *sep = pi->name_len == 11 && memcmp(name, "HTTP_COOKIE", 11) == 0 ? "; " : ", ";
		size_t len = 0;
		char *got;

		for (j = 0; j < i && !same_name(c, &c->pairs[j], pi); j++) {
		}
		if (j < i) {
			continue;  /* not the first appearance */
		}
		got = scgi_env_get(&c->env, name, pi->name_len);
		if (!c->limits.php_value_params && is_php_value(name, pi->name_len)) {
			CHECK(got == NULL);
			continue;
		}
		for (j = i; j < c->parser.pair_count; j++) {
			const scgi_header_pair *pj = &c->pairs[j];

			if (!same_name(c, pj, pi)) {
				continue;
			}
			if (!http) {
				len = 0;  /* the last one wins */
			} else if (j > i) {
				CHECK(len + 2 < sizeof(expect));
				memcpy(expect + len, sep, 2);
				len += 2;
			}
			CHECK(len + pj->value_len < sizeof(expect));
			memcpy(expect + len, c->in_buf + pj->value_off, pj->value_len);
			len += pj->value_len;
		}
		CHECK(got != NULL && strlen(got) == len && memcmp(got, expect, len) == 0);
		/* a joined value is never longer than the header it came from */
		CHECK(len <= c->parser.header_end);
		CHECK(entry < c->env.count);
		CHECK(c->env.entries[entry].name_len == pi->name_len
			&& memcmp(c->env.entries[entry].name, name, pi->name_len) == 0);
		entry++;
	}
}

static void check_env(uint64_t *seed)
{
	env_walk w = { conn, 0, 0 };
	char *v, *sf, *big;
	uint32_t i, count_before;
	char digits[24];

	check_env_model(conn);
	scgi_env_apply(&conn->env, check_entry, &w);
	CHECK(w.count <= conn->env.count);
	CHECK(conn->env.count <= conn->parser.pair_count + 3);  /* + SCRIPT_NAME/FILENAME/PATH_INFO */
	if (!conn->limits.php_value_params) {
		CHECK(!w.php_value_seen);
	}

	v = getenv_s("CONTENT_LENGTH");
	CHECK(v != NULL);
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long) conn->parser.content_length);
	CHECK(strcmp(v, digits) == 0);
	v = getenv_s("SCGI");
	CHECK(v != NULL && strcmp(v, "1") == 0);
	(void) getenv_s("REQUEST_METHOD");
	(void) getenv_s("DOCUMENT_ROOT");
	(void) getenv_s("PATH_INFO");
	CHECK(getenv_s("NO_SUCH_NAME_IN_ANY_REQUEST_\x01") == NULL);
	/* the names are unique: repeated ones were resolved to one entry */
	for (i = 0; i < conn->env.count; i++) {
		const scgi_env_entry *e = &conn->env.entries[i];

		CHECK(conn->env.slots[e->slot] == i + 1);
	}

	/* what FPM's path logic does: put, overwrite, delete, put again */
	sf = getenv_s("SCRIPT_FILENAME");
	if (sf) {
		v = putenv_s("ORIG_SCRIPT_FILENAME", sf);
		CHECK(v != NULL && strcmp(v, getenv_s("SCRIPT_FILENAME")) == 0);
	}
	v = putenv_s("PATH_TRANSLATED", "/fuzz/translated");
	CHECK(v != NULL && strcmp(getenv_s("PATH_TRANSLATED"), "/fuzz/translated") == 0);
	count_before = conn->env.count;
	CHECK(putenv_s("PATH_TRANSLATED", NULL) == NULL);
	CHECK(getenv_s("PATH_TRANSLATED") == NULL);
	CHECK(conn->env.count == count_before);
	v = putenv_s("PATH_TRANSLATED", "again");
	CHECK(v != NULL && strcmp(getenv_s("PATH_TRANSLATED"), "again") == 0);
	CHECK(conn->env.count == count_before);
	/* a value bigger than an arena chunk, sometimes */
	if (rng_next(seed) % 4 == 0) {
		size_t n = 100 + rng_next(seed) % 9000;

		big = malloc(n + 1);
		CHECK(big != NULL);
		memset(big, 'b', n);
		big[n] = '\0';
		v = putenv_s("FUZZ_BIG", big);
		CHECK(v != NULL && strlen(v) == n);
		free(big);
	}
	/* new names past the table's capacity: it grows (only where that is
	 * cheap: these names share few hash values, and probing is linear) */
	if (conn->env.capacity < 100 && rng_next(seed) % 4 == 0) {
		char name[32];
		uint32_t extra = conn->env.capacity - conn->env.count + 10;

		for (i = 0; i < extra; i++) {
			snprintf(name, sizeof(name), "FUZZ_N%u", i);
			CHECK(putenv_s(name, name) != NULL);
		}
		CHECK(conn->env.count <= conn->env.capacity);
		for (i = 0; i < extra; i += 7) {
			snprintf(name, sizeof(name), "FUZZ_N%u", i);
			CHECK(strcmp(getenv_s(name), name) == 0);
		}
		CHECK(strcmp(getenv_s("SCGI"), "1") == 0);
		w.count = 0;
		scgi_env_apply(&conn->env, check_entry, &w);
	}
}

typedef struct {
	int      accepted;
	uint32_t env_count;      /* right after accept */
	size_t   body_total;
	int      body_end;       /* last read_body result, 1: not read */
	int      bad;            /* on_bad_request calls */
	size_t   reply_len;
	int      timing_free;    /* all input and EOF were there before accept */
} outcome;

static const uint8_t probe_req[] =
	"78:CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0" "REQUEST_METHOD\0" "GET\0"
	"SCRIPT_FILENAME\0" "/probe.php\0" "PROBE\0" "1\0,";

/* One connection: the client sends data; the worker serves it. */
static void serve(const uint8_t *data, size_t size, uint64_t hash, int probe, outcome *o)
{
	static const size_t read_sizes[] = { 1, 3, 100, 4096, 16384, 70000 };
	static char reply[65536];
	static char expect[32768];
	uint64_t seed = hash;
	int cfd, fd, i, force = (int) ((hash >> 8) % 5 == 0);
	size_t off, expect_len = 0, body_avail, rsize = read_sizes[(hash >> 11) % 6];
	ssize_t n;
	pthread_t client;
	client_job job;
	int bad_before = bad_requests;

	memset(o, 0, sizeof(*o));
	o->body_end = 1;

	cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(cfd >= 0);
	CHECK(connect(cfd, (struct sockaddr *) &sock_addr, sock_addr_len) == 0);
	/* all of the input is in the socket before the worker looks (64 KiB
	 * fit the socket buffer): what each recv() sees does not depend on
	 * thread timing */
	off = 0;
	while (off < size) {
		n = send(cfd, data + off, size - off, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n > 0) {
			off += (size_t) n;
		} else if (!(n < 0 && errno == EINTR)) {
			break;
		}
	}
	if (off == size) {
		/* EOF is there too: no header or body timeout depends on when
		 * the client thread runs */
		CHECK(shutdown(cfd, SHUT_WR) == 0);
		o->timing_free = 1;
	}
	memset(&job, 0, sizeof(job));
	job.fd = cfd;
	job.data = data + off;
	job.len = size - off;
	job.reply = reply;
	job.reply_cap = sizeof(reply);
	CHECK(pthread_create(&client, NULL, client_thread, &job) == 0);

	fd = scgi_conn_accept(conn);
	CHECK(disallowed == 0);
	if (fd < 0) {
		/* refused: a 4xx line at most, then EOF */
		CHECK(!probe);
		CHECK(conn->fd == -1);
		CHECK(pthread_join(client, NULL) == 0);
		CHECK(!job.timed_out);
		if (job.reply_len) {
			CHECK(job.reply_len > 12 && memcmp(reply, "Status: 4", 9) == 0);
			CHECK(bad_requests > bad_before);
		}
		goto done;
	}
	o->accepted = 1;
	o->env_count = conn->env.count;
	CHECK(fd == conn->fd);
	CHECK(bad_requests == bad_before);
	CHECK(scgi_conn_peer_ip(conn) == NULL);
	CHECK(conn->parser.header_end <= size);
	CHECK(conn->body_left == conn->parser.content_length);
	CHECK(conn->in_len >= conn->parser.header_end && conn->in_len <= conn->in_cap);
	CHECK(memcmp(conn->in_buf, data, conn->parser.header_end) == 0);
	if (probe) {
		/* exactly the probe's own five pairs: nothing of the last request */
		CHECK(conn->env.count == 5);
		CHECK(strcmp(getenv_s("PROBE"), "1") == 0);
		CHECK(strcmp(getenv_s("SCRIPT_FILENAME"), "/probe.php") == 0);
		CHECK(getenv_s("PATH_INFO") == NULL && getenv_s("SCRIPT_NAME") == NULL);
		CHECK(conn->in_len == conn->parser.header_end);
	}

	check_env(&seed);

	/* the body: exactly the bytes after the header, at most CONTENT_LENGTH */
	body_avail = size - conn->parser.header_end;
	if (!probe && (hash >> 44) % 4 == 0) {
		/* a script that never reads its body: close drains it */
		CHECK(conn->body_left == conn->parser.content_length);
	} else {
		char *buf;
		int rounds = 0;

		if (rsize < 100 && conn->parser.content_length > 2048) {
			rsize = 100;  /* byte by byte only where it is cheap */
		}
		buf = malloc(rsize);

		CHECK(buf != NULL);
		for (;;) {
			n = scgi_conn_read_body(conn, buf, rsize);
			if (n <= 0) {
				break;
			}
			CHECK((size_t) n <= rsize);
			CHECK(o->body_total + (size_t) n <= conn->parser.content_length);
			CHECK(o->body_total + (size_t) n <= body_avail);
			CHECK(memcmp(buf, data + conn->parser.header_end + o->body_total, (size_t) n) == 0);
			o->body_total += (size_t) n;
			CHECK(++rounds <= MAX_INPUT + 2);
		}
		free(buf);
		o->body_end = (int) n;
		if (n == 0) {
			CHECK(o->body_total == conn->parser.content_length);
		} else {
			CHECK(n == -1);
			CHECK(o->body_total == body_avail && o->body_total < conn->parser.content_length);
			CHECK(conn->body_truncated);
			CHECK(bad_requests == bad_before + 1);
			/* once broken, it stays broken */
			CHECK(scgi_conn_read_body(conn, expect, 10) == -1);
		}
		CHECK(scgi_conn_read_body(conn, expect, 0) <= 0);
	}

	/* the response: headers, then a body of 0 .. 20000 bytes in pieces */
	{
		static const char head[] = "Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n";
		size_t total = (size_t) ((hash >> 16) % 4 == 0 ? 0 : (hash >> 18) % 20000);
		size_t piece = 64 + (size_t) ((hash >> 34) % 9000);

		CHECK(scgi_output_write(scgi_conn_output(conn), head, sizeof(head) - 1) == (ssize_t) (sizeof(head) - 1));
		memcpy(expect, head, sizeof(head) - 1);
		expect_len = sizeof(head) - 1;
		while (total > 0) {
			size_t k = total < piece ? total : piece;

			memset(expect + expect_len, 'a' + (int) (expect_len % 26), k);
			CHECK(scgi_output_write(scgi_conn_output(conn), expect + expect_len, k) == (ssize_t) k);
			expect_len += k;
			total -= k;
			if ((hash >> 40) % 3 == 0) {
				CHECK(scgi_output_flush(scgi_conn_output(conn), 1) == 1);
			}
		}
	}
	scgi_conn_close(conn, force);
	CHECK(conn->fd == -1);
	/* after the end the script may go on talking */
	CHECK(scgi_output_write(scgi_conn_output(conn), "late", 4) == 4);
	scgi_env_reset(&conn->env);
	CHECK(conn->env.count == 0);

	CHECK(pthread_join(client, NULL) == 0);
	CHECK(!job.timed_out);
	if (force) {
		CHECK(job.reply_len <= expect_len);
	} else {
		CHECK(job.reply_len == expect_len);
	}
	CHECK(memcmp(reply, expect, job.reply_len) == 0);

done:
	o->bad = bad_requests - bad_before;
	o->reply_len = job.reply_len;
	close(cfd);
	/* nothing left in the accept queue */
	i = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	CHECK(i < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

static void same_outcome(const outcome *a, const outcome *b)
{
	if (!a->timing_free || !b->timing_free) {
		return;  /* part of the input came from a thread: timing decides */
	}
	CHECK(a->accepted == b->accepted);
	CHECK(a->env_count == b->env_count);
	CHECK(a->body_total == b->body_total);
	CHECK(a->body_end == b->body_end);
	CHECK(a->bad == b->bad);
	CHECK(a->reply_len == b->reply_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t header_sizes[] = { 1024, 4096, 20000, 65536 };
	static const uint32_t pair_limits[] = { 8, 32, 512 };
	scgi_conn_limits limits;
	uint64_t seed = UINT64_C(0xcbf29ce484222325), hash;
	outcome first, again, probe;
	size_t i;

	if (size > MAX_INPUT) {
		return 0;
	}
	if (listen_fd < 0) {
		setup();
	}
	for (i = 0; i < size; i++) {
		seed = (seed ^ data[i]) * UINT64_C(0x100000001b3);
	}
	hash = rng_next(&seed);

	limits.max_header_size = header_sizes[hash % 4];
	limits.max_header_pairs = pair_limits[(hash >> 2) % 3];
	limits.header_timeout_ms = 50;
	limits.body_timeout_ms = 50;
	limits.php_value_params = (int) ((hash >> 4) & 1);
	conn = scgi_conn_new(listen_fd, &limits, &hooks, allowed_clients);
	CHECK(conn != NULL);

	serve(data, size, hash, 0, &first);
	serve(data, size, hash, 0, &again);
	same_outcome(&first, &again);
	serve(probe_req, sizeof(probe_req) - 1, hash, 1, &probe);
	CHECK(probe.accepted && probe.bad == 0 && probe.body_end == 0);

	/* new limits for a used connection (as after fork), then once more */
	if ((hash >> 5) % 4 == 0) {
		limits.max_header_size = header_sizes[(hash >> 50) % 4];
		limits.max_header_pairs = pair_limits[(hash >> 53) % 3];
		CHECK(scgi_conn_set_limits(conn, &limits) == 0);
		serve(data, size, hash, 0, &again);
	}

	scgi_conn_free(conn);
	conn = NULL;
	return 0;
}
