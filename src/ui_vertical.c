/* ui_vertical.c: the body set vertically (縦書き): where its lines stand
 * on the screen, and switching to it and back.  The scrolling is the
 * pane's, the drawing ui_draw.c's (through vdraw.c). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui.h"
#include "ui_impl.h"
#include "vertical.h"

/* The lines stand from right to left, as many as fit in the BODY_W
 * columns from BODY_X, each the height of the screen above the status
 * line (or TEXT_WIDTH cells, a character a slot); the gap at the right of
 * each holds its ruby (vertical_gap = 2). */
void
ui_vertical_body(struct ui *u, int body_x, int body_w)
{
	struct pane *b = &u->s.body;
	int gap = u->opts.vertical_gap, pitch = VSLOT + gap;
	int slots = u->s.H - 1 > 0 ? u->s.H - 1 : 1, lines = (body_w - 1) / pitch;
	if (u->opts.text_width > 0 && slots > u->opts.text_width / VSLOT)
		slots = u->opts.text_width / VSLOT > 0 ? u->opts.text_width / VSLOT : 1;
	if (lines < 1)
		lines = 1;
	b->dir = gap >= VSLOT ? RENDER_VERTICAL_ASIDE : RENDER_VERTICAL;
	b->gap = (uint8_t)gap;
	b->w = slots * VSLOT;
	b->h = lines;
	b->x = u->s.W - lines * pitch > body_x ? u->s.W - lines * pitch : body_x;
	b->y = 0;
}

bool
ui_vertical(const struct ui *u)
{
	return u->opts.vertical;
}

void
ui_set_vertical(struct ui *u, bool on)
{
	if (u->opts.vertical == on)
		return;
	/* ui_resize keeps the text at the top (the right) where it is */
	u->opts.vertical = on;
	ui_resize(u, u->s.W, u->s.H);
}
