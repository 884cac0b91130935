/* fuzz_config.c: the configuration file (src/config*.c, src/theme.c): any
 * bytes as config.ini load with messages, never a crash; and the [keys] and
 * [colors] value parsers on the input as one string. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "fuzz.h"
#include "yomu_config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* exact-size copy: the file's text is not NUL-terminated */
	char *text = malloc(size ? size : 1), *s = malloc(size + 1), *bad = NULL;
	struct config c;
	int32_t *keys = NULL;
	size_t nkeys = 0;
	struct style st = {0};

	if (size)
		memcpy(text, data, size);
	config_load_text(&c, "fuzz.ini", text, size);
	/* 0 is auto: the terminal is asked */
	FUZZ_CHECK(c.set.ambiguous_width >= 0 && c.set.ambiguous_width <= 2, "ambiguous width %d",
	           c.set.ambiguous_width);
	for (size_t i = 0; i < c.nmsgs; i++)
		FUZZ_CHECK(c.msgs[i] != NULL, "message %zu", i);
	config_free(&c);
	free(text);

	memcpy(s, data, size);
	s[size] = '\0';
	if (config_parse_keys(s, &keys, &nkeys, &bad)) {
		FUZZ_CHECK(bad == NULL, "keys parsed with a bad item");
		for (size_t i = 0; i < nkeys; i++)
			FUZZ_CHECK(keys[i] != K_NONE, "key %zu is K_NONE", i);
	} else {
		FUZZ_CHECK(bad != NULL, "keys failed without naming the bad item");
	}
	free(keys);
	free(bad);
	bad = NULL;
	if (style_parse(s, &st, &bad) == STYLE_OK)
		FUZZ_CHECK(bad == NULL, "style parsed with a bad item");
	free(bad);
	free(s);
	return 0;
}
