/* book.c: several files read as one document (see book.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "i18n.h"
#include "load.h"
#include "text.h"

/* What is read of a file to tell text from binary data. */
#define SNIFF_BYTES 8192
/* A piece of the first file, read whole before the screen opens. */
#define BEGIN_PIECE (1u << 20)

static void
note(struct book *b, const char *name, const char *why)
{
	char *e = text_escaped(name, false);
	if (b->notes.len)
		buf_adds(&b->notes, "; ");
	buf_printf(&b->notes, "%s: %s", e, why);
	free(e);
}

/* "PATH: reason" into *ERR. */
static bool
fail(char **err, const char *path, const char *reason)
{
	struct buf m = {0};
	char *e = text_escaped(path, false);
	buf_printf(&m, "%s: %s", e, reason);
	free(e);
	*err = buf_steal(&m);
	return false;
}

static void
add_file(struct book *b, const char *path, const char *name, const struct stat *st)
{
	struct book_file *f;
	const char *slash = strrchr(name, '/');
	xgrow(&b->f, &b->cap, b->n + 1, sizeof *b->f);
	f = &b->f[b->n++];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	/* a name that ends in a slash is a directory's: not here */
	f->name = text_escaped(slash && slash[1] ? slash + 1 : name, false);
	if (st) {
		f->key = load_file_key(path, st);
		f->size = (uint64_t)st->st_size;
		b->total += f->size;
	}
}

/* Is the file at PATH text?  Binary data has NUL bytes, unless it is
 * UTF-16 or UTF-32 (whose NULs are its zero bytes). */
static bool
is_text(const char *path)
{
	unsigned char buf[SNIFF_BYTES];
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	bool sure;
	const char *enc;
	if (fd >= 0) {
		do
			n = read(fd, buf, sizeof buf);
		while (n < 0 && errno == EINTR);
		close(fd);
	}
	if (n <= 0)
		return n == 0; /* an empty file is empty text; one we cannot read is not */
	if (!memchr(buf, 0, (size_t)n))
		return true;
	enc = text_guess_encoding(buf, (size_t)n, &sure);
	return sure && (strstr(enc, "16") || strstr(enc, "32"));
}

static int
cmp_names(const void *a, const void *b)
{
	/* chapter2 before chapter10 */
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

/* The files of directory DIR, in name order: hidden ones and directories
 * left out, what is not text skipped with a note. */
static bool
add_dir(struct book *b, const char *dir, char **err)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, before = b->n;
	bool slash = *dir && dir[strlen(dir) - 1] == '/';
	if (!dp)
		return fail(err, dir, strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow(&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct buf path = {0};
		struct stat st;
		buf_printf(&path, "%s%s%s", dir, slash ? "" : "/", names[i]);
		if (stat(path.p, &st) != 0)
			note(b, names[i], strerror(errno));
		else if (!S_ISREG(st.st_mode))
			; /* a directory in it: only the book's own files */
		else if (!is_text(path.p))
			note(b, names[i], _("not a text file; skipped"));
		else
			add_file(b, path.p, names[i], &st);
		buf_free(&path);
		free(names[i]);
	}
	free(names);
	return b->n > before ? true : fail(err, dir, _("no text files in this directory"));
}

bool
book_wanted(char *const *paths, size_t n)
{
	struct stat st;
	return n > 1 || (n == 1 && strcmp(paths[0], "-") != 0 && stat(paths[0], &st) == 0 &&
	                 S_ISDIR(st.st_mode));
}

bool
book_open(struct book *b, char *const *paths, size_t n, const char *encoding,
          const struct format *fmt, struct doc *d, char **err)
{
	memset(b, 0, sizeof *b);
	b->d = d;
	b->encoding = encoding;
	b->fmt = fmt;
	doc_init(d);
	*err = NULL;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") == 0) {
			add_file(b, "-", _("standard input"), NULL);
			continue;
		}
		if (stat(paths[i], &st) != 0)
			return fail(err, paths[i], strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			if (!add_dir(b, paths[i], err))
				return false;
		} else if (!S_ISREG(st.st_mode)) {
			return fail(err, paths[i], _("not a regular file"));
		} else {
			add_file(b, paths[i], paths[i], &st);
		}
	}
	return true;
}

/* Open the next file to read; false if there is none left.  A file that
 * cannot be opened now (gone since it was listed) is given up. */
static bool
open_next(struct book *b)
{
	while (b->next < b->n) {
		char *e = NULL;
		if (docload_open(&b->dl, b->f[b->next].path, b->encoding, &b->part, &e)) {
			b->reading = true;
			docload_begin(&b->dl, b->fmt);
			return true;
		}
		if (!b->error)
			b->error = e;
		else
			free(e);
		doc_free(&b->part);
		b->f[b->next++].read = true;
	}
	if (!b->d->complete)
		doc_complete(b->d);
	return false;
}

/* The file being read is parsed whole: into INTO it goes (the book, or a
 * book of its own). */
static void
close_file_into(struct book *b, struct doc *into)
{
	struct book_file *f = &b->f[b->next];
	char *w = source_warning(&b->dl.src);
	if (b->dl.src.error && !b->error)
		b->error = xstrdup(b->dl.src.error);
	if (w) {
		if (b->notes.len)
			buf_adds(&b->notes, "; ");
		buf_adds(&b->notes, w);
	}
	free(w);
	if (b->dl.src.key)
		f->key = b->dl.src.key; /* standard input's, now that it is read */
	b->done += f->size ? f->size : b->dl.src.done;
	doc_append_part(into, &b->part, f->name, f->key);
	docload_close(&b->dl);
	b->reading = false;
	f->read = true;
	b->next++;
}

static void
close_file(struct book *b)
{
	close_file_into(b, b->d);
	if (b->next == b->n)
		doc_complete(b->d);
}

bool
book_step(struct book *b, size_t max)
{
	if (b->d->complete)
		return false;
	if (!b->reading && !open_next(b))
		return false;
	if (!docload_step(&b->dl, max))
		close_file(b);
	return !b->d->complete;
}

void
book_begin(struct book *b)
{
	while (b->d->nparts == 0 && !b->d->complete) {
		if (!b->reading && !open_next(b))
			return;
		docload_finish(&b->dl);
		close_file(b);
	}
}

void
book_read_through(struct book *b, size_t i)
{
	while (i < b->n && !b->f[i].read && book_step(b, BEGIN_PIECE))
		;
}

void
book_finish(struct book *b)
{
	while (!b->d->complete) {
		if (!b->reading && !open_next(b))
			return;
		docload_finish(&b->dl);
		close_file(b);
	}
}

void
book_each(struct book *b, void (*emit)(void *ctx, struct doc *d), void *ctx)
{
	while (b->reading || open_next(b)) {
		struct doc one;
		docload_finish(&b->dl);
		doc_init(&one);
		close_file_into(b, &one);
		doc_complete(&one);
		emit(ctx, &one);
		doc_free(&one);
	}
}

double
book_progress(const struct book *b)
{
	double done = (double)b->done;
	if (b->d->complete)
		return 1.0;
	if (b->total == 0)
		return 0.0;
	if (b->reading)
		done += (double)b->dl.src.done;
	return done >= (double)b->total ? 1.0 : done / (double)b->total;
}

char *
book_take_notes(struct book *b)
{
	return b->notes.len ? buf_steal(&b->notes) : NULL;
}

void
book_close(struct book *b)
{
	if (b->reading) {
		docload_close(&b->dl);
		doc_free(&b->part);
	}
	for (size_t i = 0; i < b->n; i++) {
		free(b->f[i].path);
		free(b->f[i].name);
	}
	xfree(&b->f);
	buf_free(&b->notes);
	xfree(&b->error);
}
