/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Table-driven tests of the request environment built from parsed SCGI
 * header pairs: what a name given more than once becomes (HTTP_* joined
 * with ", ", HTTP_COOKIE with "; ", anything else and HTTP_HOST: the last
 * value), the order $_SERVER shows, PHP_VALUE filtering, and that nothing of one
 * request is left for the next.
 *
 * Each case is a header payload and the environment expected from it, as
 * "NAME=value" lines in order.  Every case is loaded twice into one
 * environment, with another request in between, as a worker serves them.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scgi_env.h"
#include "unit_report.h"

#define P(s) s, sizeof(s) - 1
#define CL "CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0"
#define CL_ENV "CONTENT_LENGTH=0\n" "SCGI=1\n"

typedef struct {
	const char *name;
	const char *payload;
	size_t payload_len;
	int keep_php_value;
	const char *expect;      /* "NAME=value\n" per entry, in order */
} test_case;

#define ENV(n, payload, expect)      { n, P(payload), 0, expect }
#define ENV_PHP(n, payload, expect)  { n, P(payload), 1, expect }

static const test_case cases[] = {
	ENV("no repetition: the pairs as sent", CL "REQUEST_METHOD\0" "GET\0" "HTTP_HOST\0" "a\0",
		CL_ENV "REQUEST_METHOD=GET\n" "HTTP_HOST=a\n"),
	ENV("X-Forwarded-For twice: joined with \", \"", CL "HTTP_X_FORWARDED_FOR\0" "10.0.0.1\0"
		"HTTP_X_FORWARDED_FOR\0" "10.0.0.2\0",
		CL_ENV "HTTP_X_FORWARDED_FOR=10.0.0.1, 10.0.0.2\n"),
	ENV("X-Forwarded-For three times, in arrival order", CL "HTTP_X_FORWARDED_FOR\0" "10.0.0.1\0"
		"REQUEST_METHOD\0" "GET\0" "HTTP_X_FORWARDED_FOR\0" "10.0.0.2\0" "HTTP_X_FORWARDED_FOR\0" "10.0.0.3\0",
		CL_ENV "HTTP_X_FORWARDED_FOR=10.0.0.1, 10.0.0.2, 10.0.0.3\n" "REQUEST_METHOD=GET\n"),
	ENV("Cookie lines: joined with \"; \"", CL "HTTP_COOKIE\0" "a=1\0" "HTTP_COOKIE\0" "b=2; c=3\0",
		CL_ENV "HTTP_COOKIE=a=1; b=2; c=3\n"),
	ENV("names like HTTP_COOKIE join with \", \"", CL "HTTP_COOKIE2\0" "a\0" "HTTP_COOKIE2\0" "b\0"
		"HTTP_SET_COOKIE\0" "c\0" "HTTP_SET_COOKIE\0" "d\0",
		CL_ENV "HTTP_COOKIE2=a, b\n" "HTTP_SET_COOKIE=c, d\n"),
	ENV("two repeated headers interleaved", CL "HTTP_A\0" "1\0" "HTTP_B\0" "x\0" "HTTP_A\0" "2\0"
		"HTTP_B\0" "y\0" "HTTP_A\0" "3\0",
		CL_ENV "HTTP_A=1, 2, 3\n" "HTTP_B=x, y\n"),
	ENV("empty values are kept in the list", CL "HTTP_X\0" "\0" "HTTP_X\0" "b\0" "HTTP_X\0" "\0",
		CL_ENV "HTTP_X=, b, \n"),
	ENV("HTTPS overridden: the last wins", CL "HTTPS\0" "\0" "REQUEST_METHOD\0" "GET\0" "HTTPS\0" "on\0",
		CL_ENV "HTTPS=on\n" "REQUEST_METHOD=GET\n"),
	ENV("SERVER_NAME three times: the last wins", CL "SERVER_NAME\0" "a\0" "SERVER_NAME\0" "b\0"
		"SERVER_NAME\0" "c\0",
		CL_ENV "SERVER_NAME=c\n"),
	ENV("SCRIPT_FILENAME overridden: the last wins", CL "SCRIPT_FILENAME\0" "/a.php\0"
		"SCRIPT_FILENAME\0" "/b.php\0",
		CL_ENV "SCRIPT_FILENAME=/b.php\n"),
	ENV("HTTP_HOST overridden (scgi_param after scgi_params): the last wins", CL "HTTP_HOST\0" "localhost\0"
		"HTTP_X\0" "1\0" "HTTP_HOST\0" "localhost:8080\0",
		CL_ENV "HTTP_HOST=localhost:8080\n" "HTTP_X=1\n"),
	ENV("names beginning like HTTP_HOST are joined", CL "HTTP_HOSTS\0" "a\0" "HTTP_HOSTS\0" "b\0"
		"HTTP_X_FORWARDED_HOST\0" "a\0" "HTTP_X_FORWARDED_HOST\0" "b\0",
		CL_ENV "HTTP_HOSTS=a, b\n" "HTTP_X_FORWARDED_HOST=a, b\n"),
	ENV("a bare HTTP_ is no header: the last wins", CL "HTTP_\0" "a\0" "HTTP_\0" "b\0",
		CL_ENV "HTTP_=b\n"),
	ENV("the prefix is case-sensitive: http_x is no header", CL "http_x\0" "a\0" "http_x\0" "b\0"
		"HTTP_X\0" "c\0",
		CL_ENV "http_x=b\n" "HTTP_X=c\n"),
	ENV("header names never meet server variables", CL "SCRIPT_FILENAME\0" "/srv/a.php\0"
		"HTTP_SCRIPT_FILENAME\0" "/etc/passwd\0" "HTTPS\0" "on\0" "HTTP_HTTPS\0" "off\0"
		"HTTP_SCRIPT_FILENAME\0" "/etc/shadow\0" "REMOTE_ADDR\0" "127.0.0.1\0" "HTTP_REMOTE_ADDR\0" "6.6.6.6\0",
		CL_ENV "SCRIPT_FILENAME=/srv/a.php\n" "HTTP_SCRIPT_FILENAME=/etc/passwd, /etc/shadow\n" "HTTPS=on\n"
		"HTTP_HTTPS=off\n" "REMOTE_ADDR=127.0.0.1\n" "HTTP_REMOTE_ADDR=6.6.6.6\n"),
	/* FPM's FCGI_HASH_FUNC gives these the hash of SCRIPT_FILENAME (same
	 * length, same bytes 3, 13 and 14 weighed alike): names are compared whole */
	ENV("a header with SCRIPT_FILENAME's FastCGI hash stays apart", CL "SCRIPT_FILENAME\0" "/srv/a.php\0"
		"HTTP_X_AAAAA_LB\0" "/etc/passwd\0" "HTTP_X_AAAAA_LB\0" "x\0",
		CL_ENV "SCRIPT_FILENAME=/srv/a.php\n" "HTTP_X_AAAAA_LB=/etc/passwd, x\n"),
	ENV("PHP_VALUE left out when the pool says so", CL "PHP_VALUE\0" "a=1\0" "PHP_ADMIN_VALUE\0" "b=2\0"
		"PHP_VALUE\0" "c=3\0" "X\0" "y\0",
		CL_ENV "X=y\n"),
	ENV_PHP("PHP_VALUE kept: the last wins, as in php-fpm", CL "PHP_VALUE\0" "a=1\0" "PHP_VALUE\0" "c=3\0",
		CL_ENV "PHP_VALUE=c=3\n"),
};

/* A growing string. */
typedef struct {
	char *buf;
	size_t len, cap;
} strbuf;

static void sb_add(strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		sb->cap = (sb->len + n + 1) * 2;
		sb->buf = realloc(sb->buf, sb->cap);
		if (sb->buf == NULL) {
			abort();
		}
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/* A parsed request: the netstring and its pairs. */
typedef struct {
	char *buf;
	scgi_header_pair *pairs;
	uint32_t count;
	uint32_t payload_len;
} request;

static int request_parse(request *r, const char *payload, size_t payload_len, detail *d)
{
	strbuf sb = { NULL, 0, 0 };
	char prefix[32];
	scgi_parser p;
	int n = snprintf(prefix, sizeof(prefix), "%zu:", payload_len);

	sb_add(&sb, prefix, (size_t) n);
	sb_add(&sb, payload, payload_len);
	sb_add(&sb, ",", 1);
	r->buf = sb.buf;
	r->payload_len = (uint32_t) payload_len;
	r->pairs = calloc(SCGI_HEADER_PAIRS_CEILING, sizeof(*r->pairs));
	if (r->pairs == NULL) {
		abort();
	}
	scgi_parser_init(&p, 0, 0);
	if (scgi_parse_header(&p, r->buf, sb.len, r->pairs, SCGI_HEADER_PAIRS_CEILING, NULL) != SCGI_PARSE_DONE) {
		fail(d, "parser: %s", scgi_parse_error_string(p.error));
		return -1;
	}
	r->count = p.pair_count;
	return 0;
}

static void request_free(request *r)
{
	free(r->buf);
	free(r->pairs);
}

static void dump_entry(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg)
{
	strbuf *sb = arg;

	sb_add(sb, name, name_len);
	sb_add(sb, "=", 1);
	sb_add(sb, value, value_len);
	sb_add(sb, "\n", 1);
}

/* The environment as "NAME=value" lines; each entry is also what a lookup
 * of its name finds, NUL-terminated at its length. */
static char *env_dump(const scgi_env *env, detail *d)
{
	strbuf sb = { NULL, 0, 0 };
	uint32_t i;

	sb_add(&sb, "", 0);
	scgi_env_apply(env, dump_entry, &sb);
	for (i = 0; i < env->count; i++) {
		const scgi_env_entry *e = &env->entries[i];

		if (e->value && (scgi_env_get(env, e->name, e->name_len) != e->value
				|| strlen(e->value) != e->value_len || e->name[e->name_len] != '\0')) {
			fail(d, "entry %.*s: lookup, length or NUL wrong", (int) e->name_len, e->name);
		}
	}
	return sb.buf;
}

static void load_and_compare(scgi_env *env, const test_case *tc, detail *d)
{
	request r;
	char *got;

	if (request_parse(&r, tc->payload, tc->payload_len, d) < 0) {
		request_free(&r);
		return;
	}
	if (scgi_env_load(env, r.buf, r.pairs, r.count, tc->keep_php_value) < 0) {
		fail(d, "scgi_env_load failed");
	}
	got = env_dump(env, d);
	if (strcmp(got, tc->expect) != 0) {
		fail(d, "got\n%sexpected\n%s", got, tc->expect);
	}
	free(got);
	request_free(&r);
}

static void run_table(void)
{
	static const char other[] = CL "HTTP_OTHER\0" "o\0";
	const test_case between = ENV("", other, CL_ENV "HTTP_OTHER=o\n");
	scgi_env env;
	size_t i;

	if (scgi_env_init(&env, 16) < 0) {
		abort();
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		detail d = { { 0 } };

		load_and_compare(&env, &cases[i], &d);
		/* a request in between must leave nothing behind, nor find anything */
		load_and_compare(&env, &between, &d);
		load_and_compare(&env, &cases[i], &d);
		report(cases[i].name, d.text);
	}
	scgi_env_destroy(&env);
}

/* Many repetitions of one header: the joined value is exact, built in one
 * go (never longer than the header it came from), and the arena is given
 * back at the next request. */
static void run_many(const char *label, uint32_t pairs, uint32_t value_len, const char *name)
{
	strbuf payload = { NULL, 0, 0 }, expect = { NULL, 0, 0 };
	char *value = malloc(value_len + 1);
	scgi_env env;
	request r;
	detail d = { { 0 } };
	const char *sep = strcmp(name, "HTTP_COOKIE") == 0 ? "; " : ", ";
	const char *got;
	uint32_t i;

	if (value == NULL || scgi_env_init(&env, 16) < 0) {
		abort();
	}
	sb_add(&payload, P(CL));
	for (i = 0; i < pairs; i++) {
		memset(value, 'a' + (int) (i % 26), value_len);
		value[value_len] = '\0';
		sb_add(&payload, name, strlen(name) + 1);
		sb_add(&payload, value, value_len + 1);
		if (i > 0) {
			sb_add(&expect, sep, 2);
		}
		sb_add(&expect, value, value_len);
	}
	if (request_parse(&r, payload.buf, payload.len, &d) == 0) {
		if (scgi_env_load(&env, r.buf, r.pairs, r.count, 0) < 0) {
			fail(&d, "scgi_env_load failed");
		}
		got = scgi_env_get(&env, name, (uint32_t) strlen(name));
		if (env.count != 3 || got == NULL || strlen(got) != expect.len || memcmp(got, expect.buf, expect.len) != 0) {
			fail(&d, "%u entries, joined value of %zu bytes, expected 3 and %zu", env.count,
				got ? strlen(got) : 0, expect.len);
		} else if (expect.len > r.payload_len) {
			fail(&d, "joined value of %zu bytes is longer than the header (%u)", expect.len, r.payload_len);
		}
		/* the next request: a fresh environment (LSan sees a leak, if any) */
		{
			static const char next[] = CL "HTTP_N\0" "1\0";
			request n;

			if (request_parse(&n, P(next), &d) == 0) {
				if (scgi_env_load(&env, n.buf, n.pairs, n.count, 0) < 0 || env.count != 3
						|| scgi_env_get(&env, name, (uint32_t) strlen(name)) != NULL) {
					fail(&d, "the next request sees the last one's header");
				}
			}
			request_free(&n);
		}
	}
	request_free(&r);
	scgi_env_destroy(&env);
	free(value);
	free(payload.buf);
	free(expect.buf);
	report(label, d.text);
}

/* FPM's path logic after the load: put on top of a joined value, delete. */
static void run_put(void)
{
	static const char payload[] = CL "HTTP_X\0" "1\0" "HTTP_X\0" "2\0" "SCRIPT_NAME\0" "/a\0";
	scgi_env env;
	request r;
	detail d = { { 0 } };
	char *v;

	if (scgi_env_init(&env, 4) < 0) {
		abort();
	}
	if (request_parse(&r, P(payload), &d) == 0) {
		if (scgi_env_load(&env, r.buf, r.pairs, r.count, 0) < 0) {
			fail(&d, "scgi_env_load failed");
		}
		v = scgi_env_put(&env, "HTTP_X", 6, "new");
		if (v == NULL || strcmp(scgi_env_get(&env, "HTTP_X", 6), "new") != 0) {
			fail(&d, "put over a joined value");
		}
		if (scgi_env_put(&env, "SCRIPT_NAME", 11, NULL) != NULL || scgi_env_get(&env, "SCRIPT_NAME", 11) != NULL) {
			fail(&d, "delete");
		}
		v = scgi_env_put(&env, "ORIG_SCRIPT_NAME", 16, "/a");
		if (v == NULL || env.count != 5) {
			fail(&d, "put of a new name: %u entries", env.count);
		}
	}
	request_free(&r);
	scgi_env_destroy(&env);
	report("put and delete after a join", d.text);
}

int main(void)
{
	run_table();
	run_many("X-Forwarded-For 4000 times", 4000, 9, "HTTP_X_FORWARDED_FOR");
	run_many("Cookie 100 lines of 8 KiB (beyond an arena chunk)", 100, 8192, "HTTP_COOKIE");
	run_many("one header 4094 times with empty values", SCGI_HEADER_PAIRS_CEILING - 2, 0, "HTTP_E");
	run_put();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
