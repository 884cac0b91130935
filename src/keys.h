/* keys.h: key codes, and the one table of actions (an X-macro) from which
 * the action enum, the config names, the help screen and the default key
 * bindings all come. */
#ifndef YOMU_KEYS_H
#define YOMU_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A key: a Unicode code point, or YK_SPECIAL + n, optionally | YK_ALT. */
#define YK_SPECIAL 0x110000
#define YK_ALT 0x40000000
enum special_key {
	K_UP = YK_SPECIAL, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_BTAB, K_BACKSPACE, K_DELETE, K_INSERT, K_RESIZE, K_MOUSE,
	K_F1, K_F2, K_F3, K_F4, K_F5, K_F6, K_F7, K_F8, K_F9, K_F10, K_F11, K_F12,
	K_NONE,
};
#define K_TAB '\t'
#define K_ENTER '\n'
#define K_ESC 0x1B
#define K_CTRL(c) ((c) & 0x1F)

/* Where a binding applies: reading (the body and popups) or a list (the
 * table of contents, the footnote and column lists). */
enum key_context { CTX_READER, CTX_LIST, CTX_COUNT };

/* What an action is, besides what it does (ui.c does that):
 *   AF_TAIL     a key for it goes to the end of a large document shown
 *               before the rest is read (G before all is read), not to
 *               the whole document;
 *   AF_TAIL_UP  the same while that end has room to scroll up by it;
 *   AF_KEEP_SEL the link selected on screen stays selected;
 *   AF_REDRAW   the whole terminal is drawn again afterwards. */
enum action_flags { AF_TAIL = 1, AF_TAIL_UP = 2, AF_KEEP_SEL = 4, AF_REDRAW = 8 };

/* X(enum, config name, context, default keys, flags, help text) */
#define ACTIONS(X) \
	X(QUIT, "quit", CTX_READER, "q", AF_TAIL, N_("quit; closes the top popup first")) \
	X(CLOSE, "close", CTX_READER, "Esc", AF_TAIL, N_("close the top popup")) \
	X(LINE_DOWN, "line-down", CTX_READER, "j, Down", AF_TAIL, N_("line down")) \
	X(LINE_UP, "line-up", CTX_READER, "k, Up", AF_TAIL_UP, N_("line up")) \
	X(PAGE_DOWN, "page-down", CTX_READER, "Space, PgDn, C-f", AF_TAIL, N_("page down")) \
	X(PAGE_UP, "page-up", CTX_READER, "b, PgUp, C-b", AF_TAIL_UP, N_("page up")) \
	X(HALF_DOWN, "half-page-down", CTX_READER, "d", AF_TAIL, N_("half page down")) \
	X(HALF_UP, "half-page-up", CTX_READER, "u", AF_TAIL_UP, N_("half page up")) \
	X(TOP, "top", CTX_READER, "g, Home", 0, N_("go to the top")) \
	X(BOTTOM, "bottom", CTX_READER, "G, End", AF_TAIL, N_("go to the end")) \
	X(NEXT_HEADING, "next-heading", CTX_READER, "]", 0, N_("next heading")) \
	X(PREV_HEADING, "previous-heading", CTX_READER, "[", 0, N_("previous heading")) \
	X(TOC_FOCUS, "toc", CTX_READER, "t", 0, N_("focus the table of contents")) \
	X(TOC_TOGGLE, "toggle-toc", CTX_READER, "T", AF_TAIL, N_("show or hide the table of contents")) \
	X(RUBY_TOGGLE, "toggle-ruby", CTX_READER, "r", AF_TAIL | AF_KEEP_SEL, N_("show or hide ruby readings")) \
	X(NEXT_LINK, "next-link", CTX_READER, "Tab", AF_TAIL | AF_KEEP_SEL, N_("select the next link on screen")) \
	X(PREV_LINK, "previous-link", CTX_READER, "S-Tab", AF_TAIL | AF_KEEP_SEL, N_("select the previous link on screen")) \
	X(OPEN_LINK, "open-link", CTX_READER, "Enter", AF_TAIL | AF_KEEP_SEL, N_("open the selected link")) \
	X(FOOTNOTES, "footnotes", CTX_READER, "f", AF_TAIL | AF_KEEP_SEL, N_("list the footnotes referenced on screen")) \
	X(COLUMNS, "columns", CTX_READER, "c", AF_KEEP_SEL, N_("list all columns")) \
	X(BACK, "back", CTX_READER, "Backspace, H", 0, N_("go back to where you were before the last jump")) \
	X(HELP, "help", CTX_READER, "h, F1", AF_TAIL | AF_KEEP_SEL, N_("show this help")) \
	X(SEARCH_FORWARD, "search-forward", CTX_READER, "/", 0, N_("search forward")) \
	X(SEARCH_BACKWARD, "search-backward", CTX_READER, "?", 0, N_("search backward")) \
	X(SEARCH_NEXT, "search-next", CTX_READER, "n", 0, N_("next match")) \
	X(SEARCH_PREV, "search-previous", CTX_READER, "N", 0, N_("previous match")) \
	X(SEARCH_RESULTS, "search-results", CTX_READER, "s", 0, N_("list every match of the last search")) \
	X(REDRAW, "redraw", CTX_READER, "C-l", AF_TAIL | AF_REDRAW, N_("redraw the screen")) \
	X(VERTICAL, "toggle-vertical", CTX_READER, "v", 0, N_("set the text vertically (縦書き) or horizontally")) \
	X(LINE_LEFT, "line-left", CTX_READER, "Left", AF_TAIL, N_("vertical text: one line on, to the left")) \
	X(LINE_RIGHT, "line-right", CTX_READER, "Right", AF_TAIL_UP, N_("vertical text: one line back, to the right")) \
	X(LIST_DOWN, "list-down", CTX_LIST, "j, Down", 0, N_("next entry")) \
	X(LIST_UP, "list-up", CTX_LIST, "k, Up", 0, N_("previous entry")) \
	X(LIST_TOP, "list-top", CTX_LIST, "g, Home", 0, N_("first entry")) \
	X(LIST_BOTTOM, "list-bottom", CTX_LIST, "G, End", 0, N_("last entry")) \
	X(LIST_PAGE_DOWN, "list-page-down", CTX_LIST, "Space, PgDn", 0, N_("entries a page down")) \
	X(LIST_PAGE_UP, "list-page-up", CTX_LIST, "b, PgUp", 0, N_("entries a page up")) \
	X(LIST_SELECT, "list-select", CTX_LIST, "Enter", 0, N_("jump to or open the entry")) \
	X(LIST_LEAVE, "list-leave", CTX_LIST, "t, Esc, q", 0, N_("leave the list")) \
	X(FORWARD, "forward", CTX_READER, "L", 0, N_("go forward again after going back")) \
	X(PERCENT, "percent", CTX_READER, "%, p", 0, N_("go to N percent of the document (50%)")) \
	X(SET_MARK, "set-mark", CTX_READER, "m", 0, N_("mark the top of the screen (m and a letter)")) \
	X(GOTO_MARK, "go-to-mark", CTX_READER, "'", 0, N_("go to a mark ('' : where the last jump began)")) \
	X(MARKS, "marks", CTX_READER, "M", 0, N_("list the marks")) \
	X(NEXT_FILE, "next-file", CTX_READER, "}", 0, N_("next file of a book")) \
	X(PREV_FILE, "previous-file", CTX_READER, "{", 0, N_("this file's start, or the previous file")) \
	X(COPY, "copy", CTX_READER, "y", AF_KEEP_SEL, N_("copy the paragraph at the top, with its citation")) \
	X(COPY_CITATION, "copy-citation", CTX_READER, "Y", AF_KEEP_SEL, N_("copy the citation of the place at the top")) \
	X(WIDER, "wider", CTX_READER, "+", 0, N_("widen the text by one character")) \
	X(NARROWER, "narrower", CTX_READER, "-", 0, N_("narrow the text by one character")) \
	X(RESET_WIDTH, "reset-width", CTX_READER, "=", 0, N_("the text's width as configured")) \
	X(LIST_DELETE, "list-delete", CTX_LIST, "d, Delete", 0, N_("delete the entry (a mark)"))

enum action {
#define X(e, name, ctx, keys, flags, help) ACT_##e,
	ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1,
};

struct action_info {
	const char *name;
	enum key_context ctx;
	const char *default_keys;
	unsigned flags; /* enum action_flags */
	const char *help;
};

/* The flags of A (0 for ACT_NONE). */
unsigned action_flags(enum action a);

extern const struct action_info action_table[ACT_COUNT];

/* Parse a key name ("q", "あ", "Space", "S-Tab", "C-f", "M-x", "F5", …);
 * returns the key or K_NONE. */
int32_t key_parse(const char *name, size_t len);
/* Write the name of KEY into BUF (at least 32 bytes). */
void keyname_of(int32_t key, char *buf, size_t size);

/* A binding table: for each context, which action each key runs. */
struct keymap {
	struct binding {
		int32_t key;
		enum action act;
	} *b;
	size_t n, cap;
};

void keymap_init_defaults(struct keymap *m);
void keymap_free(struct keymap *m);
/* Bind KEY to ACT (replacing what it had in ACT's context). */
void keymap_bind(struct keymap *m, int32_t key, enum action act);
enum action keymap_lookup(const struct keymap *m, enum key_context ctx, int32_t key);
/* The keys bound to ACT, as "j, Down"; the caller frees it. */
char *keymap_keys_of(const struct keymap *m, enum action act);

#endif
