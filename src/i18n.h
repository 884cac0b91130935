/* i18n.h: gettext wrappers. */
#ifndef YOMU_I18N_H
#define YOMU_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
/* the plural form for N: "1 match", "2 matches" (and Japanese's one form) */
#define P_(s, p, n) ngettext(s, p, (unsigned long)(n))
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
