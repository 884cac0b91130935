/* bluebook.h: the Bluebook format: the text of a page-layout extraction of
 * a printed document such as Japan's Diplomatic Bluebook (see
 * doc/bluebook-format.md). */
#ifndef YOMU_BLUEBOOK_H
#define YOMU_BLUEBOOK_H

#include "format.h"

extern const struct format format_bluebook;

#endif
