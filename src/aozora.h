/* aozora.h: the Aozora Bunko (青空文庫) text format, as specified in
 * doc/aozora-format.md. */
#ifndef YOMU_AOZORA_H
#define YOMU_AOZORA_H

#include "format.h"

extern const struct format format_aozora;

#endif
