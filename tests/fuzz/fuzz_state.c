/* fuzz_state.c: the reading-position file (src/state.c).  Any bytes parse
 * without a crash; with the input as the file on disk, a load keeps what
 * it cannot read aside byte for byte (or, another version's file, leaves
 * it alone and no save replaces it), and saving a position and loading it
 * back finds it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "state.h"

static void
count_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when)
{
	(void)key;
	FUZZ_CHECK(doc->marks >> STATE_MARKS == 0, "marks past z and Z: %llx",
	           (unsigned long long)doc->marks);
	FUZZ_CHECK(when >= 0, "negative time %lld", (long long)when);
	(*(size_t *)ctx)++;
}

static char *dir, *file;

/* The kept-aside files (positions.damaged-*): each must hold DATA; all are
 * removed.  Returns how many there were. */
static int
check_kept(const uint8_t *data, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	FUZZ_CHECK(d != NULL, "opendir %s", dir);
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		uint8_t *back = malloc(size + 1);
		ssize_t r;
		int fd;
		if (strncmp(de->d_name, "positions.damaged-", 18) != 0) {
			free(back);
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		fd = open(path, O_RDONLY);
		FUZZ_CHECK(fd >= 0, "open %s", path);
		r = read(fd, back, size + 1);
		close(fd);
		FUZZ_CHECK(r == (ssize_t)size && (size == 0 || memcmp(back, data, size) == 0),
		           "%s: %zd bytes, not the %zu of the file kept aside", path, r, size);
		free(back);
		unlink(path);
		n++;
	}
	closedir(d);
	return n;
}

/* Whether DATA's first line is another version's "yomu-state N". */
static bool
other_version(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	if (n && data[n - 1] == '\r')
		n--;
	return n > 11 && memcmp(data, "yomu-state ", 11) == 0 &&
	       !(n == 12 && (data[11] == '1' || data[11] == '2'));
}

static void
remove_dir(void)
{
	char path[4096];
	static const char *const names[] = {"positions", "positions.lock"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* A temporary directory, once per process; on tmpfs if there is one (the
 * save fsyncs). */
static void
setup(void)
{
	static char tmpl[4096];
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(tmpl, sizeof tmpl, "%s/yomu-fuzz-state.XXXXXX", base);
	dir = mkdtemp(tmpl);
	FUZZ_CHECK(dir != NULL, "mkdtemp %s", tmpl);
	file = malloc(strlen(dir) + sizeof "/positions");
	sprintf(file, "%s/positions", dir);
	atexit(remove_dir);
}

static uint64_t
get_u64(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n && i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1), *warning = NULL;
	size_t count = 0;
	struct state_doc doc, got;
	uint64_t key;
	int fd, err;

	if (!dir)
		setup();
	if (size)
		memcpy(text, data, size);
	(void)state_parse(text, size, count_fn, &count);
	FUZZ_CHECK(count <= size / 8, "%zu entries in %zu bytes", count, size);
	free(text);

	/* the input as the file on disk, then a save over it, then a load */
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0, "open %s", file);
	FUZZ_CHECK(write(fd, data, size) == (ssize_t)size, "write %s", file);
	close(fd);
	memset(&got, 0, sizeof got);
	(void)state_load(dir, 0, &got, &warning);
	FUZZ_CHECK(check_kept(data, size) == (warning && strstr(warning, "kept as") ? 1 : 0),
	           "kept aside, and the warning says so (%s)", warning ? warning : "no warning");
	free(warning);
	warning = NULL;
	if (size && other_version(data, size)) {
		uint8_t *back = malloc(size + 1);
		ssize_t r;
		uint64_t one = 1;
		err = state_save(dir, 1, &one, &got, &warning);
		FUZZ_CHECK(err != 0 && warning, "another version's file saved over");
		free(warning);
		fd = open(file, O_RDONLY);
		FUZZ_CHECK(fd >= 0, "open %s", file);
		r = read(fd, back, size + 1);
		close(fd);
		FUZZ_CHECK(r == (ssize_t)size && memcmp(back, data, size) == 0,
		           "another version's file changed");
		free(back);
		return 0;
	}

	key = get_u64(data, size);
	memset(&doc, 0, sizeof doc);
	doc.pos.block = (uint32_t)get_u64(data + (size > 8 ? 8 : size), size > 8 ? size - 8 : 0);
	doc.pos.offset = (uint32_t)(size * 2654435761u);
	/* marks from the input's bytes: a set of letters and their places */
	doc.marks = get_u64(data + (size > 16 ? 16 : size), size > 16 ? size - 16 : 0) &
	            (((uint64_t)1 << STATE_MARKS) - 1);
	for (int m = 0; m < STATE_MARKS; m++)
		doc.mark[m] = (struct state_pos){(uint32_t)(m * 977u + size), (uint32_t)(key >> (m % 32))};
	doc.measure = (int32_t)(size % 1001);
	doc.mode = (uint8_t)(size % 3);
	err = state_save(dir, 1, &key, &doc, &warning);
	FUZZ_CHECK(err == 0, "state_save: %s (%s)", strerror(err), warning ? warning : "no warning");
	FUZZ_CHECK(warning == NULL, "warning from the save after a load: %s", warning);
	FUZZ_CHECK(state_load(dir, key, &got, &warning), "the saved position is not found (%s)",
	           warning ? warning : "no warning");
	FUZZ_CHECK(warning == NULL, "warning after a save: %s", warning);
	FUZZ_CHECK(got.pos.block == doc.pos.block && got.pos.offset == doc.pos.offset,
	           "loaded %u:%u, saved %u:%u", (unsigned)got.pos.block, (unsigned)got.pos.offset,
	           (unsigned)doc.pos.block, (unsigned)doc.pos.offset);
	FUZZ_CHECK(got.mode == doc.mode, "mode %d loaded, %d saved", got.mode, doc.mode);
	FUZZ_CHECK(got.measure == doc.measure, "measure %d loaded, %d saved", (int)got.measure,
	           (int)doc.measure);
	FUZZ_CHECK(got.marks == doc.marks, "marks %llx loaded, %llx saved",
	           (unsigned long long)got.marks, (unsigned long long)doc.marks);
	for (int m = 0; m < STATE_MARKS; m++)
		FUZZ_CHECK(!(doc.marks >> m & 1) || (got.mark[m].block == doc.mark[m].block &&
		                                      got.mark[m].offset == doc.mark[m].offset),
		           "mark %d loaded wrong", m);
	return 0;
}
