/* keys.c: key names and the key binding table. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "keys.h"
#include "util.h"

const struct action_info action_table[ACT_COUNT] = {
#define X(e, name, ctx, keys, flags, help) {name, ctx, keys, flags, help},
	ACTIONS(X)
#undef X
};

unsigned
action_flags(enum action a)
{
	return a >= 0 && a < ACT_COUNT ? action_table[a].flags : 0;
}

static const struct {
	const char *name;
	int32_t key;
} key_names[] = {
	{"Space", ' '},         {"Enter", K_ENTER},     {"Esc", K_ESC},
	{"Tab", K_TAB},         {"S-Tab", K_BTAB},      {"Backspace", K_BACKSPACE},
	{"Up", K_UP},           {"Down", K_DOWN},       {"Left", K_LEFT},
	{"Right", K_RIGHT},     {"PgUp", K_PGUP},       {"PgDn", K_PGDN},
	{"Home", K_HOME},       {"End", K_END},         {"Delete", K_DELETE},
	{"Insert", K_INSERT},
};

int32_t
key_parse(const char *s, size_t n)
{
	uint32_t c;
	size_t len;

	if (n == 0)
		return K_NONE;
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (strlen(key_names[i].name) == n && strncasecmp(s, key_names[i].name, n) == 0)
			return key_names[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && n >= 2 && n <= 3) {
		int v = 0;
		for (size_t i = 1; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return K_NONE;
			v = v * 10 + (s[i] - '0');
		}
		return v >= 1 && v <= 12 ? K_F1 + v - 1 : K_NONE;
	}
	if (n >= 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		char k = s[2];
		if (n != 3)
			return K_NONE;
		if (k >= 'a' && k <= 'z')
			return K_CTRL(k);
		if (k >= '@' && k <= '_')
			return K_CTRL(k);
		return K_NONE;
	}
	if (n >= 3 && (s[0] == 'M' || s[0] == 'm') && s[1] == '-') {
		int32_t k = key_parse(s + 2, n - 2);
		return k == K_NONE || (k & YK_ALT) ? K_NONE : k | YK_ALT;
	}
	len = utf8_get((const uint8_t *)s, n, &c);
	if (len != n || c == 0xFFFD || c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return K_NONE;
	return (int32_t)c;
}

void
keyname_of(int32_t key, char *buf, size_t size)
{
	struct buf b = {0};
	if (key & YK_ALT) {
		char inner[32];
		keyname_of(key & ~YK_ALT, inner, sizeof inner);
		snprintf(buf, size, "M-%s", inner);
		return;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key >= K_F1 && key <= K_F12) {
		snprintf(buf, size, "F%d", key - K_F1 + 1);
		return;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, size, "C-%c", (char)(key + 'a' - 1));
		return;
	}
	if (key >= 0x20 && key < YK_SPECIAL) {
		buf_addcp(&b, (uint32_t)key);
		snprintf(buf, size, "%s", b.p);
		buf_free(&b);
		return;
	}
	snprintf(buf, size, "?");
}

void
keymap_bind(struct keymap *m, int32_t key, enum action act)
{
	enum key_context ctx = action_table[act].ctx;
	for (size_t i = 0; i < m->n; i++)
		if (m->b[i].key == key && action_table[m->b[i].act].ctx == ctx) {
			m->b[i].act = act;
			return;
		}
	xgrow(&m->b, &m->cap, m->n + 1, sizeof *m->b);
	m->b[m->n].key = key;
	m->b[m->n].act = act;
	m->n++;
}

void
keymap_init_defaults(struct keymap *m)
{
	memset(m, 0, sizeof *m);
	for (int a = 0; a < ACT_COUNT; a++) {
		const char *s = action_table[a].default_keys;
		while (*s) {
			const char *e = strchr(s, ',');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			int32_t k = key_parse(s, n);
			if (k != K_NONE)
				keymap_bind(m, k, (enum action)a);
			s += n;
			while (*s == ',' || *s == ' ')
				s++;
		}
	}
}

void
keymap_free(struct keymap *m)
{
	xfree(&m->b);
	m->n = m->cap = 0;
}

enum action
keymap_lookup(const struct keymap *m, enum key_context ctx, int32_t key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->b[i].key == key && action_table[m->b[i].act].ctx == ctx)
			return m->b[i].act;
	return ACT_NONE;
}

char *
keymap_keys_of(const struct keymap *m, enum action act)
{
	struct buf b = {0};
	for (size_t i = 0; i < m->n; i++) {
		char name[32];
		if (m->b[i].act != act)
			continue;
		keyname_of(m->b[i].key, name, sizeof name);
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, name);
	}
	return buf_steal(&b);
}
