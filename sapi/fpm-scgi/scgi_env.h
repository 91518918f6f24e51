/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * A request's CGI environment: the SCGI header pairs, looked up by name,
 * plus what FPM's path logic puts on top (ORIG_*, a fixed SCRIPT_NAME ...).
 *
 * The parser only frames the header; what a name given more than once
 * means is decided here, in the one table that holds the names:
 *   - HTTP_* repeated (nginx before 1.23 sends a repeated request header
 *     as one pair per line): the values are joined in arrival order with
 *     ", " ("; " for HTTP_COOKIE), as Apache, lighttpd and nginx >= 1.23
 *     send them and as RFC 9110 section 5.3 defines the repetition;
 *   - any other name (an scgi_param that overrides one of scgi_params'
 *     lines), and HTTP_HOST, which no client can repeat but Debian's
 *     scgi_params sets and sites override: the last value wins, as in
 *     php-fpm.
 * CONTENT_LENGTH and SCGI twice never get here: the parser refuses them.
 * Names are compared whole, so a header-derived HTTP_* pair only ever
 * meets other HTTP_* pairs of its own name, never a server variable.
 *
 * Header values are not copied: entries point into the request's header
 * buffer, where every string is already NUL-terminated.  Joined values and
 * values set with scgi_env_put() are copied into a per-request arena that
 * is reset, not freed, between requests.  A joined value is shorter than
 * the pairs it is made of, so the arena never holds more joined bytes than
 * scgi.max_header_size let into the header.
 */

#ifndef SCGI_ENV_H
#define SCGI_ENV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scgi_parser.h"

typedef struct {
	const char *name;
	char       *value;        /* NULL: deleted by scgi_env_put(..., NULL) */
	uint32_t    name_len;
	uint32_t    value_len;
	uint32_t    hash;
	uint32_t    slot;
	uint32_t    last_pair;    /* header pair of the name's last repetition */
	uint32_t    repeats;      /* HTTP_* pairs after the first, to be joined */
} scgi_env_entry;

typedef struct scgi_env_chunk scgi_env_chunk;

typedef struct {
	scgi_env_entry *entries;  /* in insertion order, as $_SERVER shows them */
	uint32_t        count;
	uint32_t        capacity;
	uint32_t       *slots;    /* open addressing: entry index + 1, 0 = free */
	uint32_t        slot_mask;
	uint32_t       *pair_prev; /* per header pair: the same name's previous
	                            * pair, for joining (capacity of them) */
	scgi_env_chunk *arena;    /* first chunk is kept across requests */
} scgi_env;

typedef void (*scgi_env_apply_func)(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg);

#if defined(__GNUC__)
# define SCGI_ENV_ALWAYS_INLINE inline __attribute__((always_inline))
#else
# define SCGI_ENV_ALWAYS_INLINE inline
#endif

static inline uint64_t scgi_env_load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t scgi_env_load32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t scgi_env_mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 31);
}

/* Word-at-a-time hash of a name.  Not FPM's FCGI_HASH_FUNC: that one reads
 * three bytes and the length, and names a client chooses (HTTP_*) would all
 * fall into one probe chain.  Short tails use overlapping loads so that no
 * byte outside the name is read. */
static SCGI_ENV_ALWAYS_INLINE uint32_t scgi_env_hash(const char *name, size_t n)
{
	const unsigned char *p = (const unsigned char *) name;
	const unsigned char *end = p + n;
	uint64_t h = (uint64_t) n * UINT64_C(0xff51afd7ed558ccd);

	if (n >= 8) {
		while (end - p > 8) {
			h = scgi_env_mix(h, scgi_env_load64(p));
			p += 8;
		}
		h = scgi_env_mix(h, scgi_env_load64(end - 8));
	} else if (n >= 4) {
		h = scgi_env_mix(h, ((uint64_t) scgi_env_load32(p) << 32) | scgi_env_load32(end - 4));
	} else if (n > 0) {
		h = scgi_env_mix(h, ((uint64_t) p[0] << 16) | ((uint64_t) p[n >> 1] << 8) | p[n - 1]);
	}
	return (uint32_t) ((h * UINT64_C(0xc4ceb9fe1a85ec53)) >> 32);
}

int   scgi_env_init(scgi_env *env, uint32_t expected_entries);
void  scgi_env_destroy(scgi_env *env);
void  scgi_env_reset(scgi_env *env);

/* Room for entries more, so that adding them cannot fail. */
int   scgi_env_reserve(scgi_env *env, uint32_t entries);

/*
 * Fill the environment anew (a reset first) from the parsed header
 * pairs[0 .. count) of buf,
 * repeated names resolved as said above; PHP_VALUE and PHP_ADMIN_VALUE are
 * left out unless keep_php_value.  Strings stay owned by buf, which must
 * not move while the environment is in use.  0, or -1 out of memory.
 */
int   scgi_env_load(scgi_env *env, const char *buf, const scgi_header_pair *pairs, uint32_t count,
		int keep_php_value);

/* The slot holding name, or the free slot where it would go. */
static inline uint32_t scgi_env_find(const scgi_env *env, const char *name, uint32_t name_len, uint32_t hash)
{
	uint32_t slot = hash & env->slot_mask;

	while (env->slots[slot]) {
		const scgi_env_entry *entry = &env->entries[env->slots[slot] - 1];

		if (entry->hash == hash && entry->name_len == name_len && memcmp(entry->name, name, name_len) == 0) {
			break;
		}
		slot = (slot + 1) & env->slot_mask;
	}
	return slot;
}

/* The value of name, NULL when absent or deleted.  Inline, with the find:
 * FPM asks for some twenty names per request. */
static inline char *scgi_env_get(const scgi_env *env, const char *name, uint32_t name_len)
{
	uint32_t slot = scgi_env_find(env, name, name_len, scgi_env_hash(name, name_len));

	return env->slots[slot] ? env->entries[env->slots[slot] - 1].value : NULL;
}

/* Set (copying) or, with value NULL, delete.  Returns the stored value. */
char *scgi_env_put(scgi_env *env, const char *name, uint32_t name_len, const char *value);

void  scgi_env_apply(const scgi_env *env, scgi_env_apply_func func, void *arg);

#endif /* SCGI_ENV_H */
