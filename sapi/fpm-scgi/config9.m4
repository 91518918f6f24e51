dnl php-fpm-scgi is built from FPM's own sources (PHP_FPM_FILES, set by
dnl sapi/fpm/config.m4 together with all of FPM's checks) compiled with
dnl -DPHP_FPM_SCGI into sapi/fpm-scgi/fpm/, plus the SCGI layer below.
dnl It links neither main/fastcgi.c nor FPM's objects.

AC_MSG_CHECKING([for FPM over SCGI build])
if test "$PHP_FPM_SCGI" != "no"; then
  AC_MSG_RESULT([$PHP_FPM_SCGI])

  if test -z "$PHP_FPM_FILES"; then
    AC_MSG_ERROR([sapi/fpm/config.m4 did not set PHP_FPM_FILES: is patches/0003 applied?])
  fi

  PHP_ADD_BUILD_DIR(sapi/fpm-scgi/fpm)
  PHP_ADD_BUILD_DIR(sapi/fpm-scgi/fpm/events)
  PHP_OUTPUT(sapi/fpm-scgi/php-fpm-scgi.conf sapi/fpm-scgi/www.conf sapi/fpm-scgi/php-fpm-scgi.service sapi/fpm-scgi/php-fpm-scgi.8)
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/sapi/fpm-scgi/Makefile.frag])

  dnl scgi_fcgi_names.h is read first by every source (-include), whatever
  dnl the order of -I flags, which PHP 8 puts after main/'s: FPM's calls of
  dnl main/fastcgi.h's API become calls of the SCGI adapter
  PHP_FPM_SCGI_CFLAGS="-include $abs_srcdir/sapi/fpm-scgi/scgi_fcgi_names.h -I$abs_srcdir/sapi/fpm-scgi -I$abs_srcdir/sapi/fpm/fpm -I$abs_srcdir/sapi/fpm -DPHP_FPM_SCGI=1 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"

  PHP_FPM_SCGI_FILES="scgi_parser.c \
    scgi_env.c \
    scgi_conn.c \
    scgi_body.c \
    scgi_fcgi_adapter.c \
    fpm_scgi_pool.c \
    fpm_scgi_request.c"

  SAPI_FPM_SCGI_PATH=sapi/fpm-scgi/php-fpm-scgi
  PHP_SELECT_SAPI(fpm-scgi, program, $PHP_FPM_SCGI_FILES, $PHP_FPM_SCGI_CFLAGS, '$(SAPI_FPM_SCGI_PATH)')
  PHP_ADD_SOURCES_X([sapi/fpm], [$PHP_FPM_FILES $PHP_FPM_TRACE_FILES $PHP_FPM_SD_FILES], [$PHP_FPM_SCGI_CFLAGS], PHP_FPM_SCGI_OBJS, , , [sapi/fpm-scgi])

  BUILD_FPM_SCGI="\$(LIBTOOL) --mode=link \$(CC) -export-dynamic \$(CFLAGS_CLEAN) \$(EXTRA_CFLAGS) \$(EXTRA_LDFLAGS_PROGRAM) \$(LDFLAGS) \$(PHP_RPATHS) \$(PHP_GLOBAL_OBJS) \$(PHP_BINARY_OBJS) \$(PHP_FPM_SCGI_OBJS) \$(EXTRA_LIBS) \$(FPM_EXTRA_LIBS) \$(ZEND_EXTRA_LIBS) -o \$(SAPI_FPM_SCGI_PATH)"

  PHP_SUBST(SAPI_FPM_SCGI_PATH)
  PHP_SUBST(BUILD_FPM_SCGI)
else
  AC_MSG_RESULT([no])
fi
