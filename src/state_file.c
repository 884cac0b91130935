/* state_file.c: the state file on disk: read without blocking, written
 * atomically under a lock; a file that cannot be read whole is kept aside
 * or left alone, never replaced.  Its format is state.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
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
#include "state_impl.h"
#include "text.h"
#include "util.h"

#define STATE_FILE "positions"
/* A larger file is not ours: it is not read. */
#define STATE_MAX_BYTES (1 << 20)

char *
state_dir(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "yomu");
}

static char *
path_in(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_steal(&b);
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
	int header;      /* see state_parse_text */
	bool big;        /* over STATE_MAX_BYTES */
};

/* Read PATH's entries into ES (settled).  Opened without blocking (a FIFO
 * would hang the start), never through a symbolic link. */
static enum file_status
read_positions(const char *path, struct state_entries *es, struct file_problem *fp)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	struct buf b = {0};

	memset(fp, 0, sizeof *fp);
	state_entries_clear(es);
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
	if (b.len > 0 && !state_parse_text(b.p, b.len, state_entries_add, es, &fp->bad_line, &fp->header))
		fp->status = fp->header == 2 ? FILE_LEAVE_ALONE : FILE_DAMAGED;
	else
		fp->status = FILE_OK;
	if (fp->status == FILE_LEAVE_ALONE)
		state_entries_clear(es);
	state_entries_settle(es);
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

static int write_entries(const char *dir, const char *path, struct state_entries *es);

/* PATH was found damaged (FP) under the lock: keep it aside, and with
 * REWRITE write its good entries ES back as a new file.  Says what was
 * done in W.  False if it could not be kept aside (then nothing may be
 * written over it). */
static bool
set_aside(const char *dir, const char *path, struct state_entries *es,
          const struct file_problem *fp, bool rewrite, struct buf *w)
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

size_t
state_load_many(const char *dir, const uint64_t *keys, size_t n, struct state_doc *docs,
                size_t *order, char **warning)
{
	char *path = path_in(dir, STATE_FILE);
	struct state_entries es = {0};
	struct file_problem fp;
	struct buf w = {0};
	bool *got = xcalloc(n ? n : 1, sizeof *got);
	size_t found = 0;

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
	/* the entries are newest first, one per key; a key given twice is
	 * found the first time */
	for (size_t i = 0; i < es.n && found < n; i++)
		for (size_t k = 0; k < n; k++)
			if (!got[k] && es.e[i].key == keys[k]) {
				state_entry_doc(&es, &es.e[i], &docs[k]);
				got[k] = true;
				order[found++] = k;
				break;
			}
	if (w.len)
		*warning = buf_steal(&w);
	free(got);
	state_entries_free(&es);
	free(path);
	return found;
}

bool
state_load(const char *dir, uint64_t key, struct state_doc *doc, char **warning)
{
	size_t which;
	return state_load_many(dir, &key, 1, doc, &which, warning) == 1;
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
write_entries(const char *dir, const char *path, struct state_entries *es)
{
	struct buf tmp = {0}, out = {0};
	int fd, err = 0;

	state_entries_write(es, &out);
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
state_save(const char *dir, size_t n, const uint64_t *keys, const struct state_doc *docs,
           char **warning)
{
	char *path = NULL;
	struct buf w = {0};
	struct state_entries es = {0};
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
		state_entries_add(&es, keys[i], &docs[i], (int64_t)time(NULL), extra, extra ? strlen(extra) : 0);
		es.e[es.n - 1].fresh = true;
	}
	state_entries_settle(&es);
	state_entries_cap(&es, n, keys);
	err = write_entries(dir, path, &es);
out:
	if (lfd >= 0)
		close(lfd);
	if (w.len)
		*warning = buf_steal(&w);
	state_entries_free(&es);
	free(path);
	return err;
}
