// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: frame bytes -> the host build of the kernel parser -> the printer, under
 * ASan+UBSan. The first byte picks the printer's flags, the rest is the frame; names are
 * never looked up (-n), so fuzzing sends no query anywhere.
 */
#include <stdint.h>
#include <string.h>

#include "parse_host.h"
#include "print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char line[65536];
	struct print_opts o = {.nflag = 1};
	struct xs_event ev;
	struct pkt_info pi = {0};
	struct printer *pr;
	struct strbuf sb;
	uint8_t sel;

	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;
	o.eflag = sel & 1;
	o.Sflag = (sel >> 1) & 1;
	o.qflag = (sel >> 2) & 1;
	o.vflag = (sel >> 3) & 3;
	o.tflag = (sel >> 5) % 6;
	o.json = ((sel >> 3) & 3) == 3;
	pr = printer_new(&o);
	if (!pr)
		return 0;
	memset(&ev, 0, sizeof(ev));
	xs_parse(&ev, &(struct xs_frame){.data = data, .end = data + size});
	/* The wire may have been longer than what was captured, or (bad records) shorter. */
	pi.sec = 1700000000 + (sel & 3);
	pi.nsec = sel * 1000000ll;
	pi.cap_len = (uint32_t)size;
	pi.wire_len = (uint32_t)size + ((sel & 0x10) ? (uint32_t)sel * 7u : 0);
	ev.wire_len = pi.wire_len;
	/* Run twice: the second pass meets the sequence-number state the first one left. */
	for (int i = 0; i < 2; i++) {
		sb_init(&sb, line, sizeof(line));
		print_packet(pr, &ev, &pi, NULL, &sb);
	}
	printer_free(pr);
	return 0;
}
