/* spawn.h: running a program for the reader (a browser for a URL). */
#ifndef YOMU_SPAWN_H
#define YOMU_SPAWN_H

#include <stdbool.h>

/* Start COMMAND (words split at spaces, no shell) with ARG as its last
 * argument, detached: 0, or the errno of why it could not start. */
int spawn_detached(const char *command, const char *arg);
/* The command that opens links for the open_command SETTING: "auto" (or
 * NULL) is xdg-open when a graphical session is there and xdg-open is
 * found, else none; "none" or "" is none (NULL); anything else is itself. */
const char *spawn_opener(const char *setting);

#endif
