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

#if defined(__GNUC__)
# define SCGI_ALWAYS_INLINE inline __attribute__((always_inline))
#else
# define SCGI_ALWAYS_INLINE inline
#endif

/* Duplicate names are found with an open-addressing table on the stack,
 * grown by doubling so that a typical header only clears NAME_TABLE_MIN
 * slots, and the worst case stays linear in the pairs.  A slot holds
 * (hash tag << 16) | pair index; pair 0 is never in the table, so 0 is
 * empty.  The tag spares most memcmp() calls on probe collisions. */
#define NAME_TABLE_MIN  128u
#define NAME_TABLE_MAX  (2u * SCGI_HEADER_PAIRS_CEILING)

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
	[SCGI_ERR_DUPLICATE_NAME]           = "header name appears twice",
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

static inline uint64_t scgi_load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t scgi_load32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t scgi_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 31);
}

/* Word-at-a-time hash of a non-empty name; short tails use overlapping
 * loads so that no byte outside the name is read. */
static SCGI_ALWAYS_INLINE uint32_t scgi_name_hash(const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	uint64_t h = (uint64_t) n * UINT64_C(0xff51afd7ed558ccd);

	if (n >= 8) {
		while (end - p > 8) {
			h = scgi_mix(h, scgi_load64(p));
			p += 8;
		}
		h = scgi_mix(h, scgi_load64(end - 8));
	} else if (n >= 4) {
		h = scgi_mix(h, ((uint64_t) scgi_load32(p) << 32) | scgi_load32(end - 4));
	} else {
		h = scgi_mix(h, ((uint64_t) p[0] << 16) | ((uint64_t) p[n >> 1] << 8) | p[n - 1]);
	}
	return (uint32_t) ((h * UINT64_C(0xc4ceb9fe1a85ec53)) >> 32);
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

/* Rebuild the name table at a new size from pairs[1 .. count); pair 0,
 * CONTENT_LENGTH, is never in it (a second one is caught by name). */
static void scgi_name_table_fill(uint32_t *table, uint32_t mask, const unsigned char *buf,
		const scgi_header_pair *pairs, uint32_t count)
{
	uint32_t i, h, s;

	memset(table, 0, (mask + 1) * sizeof(*table));
	for (i = 1; i < count; i++) {
		h = scgi_name_hash(buf + pairs[i].name_off, pairs[i].name_len);
		s = h & mask;
		while (table[s] != 0) {
			s = (s + 1) & mask;
		}
		table[s] = (h & 0xffff0000u) | i;
	}
}

/* Validate the whole payload, buf[payload_start .. header_end - 1), and
 * fill pairs.  Errors are reported pair by pair, in payload order. */
static scgi_parse_error scgi_parse_payload(scgi_parser *parser, const unsigned char *buf,
		scgi_header_pair *pairs, uint32_t pairs_cap)
{
	uint32_t table[NAME_TABLE_MAX];
	uint32_t mask = NAME_TABLE_MIN - 1;
	const unsigned char *p = buf + parser->payload_start;
	const unsigned char *end = p + parser->payload_len;
	const unsigned char *name, *value;
	size_t name_len, value_len;
	uint32_t max_pairs = parser->max_header_pairs;
	uint32_t count, limit;
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

	memset(table, 0, NAME_TABLE_MIN * sizeof(*table));
	/* one compare per pair covers both the pair limit and table growth */
	limit = max_pairs < NAME_TABLE_MIN / 2 ? max_pairs : NAME_TABLE_MIN / 2;

	while (p < end) {
		scgi_header_pair *pair;
		uint32_t h, s, slot;

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

		if (count == limit) {
			if (count == max_pairs) {
				return SCGI_ERR_TOO_MANY_PAIRS;
			}
			/* keep the load at or below one half */
			mask = mask * 2 + 1;
			scgi_name_table_fill(table, mask, buf, pairs, count);
			limit = max_pairs < (mask + 1) / 2 ? max_pairs : (mask + 1) / 2;
		}

		if (name_len == 4 && memcmp(name, "SCGI", 4) == 0) {
			if (have_scgi) {
				return SCGI_ERR_DUPLICATE_NAME;
			}
			if (value_len != 1 || value[0] != '1') {
				return SCGI_ERR_SCGI_NOT_ONE;
			}
			have_scgi = 1;
		} else if (name_len == CONTENT_LENGTH_NAME_LEN
				&& memcmp(name, CONTENT_LENGTH_NAME, CONTENT_LENGTH_NAME_LEN) == 0) {
			return SCGI_ERR_DUPLICATE_NAME;
		}

		h = scgi_name_hash(name, name_len);
		s = h & mask;
		while ((slot = table[s]) != 0) {
			if (((slot ^ h) & 0xffff0000u) == 0) {
				const scgi_header_pair *other = &pairs[slot & 0xffffu];

				if (other->name_len == name_len
						&& memcmp(buf + other->name_off, name, name_len) == 0) {
					return SCGI_ERR_DUPLICATE_NAME;
				}
			}
			s = (s + 1) & mask;
		}
		table[s] = (h & 0xffff0000u) | count;

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
