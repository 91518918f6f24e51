/*
   +----------------------------------------------------------------------+
   | Copyright (c) The PHP Group                                          |
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:          |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Table-driven tests of the SCGI header parser.
 *
 * Every table case is run three ways and must give the same answer each
 * time: the whole request in one call; the request grown one byte per call
 * (each call sees a fresh buffer of exactly that many bytes, so that ASan
 * catches a read past the end); and the way the SAPI reads, growing the
 * buffer to *bytes_wanted after each NEED_MORE.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scgi_parser.h"
#include "unit_report.h"

#define P(s) s, sizeof(s) - 1

typedef struct {
	const char *name;
	const char *data;       /* the payload if wrap, else the raw bytes */
	size_t data_len;
	int wrap;               /* build "<len>:" data "," tail */
	const char *tail;       /* body bytes after the comma (wrap only) */
	uint32_t max_size;      /* 0: ceiling */
	uint32_t max_pairs;     /* 0: ceiling */
	scgi_parse_status status;
	scgi_parse_error error;
	uint32_t pair_count;    /* DONE */
	uint64_t content_length; /* DONE */
	size_t at;              /* if not 0: length at which the status is first
	                         * known; for NEED_MORE bytes_wanted; for a raw
	                         * DONE case header_end */
} test_case;

#define OK(n, payload, pairs, cl) \
	{ n, P(payload), 1, "", 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, pairs, cl, 0 }
#define OK_BODY(n, payload, body, pairs, cl) \
	{ n, P(payload), 1, body, 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, pairs, cl, 0 }
#define OK_RAW(n, raw, pairs, cl, end) \
	{ n, P(raw), 0, "", 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, pairs, cl, end }
#define BAD(n, payload, err) \
	{ n, P(payload), 1, "", 0, 0, SCGI_PARSE_ERROR, err, 0, 0, 0 }
#define BAD_LIM(n, payload, size, npairs, err) \
	{ n, P(payload), 1, "", size, npairs, SCGI_PARSE_ERROR, err, 0, 0, 0 }
#define OK_LIM(n, payload, size, npairs, pairs, cl) \
	{ n, P(payload), 1, "", size, npairs, SCGI_PARSE_DONE, SCGI_ERR_NONE, pairs, cl, 0 }
#define BAD_RAW(n, raw, err, at) \
	{ n, P(raw), 0, "", 0, 0, SCGI_PARSE_ERROR, err, 0, 0, at }
#define BAD_RAW_LIM(n, raw, size, err, at) \
	{ n, P(raw), 0, "", size, 0, SCGI_PARSE_ERROR, err, 0, 0, at }
#define MORE(n, raw, wanted) \
	{ n, P(raw), 0, "", 0, 0, SCGI_PARSE_NEED_MORE, SCGI_ERR_NONE, 0, 0, wanted }

#define MIN_HEADER "CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0"
#define CL(v) "CONTENT_LENGTH\0" v "\0" "SCGI\0" "1\0"

/* What nginx sends with the stock scgi_params and a browser-like request. */
#define NGINX_HEADER \
	"CONTENT_LENGTH\0" "0\0" \
	"SCGI\0" "1\0" \
	"QUERY_STRING\0" "a=1&b=2\0" \
	"REQUEST_METHOD\0" "GET\0" \
	"CONTENT_TYPE\0" "\0" \
	"REQUEST_URI\0" "/index.php?a=1&b=2\0" \
	"DOCUMENT_URI\0" "/index.php\0" \
	"DOCUMENT_ROOT\0" "/var/www/html\0" \
	"SCGI_DUMMY\0" "x\0" \
	"SERVER_PROTOCOL\0" "HTTP/1.1\0" \
	"REQUEST_SCHEME\0" "http\0" \
	"GATEWAY_INTERFACE\0" "CGI/1.1\0" \
	"SERVER_SOFTWARE\0" "nginx/1.22.1\0" \
	"REMOTE_ADDR\0" "127.0.0.1\0" \
	"REMOTE_PORT\0" "51234\0" \
	"SERVER_ADDR\0" "127.0.0.1\0" \
	"SERVER_PORT\0" "80\0" \
	"SERVER_NAME\0" "localhost\0" \
	"SCRIPT_NAME\0" "/index.php\0" \
	"SCRIPT_FILENAME\0" "/var/www/html/index.php\0" \
	"REDIRECT_STATUS\0" "200\0" \
	"HTTP_HOST\0" "localhost\0" \
	"HTTP_USER_AGENT\0" "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\0" \
	"HTTP_ACCEPT\0" "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\0" \
	"HTTP_ACCEPT_ENCODING\0" "gzip, deflate, br\0" \
	"HTTP_ACCEPT_LANGUAGE\0" "en-US,en;q=0.5\0" \
	"HTTP_CONNECTION\0" "keep-alive\0" \
	"HTTP_COOKIE\0" "session=abc123; theme=dark\0" \
	"HTTP_CACHE_CONTROL\0" "no-cache\0" \
	"HTTP_REFERER\0" "http://localhost/\0" \
	"HTTPS\0" "\0"

/* Apache mod_proxy_scgi: CONTENT_LENGTH, SCGI, then the environment. */
#define APACHE_HEADER \
	"CONTENT_LENGTH\0" "11\0" \
	"SCGI\0" "1\0" \
	"HTTP_HOST\0" "127.0.0.1:8080\0" \
	"HTTP_USER_AGENT\0" "curl/7.88.1\0" \
	"CONTENT_TYPE\0" "application/x-www-form-urlencoded\0" \
	"PATH\0" "/usr/local/bin:/usr/bin:/bin\0" \
	"SERVER_SIGNATURE\0" "\0" \
	"SERVER_SOFTWARE\0" "Apache/2.4.57 (Debian)\0" \
	"SERVER_NAME\0" "127.0.0.1\0" \
	"SERVER_ADDR\0" "127.0.0.1\0" \
	"SERVER_PORT\0" "8080\0" \
	"REMOTE_ADDR\0" "127.0.0.1\0" \
	"DOCUMENT_ROOT\0" "/var/www/html\0" \
	"REQUEST_SCHEME\0" "http\0" \
	"CONTEXT_PREFIX\0" "\0" \
	"SCRIPT_FILENAME\0" "proxy:scgi://127.0.0.1:9000/index.php\0" \
	"REMOTE_PORT\0" "40000\0" \
	"GATEWAY_INTERFACE\0" "CGI/1.1\0" \
	"SERVER_PROTOCOL\0" "HTTP/1.1\0" \
	"REQUEST_METHOD\0" "POST\0" \
	"QUERY_STRING\0" "\0" \
	"REQUEST_URI\0" "/index.php\0" \
	"SCRIPT_NAME\0" "/index.php\0"

/* lighttpd mod_scgi: CONTENT_LENGTH first, SCGI last. */
#define LIGHTTPD_HEADER \
	"CONTENT_LENGTH\0" "5\0" \
	"SERVER_SOFTWARE\0" "lighttpd/1.4.69\0" \
	"SERVER_NAME\0" "localhost\0" \
	"GATEWAY_INTERFACE\0" "CGI/1.1\0" \
	"SERVER_PORT\0" "8081\0" \
	"SERVER_ADDR\0" "127.0.0.1\0" \
	"REMOTE_PORT\0" "41234\0" \
	"REMOTE_ADDR\0" "127.0.0.1\0" \
	"SCRIPT_NAME\0" "/index.php\0" \
	"PATH_INFO\0" "\0" \
	"SCRIPT_FILENAME\0" "/var/www/index.php\0" \
	"DOCUMENT_ROOT\0" "/var/www\0" \
	"REQUEST_URI\0" "/index.php\0" \
	"QUERY_STRING\0" "\0" \
	"REQUEST_METHOD\0" "PUT\0" \
	"REDIRECT_STATUS\0" "200\0" \
	"SERVER_PROTOCOL\0" "HTTP/1.1\0" \
	"HTTP_HOST\0" "localhost:8081\0" \
	"SCGI\0" "1\0"

static const test_case cases[] = {
	/* valid */
	OK("minimal header", MIN_HEADER, 2, 0),
	OK("SCGI spec example", CL("27") "REQUEST_METHOD\0" "POST\0" "REQUEST_URI\0" "/deepthought\0", 4, 27),
	OK_RAW("SCGI spec example, literal bytes with body",
		"70:CONTENT_LENGTH\0" "27\0" "SCGI\0" "1\0" "REQUEST_METHOD\0" "POST\0"
		"REQUEST_URI\0" "/deepthought\0" ",What is the answer to life?", 4, 27, 74),
	OK("nginx-like 31 pairs", NGINX_HEADER, 31, 0),
	OK_BODY("Apache order: CONTENT_LENGTH then SCGI, with body", APACHE_HEADER, "a=1&b=hello", 23, 11),
	OK_BODY("lighttpd order: SCGI last, with body", LIGHTTPD_HEADER, "hello", 19, 5),
	OK("empty values", CL("0") "QUERY_STRING\0" "\0" "HTTP_X\0" "\0" "PATH_INFO\0" "\0", 5, 0),
	OK("empty last value", CL("0") "HTTPS\0" "\0", 3, 0),
	OK_BODY("body bytes after the comma", CL("10") "X\0" "y\0", "0123456789", 3, 10),
	OK_BODY("body begins with commas", CL("3"), ",,x", 2, 3),
	OK_BODY("body longer than CONTENT_LENGTH is left to the caller", MIN_HEADER, "extra", 2, 0),
	OK("CONTENT_LENGTH 0", CL("0"), 2, 0),
	OK("CONTENT_LENGTH 1", CL("1"), 2, 1),
	OK("CONTENT_LENGTH 4294967296", CL("4294967296"), 2, UINT64_C(4294967296)),
	OK("CONTENT_LENGTH 2^53 (the maximum)", CL("9007199254740992"), 2, SCGI_CONTENT_LENGTH_MAX),
	OK("CONTENT_LENGTH 15 digits", CL("999999999999999"), 2, UINT64_C(999999999999999)),
	OK("SCGI in the middle", "CONTENT_LENGTH\0" "0\0" "A\0" "a\0" "SCGI\0" "1\0" "B\0" "b\0", 4, 0),
	OK("names differing only in case", CL("0") "Host\0" "a\0" "HOST\0" "b\0" "host\0" "c\0", 5, 0),
	OK("names that prefix each other", CL("0") "HTTP_A\0" "1\0" "HTTP_AB\0" "2\0" "HTTP_ABC\0" "3\0"
		"HTTP_ABCDEFGH\0" "4\0" "HTTP_ABCDEFGHI\0" "5\0", 7, 0),
	OK("same value under different names", CL("0") "A\0" "same\0" "B\0" "same\0", 4, 0),
	OK("value equal to another name", CL("0") "A\0" "B\0" "B\0" "A\0", 4, 0),
	OK("names of 1..17 bytes, equal lengths", CL("0")
		"a\0" "1\0" "b\0" "1\0" "ab\0" "1\0" "ba\0" "1\0" "abc\0" "1\0" "abd\0" "1\0"
		"abcd\0" "1\0" "abce\0" "1\0" "abcde\0" "1\0" "abcdf\0" "1\0" "abcdefg\0" "1\0"
		"abcdefh\0" "1\0" "abcdefgh\0" "1\0" "abcdefgi\0" "1\0" "abcdefghi\0" "1\0"
		"bbcdefghi\0" "1\0" "abcdefghijklmnopq\0" "1\0" "abcdefghijklmnopr\0" "1\0"
		"bbcdefghijklmnopq\0" "1\0", 21, 0),
	OK("bytes above 0x7f in names and values", CL("0") "X_\xc3\xa9\xff\0" "\x80\xfe\0", 3, 0),
	OK("value with spaces, newlines and ':' ','", CL("0") "X\0" " a,b:c\r\nd \0", 3, 0),
	OK_LIM("payload exactly at max_header_size", MIN_HEADER, 24, 0, 2, 0),
	OK_LIM("pairs exactly at max_header_pairs", CL("0") "A\0" "b\0", 0, 3, 3, 0),

	/* incomplete: valid so far */
	MORE("empty buffer", "", 1),
	MORE("one digit", "7", 2),
	MORE("eight digits", "16777216", 9),
	MORE("prefix only", "24:", 28),
	MORE("partial payload", "24:CONTENT_LENGTH\0" "0", 28),
	MORE("payload without comma yet", "24:" MIN_HEADER, 28),
	MORE("0: without comma yet", "0:", 3),

	/* netstring length */
	BAD_RAW("length: letter", "a5:" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("length: letter after digit", "2x:", SCGI_ERR_LENGTH_NOT_DIGIT, 2),
	BAD_RAW("length: leading space", " 24:" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("length: trailing space", "24 :" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 3),
	BAD_RAW("length: minus sign", "-24:" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("length: plus sign", "+24:" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("length: hex", "0x1a:" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 2),
	BAD_RAW("length: NUL byte", "2\0" "6:", SCGI_ERR_LENGTH_NOT_DIGIT, 2),
	BAD_RAW("length: leading zero", "024:" MIN_HEADER ",", SCGI_ERR_LENGTH_LEADING_ZERO, 2),
	BAD_RAW("length: 00", "00:,", SCGI_ERR_LENGTH_LEADING_ZERO, 2),
	BAD_RAW("length: empty", ":" MIN_HEADER ",", SCGI_ERR_LENGTH_EMPTY, 1),
	BAD_RAW("length: empty, nothing else", ":", SCGI_ERR_LENGTH_EMPTY, 1),
	BAD_RAW_LIM("length: over max_header_size", "100:", 99, SCGI_ERR_HEADER_TOO_LARGE, 3),
	BAD_RAW_LIM("length: one over max_header_size", "24:" CL("0") ",", 23, SCGI_ERR_HEADER_TOO_LARGE, 2),
	BAD_RAW("length: over the ceiling", "16777217:", SCGI_ERR_HEADER_TOO_LARGE, 8),
	BAD_RAW("length: 99999999", "99999999:", SCGI_ERR_HEADER_TOO_LARGE, 8),
	BAD_RAW_LIM("length: more than 8 digits", "123456789:", SCGI_HEADER_SIZE_CEILING, SCGI_ERR_HEADER_TOO_LARGE, 9),
	BAD_RAW("length: 20 digits", "99999999999999999999:", SCGI_ERR_HEADER_TOO_LARGE, 8),
	BAD_RAW("missing ':'", "24CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0" ",", SCGI_ERR_LENGTH_NOT_DIGIT, 3),
	BAD_RAW("';' instead of ':'", "24;" MIN_HEADER ",", SCGI_ERR_LENGTH_NOT_DIGIT, 3),

	/* netstring framing */
	BAD_RAW("missing ','", "24:" MIN_HEADER ";", SCGI_ERR_MISSING_COMMA, 28),
	BAD_RAW("length one short: comma is not where it says", "23:" MIN_HEADER ",", SCGI_ERR_MISSING_COMMA, 27),
	BAD_RAW("length one long: body byte where the comma is", "25:" MIN_HEADER ",x", SCGI_ERR_MISSING_COMMA, 29),
	BAD_RAW("empty payload 0:,", "0:,", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST, 3),
	BAD_RAW("empty payload 0:x", "0:x", SCGI_ERR_MISSING_COMMA, 3),
	BAD("header not NUL-terminated", "CONTENT_LENGTH\0" "0\0" "SCGI\0" "1", SCGI_ERR_NOT_NUL_TERMINATED),
	BAD("header not NUL-terminated, no NUL at all", "CONTENT_LENGTH", SCGI_ERR_NOT_NUL_TERMINATED),
	BAD("payload of one NUL", "\0", SCGI_ERR_EMPTY_NAME),
	BAD("payload of NULs", "\0\0\0\0", SCGI_ERR_EMPTY_NAME),

	/* pairs */
	BAD("odd pair count", MIN_HEADER "REQUEST_METHOD\0", SCGI_ERR_ODD_PAIRS),
	BAD("odd pair count: CONTENT_LENGTH alone", "CONTENT_LENGTH\0", SCGI_ERR_ODD_PAIRS),
	BAD("empty name", CL("0") "\0" "value\0", SCGI_ERR_EMPTY_NAME),
	BAD("empty name first", "\0" "0\0" "SCGI\0" "1\0", SCGI_ERR_EMPTY_NAME),
	BAD("empty name and value", CL("0") "\0" "\0", SCGI_ERR_EMPTY_NAME),
	BAD_LIM("too many pairs", CL("0") "A\0" "b\0" "C\0" "d\0", 0, 3, SCGI_ERR_TOO_MANY_PAIRS),
	BAD_LIM("too many pairs: limit 1", CL("0"), 0, 1, SCGI_ERR_TOO_MANY_PAIRS),

	/* CONTENT_LENGTH */
	BAD("CONTENT_LENGTH missing", "SCGI\0" "1\0" "REQUEST_METHOD\0" "GET\0", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST),
	BAD("CONTENT_LENGTH not first", "SCGI\0" "1\0" "CONTENT_LENGTH\0" "0\0", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST),
	BAD("CONTENT_LENGTH lower case", "content_length\0" "0\0" "SCGI\0" "1\0", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST),
	BAD("CONTENT_LENGTH with a suffix", "CONTENT_LENGTHX\0" "0\0" "SCGI\0" "1\0", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST),
	BAD("CONTENT_LENGTH truncated name", "CONTENT_LENGT\0" "0\0" "SCGI\0" "1\0", SCGI_ERR_CONTENT_LENGTH_NOT_FIRST),
	BAD("CONTENT_LENGTH negative", CL("-5"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH +5", CL("+5"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH non-numeric", CL("abc"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH trailing letter", CL("5a"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH leading space", CL(" 5"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH trailing space", CL("5 "), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH hex", CL("0x10"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH exponent", CL("1e3"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH leading zeros", CL("007"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH 00", CL("00"), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH empty", CL(""), SCGI_ERR_CONTENT_LENGTH_INVALID),
	BAD("CONTENT_LENGTH 2^53+1", CL("9007199254740993"), SCGI_ERR_CONTENT_LENGTH_TOO_LARGE),
	BAD("CONTENT_LENGTH 17 digits", CL("10000000000000000"), SCGI_ERR_CONTENT_LENGTH_TOO_LARGE),
	BAD("CONTENT_LENGTH 2^64", CL("18446744073709551616"), SCGI_ERR_CONTENT_LENGTH_TOO_LARGE),
	BAD("CONTENT_LENGTH overflow 99999999999999999999999", CL("99999999999999999999999"), SCGI_ERR_CONTENT_LENGTH_TOO_LARGE),
	BAD("CONTENT_LENGTH long then a letter", CL("99999999999999999999x"), SCGI_ERR_CONTENT_LENGTH_INVALID),

	/* SCGI */
	BAD("SCGI missing", "CONTENT_LENGTH\0" "0\0" "REQUEST_METHOD\0" "GET\0", SCGI_ERR_SCGI_MISSING),
	BAD("SCGI missing, CONTENT_LENGTH alone", "CONTENT_LENGTH\0" "0\0", SCGI_ERR_SCGI_MISSING),
	BAD("SCGI 0", "CONTENT_LENGTH\0" "0\0" "SCGI\0" "0\0", SCGI_ERR_SCGI_NOT_ONE),
	BAD("SCGI 11", "CONTENT_LENGTH\0" "0\0" "SCGI\0" "11\0", SCGI_ERR_SCGI_NOT_ONE),
	BAD("SCGI empty", "CONTENT_LENGTH\0" "0\0" "SCGI\0" "\0", SCGI_ERR_SCGI_NOT_ONE),
	BAD("SCGI 2", "CONTENT_LENGTH\0" "0\0" "SCGI\0" "2\0", SCGI_ERR_SCGI_NOT_ONE),
	BAD("scgi lower case is not SCGI", "CONTENT_LENGTH\0" "0\0" "scgi\0" "1\0", SCGI_ERR_SCGI_MISSING),

	/* repeated names: only the two framing ones are refused (smuggling);
	 * the others are framed, for the environment to resolve */
	BAD("CONTENT_LENGTH twice", CL("0") "CONTENT_LENGTH\0" "100\0", SCGI_ERR_CONTENT_LENGTH_TWICE),
	BAD("CONTENT_LENGTH twice, same value", CL("5") "CONTENT_LENGTH\0" "5\0", SCGI_ERR_CONTENT_LENGTH_TWICE),
	BAD("CONTENT_LENGTH twice, after repeated HTTP_ pairs", CL("0") "HTTP_X\0" "1\0" "HTTP_X\0" "2\0"
		"CONTENT_LENGTH\0" "0\0", SCGI_ERR_CONTENT_LENGTH_TWICE),
	BAD("CONTENT_LENGTH twice, SCGI last", "CONTENT_LENGTH\0" "0\0" "A\0" "1\0" "CONTENT_LENGTH\0" "0\0"
		"SCGI\0" "1\0", SCGI_ERR_CONTENT_LENGTH_TWICE),
	BAD("SCGI twice", CL("0") "SCGI\0" "1\0", SCGI_ERR_SCGI_TWICE),
	BAD("SCGI twice, second with another value", CL("0") "SCGI\0" "0\0", SCGI_ERR_SCGI_TWICE),
	BAD("SCGI twice, apart", CL("0") "HTTP_HOST\0" "a\0" "SCGI\0" "1\0", SCGI_ERR_SCGI_TWICE),
	OK("repeated CGI variable (an overriding scgi_param)", CL("0") "REQUEST_METHOD\0" "GET\0" "HTTP_HOST\0" "a\0"
		"SCRIPT_FILENAME\0" "/a.php\0" "REQUEST_URI\0" "/\0" "SCRIPT_FILENAME\0" "/b.php\0", 7, 0),
	OK("repeated HTTP_ header with empty values", CL("0") "HTTP_X\0" "\0" "HTTP_X\0" "\0", 4, 0),
	OK("repeated one-byte name", CL("0") "A\0" "1\0" "B\0" "2\0" "A\0" "3\0", 5, 0),
	OK("repeated long name", CL("0") "HTTP_X_A_VERY_LONG_HEADER_NAME_INDEED\0" "1\0"
		"HTTP_X_A_VERY_LONG_HEADER_NAME_INDEEE\0" "2\0" "HTTP_X_A_VERY_LONG_HEADER_NAME_INDEED\0" "3\0", 5, 0),
	OK("nginx header, then REMOTE_ADDR again", NGINX_HEADER "REMOTE_ADDR\0" "10.0.0.1\0", 32, 0),
	OK("nginx header, then HTTPS and SERVER_NAME overridden", NGINX_HEADER "HTTPS\0" "on\0"
		"SERVER_NAME\0" "example.com\0", 33, 0),
	OK("X-Forwarded-For three times, SCGI last", "CONTENT_LENGTH\0" "0\0" "HTTP_X_FORWARDED_FOR\0" "10.0.0.1\0"
		"HTTP_X_FORWARDED_FOR\0" "10.0.0.2\0" "HTTP_X_FORWARDED_FOR\0" "10.0.0.3\0" "SCGI\0" "1\0", 5, 0),
	OK("names like the framing ones are not them", CL("0") "SCGI_\0" "1\0" "SCGI_\0" "2\0" "CONTENT_LENGTH_\0" "1\0"
		"CONTENT_LENGTH_\0" "2\0" "HTTP_CONTENT_LENGTH\0" "5\0" "HTTP_CONTENT_LENGTH\0" "6\0", 8, 0),
	BAD_LIM("repeated names count against max_header_pairs", CL("0") "HTTP_X\0" "1\0" "HTTP_X\0" "2\0", 0, 3,
		SCGI_ERR_TOO_MANY_PAIRS),
	OK_LIM("repeated names exactly at max_header_pairs", CL("0") "HTTP_X\0" "1\0" "HTTP_X\0" "2\0", 0, 4, 4, 0),

	/* garbage */
	BAD_RAW("garbage: HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("garbage: FastCGI begin record", "\x01\x01\x00\x01\x00\x08\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00",
		SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("garbage: TLS client hello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("garbage: NULs", "\0\0\0\0\0\0\0\0", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("garbage: high bytes", "\xff\xfe\xfd", SCGI_ERR_LENGTH_NOT_DIGIT, 1),
	BAD_RAW("garbage: in the payload", "8:\xff\xfe\x01\x02\x03\x04\x05\x06,", SCGI_ERR_NOT_NUL_TERMINATED, 11),
	BAD_RAW("garbage: netstring of text", "5:hello,", SCGI_ERR_NOT_NUL_TERMINATED, 8),
};

typedef struct {
	scgi_parse_status status;
	scgi_parse_error error;
	size_t wanted;
	uint32_t header_end;
	uint32_t pair_count;
	uint64_t content_length;
	size_t at;              /* bytes seen when the final status first appeared */
	unsigned calls;
	scgi_header_pair *pairs;
} result;

static const char *status_name(scgi_parse_status s)
{
	switch (s) {
		case SCGI_PARSE_DONE: return "DONE";
		case SCGI_PARSE_NEED_MORE: return "NEED_MORE";
		case SCGI_PARSE_ERROR: return "ERROR";
	}
	return "?";
}

static void result_init(result *r)
{
	memset(r, 0, sizeof(*r));
	r->pairs = calloc(SCGI_HEADER_PAIRS_CEILING, sizeof(*r->pairs));
	if (r->pairs == NULL) {
		abort();
	}
}

static void result_take(result *r, const scgi_parser *p, scgi_parse_status st, size_t wanted)
{
	r->status = st;
	r->error = p->error;
	r->wanted = wanted;
	r->header_end = p->header_end;
	r->pair_count = p->pair_count;
	r->content_length = p->content_length;
}

/* A copy of the first n bytes in a buffer of exactly n bytes. */
static char *exact_copy(const char *buf, size_t n)
{
	char *c = malloc(n ? n : 1);

	if (c == NULL) {
		abort();
	}
	memcpy(c, buf, n);
	return c;
}

static void run_whole(const char *buf, size_t len, uint32_t max_size, uint32_t max_pairs, result *r)
{
	scgi_parser p;
	size_t wanted = 12345;
	char *copy = exact_copy(buf, len);
	scgi_parse_status st;

	scgi_parser_init(&p, max_size, max_pairs);
	st = scgi_parse_header(&p, copy, len, r->pairs, SCGI_HEADER_PAIRS_CEILING, &wanted);
	result_take(r, &p, st, wanted);
	r->at = len;
	r->calls = 1;
	free(copy);
}

/* One more byte per call, from zero bytes. */
static void run_bytewise(const char *buf, size_t len, uint32_t max_size, uint32_t max_pairs,
		result *r, detail *d)
{
	scgi_parser p;
	size_t n, wanted;
	scgi_parse_status st = SCGI_PARSE_NEED_MORE;

	scgi_parser_init(&p, max_size, max_pairs);
	r->calls = 0;
	for (n = 0; n <= len; n++) {
		char *copy = exact_copy(buf, n);

		wanted = 0;
		st = scgi_parse_header(&p, copy, n, r->pairs, SCGI_HEADER_PAIRS_CEILING, &wanted);
		free(copy);
		r->calls++;
		if (st == SCGI_PARSE_NEED_MORE && wanted < n + 1) {
			fail(d, "bytewise: NEED_MORE at %zu bytes with bytes_wanted %zu", n, wanted);
		}
		if (st != SCGI_PARSE_NEED_MORE) {
			break;
		}
	}
	result_take(r, &p, st, wanted);
	r->at = n > len ? len : n;
}

/* As the SAPI reads: grow the buffer to bytes_wanted after each NEED_MORE. */
static void run_wanted(const char *buf, size_t len, uint32_t max_size, uint32_t max_pairs,
		result *r, detail *d)
{
	scgi_parser p;
	size_t n = 0, wanted = 0;
	scgi_parse_status st;

	scgi_parser_init(&p, max_size, max_pairs);
	r->calls = 0;
	for (;;) {
		char *copy = exact_copy(buf, n);

		st = scgi_parse_header(&p, copy, n, r->pairs, SCGI_HEADER_PAIRS_CEILING, &wanted);
		free(copy);
		r->calls++;
		if (st != SCGI_PARSE_NEED_MORE || n == len) {
			break;
		}
		if (wanted < n + 1) {
			fail(d, "wanted: NEED_MORE at %zu bytes with bytes_wanted %zu", n, wanted);
			break;
		}
		n = wanted < len ? wanted : len;
	}
	result_take(r, &p, st, wanted);
	r->at = n;
}

static void compare_results(const char *how, const result *a, const result *b, detail *d)
{
	uint32_t i;

	if (a->status != b->status || a->error != b->error) {
		fail(d, "%s: %s/%s, whole: %s/%s", how, status_name(b->status), scgi_parse_error_string(b->error),
			status_name(a->status), scgi_parse_error_string(a->error));
		return;
	}
	if (a->status == SCGI_PARSE_NEED_MORE && a->wanted != b->wanted) {
		fail(d, "%s: bytes_wanted %zu, whole: %zu", how, b->wanted, a->wanted);
	}
	if (a->status != SCGI_PARSE_DONE) {
		return;
	}
	if (a->header_end != b->header_end || a->pair_count != b->pair_count
			|| a->content_length != b->content_length) {
		fail(d, "%s: header_end/pairs/content_length differ", how);
		return;
	}
	for (i = 0; i < a->pair_count; i++) {
		if (memcmp(&a->pairs[i], &b->pairs[i], sizeof(a->pairs[i])) != 0) {
			fail(d, "%s: pair %u differs", how, i);
			return;
		}
	}
}

/* The pairs must be exactly the NUL-separated strings of the payload. */
static void check_pairs(const char *buf, size_t len, const result *r, detail *d)
{
	const char *colon = memchr(buf, ':', len);
	size_t off, end;
	uint32_t i;

	if (colon == NULL) {
		fail(d, "no ':' in a DONE request");
		return;
	}
	off = (size_t) (colon - buf) + 1;
	end = r->header_end - 1;
	if (r->header_end > len || buf[end] != ',') {
		fail(d, "header_end %u does not follow a ','", r->header_end);
		return;
	}
	for (i = 0; i < r->pair_count; i++) {
		const scgi_header_pair *pr = &r->pairs[i];

		if (pr->name_off != off || strlen(buf + off) != pr->name_len) {
			fail(d, "pair %u name at %u+%u, expected %zu+%zu", i, pr->name_off, pr->name_len,
				off, strlen(buf + off));
			return;
		}
		off += pr->name_len + 1;
		if (pr->value_off != off || strlen(buf + off) != pr->value_len) {
			fail(d, "pair %u value at %u+%u, expected %zu+%zu", i, pr->value_off, pr->value_len,
				off, strlen(buf + off));
			return;
		}
		off += pr->value_len + 1;
	}
	if (off != end) {
		fail(d, "pairs end at %zu, payload at %zu", off, end);
	}
	if (r->pair_count == 0 || r->pairs[0].name_len != 14
			|| memcmp(buf + r->pairs[0].name_off, "CONTENT_LENGTH", 14) != 0) {
		fail(d, "pair 0 is not CONTENT_LENGTH");
	}
}

static char *build(const test_case *tc, size_t *out_len, size_t *body_len)
{
	char prefix[32];
	size_t plen = 0, tlen = 0, len;
	char *buf;

	if (tc->wrap) {
		plen = (size_t) snprintf(prefix, sizeof(prefix), "%zu:", tc->data_len);
		tlen = strlen(tc->tail);
	}
	len = plen + tc->data_len + (tc->wrap ? 1 + tlen : 0);
	buf = malloc(len + 1);
	if (buf == NULL) {
		abort();
	}
	memcpy(buf, prefix, plen);
	memcpy(buf + plen, tc->data, tc->data_len);
	if (tc->wrap) {
		buf[plen + tc->data_len] = ',';
		memcpy(buf + plen + tc->data_len + 1, tc->tail, tlen);
	}
	buf[len] = '\0';
	*out_len = len;
	*body_len = tc->wrap ? tlen : (tc->at ? len - tc->at : 0);
	return buf;
}

/* Checks shared by table and generated cases. */
static void check_request(const char *name, const char *buf, size_t len, uint32_t max_size,
		uint32_t max_pairs, scgi_parse_status status, scgi_parse_error error, size_t body_len,
		int bytewise, detail *d)
{
	result whole, inc, by_wanted;

	result_init(&whole);
	result_init(&inc);
	result_init(&by_wanted);

	run_whole(buf, len, max_size, max_pairs, &whole);
	if (whole.status != status || whole.error != error) {
		fail(d, "got %s/%s, expected %s/%s", status_name(whole.status), scgi_parse_error_string(whole.error),
			status_name(status), scgi_parse_error_string(error));
	}
	if (whole.status == SCGI_PARSE_DONE) {
		check_pairs(buf, len, &whole, d);
		if (whole.header_end != len - body_len) {
			fail(d, "header_end %u, expected %zu", whole.header_end, len - body_len);
		}
		if (whole.wanted != whole.header_end) {
			fail(d, "bytes_wanted %zu on DONE, header_end %u", whole.wanted, whole.header_end);
		}
	} else if (whole.status == SCGI_PARSE_ERROR) {
		if (whole.pair_count != 0) {
			fail(d, "pair_count %u after ERROR", whole.pair_count);
		}
	} else if (whole.wanted < len + 1) {
		fail(d, "NEED_MORE with bytes_wanted %zu < %zu", whole.wanted, len + 1);
	}

	if (bytewise) {
		run_bytewise(buf, len, max_size, max_pairs, &inc, d);
		compare_results("bytewise", &whole, &inc, d);
	}
	run_wanted(buf, len, max_size, max_pairs, &by_wanted, d);
	compare_results("by bytes_wanted", &whole, &by_wanted, d);
	/* digits, ':', then the whole header in one call */
	if (whole.status == SCGI_PARSE_DONE && by_wanted.calls > 11) {
		fail(d, "by bytes_wanted: %u calls", by_wanted.calls);
	}

	(void) name;
	free(whole.pairs);
	free(inc.pairs);
	free(by_wanted.pairs);
}

static void run_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const test_case *tc = &cases[i];
		detail d = { { 0 } };
		size_t len, body_len;
		char *buf = build(tc, &len, &body_len);

		check_request(tc->name, buf, len, tc->max_size, tc->max_pairs, tc->status, tc->error,
			body_len, 1, &d);

		if (tc->status == SCGI_PARSE_DONE) {
			result r;

			result_init(&r);
			run_whole(buf, len, tc->max_size, tc->max_pairs, &r);
			if (r.pair_count != tc->pair_count) {
				fail(&d, "pair_count %u, expected %u", r.pair_count, tc->pair_count);
			}
			if (r.content_length != tc->content_length) {
				fail(&d, "content_length %llu, expected %llu", (unsigned long long) r.content_length,
					(unsigned long long) tc->content_length);
			}
			free(r.pairs);
		}
		if (tc->at != 0 && tc->status != SCGI_PARSE_DONE) {
			result r;

			result_init(&r);
			if (tc->status == SCGI_PARSE_NEED_MORE) {
				run_whole(buf, len, tc->max_size, tc->max_pairs, &r);
				if (r.wanted != tc->at) {
					fail(&d, "bytes_wanted %zu, expected %zu", r.wanted, tc->at);
				}
			} else {
				/* errors must be seen as soon as the offending byte is */
				run_bytewise(buf, len, tc->max_size, tc->max_pairs, &r, &d);
				if (r.at != tc->at) {
					fail(&d, "error seen after %zu bytes, expected %zu", r.at, tc->at);
				}
			}
			free(r.pairs);
		}
		report(tc->name, d.text);
		free(buf);
	}
}

/* Generated requests: many pairs. */
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

static void sb_pair(strbuf *sb, const char *name, const char *value)
{
	sb_add(sb, name, strlen(name) + 1);
	sb_add(sb, value, strlen(value) + 1);
}

/* A request of CONTENT_LENGTH, SCGI and extra generated pairs; dup_of >= 0
 * makes the last generated pair repeat that one's name, DUP_OF_CONTENT_LENGTH
 * makes it a second CONTENT_LENGTH. */
#define DUP_OF_CONTENT_LENGTH (-2)

static char *gen_request(unsigned extra, int dup_of, int same_length, size_t *len)
{
	strbuf payload = { NULL, 0, 0 }, req = { NULL, 0, 0 };
	char name[64], prefix[32];
	unsigned i;

	sb_pair(&payload, "CONTENT_LENGTH", "0");
	sb_pair(&payload, "SCGI", "1");
	for (i = 0; i < extra; i++) {
		unsigned k = (dup_of >= 0 && i + 1 == extra) ? (unsigned) dup_of : i;

		if (dup_of == DUP_OF_CONTENT_LENGTH && i + 1 == extra) {
			snprintf(name, sizeof(name), "CONTENT_LENGTH");
		} else if (same_length) {
			/* equal length, long shared prefix: the worst case for compares */
			snprintf(name, sizeof(name), "HTTP_X_SAME_PREFIX_FOR_ALL_OF_THEM_%05u", k);
		} else {
			snprintf(name, sizeof(name), "H%u", k);
		}
		sb_pair(&payload, name, "v");
	}
	snprintf(prefix, sizeof(prefix), "%zu:", payload.len);
	sb_add(&req, prefix, strlen(prefix));
	sb_add(&req, payload.buf, payload.len);
	sb_add(&req, ",", 1);
	free(payload.buf);
	*len = req.len;
	return req.buf;
}

static void gen_case(const char *name, unsigned extra, int dup_of, int same_length, uint32_t max_pairs,
		scgi_parse_status status, scgi_parse_error error, uint32_t pair_count)
{
	detail d = { { 0 } };
	size_t len;
	char *buf = gen_request(extra, dup_of, same_length, &len);

	check_request(name, buf, len, 0, max_pairs, status, error, 0, 0, &d);
	if (status == SCGI_PARSE_DONE) {
		result r;

		result_init(&r);
		run_whole(buf, len, 0, max_pairs, &r);
		if (r.pair_count != pair_count) {
			fail(&d, "pair_count %u, expected %u", r.pair_count, pair_count);
		}
		free(r.pairs);
	}
	report(name, d.text);
	free(buf);
}

static void run_generated(void)
{
	unsigned max = SCGI_HEADER_PAIRS_CEILING;

	gen_case("generated: 64 pairs", 62, -1, 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, 64);
	gen_case("generated: 65 pairs", 63, -1, 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, 65);
	gen_case("generated: 65 pairs, last repeats the first extra", 63, 0, 0, 0,
		SCGI_PARSE_DONE, SCGI_ERR_NONE, 65);
	gen_case("generated: ceiling of pairs", max - 2, -1, 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, max);
	gen_case("generated: ceiling of pairs, equal-length names", max - 2, -1, 1, 0,
		SCGI_PARSE_DONE, SCGI_ERR_NONE, max);
	gen_case("generated: one over the ceiling of pairs", max - 1, -1, 0, 0,
		SCGI_PARSE_ERROR, SCGI_ERR_TOO_MANY_PAIRS, 0);
	gen_case("generated: 1000 pairs over a limit of 999", 998, -1, 0, 999,
		SCGI_PARSE_ERROR, SCGI_ERR_TOO_MANY_PAIRS, 0);
	gen_case("generated: ceiling of pairs, last repeats pair 100", max - 2, 100, 0, 0,
		SCGI_PARSE_DONE, SCGI_ERR_NONE, max);
	gen_case("generated: ceiling of pairs, equal lengths, last repeats pair 3000", max - 2, 3000, 1, 0,
		SCGI_PARSE_DONE, SCGI_ERR_NONE, max);
	gen_case("generated: ceiling of pairs, the last a second CONTENT_LENGTH", max - 2, DUP_OF_CONTENT_LENGTH, 0, 0,
		SCGI_PARSE_ERROR, SCGI_ERR_CONTENT_LENGTH_TWICE, 0);
}

/* A header exactly at the size ceiling, and one byte over it. */
static void run_ceiling(void)
{
	static const char head[] = "CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0" "BIG\0";
	size_t payload = SCGI_HEADER_SIZE_CEILING, len;
	char prefix[32];
	size_t plen = (size_t) snprintf(prefix, sizeof(prefix), "%zu:", payload);
	char *buf;
	detail d = { { 0 } };
	result r;

	len = plen + payload + 1;
	buf = malloc(len);
	if (buf == NULL) {
		abort();
	}
	memcpy(buf, prefix, plen);
	memcpy(buf + plen, head, sizeof(head) - 1);
	memset(buf + plen + sizeof(head) - 1, 'x', payload - (sizeof(head) - 1) - 1);
	buf[plen + payload - 1] = '\0';
	buf[plen + payload] = ',';
	check_request("header at the size ceiling", buf, len, 0, 0, SCGI_PARSE_DONE, SCGI_ERR_NONE, 0, 0, &d);
	result_init(&r);
	run_whole(buf, len, 0, 0, &r);
	if (r.pair_count != 3 || r.pairs[2].value_len != payload - (sizeof(head) - 1) - 1) {
		fail(&d, "big value not reported whole");
	}
	free(r.pairs);
	report("header at the size ceiling", d.text);
	free(buf);

	memset(&d, 0, sizeof(d));
	buf = exact_copy("16777217:", 9);
	check_request("header one byte over the size ceiling", buf, 9, 0, 0, SCGI_PARSE_ERROR,
		SCGI_ERR_HEADER_TOO_LARGE, 0, 1, &d);
	report("header one byte over the size ceiling", d.text);
	free(buf);
}

static void run_api(void)
{
	detail d = { { 0 } };
	scgi_parser p;
	scgi_header_pair pairs[4];
	size_t wanted;
	int e, f;
	static const char req[] = "24:" MIN_HEADER ",";

	/* limits */
	scgi_parser_init(&p, 0, 0);
	if (p.max_header_size != SCGI_HEADER_SIZE_CEILING || p.max_header_pairs != SCGI_HEADER_PAIRS_CEILING) {
		fail(&d, "zero limits are not the ceilings");
	}
	scgi_parser_init(&p, UINT32_MAX, UINT32_MAX);
	if (p.max_header_size != SCGI_HEADER_SIZE_CEILING || p.max_header_pairs != SCGI_HEADER_PAIRS_CEILING) {
		fail(&d, "limits are not clamped to the ceilings");
	}
	scgi_parser_init(&p, 1000, 10);
	if (p.max_header_size != 1000 || p.max_header_pairs != 10) {
		fail(&d, "limits not kept");
	}
	report("api: limits", d.text);

	/* error strings */
	memset(&d, 0, sizeof(d));
	for (e = 0; e < SCGI_ERR__COUNT; e++) {
		const char *s = scgi_parse_error_string((scgi_parse_error) e);

		if (s == NULL || s[0] == '\0' || strlen(s) > 60) {
			fail(&d, "error %d has no short string", e);
		}
		for (f = 0; s && f < e; f++) {
			if (strcmp(s, scgi_parse_error_string((scgi_parse_error) f)) == 0) {
				fail(&d, "errors %d and %d share a string", f, e);
			}
		}
	}
	if (scgi_parse_error_string(SCGI_ERR__COUNT) == NULL
			|| scgi_parse_error_string((scgi_parse_error) -1) == NULL) {
		fail(&d, "no string for an unknown error");
	}
	report("api: error strings", d.text);

	/* calls after DONE and after ERROR are stable; bytes_wanted may be NULL */
	memset(&d, 0, sizeof(d));
	scgi_parser_init(&p, 0, 0);
	if (scgi_parse_header(&p, req, sizeof(req) - 1, pairs, 4, NULL) != SCGI_PARSE_DONE
			|| scgi_parse_header(&p, req, sizeof(req) - 1, pairs, 4, &wanted) != SCGI_PARSE_DONE
			|| wanted != sizeof(req) - 1 || p.pair_count != 2) {
		fail(&d, "DONE is not sticky");
	}
	scgi_parser_init(&p, 0, 0);
	if (scgi_parse_header(&p, "x", 1, pairs, 4, NULL) != SCGI_PARSE_ERROR
			|| scgi_parse_header(&p, req, sizeof(req) - 1, pairs, 4, &wanted) != SCGI_PARSE_ERROR
			|| wanted != 0 || p.error != SCGI_ERR_LENGTH_NOT_DIGIT) {
		fail(&d, "ERROR is not sticky");
	}
	report("api: DONE and ERROR are final", d.text);

	/* a pairs array smaller than the limit caps the pairs */
	memset(&d, 0, sizeof(d));
	scgi_parser_init(&p, 0, 0);
	if (scgi_parse_header(&p, req, sizeof(req) - 1, pairs, 1, &wanted) != SCGI_PARSE_ERROR
			|| p.error != SCGI_ERR_TOO_MANY_PAIRS) {
		fail(&d, "pairs_cap below the pair count not refused");
	}
	report("api: pairs_cap is respected", d.text);

	/* the buffer may move between calls */
	memset(&d, 0, sizeof(d));
	{
		char *a = exact_copy(req, 10), *b = exact_copy(req, sizeof(req) - 1);

		scgi_parser_init(&p, 0, 0);
		if (scgi_parse_header(&p, a, 10, pairs, 4, &wanted) != SCGI_PARSE_NEED_MORE || wanted != sizeof(req) - 1
				|| scgi_parse_header(&p, b, sizeof(req) - 1, pairs, 4, &wanted) != SCGI_PARSE_DONE
				|| memcmp(b + pairs[1].name_off, "SCGI", 5) != 0) {
			fail(&d, "moved buffer not handled");
		}
		free(a);
		free(b);
	}
	report("api: buffer moved between calls", d.text);
}

int main(void)
{
	run_table();
	run_generated();
	run_ceiling();
	run_api();
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
