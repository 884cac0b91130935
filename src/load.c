/* load.c: reading a document in: refuses what is not a document (a
 * directory, a FIFO, a device) before the screen starts, reads regular
 * files and standard input whole, and hands the bytes to the decoder in
 * the right encoding. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "load.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

uint64_t
load_hash(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ (uint64_t)n;
}

/* Read all of FD; returns 0 or an errno value. */
static int
read_all(int fd, struct buf *b, size_t hint)
{
	if (hint)
		xgrow(&b->p, &b->cap, hint + 1, 1);
	for (;;) {
		ssize_t r;
		xgrow(&b->p, &b->cap, b->len + 65536 + 1, 1);
		r = read(fd, b->p + b->len, b->cap - b->len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	b->p[b->len] = '\0';
	return 0;
}

static bool
read_path(const char *path, struct buf *b)
{
	struct stat st;
	int fd, err;

	if (strcmp(path, "-") == 0) {
		err = read_all(STDIN_FILENO, b, 0);
		if (err) {
			fprintf(stderr, "yomu: %s: %s\n", _("standard input"), strerror(err));
			return false;
		}
		return true;
	}
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "yomu: %s: %s\n", path, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0) {
		fprintf(stderr, "yomu: %s: %s\n", path, strerror(errno));
		close(fd);
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "yomu: %s: %s\n", path, strerror(EISDIR));
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "yomu: %s: %s\n", path, _("not a regular file"));
		close(fd);
		return false;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	err = read_all(fd, b, (size_t)st.st_size);
	close(fd);
	if (err) {
		fprintf(stderr, "yomu: %s: %s\n", path, strerror(err));
		return false;
	}
	return true;
}

bool
load_document(const char *path, const char *encoding, struct loaded *out)
{
	struct buf raw = {0};
	const uint8_t *bytes;
	size_t n;

	memset(out, 0, sizeof *out);
	if (path) {
		if (!read_path(path, &raw)) {
			buf_free(&raw);
			return false;
		}
		bytes = (const uint8_t *)(raw.p ? raw.p : "");
		n = raw.len;
	} else {
		bytes = yomu_chapter;
		n = yomu_chapter_len;
	}
	out->key = load_hash(bytes, n);
	out->encoding = encoding ? encoding : text_detect_encoding(bytes, n);
	if (strcmp(out->encoding, "UTF-8") == 0 || strcasecmp(out->encoding, "utf8") == 0) {
		out->text = text_decode(bytes, n, &out->len, &out->stats);
	} else {
		size_t ulen;
		char *u = text_convert(bytes, n, out->encoding, &ulen, &out->undecodable);
		out->text = text_decode((const uint8_t *)u, ulen, &out->len, &out->stats);
		free(u);
	}
	buf_free(&raw);
	if (out->stats.nul) {
		struct buf w = {0};
		buf_printf(&w, _("%s: a binary file (%zu NUL bytes): shown with control characters as ^@ marks"),
		           path ? path : "-", out->stats.nul);
		out->warning = buf_steal(&w);
	}
	return true;
}

void
loaded_free(struct loaded *l)
{
	xfree(&l->text);
	xfree(&l->warning);
}
