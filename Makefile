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
PKG_CONFIG ?= pkg-config
LIBBPF_MIN := 1.1

# A recipe that fails leaves no half-written target behind to pass for up to date.
.DELETE_ON_ERROR:

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
CFLAGS ?= -O2 -g
# Each object's header dependencies (-MMD -MP) go next to it; the end of this file reads them.
XCFLAGS = -std=gnu11 $(WARN) -Iinclude -Iuser -I$(BUILD) -MMD -MP $(LIB_CFLAGS)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-std=gnu11 -Iinclude -Iuser -I$(BUILD) -MMD -MP $(LIB_CFLAGS)
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined

# libbpf and libpcap through pkg-config, asked once and only when something is compiled or
# linked (`make deps` runs before they are installed). libbpf 1.1 is Debian 12's.
check_libs = $(if $(shell $(PKG_CONFIG) --atleast-version=$(LIBBPF_MIN) libbpf && echo ok),,\
	$(error libbpf $(LIBBPF_MIN) or later is needed, $(PKG_CONFIG) finds \
	$(or $(shell $(PKG_CONFIG) --modversion libbpf 2>/dev/null),none) (make deps installs it)))$(if \
	$(shell $(PKG_CONFIG) --exists libpcap && echo ok),,$(error $(PKG_CONFIG) finds no libpcap \
	(make deps installs it)))
pkg_config = $(check_libs)$(shell $(PKG_CONFIG) $(1) libbpf libpcap)
LIB_CFLAGS = $(eval LIB_CFLAGS := $(call pkg_config,--cflags))$(LIB_CFLAGS)
LDLIBS = $(eval LDLIBS := $(call pkg_config,--libs))$(LDLIBS)

# The BPF target has no system headers of its own: clang's search path for the host, after
# our own (libbpf-bootstrap's way), so UAPI headers find asm/types.h whatever CC is.
BPF_SYS_INC = $(eval BPF_SYS_INC := $(shell $(CLANG) -v -E - </dev/null 2>&1 | sed -n \
	'/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }'))$(BPF_SYS_INC)
# -Ivmlinux: vmlinux/vmlinux.h, the kernel's types, for CO-RE reads (none yet; vmlinux/README.md).
BPF_CFLAGS = -g -O2 -target bpf -Wall -Werror -MMD -MP -Iinclude -Ivmlinux $(BPF_SYS_INC)

# --- modules: each is listed once here, and the binary, the tests and bench/bench.mk link these
# The printer and what it needs; no libbpf, no I/O (the unit tests, the parse fuzzer).
PRINT_SRC := user/strbuf.c user/lru.c user/names.c user/csum.c user/tcp_sum.c user/cooked.c \
	user/print.c \
	$(sort $(wildcard user/print/*.c))
# The printer's own sources build with user/print/pure.h forced in: no stdio stream, no file
# descriptor, no libbpf or libpcap there (make lint checks that the rule bites).
PRINT_PURE_SRC := user/print.c $(sort $(wildcard user/print/*.c))
# Filter expressions: libpcap's program, its eBPF translation, the -d listing.
FILTER_SRC := user/filter.c user/xlate.c user/ebpf_dump.c user/log.c
# Loading and driving the BPF object (loader.c includes the skeleton), with filters.
KERNEL_SRC := user/loader.c user/ring.c user/ring_merge.c user/gso_btf.c user/counters.c \
	user/pins.c user/owner_seed.c user/cgroups.c $(FILTER_SRC)
APP_SRC := $(PRINT_SRC) $(KERNEL_SRC) user/opts.c user/replay.c user/ahead.c user/live.c \
	user/capif.c user/sink.c user/iface.c user/decode.c user/compact.c user/segments.c user/seg_taps.c \
	user/seg_filter.c user/csum_sw.c user/subcmd.c user/pcap_out.c user/pcapng.c user/privs.c \
	user/netdev.c \
	user/hook.c user/bpf_owner.c user/detect_opts.c user/counting.c user/flowmap.c \
	user/flowfmt.c user/alarms.c user/flowfilter.c user/flowsnap.c user/flowrender.c \
	user/flowtools.c user/top.c user/watch.c user/flows_cmd.c user/flows_out.c user/main.c \
	user/app_ports.c user/flowowner.c user/verdictfmt.c user/audit.c

# $(call objs,DIR,SOURCES): the objects of SOURCES built into $(BUILD)/DIR.
objs = $(patsubst %.c,$(BUILD)/$(1)%.o,$(2))
APP_OBJ := $(call objs,,$(APP_SRC))
SAN_APP_OBJ := $(call objs,san/,$(APP_SRC))
SAN_PRINT_OBJ := $(call objs,san/,$(PRINT_SRC))
FUZZ_PRINT_OBJ := $(call objs,libfuzzer/,$(PRINT_SRC))
FUZZ_APP_OBJ := $(call objs,libfuzzer/,$(filter-out user/main.c,$(APP_SRC)))
KERNEL_OBJ := $(call objs,,$(KERNEL_SRC))

UNIT_TESTS := test_parse test_print test_lru test_tcpopt test_payload test_classic test_csum \
	test_segments test_decoders test_ring_merge test_verdict test_fastline
UNIT_BIN := $(UNIT_TESTS:%=$(BUILD)/tests/%)
KERNEL_TEST_BIN := $(addprefix $(BUILD)/tests/,test_kernel test_cpus test_app_bytes test_xlate \
	verifier_insns test_verdict_kernel)
FUZZ_BIN := $(BUILD)/tests/fuzz_parse_print $(BUILD)/tests/fuzz_pcap_read
# Everything test-build checks the dependencies of.
BINARIES = $(BUILD)/xdpspy $(BUILD)/xdpspy-san $(UNIT_BIN) $(KERNEL_TEST_BIN) $(FUZZ_BIN) \
	$(BENCH_BIN)

.PHONY: all deps test test-unit test-fuzz test-fuzz-pcap test-kernel test-portability test-replay \
	test-filter test-payload test-difffuzz diff-fuzz test-live test-live-apps test-live-tunnels test-faults \
	test-counters test-flows test-process test-verdicts test-cli test-build demo goldens vmlinux fuzz soak bench-kernel \
	check-full format check-format lint clean install help

all: $(BUILD)/xdpspy

help:
	@echo 'make              build build/xdpspy'
	@echo 'make deps         install the Debian packages the build and the tests need'
	@echo 'make demo         a live capture of a short TCP conversation between two namespaces'
	@echo 'make test         deps, then every test layer (unit, fuzz, kernel, replay, live)'
	@echo 'make check-full   the exhaustive matrices (every flag set and filter, every pcap)'
	@echo 'make fuzz         a longer fuzzing run (FUZZ_SECONDS=300)'
	@echo 'make diff-fuzz    differential fuzzing against tcpdump (SEED=1 N=100000)'
	@echo 'make soak         ten minutes at 100 kpps: memory and fds stay flat (root)'
	@echo 'make bench-kernel in-kernel cost per packet, with and without a filter expression'
	@echo 'make bench-conns  CPU per line and RssAnon at 1k, 100k and 1M TCP connections (root)'
	@echo 'make goldens      tcpdump 4.99.3'"'"'s output for the replay tests, in tests/golden (root)'
	@echo 'make vmlinux      vmlinux/vmlinux.h from the running kernel'"'"'s BTF'
	@echo 'make format       clang-format the C sources (check-format to verify)'
	@echo 'make install      install into PREFIX (default /usr/local)'
	@echo 'V=1               show full commands'

deps:
	$(Q)tests/deps.sh

# --- BPF object and skeleton ---------------------------------------------------------------
$(BUILD)/xdpspy.bpf.o: bpf/xdpspy.bpf.c
	$(msg) BPF $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/xdpspy.skel.h: $(BUILD)/xdpspy.bpf.o
	$(msg) GEN $@
	$(Q)$(BPFTOOL) gen skeleton $< name xdpspy_bpf > $@.tmp && mv $@.tmp $@

# vmlinux/vmlinux.h from the running kernel's BTF (x86_64's is committed; vmlinux/README.md).
vmlinux:
	$(msg) GEN vmlinux/vmlinux.h
	$(Q){ printf '/* make vmlinux: bpftool btf dump file /sys/kernel/btf/vmlinux format c, %s */\n' \
		"Linux $$(uname -r) $$(uname -m)"; \
		$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c; } >vmlinux/vmlinux.h.tmp && \
		mv vmlinux/vmlinux.h.tmp vmlinux/vmlinux.h

# --- objects: host, sanitizer, fuzzer builds of the same sources -----------------------------
# loader.c includes the skeleton, which -MMD cannot name before it exists.
$(BUILD)/user/loader.o $(BUILD)/san/user/loader.o $(BUILD)/libfuzzer/user/loader.o: \
	$(BUILD)/xdpspy.skel.h

PURE_FLAGS := -include user/print/pure.h
$(foreach d,/ /san/ /libfuzzer/,$(call objs,$(d:/%=%),$(PRINT_PURE_SRC))): PURE := $(PURE_FLAGS)

$(BUILD)/%.o: %.c
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) $(PURE) -c $< -o $@

$(BUILD)/san/%.o: %.c
	$(msg) CC-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(SAN) $(XCFLAGS) $(PURE) -c $< -o $@

$(BUILD)/libfuzzer/%.o: %.c
	$(msg) CC-FUZZ $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $(PURE) -c $< -o $@

# --- binaries ------------------------------------------------------------------------------
# Links take the objects of $^ only: a .d file left by an older rule may list sources too.
$(BUILD)/xdpspy: $(APP_OBJ)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# The same binary under ASan+UBSan: the replay tests run it too.
$(BUILD)/xdpspy-san: $(SAN_APP_OBJ)
	$(msg) LD-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(SAN) -o $@ $(filter %.o,$^) $(LDLIBS)

$(UNIT_BIN): $(BUILD)/tests/%: $(BUILD)/san/tests/unit/%.o $(SAN_PRINT_OBJ)
	$(msg) LD-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -O1 -g $(SAN) -o $@ $(filter %.o,$^) $(UNIT_LDLIBS)
# The verdicts' classifier and the names the tools print for it.
$(BUILD)/tests/test_verdict: $(call objs,san/,user/verdictfmt.c)
# Segmented sends: what they link besides the printer.
$(BUILD)/tests/test_segments: $(call objs,san/,user/segments.c user/seg_taps.c user/seg_filter.c \
	user/decode.c user/compact.c)

# The one-pass line against the general one, on the captures' TCP segments (libpcap reads them).
$(BUILD)/tests/test_fastline: $(call objs,san/,user/decode.c user/compact.c)
$(BUILD)/tests/test_fastline: UNIT_LDLIBS := -lpcap

# The per-CPU rings' merge, on rings in plain memory.
$(BUILD)/tests/test_ring_merge: $(call objs,san/,user/ring_merge.c)

$(BUILD)/tests/test_kernel: $(BUILD)/tests/kernel/test_kernel.o $(KERNEL_OBJ) \
	$(call objs,,user/decode.c user/compact.c user/tcp_sum.c user/csum.c)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# The verdicts on crafted conversations, through the real program (BPF_PROG_TEST_RUN).
$(BUILD)/tests/test_verdict_kernel: $(BUILD)/tests/kernel/test_verdict_kernel.o $(KERNEL_OBJ)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# Two CPUs at once into their rings, merged (BPF_PROG_TEST_RUN from two pinned threads).
$(BUILD)/tests/test_cpus: $(BUILD)/tests/kernel/test_cpus.o $(KERNEL_OBJ)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS) -lpthread

# The bytes live records carry for the payload decoders, and the lines printed from them.
$(BUILD)/tests/test_app_bytes: $(BUILD)/tests/kernel/test_app_bytes.o $(KERNEL_OBJ) \
	$(call objs,,user/decode.c user/compact.c user/app_ports.c $(PRINT_SRC))
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# The filter translator against libpcap's interpreter, in the kernel (BPF_PROG_TEST_RUN).
$(BUILD)/tests/test_xlate: $(BUILD)/tests/kernel/test_xlate.o $(call objs,,$(FILTER_SRC))
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# Verified instruction counts of every program (tests/portability.sh).
$(BUILD)/tests/verifier_insns: $(BUILD)/tests/kernel/verifier_insns.o $(KERNEL_OBJ)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

$(BUILD)/tests/fuzz_parse_print: $(BUILD)/libfuzzer/tests/fuzz/fuzz_parse_print.o $(FUZZ_PRINT_OBJ)
	$(msg) LD-FUZZ $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^)

# `-r` on fuzzed pcap/pcapng files: replay, filter (host path), printer and -w writer, all of
# user/ but main.c, under ASan+UBSan. --host-parser: nothing is loaded into the kernel, but
# loader.c is linked, hence the skeleton.
$(BUILD)/tests/fuzz_pcap_read: $(BUILD)/libfuzzer/tests/fuzz/fuzz_pcap_read.o $(FUZZ_APP_OBJ)
	$(msg) LD-FUZZ $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# --- benchmarks (make bench, make bench-kernel): bench/bench.mk ------------------------------
include bench/bench.mk

test-unit: $(UNIT_BIN)
	$(Q)tests/run-unit.sh $(UNIT_BIN)
	$(Q)tests/unit/run-classic.sh $(BUILD)/tests/test_classic

test-kernel: $(BUILD)/tests/test_kernel $(BUILD)/tests/test_cpus $(BUILD)/tests/test_app_bytes \
	$(BUILD)/tests/test_xlate $(BUILD)/tests/test_verdict_kernel
	$(Q)$(BUILD)/tests/test_kernel tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*
	$(Q)$(BUILD)/tests/test_verdict_kernel
	$(Q)$(BUILD)/tests/test_cpus
	$(Q)$(BUILD)/tests/test_app_bytes tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*
	$(Q)$(BUILD)/tests/test_xlate tests/data/*.pcap* tests/corpus/tcpdump/*.pcap*

test-fuzz: $(BUILD)/tests/fuzz_parse_print
	$(Q)tests/run-fuzz.sh $< $${FUZZ_SECONDS:-30}

test-fuzz-pcap: $(BUILD)/tests/fuzz_pcap_read
	$(Q)tests/run-fuzz-pcap.sh $< $${FUZZ_SECONDS:-30}

# The BPF object from clang and clang-19 (build/port/clang-N): loads, verifier instruction
# counts against tests/data/verifier-insns.txt, the kernel test on clang-19's object.
test-portability:
	$(Q)tests/portability.sh

# The header dependencies: with nothing changed, nothing is rebuilt; after any header is
# touched (in a copy of the tree), exactly the binaries whose objects include it are.
# And the BPF side can include vmlinux/vmlinux.h.
test-build: $(BINARIES)
	$(Q)$(PYTHON) tests/build_deps.py $(BINARIES)
	$(Q)echo '#include "vmlinux.h"' | $(CLANG) $(filter-out -MMD -MP,$(BPF_CFLAGS)) -fsyntax-only \
		-x c - && echo 'build: vmlinux/vmlinux.h compiles for BPF'

test-replay: $(BUILD)/xdpspy $(BUILD)/xdpspy-san
	$(Q)tests/replay.sh

test-live: $(BUILD)/xdpspy
	$(Q)tests/live.sh

# curl, dig, ping, ICMP errors, ARP and ND next to tcpdump: the text after `length N`, live.
test-live-apps: $(BUILD)/xdpspy
	$(Q)tests/live_apps.sh

# TCP through GRE, IPIP, VXLAN and Geneve, next to tcpdump on the underlay (tests/live_tunnels.sh);
# the BPF program that makes the tunnels this kernel has no devices for.
$(BUILD)/tests/tunnel/%.bpf.o: tests/tunnel/%.bpf.c
	$(msg) BPF $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

test-live-tunnels: $(BUILD)/xdpspy $(BUILD)/tests/tunnel/encap.bpf.o
	$(Q)tests/live_tunnels.sh

test-faults: $(BUILD)/xdpspy $(BUILD)/bench/gen $(BUILD)/bench/mix.pcap
	$(Q)tests/faults.sh

# Ten minutes at 100 kpps: memory and fds stay flat (SOAK_S=seconds to change the length).
soak: $(BUILD)/xdpspy $(BUILD)/bench/gen $(BUILD)/bench/mix.pcap
	$(Q)tests/faults.sh soak

test-counters: $(BUILD)/xdpspy
	$(Q)tests/counters.sh

# The flow table and the detectors against known answers; top in tmux (tests/flows.sh).
test-flows: $(BUILD)/xdpspy $(BUILD)/bench/gen $(BUILD)/bench/mix.pcap
	$(Q)tests/flows.sh

# --process against curl and python3 in namespaces, a cgroup and a router (tests/process.sh).
test-process: $(BUILD)/xdpspy
	$(Q)tests/process.sh

# The verdicts against curl, openssl, ssh and python3's mail clients in namespaces
# (tests/verdicts.sh).
test-verdicts: $(BUILD)/xdpspy
	$(Q)tests/verdicts.sh

test-cli: $(BUILD)/xdpspy
	$(Q)tests/cli.sh

test-filter: $(BUILD)/xdpspy $(BUILD)/xdpspy-san
	$(Q)tests/filter.sh

test-payload: $(BUILD)/xdpspy
	$(Q)tests/payload.sh

# Differential fuzzing against tcpdump (tests/difffuzz): generated frames, four flag sets, the
# host parser, --kernel-parser and the sanitizer build. `make diff-fuzz SEED=7 N=200000` for a
# long run (report and reproducers in build/difffuzz/seed-7).
SEED ?= 1
N ?= 100000
diff-fuzz: $(BUILD)/xdpspy $(BUILD)/xdpspy-san
	$(Q)tests/difffuzz/run --seed $(SEED) --n $(N) --work $(BUILD)/difffuzz/seed-$(SEED)

# The layer: one fixed seed, 20 000 frames; fails on a TCP prefix-mode divergence, a crash, a
# sanitizer report, a stray stderr line, or a full-mode share under its floor (all records, and
# the kinds whose decoders match tcpdump: a floor a little under this seed's share). Then the
# kernel's events for the same frames, field by field against the host parser's.
DIFFFUZZ_SEED := 20250
DIFFFUZZ_FLOORS := --min-full 99 --min-kind llc=99 --min-kind arp=99 --min-kind udp-dns=99 \
	--min-kind app-dhcp=99 --min-kind app-dhcp6=99 --min-kind app-syslog=98 --min-kind app-ntp=99 \
	--min-kind app-snmp=99 --min-kind app-igmp=99 --min-kind app-vrrp=99 --min-kind app-sctp=99 \
	--min-kind app-ospf=99 --min-kind app-lldp=99 --min-kind app-stp=99 --min-kind app-ppp=99 \
	--min-kind app-pim=99 --min-kind app-ospf6=99
test-difffuzz: $(BUILD)/xdpspy $(BUILD)/xdpspy-san $(BUILD)/tests/test_kernel \
	$(BUILD)/tests/test_app_bytes $(BUILD)/tests/test_fastline
	$(Q)tests/difffuzz/run --seed $(DIFFFUZZ_SEED) --n 20000 --check --brief \
		$(DIFFFUZZ_FLOORS) --work $(BUILD)/difffuzz/test
	$(Q)$(BUILD)/tests/test_kernel $(BUILD)/difffuzz/test/chunks/*.pcap | tail -n 3
	$(Q)$(BUILD)/tests/test_app_bytes $(BUILD)/difffuzz/test/chunks/*.pcap | tail -n 5
	$(Q)$(BUILD)/tests/test_fastline $(BUILD)/difffuzz/test/chunks/*.pcap | tail -n 2

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/demo.sh

# Every layer runs even when an earlier one fails; the summary line says how many did.
TEST_LAYERS := check-format lint test-cli test-build test-unit test-fuzz test-fuzz-pcap \
	test-kernel test-portability test-replay test-filter test-payload test-difffuzz test-live \
	test-live-apps test-live-tunnels test-faults test-counters test-flows test-process \
	test-verdicts

test: deps
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/xdpspy-san
	$(Q)failed=0; for t in $(TEST_LAYERS); do \
		echo "== $$t"; start=$$(date +%s); \
		$(MAKE) --no-print-directory $$t || { echo "== $$t FAILED"; failed=$$((failed + 1)); }; \
		echo "== $$t: $$(( $$(date +%s) - start )) s"; \
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

FMT_SRC = $(wildcard bpf/*.c bpf/*.h include/*.h user/*.c user/*.h user/print/*.c user/print/*.h \
	tests/unit/*.c tests/kernel/*.c tests/fuzz/*.c tests/*.h bench/*.c)

# Static analysis of the host code (make lint, a layer of make test: it must stay clean).
# cppcheck is not shown build/: the skeleton's bytes of the BPF object took it minutes.
NPROC := $(shell nproc)
# loader.c goes without unix.Malloc: the generated skeleton it includes trips that check.
TIDY_CHECKS := -*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,\
	-bugprone-assignment-in-if-condition,-bugprone-narrowing-conversions,clang-analyzer-*,\
	-clang-analyzer-security.insecureAPI.*,-clang-analyzer-valist.Uninitialized

# The code's shape (tests/code_shape.py): no include circle among user/'s modules, and no
# function over 100 lines in the printer, the parser and the BPF side.
SHAPE_SRC = user/print.c $(wildcard user/print/*.c user/print/*.h) $(wildcard include/*.h) \
	$(wildcard bpf/*.c bpf/*.h) user/csum.c user/tcp_sum.c user/parse_host.h
# What user/print/pure.h must refuse: each of these compiles without it.
PURE_PROBES := '\#include <bpf/libbpf.h>' '\#include <pcap/pcap.h>' \
	'\#include <stdio.h>\nvoid f(void) { puts("x"); }' \
	'\#include <stdio.h>\nvoid f(void) { fprintf(stderr, "x"); }' \
	'\#include <unistd.h>\nint f(int fd) { return (int)write(fd, "", 0); }'

lint: $(BUILD)/xdpspy.skel.h
	$(Q)$(PYTHON) tests/code_shape.py cycles user include user
	$(Q)$(PYTHON) tests/code_shape.py length 100 $(SHAPE_SRC)
	$(Q)for p in $(PURE_PROBES); do \
		printf "$$p\n" | $(CC) -std=gnu11 -fsyntax-only -x c - || exit 1; \
		if printf "$$p\n" | $(CC) -std=gnu11 $(PURE_FLAGS) -fsyntax-only -x c - 2>/dev/null; \
		then echo "lint: user/print/pure.h lets this through: $$p"; exit 1; fi; \
	done; echo "lint: user/print/pure.h refuses stdio, file descriptors, libbpf and libpcap"
	$(Q)cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability -j$(NPROC) \
		--std=c11 --inline-suppr -Iinclude -Iuser --suppress=missingIncludeSystem \
		-D'LIBBPF_OPTS(TYPE,NAME,...)=struct TYPE NAME = {0}' user/ include/
	$(Q)out=$$(printf '%s\n' $(filter-out user/loader.c,$(wildcard user/*.c user/print/*.c)) | \
		xargs -P$(NPROC) -I{} clang-tidy --quiet -checks='$(TIDY_CHECKS)' \
		--header-filter='^$(CURDIR)/(user|include)/' {} \
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

# What -MMD found, for every object built here (not those of builds in $(BUILD)/port).
-include $(shell find $(BUILD) -path '$(BUILD)/port' -prune -o -name '*.d' -print 2>/dev/null)
