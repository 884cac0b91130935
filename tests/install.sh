#!/bin/sh
# install.sh: make install and make uninstall into a staging directory
# (DESTDIR) with another prefix: the program, the manual page and the
# Japanese catalogue land under the prefix, the installed program works from
# anywhere, and uninstall leaves no file behind.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# the manual page: every option of --help, every action and colour element
# of data/yomu.ini, and no groff warning
man=$srcdir/doc/yomu.1
roff() { printf '%s' "$1" | sed 's/-/\\\\-/g'; } # a name as the page writes it
missing=
for o in $("$YOMU" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -q -- "$(roff "$o")" "$man" || missing="$missing $o"
done
is "$missing" "" "the manual page has every option of --help"
missing=
for a in $(sed -n '/^\[keys\]/,/^\[/s/^\([a-z][a-z-]*\) = .*/\1/p' "$srcdir/data/yomu.ini"); do
	grep -q "^\.RB ( $(roff "$a") )" "$man" || missing="$missing $a"
done
is "$missing" "" "the manual page has every action of data/yomu.ini"
missing=
for e in $(sed -n '/^\[colors\]/,$s/^\([a-z][a-z0-9-]*\) = .*/\1/p' "$srcdir/data/yomu.ini"); do
	case $e in heading-[1-4]) e=heading-1 ;; esac
	grep -q "$(roff "$e")" "$man" || missing="$missing $e"
done
is "$missing" "" "the manual page has every colour element of data/yomu.ini"
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$man" 2>"$TMPDIR_T/groff.err"; st=$?
	[ $st -eq 0 ] && [ ! -s "$TMPDIR_T/groff.err" ]; ok $? "groff -man -ww: no warning"
	sed 's/^/# /' "$TMPDIR_T/groff.err" | head -n 10
else
	skip "groff -man -ww: no warning" "groff not installed"
fi

make=${MAKE:-make}
if [ ! -f "$builddir/Makefile" ] || ! command -v "$make" >/dev/null 2>&1; then
	skip "make install" "no configured build tree"
	done_testing
	exit
fi
# a make of our own: not a job of the make running the tests
mk() {
	(cd "$builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$make" -s "$@") \
		>>"$TMPDIR_T/make.log" 2>&1
}
dest=$TMPDIR_T/inst
prefix=/opt/yomu-test

mk install DESTDIR="$dest" prefix="$prefix"; st=$?
ok $st "make install DESTDIR=... prefix=... exits 0"
[ $st -eq 0 ] || sed 's/^/# /' "$TMPDIR_T/make.log" | tail -n 20
bin=$dest$prefix/bin/yomu
[ -x "$bin" ]; ok $? "the program is in \$prefix/bin"
[ -f "$dest$prefix/share/man/man1/yomu.1" ]; ok $? "the manual page is in \$prefix/share/man/man1"
[ -f "$dest$prefix/share/locale/ja/LC_MESSAGES/yomu.mo" ]
ok $? "the Japanese catalogue is in \$prefix/share/locale/ja/LC_MESSAGES"
outside=$(find "$dest" -type f | grep -v "^$dest$prefix/")
is "$outside" "" "nothing is installed outside DESTDIR/prefix"

# from anywhere: the chapter and the default configuration are compiled in
(cd / && "$bin" --dump --width 60) >"$TMPDIR_T/inst.dump" 2>&1
"$YOMU" --dump --width 60 >"$TMPDIR_T/build.dump"
cmp -s "$TMPDIR_T/inst.dump" "$TMPDIR_T/build.dump"; ok $? "the installed program shows the built-in chapter from /"
(cd / && "$bin" --print-config) | cmp -s - "$srcdir/data/yomu.ini"
ok $? "the installed program prints the built-in configuration"
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	out=$(cd / && LC_ALL=ja_JP.UTF-8 LANGUAGE= YOMU_LOCALEDIR="$dest$prefix/share/locale" "$bin" --help)
	case $out in "使い方:"*) ok 0 "the installed catalogue is Japanese" ;;
	*) ok 1 "the installed catalogue is Japanese" ;; esac
else
	skip "the installed catalogue is Japanese" "no ja_JP.UTF-8 locale"
fi

mk uninstall DESTDIR="$dest" prefix="$prefix"; st=$?
ok $st "make uninstall exits 0"
left=$(find "$dest" -type f)
is "$left" "" "make uninstall removes every installed file"

done_testing
