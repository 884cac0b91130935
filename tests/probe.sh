#!/bin/sh
# probe.sh: asking the terminal how wide it draws ambiguous characters: a
# wide answer, a narrow one, none (1, within the bound), a late one (not
# taken as keys), keys typed meanwhile, and what overrides the question
# (tests/vt/yomu_vt.py probe); and a screen sent in one write, not a row at
# a time (strace counts them).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# Debian's python3 with python3-pyte (tools/install-deps), as tests/vt/README.md says
PY=/usr/bin/python3
if ! "$PY" -c 'import pyte' 2>/dev/null; then
	echo "1..0 # SKIP $PY has no pyte (apt-get install python3-pyte)"
	exit 0
fi
export TMPDIR_T
"$PY" "$srcdir/tests/vt/yomu_vt.py" probe
