# php-fpm-scgi: the build driver.  See README.md.
#
#   make run     build everything, serve the demo (nginx -> php-fpm-scgi)
#   make check   build everything, run every test; ends "N passed, N failed"
#   make bench   CGI vs FastCGI vs SCGI (BENCH=quick|full|profile)
#   make dist    the patched release tarball php-7.4.33-scgi.tar.xz
#
# PHP=8.2 make ... does the same for PHP 8.2 (upstream/8.2, patches/8.2),
# in ./build-8.2; PHP 7.4 is the default and builds in ./build.

PHP            ?= 7.4
PHP_SCGI_CACHE ?= /var/cache/php-fpm-scgi
ifeq ($(PHP),7.4)
BUILD          ?= $(CURDIR)/build
else
BUILD          ?= $(CURDIR)/build-$(PHP)
endif
# the version of the series: the pin's, or that of PHP_TARBALL with PHP_SHA256
PHP_VERSION    := $(shell top=$(CURDIR) PHP=$(PHP) sh -c '. tools/pin.sh && echo $$PHP_VERSION')
TREE           := $(BUILD)/php-$(PHP_VERSION)
PREFIX         := $(BUILD)/prefix

ifeq ($(PHP_VERSION),)
$(error no PHP $(PHP): see upstream/)
endif

export PHP_SCGI_CACHE PHP

.PHONY: all deps tree build stock run check test bench dist deb clean

all: build

deps:
	@tools/deps.sh

tree: deps
	@tools/assemble.sh $(PHP_SCGI_CACHE) $(BUILD) >/dev/null

build: tree
	@tools/build.sh $(TREE) $(PREFIX)

# php-fpm as its users have it (no patch of ours that php-fpm shares), for
# the benchmark's ratios
stock: tree
	@tools/build-stock.sh $(BUILD)

run: build
	@tools/run-demo.sh $(PREFIX)

check: build
	@tests/run-all.sh $(TREE) $(PREFIX)

test: check

bench: build stock
	@BENCH_STOCK_PREFIX=$(BUILD)/stock/prefix bench/run.sh $(PREFIX)

dist: tree
	@tools/dist.sh $(BUILD) $(PHP_VERSION)

# phpX.Y-fpm-scgi_<version>_amd64.deb with Debian's tools in a clean root
# (packaging/): PHP=8.2's for Debian 12 on Debian's engine (libphp8.2-embed),
# PHP=7.4's for Debian 11 with the pinned tree's own engine (the archive
# here does not serve bullseye's libphp7.4-embed of the pin's version), into
# which Debian's php7.4 extensions load.  `make deb` builds 8.2's unless
# PHP is named.
ifeq ($(origin PHP),file)
deb:
	@$(MAKE) --no-print-directory PHP=8.2 deb
else
deb: tree
	@packaging/build-deb.sh $(TREE) $(BUILD)/deb
endif

clean:
	rm -rf $(BUILD)
