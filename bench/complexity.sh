#!/bin/sh
# complexity.sh: every stage linear in its input.  For each adversarial
# shape of issue 14, the input at a size N and at 2N, the time of a
# command at each, and the ratio t(2N)/t(N): about 2 when the command is
# linear, 4 when it is quadratic.  Prints a table and exits 1 if any ratio
# passes 2.5.  Not run by make check (timings); .ci/run runs it with
# MIN=0.05 as one counted test.
#
# Shapes (N is the count of the repeated unit; the issue's size in
# brackets):
#   pages       '1ページ ' on one line                 [80,000]
#   ruby-digit  '^{か}漢1' on one line                 [80,000]
#   ruby-fnref  '^{か}漢⁽¹⁾' on one line               [80,000]
#   columns     a コラム with a title, a paragraph in です・ます style
#               with a footnote ¹, and the footnote '1 ...'  [80,000]
#   no-blank    'あ。' lines with no blank line        [2,000,000]
#   one-line    'これは一行の長い文です。' on one line  [5 MB]
#   matches     the no-blank file: --count あ, --count 'あ。?' --regex
#               (one paragraph: each match from where the last ended),
#               and the first screen (--replay '' --replay-stream)
#                                                      [1,000,000 matches]
# Commands: --toc, --dump -w 80 and --dump --vertical (vdump) for each
# shape but the last; the first screen set vertically (v-screen) for the
# one-line shapes.
#
# N is found for each shape and command: doubled from a small start (or
# from the N of the shape's command before) until t(N) >= MIN seconds, so
# that start-up and noise stay small beside it, up to 128 times the start;
# t(N) and t(2N) are then measured once each, and again as medians of 3 if
# the ratio looks high.  A command still under MIN/2 at 2N is constant-time
# here: its ratio is shown in brackets and not judged.
#
# Usage: bench/complexity.sh [SHAPE...]
# Environment: YOMU (default src/yomu), MIN (default 0.1), LIMIT (2.5).
set -u
cd "$(dirname "$0")/.."
YOMU=${YOMU:-./src/yomu}
MIN=${MIN:-0.1}
LIMIT=${LIMIT:-2.5}
shapes=${*:-pages ruby-digit ruby-fnref columns no-blank one-line matches}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$YOMU" ] || { echo "complexity.sh: $YOMU: not built" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "complexity.sh: python3 is needed" >&2; exit 2; }

# gen SHAPE N FILE: the input of SHAPE at size N
gen() {
	case $1 in
	pages) python3 -c "import sys; print('1ページ ' * $2)" ;;
	ruby-digit) python3 -c "print('^{か}漢1' * $2)" ;;
	ruby-fnref) python3 -c "print('^{か}漢⁽¹⁾' * $2)" ;;
	columns) python3 -c "
import sys
w = sys.stdout.write
for i in range($2):
    w('コラム\n\n第%d号の話題\n\n国際機関で働く日本人が増えています¹。現地の人々と協力して活動しています。\n\n1 注の本文です（%d）。\n\n' % (i, i))
" ;;
	no-blank | matches) yes 'あ。' | head -n "$2" ;;
	one-line) python3 -c "print('これは一行の長い文です。' * $2)" ;;
	esac > "$3"
}

# the smallest N of each shape; N grows to 128 times that at most, or
# 8 times if the time stays under MIN/8 (constant-time)
start_of() {
	case $1 in
	columns) echo 1000 ;;
	no-blank | matches) echo 80000 ;;
	one-line) echo 80000 ;;
	*) echo 2000 ;;
	esac
}
commands_of() {
	case $1 in
	matches) echo "count count-regex first-screen" ;;
	one-line | ruby-digit) echo "toc dump vdump v-screen" ;;
	*) echo "toc dump vdump" ;;
	esac
}

# run CMD FILE: the command, its output thrown away
run() {
	case $1 in
	toc) "$YOMU" --toc "$2" ;;
	dump) "$YOMU" --dump -w 80 "$2" ;;
	count) "$YOMU" --count あ "$2" ;;
	count-regex) "$YOMU" --count 'あ。?' --regex "$2" ;;
	first-screen) "$YOMU" --no-state --replay '' --replay-stream --size 100x30 "$2" ;;
	vdump) "$YOMU" --dump --vertical --size 80x24 "$2" ;;
	v-screen) "$YOMU" --no-state --vertical --replay 'G' --size 100x30 "$2" ;;
	esac > /dev/null 2>&1
}

# secs CMD FILE: wall time of one run, in seconds
secs() {
	s=$(date +%s%N)
	run "$1" "$2"
	e=$(date +%s%N)
	echo "$s $e" | awk '{ printf "%.4f\n", ($2 - $1) / 1e9 }'
}
median3() {
	{ secs "$1" "$2"; secs "$1" "$2"; secs "$1" "$2"; } | sort -n | sed -n 2p
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

# file SHAPE N: the input's path, made once
file() {
	f="$tmp/$1.$2"
	[ -s "$f" ] || gen "$1" "$2" "$f"
	echo "$f"
}

fail=0
printf '%-11s %-12s %10s %9s %9s %7s\n' shape command N 't(N) s' 't(2N) s' ratio
for shape in $shapes; do
	# each command of a shape starts from the N the one before needed: a
	# quadratic term shows only once it outweighs the linear one
	n=$(start_of "$shape")
	cap=$((n * 128))
	for cmd in $(commands_of "$shape"); do
		t1=$(secs "$cmd" "$(file "$shape" "$n")")
		while ! ge "$t1" "$MIN" && [ $((n * 2)) -le "$cap" ]; do
			# far from MIN after sixteen times the start: constant
			[ $((n * 16)) -gt "$cap" ] && ! ge "$t1" "$(awk -v m="$MIN" 'BEGIN { print m / 8 }')" && break
			n=$((n * 2))
			t1=$(secs "$cmd" "$(file "$shape" "$n")")
		done
		t2=$(secs "$cmd" "$(file "$shape" $((n * 2)))")
		r=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", b / (a > 0 ? a : 0.0001) }')
		if ge "$r" 2.2; then
			# high: measure again, medians of three
			t1=$(median3 "$cmd" "$(file "$shape" "$n")")
			t2=$(median3 "$cmd" "$(file "$shape" $((n * 2)))")
			r=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", b / (a > 0 ? a : 0.0001) }')
		fi
		if ! ge "$t2" "$(awk -v m="$MIN" 'BEGIN { print m / 2 }')"; then
			shown="($r)"
		else
			shown=$r
			if ge "$r" "$LIMIT" && [ "$r" != "$LIMIT" ]; then
				shown="$r !"
				fail=1
			fi
		fi
		printf '%-11s %-12s %10d %9s %9s %7s\n' "$shape" "$cmd" "$n" "$t1" "$t2" "$shown"
	done
	rm -f "$tmp/$shape".*
done
[ $fail -eq 0 ] || echo "ratios marked ! pass $LIMIT: not linear"
exit $fail
