/* config_msg.c: the configuration's error messages: "FILE:LINE: message"
 * with the name and anything from the file escaped (text_escaped), in line
 * order, and the one-line warning for the screen. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_impl.h"
#include "i18n.h"
#include "text.h"
#include "util.h"
#include "yomu_config.h"

static void msg_vadd(struct loader *L, const char *file, int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
msg_vadd(struct loader *L, const char *file, int line, const char *fmt, va_list ap)
{
	struct buf b = {0};
	va_list ap2;
	char *text, *name;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	text = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	name = text_escaped(file, false);
	if (line > 0)
		buf_printf(&b, "%s:%d: %s", name, line, text);
	else
		buf_printf(&b, "%s: %s", name, text);
	free(name);
	free(text);
	xgrow(&L->msgs, &L->msgcap, L->nmsgs + 1, sizeof *L->msgs);
	L->msgs[L->nmsgs].line = line;
	L->msgs[L->nmsgs].seq = L->nmsgs;
	L->msgs[L->nmsgs].text = buf_steal(&b);
	L->nmsgs++;
}

void
config_msg_add(struct loader *L, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vadd(L, file, line, fmt, ap);
	va_end(ap);
}

void
config_error(struct loader *L, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_vadd(L, L->file, line, fmt, ap);
	va_end(ap);
}

static int
msg_by_line(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* W as one word of a shell command: in single quotes unless it is plain. */
static void
shell_word(struct buf *b, const char *w)
{
	if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-+,:@%=") == strlen(w)) {
		buf_adds(b, w);
		return;
	}
	buf_addc(b, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *w);
	}
	buf_addc(b, '\'');
}

void
config_msgs_finish(struct loader *L, struct config *c, const char *name)
{
	if (L->nmsgs)
		qsort(L->msgs, L->nmsgs, sizeof *L->msgs, msg_by_line);
	c->msgs = xcalloc(L->nmsgs, sizeof *c->msgs);
	for (size_t i = 0; i < L->nmsgs; i++)
		c->msgs[i] = L->msgs[i].text;
	c->nmsgs = L->nmsgs;
	free(L->msgs);
	if (c->nmsgs) {
		const char *slash = strrchr(name, '/');
		struct buf b = {0};
		const char *base = slash && slash[1] ? slash + 1 : name;
		char *e = text_escaped(base, false);
		struct buf hint = {0};
		/* the command that lists them: with the file given, if one was */
		buf_adds(&hint, "yomu ");
		if (L->given) {
			char *path = text_escaped(name, false);
			buf_adds(&hint, "-c ");
			shell_word(&hint, path);
			buf_addc(&hint, ' ');
			free(path);
		}
		buf_adds(&hint, "--check-config");
		buf_printf(&b, P_("%s: %zu error (%s)", "%s: %zu errors (%s)", c->nmsgs), e, c->nmsgs, hint.p);
		buf_free(&hint);
		free(e);
		c->warning = buf_steal(&b);
	}
}
