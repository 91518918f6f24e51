# debian/rules' engine part for php-fpm-scgi on Debian's engine
# (libphp$(PHPV)-embed): this directory's configure and Makefile build FPM
# and the SCGI layer against php$(PHPV)-dev and link them to
# /usr/lib/libphp$(PHPV).so.  Included by debian/rules (packaging/debian).

# The engine this build is compiled against: the package needs at least it
ENGINE_VERSION := $(shell dpkg-query -W -f='$${Version}' libphp$(PHPV)-embed)
ENGINE_DEPENDS  = $(if $(ENGINE_VERSION),libphp$(PHPV)-embed (>= $(ENGINE_VERSION))$(comma) php$(PHPV)-common (>= $(ENGINE_VERSION))$(comma) php$(PHPV)-opcache (>= $(ENGINE_VERSION)))
# (empty, and debian/rules stops, when php-config gives no API)
ENGINE_PROVIDES := $(addprefix phpapi-,$(shell php-config$(PHPV) --phpapi))
BUILT_PROGRAM   = $(SBIN)

engine-configure:
	./configure --php-config=php-config$(PHPV)

engine-build:
	$(MAKE) PROGRAM=$(SBIN) INI_DIR=$(ETC)

# The binary must start on the engine it was built against: -v and -m load
# the engine, php.ini (-n: none) and every check of fpm_scgi_distro.c.
engine-test:
	LD_LIBRARY_PATH=engine ./$(SBIN) -n -v | grep -q '^PHP $(PHPV)\.[0-9]* (fpm-scgi)'
	LD_LIBRARY_PATH=engine ./$(SBIN) -n -m | grep -qx 'Core'
	LD_LIBRARY_PATH=engine ./$(SBIN) -n -i | grep -q 'Server API.*FPM/SCGI'

# The engine by the name of the file libphp$(PHPV)-embed installs (its
# SONAME is libphp.so, which nothing installs).  After dwz and strip, which
# do not take the section layout patchelf leaves.
engine-post-strip:
	./link-engine-by-name $(DEST)/usr/sbin/$(SBIN) $(notdir $(shell php-config$(PHPV) --prefix)/lib/libphp$(PHPV).so)
