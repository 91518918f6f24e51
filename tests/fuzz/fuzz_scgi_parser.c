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
 * libFuzzer target for the SCGI header parser.
 *
 * The input is the bytes a client sent.  It is parsed whole, then again in
 * chunks whose split points come from a hash of the input, then (if short)
 * one byte at a time, and with small limits derived from the same hash.
 * Every run must agree with the whole-buffer run and with a slow, obvious
 * reference parser written from the protocol text; every DONE result is
 * checked against the buffer.  Each call sees a buffer of exactly the
 * length it is given, so that ASan catches a read past it.
 *
 *   clang -fsanitize=fuzzer,address,undefined -I sapi/fpm-scgi \
 *       tests/fuzz/fuzz_scgi_parser.c sapi/fpm-scgi/scgi_parser.c
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scgi_parser.h"

#define CHECK(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

typedef struct {
	scgi_parse_status status;
	scgi_parse_error error;
	size_t wanted;
	uint32_t header_end;
	uint32_t pair_count;
	uint64_t content_length;
	scgi_header_pair pairs[SCGI_HEADER_PAIRS_CEILING];
} result;

static result whole_r, other_r;

static void take(result *r, const scgi_parser *p, scgi_parse_status st, size_t wanted)
{
	r->status = st;
	r->error = p->error;
	r->wanted = wanted;
	r->header_end = p->header_end;
	r->pair_count = p->pair_count;
	r->content_length = p->content_length;
}

static void same(const result *a, const result *b)
{
	CHECK(a->status == b->status);
	CHECK(a->error == b->error);
	if (a->status == SCGI_PARSE_NEED_MORE) {
		CHECK(a->wanted == b->wanted);
	}
	if (a->status == SCGI_PARSE_DONE) {
		CHECK(a->header_end == b->header_end);
		CHECK(a->pair_count == b->pair_count);
		CHECK(a->content_length == b->content_length);
		CHECK(memcmp(a->pairs, b->pairs, a->pair_count * sizeof(a->pairs[0])) == 0);
	}
}

static uint64_t rng_next(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* ---- reference parser: obviously right, slow ---- */

typedef struct {
	scgi_parse_status status;
	scgi_parse_error error;
	size_t wanted;
	uint32_t header_end;
	uint32_t pair_count;
	uint64_t content_length;
} ref_result;

static ref_result ref_error(scgi_parse_error e)
{
	ref_result r = { SCGI_PARSE_ERROR, e, 0, 0, 0, 0 };
	return r;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static ref_result ref_parse(const unsigned char *buf, size_t len, uint32_t max_size, uint32_t max_pairs)
{
	ref_result r = { SCGI_PARSE_NEED_MORE, SCGI_ERR_NONE, 0, 0, 0, 0 };
	size_t i, digits, payload_len = 0, start, end, pos, n = 0;
	int have_scgi = 0;

	/* the length prefix, refused at the first byte that makes it wrong */
	for (i = 0; ; i++) {
		if (i == len) {
			r.wanted = len + 1;
			return r;
		}
		if (buf[i] == ':') {
			break;
		}
		if (!is_digit(buf[i])) {
			return ref_error(SCGI_ERR_LENGTH_NOT_DIGIT);
		}
		if (i == 1 && buf[0] == '0') {
			return ref_error(SCGI_ERR_LENGTH_LEADING_ZERO);
		}
		if (i >= SCGI_LENGTH_DIGITS_MAX) {
			return ref_error(SCGI_ERR_HEADER_TOO_LARGE);
		}
		payload_len = payload_len * 10 + (buf[i] - '0');
		if (payload_len > max_size) {
			return ref_error(SCGI_ERR_HEADER_TOO_LARGE);
		}
	}
	digits = i;
	if (digits == 0) {
		return ref_error(SCGI_ERR_LENGTH_EMPTY);
	}
	start = digits + 1;
	end = start + payload_len;
	if (len < end + 1) {
		r.wanted = end + 1;
		return r;
	}
	if (buf[end] != ',') {
		return ref_error(SCGI_ERR_MISSING_COMMA);
	}
	if (payload_len == 0) {
		return ref_error(SCGI_ERR_CONTENT_LENGTH_NOT_FIRST);
	}
	if (buf[end - 1] != 0) {
		return ref_error(SCGI_ERR_NOT_NUL_TERMINATED);
	}

	for (pos = start; pos < end; ) {
		size_t name = pos, name_len = 0, value, value_len = 0, k;

		while (buf[name + name_len] != 0) {
			name_len++;
		}
		if (name_len == 0) {
			return ref_error(SCGI_ERR_EMPTY_NAME);
		}
		value = name + name_len + 1;
		if (value >= end) {
			return ref_error(SCGI_ERR_ODD_PAIRS);
		}
		while (buf[value + value_len] != 0) {
			value_len++;
		}
		pos = value + value_len + 1;
		if (n == max_pairs) {
			return ref_error(SCGI_ERR_TOO_MANY_PAIRS);
		}
		if (n == 0) {
			uint64_t v = 0;

			if (name_len != 14 || memcmp(buf + name, "CONTENT_LENGTH", 14) != 0) {
				return ref_error(SCGI_ERR_CONTENT_LENGTH_NOT_FIRST);
			}
			if (value_len == 0 || (buf[value] == '0' && value_len > 1)) {
				return ref_error(SCGI_ERR_CONTENT_LENGTH_INVALID);
			}
			for (k = 0; k < value_len; k++) {
				if (!is_digit(buf[value + k])) {
					return ref_error(SCGI_ERR_CONTENT_LENGTH_INVALID);
				}
			}
			/* 2^53 has 16 digits; a longer number is larger */
			if (value_len > 16) {
				return ref_error(SCGI_ERR_CONTENT_LENGTH_TOO_LARGE);
			}
			for (k = 0; k < value_len; k++) {
				v = v * 10 + (buf[value + k] - '0');
			}
			if (v > SCGI_CONTENT_LENGTH_MAX) {
				return ref_error(SCGI_ERR_CONTENT_LENGTH_TOO_LARGE);
			}
			r.content_length = v;
		} else if (name_len == 4 && memcmp(buf + name, "SCGI", 4) == 0) {
			if (have_scgi) {
				return ref_error(SCGI_ERR_SCGI_TWICE);
			}
			if (value_len != 1 || buf[value] != '1') {
				return ref_error(SCGI_ERR_SCGI_NOT_ONE);
			}
			have_scgi = 1;
		} else if (name_len == 14 && memcmp(buf + name, "CONTENT_LENGTH", 14) == 0) {
			/* pair 0 was CONTENT_LENGTH: the only other name refused when
			 * repeated (smuggling); other repetitions are the
			 * environment's to resolve */
			return ref_error(SCGI_ERR_CONTENT_LENGTH_TWICE);
		}
		n++;
	}
	if (!have_scgi) {
		return ref_error(SCGI_ERR_SCGI_MISSING);
	}
	r.status = SCGI_PARSE_DONE;
	r.header_end = (uint32_t) (end + 1);
	r.pair_count = (uint32_t) n;
	r.wanted = end + 1;
	return r;
}

static void same_as_ref(const result *a, const ref_result *b)
{
	CHECK(a->status == b->status);
	CHECK(a->error == b->error);
	if (a->status == SCGI_PARSE_NEED_MORE) {
		CHECK(a->wanted == b->wanted);
	}
	if (a->status == SCGI_PARSE_DONE) {
		CHECK(a->header_end == b->header_end);
		CHECK(a->pair_count == b->pair_count);
		CHECK(a->content_length == b->content_length);
	}
}

/* ---- invariants of one result ---- */

static const unsigned char *sort_buf;
static const scgi_header_pair *sort_pairs;

static int by_name(const void *x, const void *y)
{
	const scgi_header_pair *a = &sort_pairs[*(const uint32_t *) x];
	const scgi_header_pair *b = &sort_pairs[*(const uint32_t *) y];

	if (a->name_len != b->name_len) {
		return a->name_len < b->name_len ? -1 : 1;
	}
	return memcmp(sort_buf + a->name_off, sort_buf + b->name_off, a->name_len);
}

static void check_result(const unsigned char *buf, size_t len, const scgi_parser *p, const result *r)
{
	static uint32_t order[SCGI_HEADER_PAIRS_CEILING];
	uint32_t i, scgi = 0, expect_off;
	char digits[24];

	switch (r->status) {
		case SCGI_PARSE_NEED_MORE:
			CHECK(r->error == SCGI_ERR_NONE);
			CHECK(r->wanted >= len + 1);
			return;
		case SCGI_PARSE_ERROR:
			CHECK(r->error > SCGI_ERR_NONE && r->error < SCGI_ERR__COUNT);
			CHECK(r->pair_count == 0);
			CHECK(r->wanted == 0);
			CHECK(scgi_parse_error_string(r->error)[0] != '\0');
			return;
		case SCGI_PARSE_DONE:
			break;
		default:
			CHECK(!"unknown status");
	}

	CHECK(r->error == SCGI_ERR_NONE);
	CHECK(r->header_end <= len);
	CHECK(r->wanted == r->header_end);
	CHECK(buf[r->header_end - 1] == ',');
	CHECK(r->pair_count >= 2 && r->pair_count <= p->max_header_pairs);
	CHECK(r->header_end - 1 - r->pairs[0].name_off <= p->max_header_size);
	CHECK(r->content_length <= SCGI_CONTENT_LENGTH_MAX);

	/* the pairs tile the payload, each string NUL-terminated in buf */
	expect_off = r->pairs[0].name_off;
	CHECK(expect_off >= 2 && buf[expect_off - 1] == ':');
	for (i = 0; i < r->pair_count; i++) {
		const scgi_header_pair *pr = &r->pairs[i];

		CHECK(pr->name_off == expect_off);
		CHECK(pr->name_len > 0);
		CHECK((uint64_t) pr->name_off + pr->name_len < r->header_end - 1);
		CHECK(buf[pr->name_off + pr->name_len] == '\0');
		CHECK(memchr(buf + pr->name_off, 0, pr->name_len) == NULL);
		CHECK(pr->value_off == pr->name_off + pr->name_len + 1);
		CHECK((uint64_t) pr->value_off + pr->value_len < r->header_end - 1);
		CHECK(buf[pr->value_off + pr->value_len] == '\0');
		CHECK(memchr(buf + pr->value_off, 0, pr->value_len) == NULL);
		expect_off = pr->value_off + pr->value_len + 1;
		if (pr->name_len == 4 && memcmp(buf + pr->name_off, "SCGI", 4) == 0) {
			CHECK(pr->value_len == 1 && buf[pr->value_off] == '1');
			scgi++;
		}
	}
	CHECK(expect_off == r->header_end - 1);
	CHECK(scgi == 1);

	/* pair 0 is CONTENT_LENGTH, its value the canonical decimal form */
	CHECK(r->pairs[0].name_len == 14 && memcmp(buf + r->pairs[0].name_off, "CONTENT_LENGTH", 14) == 0);
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long) r->content_length);
	CHECK(r->pairs[0].value_len == strlen(digits));
	CHECK(memcmp(buf + r->pairs[0].value_off, digits, r->pairs[0].value_len) == 0);

	/* CONTENT_LENGTH and SCGI once each; other names may repeat */
	for (i = 0; i < r->pair_count; i++) {
		order[i] = i;
	}
	sort_buf = buf;
	sort_pairs = r->pairs;
	qsort(order, r->pair_count, sizeof(order[0]), by_name);
	for (i = 1; i < r->pair_count; i++) {
		const scgi_header_pair *pr = &r->pairs[order[i]];

		if (by_name(&order[i - 1], &order[i]) == 0) {
			CHECK(!(pr->name_len == 14 && memcmp(buf + pr->name_off, "CONTENT_LENGTH", 14) == 0));
			CHECK(!(pr->name_len == 4 && memcmp(buf + pr->name_off, "SCGI", 4) == 0));
		}
	}
}

/* ---- runs ---- */

static unsigned char *exact_copy(const uint8_t *data, size_t n)
{
	unsigned char *c = malloc(n ? n : 1);

	CHECK(c != NULL);
	memcpy(c, data, n);
	return c;
}

static scgi_parse_status parse_copy(scgi_parser *p, const uint8_t *data, size_t n, result *r, size_t *wanted)
{
	unsigned char *c = exact_copy(data, n);
	scgi_parse_status st;

	*wanted = 0xdeadbeef;
	st = scgi_parse_header(p, (const char *) c, n, r->pairs, SCGI_HEADER_PAIRS_CEILING, wanted);
	free(c);
	return st;
}

/* Feed data[0 .. cuts[i]) for each cut, then the whole. */
static void run_chunks(const uint8_t *data, size_t size, const size_t *cuts, size_t ncuts, result *r)
{
	scgi_parser p;
	scgi_parse_status st = SCGI_PARSE_NEED_MORE;
	size_t i, wanted = 0;

	scgi_parser_init(&p, 0, 0);
	for (i = 0; i < ncuts && st == SCGI_PARSE_NEED_MORE; i++) {
		st = parse_copy(&p, data, cuts[i], r, &wanted);
		if (st == SCGI_PARSE_NEED_MORE) {
			CHECK(wanted >= cuts[i] + 1);
			/* nothing can change before bytes_wanted is reached */
			if (wanted > size) {
				CHECK(whole_r.status == SCGI_PARSE_NEED_MORE);
			}
		}
	}
	/* the final call, with everything: also checks DONE/ERROR are sticky */
	st = parse_copy(&p, data, size, r, &wanted);
	take(r, &p, st, wanted);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *) a, y = *(const size_t *) b;

	return x < y ? -1 : x > y;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scgi_parser p;
	scgi_parse_status st;
	size_t wanted, cuts[16], i, ncuts;
	uint64_t seed = UINT64_C(0xcbf29ce484222325);
	ref_result ref;
	uint32_t small_size, small_pairs;

	if (size > SCGI_HEADER_SIZE_CEILING) {
		return 0;
	}

	/* whole */
	scgi_parser_init(&p, 0, 0);
	st = scgi_parse_header(&p, (const char *) data, size, whole_r.pairs, SCGI_HEADER_PAIRS_CEILING, &wanted);
	take(&whole_r, &p, st, wanted);
	check_result(data, size, &p, &whole_r);
	ref = ref_parse(data, size, p.max_header_size, p.max_header_pairs);
	same_as_ref(&whole_r, &ref);

	for (i = 0; i < size; i++) {
		seed = (seed ^ data[i]) * UINT64_C(0x100000001b3);
	}

	/* random split points, derived from the data */
	ncuts = size ? 1 + rng_next(&seed) % 12 : 0;
	for (i = 0; i < ncuts; i++) {
		uint64_t x = rng_next(&seed);

		/* favour the start, where the length prefix is */
		cuts[i] = (x & 1) ? (size_t) ((x >> 1) % (size + 1)) : (size_t) ((x >> 1) % (size < 12 ? size + 1 : 12));
	}
	qsort(cuts, ncuts, sizeof(cuts[0]), cmp_size);
	run_chunks(data, size, cuts, ncuts, &other_r);
	same(&whole_r, &other_r);

	/* byte by byte, for short inputs */
	if (size <= 128) {
		scgi_parser_init(&p, 0, 0);
		st = SCGI_PARSE_NEED_MORE;
		for (i = 0; i <= size; i++) {
			st = parse_copy(&p, data, i, &other_r, &wanted);
			if (st != SCGI_PARSE_NEED_MORE) {
				break;
			}
			CHECK(wanted >= i + 1);
		}
		take(&other_r, &p, st, wanted);
		same(&whole_r, &other_r);
		if (st != SCGI_PARSE_NEED_MORE) {
			/* the status appeared at the right byte: not later, not earlier */
			ref_result early = ref_parse(data, i, p.max_header_size, p.max_header_pairs);

			CHECK(early.status == st);
			if (i > 0) {
				early = ref_parse(data, i - 1, p.max_header_size, p.max_header_pairs);
				CHECK(early.status == SCGI_PARSE_NEED_MORE);
			}
		}
	}

	/* small limits: the same result, or refused for the limit */
	small_size = (uint32_t) (rng_next(&seed) % 300) + 1;
	small_pairs = (uint32_t) (rng_next(&seed) % 40) + 1;
	scgi_parser_init(&p, small_size, small_pairs);
	st = parse_copy(&p, data, size, &other_r, &wanted);
	take(&other_r, &p, st, wanted);
	check_result(data, size, &p, &other_r);
	ref = ref_parse(data, size, small_size, small_pairs);
	same_as_ref(&other_r, &ref);
	if (other_r.status != whole_r.status || other_r.error != whole_r.error) {
		CHECK(other_r.status == SCGI_PARSE_ERROR);
		CHECK(other_r.error == SCGI_ERR_HEADER_TOO_LARGE || other_r.error == SCGI_ERR_TOO_MANY_PAIRS);
	} else {
		same(&whole_r, &other_r);
	}

	return 0;
}
