/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

#include <stdlib.h>
#include <string.h>

#include "scgi_env.h"

#define SCGI_ENV_ARENA_CHUNK 4096

struct scgi_env_chunk {
	scgi_env_chunk *next;
	size_t          used;
	size_t          size;
	char            data[1];
};

static scgi_env_chunk *scgi_env_chunk_new(size_t size) /* {{{ */
{
	scgi_env_chunk *chunk = malloc(offsetof(scgi_env_chunk, data) + size);

	if (chunk) {
		chunk->next = NULL;
		chunk->used = 0;
		chunk->size = size;
	}
	return chunk;
}
/* }}} */

static uint32_t scgi_env_slots_for(uint32_t entries) /* {{{ */
{
	uint32_t slots = 64;

	/* keep the table at most half full: probes stay short */
	while (slots < entries * 2) {
		slots <<= 1;
	}
	return slots;
}
/* }}} */

int scgi_env_init(scgi_env *env, uint32_t expected_entries) /* {{{ */
{
	uint32_t slots = scgi_env_slots_for(expected_entries);

	memset(env, 0, sizeof(*env));
	env->entries = malloc(sizeof(scgi_env_entry) * expected_entries);
	env->pair_prev = malloc(sizeof(uint32_t) * expected_entries);
	env->slots = calloc(slots, sizeof(uint32_t));
	env->arena = scgi_env_chunk_new(SCGI_ENV_ARENA_CHUNK);
	if (!env->entries || !env->pair_prev || !env->slots || !env->arena) {
		scgi_env_destroy(env);
		return -1;
	}
	env->capacity = expected_entries;
	env->slot_mask = slots - 1;
	return 0;
}
/* }}} */

void scgi_env_destroy(scgi_env *env) /* {{{ */
{
	scgi_env_chunk *chunk = env->arena;

	while (chunk) {
		scgi_env_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	free(env->entries);
	free(env->pair_prev);
	free(env->slots);
	memset(env, 0, sizeof(*env));
}
/* }}} */

void scgi_env_reset(scgi_env *env) /* {{{ */
{
	uint32_t i;
	scgi_env_chunk *chunk;

	/* clear only the slots in use: cheaper than the whole table */
	for (i = 0; i < env->count; i++) {
		env->slots[env->entries[i].slot] = 0;
	}
	env->count = 0;

	/* keep the first arena chunk; a request that needed more was rare */
	chunk = env->arena->next;
	while (chunk) {
		scgi_env_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	env->arena->next = NULL;
	env->arena->used = 0;
}
/* }}} */

static char *scgi_env_alloc(scgi_env *env, size_t size) /* {{{ */
{
	scgi_env_chunk *chunk = env->arena;

	if (chunk->size - chunk->used < size) {
		/* new chunks go second, so the reusable first one stays first */
		scgi_env_chunk *extra = scgi_env_chunk_new(size > SCGI_ENV_ARENA_CHUNK ? size : SCGI_ENV_ARENA_CHUNK);

		if (!extra) {
			return NULL;
		}
		extra->next = chunk->next;
		chunk->next = extra;
		chunk = extra;
	}
	chunk->used += size;
	return chunk->data + chunk->used - size;
}
/* }}} */

static int scgi_env_grow(scgi_env *env) /* {{{ */
{
	uint32_t capacity = env->capacity * 2;
	uint32_t slots = scgi_env_slots_for(capacity);
	scgi_env_entry *entries;
	uint32_t *slot_table, *pair_prev;
	uint32_t i;

	if (capacity <= env->capacity) {
		return -1;  /* 2^32 entries: not from any header */
	}
	entries = realloc(env->entries, sizeof(scgi_env_entry) * capacity);
	if (!entries) {
		return -1;
	}
	env->entries = entries;
	pair_prev = realloc(env->pair_prev, sizeof(uint32_t) * capacity);
	if (!pair_prev) {
		return -1;
	}
	env->pair_prev = pair_prev;
	slot_table = calloc(slots, sizeof(uint32_t));
	if (!slot_table) {
		return -1;
	}
	free(env->slots);
	env->slots = slot_table;
	env->slot_mask = slots - 1;
	env->capacity = capacity;
	for (i = 0; i < env->count; i++) {
		uint32_t slot = env->entries[i].hash & env->slot_mask;

		while (env->slots[slot]) {
			slot = (slot + 1) & env->slot_mask;
		}
		env->slots[slot] = i + 1;
		env->entries[i].slot = slot;
	}
	return 0;
}
/* }}} */

static scgi_env_entry *scgi_env_insert(scgi_env *env, uint32_t slot, uint32_t hash) /* {{{ */
{
	scgi_env_entry *entry;

	if (env->count == env->capacity) {
		return NULL;
	}
	entry = &env->entries[env->count];
	entry->hash = hash;
	entry->slot = slot;
	entry->repeats = 0;
	env->slots[slot] = ++env->count;
	return entry;
}
/* }}} */

int scgi_env_reserve(scgi_env *env, uint32_t entries) /* {{{ */
{
	while (env->capacity - env->count < entries) {
		if (scgi_env_grow(env) < 0) {
			return -1;
		}
	}
	return 0;
}
/* }}} */

/* HTTP_* names are request headers: a repetition is a list (RFC 9110
 * 5.3), joined.  Except Host, which a client cannot repeat (RFC 9112 3.2;
 * nginx answers 400): two HTTP_HOST pairs are the web server's config
 * overriding a line (Debian's scgi_params sets HTTP_HOST $host, and sites
 * override it with $http_host or $host:$server_port), so the last wins. */
static inline int scgi_env_joins_repeats(const char *name, uint32_t name_len) /* {{{ */
{
	return name_len > 5 && memcmp(name, "HTTP_", 5) == 0
		&& !(name_len == sizeof("HTTP_HOST") - 1 && memcmp(name, "HTTP_HOST", name_len) == 0);
}
/* }}} */

/* Cookie lines are joined as one Cookie header's pairs (RFC 6265 5.4),
 * which is what PHP's cookie parser splits on. */
static inline const char *scgi_env_join_separator(const char *name, uint32_t name_len) /* {{{ */
{
	return name_len == sizeof("HTTP_COOKIE") - 1 && memcmp(name, "HTTP_COOKIE", name_len) == 0 ? "; " : ", ";
}
/* }}} */

#define SCGI_ENV_SEPARATOR_LEN 2

/* One repeated HTTP_* name: its value_len already is the joined length;
 * the values are copied once, from the last repetition back to the first,
 * so that any number of repetitions costs time linear in their bytes. */
static int scgi_env_join(scgi_env *env, scgi_env_entry *entry, const char *buf,
		const scgi_header_pair *pairs) /* {{{ */
{
	const char *separator = scgi_env_join_separator(entry->name, entry->name_len);
	char *joined = scgi_env_alloc(env, (size_t) entry->value_len + 1);
	uint32_t pair = entry->last_pair, pos = entry->value_len, i;

	if (!joined) {
		return -1;
	}
	joined[pos] = '\0';
	for (i = 0; ; i++) {
		uint32_t len = pairs[pair].value_len;

		pos -= len;
		memcpy(joined + pos, buf + pairs[pair].value_off, len);
		if (i == entry->repeats) {
			break;
		}
		pos -= SCGI_ENV_SEPARATOR_LEN;
		memcpy(joined + pos, separator, SCGI_ENV_SEPARATOR_LEN);
		pair = env->pair_prev[pair];
	}
	/* pos is 0 here: value_len was summed from these very pairs */
	entry->value = joined;
	entry->repeats = 0;
	return 0;
}
/* }}} */

int scgi_env_load(scgi_env *env, const char *buf, const scgi_header_pair *pairs, uint32_t count,
		int keep_php_value) /* {{{ */
{
	uint32_t i, joins = 0;

	scgi_env_reset(env);
	if (scgi_env_reserve(env, count) < 0) {
		return -1;
	}
	for (i = 0; i < count; i++) {
		const char *name = buf + pairs[i].name_off;
		uint32_t name_len = pairs[i].name_len;
		char *value = (char *) buf + pairs[i].value_off;
		uint32_t hash, slot;
		scgi_env_entry *entry;

		if (!keep_php_value
				&& ((name_len == sizeof("PHP_VALUE") - 1 && memcmp(name, "PHP_VALUE", name_len) == 0)
				 || (name_len == sizeof("PHP_ADMIN_VALUE") - 1 && memcmp(name, "PHP_ADMIN_VALUE", name_len) == 0))) {
			continue;  /* the pool does not let the web server set ini values */
		}
		hash = scgi_env_hash(name, name_len);
		slot = scgi_env_find(env, name, name_len, hash);
		if (!env->slots[slot]) {
			/* reserved above: cannot fail */
			entry = scgi_env_insert(env, slot, hash);
			entry->name = name;
			entry->name_len = name_len;
			entry->value = value;
			entry->value_len = pairs[i].value_len;
			entry->last_pair = i;
			continue;
		}
		entry = &env->entries[env->slots[slot] - 1];
		if (scgi_env_joins_repeats(name, name_len)) {
			/* sums stay below the header size, far from overflow */
			entry->value_len += SCGI_ENV_SEPARATOR_LEN + pairs[i].value_len;
			env->pair_prev[i] = entry->last_pair;
			entry->last_pair = i;
			joins += entry->repeats++ == 0;
		} else {
			entry->value = value;
			entry->value_len = pairs[i].value_len;
		}
	}
	for (i = 0; joins > 0 && i < env->count; i++) {
		if (env->entries[i].repeats > 0) {
			if (scgi_env_join(env, &env->entries[i], buf, pairs) < 0) {
				return -1;
			}
			joins--;
		}
	}
	return 0;
}
/* }}} */

char *scgi_env_put(scgi_env *env, const char *name, uint32_t name_len, const char *value) /* {{{ */
{
	uint32_t hash = scgi_env_hash(name, name_len);
	uint32_t slot = scgi_env_find(env, name, name_len, hash);
	scgi_env_entry *entry;
	size_t value_len;
	char *copy;

	if (!env->slots[slot]) {
		if (!value) {
			return NULL;
		}
		if (env->count == env->capacity) {
			if (scgi_env_grow(env) < 0) {
				return NULL;
			}
			slot = scgi_env_find(env, name, name_len, hash);
		}
		copy = scgi_env_alloc(env, name_len + 1);
		if (!copy) {
			return NULL;
		}
		memcpy(copy, name, name_len);
		copy[name_len] = '\0';
		entry = scgi_env_insert(env, slot, hash);
		entry->name = copy;
		entry->name_len = name_len;
		entry->value = NULL;
		entry->value_len = 0;
	} else {
		entry = &env->entries[env->slots[slot] - 1];
	}

	if (!value) {
		/* keep the slot: a later put of the same name reuses it */
		entry->value = NULL;
		entry->value_len = 0;
		return NULL;
	}
	value_len = strlen(value);
	if (value_len > UINT32_MAX - 1 || !(copy = scgi_env_alloc(env, value_len + 1))) {
		return NULL;
	}
	memcpy(copy, value, value_len + 1);
	entry->value = copy;
	entry->value_len = (uint32_t) value_len;
	return copy;
}
/* }}} */

void scgi_env_apply(const scgi_env *env, scgi_env_apply_func func, void *arg) /* {{{ */
{
	uint32_t i;

	for (i = 0; i < env->count; i++) {
		const scgi_env_entry *entry = &env->entries[i];

		if (entry->value) {
			func((char *) entry->name, entry->name_len, entry->value, entry->value_len, arg);
		}
	}
}
/* }}} */
