/* ui_link.h: following the links of the text (ui_link.c). */
#ifndef YOMU_UI_LINK_H
#define YOMU_UI_LINK_H

#include "screen.h"

struct ui;

extern const struct popup_kind popup_url;

/* Follow the link selected in pane P (the first on screen if none). */
void ui_link_open(struct ui *u, struct pane *p);
/* Say in the status line what the link selected in P is, where that
 * helps: a URL, a cross-reference outside the document, a column. */
void ui_link_describe(struct ui *u, const struct pane *p);

#endif
