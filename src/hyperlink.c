/* hyperlink.c: OSC 8 terminal hyperlinks (see hyperlink.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "hyperlink.h"

/* Terminals that show OSC 8 hyperlinks, by what they put in TERM_PROGRAM. */
static const char *const known_programs[] = {
	"iTerm.app", "WezTerm", "vscode", "Hyper", "ghostty", NULL,
};
/* And by the words in their TERM. */
static const char *const known_terms[] = {
	"kitty", "foot", "alacritty", "wezterm", "ghostty", NULL,
};

static bool
set(const char *name)
{
	const char *v = getenv(name);
	return v && *v;
}

bool
hyperlink_auto(void)
{
	const char *prog = getenv("TERM_PROGRAM"), *term = getenv("TERM"), *vte = getenv("VTE_VERSION");
	if (prog)
		for (size_t i = 0; known_programs[i]; i++)
			if (strcmp(prog, known_programs[i]) == 0)
				return true;
	/* a multiplexer stands between yomu and the terminal: what the
	 * variables below say is of the terminal outside it */
	if (set("TMUX") || set("STY") || (term && (strncmp(term, "screen", 6) == 0 ||
	                                            strncmp(term, "tmux", 4) == 0)))
		return false;
	if (vte && *vte) {
		char *end;
		long v = strtol(vte, &end, 10);
		if (*end == '\0' && v >= 5000) /* VTE 0.50 */
			return true;
	}
	if (set("KITTY_WINDOW_ID") || set("WT_SESSION"))
		return true;
	if (term)
		for (size_t i = 0; known_terms[i]; i++)
			if (strstr(term, known_terms[i]))
				return true;
	return false;
}

bool
hyperlink_enabled(int mode)
{
	if (mode == HYPERLINKS_ON)
		return true;
	if (mode == HYPERLINKS_OFF)
		return false;
	return hyperlink_auto();
}

bool
hyperlink_open(struct buf *b, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = b->len;
	if (!url || !*url)
		return false;
	buf_adds(b, "\033]8;;");
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p > 0x20 && *p < 0x7F) {
			buf_addc(b, (char)*p);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
		if (b->len - start > HYPERLINK_MAX_URL + 5) {
			b->len = start;
			if (b->p)
				b->p[start] = '\0';
			return false;
		}
	}
	buf_adds(b, "\033\\");
	return true;
}

void
hyperlink_close(struct buf *b)
{
	buf_adds(b, "\033]8;;\033\\");
}
