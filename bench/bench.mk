# SPDX-License-Identifier: GPL-2.0-only
# Benchmarks, included by the top-level Makefile (same variables, run from the top).
#
#   make bench-kernel   in-kernel cost per packet (BPF_PROG_TEST_RUN), printed
#   make bench-conns    CPU per line and RssAnon at 1k, 100k, 1M TCP connections (replay, root),
#                       xdpspy beside tcpdump, printed (CONN_FRAMES=2000000 CONN_RUNS=3)
#   make bench          everything (root, ~5 min): in-kernel cost, end to end on a veth pair at
#                       full rate and at a fixed rate, replay, perf profiles; writes
#                       bench/results/results.md and results.png (bench/README.md). Knobs:
#                       ROUNDS=3 PROG_ROUNDS=1 FRAMES=2000000 PACED_FRAMES=1000000
#                       PACED_PPS=200000 REPLAY_FRAMES=50000 REPLAY_RUNS=5 KERNEL_ROUNDS=40 PROFILE=1
#                       IPERF_ROUNDS=5 IPERF_SECS=5 CONN_FRAMES=2000000 CONN_TD_FRAMES=50000
#                       CONN_RUNS=3

BENCH_PY ?= /usr/bin/python3
BENCH_OUT ?= bench/results
ROUNDS ?= 3
PROG_ROUNDS ?= 1
FRAMES ?= 2000000
PACED_FRAMES ?= 1000000
PACED_PPS ?= 200000
REPLAY_FRAMES ?= 50000
REPLAY_RUNS ?= 5
KERNEL_ROUNDS ?= 40
PROFILE ?= 1
IPERF_ROUNDS ?= 5
IPERF_SECS ?= 5
CONN_FRAMES ?= 2000000
CONN_TD_FRAMES ?= 50000
CONN_RUNS ?= 3

BENCH_TOOLS := $(BUILD)/bench/gen $(BUILD)/bench/ringpos $(BUILD)/bench/pass.bpf.o \
	$(BUILD)/bench/mix.pcap $(BUILD)/bench/kernel_cost $(BUILD)/bench/producers $(BUILD)/bench/conns

.PHONY: bench bench-tools bench-conns

# The C tools whose header dependencies make test-build checks.
BENCH_BIN := $(BUILD)/bench/kernel_cost $(BUILD)/bench/producers $(BUILD)/bench/ringpos \
	$(BUILD)/bench/fastline

$(BUILD)/bench/kernel_cost: $(BUILD)/bench/kernel_cost.o $(BUILD)/bench/frame.o $(KERNEL_OBJ) \
	$(call objs,,user/app_ports.c $(PRINT_SRC))
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# A line's user-space cost after the ring: the general way against print/fastline.h.
FASTLINE_SRC := user/ahead.c user/sink.c user/decode.c user/compact.c \
	user/pcap_out.c user/pcapng.c user/cooked.c user/log.c $(PRINT_SRC)
$(BUILD)/bench/fastline: $(BUILD)/bench/fastline.o $(call objs,,$(FASTLINE_SRC))
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

# Two CPUs producing at once, one ring against per-CPU rings (BPF_PROG_TEST_RUN, pinned threads).
$(BUILD)/bench/producers: $(BUILD)/bench/producers.o $(BUILD)/bench/frame.o $(KERNEL_OBJ)
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS) -lpthread

# In-kernel cost per packet (BPF_PROG_TEST_RUN), unfiltered and with a typical expression;
# then one producer against two at once.
bench-kernel: $(BUILD)/bench/kernel_cost $(BUILD)/bench/producers
	$(Q)python3 bench/frames.py $(BUILD)/bench/frames
	$(Q)$(BUILD)/bench/kernel_cost -e 'tcp port 443 and host 10.0.0.1' -s 128 -v -p -V \
		$(BUILD)/bench/frames/*.pcap
	$(Q)$(BUILD)/bench/producers -r $(KERNEL_ROUNDS) $(BUILD)/bench/frames/*.pcap

# --- the end-to-end generator and its helpers -------------------------------------------------
$(BUILD)/bench/%.bpf.o: bench/%.bpf.c bench/gen.h
	$(msg) BPF $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -Ibench -c $< -o $@

$(BUILD)/bench/gen: bench/gen.c bench/tmpl.c bench/tmpl.h bench/gen.h
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -Ibench -o $@ bench/gen.c bench/tmpl.c -lpcap

$(BUILD)/bench/conns: bench/conns.c
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -o $@ $<

# Compiled apart (-c), so test-build sees the headers it reads (include/ring_region.h).
$(BUILD)/bench/ringpos: $(BUILD)/bench/ringpos.o
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDLIBS)

$(BUILD)/bench/mix.pcap: bench/mix.py tests/gen_pcaps.py
	$(msg) GEN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(BENCH_PY) bench/mix.py $@ > $@.txt

bench-tools: $(BUILD)/xdpspy $(BENCH_TOOLS)

# The printer at 1k, 100k and 1M connections (bench/conns.sh), the table printed.
bench-conns: bench-tools
	$(Q)mkdir -p $(BENCH_OUT)
	$(Q)bench/conns.sh -o $(BENCH_OUT)/conns.tsv -n $(CONN_FRAMES) -t $(CONN_TD_FRAMES) \
		-R $(CONN_RUNS)
	$(Q)$(BENCH_PY) bench/report.py --conns $(BENCH_OUT)/conns.tsv

bench: deps
	$(Q)$(MAKE) --no-print-directory bench-tools
	$(Q)ROUNDS=$(ROUNDS) PROG_ROUNDS=$(PROG_ROUNDS) FRAMES=$(FRAMES) \
		PACED_FRAMES=$(PACED_FRAMES) PACED_PPS=$(PACED_PPS) \
		REPLAY_FRAMES=$(REPLAY_FRAMES) REPLAY_RUNS=$(REPLAY_RUNS) \
		KERNEL_ROUNDS=$(KERNEL_ROUNDS) PROFILE=$(PROFILE) IPERF_ROUNDS=$(IPERF_ROUNDS) \
		IPERF_SECS=$(IPERF_SECS) CONN_FRAMES=$(CONN_FRAMES) CONN_TD_FRAMES=$(CONN_TD_FRAMES) \
		CONN_RUNS=$(CONN_RUNS) BENCH_PY=$(BENCH_PY) \
		bench/run.sh $(BENCH_OUT)
