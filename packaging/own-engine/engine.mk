# debian/rules' engine part for php-fpm-scgi with its own engine: the
# package's source is the pinned PHP tree (upstream 7.4.33, Debian LTS's
# security fixes up to the pin, patches/), and php-fpm-scgi is PHP's own
# build of it, configured with the built-in extensions and paths of
# Debian's php$(PHPV) programs (debian/rules of php$(PHPV), COMMON_CONFIG)
# so that Debian's extension packages (/usr/lib/php/$(API)) and OPcache
# load into it.  Included by debian/rules (packaging/debian).

include /usr/share/dpkg/buildflags.mk

API            := $(shell sed -n 's/^\#define ZEND_MODULE_API_NO \([0-9]*\).*/\1/p' Zend/zend_modules.h)
EXTENSION_DIR   = /usr/lib/php/$(API)
# Debian's php$(PHPV) this is built beside: its extensions must be at least
# as new as the engine's security level (the pin's Debian version)
DEBIAN_PHP     := $(shell dpkg-query -W -f='$${Version}' php$(PHPV)-common)
ENGINE_DEPENDS  = $(if $(DEBIAN_PHP),php$(PHPV)-common (>= $(DEBIAN_PHP))$(comma) php$(PHPV)-json (>= $(DEBIAN_PHP))$(comma) php$(PHPV)-opcache (>= $(DEBIAN_PHP)))
# what Debian's PHP packages provide for the engine's API (their rules
# read the same line)
ENGINE_PROVIDES := $(shell sed -n 's/^\#define PHP_API_VERSION \([0-9]*\).*/phpapi-\1/p' main/php.h)
BUILT_PROGRAM   = sapi/fpm-scgi/php-fpm-scgi
JOBS           := $(shell nproc)
# build-deb.sh mounts a ccache directory for this suite at CCACHE_DIR
ENGINE_CC       = $(if $(and $(CCACHE_DIR),$(wildcard /usr/bin/ccache)),ccache cc,cc)

# Debian's COMMON_CONFIG less what needs Debian's own patches
# (--with-system-tzdata: the engine keeps PHP's timezone database), DTrace
# probes (no extension of Debian's uses them) and --enable-hash (7.4's
# configure does not know it: hash is always there); only fpm-scgi is
# built (no cli, cgi or php-fpm).
OWN_CONFIGURE = --prefix=/usr --sysconfdir=$(ETC) --localstatedir=/var --mandir=/usr/share/man \
	--with-config-file-path=$(ETC) --with-config-file-scan-dir=$(ETC)/conf.d \
	--disable-all --disable-cli --disable-cgi --disable-phpdbg --enable-fpm-scgi \
	--with-fpm-user=www-data --with-fpm-group=www-data --with-fpm-systemd --with-fpm-acl \
	--disable-debug --disable-rpath --disable-static --with-pic \
	--enable-filter --with-openssl --with-password-argon2=/usr --with-external-pcre \
	--with-mhash=/usr --with-libxml --enable-session --with-sodium \
	--with-zlib=/usr --with-zlib-dir=/usr

engine-configure:
	./buildconf --force
	EXTENSION_DIR=$(EXTENSION_DIR) CC='$(ENGINE_CC)' CFLAGS='$(CFLAGS)' CPPFLAGS='$(CPPFLAGS)' LDFLAGS='$(LDFLAGS)' \
		./configure $(OWN_CONFIGURE)

engine-build:
	$(MAKE) -j$(JOBS) -f Makefile -f packaging/own-engine/wrap.mk INI_DIR=$(ETC) $(BUILT_PROGRAM)

# It starts; its built-in extensions are those of Debian's php$(PHPV)
# programs; Debian's extension packages (Build-Depends <!nocheck>) and
# OPcache load into it, and every symbol they take from the program is there.
engine-test:
	./$(BUILT_PROGRAM) -n -v | grep -q '^PHP $(PHPV)\.[0-9]* (fpm-scgi)'
	./$(BUILT_PROGRAM) -n -i | grep -q 'Server API.*FPM/SCGI'
	./$(BUILT_PROGRAM) -n -m | sed -n '/^\[PHP Modules\]/,/^$$/p' | sed '1d;/^$$/d' \
		| diff -u packaging/own-engine/builtin-extensions -
	./$(BUILT_PROGRAM) -n -d extension_dir=$(EXTENSION_DIR) -d extension=json -d extension=pdo -d extension=mysqlnd \
		-d extension=mysqli -d extension=pdo_mysql -d extension=gd -d extension=intl -d extension=dom \
		-d zend_extension=opcache -m > debian/extensions-loaded 2>&1
	! grep -i 'warning\|error' debian/extensions-loaded
	for ext in json PDO mysqlnd mysqli pdo_mysql gd intl dom 'Zend OPcache'; do \
		grep -qx "$$ext" debian/extensions-loaded || { cat debian/extensions-loaded; exit 1; }; \
	done
	packaging/own-engine/check-extension-symbols $(BUILT_PROGRAM) $(EXTENSION_DIR)

engine-post-strip:
