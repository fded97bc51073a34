/* SPDX-License-Identifier: GPL-2.0-only */
/* The tests' one assertion: counts passes, prints failures, and main() prints the totals. */
#ifndef XDPSPY_TESTS_CHECK_H
#define XDPSPY_TESTS_CHECK_H

#include <stdio.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			passed++;                                                                  \
		} else {                                                                           \
			failed++;                                                                  \
			printf("FAIL %s:%d: ", __func__, __LINE__);                                \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

/* A string against the one wanted: a failure shows both. */
static inline void check_str(const char *what, const char *got, const char *want)
{
	CHECK(!strcmp(got, want), "%s\n  got:  %s  want: %s", what, got, want);
}

/* The bytes of a hex string ("0a1b ...", spaces skipped; NULL: none) into out; their count. */
static inline unsigned check_hex(const char *hex, unsigned char *out)
{
	unsigned n = 0;

	while (hex && hex[0] && hex[1]) {
		if (hex[0] == ' ') {
			hex++;
			continue;
		}
		sscanf(hex, "%2hhx", &out[n++]);
		hex += 2;
	}
	return n;
}

/* Prints "N passed, M failed"; the exit code for main(). */
static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

#endif
