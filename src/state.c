/* state.c: the reading-position file.  One line per document:
 *     <key, 16 hex digits> <block> <offset> <unix time>
 * after a first line "yomu-state 1".  Written atomically under a lock. */
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

#define STATE_MAGIC "yomu-state 1"
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
	    !read_u64(&s, end, 10, &t) || s != end)
		return false;
	if (b > UINT32_MAX || o > UINT32_MAX || t > INT64_MAX)
		return false;
	pos->block = (uint32_t)b;
	pos->offset = (uint32_t)o;
	*when = (int64_t)t;
	return true;
}

bool
state_parse(const char *text, size_t len,
            void (*fn)(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when), void *ctx)
{
	const char *p = text, *end = text + len;
	bool ok = true, first = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		if (!nl)
			ok = false; /* truncated: every line ends with a newline */
		if (first) {
			if ((size_t)(e - p) != strlen(STATE_MAGIC) || memcmp(p, STATE_MAGIC, (size_t)(e - p)))
				return false;
			first = false;
		} else if (e > p) {
			uint64_t key;
			struct state_pos pos;
			int64_t when;
			if (parse_line(p, e, &key, &pos, &when))
				fn(ctx, key, &pos, when);
			else
				ok = false;
		}
		p = nl ? nl + 1 : end;
	}
	return ok && !first;
}

/* ---- the file ---- */

static char *
path_in(const char *dir, const char *name)
{
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_steal(&b);
}

/* Read the file; false if it is missing (not an error), or unreadable. */
static bool
read_file(const char *path, struct buf *b, int *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	*err = 0;
	if (fd < 0) {
		*err = errno == ENOENT ? 0 : errno;
		return false;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > STATE_MAX_BYTES) {
		*err = EINVAL;
		close(fd);
		return false;
	}
	for (;;) {
		ssize_t r;
		xgrow(&b->p, &b->cap, b->len + 4096 + 1, 1);
		r = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*err = r < 0 ? errno : 0;
			break;
		}
		b->len += (size_t)r;
		if (b->len > STATE_MAX_BYTES) {
			*err = EINVAL;
			break;
		}
	}
	close(fd);
	if (b->p)
		b->p[b->len] = '\0';
	return *err == 0;
}

struct lookup {
	uint64_t key;
	struct state_pos pos;
	bool found;
};

static void
lookup_fn(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when)
{
	struct lookup *l = ctx;
	(void)when;
	if (key == l->key) {
		l->pos = *pos;
		l->found = true;
	}
}

bool
state_load(const char *dir, uint64_t key, struct state_pos *pos, char **warning)
{
	char *path = path_in(dir, STATE_FILE), *name = text_escaped(path, false);
	struct buf b = {0};
	struct lookup l = {key, {0, 0}, false};
	int err;
	*warning = NULL;
	if (read_file(path, &b, &err)) {
		if (!state_parse(b.p ? b.p : "", b.len, lookup_fn, &l)) {
			struct buf w = {0};
			buf_printf(&w, _("%s: damaged; reading positions not restored"), name);
			*warning = buf_steal(&w);
			l.found = false;
		}
	} else if (err) {
		struct buf w = {0};
		buf_printf(&w, "%s: %s", name, err == EINVAL ? _("not a state file") : strerror(err));
		*warning = buf_steal(&w);
	}
	if (l.found)
		*pos = l.pos;
	buf_free(&b);
	free(name);
	free(path);
	return l.found;
}

struct entry {
	uint64_t key;
	struct state_pos pos;
	int64_t when;
};

struct entries {
	struct entry *e;
	size_t n, cap;
};

static void
collect_fn(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when)
{
	struct entries *es = ctx;
	for (size_t i = 0; i < es->n; i++)
		if (es->e[i].key == key) {
			es->e[i].pos = *pos;
			es->e[i].when = when;
			return;
		}
	xgrow(&es->e, &es->cap, es->n + 1, sizeof *es->e);
	es->e[es->n++] = (struct entry){key, *pos, when};
}

static int
cmp_when(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return x->when < y->when ? 1 : x->when > y->when ? -1 : 0;
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

int
state_save(const char *dir, uint64_t key, const struct state_pos *pos)
{
	char *path = NULL, *lock = NULL;
	struct buf tmp = {0}, old = {0}, out = {0};
	struct entries es = {0};
	int lfd = -1, fd = -1, err, rerr;

	if ((err = mkdir_p(dir)) != 0)
		return err;
	chmod(dir, 0700);
	path = path_in(dir, STATE_FILE);
	lock = path_in(dir, STATE_FILE ".lock");
	/* one writer at a time: the read-modify-write keeps both entries */
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lfd < 0) {
		err = errno;
		goto out;
	}
	while (flock(lfd, LOCK_EX) != 0 && errno == EINTR)
		;
	remove_stale_temps(dir);
	if (read_file(path, &old, &rerr))
		state_parse(old.p ? old.p : "", old.len, collect_fn, &es); /* keeps what is valid */
	collect_fn(&es, key, pos, (int64_t)time(NULL));
	qsort(es.e, es.n, sizeof *es.e, cmp_when);
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
	buf_printf(&out, "%s\n", STATE_MAGIC);
	for (size_t i = 0; i < es.n; i++)
		buf_printf(&out, "%016" PRIx64 " %" PRIu32 " %" PRIu32 " %" PRId64 "\n", es.e[i].key,
		           es.e[i].pos.block, es.e[i].pos.offset, es.e[i].when);
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	err = write_all(fd, out.p, out.len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	fd = -1;
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
	if (lfd >= 0)
		close(lfd);
	free(es.e);
	buf_free(&tmp);
	buf_free(&old);
	buf_free(&out);
	free(path);
	free(lock);
	return err;
}
