/* regress.c: run saved fuzz inputs through a target without libFuzzer:
 * "regress_TARGET FILE..." calls LLVMFuzzerTestOneInput on each file's
 * bytes.  An invariant that fails aborts; a clean run exits 0. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <string.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *p = NULL;
		size_t n = 0, cap = 0, r;
		if (!f) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		do {
			if (cap - n < 65536) {
				cap = cap * 2 + 65536;
				p = realloc(p, cap);
				if (!p)
					abort();
			}
			r = fread(p + n, 1, cap - n, f);
			n += r;
		} while (r > 0);
		if (ferror(f)) {
			fprintf(stderr, "%s: read error\n", argv[i]);
			fclose(f);
			return 2;
		}
		fclose(f);
		/* an exact-size copy, as libFuzzer gives */
		{
			uint8_t *q = malloc(n ? n : 1);
			if (!q)
				abort();
			if (n)
				memcpy(q, p, n);
			free(p);
			LLVMFuzzerTestOneInput(q, n);
			free(q);
		}
	}
	return 0;
}
