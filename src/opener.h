/* opener.h: what opens a link (a browser for a URL): open_command, run
 * detached.  Not "spawn.h": that is the system's posix_spawn header. */
#ifndef YOMU_OPENER_H
#define YOMU_OPENER_H

#include <stdbool.h>

/* Start COMMAND (split by command_argv, no shell) with ARG as its last
 * argument, detached: 0, or the errno of why it could not start (EINVAL:
 * COMMAND has no word, or a quote is not closed). */
int opener_run(const char *command, const char *arg);
/* The command that opens links for the open_command SETTING: "auto" (or
 * NULL) is xdg-open when a graphical session is there and xdg-open is
 * found, else none; "none" or "" is none (NULL); anything else is itself. */
const char *opener_find(const char *setting);

#endif
