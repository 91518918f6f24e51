/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/* Cheaper ways to the same answers in FPM's per-request path, for
 * php-fpm-scgi (see patches/0010). */

#ifndef FPM_SCGI_REQUEST_H
#define FPM_SCGI_REQUEST_H

#include <stddef.h>

/* Whether path resolves to something on disk: tsrm_realpath(path, NULL)
 * != NULL, without its allocation when PHP's realpath cache knows the path. */
int fpm_scgi_path_resolves(const char *path, size_t path_len);

#endif /* FPM_SCGI_REQUEST_H */
