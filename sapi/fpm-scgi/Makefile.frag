fpm-scgi: $(SAPI_FPM_SCGI_PATH)

$(SAPI_FPM_SCGI_PATH): $(PHP_GLOBAL_OBJS) $(PHP_BINARY_OBJS) $(PHP_FPM_SCGI_OBJS)
	$(BUILD_FPM_SCGI)

# PHP's makefiles know no header dependencies.  The SCGI layer's and FPM's
# headers define structs both sides must agree on (fpm_scgi_pool.h sits in
# FPM's pool config): rebuild every php-fpm-scgi object when one changes.
$(PHP_FPM_SCGI_OBJS): $(top_srcdir)/sapi/fpm-scgi/*.h $(top_srcdir)/sapi/fpm/fpm/*.h \
	$(top_builddir)/main/php_config.h

install-fpm-scgi: $(SAPI_FPM_SCGI_PATH)
	@echo "Installing PHP FPM-SCGI binary:   $(INSTALL_ROOT)$(sbindir)/"
	@$(mkinstalldirs) $(INSTALL_ROOT)$(sbindir)
	@$(mkinstalldirs) $(INSTALL_ROOT)$(localstatedir)/log
	@$(mkinstalldirs) $(INSTALL_ROOT)$(localstatedir)/run
	@$(INSTALL) -m 0755 $(SAPI_FPM_SCGI_PATH) $(INSTALL_ROOT)$(sbindir)/$(program_prefix)php-fpm-scgi$(program_suffix)$(EXEEXT)
	@echo "Installing PHP FPM-SCGI config:   $(INSTALL_ROOT)$(sysconfdir)/"
	@$(mkinstalldirs) $(INSTALL_ROOT)$(sysconfdir)/php-fpm-scgi.d
	@$(INSTALL_DATA) sapi/fpm-scgi/php-fpm-scgi.conf $(INSTALL_ROOT)$(sysconfdir)/php-fpm-scgi.conf.default
	@$(INSTALL_DATA) sapi/fpm-scgi/www.conf $(INSTALL_ROOT)$(sysconfdir)/php-fpm-scgi.d/www.conf.default
	@echo "Installing PHP FPM-SCGI man page: $(INSTALL_ROOT)$(mandir)/man8/"
	@$(mkinstalldirs) $(INSTALL_ROOT)$(mandir)/man8
	@$(INSTALL_DATA) sapi/fpm-scgi/php-fpm-scgi.8 $(INSTALL_ROOT)$(mandir)/man8/php-fpm-scgi$(program_suffix).8
	@echo "Installing PHP FPM-SCGI unit:     $(INSTALL_ROOT)$(datadir)/fpm-scgi/"
	@$(mkinstalldirs) $(INSTALL_ROOT)$(datadir)/fpm-scgi
	@$(INSTALL_DATA) sapi/fpm-scgi/php-fpm-scgi.service $(INSTALL_ROOT)$(datadir)/fpm-scgi/php-fpm-scgi.service
	@$(INSTALL_DATA) $(top_srcdir)/sapi/fpm-scgi/examples/nginx.conf $(INSTALL_ROOT)$(datadir)/fpm-scgi/nginx.conf
	@$(INSTALL_DATA) $(top_srcdir)/sapi/fpm-scgi/examples/apache.conf $(INSTALL_ROOT)$(datadir)/fpm-scgi/apache.conf
	@$(INSTALL_DATA) $(top_srcdir)/sapi/fpm-scgi/examples/lighttpd.conf $(INSTALL_ROOT)$(datadir)/fpm-scgi/lighttpd.conf

# The SCGI SAPI's own phpt tests, and FPM's tests run over SCGI.
test-fpm-scgi: $(SAPI_FPM_SCGI_PATH) $(SAPI_CLI_PATH)
	@TEST_FPM_RUN_AS_ROOT=1 TEST_PHP_EXECUTABLE=$(top_builddir)/$(SAPI_CLI_PATH) TEST_PHP_SRCDIR=$(top_srcdir) \
		$(top_builddir)/$(SAPI_CLI_PATH) -n $(top_srcdir)/run-tests.php -q -n -d extension_dir=$(top_builddir)/modules \
		$(TEST_FPM_SCGI_ARGS) $(top_srcdir)/sapi/fpm-scgi/tests

.PHONY: fpm-scgi install-fpm-scgi test-fpm-scgi
