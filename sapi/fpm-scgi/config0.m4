dnl php-fpm-scgi: FPM speaking SCGI.  Declared in config0.m4 so that
dnl sapi/fpm/config.m4 (patched) knows before its checks whether to run
dnl them; the SAPI itself is set up in config9.m4, after FPM's checks.
PHP_ARG_ENABLE([fpm-scgi],,
  [AS_HELP_STRING([--enable-fpm-scgi],
    [Enable building of the php-fpm-scgi SAPI executable (FPM over SCGI)])],
  [no],
  [no])
