/* termenc.h: the locale yomu runs in, and the terminal's character set.
 *
 * yomu works in UTF-8 whatever the locale: LC_CTYPE is a UTF-8 locale (the
 * user's, else C.UTF-8), and gettext hands back UTF-8.  A C or POSIX
 * locale (no LANG at all, env -i, many containers) is taken to say nothing
 * about the terminal, which is then UTF-8.  A locale in another character
 * set (ja_JP.eucJP) says the terminal uses that set: standard error, and
 * standard output when it is a terminal, are converted to it, and the
 * screen is drawn in that locale (curses converts). */
#ifndef YOMU_TERMENC_H
#define YOMU_TERMENC_H

#include <stdbool.h>
#include <stdio.h>

enum termenc_problem {
	TERMENC_OK,
	TERMENC_NO_UTF8,     /* no UTF-8 locale could be set */
	TERMENC_NO_CONVERT,  /* the terminal's set is not UTF-8 and cannot be converted to */
};

struct termenc {
	bool utf8;              /* LC_CTYPE is a UTF-8 locale */
	char *term_locale;      /* the user's LC_CTYPE when the terminal is not UTF-8, else NULL */
	char *term_codeset;     /* that locale's character set ("EUC-JP"), else NULL */
	enum termenc_problem problem;
	/* the converting streams put in place of stderr and stdout, and what
	 * they replaced (termenc_free puts it back) */
	FILE *conv_err, *conv_out, *old_err, *old_out;
};

/* The locale from the environment, LC_CTYPE made UTF-8, the message
 * catalogue bound (in UTF-8; YOMU_LOCALEDIR: a catalogue not installed),
 * and standard error (and standard output when it is a terminal) converted
 * when the terminal needs it. */
void termenc_init(struct termenc *te);
/* What is wrong, in one line, or NULL.  SCREEN: for the full screen, which
 * then cannot be drawn; else for text written to the terminal (in UTF-8,
 * which it does not show). */
const char *termenc_message(const struct termenc *te, bool screen);
/* Close the converting streams (written out first), free the rest. */
void termenc_free(struct termenc *te);

#endif
