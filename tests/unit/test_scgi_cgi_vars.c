/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Table-driven tests of the CGI variables a request starts with: the
 * pairs the pool lets through (PHP_VALUE, PHP_ADMIN_VALUE), and
 * SCRIPT_NAME / SCRIPT_FILENAME / PATH_INFO built from DOCUMENT_ROOT and
 * DOCUMENT_URI when the web server named no script (nginx's stock
 * scgi_params).  The document root is a temp directory holding index.php
 * and a directory sub/; "$ROOT" in a case stands for its path.
 */

/* mkdtemp(), open_memstream() under -std=c99 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "scgi_cgi_vars.h"

typedef struct {
	const char *name;
	int         php_value_params;
	const char *pairs;       /* "NAME=value\n" per pair, after CONTENT_LENGTH and SCGI */
	const char *expect;      /* "NAME=value\n" per variable, in $_SERVER's order */
} test_case;

#define HEAD "CONTENT_LENGTH=0\nSCGI=1\n"

static const test_case cases[] = {
	{ "SCRIPT_FILENAME given: used as it is", 1,
		"SCRIPT_FILENAME=/elsewhere/x.php\nDOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php\n",
		HEAD "SCRIPT_FILENAME=/elsewhere/x.php\nDOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php\n" },
	{ "stock scgi_params: the script from DOCUMENT_URI", 1,
		"DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php\nSCRIPT_NAME=/index.php\n"
		"SCRIPT_FILENAME=$ROOT/index.php\n" },
	{ "SCRIPT_NAME sent: it names the script, not DOCUMENT_URI", 1,
		"DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php/a/b\nSCRIPT_NAME=/index.php\nPATH_INFO=/a/b\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php/a/b\nSCRIPT_NAME=/index.php\nPATH_INFO=/a/b\n"
		"SCRIPT_FILENAME=$ROOT/index.php\n" },
	{ "a URI past the script: the whole URI as PATH_INFO, for FPM to split", 1,
		"DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php/some/path\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/index.php/some/path\nSCRIPT_NAME=/index.php/some/path\n"
		"SCRIPT_FILENAME=$ROOT/index.php/some/path\nPATH_INFO=/index.php/some/path\n" },
	{ "a directory is no script: PATH_INFO too", 1,
		"DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/sub\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=/sub\nSCRIPT_NAME=/sub\nSCRIPT_FILENAME=$ROOT/sub\nPATH_INFO=/sub\n" },
	{ "slashes at the end of DOCUMENT_ROOT are not doubled", 1,
		"DOCUMENT_ROOT=$ROOT//\nDOCUMENT_URI=/index.php\n",
		HEAD "DOCUMENT_ROOT=$ROOT//\nDOCUMENT_URI=/index.php\nSCRIPT_NAME=/index.php\n"
		"SCRIPT_FILENAME=$ROOT/index.php\n" },
	{ "a relative URI: SCRIPT_NAME only, no file", 1,
		"DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=index.php\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nDOCUMENT_URI=index.php\nSCRIPT_NAME=index.php\n" },
	{ "no DOCUMENT_ROOT: SCRIPT_NAME only", 1,
		"DOCUMENT_URI=/index.php\n",
		HEAD "DOCUMENT_URI=/index.php\nSCRIPT_NAME=/index.php\n" },
	{ "nothing to resolve from: nothing added (FPM answers 404)", 1,
		"DOCUMENT_ROOT=$ROOT\nREQUEST_METHOD=GET\n",
		HEAD "DOCUMENT_ROOT=$ROOT\nREQUEST_METHOD=GET\n" },
	{ "Apache's encoded proxy:scgi:// path is decoded", 1,
		"SCRIPT_FILENAME=proxy:scgi://localhost/srv/my%20site/a%2eb.php\n",
		HEAD "SCRIPT_FILENAME=proxy:scgi://localhost/srv/my site/a.b.php\n" },
	{ "ProxyPass: the script's part is decoded, PATH_INFO after it stays encoded", 1,
		"SCRIPT_FILENAME=proxy:scgi://h$ROOT/my%20dir/a%20b.php/x%20y/%7a\n",
		HEAD "SCRIPT_FILENAME=proxy:scgi://h$ROOT/my dir/a b.php/x%20y/%7a\n" },
	{ "ProxyPass: a plain script name keeps its encoded PATH_INFO, as php-fpm's", 1,
		"SCRIPT_FILENAME=proxy:scgi://127.0.0.1:9000$ROOT/index.php/1%202\n",
		HEAD "SCRIPT_FILENAME=proxy:scgi://127.0.0.1:9000$ROOT/index.php/1%202\n" },
	{ "a directory is no script: the whole path decoded", 1,
		"SCRIPT_FILENAME=proxy:scgi://h$ROOT/s%75b/%61\n",
		HEAD "SCRIPT_FILENAME=proxy:scgi://h$ROOT/sub/a\n" },
	{ "no path after the host: left alone", 1,
		"SCRIPT_FILENAME=proxy:scgi://h%20\n",
		HEAD "SCRIPT_FILENAME=proxy:scgi://h%20\n" },
	{ "Apache's %2F and %00 stay encoded, a stray % stays", 1,
		"SCRIPT_FILENAME=PROXY:SCGI://h/a%2Fb%00c%zz%4\n",
		HEAD "SCRIPT_FILENAME=PROXY:SCGI://h/a%2Fb%00c%zz%4\n" },
	{ "an encoded path without the prefix is left alone", 1,
		"SCRIPT_FILENAME=/srv/my%20site/a.php\n",
		HEAD "SCRIPT_FILENAME=/srv/my%20site/a.php\n" },
	{ "PHP_VALUE and PHP_ADMIN_VALUE kept when the pool takes them", 1,
		"PHP_VALUE=a=1\nSCRIPT_FILENAME=/x.php\nPHP_ADMIN_VALUE=b=2\n",
		HEAD "PHP_VALUE=a=1\nSCRIPT_FILENAME=/x.php\nPHP_ADMIN_VALUE=b=2\n" },
	{ "PHP_VALUE and PHP_ADMIN_VALUE left out when it does not", 0,
		"PHP_VALUE=a=1\nSCRIPT_FILENAME=/x.php\nPHP_ADMIN_VALUE=b=2\nPHP_VALUES=c\n",
		HEAD "SCRIPT_FILENAME=/x.php\nPHP_VALUES=c\n" },
};

static const struct {
	const char *name;
	int         is_dir;
} tree[] = {
	{ "index.php", 0 },
	{ "my dir", 1 },
	{ "my dir/a b.php", 0 },
	{ "sub", 1 },
};

static unsigned passed, failed;
static char root[256];

/* text with every "$ROOT" replaced by the document root */
static void put_rooted(FILE *f, const char *text)
{
	const char *hit;

	while ((hit = strstr(text, "$ROOT")) != NULL) {
		fwrite(text, 1, (size_t) (hit - text), f);
		fputs(root, f);
		text = hit + sizeof("$ROOT") - 1;
	}
	fputs(text, f);
}

static char *rooted(const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		abort();
	}
	put_rooted(f, text);
	if (fclose(f) != 0) {
		abort();
	}
	return buf;
}

static void dump_entry(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg)
{
	fprintf((FILE *) arg, "%.*s=%.*s\n", (int) name_len, name, (int) value_len, value);
}

/* The netstring for HEAD + pairs ("NAME=value" lines) in *ns, parsed. */
static int build_request(const char *pairs, char **ns, scgi_header_pair *out, uint32_t *count)
{
	char *lines = rooted(pairs), *payload = NULL;
	const char *line, *nl;
	size_t payload_len = 0, ns_len = 0;
	scgi_parser p;
	FILE *f = open_memstream(&payload, &payload_len);

	if (!f) {
		abort();
	}
	fputs("CONTENT_LENGTH", f); fputc('\0', f); fputc('0', f); fputc('\0', f);
	fputs("SCGI", f); fputc('\0', f); fputc('1', f); fputc('\0', f);
	for (line = lines; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		const char *eq = memchr(line, '=', (size_t) (nl - line));

		fwrite(line, 1, (size_t) (eq - line), f);
		fputc('\0', f);
		fwrite(eq + 1, 1, (size_t) (nl - eq - 1), f);
		fputc('\0', f);
	}
	if (fclose(f) != 0) {
		abort();
	}
	f = open_memstream(ns, &ns_len);
	if (!f) {
		abort();
	}
	fprintf(f, "%zu:", payload_len);
	fwrite(payload, 1, payload_len, f);
	fputc(',', f);
	if (fclose(f) != 0) {
		abort();
	}
	free(payload);
	free(lines);
	scgi_parser_init(&p, 0, 0);
	if (scgi_parse_header(&p, *ns, ns_len, out, 64, NULL) != SCGI_PARSE_DONE) {
		return -1;
	}
	*count = p.pair_count;
	return 0;
}

static void run_case(scgi_env *env, const test_case *tc)
{
	char *ns = NULL, *got = NULL, *expect = rooted(tc->expect);
	size_t got_len = 0;
	scgi_header_pair pairs[64];
	uint32_t count;
	FILE *f;

	if (build_request(tc->pairs, &ns, pairs, &count) < 0) {
		printf("FAIL: cgi_vars: %s: the test's request does not parse\n", tc->name);
		failed++;
	} else if (scgi_cgi_vars_build(env, ns, pairs, count, tc->php_value_params) < 0) {
		printf("FAIL: cgi_vars: %s: out of memory\n", tc->name);
		failed++;
	} else {
		f = open_memstream(&got, &got_len);
		if (!f) {
			abort();
		}
		scgi_env_apply(env, dump_entry, f);
		if (fclose(f) != 0) {
			abort();
		}
		if (strcmp(got, expect) != 0) {
			printf("FAIL: cgi_vars: %s: got\n%sexpected\n%s", tc->name, got, expect);
			failed++;
		} else {
			printf("PASS: cgi_vars: %s\n", tc->name);
			passed++;
		}
	}
	free(ns);
	free(got);
	free(expect);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[300];
	FILE *f;
	scgi_env env;
	size_t i;

	if (!tmp || !*tmp || strlen(tmp) > 200) {
		tmp = "/tmp";
	}
	snprintf(root, sizeof(root), "%s/test_scgi_cgi_vars.XXXXXX", tmp);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	/* the document root the cases resolve scripts in: files and
	 * directories, made in this order and removed in the reverse */
	for (i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, tree[i].name);
		if (tree[i].is_dir ? mkdir(path, 0700) != 0
				: (f = fopen(path, "w")) == NULL || fclose(f) != 0) {
			perror(path);
			return 1;
		}
	}
	if (scgi_env_init(&env, 64) < 0) {
		return 1;
	}
	/* one environment for every case, as a worker serves its requests */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&env, &cases[i]);
	}
	scgi_env_destroy(&env);
	for (i = sizeof(tree) / sizeof(tree[0]); i-- > 0; ) {
		snprintf(path, sizeof(path), "%s/%s", root, tree[i].name);
		if (tree[i].is_dir ? rmdir(path) != 0 : unlink(path) != 0) {
			perror(path);
		}
	}
	rmdir(root);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
