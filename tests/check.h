/* SPDX-License-Identifier: GPL-2.0-only */
/* The tests' one assertion: counts passes, prints failures, and main() prints the totals. */
#ifndef XDPSPY_TESTS_CHECK_H
#define XDPSPY_TESTS_CHECK_H

#include <stdio.h>

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

/* Prints "N passed, M failed"; the exit code for main(). */
static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

#endif
