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
	env->slots = calloc(slots, sizeof(uint32_t));
	env->arena = scgi_env_chunk_new(SCGI_ENV_ARENA_CHUNK);
	if (!env->entries || !env->slots || !env->arena) {
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
	uint32_t *slot_table;
	uint32_t i;

	entries = realloc(env->entries, sizeof(scgi_env_entry) * capacity);
	if (!entries) {
		return -1;
	}
	env->entries = entries;
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

char *scgi_env_put(scgi_env *env, const char *name, uint32_t name_len, uint32_t hash, const char *value) /* {{{ */
{
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
