/*
 * The engine's build-defs.h describes the library's own build (the embed
 * SAPI's directories).  php.h includes it as <build-defs.h>, so this file
 * comes first (once: the engine's has no include guard): it takes the
 * engine's, then names this SAPI's configuration
 * directory, where FPM looks for its default php-fpm-scgi.conf.
 */
#ifndef FPM_SCGI_BUILD_DEFS_H
#define FPM_SCGI_BUILD_DEFS_H

#include_next <build-defs.h>

#ifndef FPM_SCGI_SYSCONFDIR
# error "FPM_SCGI_SYSCONFDIR must be set by the build"
#endif

#undef PHP_SYSCONFDIR
#define PHP_SYSCONFDIR FPM_SCGI_SYSCONFDIR

#endif
