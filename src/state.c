/* state.c: the reading-position file.  One line per document:
 *     <key, 16 hex digits> <block> <offset> <unix time>[ <field>]...
 * after a first line "yomu-state 2": the position, then fields, each a
 * mark (<letter><block>:<offset>) or <name>=<value>: w=<cells>, the text's
 * measure as changed while reading; m=h or m=v, how the text was set
 * (horizontally, vertically); the names this version does not know (a
 * later version's) are kept as they are.  Version 1 files (no fields)
 * are read as well and written back as version 2.  Written atomically under a lock; a file that cannot be read
 * whole is kept aside or left alone, never replaced. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "state.h"
#include "text.h"
#include "util.h"

#define STATE_MAGIC "yomu-state 2"
#define STATE_MAGIC_V1 "yomu-state 1"
#define STATE_FILE "positions"
/* A larger file is not ours: it is not read. */
#define STATE_MAX_BYTES (1 << 20)

char *
state_dir(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "yomu");
}

/* Parse an unsigned decimal or hex number at *P (up to END). */
static bool
read_u64(const char **p, const char *end, int base, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int digits = 0;
	while (s < end) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		x = x * (uint64_t)base + (uint64_t)d;
		digits++;
		s++;
	}
	if (!digits || digits > 20)
		return false;
	*p = s;
	*v = x;
	return true;
}

int
state_mark_index(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (int)(c - 'A') + 26;
	return -1;
}

char
state_mark_letter(int i)
{
	return (char)(i < 26 ? 'a' + i : 'A' + i - 26);
}

/* "<block><SEP><offset>" at *P. */
static bool
read_pos(const char **p, const char *end, char sep, struct state_pos *pos)
{
	uint64_t b, o;
	const char *s = *p;
	if (!read_u64(&s, end, 10, &b) || s >= end || *s++ != sep || !read_u64(&s, end, 10, &o) ||
	    b > UINT32_MAX || o > UINT32_MAX)
		return false;
	pos->block = (uint32_t)b;
	pos->offset = (uint32_t)o;
	*p = s;
	return true;
}

/* A field " name=value": the measure into DOC, another one (a later
 * version's) added to EXTRA as it is.  False if malformed. */
static bool
parse_field(const char *f, const char *e, struct state_doc *doc, struct buf *extra)
{
	const char *eq = memchr(f, '=', (size_t)(e - f)), *v;
	uint64_t w;
	if (!eq || eq == f || eq + 1 == e)
		return false;
	for (const char *c = f; c < eq; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	for (const char *c = eq + 1; c < e; c++)
		if ((unsigned char)*c < 0x21 || *c == 0x7F)
			return false;
	if (eq - f == 1 && *f == 'w') {
		v = eq + 1;
		if (!read_u64(&v, e, 10, &w) || v != e || w > 1000)
			return false;
		doc->measure = (int32_t)w;
		return true;
	}
	if (eq - f == 1 && *f == 'm') {
		if (e - eq != 2 || (eq[1] != 'h' && eq[1] != 'v'))
			return false;
		doc->mode = eq[1] == 'v' ? STATE_MODE_VERTICAL : STATE_MODE_HORIZONTAL;
		return true;
	}
	if (extra) {
		buf_addc(extra, ' ');
		buf_add(extra, f, (size_t)(e - f));
	}
	return true;
}

static bool
parse_line(const char *s, const char *end, uint64_t *key, struct state_doc *doc, int64_t *when,
           struct buf *extra)
{
	uint64_t t;
	memset(doc, 0, sizeof *doc);
	if (extra)
		extra->len = 0;
	if (!read_u64(&s, end, 16, key) || s >= end || *s++ != ' ' ||
	    !read_pos(&s, end, ' ', &doc->pos) || s >= end || *s++ != ' ' ||
	    !read_u64(&s, end, 10, &t) || t > INT64_MAX)
		return false;
	*when = (int64_t)t;
	/* the fields: marks " a12:340 B7:0" (a letter given twice is
	 * malformed) and " name=value" */
	while (s < end) {
		const char *f, *e;
		int m;
		if (*s++ != ' ' || s >= end)
			return false;
		f = s;
		e = memchr(f, ' ', (size_t)(end - f));
		if (!e)
			e = end;
		if (memchr(f, '=', (size_t)(e - f))) {
			if (!parse_field(f, e, doc, extra))
				return false;
			s = e;
			continue;
		}
		if ((m = state_mark_index((unsigned char)*s++)) < 0 || (doc->marks >> m & 1) ||
		    !read_pos(&s, end, ':', &doc->mark[m]) || s != e)
			return false;
		doc->marks |= (uint64_t)1 << m;
	}
	return true;
}

/* The first line: 1 for ours (this version's or the first, which had no
 * marks), 2 for another version's ("yomu-state N"), 0 for anything
 * else. */
static int
header_kind(const char *p, const char *e)
{
	size_t n = strlen(STATE_MAGIC);
	if ((size_t)(e - p) == n &&
	    (memcmp(p, STATE_MAGIC, n) == 0 || memcmp(p, STATE_MAGIC_V1, n) == 0))
		return 1;
	n = strlen("yomu-state ");
	if ((size_t)(e - p) > n && memcmp(p, "yomu-state ", n) == 0)
		return 2;
	return 0;
}

/* state_parse, telling the first bad line (1-based; 0 if none) and what the
 * first line was (see header_kind).  Lines may end with CRLF. */
/* What parse_text calls for each entry: EXTRA holds the fields of a
 * later version (" name=value"...), N bytes. */
typedef void entry_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when,
                      const char *extra, size_t n);

static bool
parse_text(const char *text, size_t len, entry_fn *fn, void *ctx, size_t *bad_line, int *header)
{
	struct buf extra = {0};
	const char *p = text, *end = text + len;
	size_t line = 0;
	*bad_line = 0;
	*header = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		line++;
		if (e > p && e[-1] == '\r')
			e--;
		if (line == 1) {
			*header = header_kind(p, e);
			if (*header != 1) {
				*bad_line = 1;
				buf_free(&extra);
				return false;
			}
		} else if (e > p || !nl) {
			uint64_t key;
			struct state_doc doc;
			int64_t when;
			/* every line ends with a newline: one without is truncated */
			if (nl && parse_line(p, e, &key, &doc, &when, &extra))
				fn(ctx, key, &doc, when, extra.p, extra.len);
			else if (!*bad_line)
				*bad_line = line;
		}
		p = nl ? nl + 1 : end;
	}
	if (line == 0)
		*bad_line = 1;
	buf_free(&extra);
	return *bad_line == 0;
}

struct public_fn {
	void (*fn)(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when);
	void *ctx;
};

static void
call_public(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when, const char *extra,
            size_t n)
{
	struct public_fn *f = ctx;
	(void)extra;
	(void)n;
	f->fn(f->ctx, key, doc, when);
}

bool
state_parse(const char *text, size_t len,
            void (*fn)(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when), void *ctx)
{
	struct public_fn f = {fn, ctx};
	size_t bad;
	int header;
	return parse_text(text, len, call_public, &f, &bad, &header);
}

/* ---- the file ---- */

static char *
path_in(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_steal(&b);
}

struct entry {
	uint64_t key;
	struct state_pos pos;
	int64_t when;
	size_t seq;     /* the order in the file: of one key, the last line counts */
	uint64_t marks; /* as in struct state_doc */
	size_t pool;    /* its marks, in letter order, from here in the pool */
	int32_t measure;
	char *extra;    /* a later version's fields, kept as they are, or NULL */
	bool fresh;     /* being saved now: of one second, newer than the file's */
	uint8_t mode;   /* enum state_mode */
};

struct entries {
	struct entry *e;
	size_t n, cap;
	struct state_pos *pool; /* the marks of every entry: most have none */
	size_t npool, pool_cap;
};

static void
collect_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when, const char *extra,
           size_t n)
{
	struct entries *es = ctx;
	xgrow(&es->e, &es->cap, es->n + 1, sizeof *es->e);
	es->e[es->n] = (struct entry){key, doc->pos, when, es->n, doc->marks, es->npool, doc->measure,
	                              n ? xstrndup(extra, n) : NULL, false, doc->mode};
	es->n++;
	for (int m = 0; m < STATE_MARKS; m++)
		if (doc->marks >> m & 1) {
			xgrow(&es->pool, &es->pool_cap, es->npool + 1, sizeof *es->pool);
			es->pool[es->npool++] = doc->mark[m];
		}
}

/* Entry E as a struct state_doc. */
static void
entry_doc(const struct entries *es, const struct entry *e, struct state_doc *doc)
{
	size_t k = e->pool;
	memset(doc, 0, sizeof *doc);
	doc->pos = e->pos;
	doc->marks = e->marks;
	doc->measure = e->measure;
	doc->mode = e->mode;
	for (int m = 0; m < STATE_MARKS; m++)
		if (e->marks >> m & 1)
			doc->mark[m] = es->pool[k++];
}

static void
entries_clear(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		xfree(&es->e[i].extra);
	es->n = es->npool = 0;
}

static void
entries_free(struct entries *es)
{
	entries_clear(es);
	xfree(&es->e);
	xfree(&es->pool);
	es->n = es->npool = es->cap = es->pool_cap = 0;
}

static int
cmp_key_seq(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_when(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	/* newest first; of one second, one being saved, then the file's order
	 * (written newest first) */
	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	if (x->fresh != y->fresh)
		return x->fresh ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One entry per key, the last one, newest first: sorting, so that a file
 * of many lines is not read in quadratic time. */
static void
entries_settle(struct entries *es)
{
	size_t n = 0;
	if (es->n > 1)
		qsort(es->e, es->n, sizeof *es->e, cmp_key_seq);
	for (size_t i = 0; i < es->n; i++) {
		if (n && es->e[n - 1].key == es->e[i].key)
			free(es->e[--n].extra);
		es->e[n++] = es->e[i];
	}
	es->n = n;
	if (es->n > 1)
		qsort(es->e, es->n, sizeof *es->e, cmp_when);
}

/* What reading the file found. */
enum file_status {
	FILE_MISSING,     /* no file: nothing to lose */
	FILE_OK,          /* read whole */
	FILE_DAMAGED,     /* a regular file not read whole: kept aside before any save */
	FILE_LEAVE_ALONE, /* not a regular file, or another version's: never saved over */
};

struct file_problem {
	enum file_status status;
	int err;         /* the error that stopped the reading, or 0 */
	size_t bad_line; /* the first line that could not be read, or 0 */
	int header;      /* see header_kind */
	bool big;        /* over STATE_MAX_BYTES */
};

/* Read PATH's entries into ES (settled).  Opened without blocking (a FIFO
 * would hang the start), never through a symbolic link. */
static enum file_status
read_positions(const char *path, struct entries *es, struct file_problem *fp)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	struct buf b = {0};

	memset(fp, 0, sizeof *fp);
	entries_clear(es);
	if (fd < 0) {
		fp->err = errno;
		if (fp->err == ENOENT)
			return fp->status = FILE_MISSING;
		/* a regular file we may not read is ours to keep aside */
		fp->status = lstat(path, &st) == 0 && S_ISREG(st.st_mode) ? FILE_DAMAGED
		                                                           : FILE_LEAVE_ALONE;
		return fp->status;
	}
	if (fstat(fd, &st) != 0) {
		fp->err = errno;
		close(fd);
		return fp->status = FILE_DAMAGED;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fp->status = FILE_LEAVE_ALONE;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (st.st_size > STATE_MAX_BYTES)
		fp->big = true;
	while (!fp->big) {
		ssize_t r;
		xgrow(&b.p, &b.cap, b.len + 4096 + 1, 1);
		r = read(fd, b.p + b.len, b.cap - b.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fp->err = errno;
		if (r <= 0)
			break;
		b.len += (size_t)r;
		if (b.len > STATE_MAX_BYTES)
			fp->big = true;
	}
	close(fd);
	if (fp->big || fp->err) {
		buf_free(&b);
		return fp->status = FILE_DAMAGED;
	}
	/* an empty file holds nothing to lose */
	if (b.len > 0 && !parse_text(b.p, b.len, collect_fn, es, &fp->bad_line, &fp->header))
		fp->status = fp->header == 2 ? FILE_LEAVE_ALONE : FILE_DAMAGED;
	else
		fp->status = FILE_OK;
	if (fp->status == FILE_LEAVE_ALONE)
		entries_clear(es);
	entries_settle(es);
	buf_free(&b);
	return fp->status;
}

/* "PATH: why" for a file that was not read whole, into W. */
static void
describe_problem(struct buf *w, const char *path, const struct file_problem *fp)
{
	char *name = text_escaped(path, false);
	buf_printf(w, "%s: ", name);
	free(name);
	if (fp->big)
		buf_adds(w, _("larger than 1 MB"));
	else if (fp->err && fp->status == FILE_LEAVE_ALONE && fp->err != ELOOP)
		buf_adds(w, strerror(fp->err));
	else if (fp->status == FILE_LEAVE_ALONE && fp->header == 2)
		buf_adds(w, _("written by another version of yomu"));
	else if (fp->status == FILE_LEAVE_ALONE)
		buf_adds(w, _("not a regular file"));
	else if (fp->err)
		buf_adds(w, strerror(fp->err));
	else if (fp->bad_line == 1)
		buf_adds(w, _("damaged (its first line is not \"yomu-state 2\")"));
	else
		buf_printf(w, _("damaged at line %zu"), fp->bad_line);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Rename PATH to PATH.damaged-YYYYMMDD-HHMMSS (then -2, -3... if that is
 * taken), never over another file.  Returns the new path (the caller frees
 * it), or NULL with errno set.  Called under the lock. */
static char *
keep_aside(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	for (int i = 1; i <= 100; i++) {
		struct buf b = {0};
		struct stat st;
		int e;
		buf_printf(&b, "%s.damaged-%s", path, stamp);
		if (i > 1)
			buf_printf(&b, "-%d", i);
		/* a hard link then an unlink: no rename can replace a file */
		if (link(path, b.p) == 0) {
			if (unlink(path) == 0)
				return buf_steal(&b);
			e = errno;
			unlink(b.p);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		e = errno;
		if (e != EEXIST && lstat(b.p, &st) != 0 && errno == ENOENT) {
			/* no hard links here (a file system without them, or
			 * another owner's file): the name is free and only
			 * yomu, under the lock, takes such names */
			if (rename(path, b.p) == 0)
				return buf_steal(&b);
			e = errno;
			buf_free(&b);
			errno = e;
			return NULL;
		}
		buf_free(&b);
	}
	errno = EEXIST;
	return NULL;
}

/* The lock file DIR/positions.lock, taken: 0, an errno value, or -1 if it
 * is not a regular file (then nothing is written). */
static int
lock_take(const char *dir, int *lfd)
{
	char *lock = path_in(dir, STATE_FILE ".lock");
	struct stat st;
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0600);
	free(lock);
	*lfd = -1;
	if (fd < 0)
		return errno == ELOOP ? -1 : errno;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	*lfd = fd;
	return 0;
}

static void
describe_lock(struct buf *w, const char *dir, int err)
{
	char *lock = path_in(dir, STATE_FILE ".lock"), *name = text_escaped(lock, false);
	buf_printf(w, "%s: %s", name, err < 0 ? _("not a regular file") : strerror(err));
	buf_adds(w, _("; reading positions are not saved"));
	free(name);
	free(lock);
}

static int write_entries(const char *dir, const char *path, struct entries *es);

/* PATH was found damaged (FP) under the lock: keep it aside, and with
 * REWRITE write its good entries ES back as a new file.  Says what was
 * done in W.  False if it could not be kept aside (then nothing may be
 * written over it). */
static bool
set_aside(const char *dir, const char *path, struct entries *es, const struct file_problem *fp,
          bool rewrite, struct buf *w)
{
	char *kept = keep_aside(path);
	describe_problem(w, path, fp);
	if (!kept) {
		buf_printf(w, _("; it cannot be moved aside (%s), so reading positions are not saved"),
		           strerror(errno));
		return false;
	}
	if (es->n && rewrite)
		write_entries(dir, path, es); /* if this fails, the save will try again */
	if (es->n)
		buf_printf(w, _("; kept as %s, and its other positions are kept"), base_name(kept));
	else
		buf_printf(w, _("; kept as %s"), base_name(kept));
	free(kept);
	return true;
}

bool
state_load_newest(const char *dir, const uint64_t *keys, size_t n, size_t *which,
                  struct state_doc *doc, char **warning)
{
	char *path = path_in(dir, STATE_FILE);
	struct entries es = {0};
	struct file_problem fp;
	struct buf w = {0};
	bool found = false;

	*warning = NULL;
	if (read_positions(path, &es, &fp) == FILE_DAMAGED) {
		/* again under the lock: another yomu may have replaced it */
		int lfd, err = lock_take(dir, &lfd);
		if (err == 0) {
			if (read_positions(path, &es, &fp) == FILE_DAMAGED)
				set_aside(dir, path, &es, &fp, true, &w);
			close(lfd);
		} else {
			describe_lock(&w, dir, err);
		}
	} else if (fp.status == FILE_LEAVE_ALONE) {
		describe_problem(&w, path, &fp);
		buf_adds(&w, _("; reading positions are not saved"));
	}
	/* the entries are newest first: the first of KEYS found is the one */
	for (size_t i = 0; i < es.n && !found; i++)
		for (size_t k = 0; k < n && !found; k++)
			if (es.e[i].key == keys[k]) {
				entry_doc(&es, &es.e[i], doc);
				*which = k;
				found = true;
			}
	if (w.len)
		*warning = buf_steal(&w);
	entries_free(&es);
	free(path);
	return found;
}

bool
state_load(const char *dir, uint64_t key, struct state_doc *doc, char **warning)
{
	size_t which;
	return state_load_newest(dir, &key, 1, &which, doc, warning);
}

static int
mkdir_p(const char *dir)
{
	struct buf b = {0};
	int err = 0;
	buf_adds(&b, dir);
	for (char *p = b.p + 1; *p && !err; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(b.p, 0700) != 0 && errno != EEXIST)
			err = errno;
		*p = '/';
	}
	if (!err && mkdir(b.p, 0700) != 0 && errno != EEXIST)
		err = errno;
	buf_free(&b);
	return err;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Temporary files a killed writer left behind; called under the lock, so
 * no writer has one in flight. */
static void
remove_stale_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, STATE_FILE ".tmp.", strlen(STATE_FILE ".tmp.")) == 0) {
			char *p = path_in(dir, de->d_name);
			unlink(p);
			free(p);
		}
	}
	closedir(d);
}

/* Write ES (newest first) as PATH: a temporary file, fsync'd, renamed over
 * it.  Returns 0 or an errno value. */
static int
write_entries(const char *dir, const char *path, struct entries *es)
{
	struct buf tmp = {0}, out = {0};
	int fd, err = 0;

	buf_printf(&out, "%s\n", STATE_MAGIC);
	for (size_t i = 0; i < es->n; i++) {
		const struct entry *e = &es->e[i];
		size_t k = e->pool;
		buf_printf(&out, "%016" PRIx64 " %" PRIu32 " %" PRIu32 " %" PRId64, e->key,
		           e->pos.block, e->pos.offset, e->when);
		for (int m = 0; m < STATE_MARKS; m++)
			if (e->marks >> m & 1) {
				buf_printf(&out, " %c%" PRIu32 ":%" PRIu32, state_mark_letter(m),
				           es->pool[k].block, es->pool[k].offset);
				k++;
			}
		if (e->measure > 0 && e->measure <= 1000)
			buf_printf(&out, " w=%" PRId32, e->measure);
		if (e->mode != STATE_MODE_NONE)
			buf_printf(&out, " m=%c", e->mode == STATE_MODE_VERTICAL ? 'v' : 'h');
		buf_printf(&out, "%s\n", e->extra ? e->extra : "");
	}
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	unlink(tmp.p);
	fd = open(tmp.p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	err = write_all(fd, out.p, out.len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	/* for the test that a kill between the write and the rename leaves
	 * the old file intact */
	if (!err && getenv("YOMU_TEST_KILL_BEFORE_RENAME"))
		raise(SIGKILL);
	if (!err && rename(tmp.p, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp.p);
	} else {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
out:
	buf_free(&tmp);
	buf_free(&out);
	return err;
}

/* Keep at most STATE_MAX_ENTRIES entries of ES (settled, newest first),
 * the N keys being saved among them whatever their time. */
static void
entries_cap(struct entries *es, size_t n, const uint64_t *keys)
{
	size_t kept = 0;
	if (es->n <= STATE_MAX_ENTRIES)
		return;
	/* Fuzzing fix (tests/fuzz/crashes/state/): the positions being saved
	 * are always kept, even when the file holds STATE_MAX_ENTRIES entries
	 * dated later (written while the clock was ahead); otherwise they were
	 * dropped and never restored.  Those go first, the others keep their
	 * order after them. */
	for (size_t i = 0; i < es->n; i++) {
		bool saved = false;
		for (size_t j = 0; j < n && !saved; j++)
			saved = es->e[i].key == keys[j];
		if (saved) {
			struct entry e = es->e[i];
			memmove(es->e + kept + 1, es->e + kept, (i - kept) * sizeof e);
			es->e[kept++] = e;
		}
	}
	for (size_t i = STATE_MAX_ENTRIES; i < es->n; i++)
		free(es->e[i].extra);
	es->n = STATE_MAX_ENTRIES;
}

int
state_save(const char *dir, size_t n, const uint64_t *keys, const struct state_doc *docs,
           char **warning)
{
	char *path = NULL;
	struct buf w = {0};
	struct entries es = {0};
	struct file_problem fp;
	int lfd = -1, err;

	*warning = NULL;
	if ((err = mkdir_p(dir)) != 0)
		return err;
	chmod(dir, 0700);
	path = path_in(dir, STATE_FILE);
	/* one writer at a time: the read-modify-write keeps both entries */
	err = lock_take(dir, &lfd);
	if (err) {
		if (err < 0) {
			describe_lock(&w, dir, err);
			err = EEXIST;
		}
		goto out;
	}
	remove_stale_temps(dir);
	/* what cannot be read is never replaced: kept aside first, or left
	 * alone and not saved over */
	read_positions(path, &es, &fp);
	if (fp.status == FILE_LEAVE_ALONE) {
		describe_problem(&w, path, &fp);
		buf_adds(&w, _("; reading positions are not saved"));
		err = EEXIST;
		goto out;
	}
	if (fp.status == FILE_DAMAGED && !set_aside(dir, path, &es, &fp, false, &w)) {
		err = EEXIST;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		/* what a later version wrote for the key is kept */
		const char *extra = NULL;
		for (size_t k = 0; k < es.n && !extra; k++)
			if (es.e[k].key == keys[i])
				extra = es.e[k].extra;
		collect_fn(&es, keys[i], &docs[i], (int64_t)time(NULL), extra, extra ? strlen(extra) : 0);
		es.e[es.n - 1].fresh = true;
	}
	entries_settle(&es);
	entries_cap(&es, n, keys);
	err = write_entries(dir, path, &es);
out:
	if (lfd >= 0)
		close(lfd);
	if (w.len)
		*warning = buf_steal(&w);
	entries_free(&es);
	free(path);
	return err;
}
