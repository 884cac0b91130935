#!/bin/sh
# vertical.sh: text set vertically (縦書き) against horizontal text on the
# large document (the chapter repeated 1000 times, about 43 MB, as in
# bench/search.sh):
#   - the first screen in a pseudo-terminal (bench/ttfs.py), 100x30,
#     horizontal (yomu FILE) and vertical (yomu --vertical FILE), the two
#     taking turns; and G, to the end (its contents pane: 3　地方自治体…);
#   - the first screen headless (--replay '' --replay-stream), wall time;
#   - --dump --vertical against --dump, and --dump --vertical at N and 2N
#     (half the file, the whole): linear in the input.
# Target: the first vertical screen within 1.5x of the horizontal one.
# Usage: bench/vertical.sh [-n RUNS]
set -u
cd "$(dirname "$0")/.."
YOMU=${YOMU:-./src/yomu}
runs=5
[ "${1:-}" = -n ] && { runs=$2; shift 2; }
big=${BIG:-/tmp/yomu-bench-big.txt}
half=/tmp/yomu-bench-half.txt
if [ ! -s "$big" ]; then
	i=0
	: > "$big"
	while [ $i -lt 1000 ]; do cat data/bluebook-2026-ch4-s1.txt >> "$big"; echo >> "$big"; i=$((i + 1)); done
fi
if [ ! -s "$half" ]; then
	i=0
	: > "$half"
	while [ $i -lt 500 ]; do cat data/bluebook-2026-ch4-s1.txt >> "$half"; echo >> "$half"; i=$((i + 1)); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# file: $big ($(wc -c < "$big") bytes), medians of $runs runs ($((runs * 3)) for the terminal)"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
wall() { # median wall time of a command, its output thrown away
	i=0
	while [ $i -lt $runs ]; do
		s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N)
		echo "$e - $s" | bc -l
		i=$((i + 1))
	done | median
}
ratio() { echo "scale=2; $1 / $2" | bc -l; }

# the first screen and G in a pseudo-terminal, taking turns
: > "$tmp/h.t"
: > "$tmp/v.t"
i=0
while [ $i -lt $((runs * 3)) ]; do
	timeout 60 python3 bench/ttfs.py --settle "第1節" "3　地方自治体" -- "$YOMU" --no-state "$big" >> "$tmp/h.t"
	timeout 60 python3 bench/ttfs.py --settle "第1節" "3　地方自治体" -- "$YOMU" --no-state --vertical "$big" >> "$tmp/v.t"
	i=$((i + 1))
done
hf=$(cut -d' ' -f1 "$tmp/h.t" | median); vf=$(cut -d' ' -f1 "$tmp/v.t" | median)
he=$(cut -d' ' -f2 "$tmp/h.t" | median); ve=$(cut -d' ' -f2 "$tmp/v.t" | median)
printf 'first screen, pty  horizontal %8.5f s   vertical %8.5f s   vertical/horizontal %5sx  (target <= 1.5x)\n' \
	"$hf" "$vf" "$(ratio "$vf" "$hf")"
printf 'G, pty             horizontal %8.5f s   vertical %8.5f s   vertical/horizontal %5sx\n' \
	"$he" "$ve" "$(ratio "$ve" "$he")"

# headless: the first piece read, the first screen drawn, printed
hr=$(wall "$YOMU" --no-state --replay '' --replay-stream --size 100x30 "$big")
vr=$(wall "$YOMU" --no-state --vertical --replay '' --replay-stream --size 100x30 "$big")
printf 'first screen, --replay-stream  horizontal %7.4f s   vertical %7.4f s   %5sx  (wall)\n' "$hr" "$vr" "$(ratio "$vr" "$hr")"
YOMU_TIMING=1 "$YOMU" --no-state --vertical --replay 'jjjjj<resize:80x24><resize:120x40>' --size 100x30 "$big" 2>&1 >/dev/null |
	grep resize | sed 's/^/resize, vertical                /'

# --dump --vertical, and linear in the input
hd=$(wall "$YOMU" --dump --width 80 "$big")
vd=$(wall "$YOMU" --dump --vertical --size 80x24 "$big")
vh=$(wall "$YOMU" --dump --vertical --size 80x24 "$half")
printf 'dump               --width 80 %7.3f s   --vertical 80x24 %7.3f s   %5sx\n' "$hd" "$vd" "$(ratio "$vd" "$hd")"
printf 'dump --vertical    N (500 chapters) %7.3f s   2N %7.3f s   t(2N)/t(N) %5s  (linear: about 2)\n' \
	"$vh" "$vd" "$(ratio "$vd" "$vh")"
