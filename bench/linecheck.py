#!/usr/bin/env python3
"""Line-layout property check for bench/layout-compare.sh (stdlib only).

Subcommands:

  paras FILE             print the non-blank lines of FILE (the "paragraphs"
                         every tool is given; each source line is a
                         paragraph, heading or caption)
  html FILE              the same paragraphs as minimal HTML, one <p> each
  wrap -w W FILE         simulate less(1) wrapping the paragraphs at W cells
  check -w W [--source FILE [--approx]] [-v]
                         check the text on stdin; print
                         "lines too_wide bad_start bad_end split_units"

Cell widths: East Asian Wide/Fullwidth = 2, combining marks (Mn, Me) and
format characters (Cf) = 0, everything else (including East Asian
Ambiguous) = 1; a tab advances to the next multiple of 8 (from the start
of the row).
"""

import argparse
import html
import re
import signal
import sys
import unicodedata

TABSTOP = 8

# JLReq line-start-forbidden characters (cl-02 closing brackets, cl-03
# hyphens, cl-04 dividing punctuation, cl-05 middle dots, cl-06 full stops,
# cl-07 commas, cl-09 iteration marks, cl-10 prolonged sound mark, cl-11
# small kana), plus their fullwidth / halfwidth forms.
BAD_START = set(
    "’”)〕]}〉》」』】〙〗〟‐〜゠–!?‼⁇⁈⁉・:;。.、,ヽヾゝゞ々〻ー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "）］｝、。，．・：；！？ｰｧｨｩｪｫｯｬｭｮ～")
# JLReq line-end-forbidden characters (cl-01 opening brackets).
BAD_END = set("‘“(〔[{〈《「『【⦅〘〖«〝（［｛")
# Punctuation that may hang one cell past the measure.
HANGING = set("、。，．,.")
# What is stripped from both ends of a line before the start/end checks:
# spaces, ideographic space, and the frame characters yomu draws around
# columns (コラム).
FRAME = " \t\u3000│┃║|┌┐└┘├┤─━═"

ALNUM = re.compile(r"[A-Za-z0-9]")


def char_width(ch):
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def text_width(s):
    col = 0
    for ch in s:
        if ch == "\t":
            col += TABSTOP - col % TABSTOP
        else:
            col += char_width(ch)
    return col


def read_paras(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f if line.strip()]


# ---------------------------------------------------------------- paras/html

def cmd_paras(args):
    for p in read_paras(args.file):
        print(p)


def cmd_html(args):
    out = ['<html><head><meta charset="utf-8"></head><body>']
    for p in read_paras(args.file):
        out.append("<p>%s</p>" % html.escape(p))
    out.append("</body></html>")
    print("\n".join(out))


# ---------------------------------------------------------------- wrap

def less_rows(line, width):
    """Rows that less (no -S) shows for one file line on a WIDTH-cell screen.

    less wraps character by character at exactly the screen width; a wide
    character that would need the last cell plus one more goes to the next
    row, leaving the last cell blank.  A tab is stored as spaces up to the
    next multiple of 8 counted from the start of the screen row; when they
    do not all fit, the row is ended there and the tab is expanded again at
    the start of the next row (less re-reads the character that overflowed).
    Trailing blanks are dropped (they are invisible on screen)."""
    rows, cur, col = [], [], 0
    for ch in line:
        if ch == "\t":
            nxt = col + TABSTOP - col % TABSTOP
            if nxt > width and col > 0:
                # less stores the spaces that fit, then, the line being
                # full, starts the next row at the tab again.
                rows.append("".join(cur))
                cur, col = [], 0
                nxt = TABSTOP
            nxt = min(nxt, width)
            cur.append(" " * (nxt - col))
            col = nxt
            continue
        w = char_width(ch)
        if col + w > width:
            rows.append("".join(cur))
            cur, col = [], 0
        cur.append(ch)
        col += w
    rows.append("".join(cur))
    return [r.rstrip(" ") for r in rows]


def cmd_wrap(args):
    for p in read_paras(args.file):
        for r in less_rows(p, args.width):
            print(r)


# ---------------------------------------------------------------- check

def strip_frame(s):
    return s.strip(FRAME)


def align(rows, paras):
    """Map every non-blank character of ROWS to its index in the source.

    The source is the paragraphs joined with "\n"; blanks (and the
    paragraph separators) are skipped on both sides, so the result does not
    depend on how a tool turned tabs or runs of spaces into cells.
    Returns, per row, (first index, last index) or None for a blank row;
    raises ValueError when the output is not the source text in order."""
    src = "\n".join(paras)
    pos, spans = 0, []
    for n, row in enumerate(rows, 1):
        first = last = None
        for ch in row:
            if ch.isspace():
                continue
            while pos < len(src) and src[pos].isspace():
                pos += 1
            if pos >= len(src) or src[pos] != ch:
                got = src[pos:pos + 10] if pos < len(src) else "EOF"
                raise ValueError("line %d: %r, source has %r" % (n, ch, got))
            if first is None:
                first = pos
            last = pos
            pos += 1
        spans.append(None if first is None else (first, last))
    return src, spans


def split_units_exact(rows, paras, verbose):
    src, spans = align(rows, paras)
    count = 0
    for i in range(len(rows) - 1):
        a, b = spans[i], spans[i + 1]
        if a is None or b is None:
            continue
        # Adjacent in the source: same paragraph, nothing in between.
        if b[0] == a[1] + 1 and ALNUM.fullmatch(src[a[1]]) \
                and ALNUM.fullmatch(src[b[0]]):
            count += 1
            if verbose:
                print("split: %r | %r" % (rows[i], rows[i + 1]),
                      file=sys.stderr)
    return count


TRAIL = re.compile(r"[A-Za-z0-9]+$")
LEAD = re.compile(r"^[A-Za-z0-9]+")


def split_units_approx(rows, paras, verbose):
    """For output that is not a plain rewrap of the source (yomu adds
    indents, frames, superscripts...): a break between two consecutive
    non-blank rows (frames stripped) counts when the row ends with an
    ASCII alphanumeric run R1, the next starts with a run R2, and R1+R2
    occurs in the source as a whole alphanumeric run."""
    src = "\n".join(paras)
    count = 0
    for i in range(len(rows) - 1):
        a, b = strip_frame(rows[i]), strip_frame(rows[i + 1])
        if not a or not b:
            continue
        m1, m2 = TRAIL.search(a), LEAD.search(b)
        if not (m1 and m2):
            continue
        unit = re.escape(m1.group() + m2.group())
        if re.search(r"(?<![A-Za-z0-9])%s(?![A-Za-z0-9])" % unit, src):
            count += 1
            if verbose:
                print("split: %r | %r" % (rows[i], rows[i + 1]),
                      file=sys.stderr)
    return count


def cmd_check(args):
    rows = [line.rstrip("\r\n") for line in sys.stdin]
    lines = too_wide = bad_start = bad_end = 0
    for row in rows:
        if not row.strip():
            continue
        lines += 1
        w = text_width(row)
        if w > args.width and not (row[-1] in HANGING
                                   and text_width(row[:-1]) <= args.width):
            too_wide += 1
            if args.verbose:
                print("too wide (%d): %r" % (w, row), file=sys.stderr)
        s = strip_frame(row)
        if s and s[0] in BAD_START:
            bad_start += 1
            if args.verbose:
                print("bad start: %r" % row, file=sys.stderr)
        if s and s[-1] in BAD_END:
            bad_end += 1
            if args.verbose:
                print("bad end: %r" % row, file=sys.stderr)
    split = "-"
    if args.source:
        paras = read_paras(args.source)
        if args.approx:
            split = split_units_approx(rows, paras, args.verbose)
        else:
            try:
                split = split_units_exact(rows, paras, args.verbose)
            except ValueError as e:
                print("linecheck: cannot align output with source: %s" % e,
                      file=sys.stderr)
                split = "?"
    print(lines, too_wide, bad_start, bad_end, split)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("paras")
    p.add_argument("file")
    p.set_defaults(func=cmd_paras)
    p = sub.add_parser("html")
    p.add_argument("file")
    p.set_defaults(func=cmd_html)
    p = sub.add_parser("wrap")
    p.add_argument("-w", "--width", type=int, required=True)
    p.add_argument("file")
    p.set_defaults(func=cmd_wrap)
    p = sub.add_parser("check")
    p.add_argument("-w", "--width", type=int, required=True)
    p.add_argument("--source", help="seed file, for split units")
    p.add_argument("--approx", action="store_true",
                   help="split units by run matching (for yomu)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list the offending lines on stderr")
    p.set_defaults(func=cmd_check)
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet under head(1)
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdin.reconfigure(encoding="utf-8")
    args.func(args)


if __name__ == "__main__":
    main()
