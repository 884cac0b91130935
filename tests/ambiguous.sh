#!/bin/sh
# ambiguous.sh: yomu on a terminal that draws East Asian Ambiguous characters
# two cells wide, on one that draws them one cell wide, and under tmux: the
# first screen, the contents pane, column and footnote popups, the help,
# search highlights, G, resizes and Ctrl-Z, each the screen --replay draws,
# with no row past the right edge, frames straight and the contents
# separator in one column (tests/vt/yomu_vt.py screens).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# Debian's python3 with python3-pyte (tools/install-deps), as tests/vt/README.md says
PY=/usr/bin/python3
if ! "$PY" -c 'import pyte' 2>/dev/null; then
	echo "1..0 # SKIP $PY has no pyte (apt-get install python3-pyte)"
	exit 0
fi
export TMPDIR_T
"$PY" "$srcdir/tests/vt/yomu_vt.py" screens
