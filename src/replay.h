/* replay.h: the headless screen: scripted keys in, the final screen out as
 * text, with no terminal.  For tests and automation. */
#ifndef YOMU_REPLAY_H
#define YOMU_REPLAY_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "keys.h"
#include "ui.h"

/* The line before each text a key copied (y, Y), printed after the
 * screen. */
#define REPLAY_COPIED "-- copied --"

/* Play KEYS on a W x H screen and print it to OUT (its colour elements, one
 * letter per cell, if ATTRS), then what the keys copied, each after a line
 * REPLAY_COPIED (the copy command, if set, is run as on a terminal).  Keys: characters as themselves; <Name> for
 * named keys (<Enter>, <S-Tab>, <C-f>, <F1>, <lt> for "<"); <resize:WxH>;
 * <click:X,Y>, <wheelup:X,Y>, <wheeldown:X,Y>; <idle> for the work done
 * between keys (reading the rest of the document, then the search index).
 * LOADER, if not NULL, reads the rest of a document still being read (see
 * ui_set_loader).  Returns the exit status: 2 for a bad key script, with a
 * message. */
int replay_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
               const char *script, int w, int h, bool attrs, const struct ui_loader *loader,
               FILE *out);
/* Parse "WxH"; false if malformed or out of 1..1000. */
bool replay_parse_size(const char *s, int *w, int *h);

#endif
