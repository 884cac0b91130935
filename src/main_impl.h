/* main_impl.h: the command line's options and the helpers shared by
 * main.c, main_stream.c and main_book.c.  Not for other modules. */
#ifndef YOMU_MAIN_IMPL_H
#define YOMU_MAIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dump.h"
#include "ui.h"
#include "util.h"
#include "yomu_config.h"

struct docload;
struct doc;
struct format;
struct source;
struct state_doc;
struct termenc;

enum mode { MODE_AUTO, MODE_DUMP, MODE_TOC, MODE_REPLAY, MODE_PRINT_CONFIG, MODE_CHECK_CONFIG,
            MODE_COUNT, MODE_FORMATS, MODE_INSPECT };

struct options {
	enum mode mode;
	int width; /* 0: the terminal's, or 80 */
	const char *file;   /* the first of FILES, or NULL */
	char **files;       /* the files named, NFILES of them */
	size_t nfiles;
	const char *replay;
	const char *config; /* --config FILE, or NULL for the default place */
	const char *pattern; /* --count */
	bool regex;          /* --regex: PATTERN is a regular expression */
	const char *encoding; /* --encoding, or NULL to detect it */
	const struct format *format; /* --format, or NULL to detect it */
	bool no_state;
	int size_w, size_h;
	bool replay_attrs;
	bool replay_stream;
	int amb; /* --ambiguous-width: 0 auto, 1 or 2; -1 when not given */
	char *amb_warning; /* about a bad YOMU_AMBIGUOUS_WIDTH, or NULL */
	bool vertical;     /* --vertical */
};

/* ---- main.c ---- */
/* "yomu: NAME: WHY" on standard error, NAME (a path, an argument)
 * escaped. */
void main_name_error(const char *name, const char *why);
/* The terminal's width for --dump, or 80. */
int main_terminal_width(void);
/* Add W to the one-line warning B. */
void main_join_warning(struct buf *b, const char *w);
/* The marks' language the configuration asks for, or NULL for the
 * document's own. */
const struct present_words *main_words_of(const struct settings *s);
/* The ui's options from the configuration's, for a document of FORMAT. */
struct ui_opts main_ui_opts(const struct settings *s, const char *warning,
                            const struct format *format);
/* The full-screen reader on D (of FORMAT, or NULL for several; NAME for the
 * status line), opened at *ST (NULL: the top, and nothing is remembered);
 * on return *ST is where the reader was, with its marks.  The rest of D is
 * read between keys by LOADER. */
int main_show(const struct options *o, struct config *cfg, const struct doc *d,
              const struct format *format, struct ui_loader *loader, struct state_doc *st,
              const char *warnings, const char *name, const struct termenc *te);
/* Remember DOCS[I] for KEYS[I], I < N (a book's files at once), in SDIR
 * in one save, saying on standard error what went wrong. */
void main_remember(const char *sdir, size_t n, const uint64_t *keys, const struct state_doc *docs);
/* The state directory, if reading positions are remembered (the caller
 * frees it), else NULL. */
char *main_state_dir(const struct options *o, const struct config *cfg);

/* What stopped the reading of SRC, and what it says of its bytes, on
 * standard error. */
void main_report_source(const struct source *src);

/* ---- main_stream.c ---- */
/* --dump's options from the command line's and the configuration's, the
 * output's state carried in CARRY (made fresh). */
struct dump_opts main_dump_opts(const struct options *o, const struct config *cfg,
                                struct dump_carry *carry);
/* --dump, --toc and --count of one document, window by window. */
int main_run_stream(const struct options *o, struct config *cfg, struct docload *dl);

/* ---- main_book.c ---- */
/* Several files, or a directory: a book. */
int main_run_book(const struct options *o, struct config *cfg, const struct termenc *te);

#endif
