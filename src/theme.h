/* theme.h: the colour elements of the screen (htop's CRT.c habit: an enum
 * plus a default table), named as in the [colors] section of the config. */
#ifndef YOMU_THEME_H
#define YOMU_THEME_H

#include <stdbool.h>

/* X(enum, config name) */
#define ELEMENTS(X) \
	X(BODY, "body") \
	X(CHAPTER, "heading-chapter") \
	X(SECTION, "heading-section") \
	X(HEADING1, "heading-1") \
	X(HEADING2, "heading-2") \
	X(HEADING3, "heading-3") \
	X(HEADING4, "heading-4") \
	X(TOC, "toc") \
	X(TOC_CURRENT, "toc-current") \
	X(TOC_NOBODY, "toc-no-body") \
	X(TOC_CURSOR, "toc-cursor") \
	X(SEPARATOR, "separator") \
	X(LINK, "link") \
	X(FOOTNOTE, "footnote-marker") \
	X(LINK_SELECTED, "link-selected") \
	X(MATCH, "search-match") \
	X(MATCH_CURRENT, "search-current") \
	X(POPUP_FRAME, "popup-frame") \
	X(POPUP_TITLE, "popup-title") \
	X(POPUP_TEXT, "popup-text") \
	X(STATUS, "status") \
	X(MESSAGE, "message") \
	X(CAPTION, "caption") \
	X(COLUMN_FRAME, "column-frame") \
	X(RUBY, "ruby") \
	X(HELP_KEY, "help-key") \
	X(TITLE, "title") \
	X(EMPHASIS, "emphasis") \
	X(EMPHASIS_LINE, "emphasis-line") \
	X(BOLD, "bold") \
	X(ITALIC, "italic") \
	X(WARICHU, "warichu") \
	X(KUNTEN, "kunten") \
	X(SCRIPT, "script") \
	X(NOTE, "editor-note") \
	X(NOTE_MARK, "note-mark") \
	X(GAIJI, "gaiji") \
	X(FRAME, "frame")

enum element {
#define X(e, name) EL_##e,
	ELEMENTS(X)
#undef X
	EL_COUNT
};

/* A colour: COLOR_DEFAULT, 0-255, or COLOR_RGB | 0xRRGGBB. */
#define COLOR_DEFAULT (-1)
#define COLOR_RGB 0x1000000

enum style_attr {
	ATTR_BOLD = 1,
	ATTR_UNDERLINE = 2,
	ATTR_REVERSE = 4,
	ATTR_DIM = 8,
	ATTR_ITALIC = 16,
};

struct style {
	int fg, bg;
	unsigned attrs; /* enum style_attr */
};

struct theme {
	struct style el[EL_COUNT];
};

/* The names of the elements, in enum order. */
extern const char *const element_names[EL_COUNT];

/* ---- the [colors] value syntax, and fitting a theme to a terminal ---- */

enum style_err { STYLE_OK, STYLE_BAD_COLOR, STYLE_COLOR_RANGE, STYLE_BAD_ATTR, STYLE_FORM };

/* Every element default on default, no attributes. */
void theme_init_plain(struct theme *t);
/* The element named NAME (any case), or -1. */
int element_lookup(const char *name);
/* One colour: default, a name (red, bright-red), 0-255 or #rrggbb. */
enum style_err color_parse(const char *s, int *out);
/* One attribute (bold, underline, reverse, dim, italic), or'ed into *OUT. */
enum style_err attr_parse(const char *s, unsigned *out);
/* "fg, bg[, attribute...]"; on an error *BAD is a copy of the bad item
 * (or NULL for STYLE_FORM) and *ST is unchanged. */
enum style_err style_parse(const char *s, struct style *st, char **bad);
/* The palette entry a terminal of NCOLORS colours shows for COLOR: itself
 * if it has it, else the nearest in the xterm palette; COLOR_DEFAULT when
 * NCOLORS < 8 (no usable colour). */
int color_nearest(int color, int ncolors);
/* IN fitted to NCOLORS colours; NO_COLOR keeps only the attributes. */
void theme_resolve(const struct theme *in, int ncolors, bool no_color, struct theme *out);

#endif
