# PHP's Makefile, plus what links php-fpm-scgi with its own engine to
# packaging/distro/fpm_scgi_distro.c, as the build on Debian's engine is:
# FPM's calls of sapi_startup, php_module_startup and zend_signal_init go
# to its wrappers (ld --wrap).  What matters here is OPcache: Debian's
# opcache.so enables itself only for SAPI names on its list, and the
# wrapper names the SAPI fpm-fcgi during module startup.  The others do
# what this build's configure already did (php.ini and conf.d in INI_DIR)
# or, on an engine linked in, nothing (the engine check, zend_signal_init).
#
#   make -f Makefile -f packaging/own-engine/wrap.mk INI_DIR=/etc/php/7.4/fpm-scgi sapi/fpm-scgi/php-fpm-scgi

INI_DIR ?= $(sysconfdir)
FPM_SCGI_WRAPPED = sapi_startup php_module_startup zend_signal_init
FPM_SCGI_DISTRO_OBJ = packaging/distro/fpm_scgi_distro.lo
comma = ,

$(FPM_SCGI_DISTRO_OBJ): packaging/distro/fpm_scgi_distro.c main/php_config.h
	$(LIBTOOL) --mode=compile $(CC) -DFPM_SCGI_INI_FILE='"$(INI_DIR)/php.ini"' -DFPM_SCGI_INI_SCAN_DIR='"$(INI_DIR)/conf.d"' \
		$(COMMON_FLAGS) $(CFLAGS_CLEAN) $(EXTRA_CFLAGS) -c $< -o $@

PHP_FPM_SCGI_OBJS += $(FPM_SCGI_DISTRO_OBJ)
EXTRA_LDFLAGS_PROGRAM += $(addprefix -Wl$(comma)--wrap=,$(FPM_SCGI_WRAPPED))
$(SAPI_FPM_SCGI_PATH): $(FPM_SCGI_DISTRO_OBJ)
