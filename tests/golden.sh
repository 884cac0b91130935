#!/bin/sh
# golden.sh: --toc and --dump of the built-in chapter, of the plain-text
# fixtures, of an Aozora Bunko work and of the sample of the Aozora
# notation list against reviewed golden files.  "golden.sh --update" rewrites them (review the diff!).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
g="$srcdir/tests/golden"

run() { # name, args...
	name=$1; shift
	if [ "${UPDATE:-}" = 1 ]; then
		"$YOMU" "$@" > "$g/$name"
	fi
	"$YOMU" "$@" > "$TMPDIR_T/$name"
	if cmp -s "$g/$name" "$TMPDIR_T/$name"; then
		ok 0 "golden $name"
	else
		ok 1 "golden $name"
		diff -u "$g/$name" "$TMPDIR_T/$name" | head -n 20 | sed 's/^/# /'
	fi
}

[ "${1:-}" = --update ] && UPDATE=1
run toc.txt --toc
run dump-80.txt --dump --width 80
run dump-40.txt --dump --width 40
run dump-16.txt --dump --width 16
# plain text (tests/fixtures/plain/): a novel of one paragraph per line,
# a hard-wrapped notice, English prose
p=$srcdir/tests/fixtures/plain
for f in novel wrapped english; do
	run "plain-$f-toc.txt" --toc "$p/$f.txt"
	run "plain-$f-dump-60.txt" --dump --width 60 "$p/$f.txt"
	run "plain-$f-dump-24.txt" --dump --width 24 "$p/$f.txt"
done
# an Aozora Bunko work in Shift_JIS (CP932) with CRLF line ends
aozora=$srcdir/tests/fixtures/aozora/sample-sjis.txt
run aozora-toc.txt --toc "$aozora"
run aozora-dump-72.txt --dump --width 72 "$aozora"
run aozora-dump-36.txt --dump --width 36 "$aozora"
# the sample of the whole notation list (aozorahack/aozora2html
# sample/chukiichiran_kinyurei.txt, UTF-8 with CRLF line ends)
chuki=$srcdir/tests/fixtures/aozora/chukiichiran.txt
run aozora-chukiichiran-toc.txt --toc "$chuki"
run aozora-chukiichiran-dump-72.txt --dump --width 72 "$chuki"
done_testing
