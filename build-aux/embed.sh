#!/bin/sh
# embed.sh NAME FILE: print a C file that holds FILE's bytes as NAME[] and
# NAME_len, so that data files are compiled into the binary.
set -e
name=$1
file=$2
printf '/* Generated from %s by embed.sh: do not edit. */\n#include <stddef.h>\n' "$(basename "$file")"
printf 'const unsigned char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/ *$//' -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e '/^$/d'
printf '0x00};\nconst size_t %s_len = sizeof %s - 1;\n' "$name" "$name"
