#!/bin/sh
# hyperlinks.sh: URLs as OSC 8 terminal hyperlinks (hyperlinks = on, off,
# auto), written without breaking curses' idea of the screen, and a URL
# with an escape in the document made harmless (tests/vt/yomu_vt.py
# hyperlinks, on the test terminal emulator, which keeps the hyperlink of
# every cell).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# Debian's python3 with python3-pyte (tools/install-deps), as tests/vt/README.md says
PY=/usr/bin/python3
if ! "$PY" -c 'import pyte' 2>/dev/null; then
	echo "1..0 # SKIP $PY has no pyte (apt-get install python3-pyte)"
	exit 0
fi
export TMPDIR_T
"$PY" "$srcdir/tests/vt/yomu_vt.py" hyperlinks
