/* state.c: the reading-position file.  One line per document:
 *     <key, 16 hex digits> <block> <offset> <unix time> [h|v]
 * after a first line "yomu-state 2"; h or v is how the text was set
 * (horizontally, vertically).  A file of version 1 (no h or v) is read as
 * it is and written back as version 2.  Written atomically under a lock; a
 * file that cannot be read whole is kept aside or left alone, never
 * replaced. */
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
#define STATE_MAGIC_1 "yomu-state 1"
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

static bool
parse_line(const char *s, const char *end, uint64_t *key, struct state_pos *pos, int64_t *when)
{
	uint64_t b, o, t;
	if (!read_u64(&s, end, 16, key) || s >= end || *s++ != ' ' || !read_u64(&s, end, 10, &b) ||
	    s >= end || *s++ != ' ' || !read_u64(&s, end, 10, &o) || s >= end || *s++ != ' ' ||
	    !read_u64(&s, end, 10, &t))
		return false;
	pos->mode = STATE_MODE_NONE;
	if (end - s == 2 && s[0] == ' ' && (s[1] == 'h' || s[1] == 'v'))
		pos->mode = s[1] == 'v' ? STATE_MODE_VERTICAL : STATE_MODE_HORIZONTAL;
	else if (s != end)
		return false;
	if (b > UINT32_MAX || o > UINT32_MAX || t > INT64_MAX)
		return false;
	pos->block = (uint32_t)b;
	pos->offset = (uint32_t)o;
	*when = (int64_t)t;
	return true;
}

/* The first line: 1 for ours (version 2, or 1 before it), 2 for another
 * version's ("yomu-state N"), 0 for anything else. */
static int
header_kind(const char *p, const char *e)
{
	size_t n = strlen(STATE_MAGIC);
	if ((size_t)(e - p) == n &&
	    (memcmp(p, STATE_MAGIC, n) == 0 || memcmp(p, STATE_MAGIC_1, n) == 0))
		return 1;
	n = strlen("yomu-state ");
	if ((size_t)(e - p) > n && memcmp(p, "yomu-state ", n) == 0)
		return 2;
	return 0;
}

/* state_parse, telling the first bad line (1-based; 0 if none) and what the
 * first line was (see header_kind).  Lines may end with CRLF. */
static bool
parse_text(const char *text, size_t len,
           void (*fn)(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when),
           void *ctx, size_t *bad_line, int *header)
{
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
				return false;
			}
		} else if (e > p || !nl) {
			uint64_t key;
			struct state_pos pos;
			int64_t when;
			/* every line ends with a newline: one without is truncated */
			if (nl && parse_line(p, e, &key, &pos, &when))
				fn(ctx, key, &pos, when);
			else if (!*bad_line)
				*bad_line = line;
		}
		p = nl ? nl + 1 : end;
	}
	if (line == 0)
		*bad_line = 1;
	return *bad_line == 0;
}

bool
state_parse(const char *text, size_t len,
            void (*fn)(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when), void *ctx)
{
	size_t bad;
	int header;
	return parse_text(text, len, fn, ctx, &bad, &header);
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
	size_t seq; /* the order in the file: of one key, the last line counts */
};

struct entries {
	struct entry *e;
	size_t n, cap;
};

static void
collect_fn(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when)
{
	struct entries *es = ctx;
	xgrow(&es->e, &es->cap, es->n + 1, sizeof *es->e);
	es->e[es->n] = (struct entry){key, *pos, when, es->n};
	es->n++;
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
	return x->when < y->when ? 1 : x->when > y->when ? -1 : 0;
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
			n--;
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
	es->n = 0;
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
		es->n = 0;
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
state_load(const char *dir, uint64_t key, struct state_pos *pos, char **warning)
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
	for (size_t i = 0; i < es.n; i++)
		if (es.e[i].key == key) {
			*pos = es.e[i].pos;
			found = true;
		}
	if (w.len)
		*warning = buf_steal(&w);
	free(es.e);
	free(path);
	return found;
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
		uint8_t m = es->e[i].pos.mode;
		buf_printf(&out, "%016" PRIx64 " %" PRIu32 " %" PRIu32 " %" PRId64 "%s\n", es->e[i].key,
		           es->e[i].pos.block, es->e[i].pos.offset, es->e[i].when,
		           m == STATE_MODE_VERTICAL ? " v" : m == STATE_MODE_HORIZONTAL ? " h" : "");
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

int
state_save(const char *dir, uint64_t key, const struct state_pos *pos, char **warning)
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
	collect_fn(&es, key, pos, (int64_t)time(NULL));
	entries_settle(&es);
	if (es.n > STATE_MAX_ENTRIES) {
		/* Fuzzing fix (tests/fuzz/crashes/state/): the position being
		 * saved is always kept, even when the file holds
		 * STATE_MAX_ENTRIES entries dated later (written while the clock
		 * was ahead); otherwise it was dropped and never restored. */
		for (size_t i = STATE_MAX_ENTRIES; i < es.n; i++)
			if (es.e[i].key == key) {
				es.e[STATE_MAX_ENTRIES - 1] = es.e[i];
				break;
			}
		es.n = STATE_MAX_ENTRIES;
	}
	err = write_entries(dir, path, &es);
out:
	if (lfd >= 0)
		close(lfd);
	if (w.len)
		*warning = buf_steal(&w);
	free(es.e);
	free(path);
	return err;
}
