/* config_keys.c: the [keys] section: key lists ("j, Down, C-f"), an
 * action's keys replacing its defaults, and the keymap built with an error
 * for every key bound to two actions of one context. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_impl.h"
#include "i18n.h"
#include "text.h"
#include "util.h"
#include "yomu_config.h"

bool
config_parse_keys(const char *value, int32_t **keys, size_t *n, char **bad)
{
	const char *p = value;
	size_t cap = 0;

	*keys = NULL;
	*n = 0;
	*bad = NULL;
	for (;;) {
		const char *item;
		size_t len;
		int32_t k;

		p = config_skip_ws(p);
		if (*p == ',') {
			/* the key "," itself: followed by a separator or the end */
			const char *q = config_skip_ws(p + 1);
			if (*q && *q != ',')
				break;
			item = p++;
			len = 1;
		} else if (!*p) {
			break;
		} else {
			item = p;
			p += strcspn(p, ",");
			len = config_trim_right(item, (size_t)(p - item));
		}
		k = key_parse(item, len);
		if (k == K_NONE) {
			*bad = xstrndup(item, len);
			break;
		}
		xgrow(keys, &cap, *n + 1, sizeof **keys);
		(*keys)[(*n)++] = k;
		p = config_skip_ws(p);
		if (!*p)
			return true;
		p++; /* the comma */
	}
	if (!*bad)
		*bad = xstrdup(""); /* an empty item: ",," or a trailing comma */
	xfree(keys);
	*n = 0;
	return false;
}

void
config_apply_keys(struct loader *L, int line, enum action a, const char *v)
{
	const char *name = action_table[a].name;
	struct keyset *ks = &L->keys[a];
	int32_t *k = NULL;
	size_t n = 0;
	char *bad;

	if (!*v) {
		config_error(L, line, _("%s: no keys (write none to unbind the action)"), name);
		return;
	}
	if (strcasecmp(v, "none") != 0 && !config_parse_keys(v, &k, &n, &bad)) {
		char *q = text_escaped(bad, true);
		if (strcasecmp(bad, "none") == 0)
			config_error(L, line, _("%s: none cannot be combined with keys"), name);
		else if (!*bad)
			config_error(L, line, _("%s: empty key name in the list"), name);
		else
			config_error(L, line, _("%s: bad key name %s"), name, q);
		free(q);
		free(bad);
		return;
	}
	free(ks->k);
	ks->k = k;
	ks->n = n;
	ks->line = line;
	ks->file = L->file;
	ks->user = true;
}

static int
keyset_by_line(const void *a, const void *b)
{
	const struct keyset *x = *(const struct keyset *const *)a;
	const struct keyset *y = *(const struct keyset *const *)b;
	return (x->line > y->line) - (x->line < y->line);
}

/* Bind the keys: first the actions the user's file did not name, then its
 * lines in order.  A key already taken in its context stays with the first
 * action, and the line that tried to take it gets the error. */
void
config_build_keymap(struct loader *L, struct keymap *m)
{
	struct keyset *order[ACT_COUNT];

	memset(m, 0, sizeof *m);
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (int a = 0; a < ACT_COUNT; a++)
			if (L->keys[a].user == (pass == 1))
				order[n++] = &L->keys[a];
		if (pass == 1)
			qsort(order, n, sizeof *order, keyset_by_line);
		for (size_t j = 0; j < n; j++) {
			enum action a = (enum action)(order[j] - L->keys);
			enum key_context ctx = action_table[a].ctx;
			for (size_t i = 0; i < order[j]->n; i++) {
				int32_t k = order[j]->k[i];
				enum action other = keymap_lookup(m, ctx, k);
				char kn[32];
				if (other == a)
					continue;
				if (other == ACT_NONE) {
					keymap_bind(m, k, a);
					continue;
				}
				keyname_of(k, kn, sizeof kn);
				config_msg_add(L, order[j]->file, order[j]->line,
				        _("key %s is bound to both %s and %s"), kn,
				        action_table[other].name, action_table[a].name);
			}
		}
	}
}
