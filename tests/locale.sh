#!/bin/sh
# locale.sh: the screen whatever the locale says (LANG=C, POSIX, env -i, a
# locale not installed), an EUC-JP terminal (output converted, messages on
# standard error in EUC-JP) (tests/vt/yomu_vt.py locale).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# Debian's python3 with python3-pyte (tools/install-deps), as tests/vt/README.md says
PY=/usr/bin/python3
if ! "$PY" -c 'import pyte' 2>/dev/null; then
	echo "1..0 # SKIP $PY has no pyte (apt-get install python3-pyte)"
	exit 0
fi
export TMPDIR_T
"$PY" "$srcdir/tests/vt/yomu_vt.py" locale
