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
 * Header values are not copied: entries point into the request's header
 * buffer, where every string is already NUL-terminated.  Only values set
 * with scgi_env_put() are copied, into a per-request arena that is reset,
 * not freed, between requests.
 */

#ifndef SCGI_ENV_H
#define SCGI_ENV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
	const char *name;
	char       *value;        /* NULL: deleted by scgi_env_put(..., NULL) */
	uint32_t    name_len;
	uint32_t    value_len;
	uint32_t    hash;
	uint32_t    slot;
} scgi_env_entry;

typedef struct scgi_env_chunk scgi_env_chunk;

typedef struct {
	scgi_env_entry *entries;  /* in insertion order, as $_SERVER shows them */
	uint32_t        count;
	uint32_t        capacity;
	uint32_t       *slots;    /* open addressing: entry index + 1, 0 = free */
	uint32_t        slot_mask;
	scgi_env_chunk *arena;    /* first chunk is kept across requests */
} scgi_env;

typedef void (*scgi_env_apply_func)(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg);

/* The cheap hash FPM already computes at compile time for FCGI_GETENV. */
#define SCGI_ENV_HASH(name, len) \
	((len) < 3 ? (uint32_t)(len) : \
		((((uint32_t)(unsigned char)(name)[3]) << 2) + \
		 (((uint32_t)(unsigned char)(name)[(len) - 2]) << 4) + \
		 (((uint32_t)(unsigned char)(name)[(len) - 1]) << 2) + (uint32_t)(len)))

int   scgi_env_init(scgi_env *env, uint32_t expected_entries);
void  scgi_env_destroy(scgi_env *env);
void  scgi_env_reset(scgi_env *env);

/* Room for entries more, so that adding them cannot fail. */
int   scgi_env_reserve(scgi_env *env, uint32_t entries);

/* Add a header pair known not to be in the table (the parser rejects
 * duplicates), after scgi_env_reserve() made room for it; name and value
 * stay owned by the caller's buffer.  Inline: it runs once per header
 * pair, and the call cost as much as the insert. */
static inline void scgi_env_add_borrowed(scgi_env *env, const char *name, uint32_t name_len,
		char *value, uint32_t value_len)
{
	uint32_t hash = SCGI_ENV_HASH(name, name_len);
	uint32_t slot = hash & env->slot_mask;
	scgi_env_entry *entry = &env->entries[env->count];

	/* the name is not in the table: the first free slot is its place, no
	 * name needs comparing on the way */
	while (env->slots[slot]) {
		slot = (slot + 1) & env->slot_mask;
	}
	entry->name = name;
	entry->name_len = name_len;
	entry->value = value;
	entry->value_len = value_len;
	entry->hash = hash;
	entry->slot = slot;
	env->slots[slot] = ++env->count;
}

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
static inline char *scgi_env_get(const scgi_env *env, const char *name, uint32_t name_len, uint32_t hash)
{
	uint32_t slot = scgi_env_find(env, name, name_len, hash);

	return env->slots[slot] ? env->entries[env->slots[slot] - 1].value : NULL;
}

/* Set (copying) or, with value NULL, delete.  Returns the stored value. */
char *scgi_env_put(scgi_env *env, const char *name, uint32_t name_len, uint32_t hash, const char *value);

void  scgi_env_apply(const scgi_env *env, scgi_env_apply_func func, void *arg);

#endif /* SCGI_ENV_H */
