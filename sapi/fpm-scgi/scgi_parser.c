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
 * The SCGI request header parser (python.ca/scgi/protocol.txt).
 *
 * The length prefix is read byte by byte so that a bad one is refused before
 * any payload is waited for.  Once "<len>:" is known the exact end of the
 * header is known too, so the payload is validated in one pass when it has
 * fully arrived: the caller is told (bytes_wanted) how much that is, and a
 * header read in one go costs one call.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scgi_parser.h"

enum {
	SCGI_STATE_LENGTH = 0,  /* reading "<len>:" at pos */
	SCGI_STATE_PAYLOAD,     /* waiting for buf[.. header_end) */
	SCGI_STATE_DONE,
	SCGI_STATE_ERROR
};

#define CONTENT_LENGTH_NAME     "CONTENT_LENGTH"
#define CONTENT_LENGTH_NAME_LEN (sizeof(CONTENT_LENGTH_NAME) - 1)
/* digits of SCGI_CONTENT_LENGTH_MAX; more (without a leading zero) is more */
#define CONTENT_LENGTH_DIGITS_MAX 16u

static const char *const scgi_error_strings[SCGI_ERR__COUNT] = {
	[SCGI_ERR_NONE]                     = "no error",
	[SCGI_ERR_LENGTH_NOT_DIGIT]         = "netstring length is not a decimal number",
	[SCGI_ERR_LENGTH_LEADING_ZERO]      = "netstring length has a leading zero",
	[SCGI_ERR_LENGTH_EMPTY]             = "netstring length is empty",
	[SCGI_ERR_HEADER_TOO_LARGE]         = "header is larger than the limit",
	[SCGI_ERR_MISSING_COMMA]            = "netstring does not end with a comma",
	[SCGI_ERR_NOT_NUL_TERMINATED]       = "header does not end with a NUL",
	[SCGI_ERR_ODD_PAIRS]                = "header name without a value",
	[SCGI_ERR_EMPTY_NAME]               = "header name is empty",
	[SCGI_ERR_TOO_MANY_PAIRS]           = "more header pairs than the limit",
	[SCGI_ERR_CONTENT_LENGTH_NOT_FIRST] = "first header is not CONTENT_LENGTH",
	[SCGI_ERR_CONTENT_LENGTH_INVALID]   = "CONTENT_LENGTH is not a decimal number",
	[SCGI_ERR_CONTENT_LENGTH_TOO_LARGE] = "CONTENT_LENGTH is too large",
	[SCGI_ERR_SCGI_MISSING]             = "SCGI header is missing",
	[SCGI_ERR_SCGI_NOT_ONE]             = "SCGI header is not 1",
	[SCGI_ERR_CONTENT_LENGTH_TWICE]     = "CONTENT_LENGTH appears twice",
	[SCGI_ERR_SCGI_TWICE]               = "SCGI header appears twice",
};

void scgi_parser_init(scgi_parser *parser, uint32_t max_header_size, uint32_t max_header_pairs)
{
	if (max_header_size == 0 || max_header_size > SCGI_HEADER_SIZE_CEILING) {
		max_header_size = SCGI_HEADER_SIZE_CEILING;
	}
	if (max_header_pairs == 0 || max_header_pairs > SCGI_HEADER_PAIRS_CEILING) {
		max_header_pairs = SCGI_HEADER_PAIRS_CEILING;
	}
	parser->max_header_size = max_header_size;
	parser->max_header_pairs = max_header_pairs;
	parser->header_end = 0;
	parser->pair_count = 0;
	parser->content_length = 0;
	parser->error = SCGI_ERR_NONE;
	parser->state = SCGI_STATE_LENGTH;
	parser->pos = 0;
	parser->payload_len = 0;
	parser->payload_start = 0;
}

const char *scgi_parse_error_string(scgi_parse_error error)
{
	if ((unsigned) error >= SCGI_ERR__COUNT) {
		return "unknown error";
	}
	return scgi_error_strings[error];
}

/* CONTENT_LENGTH: decimal digits, no sign, no leading zero, at most 2^53. */
static scgi_parse_error scgi_parse_content_length(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || (p[0] == '0' && n > 1)) {
		return SCGI_ERR_CONTENT_LENGTH_INVALID;
	}
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return SCGI_ERR_CONTENT_LENGTH_INVALID;
		}
		/* bounded by the digit count, so this cannot overflow */
		if (i < CONTENT_LENGTH_DIGITS_MAX) {
			v = v * 10 + (uint64_t) (p[i] - '0');
		}
	}
	if (n > CONTENT_LENGTH_DIGITS_MAX || v > SCGI_CONTENT_LENGTH_MAX) {
		return SCGI_ERR_CONTENT_LENGTH_TOO_LARGE;
	}
	*out = v;
	return SCGI_ERR_NONE;
}

/* Validate the whole payload, buf[payload_start .. header_end - 1), and
 * fill pairs.  Errors are reported pair by pair, in payload order. */
static scgi_parse_error scgi_parse_payload(scgi_parser *parser, const unsigned char *buf,
		scgi_header_pair *pairs, uint32_t pairs_cap)
{
	const unsigned char *p = buf + parser->payload_start;
	const unsigned char *end = p + parser->payload_len;
	const unsigned char *name, *value;
	size_t name_len, value_len;
	uint32_t max_pairs = parser->max_header_pairs;
	uint32_t count;
	int have_scgi = 0;
	scgi_parse_error err;

	if (buf[parser->header_end - 1] != ',') {
		return SCGI_ERR_MISSING_COMMA;
	}
	if (parser->payload_len == 0) {
		return SCGI_ERR_CONTENT_LENGTH_NOT_FIRST;
	}
	/* From here on the payload ends in NUL, so strlen() never leaves it. */
	if (end[-1] != '\0') {
		return SCGI_ERR_NOT_NUL_TERMINATED;
	}
	if (pairs_cap < max_pairs) {
		max_pairs = pairs_cap;
	}

	/* pair 0 must be CONTENT_LENGTH */
	name = p;
	name_len = strlen((const char *) name);
	if (name_len == 0) {
		return SCGI_ERR_EMPTY_NAME;
	}
	value = name + name_len + 1;
	if (value == end) {
		return SCGI_ERR_ODD_PAIRS;
	}
	value_len = strlen((const char *) value);
	if (max_pairs == 0) {
		return SCGI_ERR_TOO_MANY_PAIRS;
	}
	if (name_len != CONTENT_LENGTH_NAME_LEN
			|| memcmp(name, CONTENT_LENGTH_NAME, CONTENT_LENGTH_NAME_LEN) != 0) {
		return SCGI_ERR_CONTENT_LENGTH_NOT_FIRST;
	}
	err = scgi_parse_content_length(value, value_len, &parser->content_length);
	if (err != SCGI_ERR_NONE) {
		return err;
	}
	/* All offsets are below header_end, which fits in 32 bits. */
	pairs[0].name_off = (uint32_t) (name - buf);
	pairs[0].name_len = (uint32_t) name_len;
	pairs[0].value_off = (uint32_t) (value - buf);
	pairs[0].value_len = (uint32_t) value_len;
	p = value + value_len + 1;
	count = 1;

	while (p < end) {
		scgi_header_pair *pair;

		name = p;
		name_len = strlen((const char *) name);
		if (name_len == 0) {
			return SCGI_ERR_EMPTY_NAME;
		}
		value = name + name_len + 1;
		if (value == end) {
			return SCGI_ERR_ODD_PAIRS;
		}
		value_len = strlen((const char *) value);

		if (count == max_pairs) {
			return SCGI_ERR_TOO_MANY_PAIRS;
		}

		/* the two framing names, compared directly: other repeated
		 * names are the environment's to resolve */
		if (name_len == 4 && memcmp(name, "SCGI", 4) == 0) {
			if (have_scgi) {
				return SCGI_ERR_SCGI_TWICE;
			}
			if (value_len != 1 || value[0] != '1') {
				return SCGI_ERR_SCGI_NOT_ONE;
			}
			have_scgi = 1;
		} else if (name_len == CONTENT_LENGTH_NAME_LEN
				&& memcmp(name, CONTENT_LENGTH_NAME, CONTENT_LENGTH_NAME_LEN) == 0) {
			return SCGI_ERR_CONTENT_LENGTH_TWICE;
		}

		pair = &pairs[count];
		pair->name_off = (uint32_t) (name - buf);
		pair->name_len = (uint32_t) name_len;
		pair->value_off = pair->name_off + pair->name_len + 1;
		pair->value_len = (uint32_t) value_len;
		count++;
		p = value + value_len + 1;
	}

	if (!have_scgi) {
		return SCGI_ERR_SCGI_MISSING;
	}
	parser->pair_count = count;
	return SCGI_ERR_NONE;
}

static scgi_parse_status scgi_parse_fail(scgi_parser *parser, scgi_parse_error error,
		size_t *bytes_wanted)
{
	parser->error = error;
	parser->state = SCGI_STATE_ERROR;
	parser->pair_count = 0;
	if (bytes_wanted) {
		*bytes_wanted = 0;
	}
	return SCGI_PARSE_ERROR;
}

scgi_parse_status scgi_parse_header(scgi_parser *parser, const char *buf, size_t len,
		scgi_header_pair *pairs, uint32_t pairs_cap, size_t *bytes_wanted)
{
	const unsigned char *ubuf = (const unsigned char *) buf;
	scgi_parse_error err;

	switch (parser->state) {
		case SCGI_STATE_LENGTH:
			/* pos counts the digits seen, payload_len their value */
			while (parser->pos < len) {
				unsigned char c = ubuf[parser->pos];

				if (c == ':') {
					if (parser->pos == 0) {
						return scgi_parse_fail(parser, SCGI_ERR_LENGTH_EMPTY, bytes_wanted);
					}
					parser->payload_start = parser->pos + 1;
					/* <= 8 digits + ':' + 16 MiB + ',': no overflow */
					parser->header_end = parser->payload_start + parser->payload_len + 1;
					parser->pos = parser->payload_start;
					parser->state = SCGI_STATE_PAYLOAD;
					goto payload;
				}
				if (c < '0' || c > '9') {
					return scgi_parse_fail(parser, SCGI_ERR_LENGTH_NOT_DIGIT, bytes_wanted);
				}
				if (parser->pos == 1 && parser->payload_len == 0) {
					return scgi_parse_fail(parser, SCGI_ERR_LENGTH_LEADING_ZERO, bytes_wanted);
				}
				if (parser->pos == SCGI_LENGTH_DIGITS_MAX) {
					return scgi_parse_fail(parser, SCGI_ERR_HEADER_TOO_LARGE, bytes_wanted);
				}
				/* at most 8 digits so far: fits easily in 32 bits */
				parser->payload_len = parser->payload_len * 10 + (uint32_t) (c - '0');
				if (parser->payload_len > parser->max_header_size) {
					return scgi_parse_fail(parser, SCGI_ERR_HEADER_TOO_LARGE, bytes_wanted);
				}
				parser->pos++;
			}
			if (bytes_wanted) {
				*bytes_wanted = (size_t) parser->pos + 1;
			}
			return SCGI_PARSE_NEED_MORE;

		case SCGI_STATE_PAYLOAD:
payload:
			if (len < parser->header_end) {
				if (bytes_wanted) {
					*bytes_wanted = parser->header_end;
				}
				return SCGI_PARSE_NEED_MORE;
			}
			err = scgi_parse_payload(parser, ubuf, pairs, pairs_cap);
			if (err != SCGI_ERR_NONE) {
				return scgi_parse_fail(parser, err, bytes_wanted);
			}
			parser->pos = parser->header_end;
			parser->state = SCGI_STATE_DONE;
			/* fall through */

		case SCGI_STATE_DONE:
			if (bytes_wanted) {
				*bytes_wanted = parser->header_end;
			}
			return SCGI_PARSE_DONE;

		default:
			if (bytes_wanted) {
				*bytes_wanted = 0;
			}
			return SCGI_PARSE_ERROR;
	}
}
