/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/* The scgi.* pool directives: parsed by FPM's pool parser (see
 * patches/0005), defaulted, checked and handed to the worker here. */

#ifndef FPM_SCGI_POOL_H
#define FPM_SCGI_POOL_H

#include <stdint.h>
#include "php.h"    /* zval, for the directive parser */

struct fpm_scgi_pool_config_s {
	int max_header_size;   /* bytes of the netstring payload */
	int max_header_pairs;
	int header_timeout;    /* seconds for the whole header to arrive */
	int body_timeout;      /* seconds a body read may wait for a byte */
	int php_value_params;  /* honour PHP_VALUE / PHP_ADMIN_VALUE params */
	int body_buffer_size;  /* bytes: bodies up to this are read into memory */
};

#define FPM_SCGI_BODY_BUFFER_SIZE_MAX     (256 * 1024 * 1024)

void fpm_scgi_pool_config_defaults(struct fpm_scgi_pool_config_s *config);
int  fpm_scgi_pool_config_check(const char *pool_name, struct fpm_scgi_pool_config_s *config);
void fpm_scgi_pool_config_dump(const struct fpm_scgi_pool_config_s *config);

/* FPM's pool parser calls this for a size in bytes with an optional k, m or
 * g suffix (as php.ini writes sizes); the error text is FPM's style. */
char *fpm_scgi_conf_set_size(zval *value, void **config, intptr_t offset);

/* In the worker: the limits of the pool it serves. */
void fpm_scgi_pool_use(const char *pool_name, const struct fpm_scgi_pool_config_s *config);
const struct fpm_scgi_pool_config_s *fpm_scgi_pool_current(void);
const char *fpm_scgi_pool_name(void);

/* In the worker: a copy of the master's error_log descriptor (or
 * ZLOG_SYSLOG), taken before FPM closes it, for refused-request lines. */
void fpm_scgi_keep_error_log(int fd);
int  fpm_scgi_error_log_fd(void);

#endif /* FPM_SCGI_POOL_H */
