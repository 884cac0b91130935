#!/bin/sh
# large.sh: yomu on a large document, side by side with the tools users
# would pick instead.  The chapter repeated 1000 times (about 43 MB):
#   open to first screen, and G to the end, in a pseudo-terminal (100x30):
#       yomu against less (bench/ttfs.py), and again in tmux
#       (bench/ttfs-tmux.py);
#   --dump --width 80 against w3m -dump -cols 80 of the same paragraphs as
#       HTML, and against one bare pass of libunistring's line breaker
#       (bench/lbpass.c) over the same text;
#   peak memory (max RSS) of --dump and of the screen, against the file
#       size, and w3m's;
#   resize on the 43 MB document (YOMU_TIMING: ui_resize + drawing);
#   search: counting all matches (bench/search.sh has more).
# Then plain text: a novel of one paragraph per line (tests/fixtures/plain/
# novel.txt repeated, about 43 MB) and 2,000,000 lines without a blank one
# (yes 'あ。'): first screen and G against less, --dump, peak memory.
#   search: counting all matches (bench/search.sh has more);
#   an Aozora Bunko work of the same size (the body of
#       tests/fixtures/aozora/sample-utf8.txt 8000 times between its header
#       and its colophon): first screen and G against less, --dump's time
#       and peak memory, and the parse at half and whole (linear).
# Medians of RUNS runs (default 5; 3 x RUNS for the terminal measures).  Usage: bench/large.sh [-n RUNS]
set -u
cd "$(dirname "$0")/.."
YOMU=${YOMU:-./src/yomu}
runs=5
[ "${1:-}" = -n ] && runs=$2
big=${BIG:-/tmp/yomu-bench-big.txt}
html=${big%.txt}.html
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -s "$big" ]; then
	i=0
	: > "$big"
	while [ $i -lt 1000 ]; do cat data/bluebook-2026-ch4-s1.txt >> "$big"; echo >> "$big"; i=$((i + 1)); done
fi
if [ ! -s "$html" ]; then
	{
		echo '<html><head><meta charset="utf-8"></head><body>'
		sed -e '/^[[:space:]]*$/d' -e 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g' -e 's/^/<p>/; s/$/<\/p>/' "$big"
		echo '</body></html>'
	} > "$html"
fi
size=$(wc -c < "$big")
cc -O2 -o "$tmp/lbpass" bench/lbpass.c -lunistring || exit 1
echo "# $big: $size bytes; $runs runs each; medians"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
wall() { # median wall time of a command, its output thrown away
	i=0
	while [ $i -lt $runs ]; do
		s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
		echo "$e - $s" | bc -l
		i=$((i + 1))
	done | median
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }

# first screen and G: a fraction of a millisecond each, so three times
# the runs, the tools taking turns (what else runs on the machine weighs
# on both alike).  terminal SCRIPT LABEL [FILE FIRST END]: medians and
# ratios of one measuring script, FIRST and END the text it waits for on
# the first screen and after G
terminal() {
	f=${3:-$big} first=${4:-第1節} last=${5:-役立}
	: > "$tmp/less.t"
	: > "$tmp/yomu.t"
	i=0
	while [ $i -lt $((runs * 3)) ]; do
		timeout 60 python3 "bench/$1" "$first" "$last" -- less "$f" >> "$tmp/less.t"
		timeout 60 python3 "bench/$1" "$first" "$last" -- "$YOMU" --no-state "$f" >> "$tmp/yomu.t"
		i=$((i + 1))
	done
	lf=$(cut -d' ' -f1 "$tmp/less.t" | median); yf=$(cut -d' ' -f1 "$tmp/yomu.t" | median)
	le=$(cut -d' ' -f2 "$tmp/less.t" | median); ye=$(cut -d' ' -f2 "$tmp/yomu.t" | median)
	printf '%-14s less %8.5f s   yomu %8.5f s   yomu/less %6sx  (target <= 1.5x)\n' \
		"$2 first" "$lf" "$yf" "$(ratio "$yf" "$lf")"
	printf '%-14s less %8.5f s   yomu %8.5f s   yomu/less %6sx  (target <= 1.5x)\n' \
		"$2 G" "$le" "$ye" "$(ratio "$ye" "$le")"
}
# a bare pseudo-terminal (bench/ttfs.py), then tmux as users run it: tmux
# runs the tool and tells a control client each piece of output as it
# reads it (bench/ttfs-tmux.py)
terminal ttfs.py pty:
command -v tmux >/dev/null 2>&1 && terminal ttfs-tmux.py tmux:

# --dump
yd=$(wall "$YOMU" --dump --width 80 "$big")
wd=$(wall w3m -dump -cols 80 -T text/html -I UTF-8 -O UTF-8 "$html")
lb=$(wall "$tmp/lbpass" "$big")
printf 'dump 80        yomu %8.3f s   w3m  %8.3f s   w3m/yomu  %6sx  (target >= 5x)\n' "$yd" "$wd" "$(ratio "$wd" "$yd")"
printf 'dump 80        yomu %8.3f s   bare line-break pass %8.3f s   yomu/bare %6sx  (target <= 2x)\n' "$yd" "$lb" "$(ratio "$yd" "$lb")"

# memory
if [ -x /usr/bin/time ]; then
	md=$(rss "$YOMU" --dump --width 80 "$big")
	mw=$(rss w3m -dump -cols 80 -T text/html -I UTF-8 -O UTF-8 "$html")
	ms=$(rss "$YOMU" --no-state --replay 'G/国際機関<Enter>' --size 100x30 "$big")
	printf 'peak memory    file %d KB   yomu --dump %d KB (%sx)   yomu screen+search %d KB (%sx)   w3m %d KB (%sx)  (target <= 2x)\n' \
		$((size / 1024)) "$md" "$(ratio "$md" $((size / 1024)))" "$ms" "$(ratio "$ms" $((size / 1024)))" "$mw" "$(ratio "$mw" $((size / 1024)))"
fi

# resize
YOMU_TIMING=1 "$YOMU" --no-state --replay 'jjjjj<resize:80x24><resize:120x40>' --size 100x30 "$big" 2>&1 >/dev/null | grep resize | sed 's/^/resize         /'

# search
YOMU_TIMING=1 "$YOMU" --count 国際機関 "$big" 2>&1 >/dev/null | sed 's/^/search         /'

# ---- plain text ----
novel=${NOVEL:-/tmp/yomu-bench-novel.txt}
lines=${LINES_TXT:-/tmp/yomu-bench-lines.txt}
if [ ! -s "$novel" ]; then
	i=0
	while [ $i -lt 100 ]; do cat tests/fixtures/plain/novel.txt; echo; i=$((i + 1)); done > "$tmp/novel100"
	i=0
	: > "$novel"
	while [ $i -lt 126 ]; do cat "$tmp/novel100" >> "$novel"; i=$((i + 1)); done
fi
if [ ! -s "$lines" ]; then
	{ yes 'あ。' | head -n 2000000; echo 'おわり。'; } > "$lines"
fi
# plain FILE LABEL MARKER END_MARKER PATTERN
plain() {
	psize=$(wc -c < "$1")
	echo "# $2: $1: $psize bytes"
	terminal ttfs.py "$2 pty:" "$1" "$3" "$4"
	printf '%-14s yomu %8.3f s\n' "$2 dump 80" "$(wall "$YOMU" --dump --width 80 "$1")"
	if [ -x /usr/bin/time ]; then
		md=$(rss "$YOMU" --dump --width 80 "$1")
		ms=$(rss "$YOMU" --no-state --replay "G/$5<Enter>" --size 100x30 "$1")
		printf '%-14s file %d KB   yomu --dump %d KB (%sx)   yomu screen+search %d KB (%sx)  (target <= 2x)\n' \
			"$2 memory" $((psize / 1024)) "$md" "$(ratio "$md" $((psize / 1024)))" "$ms" "$(ratio "$ms" $((psize / 1024)))"
	fi
}
plain "$novel" novel はじまりの朝 駆け上がった 灯台守
plain "$lines" lines あ。 おわり おわり
# ---- an Aozora Bunko work of the same size ----
aozora=${BIG_AOZORA:-/tmp/yomu-bench-aozora.txt}
if [ ! -s "$aozora" ]; then
	u=tests/fixtures/aozora/sample-utf8.txt
	{
		sed -n '1,18p' "$u"                  # the header and the legend
		i=0
		while [ $i -lt 8060 ]; do sed -n '19,88p' "$u"; echo; i=$((i + 1)); done
		sed -n '89,$p' "$u"                  # the colophon
	} > "$aozora"
fi
asize=$(wc -c < "$aozora")
echo "# $aozora: $asize bytes (UTF-8)"
terminal ttfs.py "aozora pty:" "$aozora" "潮騒の町" "公開されたもの"
command -v tmux >/dev/null 2>&1 && terminal ttfs-tmux.py "aozora tmux:" "$aozora" "潮騒の町" "公開されたもの"
ad=$(wall "$YOMU" --dump --width 80 "$aozora")
printf 'aozora dump 80 yomu %8.3f s\n' "$ad"
if [ -x /usr/bin/time ]; then
	md=$(rss "$YOMU" --dump --width 80 "$aozora")
	printf 'aozora memory  file %d KB   yomu --dump %d KB (%sx)  (target <= 2x)\n' \
		$((asize / 1024)) "$md" "$(ratio "$md" $((asize / 1024)))"
fi
# linear: the parse of half the work and of all of it
head -c $((asize / 2)) "$aozora" > "$tmp/half.txt"
ph=$(wall "$YOMU" --inspect "$tmp/half.txt")
pw=$(wall "$YOMU" --inspect "$aozora")
printf 'aozora parse   N/2 %8.3f s   N %8.3f s   N/(N/2) %6sx  (linear: about 2x)\n' "$ph" "$pw" "$(ratio "$pw" "$ph")"
