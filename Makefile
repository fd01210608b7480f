# Makefile - builds libdyad (build/libdyad.a), the dyad command-line tool (build/dyad) and
# the unit tests (build/tests/test_*), and runs the test suite.  GNU make, no configure step.
#
#   make                              library + CLI into build/
#   make check                        build everything, run tests/run.sh
#   make SANITIZE=address,undefined   the same with sanitizers, into build-san/
#   make install PREFIX=/usr/local    binary, header, library, man page, pkg-config file
#   make clean
#
# Variables: CC, HOSTCC (compiles the build-time embed tool), CFLAGS / LDFLAGS (added after
# ours), BUILD (output folder), SANITIZE, PREFIX, DESTDIR.

.SUFFIXES:
.DELETE_ON_ERROR:

SANITIZE ?=
ifeq ($(strip $(SANITIZE)),)
BUILD ?= build
SAN_FLAGS :=
else
BUILD ?= build-san
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

CC ?= cc
HOSTCC ?= $(CC)
AR ?= ar
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

WARN_FLAGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith
BASE_FLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN_FLAGS)
DY_CFLAGS := $(BASE_FLAGS) -fvisibility=hidden -Iinclude -Ilib -MMD -MP $(SAN_FLAGS) $(CFLAGS)
DY_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)
DY_LIBS := -lz -lzstd -llzma -lpthread -lm

VERSION := $(shell sed -n 's/^\#define DYAD_VERSION "\(.*\)"/\1/p' include/dyad.h 2>/dev/null)

# ------------------------------------------------------------------ sources
# Wildcards: a module folder with no .c file yet (or no cli/) simply contributes nothing.
LIB_SRC := $(sort $(wildcard lib/*/*.c))
# The event store (store/) and the HTTP server (server/, libmicrohttpd) are clients of the
# library, compiled into the CLI.
CLI_SRC := $(sort $(wildcard cli/*.c store/*.c server/*.c))
STORE_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard store/*.c)))
# Each tests/unit/test_NAME.c is one test program.  Extra sources for one test only (a stub,
# a fixture builder) go in a folder named after it: tests/unit/test_NAME/*.c.
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_EXTRA_SRC := $(sort $(wildcard tests/unit/test_*/*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

LIB := $(BUILD)/libdyad.a
CLI := $(BUILD)/dyad
EMBED_TOOL := $(BUILD)/tools/embed

# The data compiled into the library: every file under these folders (relative to data/).
EMBED_ROOT := data
EMBED_DIRS := $(wildcard $(EMBED_ROOT)/builtin $(EMBED_ROOT)/cameo)
EMBED_FILES := $(if $(EMBED_DIRS),$(sort $(shell find $(EMBED_DIRS) -type f \
                 ! -name '.*' ! -name '*~' 2>/dev/null)))

# Generated data files, embedded with the others (a data file named like a generated one
# stops the embed tool: "file named twice").
# ISO_3166_JSON: Debian's iso-codes package (apt-get install iso-codes).
ISO_3166_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
GEN_TOOL := $(BUILD)/tools/gen_countries
GEN_DIR := $(BUILD)/gen
GEN_FILES := $(GEN_DIR)/builtin/actors_00_iso.txt
ifeq ($(wildcard $(ISO_3166_JSON)),)
ifneq ($(filter-out clean uninstall,$(or $(MAKECMDGOALS),all)),)
$(error $(ISO_3166_JSON) not found: install Debian's iso-codes package \
  (apt-get install iso-codes), or give its path: make ISO_3166_JSON=/path/to/iso_3166-1.json)
endif
endif

ALL_TARGETS := $(LIB) $(if $(CLI_SRC),$(CLI))

# ------------------------------------------------------------------ targets
.PHONY: all lib cli tests check install uninstall clean FORCE

all: $(ALL_TARGETS)
ifeq ($(CLI_SRC),)
	@echo "note: no cli/*.c yet, $(CLI) not built"
endif

lib: $(LIB)
cli: $(CLI)
tests: $(TEST_BIN)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(CLI): $(CLI_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(DY_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(DY_LIBS) -lsqlite3 -lmicrohttpd

# Keep every object: make would otherwise delete test objects as intermediates.
.SECONDARY:
.SECONDEXPANSION:
$(TEST_BIN): $(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o \
        $$(addprefix $(BUILD)/obj/,$$(addsuffix .o,$$(basename $$(wildcard tests/unit/$$*/*.c)))) \
        $(LIB)
	@mkdir -p $(@D)
	$(CC) $(DY_LDFLAGS) $(LDFLAGS_$*) -o $@ $(filter %.o,$^) $(LIB) $(DY_LIBS)

# test_faults fails the Nth allocation: the library's allocator calls go through its wrappers.
LDFLAGS_test_faults := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

# test_store also links the event store (store/*.c) and SQLite.
$(BUILD)/tests/test_store: $(STORE_OBJ)
$(BUILD)/tests/test_store: DY_LIBS += -lsqlite3

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DY_CFLAGS) -c $< -o $@

# ------------------------------------------------------------------ embedded data
# The embed tool runs on the build machine: no sanitizers, no cross compiler.
$(EMBED_TOOL): tools/embed.c
	@mkdir -p $(@D)
	$(HOSTCC) $(BASE_FLAGS) -o $@ $<

# embedded.list holds the names of the embedded files; it is rewritten only when the set
# changes, so adding or removing a data file regenerates embedded.c, and nothing else does.
$(BUILD)/embedded.list: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(EMBED_FILES) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# The embed tool takes one root, so the data files are staged next to the generated ones
# in $(GEN_DIR) (copied: a few files, small) and embedded from there.
# Two stages: embedded_text.c holds the data files only; a first-stage tool linked with it
# (tools/dict_image.c) compiles the built-in dictionaries into an image (lib/dict/image.c),
# and embedded.c holds the data files plus that image, image/builtin.dyc, which
# dy_dict_load_builtin opens instead of parsing the text.
$(BUILD)/embedded_text.c: $(EMBED_TOOL) $(BUILD)/embedded.list $(EMBED_FILES) $(GEN_FILES)
	@set -e; for f in $(EMBED_FILES:$(EMBED_ROOT)/%=%); do \
	    mkdir -p $(GEN_DIR)/$$(dirname $$f); cp $(EMBED_ROOT)/$$f $(GEN_DIR)/$$f; done
	$(EMBED_TOOL) -r $(GEN_DIR) -o $@ -- $(EMBED_FILES:$(EMBED_ROOT)/%=$(GEN_DIR)/%) $(GEN_FILES)

DICT_IMAGE_TOOL := $(BUILD)/tools/dict_image
BUILTIN_IMAGE := $(GEN_DIR)/image/builtin.dyc
STAGE1_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded_text.o
$(DICT_IMAGE_TOOL): tools/dict_image.c $(STAGE1_OBJ)
	@mkdir -p $(@D)
	$(CC) $(DY_CFLAGS) $(DY_LDFLAGS) -o $@ tools/dict_image.c $(STAGE1_OBJ) $(DY_LIBS)

$(BUILTIN_IMAGE): $(DICT_IMAGE_TOOL)
	@mkdir -p $(@D)
	$(DICT_IMAGE_TOOL) $@

$(BUILD)/embedded.c: $(EMBED_TOOL) $(BUILD)/embedded_text.c $(BUILTIN_IMAGE)
	$(EMBED_TOOL) -r $(GEN_DIR) -o $@ -- $(EMBED_FILES:$(EMBED_ROOT)/%=$(GEN_DIR)/%) \
	    $(GEN_FILES) $(BUILTIN_IMAGE)

# Countries from Debian's iso-codes package, generated at build time by tools/gen_countries.c
# (a host tool, like embed) and embedded as builtin/actors_00_iso.txt.
$(GEN_TOOL): tools/gen_countries.c lib/util/json.c lib/util/util.c lib/util/json.h \
        lib/util/util.h include/dyad.h
	@mkdir -p $(@D)
	$(HOSTCC) $(BASE_FLAGS) -Iinclude -Ilib -o $@ tools/gen_countries.c lib/util/json.c \
	    lib/util/util.c

$(GEN_DIR)/builtin/actors_00_iso.txt: $(GEN_TOOL) $(ISO_3166_JSON)
	@mkdir -p $(@D)
	$(GEN_TOOL) -o $@ $(ISO_3166_JSON)

$(BUILD)/obj/embedded.o $(BUILD)/obj/embedded_text.o: $(BUILD)/obj/%.o: $(BUILD)/%.c \
        lib/util/embedded.h
	@mkdir -p $(@D)
	$(CC) $(DY_CFLAGS) -c $< -o $@

# ------------------------------------------------------------------ tests
check: $(ALL_TARGETS) $(TEST_BIN)
	bash tests/run.sh $(BUILD)

# ------------------------------------------------------------------ dashboard
# make web: the dashboard (web/) into $(BUILD)/web/, which `dyad serve` serves (--web DIR,
# default build/web): `npm ci` in web/ (the exact versions of web/package-lock.json; rerun
# only when those files change), then the pages and the charting libraries' browser builds
# (with their licences) copied.  Needs node and npm; not part of the default build.
WEB_FILES := $(sort $(wildcard web/*.html web/*.js web/*.css))
WEB_VENDOR := web/node_modules/chart.js/dist/chart.umd.min.js \
              web/node_modules/cytoscape/dist/cytoscape.min.js
WEB_STAMP := web/node_modules/.package-lock.json
.PHONY: web
web: $(WEB_STAMP)
	@mkdir -p $(BUILD)/web/vendor
	cp $(WEB_FILES) $(BUILD)/web/
	cp $(WEB_VENDOR) $(BUILD)/web/vendor/
	cp web/node_modules/chart.js/LICENSE.md $(BUILD)/web/vendor/chart.js.LICENSE.md
	cp web/node_modules/cytoscape/LICENSE $(BUILD)/web/vendor/cytoscape.LICENSE

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

# ------------------------------------------------------------------ benchmark
# The speed benchmark (bench/run.sh): builds the corpus in $(BUILD)/bench/, measures, and
# appends the table to docs/BENCHMARKS.md.  Release flags (the default -O2 build); never
# part of check.  The instruction-count profile is separate: bash bench/callgrind.sh.
.PHONY: bench
# make bench measures a release build: -O3 with link-time optimisation, in its own folder.
RELEASE_BUILD ?= build-release
bench:
	$(MAKE) BUILD=$(RELEASE_BUILD) CFLAGS='-O3 -flto=auto' LDFLAGS='-flto=auto' \
	    $(RELEASE_BUILD)/dyad
	CC='$(CC)' bash bench/run.sh $(RELEASE_BUILD)

# ------------------------------------------------------------------ accuracy
# The accuracy comparison (bench/eval.py): ../shared/eval/score.py on ../shared/data/gold
# with the built-in dictionaries and with the Phoenix ones, side by side.  Skipped with a
# message when ../shared is absent; never part of check.  Results go in docs/EVAL.md.
.PHONY: eval
eval: $(ALL_TARGETS)
	@if [ -f ../shared/eval/score.py ]; then python3 bench/eval.py $(CLI); \
	 else echo "eval: SKIPPED: ../shared/eval/score.py is absent (../shared is not next to this checkout)"; fi

# ------------------------------------------------------------------ fuzzing
# make fuzz: the libFuzzer harnesses fuzz/NAME.c (docs/FUZZING.md), built with clang and
# -fsanitize=fuzzer,address,undefined against a library built the same way in build-fuzz/,
# each run for FUZZ_SECONDS (default 60) over its seed corpus fuzz/corpus/NAME (read only;
# new inputs go to build-fuzz/corpus/NAME, crashes to build-fuzz/crashes/NAME/).
# FUZZ_TARGETS picks harnesses (default: all).  Never part of check.  A harness that needs
# more than the library names the sources and libraries in a " * fuzz-link: ..." line of
# its comment (fuzz/http_api.c: the store, the API, -lsqlite3); tests/fuzz_replay.sh too.
# make fuzz-replay: every seed and saved crasher through the harnesses built with $(CC)
# (no libFuzzer, no clang) under ASan+UBSan (tests/fuzz_replay.sh).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_SAN := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_TARGETS ?= $(filter-out replay_main,$(basename $(notdir $(wildcard fuzz/*.c))))
.PHONY: fuzz fuzz-build fuzz-replay
fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) HOSTCC=cc \
	    SANITIZE=fuzzer-no-link,address,undefined $(FUZZ_BUILD)/libdyad.a
	@mkdir -p $(FUZZ_BUILD)/fuzz
	@for h in $(FUZZ_TARGETS); do \
	    extra=$$(sed -n 's/^ \* fuzz-link: //p' fuzz/$$h.c); \
	    echo "$(FUZZ_CC) fuzz/$$h.c$${extra:+ $$extra} -> $(FUZZ_BUILD)/fuzz/$$h"; \
	    $(FUZZ_CC) $(BASE_FLAGS) $(FUZZ_SAN) -Iinclude -Ilib -o $(FUZZ_BUILD)/fuzz/$$h \
	        fuzz/$$h.c $$extra $(FUZZ_BUILD)/libdyad.a $(DY_LIBS) || exit 1; \
	done

fuzz: fuzz-build
	@for h in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$h $(FUZZ_BUILD)/crashes/$$h; \
	    echo "== fuzz $$h for $(FUZZ_SECONDS)s"; \
	    $(FUZZ_BUILD)/fuzz/$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	        -artifact_prefix=$(FUZZ_BUILD)/crashes/$$h/ \
	        $(FUZZ_BUILD)/corpus/$$h fuzz/corpus/$$h || exit 1; \
	done

fuzz-replay:
	$(MAKE) SANITIZE=address,undefined lib
	bash tests/fuzz_replay.sh build-san

# ------------------------------------------------------------------ install
install: $(LIB) $(CLI)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/dyad
	install -m 644 include/dyad.h $(DESTDIR)$(INCLUDEDIR)/dyad.h
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libdyad.a
	install -m 644 man/dyad.1 $(DESTDIR)$(MANDIR)/man1/dyad.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    dyad.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/dyad.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/dyad.pc
	@# the dashboard, when built (make web): dyad serve finds it in ../share/dyad/web
	if [ -d $(BUILD)/web ]; then install -d $(DESTDIR)$(PREFIX)/share/dyad/web && \
	    cp -R $(BUILD)/web/. $(DESTDIR)$(PREFIX)/share/dyad/web/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dyad $(DESTDIR)$(INCLUDEDIR)/dyad.h \
	    $(DESTDIR)$(LIBDIR)/libdyad.a $(DESTDIR)$(MANDIR)/man1/dyad.1 \
	    $(DESTDIR)$(PKGCONFIGDIR)/dyad.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/dyad

clean:
	rm -rf build build-san build-release build-fuzz $(if $(filter-out build build-san,$(BUILD)),$(BUILD))

FORCE:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) \
         $(TEST_EXTRA_SRC:%.c=$(BUILD)/obj/%.d)
