# nscheck: NS lookup as a FastCGI program.
#
#   make            build build/nscheck
#   make check      install missing packages, run every test
#   make fuzz       run each libFuzzer target FUZZ_SECONDS (60)
#   make run        serve the tool at http://127.0.0.1:8080/ (WORLD=test: offline)
#   make install    PREFIX=/usr/local DESTDIR= (SYSCONFDIR, CONFDIR, ...)
#   make deb        a Debian package in build/deb/
#
# Objects of each flavour live in their own directory, so a sanitizer build
# never mixes with a normal one.

PREFIX     ?= /usr/local
DESTDIR    ?=
# A /usr build is the system's own: its configuration lives in /etc.
ifeq ($(PREFIX),/usr)
SYSCONFDIR ?= /etc
else
SYSCONFDIR ?= $(PREFIX)/etc
endif
CONFDIR    ?= $(SYSCONFDIR)/nscheck
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/nscheck
LIBDIR     ?= $(PREFIX)/lib/nscheck
FCGIDIR     = $(LIBDIR)/fcgi
# where Debian's monitoring-plugins keep theirs (Icinga, Nagios, ...)
PLUGINDIR  ?= $(PREFIX)/lib/nagios/plugins
MANDIR     ?= $(PREFIX)/share/man

CC         ?= cc
PKG_CONFIG ?= pkg-config
VERSION     = 0.2

WARN    = -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
          -Wshadow -Wpointer-arith -Wsign-compare
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS) -Isrc -D_DEFAULT_SOURCE \
          -D_POSIX_C_SOURCE=200809L -pthread \
          -DNSCHECK_CONFDIR='"$(CONFDIR)"' \
          -DNSCHECK_DATADIR='"$(DATADIR)"' -DNSCHECK_VERSION='"$(VERSION)"'
LIBS    = $(shell $(PKG_CONFIG) --libs fcgi libidn2 2>/dev/null) -ludns -pthread
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# src/ by layer, bottom to top (tools/check-layers holds the order):
# util, dns, input, report, cache, render; the program itself in src/.
SRC     = $(sort $(wildcard src/*.c src/*/*.c))
HDR     = $(wildcard src/*.h src/*/*.h)
LIB_SRC = $(filter-out src/main.c,$(SRC))
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))

B       ?= build
OBJ      = $(LIB_SRC:src/%.c=$(B)/obj/%.o)
ASAN_OBJ = $(LIB_SRC:src/%.c=$(B)/asan/%.o)
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(B)/obj/unit/%.o)
UNIT_ASAN_OBJ = $(UNIT_SRC:tests/unit/%.c=$(B)/asan/unit/%.o)
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

# `make V=1` shows the commands.
Q = $(if $(V),,@)

.PHONY: all check unit unit-asan integration run deps install uninstall clean lint \
        bench soak fuzz fuzz-quick deb package-check idna-tables browser-deps pot

# Objects depend on this file, rewritten whenever the flags change, so a
# build with another PREFIX or CFLAGS never reuses stale objects.
FLAGS_NOW := $(ALL_CFLAGS) $(LDFLAGS) $(LIBS) $(CONFDIR) $(LIBDIR) $(BINDIR) \
             $(MANDIR)
ifneq ($(FLAGS_NOW),$(shell cat $(B)/.flags 2>/dev/null))
$(shell mkdir -p $(B))
$(file >$(B)/.flags,$(FLAGS_NOW))
endif

# The shipped configuration files, unit files and man pages name the paths
# of `make install` with the default PREFIX; these copies name the paths of
# this build's PREFIX, SYSCONFDIR, CONFDIR, DATADIR, LIBDIR and MANDIR.
CONF_FILES = nscheck.conf nginx-nscheck.conf nginx-nscheck-upstream.conf \
             apache-nscheck-proxy-fcgi.conf apache-nscheck-fcgid.conf \
             nscheck.service nscheck.socket nscheck.tmpfiles \
             nscheck.logrotate spawn-fcgi.example
MAN_PAGES  = nscheck.8 nscheck.conf.5
GENERATED  = $(CONF_FILES:%=$(B)/conf/%) $(MAN_PAGES:%=$(B)/man/%)
SUBST = sed -e 's|/usr/local/etc/nscheck|$(CONFDIR)|g' \
            -e 's|/usr/local/share/nscheck|$(DATADIR)|g' \
            -e 's|/usr/local/lib/nscheck|$(LIBDIR)|g' \
            -e 's|/usr/local/share/man|$(MANDIR)|g' \
            -e 's|/usr/local/bin|$(BINDIR)|g'

# Message catalogues: po/LANG.po, the translators' files, made into the
# www/locale/LANG.mo that nscheck reads; po/nscheck.pot, their template,
# is what xgettext finds in src/ (make pot, which also merges it into
# each po/LANG.po). Templates of a language: www/templates/LANG/.
PO   = $(sort $(wildcard po/*.po))
MO   = $(PO:po/%.po=www/locale/%.mo)
XGETTEXT = xgettext --language=C --from-code=UTF-8 --keyword= \
  --keyword=tr:2 --keyword=trc:2c,3 --keyword=trn:2,3 --keyword=N_ \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
  --package-name=nscheck \
  --package-version=$(VERSION) --msgid-bugs-address=nscheck@example.org \
  --copyright-holder=

# the files that write words for people: make lint holds each of their
# string literals to the catalogue (tools/check-strings)
PEOPLE_SRC = src/render/render_html.c src/render/render_text.c \
  src/render/render_drill.c src/render/describe.c src/render/cells.c \
  src/report/checks.c src/report/transfer.c src/input/domain.c \
  src/input/request.c \
  src/util/words.c

all: $(B)/nscheck $(GENERATED) $(MO)

www/locale/%.mo: po/%.po
	@mkdir -p www/locale
	$(Q)msgfmt --check -o $@ $<

pot:
	@mkdir -p po
	$(XGETTEXT) -o - $(SRC) $(sort $(HDR)) | sed '/^"POT-Creation-Date:/d' >po/nscheck.pot
	for p in $(PO); do msgmerge --quiet --update --backup=none \
	  --no-fuzzy-matching $$p po/nscheck.pot; done

$(B)/conf/%: conf/% $(B)/.flags | $(B)/conf
	$(Q)$(SUBST) $< >$@

$(B)/man/%: docs/% $(B)/.flags | $(B)/man
	$(Q)$(SUBST) $< >$@

$(B)/nscheck: $(OBJ) $(B)/obj/main.o
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/obj/%.o: src/%.c $(HDR) $(B)/.flags | $(B)/obj
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/asan/%.o: src/%.c $(HDR) $(B)/.flags | $(B)/asan
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(B)/obj/unit/%.o: tests/unit/%.c tests/unit/*.h $(HDR) $(B)/.flags | $(B)/obj/unit
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(B)/asan/unit/%.o: tests/unit/%.c tests/unit/*.h $(HDR) $(B)/.flags | $(B)/asan/unit
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -c -o $@ $<

$(B)/unit-tests: $(UNIT_OBJ) $(OBJ)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(B)/unit-tests-asan: $(UNIT_ASAN_OBJ) $(ASAN_OBJ)
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(CHECK_LIBS) $(LIBS)

TOOLS = $(B)/tools/blackhole $(B)/tools/hostiledns $(B)/tools/notifyd \
        $(B)/tools/dnsfilter
BENCH_TOOLS = $(B)/bench/trivial $(B)/bench/dnsrtt $(B)/bench/dnsdelay

$(B)/bench/trivial: tests/bench/trivial.c | $(B)/bench
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

$(B)/bench/dnsrtt: tests/bench/dnsrtt.c | $(B)/bench
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

$(B)/bench/dnsdelay: tests/bench/dnsdelay.c | $(B)/bench
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $<

$(B)/tools/%: tests/tools/%.c | $(B)/tools
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $<

# ---- fuzzing (clang's libFuzzer, with ASan and UBSan) ----
# `make fuzz` runs each target FUZZ_SECONDS (60); `make check` runs them
# for FUZZ_QUICK seconds each. New inputs go to $(B)/fuzz/corpus/, never
# into the source tree; tests/fuzz/crashes/ holds inputs that once failed.
FUZZ_CC      = clang
FUZZ_TARGETS = input dns render
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
FUZZ_OBJ     = $(LIB_SRC:src/%.c=$(B)/fuzz/obj/%.o)
FUZZ_BINS    = $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
FUZZ_SECONDS ?= 60
FUZZ_QUICK   ?= 8

$(B)/fuzz/obj/%.o: src/%.c $(HDR) $(B)/.flags | $(B)/fuzz/obj
	@echo "  CLANG   $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) | $(B)/fuzz/obj
	@echo "  CLANG   $@"
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc -o $@ $< \
	  $(FUZZ_OBJ) $(LIBS)

$(B)/fuzz/make_seeds: tests/fuzz/make_seeds.c $(OBJ) | $(B)/fuzz/obj
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(OBJ) $(LIBS)

# Seeds made by make_seeds, plus the committed crash inputs (regressions).
$(B)/fuzz/seeds/.done: $(B)/fuzz/make_seeds
	$(Q)rm -rf $(B)/fuzz/seeds && mkdir -p $(FUZZ_TARGETS:%=$(B)/fuzz/seeds/%)
	$(Q)$(B)/fuzz/make_seeds $(B)/fuzz/seeds
	$(Q)touch $@

fuzz: $(FUZZ_BINS) $(B)/fuzz/seeds/.done
	tests/fuzz/run $(B) $(FUZZ_SECONDS)

fuzz-quick: $(FUZZ_BINS) $(B)/fuzz/seeds/.done
	tests/fuzz/run $(B) $(FUZZ_QUICK)

.SECONDARY: $(FUZZ_OBJ)

$(B)/obj $(B)/asan $(B)/obj/unit $(B)/asan/unit $(B)/tools $(B)/bench \
$(B)/fuzz/obj $(B)/conf $(B)/man:
	mkdir -p $@

# Debian packages the build, the tests and `make run` need.
DEPS = build-essential pkg-config libfcgi-dev libudns-dev libidn2-dev check \
       nginx-light spawn-fcgi libfcgi-bin nsd unbound dnsutils curl jq tidy \
       iproute2 apache2 libapache2-mod-fcgid chromium chromium-driver \
       python3-selenium clang libclang-rt-14-dev strace bind9-utils \
       logrotate groff-base man-db dpkg-dev debhelper lintian systemd \
       adduser librust-idna-dev unicode-data python3-jsonschema \
       fonts-dejavu-core prometheus \
       default-jre-headless poppler-utils gettext

# Installs the packages of the list that are missing (apt-get update first).
define need_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call need_packages,$(DEPS))

# What the browser audit needs from npm (axe-core, vnu-jar), at the
# versions of tests/browser/package-lock.json, in $(B)/browser/: npm from
# Debian when there is none (a Node.js install of another origin brings
# its own). No install scripts: vnu runs on Debian's Java.
BROWSER_NODE = $(B)/browser/node_modules/.package-lock.json
$(BROWSER_NODE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends npm >/dev/null; }
	$(Q)mkdir -p $(B)/browser
	$(Q)cp tests/browser/package.json tests/browser/package-lock.json $(B)/browser/
	$(Q)cd $(B)/browser && npm ci --ignore-scripts --no-audit --no-fund --silent
	$(Q)touch $@

browser-deps: $(BROWSER_NODE)

# A Debian package of this tree (debian/), built in a copy of it under
# $(B)/deb/ so the tree itself stays clean: $(B)/deb/nscheck_*.deb.
DEB_DEPS = build-essential debhelper dpkg-dev pkg-config libfcgi-dev \
           libudns-dev libidn2-dev check librust-idna-dev
deb:
	$(call need_packages,$(DEB_DEPS))
	rm -rf $(B)/deb && mkdir -p $(B)/deb/nscheck-$(VERSION)
	tar --exclude=./build --exclude=./.git --exclude='./$(B)' -cf - . | \
	  tar -C $(B)/deb/nscheck-$(VERSION) -xf -
	cd $(B)/deb/nscheck-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls $(B)/deb/*.deb

unit: $(B)/unit-tests $(MO)
	CK_FORK=yes NSCHECK_WWW=$(CURDIR)/www NSCHECK_TOP=$(CURDIR) $(B)/unit-tests

unit-asan: $(B)/unit-tests-asan $(MO)
	CK_FORK=yes NSCHECK_WWW=$(CURDIR)/www NSCHECK_TOP=$(CURDIR) \
	  ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1 $(B)/unit-tests-asan

integration: all $(TOOLS) $(BROWSER_NODE)
	tests/run-integration

# Builds the .deb, installs it, serves through it, purges it (as root).
package-check: all $(TOOLS)
	tests/package/run

check: deps
	$(MAKE) all
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) unit-asan
	$(MAKE) fuzz-quick
	$(MAKE) integration
	$(MAKE) package-check

# src/input/idna_tables.h: the Unicode properties of src/input/idna.c, made from the
# Unicode Character Database that Debian's unicode-data installs in UCD.
# The file is committed, so a build needs neither; lint compares them.
UCD ?= /usr/share/unicode
idna-tables:
	tools/gen-idna-tables $(UCD) >$(B)/idna_tables.h
	mv $(B)/idna_tables.h src/input/idna_tables.h

# Renderers format numbers only; every string goes through an escaper;
# no layer of src/ includes one above it (tools/check-layers).
lint:
	@bad=$$(grep -nE 'buf_printf\([^;]*%s' src/render/render_*.c || true); \
	if [ -n "$$bad" ]; then echo "lint: %s in a renderer:"; echo "$$bad"; exit 1; fi
	@bad=$$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi)\(' $(SRC) || true); \
	if [ -n "$$bad" ]; then echo "lint: unbounded call:"; echo "$$bad"; exit 1; fi
	@tools/check-layers src >$(B)/layers.txt || { cat $(B)/layers.txt; exit 1; }
	@tools/check-layers-test $(B)/check-layers-test
	@tools/check-catalogues "$(XGETTEXT)" $(SRC) $(sort $(HDR))
	@tools/check-strings "$(XGETTEXT)" $(PEOPLE_SRC)
	@for m in $(MAN_PAGES:%=docs/%); do \
	  out=$$(groff -man -ww -z $$m 2>&1; LC_ALL=C.UTF-8 MANROFFSEQ='' \
	    MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z $$m 2>&1 >/dev/null); \
	  if [ -n "$$out" ]; then echo "lint: $$m:"; echo "$$out"; exit 1; fi; \
	  grep -q '^\.TH .* "nscheck $(VERSION)"' $$m || \
	    { echo "lint: $$m does not name version $(VERSION)"; exit 1; }; done
	@v=$$(dpkg-parsechangelog -S Version); [ "$$v" = "$(VERSION)" ] || \
	  { echo "lint: debian/changelog is at $$v, the Makefile at $(VERSION)"; exit 1; }
	@if [ -r $(UCD)/UnicodeData.txt ]; then \
	  tools/gen-idna-tables $(UCD) >$(B)/idna_tables.h && \
	  cmp -s $(B)/idna_tables.h src/input/idna_tables.h || \
	  { echo "lint: src/input/idna_tables.h is not what tools/gen-idna-tables" \
	    "makes of $(UCD): make idna-tables"; exit 1; }; fi
	@echo "lint: ok"

# Not part of make check: several minutes of load. See tests/bench/run
# (on loopback), tests/bench/latency (name servers at internet distance;
# BENCH_LATENCY=no leaves it out) and tests/bench/instructions (a cached
# page's instructions, by callgrind).
bench: deps all $(TOOLS) $(BENCH_TOOLS)
	$(call need_packages,wrk zonemaster-cli valgrind)
	tests/bench/run
	$(if $(filter no,$(BENCH_LATENCY)),,tests/bench/latency)
	tests/bench/instructions

# The soak test (tests/soak/run, ten minutes; SOAK_SECONDS, SOAK_FRESH
# and WORLD_DELAY_MS pass through): the world's tools, dnsdelay and wrk.
soak: deps all $(TOOLS) $(BENCH_TOOLS)
	$(call need_packages,wrk)
	tests/soak/run

run: deps all $(if $(WORLD),$(TOOLS))
	conf/run-local $(if $(WORLD),--world $(WORLD))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(CONFDIR) \
	  $(DESTDIR)$(DATADIR)/www/templates $(DESTDIR)$(DATADIR)/www/static \
	  $(DESTDIR)$(DATADIR)/conf $(DESTDIR)$(FCGIDIR) \
	  $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(PLUGINDIR)
	install -m 755 $(B)/nscheck $(DESTDIR)$(BINDIR)/nscheck
	# the monitoring plugin: nscheck started by this name is --check
	ln -sf $$(realpath -m --relative-to=$(PLUGINDIR) $(BINDIR))/nscheck \
	  $(DESTDIR)$(PLUGINDIR)/check_nscheck
	# for mod_fcgid: a directory holding nothing but the program
	install -m 755 $(B)/nscheck $(DESTDIR)$(FCGIDIR)/nscheck.fcgi
	install -m 644 www/templates/*.html $(DESTDIR)$(DATADIR)/www/templates/
	for d in $(patsubst www/templates/%/,%,$(wildcard www/templates/*/)); do \
	  install -d $(DESTDIR)$(DATADIR)/www/templates/$$d && \
	  install -m 644 www/templates/$$d/*.html \
	    $(DESTDIR)$(DATADIR)/www/templates/$$d/ || exit 1; done
	install -d $(DESTDIR)$(DATADIR)/www/locale
	$(if $(MO),install -m 644 $(MO) $(DESTDIR)$(DATADIR)/www/locale/)
	install -m 644 www/static/* $(DESTDIR)$(DATADIR)/www/static/
	install -m 644 $(CONF_FILES:%=$(B)/conf/%) $(DESTDIR)$(DATADIR)/conf/
	install -m 644 conf/providers.txt $(DESTDIR)$(DATADIR)/providers.txt
	install -m 644 docs/nscheck.schema.json $(DESTDIR)$(DATADIR)/nscheck.schema.json
	# the lookup form for the operator's own pages (README: help pages)
	install -m 644 www/embed.html $(DESTDIR)$(DATADIR)/embed.html
	install -m 644 $(B)/man/nscheck.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 $(B)/man/nscheck.conf.5 $(DESTDIR)$(MANDIR)/man5/
	[ -e $(DESTDIR)$(CONFDIR)/nscheck.conf ] || \
	  install -m 644 $(B)/conf/nscheck.conf $(DESTDIR)$(CONFDIR)/nscheck.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nscheck $(DESTDIR)$(MANDIR)/man8/nscheck.8 \
	  $(DESTDIR)$(MANDIR)/man5/nscheck.conf.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBDIR)

clean:
	rm -rf $(B) www/locale
