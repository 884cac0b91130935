/* fuzz_state.c: the reading-position file (src/state.c).  Any bytes parse
 * without a crash; and with the input as the file on disk, saving a
 * position and loading it back finds it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "state.h"

static void
count_fn(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when)
{
	(void)key;
	(void)pos;
	FUZZ_CHECK(when >= 0, "negative time %lld", (long long)when);
	(*(size_t *)ctx)++;
}

static char *dir, *file;

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
	struct state_pos pos, got = {0, 0};
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
	(void)state_load(dir, 0, &got, &warning);
	free(warning);
	warning = NULL;

	key = get_u64(data, size);
	pos.block = (uint32_t)get_u64(data + (size > 8 ? 8 : size), size > 8 ? size - 8 : 0);
	pos.offset = (uint32_t)(size * 2654435761u);
	err = state_save(dir, key, &pos);
	FUZZ_CHECK(err == 0, "state_save: %s", strerror(err));
	FUZZ_CHECK(state_load(dir, key, &got, &warning), "the saved position is not found (%s)",
	           warning ? warning : "no warning");
	FUZZ_CHECK(warning == NULL, "warning after a save: %s", warning);
	FUZZ_CHECK(got.block == pos.block && got.offset == pos.offset,
	           "loaded %u:%u, saved %u:%u", (unsigned)got.block, (unsigned)got.offset,
	           (unsigned)pos.block, (unsigned)pos.offset);
	return 0;
}
