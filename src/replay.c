/* replay.c: the headless screen: the same ui and canvas as the terminal,
 * driven by a key script. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "i18n.h"
#include "reader.h"
#include "replay.h"
#include "text.h"
#include "util.h"

bool
replay_parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;
	a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end)
		return false;
	if (a < 1 || a > 1000 || b < 1 || b > 1000)
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

static bool
parse_xy(const char *s, int *x, int *y)
{
	char *end;
	long a = strtol(s, &end, 10), b;
	if (end == s || *end != ',')
		return false;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end)
		return false;
	*x = (int)a;
	*y = (int)b;
	return true;
}

/* What waits for the rest of the document (keys typed meanwhile
 * included) is done: before a resize or a mouse event, which act on the
 * screen as drawn, and at the end of the script. */
static void
replay_settle(struct reader *u)
{
	while (reader_waiting(u) && reader_idle(u))
		;
}

/* One <…> item: apply it to the ui; false if it is not understood. */
static bool
replay_item(struct reader *u, const char *name, int amb)
{
	int a, b;
	int32_t key;
	if (strncmp(name, "resize:", 7) == 0 || strncmp(name, "click:", 6) == 0 || strncmp(name, "wheel", 5) == 0)
		replay_settle(u);
	if (strncmp(name, "resize:", 7) == 0) {
		struct canvas c;
		double t0 = timing_now();
		if (!replay_parse_size(name + 7, &a, &b))
			return false;
		reader_resize(u, a, b);
		canvas_init(&c, a, b, amb);
		reader_draw(u, &c);
		canvas_free(&c);
		timing_report("resize and redraw", t0);
		return true;
	}
	if (strncmp(name, "click:", 6) == 0 && parse_xy(name + 6, &a, &b)) {
		reader_mouse(u, MOUSE_CLICK, a, b);
		return true;
	}
	if (strncmp(name, "wheelup:", 8) == 0 && parse_xy(name + 8, &a, &b)) {
		reader_mouse(u, MOUSE_WHEEL_UP, a, b);
		return true;
	}
	if (strncmp(name, "wheeldown:", 10) == 0 && parse_xy(name + 10, &a, &b)) {
		reader_mouse(u, MOUSE_WHEEL_DOWN, a, b);
		return true;
	}
	if (strcmp(name, "idle") == 0) {
		/* the work done between keys, all of it */
		while (reader_idle(u))
			;
		return true;
	}
	if (strcmp(name, "lt") == 0)
		key = '<';
	else if (strcmp(name, "gt") == 0)
		key = '>';
	else
		key = key_parse(name, strlen(name));
	if (key == K_NONE)
		return false;
	reader_key(u, key);
	return true;
}

int
replay_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
           const char *script, int w, int h, bool attrs, const struct ui_loader *loader, FILE *out)
{
	struct reader *u = reader_new(d, keys, o, w, h, loader);
	struct canvas c;
	size_t i = 0, n = strlen(script);
	char *text;
	int rc = 0;

	canvas_init(&c, w, h, o->amb);
	/* draw once first: clicks need the hit regions of the screen shown */
	reader_draw(u, &c);
	while (i < n && !reader_done(u)) {
		if (script[i] == '<') {
			const char *close = strchr(script + i, '>');
			char *name;
			if (!close || close == script + i + 1) {
				fprintf(stderr, "yomu: --replay: %s\n", _("'<' starts a key name: write <lt> for '<'"));
				rc = 2;
				break;
			}
			name = xstrndup(script + i + 1, (size_t)(close - script - i - 1));
			if (!replay_item(u, name, o->amb)) {
				char *e = text_escaped(name, false);
				fprintf(stderr, "yomu: --replay: <%s>: %s\n", e, _("unknown key"));
				free(e);
				free(name);
				rc = 2;
				break;
			}
			free(name);
			i = (size_t)(close - script) + 1;
		} else {
			uint32_t cp;
			i += utf8_get((const uint8_t *)script + i, n - i, &cp);
			reader_key(u, cp == '\n' ? K_ENTER : (int32_t)cp);
		}
		reader_draw(u, &c);
	}
	if (rc == 0) {
		if (!reader_done(u))
			replay_settle(u);
		reader_draw(u, &c);
		text = canvas_dump(&c, attrs);
		fputs(text, out);
		free(text);
	}
	canvas_free(&c);
	reader_free(&u);
	return rc;
}
