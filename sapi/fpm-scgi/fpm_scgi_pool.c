/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

#include "fpm_config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>

#include "fpm_scgi_pool.h"
#include "scgi_parser.h"
#include "zlog.h"

/* What a pool gets for each scgi.* directive it does not set. */
static const struct fpm_scgi_pool_config_s pool_defaults = {
	.max_header_size  = 65536,
	.max_header_pairs = 512,
	.header_timeout   = 10,
	.body_timeout     = 60,
	.php_value_params = 1,
	/* nginx's default client_max_body_size: what passes a stock nginx fits */
	.body_buffer_size = 1024 * 1024
};

/* The worker's pool, a copy (the pool's config is not kept for the
 * worker's whole life); the defaults until fpm_scgi_pool_use(). */
static struct fpm_scgi_pool_config_s worker_pool;
static const struct fpm_scgi_pool_config_s *current_pool = &pool_defaults;
static char current_pool_name[64];
static int kept_error_log_fd = -1;

void fpm_scgi_pool_config_defaults(struct fpm_scgi_pool_config_s *config) /* {{{ */
{
	*config = pool_defaults;
}
/* }}} */

int fpm_scgi_pool_config_check(const char *pool_name, struct fpm_scgi_pool_config_s *config) /* {{{ */
{
	/* Below 1 KiB not even nginx's stock scgi_params fit. */
	if (config->max_header_size < 1024 || (unsigned) config->max_header_size > SCGI_HEADER_SIZE_CEILING) {
		zlog(ZLOG_ERROR, "[pool %s] 'scgi.max_header_size' must be between 1024 and %u bytes, not %d",
			pool_name, SCGI_HEADER_SIZE_CEILING, config->max_header_size);
		return -1;
	}
	if (config->max_header_pairs < 8 || (unsigned) config->max_header_pairs > SCGI_HEADER_PAIRS_CEILING) {
		zlog(ZLOG_ERROR, "[pool %s] 'scgi.max_header_pairs' must be between 8 and %u, not %d",
			pool_name, SCGI_HEADER_PAIRS_CEILING, config->max_header_pairs);
		return -1;
	}
	/* A zero timeout would let one slow client hold a worker forever. */
	if (config->header_timeout < 1) {
		zlog(ZLOG_ERROR, "[pool %s] 'scgi.header_timeout' must be at least 1s", pool_name);
		return -1;
	}
	if (config->body_timeout < 1) {
		zlog(ZLOG_ERROR, "[pool %s] 'scgi.body_timeout' must be at least 1s", pool_name);
		return -1;
	}
	if (config->body_buffer_size < 0 || config->body_buffer_size > FPM_SCGI_BODY_BUFFER_SIZE_MAX) {
		zlog(ZLOG_ERROR, "[pool %s] 'scgi.body_buffer_size' must be between 0 and %dM, not %d",
			pool_name, FPM_SCGI_BODY_BUFFER_SIZE_MAX / (1024 * 1024), config->body_buffer_size);
		return -1;
	}
	return 0;
}
/* }}} */

char *fpm_scgi_conf_set_size(zval *value, void **config, intptr_t offset) /* {{{ */
{
	const char *p = Z_STRVAL_P(value);
	long long size = 0;
	int shift = 0;

	if (*p < '0' || *p > '9') {
		return "is not a valid size (digits, then k, m or g)";
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		size = size * 10 + (*p - '0');
		if (size > INT_MAX) {
			return "is too large";
		}
	}
	switch (*p) {
		case 'k': case 'K': shift = 10; p++; break;
		case 'm': case 'M': shift = 20; p++; break;
		case 'g': case 'G': shift = 30; p++; break;
	}
	if (*p != '\0') {
		return "is not a valid size (digits, then k, m or g)";
	}
	if (size > (INT_MAX >> shift)) {
		return "is too large";
	}
	* (int *) ((char *) *config + offset) = (int) (size << shift);
	return NULL;
}
/* }}} */

void fpm_scgi_pool_config_dump(const struct fpm_scgi_pool_config_s *config) /* {{{ */
{
	zlog(ZLOG_NOTICE, "\tscgi.max_header_size = %d", config->max_header_size);
	zlog(ZLOG_NOTICE, "\tscgi.max_header_pairs = %d", config->max_header_pairs);
	zlog(ZLOG_NOTICE, "\tscgi.header_timeout = %ds", config->header_timeout);
	zlog(ZLOG_NOTICE, "\tscgi.body_timeout = %ds", config->body_timeout);
	zlog(ZLOG_NOTICE, "\tscgi.php_value_params = %s", config->php_value_params ? "yes" : "no");
	zlog(ZLOG_NOTICE, "\tscgi.body_buffer_size = %d", config->body_buffer_size);
}
/* }}} */

void fpm_scgi_pool_use(const char *pool_name, const struct fpm_scgi_pool_config_s *config) /* {{{ */
{
	worker_pool = *config;
	current_pool = &worker_pool;
	snprintf(current_pool_name, sizeof(current_pool_name), "%s", pool_name ? pool_name : "");
}
/* }}} */

const struct fpm_scgi_pool_config_s *fpm_scgi_pool_current(void) /* {{{ */
{
	return current_pool;
}
/* }}} */

const char *fpm_scgi_pool_name(void) /* {{{ */
{
	return current_pool_name;
}
/* }}} */

void fpm_scgi_keep_error_log(int fd) /* {{{ */
{
	if (fd == ZLOG_SYSLOG) {
		kept_error_log_fd = ZLOG_SYSLOG;
	} else if (fd > 0) {
		/* not inherited by what a script might exec */
		kept_error_log_fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	}
}
/* }}} */

int fpm_scgi_error_log_fd(void) /* {{{ */
{
	return kept_error_log_fd;
}
/* }}} */
