# SPDX-License-Identifier: GPL-2.0-only
# Benchmarks, included by the top-level Makefile (same variables, run from the top).

$(BUILD)/bench/kernel_cost: bench/kernel_cost.c $(BUILD)/user/loader.o $(BUILD)/user/counters.o \
	$(BUILD)/user/pins.o $(BUILD)/user/xlate.o $(BUILD)/user/filter.o $(BUILD)/user/ebpf_dump.o \
	$(BUILD)/user/log.o
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(XCFLAGS) -o $@ $^ $(LDLIBS)

# In-kernel cost per packet (BPF_PROG_TEST_RUN), unfiltered and with a typical expression.
bench-kernel: $(BUILD)/bench/kernel_cost
	$(Q)python3 bench/frames.py $(BUILD)/bench/frames
	$(Q)$(BUILD)/bench/kernel_cost -e 'tcp port 443 and host 10.0.0.1' $(BUILD)/bench/frames/*.pcap

