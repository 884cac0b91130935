#!/bin/sh
# book.sh: a book of several files against one file.
#   1. the first screen of one large file (the chapter 1000 times, 43 MB)
#      in a pseudo-terminal (bench/ttfs.py): this build, and MAIN_YOMU (a
#      build without books) if given: a single file does not go through
#      the book, so the two should not differ;
#   2. the first screen of a directory of N chapters (the first file is
#      read before the screen opens, the others between keys), for N and
#      2N: it should not grow with N;
#   3. --dump and --count of the directory of N chapters and of 2N
#      (linear: the ratio about 2), and against the same text as one file.
# Medians of RUNS runs (default 5).  Usage: bench/book.sh [-n RUNS] [N]
set -u
cd "$(dirname "$0")/.."
YOMU=${YOMU:-./src/yomu}
runs=5
[ "${1:-}" = -n ] && { runs=$2; shift 2; }
n=${1:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chapter=data/bluebook-2026-ch4-s1.txt

median() { sort -g | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] }'; }
# secs CMD...: the median wall time of CMD, its output thrown away
secs() {
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000)) # microseconds
		i=$((i + 1))
	done | median | awk '{ printf "%.3f", $1 / 1e6 }'
}
# ttfs CMD...: the median time to the first screen
ttfs() {
	i=0
	while [ $i -lt "$runs" ]; do
		python3 bench/ttfs.py "国民と共にある外交" "NEVER" -- "$@" | cut -d' ' -f1
		i=$((i + 1))
	done | median
}

big=$tmp/big.txt
i=0
while [ $i -lt 1000 ]; do cat "$chapter" >> "$big"; echo >> "$big"; i=$((i + 1)); done
mkdir "$tmp/book1" "$tmp/book2"
i=0
while [ $i -lt "$n" ]; do
	cp "$chapter" "$tmp/book1/ch$i.txt"
	cp "$chapter" "$tmp/book2/ch$i.txt"
	cp "$chapter" "$tmp/book2/ch$((i + n)).txt"
	i=$((i + 1))
done
for f in "$tmp"/book1/*.txt; do cat "$f"; echo; done > "$tmp/one1.txt"
for f in "$tmp"/book2/*.txt; do cat "$f"; echo; done > "$tmp/one2.txt"

echo "first screen, one file of $(($(wc -c < "$big") >> 20)) MB (s):"
echo "  this build:  $(ttfs "$YOMU" --no-state "$big")"
[ -n "${MAIN_YOMU:-}" ] && echo "  MAIN_YOMU:   $(ttfs "$MAIN_YOMU" --no-state "$big")"
echo "first screen, a directory of chapters (s):"
echo "  $n files:   $(ttfs "$YOMU" --no-state "$tmp/book1")"
echo "  $((2 * n)) files:   $(ttfs "$YOMU" --no-state "$tmp/book2")"
echo "--dump --width 80 (s):"
d1=$(secs "$YOMU" --dump --width 80 "$tmp/book1")
d2=$(secs "$YOMU" --dump --width 80 "$tmp/book2")
o1=$(secs "$YOMU" --dump --width 80 "$tmp/one1.txt")
echo "  $n files: $d1   $((2 * n)) files: $d2   ratio $(echo "$d2 $d1" | awk '{ printf "%.2f", $1 / $2 }')   the $n as one file: $o1"
echo "--count ICAO (s):"
c1=$(secs "$YOMU" --count ICAO "$tmp/book1")
c2=$(secs "$YOMU" --count ICAO "$tmp/book2")
echo "  $n files: $c1   $((2 * n)) files: $c2   ratio $(echo "$c2 $c1" | awk '{ printf "%.2f", $1 / $2 }')"
