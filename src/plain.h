/* plain.h: the plain-text format: novels and web fiction with one
 * paragraph per line, hard-wrapped notices and mail, English prose (see
 * doc/plain-format.md).  The fallback of detection: any text reads as it. */
#ifndef YOMU_PLAIN_H
#define YOMU_PLAIN_H

#include "format.h"

extern const struct format format_plain;

#endif
