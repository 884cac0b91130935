#!/bin/sh
# search.sh: search speed on a large document: the chapter repeated 1000
# times (about 43 MB).  Side by side with grep -c on the same file.
#   - counting all matches (yomu --count PATTERN FILE, which loads, parses,
#     builds the normalised index and counts), against grep -c and grep -o;
#   - the first match while typing: the time from the first key of an
#     incremental search to its first match, measured inside yomu
#     (--replay with YOMU_TIMING=1, which reports the search's own time);
#   - regular expressions: yomu --count PATTERN --regex against grep -cP
#     (PCRE, as yomu) and grep -cE (POSIX extended), and grep -oP | wc -l
#     (the matches, not the lines), with the count alone from YOMU_TIMING.
# Usage: bench/search.sh [-n RUNS] [PATTERN...]
# Environment: REGEXES, the expressions to measure (one per line).
set -u
cd "$(dirname "$0")/.."
YOMU=${YOMU:-./src/yomu}
runs=5
[ "${1:-}" = -n ] && { runs=$2; shift 2; }
[ $# -eq 0 ] && set -- "ICAO" "国際機関" "の"
big=${BIG:-/tmp/yomu-bench-big.txt}
if [ ! -s "$big" ]; then
	i=0
	: > "$big"
	while [ $i -lt 1000 ]; do cat data/bluebook-2026-ch4-s1.txt >> "$big"; echo >> "$big"; i=$((i + 1)); done
fi
echo "# file: $big ($(wc -c < "$big") bytes), $runs runs each, median seconds"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timeit() { # command... : median wall time over $runs runs
	i=0
	while [ $i -lt $runs ]; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s.%N)
		echo "$e - $s" | bc -l
		i=$((i + 1))
	done | median
}

printf '%-10s %12s %12s %12s %10s %10s\n' pattern "yomu-count" "grep-c" "grep-o|wc" matches ratio
for p in "$@"; do
	y=$(timeit "$YOMU" --count "$p" "$big")
	g=$(timeit grep -c -- "$p" "$big")
	o=$(timeit sh -c "grep -o -- '$p' '$big' | wc -l")
	m=$("$YOMU" --count "$p" "$big")
	r=$(echo "$y / $g" | bc -l)
	printf '%-10s %12.3f %12.3f %12.3f %10s %10.1f\n' "$p" "$y" "$g" "$o" "$m" "$r"
done
echo "# yomu-count includes reading, parsing and indexing the 43 MB file; the"
echo "# count alone (YOMU_TIMING=1 prints it to stderr):"
for p in "$@"; do
	YOMU_TIMING=1 "$YOMU" --count "$p" "$big" 2>&1 >/dev/null | sed "s/^/#   $p: /"
done
echo "# first match while typing (incremental search, first key), on the screen:"
YOMU_TIMING=1 "$YOMU" --replay "/国" --size 100x30 "$big" 2>&1 >/dev/null | sed 's/^/#   /'
YOMU_TIMING=1 "$YOMU" --replay "/国際機関" --size 100x30 "$big" 2>&1 >/dev/null | sed 's/^/#   /'
# regular expressions: the same matching over the normalised index
regexes=${REGEXES:-'ICAO|ITLOS
国際(機関|社会)
[0-9]+年[0-9]+月
\p{Han}{4}機関
の'}
printf '%-18s %12s %10s %10s %12s %10s %10s\n' regex "yomu-count" "grep-cP" "grep-cE" "grep-oP|wc" matches ratio-P
printf '%s\n' "$regexes" | while IFS= read -r p; do
	y=$(timeit "$YOMU" --count "$p" --regex "$big")
	gp=$(timeit grep -cP -- "$p" "$big")
	# (POSIX has no \p{...})
	case $p in *'\p'*) ge=- ;; *) ge=$(timeit grep -cE -- "$p" "$big" | xargs printf '%.3f') ;; esac
	go=$(timeit sh -c "grep -oP -- '$p' '$big' | wc -l")
	m=$("$YOMU" --count "$p" --regex "$big")
	r=$(echo "$y / $gp" | bc -l)
	printf '%-18s %12.3f %10.3f %10s %12.3f %10s %10.1f\n' "$p" "$y" "$gp" "$ge" "$go" "$m" "$r"
done
echo "# the regex count alone, without reading and indexing (YOMU_TIMING=1):"
printf '%s\n' "$regexes" | while IFS= read -r p; do
	t=$(YOMU_TIMING=1 "$YOMU" --count "$p" --regex "$big" 2>&1 >/dev/null | grep count)
	printf '#   %s: %s\n' "$p" "$t"
done
echo "# first match while typing a regex (the last key of /<C-r>ICAO|ITLOS):"
YOMU_TIMING=1 "$YOMU" --replay "/<C-r>ICAO|ITLOS" --size 100x30 "$big" 2>&1 >/dev/null | grep incremental | tail -n 1 | sed 's/^/#   /'
# n on a paragraph of a million matches (one block, 'あ。' lines with no
# blank line): each n costs the matches on the screen, not the paragraph's.
para=$(mktemp)
yes 'あ。' | head -n 1000000 > "$para"
t0=$(timeit "$YOMU" --no-state --replay "/あ<Enter>" --size 100x30 "$para")
t40=$(timeit "$YOMU" --no-state --replay "/あ<Enter>$(printf 'n%.0s' $(seq 40))" --size 100x30 "$para")
echo "# one paragraph, 1,000,000 matches: search $t0 s; 40 n more $(echo "$t40 - $t0" | bc -l | xargs printf '%.3f') s" \
	"($(echo "($t40 - $t0) * 1000 / 40" | bc -l | xargs printf '%.1f') ms per n)"
# the same with a regex whose matches have lengths of their own
t0=$(timeit "$YOMU" --no-state --replay "/<C-r>あ。?<Enter>" --size 100x30 "$para")
t40=$(timeit "$YOMU" --no-state --replay "/<C-r>あ。?<Enter>$(printf 'n%.0s' $(seq 40))" --size 100x30 "$para")
echo "# the same, regex あ。? (1,000,000 matches of 2 characters): search $t0 s; 40 n more" \
	"$(echo "$t40 - $t0" | bc -l | xargs printf '%.3f') s ($(echo "($t40 - $t0) * 1000 / 40" | bc -l | xargs printf '%.1f') ms per n)"
rm -f "$para"
