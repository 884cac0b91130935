#!/bin/sh
# layout-compare.sh -- compare the line layout of yomu with less and w3m.
#
# The same line-layout property check (bench/linecheck.py check) is run
# over three renderings of the built-in chapter, data/bluebook-2026-ch4-s1.txt,
# at several widths:
#
#   yomu   src/yomu --dump --width W on the seed file (yomu parses it into
#          headings, paragraphs joined across page breaks, framed columns...;
#          same file, but structured, so its line counts differ);
#   less   less's hard wrapping of the non-blank lines of the seed file,
#          simulated by linecheck.py wrap (cut at exactly W cells, character
#          by character; a wide character that does not fit in the last cell
#          goes to the next row; tabs as less expands them);
#   w3m    the same non-blank lines, one HTML <p> each, through
#          w3m -dump -cols W.
#
# Counted, per non-empty output line: too_wide (wider than W cells, except
# one hanging 、。，．,. ), bad_start (JLReq line-start-forbidden character
# first, after stripping blanks and frame characters), bad_end (opening
# bracket last) and split_units (a break between two ASCII alphanumerics of
# one unbroken word or number of the source).  For less and w3m the output
# is aligned character by character with the source, so split units are
# exact; for yomu they are matched by text (see linecheck.py).
#
# The less simulation was checked against real less (less 590, tmux 3.3a,
# LC_ALL=C.UTF-8; run this script with -V to redo it): one screen of 49
# rows at width 40 matches exactly, and so does one 1200-row screen (the
# whole document at widths 37, 40, 61 and 80; its first 1199 rows at 9, 10,
# 13 and 20) -- including wide characters pushed off the last cell and the
# tab corner case: when a tab's spaces do not all fit, less ends the row
# and expands the tab again at the start of the next one.
#
# Usage: bench/layout-compare.sh [-w 20,40,60,80] [-v] [-V]
#   -w LIST  widths, comma-separated (default 20,40,60,80)
#   -v       list every offending line on stderr
#   -V       also compare the less simulation with real less in tmux
# Environment: YOMU (default ./src/yomu), PYTHON (default python3).

set -u

cd "$(dirname "$0")/.." || exit 1

widths=20,40,60,80
verbose=
verify=
while getopts w:vVh opt; do
    case $opt in
    w) widths=$OPTARG ;;
    v) verbose=-v ;;
    V) verify=1 ;;
    *) sed -n '/^# Usage:/,/^# Environment/s/^# \{0,1\}//p' "$0"
       [ "$opt" = h ] && exit 0
       exit 2 ;;
    esac
done
widths=$(printf '%s\n' "$widths" | tr ',' ' ')
for w in $widths; do
    case $w in
    ''|*[!0-9]*) echo "layout-compare: bad width: $w" >&2; exit 2 ;;
    esac
    if [ "$w" -lt 8 ]; then
        echo "layout-compare: width must be at least 8: $w" >&2; exit 2
    fi
done

YOMU=${YOMU:-./src/yomu}
PYTHON=${PYTHON:-python3}
SEED=data/bluebook-2026-ch4-s1.txt
LC=bench/linecheck.py

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "layout-compare: $PYTHON not found; it is needed for $LC" >&2
    exit 1
fi
if [ ! -r "$SEED" ]; then
    echo "layout-compare: $SEED not found" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/layout-compare.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

"$PYTHON" "$LC" paras "$SEED" >"$tmp/paras.txt"
"$PYTHON" "$LC" html "$SEED" >"$tmp/paras.html"
npara=$(wc -l <"$tmp/paras.txt" | tr -d ' ')

tools=
notes=
if [ -x "$YOMU" ]; then
    tools="$tools yomu"
else
    notes="$notes
# skipped yomu: $YOMU not found or not executable (build it, or set YOMU)"
fi
tools="$tools less"
if command -v w3m >/dev/null 2>&1; then
    tools="$tools w3m"
else
    notes="$notes
# skipped w3m: not installed"
fi

# render TOOL WIDTH: the tool's output on stdout
render() {
    case $1 in
    yomu) "$YOMU" --dump --width "$2" "$SEED" ;;
    less) "$PYTHON" "$LC" wrap -w "$2" "$SEED" ;;
    w3m)  w3m -dump -cols "$2" -O UTF-8 -I UTF-8 -T text/html "$tmp/paras.html" ;;
    esac
}

# check TOOL WIDTH: "lines too_wide bad_start bad_end split_units"
check() {
    case $1 in
    yomu) set -- "$1" "$2" --source "$SEED" --approx ;;
    *)    set -- "$1" "$2" --source "$SEED" ;;
    esac
    tool=$1 w=$2
    shift 2
    if [ -n "$verbose" ]; then
        echo "== $tool width $w" >&2
    fi
    if ! render "$tool" "$w" >"$tmp/out.txt"; then
        echo "layout-compare: $tool failed at width $w" >&2
        echo "? ? ? ? ?"
        return
    fi
    "$PYTHON" "$LC" check -w "$w" $verbose "$@" <"$tmp/out.txt"
}

# verify_less WIDTH HEIGHT: one screen of real less in a private tmux
# server against the simulation; prints a one-line verdict.
verify_less() {
    if ! command -v tmux >/dev/null 2>&1 || ! command -v less >/dev/null 2>&1
    then
        echo "# less check: skipped (needs tmux and less)"
        return
    fi
    sock=layout-compare-$$
    rows=$(($2 - 1))
    LC_ALL=C.UTF-8 tmux -L "$sock" -f /dev/null new-session -d -x "$1" -y "$2" \
        "env LC_ALL=C.UTF-8 LESSCHARSET=utf-8 LESS= LESSOPEN= LESSCLOSE= less '$tmp/paras.txt'" ||
        { echo "# less check: could not start tmux"; return; }
    i=0
    while [ $i -lt 50 ]; do
        sleep 0.1
        LC_ALL=C.UTF-8 tmux -L "$sock" capture-pane -p -t 0 -S 0 -E "$rows" \
            >"$tmp/real.txt" 2>/dev/null
        # the prompt is on the last row once less has drawn the screen
        [ -n "$(tail -n 1 "$tmp/real.txt")" ] && break
        i=$((i + 1))
    done
    LC_ALL=C.UTF-8 tmux -L "$sock" kill-server 2>/dev/null
    head -n "$rows" "$tmp/real.txt" >"$tmp/real-screen.txt"
    "$PYTHON" "$LC" wrap -w "$1" "$tmp/paras.txt" >"$tmp/sim.txt"
    head -n "$rows" "$tmp/sim.txt" >"$tmp/sim-screen.txt"
    if cmp -s "$tmp/real-screen.txt" "$tmp/sim-screen.txt"; then
        echo "# less check: width $1, first $rows rows: simulation = real less"
    else
        echo "# less check: width $1: simulation DIFFERS from real less:"
        diff "$tmp/real-screen.txt" "$tmp/sim-screen.txt" | head -n 10 | sed 's/^/#   /'
    fi
}

echo "# Line-layout check of $SEED ($npara non-blank source lines)"
echo "# yomu: $YOMU --dump (same file, parsed: headings, paragraphs, frames)"
echo "# less: simulated hard wrap of the non-blank lines at W cells"
echo "# w3m:  the same lines as HTML <p>, w3m -dump -cols W"
[ -n "$notes" ] && printf '%s\n' "$notes" | sed '/^$/d'
if [ -n "$verify" ]; then
    verify_less 40 50
fi
printf '%-5s %5s %6s %8s %9s %7s %11s\n' \
    tool width lines too_wide bad_start bad_end split_units

for tool in $tools; do
    tl=0 tw=0 ts=0 te=0 tu=0 failed=
    for w in $widths; do
        set -- $(check "$tool" "$w")
        printf '%-5s %5s %6s %8s %9s %7s %11s\n' "$tool" "$w" "$@"
        case "$1$2$3$4$5" in
        *[!0-9]*) failed=1; continue ;;
        esac
        tl=$((tl + $1)) tw=$((tw + $2)) ts=$((ts + $3)) te=$((te + $4))
        tu=$((tu + $5))
    done
    if [ -n "$failed" ]; then
        tl='?' tw='?' ts='?' te='?' tu='?'
    fi
    printf '%-5s %5s %6s %8s %9s %7s %11s\n' "$tool" total "$tl" "$tw" "$ts" "$te" "$tu"
done
echo "# lines = non-empty output lines; split_units for yomu matched by text"
echo "# (its output is not a plain rewrap), for less/w3m exact."
exit 0
