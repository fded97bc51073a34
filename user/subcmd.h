/* SPDX-License-Identifier: GPL-2.0-only */
/* `xdpspy attach|detach|stats|list`: counters that live on without an xdpspy process. */
#ifndef XDPSPY_SUBCMD_H
#define XDPSPY_SUBCMD_H

/* A first argument that is exactly one of these names is the subcommand. */
int subcmd_is(const char *word);
/* Runs argv[1] as a subcommand; returns the exit code. */
int subcmd_run(int argc, char **argv);

#endif
