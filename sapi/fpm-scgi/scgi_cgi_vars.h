/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * The CGI variables a request starts with, before FPM's own path logic
 * (cgi.fix_pathinfo) runs on them: the header pairs the pool lets through,
 * and the script, when the web server did not name it.
 */

#ifndef SCGI_CGI_VARS_H
#define SCGI_CGI_VARS_H

#include <stdint.h>

#include "scgi_env.h"
#include "scgi_parser.h"

/*
 * Fill env anew from the parsed pairs[0 .. count) of the header in buf
 * (repeated names as scgi_env.h says), leaving out PHP_VALUE and
 * PHP_ADMIN_VALUE unless php_value_params; decode the path of Apache's
 * percent-encoded proxy:scgi:// SCRIPT_FILENAME; then, when there is no
 * SCRIPT_FILENAME, set SCRIPT_NAME, SCRIPT_FILENAME and maybe PATH_INFO
 * from DOCUMENT_ROOT and DOCUMENT_URI, as php-fpm's users write them for
 * nginx (see scgi_cgi_vars.c).  buf must stay where it is while env is in
 * use.  0, or -1 out of memory.
 */
int scgi_cgi_vars_build(scgi_env *env, const char *buf, const scgi_header_pair *pairs, uint32_t count,
		int php_value_params);

#endif /* SCGI_CGI_VARS_H */
