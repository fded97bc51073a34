# SPDX-License-Identifier: GPL-2.0-only
# xdpspy: `make` builds build/xdpspy; `make test` installs what it needs and runs every test
# layer; `make help` lists the rest. Everything built goes to build/.

CC ?= cc
CLANG ?= clang
BPFTOOL ?= bpftool
PREFIX ?= /usr/local
V ?= 0
# The tests' Python: Debian's (tests/deps.sh), not whatever python3 comes first in PATH.
PYTHON ?= /usr/bin/python3
export PYTHON

ifeq ($(V),1)
Q :=
msg := @true
else
Q := @
msg := @printf '  %-8s %s\n'
endif

BUILD := build
ARCH_INC := /usr/include/$(shell $(CC) -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
CFLAGS ?= -O2 -g
XCFLAGS := -std=gnu11 $(WARN) -Iinclude -Iuser -I$(BUILD) -MMD -MP
LDLIBS := -lbpf -lelf -lz -lpcap
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

BPF_CFLAGS := -g -O2 -target bpf -Wall -Werror -Iinclude -I$(ARCH_INC)

# Host code shared by the binary, the tests and the fuzzer (no libbpf in here).
CORE_SRC := user/strbuf.c user/print.c user/print_ip4.c user/print_ip6.c user/print_tcp.c user/print_json.c user/print_tcpopt.c user/print_other.c user/print_dump.c user/print_app.c \
	user/print_classic.c user/names.c user/timefmt.c
APP_SRC := $(CORE_SRC) user/main.c user/opts.c user/loader.c user/replay.c user/live.c \
	user/iface.c user/decode.c user/log.c user/pins.c user/counters.c user/subcmd.c \
	user/filter.c user/xlate.c user/ebpf_dump.c user/pcap_out.c user/tcp_sum.c user/privs.c
APP_OBJ := $(APP_SRC:%.c=$(BUILD)/%.o)
SAN_OBJ := $(CORE_SRC:%.c=$(BUILD)/san/%.o)

UNIT_TESTS := test_parse test_print test_tcpopt test_payload test_classic
UNIT_BIN := $(UNIT_TESTS:%=$(BUILD)/tests/%)

.PHONY: all deps test test-unit test-fuzz test-fuzz-pcap test-kernel test-portability test-replay \
	test-filter test-payload test-live test-faults \
	test-counters demo \
	fuzz soak bench-kernel check-full goldens format \
	check-format lint clean install help

all: $(BUILD)/xdpspy

help:
	@echo 'make              build build/xdpspy'
	@echo 'make deps         install the Debian packages the build and the tests need'
	@echo 'make demo         a live capture of a short TCP conversation between two namespaces'
	@echo 'make test         deps, then every test layer (unit, fuzz, kernel, replay, live)'
	@echo 'make check-full   the exhaustive matrices (every flag set and filter, every pcap)'
	@echo 'make fuzz         a longer fuzzing run (FUZZ_SECONDS=300)'
	@echo 'make soak         ten minutes at 100 kpps: memory and fds stay flat (root)'
	@echo 'make bench-kernel in-kernel cost per packet, with and without a filter expression'
	@echo 'make goldens      tcpdump 4.99.3'"'"'s output for the replay tests, in tests/golden (root)'
	@echo 'make format       clang-format the C sources (check-format to verify)'
	@echo 'make install      install into PREFIX (default /usr/local)'
	@echo 'V=1               show full commands'

deps:
	$(Q)tests/deps.sh

# --- BPF object and skeleton ---------------------------------------------------------------
$(BUILD)/xdpspy.bpf.o: bpf/xdpspy.bpf.c $(wildcard bpf/*.h) include/event.h include/parse.h \
	include/counters.h include/chain.h
	$(msg) BPF $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/xdpspy.skel.h: $(BUILD)/xdpspy.bpf.o
	$(msg) GEN $@
	$(Q)$(BPFTOOL) gen skeleton $< name xdpspy_bpf > $@.tmp && mv $@.tmp $@

# --- user space ----------------------------------------------------------------------------
$(BUILD)/user/loader.o: $(BUILD)/xdpspy.skel.h

$(BUILD)/%.o: %.c
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

$(BUILD)/san/%.o: %.c
	$(msg) CC-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(SAN) $(XCFLAGS) -c $< -o $@

$(BUILD)/xdpspy: $(APP_OBJ)
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The same binary under ASan+UBSan: the replay tests run it too.
$(BUILD)/xdpspy-san: $(APP_SRC) $(BUILD)/xdpspy.skel.h
	$(msg) LD-SAN $@
	$(Q)$(CC) -O1 -g $(SAN) $(XCFLAGS) -o $@ $(APP_SRC) $(LDLIBS)

# --- tests ---------------------------------------------------------------------------------
# $^ holds the headers -MMD found too: only the sources and objects go to the compiler.
$(BUILD)/tests/test_%: tests/unit/test_%.c $(SAN_OBJ)
	$(msg) CC-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(SAN) $(XCFLAGS) -o $@ $(filter %.c %.o,$^)

$(BUILD)/tests/test_kernel: tests/kernel/test_kernel.c $(BUILD)/user/loader.o \
	$(BUILD)/user/counters.o $(BUILD)/user/pins.o $(BUILD)/user/xlate.o $(BUILD)/user/log.o \
	$(BUILD)/user/decode.o $(BUILD)/user/tcp_sum.o
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -o $@ $^ $(LDLIBS)

# The filter translator against libpcap's interpreter, in the kernel (BPF_PROG_TEST_RUN).
$(BUILD)/tests/test_xlate: tests/kernel/test_xlate.c $(BUILD)/user/xlate.o $(BUILD)/user/filter.o \
	$(BUILD)/user/ebpf_dump.o $(BUILD)/user/log.o
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/fuzz_parse_print: tests/fuzz/fuzz_parse_print.c $(CORE_SRC)
	$(msg) FUZZ $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-std=gnu11 -Iinclude -Iuser -o $@ $^

# --- benchmarks (make bench, make bench-kernel): bench/bench.mk ------------------------------
include bench/bench.mk

# `-r` on fuzzed pcap/pcapng files: replay, filter (host path), printer and -w writer, all of
# user/ but main.c, under ASan+UBSan. --host-parser: nothing is loaded into the kernel, but
# loader.c is linked, hence the skeleton.
$(BUILD)/tests/fuzz_pcap_read: tests/fuzz/fuzz_pcap_read.c $(filter-out user/main.c,$(APP_SRC)) \
	$(BUILD)/xdpspy.skel.h
	$(msg) FUZZ $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-std=gnu11 -Iinclude -Iuser -I$(BUILD) -o $@ $(filter %.c,$^) $(LDLIBS)

test-unit: $(UNIT_BIN)
	$(Q)tests/run-unit.sh $(UNIT_BIN)
	$(Q)tests/unit/run-classic.sh $(BUILD)/tests/test_classic

test-kernel: $(BUILD)/tests/test_kernel $(BUILD)/tests/test_xlate
	$(Q)$(BUILD)/tests/test_kernel tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*
	$(Q)$(BUILD)/tests/test_xlate tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*

test-fuzz: $(BUILD)/tests/fuzz_parse_print
	$(Q)tests/run-fuzz.sh $< $${FUZZ_SECONDS:-30}

test-fuzz-pcap: $(BUILD)/tests/fuzz_pcap_read
	$(Q)tests/run-fuzz-pcap.sh $< $${FUZZ_SECONDS:-30}

# The BPF object from clang and clang-19 (build/port/clang-N): loads, verifier instruction
# counts against tests/data/verifier-insns.txt, the kernel test on clang-19's object.
test-portability:
	$(Q)tests/portability.sh

test-replay: $(BUILD)/xdpspy $(BUILD)/xdpspy-san
	$(Q)tests/replay.sh

test-live: $(BUILD)/xdpspy
	$(Q)tests/live.sh

test-faults: $(BUILD)/xdpspy $(BUILD)/bench/gen $(BUILD)/bench/mix.pcap
	$(Q)tests/faults.sh

# Ten minutes at 100 kpps: memory and fds stay flat (SOAK_S=seconds to change the length).
soak: $(BUILD)/xdpspy $(BUILD)/bench/gen $(BUILD)/bench/mix.pcap
	$(Q)tests/faults.sh soak

test-counters: $(BUILD)/xdpspy
	$(Q)tests/counters.sh

test-filter: $(BUILD)/xdpspy $(BUILD)/xdpspy-san
	$(Q)tests/filter.sh

test-payload: $(BUILD)/xdpspy
	$(Q)tests/payload.sh

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/demo.sh

# Every layer runs even when an earlier one fails; the summary line says how many did.
TEST_LAYERS := check-format lint test-unit test-fuzz test-fuzz-pcap test-kernel test-portability \
	test-replay test-filter test-payload test-live test-faults test-counters

test: deps
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/xdpspy-san
	$(Q)failed=0; for t in $(TEST_LAYERS); do \
		echo "== $$t"; \
		$(MAKE) --no-print-directory $$t || { echo "== $$t FAILED"; failed=$$((failed + 1)); }; \
	done; \
	echo "test layers: $$(( $(words $(TEST_LAYERS)) - failed )) passed, $$failed failed"; \
	[ $$failed -eq 0 ]

# tcpdump 4.99.3's output for every capture and flag set the replay tests compare (root).
goldens:
	$(Q)$(PYTHON) tests/goldens.py

check-full: all $(BUILD)/xdpspy-san
	$(Q)FULL=1 tests/replay.sh
	$(Q)FULL=1 tests/filter.sh

fuzz: $(BUILD)/tests/fuzz_parse_print $(BUILD)/tests/fuzz_pcap_read
	$(Q)tests/run-fuzz.sh $(BUILD)/tests/fuzz_parse_print $${FUZZ_SECONDS:-300}
	$(Q)tests/run-fuzz-pcap.sh $(BUILD)/tests/fuzz_pcap_read $${FUZZ_SECONDS:-300}

FMT_SRC = $(wildcard bpf/*.c include/*.h user/*.c user/*.h tests/unit/*.c tests/kernel/*.c \
	tests/fuzz/*.c tests/*.h bench/*.c)

# Static analysis of the host code (make lint, a layer of make test: it must stay clean).
# loader.c goes without unix.Malloc: the generated skeleton it includes trips that check.
TIDY_CHECKS := -*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,\
	-bugprone-assignment-in-if-condition,-bugprone-narrowing-conversions,clang-analyzer-*,\
	-clang-analyzer-security.insecureAPI.*,-clang-analyzer-valist.Uninitialized

lint: $(BUILD)/xdpspy.skel.h
	$(Q)cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--std=c11 --inline-suppr -Iinclude -Iuser -I$(BUILD) --suppress=missingIncludeSystem \
		-D'LIBBPF_OPTS(TYPE,NAME,...)=struct TYPE NAME = {0}' user/ include/
	$(Q)out=$$(clang-tidy --quiet -checks='$(TIDY_CHECKS)' \
		--header-filter='^$(CURDIR)/(user|include)/' $(filter-out user/loader.c,$(wildcard user/*.c)) \
		-- -std=gnu11 -Iinclude -Iuser -I$(BUILD) 2>&1; \
		clang-tidy --quiet -checks='$(TIDY_CHECKS),-clang-analyzer-unix.Malloc' user/loader.c \
		-- -std=gnu11 -Iinclude -Iuser -I$(BUILD) 2>&1); \
	printf '%s\n' "$$out" | grep -E 'warning:|error:' && exit 1 || echo "lint: clean"

format:
	$(Q)clang-format -i $(FMT_SRC)

check-format:
	$(Q)clang-format --dry-run --Werror $(FMT_SRC)

install: $(BUILD)/xdpspy
	$(Q)install -D -m 0755 $(BUILD)/xdpspy $(DESTDIR)$(PREFIX)/sbin/xdpspy
	$(Q)install -D -m 0644 man/xdpspy.8 $(DESTDIR)$(PREFIX)/share/man/man8/xdpspy.8

clean:
	$(Q)rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
