/*
   +----------------------------------------------------------------------+
   | Copyright (c) The PHP Group                                          |
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * The SCGI request header parser: a pure function over bytes.
 *
 * An SCGI request starts with one netstring, "<len>:<payload>,", whose
 * payload is NUL-terminated name/value strings: CONTENT_LENGTH first,
 * SCGI=1 somewhere.  The body follows the comma.
 *
 * The parser frames; it does not decide what a name means.  The spec
 * forbids a name twice, but web servers send them (nginx before 1.23 sends
 * a repeated request header as two HTTP_* pairs; an scgi_param overriding
 * an included line sends that name twice): the environment (scgi_env.h)
 * resolves repeated names.  Only the two names that frame the request are
 * refused here when repeated: a second CONTENT_LENGTH or SCGI is a request
 * smuggling attempt, whatever the environment would make of it.
 *
 * The parser does no I/O, allocates nothing and touches no globals.  It is
 * called again with the same (grown) buffer whenever more bytes arrive and
 * resumes where it stopped; pairs are reported as offsets into that buffer
 * so that the caller may move or grow it between calls.
 */

#ifndef SCGI_PARSER_H
#define SCGI_PARSER_H

#include <stddef.h>
#include <stdint.h>

/* Hard ceilings; per-pool limits are set below these. */
#define SCGI_HEADER_SIZE_CEILING   (16u * 1024u * 1024u)
#define SCGI_HEADER_PAIRS_CEILING  4096u
/* Digits of the netstring length prefix; 8 covers the ceiling above. */
#define SCGI_LENGTH_DIGITS_MAX     8u
/* CONTENT_LENGTH beyond this (2^53) is refused as absurd. */
#define SCGI_CONTENT_LENGTH_MAX    UINT64_C(9007199254740992)

typedef enum {
	SCGI_PARSE_DONE      =  0, /* header complete and valid */
	SCGI_PARSE_NEED_MORE =  1, /* valid so far; call again with more bytes */
	SCGI_PARSE_ERROR     = -1  /* invalid; see parser->error */
} scgi_parse_status;

typedef enum {
	SCGI_ERR_NONE = 0,
	SCGI_ERR_LENGTH_NOT_DIGIT,      /* netstring length has a non-digit */
	SCGI_ERR_LENGTH_LEADING_ZERO,   /* "012:" */
	SCGI_ERR_LENGTH_EMPTY,          /* ":" with no digits */
	SCGI_ERR_HEADER_TOO_LARGE,      /* length above max_header_size */
	SCGI_ERR_MISSING_COMMA,         /* byte after payload is not ',' */
	SCGI_ERR_NOT_NUL_TERMINATED,    /* payload does not end in NUL */
	SCGI_ERR_ODD_PAIRS,             /* a name without a value */
	SCGI_ERR_EMPTY_NAME,            /* a pair with an empty name */
	SCGI_ERR_TOO_MANY_PAIRS,        /* more than max_header_pairs */
	SCGI_ERR_CONTENT_LENGTH_NOT_FIRST,
	SCGI_ERR_CONTENT_LENGTH_INVALID, /* empty, non-digit, sign, leading zero */
	SCGI_ERR_CONTENT_LENGTH_TOO_LARGE,
	SCGI_ERR_SCGI_MISSING,          /* no SCGI pair */
	SCGI_ERR_SCGI_NOT_ONE,          /* SCGI present but value is not "1" */
	SCGI_ERR_CONTENT_LENGTH_TWICE,  /* a second CONTENT_LENGTH (smuggling) */
	SCGI_ERR_SCGI_TWICE,            /* a second SCGI pair (smuggling) */
	SCGI_ERR__COUNT
} scgi_parse_error;

/* One header pair, as offsets into the caller's buffer.  Both strings are
 * NUL-terminated in that buffer (the NUL is not counted in the length). */
typedef struct {
	uint32_t name_off;
	uint32_t name_len;
	uint32_t value_off;
	uint32_t value_len;
} scgi_header_pair;

typedef struct {
	/* limits, set by scgi_parser_init() */
	uint32_t max_header_size;   /* netstring payload bytes */
	uint32_t max_header_pairs;

	/* results, valid after SCGI_PARSE_DONE */
	uint32_t header_end;        /* offset just past the ',': body starts here */
	uint32_t pair_count;
	uint64_t content_length;

	/* after SCGI_PARSE_ERROR */
	scgi_parse_error error;

	/* private state */
	int      state;
	uint32_t pos;               /* next byte of the buffer to look at */
	uint32_t payload_len;
	uint32_t payload_start;
} scgi_parser;

/* Limits above the ceilings are clamped to them; zero means the ceiling. */
void scgi_parser_init(scgi_parser *parser, uint32_t max_header_size, uint32_t max_header_pairs);

/*
 * Parse buf[0 .. len).  buf must be the same bytes as on earlier calls,
 * possibly followed by more.  On SCGI_PARSE_DONE, pairs[0 .. pair_count)
 * are filled (pairs_cap must be >= max_header_pairs), pairs[0] is
 * CONTENT_LENGTH, and buf[header_end ..) is the first part of the body.
 *
 * *bytes_wanted (if not NULL) is set to the smallest total buffer length
 * that could let the next call make progress: callers use it to size reads.
 * Once "<len>:" has been read that is the whole header (header_end), which
 * is validated in one pass when present.  On DONE it is header_end, on
 * ERROR 0.  After DONE or ERROR further calls return the same status.
 */
scgi_parse_status scgi_parse_header(scgi_parser *parser, const char *buf, size_t len,
		scgi_header_pair *pairs, uint32_t pairs_cap, size_t *bytes_wanted);

/* A short, constant English description of an error, for logs. */
const char *scgi_parse_error_string(scgi_parse_error error);

#endif /* SCGI_PARSER_H */
