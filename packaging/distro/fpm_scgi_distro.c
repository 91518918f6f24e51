/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * php-fpm-scgi linked against a distribution's engine (libphpX.Y.so of
 * Debian's libphpX.Y-embed) instead of one built with it.  Four things the
 * engine's own build would have given FPM are supplied here, each through
 * a call FPM already makes, which the link redirects (ld --wrap) to the
 * function of the same name below:
 *
 *  - sapi_startup(): point PHP at this SAPI's conf.d (the library was
 *    configured with another SAPI's directories).
 *  - php_module_startup(): this SAPI's php.ini unless -c/-n said otherwise;
 *    OPcache (the distribution's, unpatched) enables itself only for SAPI
 *    names on its own list, so during module startup the SAPI is named
 *    fpm-fcgi, as FPM's workers are processes of the same kind; afterwards
 *    it is fpm-scgi again and php_sapi_name() says so.  Then the engine's
 *    version, module API and build (ZTS, debug) are compared with ours,
 *    and another engine is refused with a message that says which.
 *  - zend_signal_init(): FPM's workers call it to save the handlers FPM
 *    installed as the ones Zend chains to, but the library does not export
 *    it (it is declared without ZEND_API).  zend_signal_startup() is
 *    exported and does the same after resetting Zend's signal state, which
 *    is kept around the call, so the effect is zend_signal_init()'s alone.
 *
 * php7.4-fpm-scgi, which carries its own engine, links this file the same
 * way (packaging/own-engine/wrap.mk) for Debian's opcache.so: there the ini
 * paths are the ones its configure was given, the engine check compares
 * the engine with itself, and zend_signal_init() is its own.
 */

#include "php.h"
#include "SAPI.h"
#include "php_main.h"
#include "zend_modules.h"
#include "zend_signal.h"

#include <stdbool.h> /* PHP 7.4's headers do not include it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FPM_SCGI_INI_FILE
# error "FPM_SCGI_INI_FILE (this SAPI's php.ini) must be set by the build"
#endif
#ifndef FPM_SCGI_INI_SCAN_DIR
# error "FPM_SCGI_INI_SCAN_DIR (this SAPI's conf.d) must be set by the build"
#endif

/* A name on OPcache's list of long-lived SAPIs, as FPM's own */
#define FPM_SCGI_NAME_FOR_OPCACHE "fpm-fcgi"

#define ENGINE_MISMATCH_EXIT 78 /* EX_CONFIG: systemd stops restarting it */

void __real_sapi_startup(sapi_module_struct *sf);
#if PHP_VERSION_ID >= 80200
zend_result __real_php_module_startup(sapi_module_struct *sf, zend_module_entry *additional_module);
#else
int __real_php_module_startup(sapi_module_struct *sf, zend_module_entry *additional_modules, uint32_t num_additional_modules);
#endif

static ZEND_COLD ZEND_NORETURN void engine_mismatch(const char *what, const char *found)
{
	fprintf(stderr, "php-fpm-scgi: this binary was built for PHP %s (Zend Engine %s, module API %d, %s), "
		"but the PHP engine library it loaded has %s %s.  Install the libphp%d.%d-embed it was built "
		"against, or rebuild php-fpm-scgi against this one.\n",
		PHP_VERSION, ZEND_VERSION, ZEND_MODULE_API_NO, ZEND_MODULE_BUILD_ID,
		what, found, PHP_MAJOR_VERSION, PHP_MINOR_VERSION);
	exit(ENGINE_MISMATCH_EXIT);
}

/*
 * Before module startup the library tells nothing about itself (its version
 * string is made by zend_startup()), and its SONAME fixes only X.Y; after
 * it, the Core module carries the engine's version (PHP's since 8.0,
 * Zend's before), module API and build (ZTS or not, debug or not).
 * Nothing of FPM has run yet at that point.
 */

/* X.Y of "X.Y.Z": a release of the same branch keeps the ABI */
static bool same_branch(const char *version, const char *ours)
{
	const char *ours_end = strrchr(ours, '.');
	size_t branch_len = ours_end ? (size_t) (ours_end - ours) + 1 : strlen(ours);

	return strncmp(version, ours, branch_len) == 0;
}

static void check_engine(void)
{
	zend_module_entry *core = zend_hash_str_find_ptr(&module_registry, "core", sizeof("core") - 1);
	char api[16];

	if (!core) {
		engine_mismatch("no", "Core module");
	}
	if (!core->version || !(same_branch(core->version, PHP_VERSION) || same_branch(core->version, ZEND_VERSION))) {
		engine_mismatch("version", core->version ? core->version : "(none)");
	}
	if (core->zend_api != ZEND_MODULE_API_NO) {
		snprintf(api, sizeof(api), "%u", (unsigned) core->zend_api);
		engine_mismatch("module API", api);
	}
	if (!core->build_id || strcmp(core->build_id, ZEND_MODULE_BUILD_ID) != 0) {
		engine_mismatch("build", core->build_id ? core->build_id : "(none)");
	}
}

void __wrap_sapi_startup(sapi_module_struct *sf)
{
	/* The only way to name the scan directory; an administrator's own wins */
	if (setenv("PHP_INI_SCAN_DIR", FPM_SCGI_INI_SCAN_DIR, 0) != 0) {
		perror("php-fpm-scgi: setenv(PHP_INI_SCAN_DIR)");
		exit(EXIT_FAILURE);
	}
	__real_sapi_startup(sf);
}

#if PHP_VERSION_ID >= 80200
zend_result __wrap_php_module_startup(sapi_module_struct *sf, zend_module_entry *additional_module)
#else
int __wrap_php_module_startup(sapi_module_struct *sf, zend_module_entry *additional_modules, uint32_t num_additional_modules)
#endif
{
	char *own_name = sf->name;
	int result;

	if (!sf->php_ini_path_override && !sf->php_ini_ignore) {
		/* FPM frees it at exit like a -c argument */
		sf->php_ini_path_override = strdup(FPM_SCGI_INI_FILE);
		if (!sf->php_ini_path_override) {
			return FAILURE;
		}
	}
	sf->name = (char *) FPM_SCGI_NAME_FOR_OPCACHE;
#if PHP_VERSION_ID >= 80200
	result = __real_php_module_startup(sf, additional_module);
#else
	result = __real_php_module_startup(sf, additional_modules, num_additional_modules);
#endif
	sf->name = own_name;
	sapi_module.name = own_name;
	if (result == SUCCESS) {
		check_engine();
	}
	return result;
}

void __wrap_zend_signal_init(void)
{
	zend_signal_globals_t kept = zend_signal_globals;

	zend_signal_startup();
	zend_signal_globals = kept;
}
