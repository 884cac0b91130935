/* ui_measure.c: the text's measure while reading: + and - by one
 * full-width character, = as configured.  The body is laid out again
 * with its first character kept on the top line (ui_resize keeps the
 * anchor), and the measure is remembered with the reading position. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_impl.h"
#include "util.h"

static int
configured(const struct ui *u)
{
	return u->opts.text_width == UI_TEXT_WIDTH_AUTO ? UI_AUTO_MEASURE : u->opts.text_width;
}

/* The cells of text the body shows now. */
static int
measure_now(const struct ui *u)
{
	return u->measure > 0 && u->measure < u->room ? u->measure : u->room;
}

static void
say_measure(struct ui *u)
{
	struct buf b = {0};
	int chars = measure_now(u) / 2;
	buf_printf(&b, P_("Text width: %d character", "Text width: %d characters", chars),
	           chars);
	ui_message(u, b.p);
	buf_free(&b);
}

void
ui_measure_action(struct ui *u, enum action a)
{
	int now = measure_now(u);
	if (a == ACT_RESET_WIDTH) {
		u->measure = configured(u);
	} else if (a == ACT_WIDER && now >= u->room) {
		ui_message(u, _("The text is as wide as the window"));
		return;
	} else if (a == ACT_NARROWER && now - UI_MEASURE_STEP < UI_MIN_MEASURE) {
		ui_message(u, _("The text is as narrow as it goes"));
		return;
	} else {
		u->measure = now + (a == ACT_WIDER ? UI_MEASURE_STEP : -UI_MEASURE_STEP);
	}
	ui_resize(u, u->s.W, u->s.H);
	say_measure(u);
}

int
ui_get_measure(const struct ui *u)
{
	return u->measure == configured(u) ? 0 : u->measure;
}

void
ui_set_measure(struct ui *u, int cells)
{
	if (cells <= 0)
		u->measure = configured(u);
	else
		u->measure = cells < UI_MIN_MEASURE ? UI_MIN_MEASURE : cells > 1000 ? 1000 : cells;
	ui_resize(u, u->s.W, u->s.H);
}
