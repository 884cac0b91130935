/* clipboard.h: putting text on the clipboard: the terminal's, by the OSC 52
 * escape sequence (it works over ssh, and through tmux with set-clipboard
 * on), or a command's (copy_command: wl-copy, xclip -selection clipboard,
 * pbcopy), run without a shell with the text on its standard input.
 *
 * The screen only asks for a copy (ui_take_clipboard); tui.c, the one
 * module that writes to the terminal, carries it out, and --replay reports
 * it.  Nothing here knows the document. */
#ifndef YOMU_CLIPBOARD_H
#define YOMU_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>

/* How long a copy command may take before it is given up (killed). */
#define CLIPBOARD_TIMEOUT_MS 5000

/* The OSC 52 sequence that sets the terminal's clipboard to N bytes of
 * TEXT: ESC ] 52 ; c ; base64 BEL.  With TMUX, the same wrapped for tmux's
 * passthrough follows it (it reaches the outer terminal when tmux's
 * allow-passthrough is on; tmux itself takes the plain one when its
 * set-clipboard is on).  *LEN gets its length; the caller frees it. */
char *clipboard_osc52(const char *text, size_t n, bool tmux, size_t *len);

/* Run COMMAND (split by command_argv) with N bytes of TEXT on its standard input
 * and its output thrown away, and wait for it (CLIPBOARD_TIMEOUT_MS at
 * most).  True if it ran and exited 0; else false, with *ERR saying why in
 * one line ("xclip: exit status 1: Error: Can't open display"; the caller
 * frees it). */
bool clipboard_run(const char *command, const char *text, size_t n, char **err);

#endif
