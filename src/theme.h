/* theme.h: the colour elements of the screen (htop's CRT.c habit: an enum
 * plus a default table), named as in the [colors] section of the config. */
#ifndef YOMU_THEME_H
#define YOMU_THEME_H

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
	X(HELP_KEY, "help-key")

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

#endif
