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
#include <strings.h>
#include <sys/stat.h>

#include "scgi_cgi_vars.h"

/* A variable name written as a string literal, and its length. */
#define SCGI_VAR(literal) (literal), (uint32_t) (sizeof(literal) - 1)

static int scgi_cgi_vars_hex_digit(char c) /* {{{ */
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}
/* }}} */

/*
 * Percent-decodes in[0..in_len) into out, which has room for in_len bytes;
 * returns the decoded length.  "%00" and "%2F" stay encoded (as Apache's own
 * ap_unescape_url_keep2f() keeps them): neither can be part of a file name.
 */
static size_t scgi_cgi_vars_url_decode(char *out, const char *in, size_t in_len) /* {{{ */
{
	const char *end = in + in_len;
	char *start = out;

	while (in < end) {
		int hi = in[0] == '%' && end - in >= 3 ? scgi_cgi_vars_hex_digit(in[1]) : -1;
		int lo = hi >= 0 ? scgi_cgi_vars_hex_digit(in[2]) : -1;
		int c = hi * 16 + lo;

		if (lo >= 0 && c != 0 && c != '/') {
			*out++ = (char) c;
			in += 3;
		} else {
			*out++ = *in++;
		}
	}
	return (size_t) (out - start);
}
/* }}} */

/*
 * Apache's mod_proxy_scgi sends SCRIPT_FILENAME as "proxy:scgi://host/path"
 * with the path percent-encoded: its scgi_canon() encodes r->filename, where
 * mod_proxy_fcgi leaves a SetHandler's file name as it is.  A script under
 * "/var/www/my site/" arrives as ".../my%20site/...", which names no file.
 * FPM strips the prefix and looks for the script; decode the path here so
 * that it names the file.
 *
 * Only the script's part is decoded.  Behind ProxyPass(Match) the path goes
 * on after the script ("/x.php/1%202"), and FPM takes what follows the file
 * as PATH_INFO: php-fpm, which decodes nothing, gives the script "/1%202",
 * so that is what php-fpm-scgi gives too.  The script is the longest prefix,
 * ending where the encoded path has a '/', whose decoded form is a regular
 * file, as FPM's own walk finds it; without one the whole path is decoded
 * (FPM then answers 404 naming the decoded path).  Costs a stat() per path
 * component, and only for encoded proxy:scgi:// names.
 */
static int scgi_cgi_vars_decode_apache_filename(scgi_env *env) /* {{{ */
{
	static const char prefix[] = "proxy:scgi://";
	const char *value = scgi_env_get(env, SCGI_VAR("SCRIPT_FILENAME")), *path;
	size_t value_len, path_off, script_len, decoded_len = 0;
	char *decoded;
	struct stat st;

	if (!value || strncasecmp(value, prefix, sizeof(prefix) - 1) != 0 || !strchr(value, '%')) {
		return 0;
	}
	value_len = strlen(value);
	path = strchr(value + sizeof(prefix) - 1, '/');
	if (!path) {
		return 0;  /* no path after the host: FPM answers 404 */
	}
	path_off = (size_t) (path - value);
	decoded = malloc(value_len + 1);
	if (!decoded) {
		return -1;
	}
	/* the host part is never a file name: copy it as it came */
	memcpy(decoded, value, path_off);
	for (script_len = value_len; script_len > path_off; ) {
		decoded_len = path_off + scgi_cgi_vars_url_decode(decoded + path_off, path, script_len - path_off);
		decoded[decoded_len] = '\0';
		if (stat(decoded + path_off, &st) == 0 && S_ISREG(st.st_mode)) {
			break;
		}
		while (--script_len > path_off && value[script_len] != '/') {
		}
	}
	if (script_len == path_off) {
		/* no file: decode it all */
		script_len = value_len;
		decoded_len = path_off + scgi_cgi_vars_url_decode(decoded + path_off, path, script_len - path_off);
	}
	/* the script's part is decoded already; what follows goes as it came */
	memcpy(decoded + decoded_len, value + script_len, value_len - script_len + 1);
	if (!scgi_env_put(env, SCGI_VAR("SCRIPT_FILENAME"), decoded)) {
		free(decoded);
		return -1;
	}
	free(decoded);
	return 0;
}
/* }}} */

/*
 * nginx's stock scgi_params send DOCUMENT_ROOT and DOCUMENT_URI but neither
 * SCRIPT_FILENAME nor SCRIPT_NAME.  Build them as php-fpm users write
 * "fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name": FPM's
 * cgi.fix_pathinfo logic then splits off PATH_INFO as it does for FastCGI.
 * A request that names its script by PATH_TRANSLATED instead is FPM's:
 * it takes the script from there, over SCGI as over FastCGI.
 */
static int scgi_cgi_vars_resolve_script(scgi_env *env) /* {{{ */
{
	struct stat st;
	char *root, *uri, *path;
	size_t root_len, uri_len;

	if (scgi_env_get(env, SCGI_VAR("SCRIPT_FILENAME"))
			|| scgi_env_get(env, SCGI_VAR("PATH_TRANSLATED"))) {
		return 0;
	}
	uri = scgi_env_get(env, SCGI_VAR("SCRIPT_NAME"));
	if (!uri) {
		uri = scgi_env_get(env, SCGI_VAR("DOCUMENT_URI"));
		if (!uri) {
			return 0;  /* nothing to resolve from: FPM answers 404 */
		}
		if (!scgi_env_put(env, SCGI_VAR("SCRIPT_NAME"), uri)) {
			return -1;
		}
	}
	root = scgi_env_get(env, SCGI_VAR("DOCUMENT_ROOT"));
	if (!root || *uri != '/') {
		return 0;
	}
	root_len = strlen(root);
	while (root_len > 0 && root[root_len - 1] == '/') {
		root_len--;
	}
	uri_len = strlen(uri);
	path = malloc(root_len + uri_len + 1);
	if (!path) {
		return -1;
	}
	memcpy(path, root, root_len);
	memcpy(path + root_len, uri, uri_len + 1);
	if (!scgi_env_put(env, SCGI_VAR("SCRIPT_FILENAME"), path)) {
		free(path);
		return -1;
	}
	/* /index.php/some/path: FPM's fix_pathinfo walks back to the script and
	 * takes PATH_INFO off the tail of the PATH_INFO it was given, so give it
	 * the whole URI, as nginx's split would have */
	if (!scgi_env_get(env, SCGI_VAR("PATH_INFO"))
			&& (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			&& !scgi_env_put(env, SCGI_VAR("PATH_INFO"), uri)) {
		free(path);
		return -1;
	}
	free(path);
	return 0;
}
/* }}} */

int scgi_cgi_vars_build(scgi_env *env, const char *buf, const scgi_header_pair *pairs, uint32_t count,
		int php_value_params) /* {{{ */
{
	/* without php_value_params the pool does not let the web server set
	 * ini values: scgi_env_load() leaves those pairs out */
	if (scgi_env_load(env, buf, pairs, count, php_value_params) < 0
			|| scgi_cgi_vars_decode_apache_filename(env) < 0) {
		return -1;
	}
	return scgi_cgi_vars_resolve_script(env);
}
/* }}} */
