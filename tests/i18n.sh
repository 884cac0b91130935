#!/bin/sh
# i18n.sh: the Japanese interface (help screen, --help, messages, errors) under
# ja_JP.UTF-8 with the catalogue from the build tree, English under C.UTF-8,
# and a catalogue that translates every marked string with valid formats.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# the catalogue of this tree, where YOMU_LOCALEDIR points
mo=$TMPDIR_T/locale/ja/LC_MESSAGES/yomu.mo
mkdir -p "$(dirname "$mo")"
if [ -f "$builddir/po/ja.gmo" ] && [ ! "$srcdir/po/ja.po" -nt "$builddir/po/ja.gmo" ]; then
	cp "$builddir/po/ja.gmo" "$mo"
elif [ -f "$srcdir/po/ja.gmo" ] && [ ! "$srcdir/po/ja.po" -nt "$srcdir/po/ja.gmo" ]; then
	cp "$srcdir/po/ja.gmo" "$mo"
elif command -v msgfmt >/dev/null 2>&1; then
	msgfmt -o "$mo" "$srcdir/po/ja.po"
fi

# the translations themselves: formats valid (msgfmt -c), nothing fuzzy, and
# every string marked in the sources translated
if command -v msgfmt >/dev/null 2>&1; then
	stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$srcdir/po/ja.po" 2>&1); st=$?
	ok $st "po/ja.po passes msgfmt -c"
	case $stats in
	*fuzzy* | *untranslated*) ok 1 "po/ja.po has no fuzzy or untranslated message"; echo "# $stats" ;;
	*) ok 0 "po/ja.po has no fuzzy or untranslated message" ;;
	esac
else
	skip "po/ja.po passes msgfmt -c" "msgfmt not installed"
	skip "po/ja.po has no fuzzy or untranslated message" "msgfmt not installed"
fi
if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	files=$(grep -v '^#' "$srcdir/po/POTFILES.in" | grep .)
	# shellcheck disable=SC2086
	(cd "$srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
		-o "$TMPDIR_T/yomu.pot" $files) 2>"$TMPDIR_T/err"
	LC_ALL=C msgcmp "$srcdir/po/ja.po" "$TMPDIR_T/yomu.pot" 2>"$TMPDIR_T/err"; st=$?
	ok $st "po/ja.po translates every string marked in po/POTFILES.in's files"
	[ $st -eq 0 ] || sed 's/^/# /' "$TMPDIR_T/err" | head -n 20
	# a source file with marked strings that POTFILES.in does not list
	missing=
	for f in "$srcdir"/src/*.c "$srcdir"/src/*.h; do
		rel=src/${f##*/}
		grep -q '\bN\?_("' "$f" || continue
		printf '%s\n' "$files" | grep -qx "$rel" || missing="$missing $rel"
	done
	is "$missing" "" "po/POTFILES.in lists every source file with marked strings"
else
	skip "po/ja.po translates every string marked in po/POTFILES.in's files" "gettext tools not installed"
	skip "po/POTFILES.in lists every source file with marked strings" "gettext tools not installed"
fi

# English when the locale is not Japanese, even with the catalogue at hand
out=$(YOMU_LOCALEDIR=$TMPDIR_T/locale "$YOMU" --help)
case $out in "Usage: yomu [OPTION]... [FILE]"*) ok 0 "C.UTF-8: --help is in English" ;;
*) ok 1 "C.UTF-8: --help is in English" ;; esac
case $out in *"See yomu(1) for keys and the configuration file."*) ok 0 "--help points to yomu(1)" ;;
*) ok 1 "--help points to yomu(1)" ;; esac

skip_ja() { # skip_ja REASON: the Japanese-locale tests cannot run here
	for n in "help screen" "--help" "footnote popup title" "status message" \
		"terminal too small" "usage error" "missing file" "config errors"; do
		skip "ja_JP.UTF-8: $n" "$1"
	done
	done_testing
	exit
}
locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$' ||
	skip_ja "no ja_JP.UTF-8 locale (tools/install-deps makes it)"
[ -s "$mo" ] || skip_ja "no po/ja.gmo and no msgfmt"

ja() { # ja COMMAND...: run under the Japanese locale with this tree's catalogue
	LC_ALL=ja_JP.UTF-8 LANG=ja_JP.UTF-8 LANGUAGE= YOMU_LOCALEDIR=$TMPDIR_T/locale "$@"
}
has() { # has TEXT NEEDLE NAME
	case $1 in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; echo "# no \"$2\" in:"; printf '%s\n' "$1" | sed 's/^/#   /' | head -n 40 ;; esac
}

out=$(ja "$YOMU" --replay h --size 100x30)
has "$out" "ヘルプ: キー操作" "ja_JP.UTF-8: help screen: the title"
has "$out" "（bluebook 形式）" "ja_JP.UTF-8: help screen: the format in use"
has "$out" "閲覧" "ja_JP.UTF-8: help screen: the heading"
has "$out" "終了（ポップアップがあれば先に閉じる）" "ja_JP.UTF-8: help screen: an action's help"
has "$out" "1行下へ" "ja_JP.UTF-8: help screen: line-down"
out=$(ja "$YOMU" --replay h --size 100x200)
has "$out" "一覧と目次" "ja_JP.UTF-8: help screen: the lists heading"
has "$out" "マウス: ホイールでスクロール" "ja_JP.UTF-8: help screen: the mouse line"

out=$(ja "$YOMU" --help)
has "$out" "使い方: yomu [オプション]... [ファイル]" "ja_JP.UTF-8: --help"
has "$out" "目次を出力して終了する" "ja_JP.UTF-8: --help: the options"
has "$out" "yomu(1) を参照してください" "ja_JP.UTF-8: --help points to yomu(1)"

out=$(ja "$YOMU" --replay 'tjjjjjjj<Enter><Tab><Enter>' --size 100x30)
has "$out" "脚注 1" "ja_JP.UTF-8: footnote popup title"
out=$(ja "$YOMU" --replay '/zzqqzz<Enter>' --size 80x24)
has "$(printf '%s\n' "$out" | tail -n 1)" "パターンが見つかりません" "ja_JP.UTF-8: status message"
out=$(ja "$YOMU" --replay '' --size 30x3)
has "$out" "端末が小さすぎます" "ja_JP.UTF-8: terminal too small"

ja "$YOMU" --bogus >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 2 "ja_JP.UTF-8: usage error: status 2"
is "$(cat "$TMPDIR_T/err")" "yomu: --bogus: 不明なオプションです
詳しくは 'yomu --help' を実行してください。" "ja_JP.UTF-8: usage error"

# strerror() is glibc's, translated by its own catalogue (Debian: libc-l10n)
enoent=$(LC_ALL=ja_JP.UTF-8 LANGUAGE= gettext -d libc "No such file or directory" 2>/dev/null)
[ -n "$enoent" ] || enoent="No such file or directory"
ja "$YOMU" --dump /nonexistent/file.txt >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 1 "ja_JP.UTF-8: missing file: status 1"
is "$(cat "$TMPDIR_T/err")" "yomu: /nonexistent/file.txt: $enoent" "ja_JP.UTF-8: missing file: one line"
if [ "$enoent" = "No such file or directory" ]; then
	skip "ja_JP.UTF-8: missing file: the system's reason in Japanese" "glibc has no Japanese catalogue"
else
	is "$enoent" "そのようなファイルやディレクトリはありません" "ja_JP.UTF-8: missing file: the system's reason in Japanese"
fi

printf '[foo]\n[general]\ntext_width = 5\n' > "$TMPDIR_T/config.ini"
ja "$YOMU" --check-config -c "$TMPDIR_T/config.ini" >"$TMPDIR_T/out"; st=$?
is "$st" 1 "ja_JP.UTF-8: config errors: status 1"
is "$(cat "$TMPDIR_T/out")" "$TMPDIR_T/config.ini:1: 不明なセクション [foo]
$TMPDIR_T/config.ini:3: text_width: 5 は範囲外です（0、または 20〜1000）" "ja_JP.UTF-8: config errors"
ja "$YOMU" --toc -c "$TMPDIR_T/config.ini" >/dev/null 2>"$TMPDIR_T/err"
is "$(cat "$TMPDIR_T/err")" "yomu: config.ini: エラー 2 件（yomu -c $TMPDIR_T/config.ini --check-config）" "ja_JP.UTF-8: config warning"

done_testing
