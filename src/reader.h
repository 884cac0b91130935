/* reader.h: the reader of a document still being read, above the ui: like
 * less, G does not wait for what comes before the end.  The end of the
 * input is parsed on its own (the format's resync) and shown by a ui of
 * its own while the rest is read between keys; keys that stay in that end
 * go to it (the action table says which: AF_TAIL, AF_TAIL_UP), any other
 * key, or the whole document read, hands the position over to the whole
 * document.  tui.c and replay.c drive a reader; it drives the ui(s). */
#ifndef YOMU_READER_H
#define YOMU_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"
#include "doc.h"
#include "keys.h"
#include "ui.h"

struct reader;

struct reader *reader_new(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
                          int w, int h, const struct ui_loader *loader);
void reader_free(struct reader **r);
void reader_resize(struct reader *r, int w, int h);
void reader_key(struct reader *r, int32_t key);
void reader_mouse(struct reader *r, enum mouse_event ev, int x, int y);
void reader_draw(struct reader *r, struct canvas *c);
bool reader_done(const struct reader *r);
/* Was an action that redraws the whole terminal run since the last call? */
bool reader_take_redraw(struct reader *r);
/* Work between keys (see ui_idle); true while there is more to do. */
bool reader_idle(struct reader *r);
/* The reading position in the whole document (see ui_get_position). */
void reader_get_position(struct reader *r, uint32_t *block, uint32_t *offset);
void reader_set_position(struct reader *r, uint32_t block, uint32_t offset);
/* The marks of the whole document (see ui_get_mark). */
bool reader_get_mark(struct reader *r, int i, uint32_t *block, uint32_t *offset);
void reader_set_mark(struct reader *r, int i, uint32_t block, uint32_t offset);
/* The text's measure as changed while reading (see ui_get_measure). */
int reader_get_measure(struct reader *r);
void reader_set_measure(struct reader *r, int cells);
/* A copy asked for since the last call (see ui_take_clipboard), or NULL;
 * the caller frees it. */
char *reader_take_clipboard(struct reader *r);
/* A one-line message for the status line, shown until the next key. */
void reader_message(struct reader *r, const char *msg);
/* The body is set vertically (縦書き); setting it keeps the place. */
bool reader_vertical(struct reader *r);
void reader_set_vertical(struct reader *r, bool on);

/* Keys wait for the rest of the document (see ui_waiting). */
bool reader_waiting(const struct reader *r);

#endif
