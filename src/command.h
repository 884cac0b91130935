/* command.h: the words of a command the user configured (open_command,
 * copy_command), split as a shell would without a shell, and whether its
 * program can be run.  One splitter for every command yomu runs. */
#ifndef YOMU_COMMAND_H
#define YOMU_COMMAND_H

/* COMMAND split into words as a shell would, expanding nothing: blanks
 * separate words, '...' and "..." quote, a backslash escapes the next
 * character (not inside '...').  With ARG (not NULL), ARG is one more word
 * at the end, taken as it is.  A NULL-terminated array (free it with
 * command_argv_free), or NULL for a command with no word or an unclosed
 * quote. */
char **command_argv(const char *command, const char *arg);
void command_argv_free(char ***argv);

/* Can NAME be run: a path to an executable file, or one found in $PATH?
 * 0, or why not as an errno value (a failed exec can only say so by an
 * exit status, or not at all for a detached program). */
int command_runnable(const char *name);

#endif
