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
CLI_SRC := $(sort $(wildcard cli/*.c))
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
	$(CC) $(DY_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(DY_LIBS)

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

$(BUILD)/embedded.c: $(EMBED_TOOL) $(BUILD)/embedded.list $(EMBED_FILES)
	$(EMBED_TOOL) -r $(EMBED_ROOT) -o $@ -- $(EMBED_FILES)

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c lib/util/embedded.h
	@mkdir -p $(@D)
	$(CC) $(DY_CFLAGS) -c $< -o $@

# ------------------------------------------------------------------ tests
check: $(ALL_TARGETS) $(TEST_BIN)
	bash tests/run.sh $(BUILD)

# ------------------------------------------------------------------ benchmark
# The speed benchmark (bench/run.sh): builds the corpus in $(BUILD)/bench/, measures, and
# appends the table to docs/BENCHMARKS.md.  Release flags (the default -O2 build); never
# part of check.  The instruction-count profile is separate: bash bench/callgrind.sh.
.PHONY: bench
bench: $(ALL_TARGETS)
	CC='$(CC)' bash bench/run.sh $(BUILD)

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

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dyad $(DESTDIR)$(INCLUDEDIR)/dyad.h \
	    $(DESTDIR)$(LIBDIR)/libdyad.a $(DESTDIR)$(MANDIR)/man1/dyad.1 \
	    $(DESTDIR)$(PKGCONFIGDIR)/dyad.pc

clean:
	rm -rf build build-san $(if $(filter-out build build-san,$(BUILD)),$(BUILD))

FORCE:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) \
         $(TEST_EXTRA_SRC:%.c=$(BUILD)/obj/%.d)
