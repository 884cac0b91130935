#!/bin/sh
# regress.sh: the fuzz targets' seed corpus (tests/fuzz/corpus/TARGET/) and
# the inputs that once crashed them (tests/fuzz/crashes/TARGET/), replayed
# through tests/fuzz/regress_TARGET (the target without libFuzzer): each
# must run to the end with status 0.
. "${srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

for t in decode layout config state formats; do
	prog="$builddir/tests/fuzz/regress_$t"
	for kind in corpus crashes; do
		dir="$srcdir/tests/fuzz/$kind/$t"
		[ -d "$dir" ] || continue
		for f in "$dir"/*; do
			[ -f "$f" ] || continue
			"$prog" "$f" >"$TMPDIR_T/out" 2>&1; st=$?
			ok $st "$t: $kind/$(basename "$f")"
			[ $st -eq 0 ] || sed 's/^/# /' "$TMPDIR_T/out" | head -n 20
		done
	done
done
done_testing
