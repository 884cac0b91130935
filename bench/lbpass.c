/* lbpass.c: the baseline for bench/large.sh: one bare pass of
 * libunistring's line breaker (u8_possible_linebreaks) over every line of
 * a file, as --dump must do at least once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>

int
main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	char *data, *p, *end, *brk;
	long n;
	size_t allowed = 0;
	if (!f) {
		fprintf(stderr, "usage: lbpass FILE\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	brk = malloc((size_t)n + 1);
	if (!data || !brk || fread(data, 1, (size_t)n, f) != (size_t)n)
		return 1;
	fclose(f);
	end = data + n;
	for (p = data; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		u8_possible_linebreaks((const uint8_t *)p, len, "UTF-8", brk);
		for (size_t i = 0; i < len; i++)
			allowed += brk[i] == UC_BREAK_POSSIBLE;
		p = nl ? nl + 1 : end;
	}
	printf("%zu\n", allowed);
	free(data);
	free(brk);
	return 0;
}
