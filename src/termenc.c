/* termenc.c: the locale from the environment made to work in UTF-8, and the
 * output converted when the terminal uses another character set (see
 * termenc.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "termenc.h"
#include "util.h"

static bool
is_utf8(const char *cs)
{
	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
}

/* The character set of the C and POSIX locales: it says nothing about the
 * terminal. */
static bool
is_ascii(const char *cs)
{
	return !*cs || strcmp(cs, "ANSI_X3.4-1968") == 0 || strcasecmp(cs, "ASCII") == 0 ||
	       strcasecmp(cs, "US-ASCII") == 0;
}

/* A UTF-8 LC_CTYPE: the names glibc and others give C.UTF-8, then one
 * that is installed almost everywhere else. */
static bool
set_utf8_ctype(void)
{
	static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (setlocale(LC_CTYPE, names[i]) && is_utf8(nl_langinfo(CODESET)))
			return true;
	return false;
}

#if HAVE_FOPENCOOKIE
/* A stream that writes UTF-8 to FD in another character set; what the set
 * lacks becomes '?', an invalid byte too. */
struct conv {
	iconv_t cd;
	int fd;
	char pend[4]; /* the start of a character cut by the end of a write */
	size_t npend;
};

/* Convert the N bytes at IN, keeping a character cut at the end; false
 * if they could not be written. */
static bool
conv_run(struct conv *c, char *in, size_t n)
{
	char out[1024];
	while (n) {
		char *o = out;
		size_t room = sizeof out;
		size_t r = iconv(c->cd, &in, &n, &o, &room);
		int err = r == (size_t)-1 ? errno : 0;
		if (write_all(c->fd, out, (size_t)(o - out)) != 0)
			return false;
		if (err == EINVAL && n < sizeof c->pend) {
			memcpy(c->pend, in, n);
			c->npend = n;
			return true;
		}
		if (err == EILSEQ || err == EINVAL) {
			uint32_t cp;
			size_t len = utf8_get((const uint8_t *)in, n, &cp);
			if (write_all(c->fd, "?", 1) != 0)
				return false;
			in += len;
			n -= len;
		}
	}
	return true;
}

static ssize_t
conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv *c = cookie;
	char *all = xmalloc(c->npend + size);
	memcpy(all, c->pend, c->npend);
	memcpy(all + c->npend, buf, size);
	size_t n = c->npend + size;
	bool ok;
	c->npend = 0;
	ok = conv_run(c, all, n);
	free(all);
	return ok ? (ssize_t)size : -1;
}

static int
conv_close(void *cookie)
{
	struct conv *c = cookie;
	if (c->npend)
		(void)write_all(c->fd, "?", 1);
	iconv_close(c->cd);
	free(c);
	return 0;
}

/* A stream writing to FD in CODESET, or NULL if there can be none. */
static FILE *
conv_open(const char *codeset, int fd)
{
	char *to = xmalloc(strlen(codeset) + sizeof "//TRANSLIT");
	struct conv *c = xcalloc(1, sizeof *c);
	FILE *f = NULL;
	strcpy(to, codeset);
	strcat(to, "//TRANSLIT");
	c->cd = iconv_open(to, "UTF-8");
	free(to);
	c->fd = fd;
	if (c->cd != (iconv_t)-1)
		f = fopencookie(c, "w", (cookie_io_functions_t){NULL, conv_write, NULL, conv_close});
	if (!f) {
		if (c->cd != (iconv_t)-1)
			iconv_close(c->cd);
		free(c);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, BUFSIZ);
	return f;
}
#else
static FILE *
conv_open(const char *codeset, int fd)
{
	return NULL;
}
#endif

/* The catalogue, handing back UTF-8 whatever LC_CTYPE says. */
static void
bind_messages(void)
{
#if ENABLE_NLS
	/* YOMU_LOCALEDIR: a catalogue not yet installed (the tests) */
	const char *dir = getenv("YOMU_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}

void
termenc_init(struct termenc *te)
{
	char *user_ctype, *codeset;
	FILE *err, *out;

	memset(te, 0, sizeof *te);
	setlocale(LC_ALL, "");
	bind_messages();
	codeset = xstrdup(nl_langinfo(CODESET));
	if (is_utf8(codeset)) {
		te->utf8 = true;
		free(codeset);
		return;
	}
	user_ctype = xstrdup(setlocale(LC_CTYPE, NULL));
	te->utf8 = set_utf8_ctype();
	if (is_ascii(codeset)) {
		/* the terminal is taken to be UTF-8 */
		if (!te->utf8)
			te->problem = TERMENC_NO_UTF8;
		free(user_ctype);
		free(codeset);
		return;
	}
	te->term_locale = user_ctype;
	te->term_codeset = codeset;
	if ((err = conv_open(codeset, STDERR_FILENO)) != NULL) {
		fflush(stderr);
		te->old_err = stderr;
		stderr = te->conv_err = err;
		/* standard output too when it is the terminal; in a pipe or a
		 * file it is UTF-8, as --dump's output always is */
		if (isatty(STDOUT_FILENO) && (out = conv_open(codeset, STDOUT_FILENO)) != NULL) {
			fflush(stdout);
			te->old_out = stdout;
			stdout = te->conv_out = out;
		}
	} else {
		/* English, which any terminal shows, to say what to set */
		te->problem = TERMENC_NO_CONVERT;
		setlocale(LC_MESSAGES, "C");
	}
}

const char *
termenc_message(const struct termenc *te, bool screen)
{
	if (te->problem == TERMENC_NO_UTF8 && screen)
		return _("no UTF-8 locale can be set, so the screen cannot show Japanese: "
		         "install one (such as C.UTF-8) or use --dump");
	if (te->problem == TERMENC_NO_CONVERT && !screen)
		return _("the terminal's character set is not UTF-8 and yomu cannot convert to it: "
		         "set LANG to a UTF-8 locale (such as ja_JP.UTF-8) and the terminal to UTF-8");
	return NULL;
}

void
termenc_free(struct termenc *te)
{
	if (te->conv_out) {
		stdout = te->old_out;
		fclose(te->conv_out);
		te->conv_out = NULL;
	}
	if (te->conv_err) {
		stderr = te->old_err;
		fclose(te->conv_err);
		te->conv_err = NULL;
	}
	xfree(&te->term_locale);
	xfree(&te->term_codeset);
}
