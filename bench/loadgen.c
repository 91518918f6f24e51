/*
 * loadgen: a closed-loop load generator that speaks FastCGI or SCGI
 * straight to a PHP pool socket, so the protocol's own cost is measured
 * apart from any web server's; or HTTP/1.1 to a web server, keeping each
 * connection alive as wrk does, to count responses per connection.
 *
 * Both protocols get the same request: the same CGI parameters in the same
 * order, the same body, one new connection per request (what nginx does by
 * default for fastcgi_pass and always for scgi_pass).  Each of the -c
 * threads keeps exactly one request in flight: connect, write the whole
 * prebuilt request, read the whole response, close.
 *
 *   loadgen -P fcgi|scgi -a /path/pool.sock|host:port -s /docroot/hello.php
 *           [-c conns] [-d seconds | -n requests] [-w warmup-seconds]
 *           [-m GET|POST] [-b body-file] [-T content-type] [-q query]
 *           [-H NAME=value ...] [-t timeout-seconds] [-v]
 *   loadgen -P http -a host:port -u /hello.php [the same options but -s]
 *
 * Output: one JSON object on stdout (requests, errors, req/s, latency
 * percentiles in microseconds, response bytes, and how many of the -c
 * connections got no good response at all while measuring: a server that
 * pins its backends can starve some clients completely, which neither a
 * request count nor a latency percentile shows).
 *
 * Build: cc -O2 -pthread -o loadgen loadgen.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum proto { P_FCGI, P_SCGI, P_HTTP };

#define FCGI_BEGIN_REQUEST 1
#define FCGI_END_REQUEST   3
#define FCGI_PARAMS        4
#define FCGI_STDIN         5
#define FCGI_STDOUT        6
#define FCGI_STDERR        7
#define FCGI_RESPONDER     1
#define FCGI_MAX_CONTENT   65528	/* largest multiple of 8 below 65536, as nginx */

struct buf {
	char *p;
	size_t len, cap;
};

static void buf_grow(struct buf *b, size_t need)
{
	if (b->len + need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + need)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p) {
		perror("realloc");
		exit(2);
	}
	b->cap = cap;
}

static void buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void buf_byte(struct buf *b, unsigned char c)
{
	buf_add(b, &c, 1);
}

/* the request, built once, sent by every thread */
static struct buf request;
static enum proto proto = P_SCGI;

/* where to connect */
static int addr_family;
static struct sockaddr_storage addr;
static socklen_t addr_len;

static int nconns = 1;
static double duration = 0, warmup = 0;
static long total_requests = 0;
static int timeout_s = 10;

static atomic_long issued;
static atomic_int measuring;
static volatile int stopping;
static int verbose;
static atomic_int dumped;

/* -v: show the head of the first response on stderr, to check by eye */
static void dump_head(const char *head, size_t hlen)
{
	if (verbose && atomic_fetch_add(&dumped, 1) == 0) {
		fprintf(stderr, "--- first response (%zu bytes shown) ---\n", hlen);
		fwrite(head, 1, hlen, stderr);
		fprintf(stderr, "\n---\n");
	}
}

struct worker {
	pthread_t tid;
	uint32_t *lat;		/* microseconds */
	size_t nlat, cap;
	long errors, requests, good;	/* good: answered without an error */
	long err_connect, err_io, err_status, err_proto;
	unsigned long long bytes;
	int fd;			/* HTTP: the kept-alive connection, or -1 */
	size_t rpos, rhave;	/* HTTP: unread bytes rbuf[rpos..rhave) */
	char rbuf[65536];
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fcgi_header(struct buf *b, int type, int len)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1,
		(unsigned char)(len >> 8), (unsigned char)len, 0, 0 };
	buf_add(b, h, 8);
}

static void fcgi_len(struct buf *b, size_t n)
{
	if (n < 128) {
		buf_byte(b, n);
	} else {
		buf_byte(b, 0x80 | (n >> 24));
		buf_byte(b, n >> 16);
		buf_byte(b, n >> 8);
		buf_byte(b, n);
	}
}

struct param {
	const char *name, *value;
};

/* HTTP/1.1: what wrk sends, plus the body's type and length */
static void build_http_request(const char *method, const char *target, const char *ctype,
	const char *body, size_t body_len)
{
	char head[8192];
	int n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", method, target);
	if (body) {
		n += snprintf(head + n, sizeof head - n, "Content-Length: %zu\r\n", body_len);
		if (*ctype)
			n += snprintf(head + n, sizeof head - n, "Content-Type: %s\r\n", ctype);
	}
	if (n + 3 > (int)sizeof head) {
		fprintf(stderr, "loadgen: request line too long\n");
		exit(2);
	}
	buf_add(&request, head, n);
	buf_add(&request, "\r\n", 2);
	if (body)
		buf_add(&request, body, body_len);
}

static void build_request(struct param *params, int nparams, const char *body, size_t body_len)
{
	char cl[32];
	snprintf(cl, sizeof cl, "%zu", body_len);

	if (proto == P_SCGI) {
		struct buf h = { 0 };
		/* CONTENT_LENGTH first, then SCGI=1, as the spec requires */
		buf_add(&h, "CONTENT_LENGTH", 15);
		buf_add(&h, cl, strlen(cl) + 1);
		buf_add(&h, "SCGI", 5);
		buf_add(&h, "1", 2);
		for (int i = 0; i < nparams; i++) {
			buf_add(&h, params[i].name, strlen(params[i].name) + 1);
			buf_add(&h, params[i].value, strlen(params[i].value) + 1);
		}
		char ns[32];
		int n = snprintf(ns, sizeof ns, "%zu:", h.len);
		buf_add(&request, ns, n);
		buf_add(&request, h.p, h.len);
		buf_byte(&request, ',');
		buf_add(&request, body, body_len);
		free(h.p);
		return;
	}

	/* FastCGI: BEGIN_REQUEST (responder, no keep-conn), PARAMS, empty
	 * PARAMS, STDIN records, empty STDIN */
	unsigned char begin[8] = { 0, FCGI_RESPONDER, 0, 0, 0, 0, 0, 0 };
	fcgi_header(&request, FCGI_BEGIN_REQUEST, 8);
	buf_add(&request, begin, 8);

	struct buf p = { 0 };
	fcgi_len(&p, 14);
	fcgi_len(&p, strlen(cl));
	buf_add(&p, "CONTENT_LENGTH", 14);
	buf_add(&p, cl, strlen(cl));
	for (int i = 0; i < nparams; i++) {
		size_t nl = strlen(params[i].name), vl = strlen(params[i].value);
		fcgi_len(&p, nl);
		fcgi_len(&p, vl);
		buf_add(&p, params[i].name, nl);
		buf_add(&p, params[i].value, vl);
	}
	for (size_t off = 0; off < p.len; off += FCGI_MAX_CONTENT) {
		size_t n = p.len - off < FCGI_MAX_CONTENT ? p.len - off : FCGI_MAX_CONTENT;
		fcgi_header(&request, FCGI_PARAMS, n);
		buf_add(&request, p.p + off, n);
	}
	fcgi_header(&request, FCGI_PARAMS, 0);
	free(p.p);
	for (size_t off = 0; off < body_len; off += FCGI_MAX_CONTENT) {
		size_t n = body_len - off < FCGI_MAX_CONTENT ? body_len - off : FCGI_MAX_CONTENT;
		fcgi_header(&request, FCGI_STDIN, n);
		buf_add(&request, body + off, n);
	}
	fcgi_header(&request, FCGI_STDIN, 0);
}

static int parse_addr(const char *a)
{
	memset(&addr, 0, sizeof addr);
	if (strchr(a, '/') || !strchr(a, ':')) {
		struct sockaddr_un *un = (struct sockaddr_un *)&addr;
		if (strlen(a) >= sizeof un->sun_path)
			return -1;
		un->sun_family = AF_UNIX;
		strcpy(un->sun_path, a);
		addr_family = AF_UNIX;
		addr_len = sizeof *un;
		return 0;
	}
	char host[256];
	const char *colon = strrchr(a, ':');
	if (!colon || (size_t)(colon - a) >= sizeof host)
		return -1;
	memcpy(host, a, colon - a);
	host[colon - a] = 0;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0)
		return -1;
	memcpy(&addr, res->ai_addr, res->ai_addrlen);
	addr_len = res->ai_addrlen;
	addr_family = res->ai_family;
	freeaddrinfo(res);
	return 0;
}

static int open_conn(void)
{
	int fd = socket(addr_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct timeval tv = { timeout_s, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (addr_family != AF_UNIX) {
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	}
	if (connect(fd, (struct sockaddr *)&addr, addr_len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

/* The status of a CGI response: "Status: NNN" among the headers, else 200.
 * Looks only at the first bytes of the response (the header block). */
static int cgi_status(const char *p, size_t n)
{
	const char *end = p + n;
	const char *line = p;
	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		size_t ll = nl ? (size_t)(nl - line) : (size_t)(end - line);
		if (ll == 0 || (ll == 1 && line[0] == '\r'))
			break;
		if (ll > 11 && strncasecmp(line, "Status:", 7) == 0)
			return atoi(line + 7);
		if (ll > 12 && strncmp(line, "HTTP/1.", 7) == 0)
			return atoi(line + 9);
		if (!nl)
			break;
		line = nl + 1;
	}
	return 200;
}

/* SCGI: the response is everything until the server closes */
static int scgi_read(struct worker *w, int fd, unsigned long long *bytes)
{
	char head[512];
	size_t hlen = 0;
	for (;;) {
		ssize_t r = recv(fd, w->rbuf, sizeof w->rbuf, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		if (hlen < sizeof head) {
			size_t n = sizeof head - hlen < (size_t)r ? sizeof head - hlen : (size_t)r;
			memcpy(head + hlen, w->rbuf, n);
			hlen += n;
		}
		*bytes += r;
	}
	if (hlen == 0)
		return -2;
	dump_head(head, hlen);
	return cgi_status(head, hlen);
}

/* FastCGI: records until END_REQUEST.  Reads in large chunks and walks the
 * records in the buffer, like a real client would. */
static int fcgi_read(struct worker *w, int fd, unsigned long long *bytes)
{
	char head[512];
	size_t hlen = 0;
	size_t have = 0, pos = 0;
	char *b = w->rbuf;
	for (;;) {
		/* need a full 8-byte header in the buffer */
		while (have - pos < 8) {
			memmove(b, b + pos, have - pos);
			have -= pos;
			pos = 0;
			ssize_t r = recv(fd, b + have, sizeof w->rbuf - have, 0);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				return r == 0 ? -2 : -1;
			have += r;
		}
		unsigned char *h = (unsigned char *)b + pos;
		int type = h[1];
		size_t clen = (h[4] << 8) | h[5];
		size_t plen = h[6];
		size_t rec = clen + plen;
		pos += 8;
		/* walk the content, refilling as needed */
		size_t left = rec, cleft = clen;
		while (left) {
			if (pos == have) {
				pos = have = 0;
				ssize_t r = recv(fd, b, sizeof w->rbuf, 0);
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0)
					return r == 0 ? -2 : -1;
				have = r;
			}
			size_t n = have - pos < left ? have - pos : left;
			size_t c = n < cleft ? n : cleft;
			if (type == FCGI_STDOUT && c) {
				if (hlen < sizeof head) {
					size_t m = sizeof head - hlen < c ? sizeof head - hlen : c;
					memcpy(head + hlen, b + pos, m);
					hlen += m;
				}
				*bytes += c;
			}
			cleft -= c;
			pos += n;
			left -= n;
		}
		if (type == FCGI_END_REQUEST) {
			if (clen < 8)
				return -3;
			/* protocolStatus is byte 4 of the body; app status is ignored
			 * (PHP returns 0 or the exit code) */
			break;
		}
	}
	if (hlen == 0)
		return -2;
	dump_head(head, hlen);
	return cgi_status(head, hlen);
}

/* HTTP: a buffered reader over the kept-alive connection.  Returns 0 when
 * at least one more byte is buffered, -1 on error or timeout, -2 when the
 * server closed the connection. */
static int http_fill(struct worker *w)
{
	if (w->rpos == w->rhave)
		w->rpos = w->rhave = 0;
	if (w->rhave == sizeof w->rbuf) {
		memmove(w->rbuf, w->rbuf + w->rpos, w->rhave - w->rpos);
		w->rhave -= w->rpos;
		w->rpos = 0;
		if (w->rhave == sizeof w->rbuf)
			return -1;	/* a line longer than the buffer */
	}
	for (;;) {
		ssize_t r = recv(w->fd, w->rbuf + w->rhave, sizeof w->rbuf - w->rhave, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? -2 : -1;
		w->rhave += r;
		return 0;
	}
}

/* one line (without CR LF) into line[0..cap), NUL-terminated and cut at cap */
static int http_line(struct worker *w, char *line, size_t cap)
{
	for (;;) {
		char *nl = memchr(w->rbuf + w->rpos, '\n', w->rhave - w->rpos);
		if (nl) {
			size_t n = nl - (w->rbuf + w->rpos);
			size_t keep = n && nl[-1] == '\r' ? n - 1 : n;
			if (keep >= cap)
				keep = cap - 1;
			memcpy(line, w->rbuf + w->rpos, keep);
			line[keep] = 0;
			w->rpos += n + 1;
			return 0;
		}
		int r = http_fill(w);
		if (r < 0)
			return r;
	}
}

/* consume n body bytes, or all until the server closes when n is -1 */
static int http_skip(struct worker *w, long long n, unsigned long long *bytes)
{
	while (n) {
		if (w->rpos == w->rhave) {
			int r = http_fill(w);
			if (r == -2 && n < 0)
				return 0;
			if (r < 0)
				return r;
		}
		size_t have = w->rhave - w->rpos;
		size_t take = n < 0 || (unsigned long long)n > have ? have : (size_t)n;
		w->rpos += take;
		*bytes += take;
		if (n > 0)
			n -= take;
	}
	return 0;
}

/* one response on the kept-alive connection: status line, headers, then a
 * body by Content-Length, chunked, or until close.  Returns the status, or
 * < 0 on error; *close_after says the connection cannot carry another. */
static int http_read(struct worker *w, unsigned long long *bytes, int *close_after)
{
	char line[1024];
	long long length = -1;
	int chunked = 0, status, r;

	*close_after = 0;
	if ((r = http_line(w, line, sizeof line)) < 0)
		return r;
	if (strncmp(line, "HTTP/1.", 7) != 0 || strlen(line) < 12)
		return -3;
	status = atoi(line + 9);
	if (line[7] == '0')
		*close_after = 1;
	dump_head(line, strlen(line));
	for (;;) {
		if ((r = http_line(w, line, sizeof line)) < 0)
			return r;
		if (!line[0])
			break;
		if (!strncasecmp(line, "Content-Length:", 15))
			length = atoll(line + 15);
		else if (!strncasecmp(line, "Transfer-Encoding:", 18) && strcasestr(line + 18, "chunked"))
			chunked = 1;
		else if (!strncasecmp(line, "Connection:", 11) && strcasestr(line + 11, "close"))
			*close_after = 1;
	}
	if (chunked) {
		for (;;) {
			if ((r = http_line(w, line, sizeof line)) < 0)
				return r;
			long long size = strtoll(line, NULL, 16);
			if (size < 0)
				return -3;
			if (size == 0)
				break;
			if ((r = http_skip(w, size, bytes)) < 0 || (r = http_line(w, line, sizeof line)) < 0)
				return r;
		}
		do {		/* trailers, up to the empty line */
			if ((r = http_line(w, line, sizeof line)) < 0)
				return r;
		} while (line[0]);
	} else if (length >= 0) {
		if ((r = http_skip(w, length, bytes)) < 0)
			return r;
	} else {
		*close_after = 1;
		if ((r = http_skip(w, -1, bytes)) < 0)
			return r;
	}
	return status;
}

/* HTTP: send on the kept-alive connection (opening one if there is none)
 * and read the answer; a connection the server closed before answering is
 * opened again once, as wrk does */
static int http_request(struct worker *w, unsigned long long *bytes)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		int fresh = w->fd < 0;
		if (fresh) {
			w->fd = open_conn();
			w->rpos = w->rhave = 0;
			if (w->fd < 0)
				return -10;
		}
		int close_after = 1, status;
		if (write_all(w->fd, request.p, request.len) < 0)
			status = -11;
		else
			status = http_read(w, bytes, &close_after);
		if (status < 0 || close_after) {
			close(w->fd);
			w->fd = -1;
		}
		if (status == -2 && !fresh && *bytes == 0)
			continue;	/* the server had closed the idle connection */
		return status;
	}
	return -2;
}

static void record(struct worker *w, uint32_t us)
{
	if (w->nlat == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 65536;
		w->lat = realloc(w->lat, w->cap * sizeof *w->lat);
		if (!w->lat) {
			perror("realloc");
			exit(2);
		}
	}
	w->lat[w->nlat++] = us;
}

static void *run(void *arg)
{
	struct worker *w = arg;
	while (!stopping) {
		if (total_requests) {
			long n = atomic_fetch_add(&issued, 1);
			if (n >= total_requests)
				break;
		}
		double t0 = now();
		int counted = atomic_load(&measuring);
		unsigned long long bytes = 0;
		int status, fd = -1;
		if (proto == P_HTTP)
			status = http_request(w, &bytes);
		else if ((fd = open_conn()) < 0) {
			status = -10;
		} else if (write_all(fd, request.p, request.len) < 0) {
			status = -11;
			close(fd);
		} else {
			status = proto == P_SCGI ? scgi_read(w, fd, &bytes) : fcgi_read(w, fd, &bytes);
			close(fd);
		}
		double t1 = now();
		if (!counted || !atomic_load(&measuring))
			continue;
		w->requests++;
		w->bytes += bytes;
		if (status == -10) {
			w->errors++;
			w->err_connect++;
			usleep(1000);	/* a refused connect must not spin */
		} else if (status < 0) {
			w->errors++;
			if (status == -3)
				w->err_proto++;
			else
				w->err_io++;
		} else if (status >= 400) {
			w->errors++;
			w->err_status++;
		} else {
			w->good++;
		}
		record(w, (uint32_t)((t1 - t0) * 1e6));
	}
	if (w->fd >= 0)
		close(w->fd);
	return NULL;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	struct stat st;
	fstat(fileno(f), &st);
	char *p = malloc(st.st_size + 1);
	if (!p || fread(p, 1, st.st_size, f) != (size_t)st.st_size) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = st.st_size;
	return p;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: loadgen -P fcgi|scgi -a SOCKET|HOST:PORT -s SCRIPT_FILENAME\n"
		"       loadgen -P http -a HOST:PORT -u /PATH\n"
		"               [-c conns] [-d seconds | -n requests] [-w warmup-seconds]\n"
		"               [-m method] [-b body-file] [-T content-type] [-q query]\n"
		"               [-H NAME=value]... [-t timeout-seconds] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *address = NULL, *script = NULL, *method = NULL, *body_file = NULL;
	const char *ctype = "", *query = "", *target = NULL;
	struct param extra[64];
	int nextra = 0;
	int opt;

	while ((opt = getopt(argc, argv, "P:a:s:u:c:d:n:w:m:b:T:q:H:t:v")) != -1) {
		switch (opt) {
		case 'P':
			if (!strcmp(optarg, "fcgi") || !strcmp(optarg, "fastcgi"))
				proto = P_FCGI;
			else if (!strcmp(optarg, "scgi"))
				proto = P_SCGI;
			else if (!strcmp(optarg, "http"))
				proto = P_HTTP;
			else
				usage();
			break;
		case 'a': address = optarg; break;
		case 's': script = optarg; break;
		case 'u': target = optarg; break;
		case 'c': nconns = atoi(optarg); break;
		case 'd': duration = atof(optarg); break;
		case 'n': total_requests = atol(optarg); break;
		case 'w': warmup = atof(optarg); break;
		case 'm': method = optarg; break;
		case 'b': body_file = optarg; break;
		case 'T': ctype = optarg; break;
		case 'q': query = optarg; break;
		case 't': timeout_s = atoi(optarg); break;
		case 'v': verbose = 1; break;
		case 'H': {
			char *eq = strchr(optarg, '=');
			if (!eq || nextra == 64)
				usage();
			*eq = 0;
			extra[nextra].name = optarg;
			extra[nextra].value = eq + 1;
			nextra++;
			break;
		}
		default:
			usage();
		}
	}
	if (!address || nconns < 1 || (duration <= 0 && total_requests <= 0))
		usage();
	if (proto == P_HTTP ? !target || target[0] != '/' : !script)
		usage();
	if (parse_addr(address) < 0) {
		fprintf(stderr, "loadgen: bad address %s\n", address);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);

	size_t body_len = 0;
	char *body = body_file ? read_file(body_file, &body_len) : NULL;
	if (!method)
		method = body_file ? "POST" : "GET";

	if (proto == P_HTTP) {
		char path[8192];
		snprintf(path, sizeof path, "%s%s%s", target, *query ? "?" : "", query);
		build_http_request(method, path, ctype, body, body_len);
		script = "";
	}

	/* SCRIPT_NAME etc. from the script path's last component, the document
	 * root from its directory: what nginx would send for /name.php */
	static char docroot[4096], uri[4096], request_uri[8192];
	const char *slash = strrchr(script, '/');
	snprintf(docroot, sizeof docroot, "%.*s", slash ? (int)(slash - script) : 0, script);
	snprintf(uri, sizeof uri, "/%s", slash ? slash + 1 : script);
	snprintf(request_uri, sizeof request_uri, "%s%s%s", uri, *query ? "?" : "", query);

	/* the same parameters, in the same order, as nginx's fastcgi.conf */
	struct param params[96] = {
		{ "SCRIPT_FILENAME", script },
		{ "QUERY_STRING", query },
		{ "REQUEST_METHOD", method },
		{ "CONTENT_TYPE", ctype },
		{ "SCRIPT_NAME", uri },
		{ "REQUEST_URI", request_uri },
		{ "DOCUMENT_URI", uri },
		{ "DOCUMENT_ROOT", docroot },
		{ "SERVER_PROTOCOL", "HTTP/1.1" },
		{ "REQUEST_SCHEME", "http" },
		{ "GATEWAY_INTERFACE", "CGI/1.1" },
		{ "SERVER_SOFTWARE", "loadgen" },
		{ "REMOTE_ADDR", "127.0.0.1" },
		{ "REMOTE_PORT", "40000" },
		{ "SERVER_ADDR", "127.0.0.1" },
		{ "SERVER_PORT", "80" },
		{ "SERVER_NAME", "localhost" },
		{ "REDIRECT_STATUS", "200" },
		{ "HTTP_HOST", "localhost" },
		{ "HTTP_USER_AGENT", "loadgen" },
		{ "HTTP_ACCEPT", "*/*" },
	};
	int nparams = 21;
	for (int i = 0; i < nextra; i++)
		params[nparams++] = extra[i];
	if (proto != P_HTTP)
		build_request(params, nparams, body, body_len);

	struct worker *ws = calloc(nconns, sizeof *ws);
	if (!ws) {
		perror("calloc");
		return 2;
	}
	atomic_store(&measuring, warmup > 0 ? 0 : 1);
	for (int i = 0; i < nconns; i++) {
		ws[i].fd = -1;
		if (pthread_create(&ws[i].tid, NULL, run, &ws[i]) != 0) {
			perror("pthread_create");
			return 2;
		}
	}
	if (warmup > 0) {
		usleep((useconds_t)(warmup * 1e6));
		atomic_store(&measuring, 1);
	}
	double t0 = now();
	struct rusage ru0, ru1;
	getrusage(RUSAGE_SELF, &ru0);
	if (duration > 0) {
		double end = t0 + duration;
		for (;;) {
			double t = now();
			if (t >= end)
				break;
			double left = end - t;
			usleep(left > 0.05 ? 50000 : (useconds_t)(left * 1e6) + 1);
		}
		atomic_store(&measuring, 0);
		stopping = 1;
	}
	double elapsed = now() - t0;
	for (int i = 0; i < nconns; i++)
		pthread_join(ws[i].tid, NULL);
	if (duration <= 0)
		elapsed = now() - t0;
	getrusage(RUSAGE_SELF, &ru1);
	double cpu_us = (ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) * 1e6 + (ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec)
		+ (ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) * 1e6 + (ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec);

	size_t nlat = 0;
	long requests = 0, errors = 0, ec = 0, eio = 0, es = 0, ep = 0;
	long starved = 0, least = -1;
	unsigned long long bytes = 0;
	for (int i = 0; i < nconns; i++) {
		nlat += ws[i].nlat;
		requests += ws[i].requests;
		errors += ws[i].errors;
		ec += ws[i].err_connect;
		eio += ws[i].err_io;
		es += ws[i].err_status;
		ep += ws[i].err_proto;
		bytes += ws[i].bytes;
		if (ws[i].good == 0)
			starved++;
		if (least < 0 || ws[i].good < least)
			least = ws[i].good;
	}
	uint32_t *all = malloc((nlat ? nlat : 1) * sizeof *all);
	size_t k = 0;
	double sum = 0;
	for (int i = 0; i < nconns; i++) {
		memcpy(all + k, ws[i].lat, ws[i].nlat * sizeof *all);
		k += ws[i].nlat;
	}
	qsort(all, nlat, sizeof *all, cmp_u32);
	for (size_t i = 0; i < nlat; i++)
		sum += all[i];
#define PCT(q) (nlat ? all[(size_t)((q) * (nlat - 1) + 0.5)] : 0)
	printf("{\"tool\":\"loadgen\",\"protocol\":\"%s\",\"connections\":%d,"
	       "\"duration_s\":%.3f,\"requests\":%ld,\"errors\":%ld,"
	       "\"errors_connect\":%ld,\"errors_io\":%ld,\"errors_status\":%ld,\"errors_protocol\":%ld,"
	       "\"rps\":%.1f,\"p50_us\":%u,\"p90_us\":%u,\"p99_us\":%u,\"max_us\":%u,"
	       "\"mean_us\":%.1f,\"bytes\":%llu,\"request_bytes\":%zu,\"client_cpu_us_per_request\":%.1f,"
	       "\"client_voluntary_switches_per_request\":%.2f,\"client_involuntary_switches_per_request\":%.2f,"
	       "\"connections_without_response\":%ld,\"least_responses_per_connection\":%ld}\n",
	       proto == P_SCGI ? "scgi" : proto == P_FCGI ? "fcgi" : "http", nconns, elapsed, requests, errors,
	       ec, eio, es, ep, elapsed > 0 ? (requests - 0) / elapsed : 0.0,
	       PCT(0.50), PCT(0.90), PCT(0.99), nlat ? all[nlat - 1] : 0,
	       nlat ? sum / nlat : 0.0, bytes, request.len, requests ? cpu_us / requests : 0.0,
	       requests ? (double)(ru1.ru_nvcsw - ru0.ru_nvcsw) / requests : 0.0,
	       requests ? (double)(ru1.ru_nivcsw - ru0.ru_nivcsw) / requests : 0.0,
	       starved, least);
	return 0;
}
