#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""yomu_vt.py: yomu in the test terminal emulator (termemu.py), as TAP.

  yomu_vt.py screens   the screens of issue 17 (first screen, contents pane,
                       column list and popup, footnote popups, help, search
                       highlights, G, resizes, Ctrl-Z) on a terminal that
                       draws ambiguous characters two cells wide, one that
                       draws them one cell wide, and under tmux
  yomu_vt.py probe     asking the terminal: wide, narrow, no answer, a late
                       answer, keys typed meanwhile, what overrides it;
                       a screen sent in one write (strace)
  yomu_vt.py hyperlinks
                       URLs as OSC 8 hyperlinks (hyperlinks = on, off,
                       auto): the screen still --replay's, the hyperlinks
                       around exactly the URLs' cells, none when off, a URL
                       with an escape in the document harmless
  yomu_vt.py locale    no UTF-8 locale in the environment (LANG=C, POSIX,
                       env -i, a locale not installed), an EUC-JP terminal

Every screen is compared with `yomu --replay` of the same keys at the same
size and ambiguous width: what the terminal shows is the canvas, cell for
cell.  And the layout checks of termemu.py: no row past the right edge,
frames straight, the contents separator in one column.

Environment: YOMU (the program), srcdir, and TMPDIR_T (a scratch directory)
as tests/lib.sh sets them.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import termemu  # noqa: E402

YOMU = os.environ.get("YOMU", "src/yomu")
TMP = os.environ.get("TMPDIR_T") or "/tmp"
ALL = ("edge", "frames", "separator")
EDGE_FRAMES = ("edge", "frames")
EDGE = ("edge",)

n_tests = 0
n_failed = 0


def ok(cond, name, diag=None):
    global n_tests, n_failed
    n_tests += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_tests, name))
    if not cond:
        n_failed += 1
        for line in (diag or "").splitlines()[:40]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def skip(name, why):
    global n_tests
    n_tests += 1
    print("ok %d - %s # SKIP %s" % (n_tests, name, why))


def replay(keys, w, h, amb, env=None):
    """The rows of `yomu --replay KEYS` (the canvas as text)."""
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([YOMU, "--no-state", "--replay", keys, "--size",
                        "%dx%d" % (w, h), "--ambiguous-width", str(amb)],
                       capture_output=True, env=e, timeout=60)
    return r.stdout.decode("utf-8", "replace").rstrip("\n").split("\n")


def diff(got, want):
    out = []
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else "<none>"
        x = want[i] if i < len(want) else "<none>"
        if g != x:
            out.append("row %d: got  %s" % (i + 1, g))
            out.append("row %d: want %s" % (i + 1, x))
    return "\n".join(out)


class Session:
    """yomu (or what runs it) in the emulator, with keys typed as a
    person would (termemu.Runner) and the edge events counted per check."""

    def __init__(self, argv, w, h, amb, answer="yes", env=None,
                 encoding="utf-8", log=None):
        self.t = termemu.Terminal(w, h, ambiguous=amb, env=env,
                                  answer_dsr=answer, timeout=120,
                                  encoding=encoding, log=log)
        self.run = termemu.Runner(self.t, out=open(os.devnull, "w"))
        self.seen = 0
        self.t.spawn(argv)

    def cmd(self, line):
        self.run.command(line)

    def keys(self, tokens):
        self.cmd("keys " + tokens)
        self.t.wait_stable(250)

    def rows(self):
        return self.t.screen.text_rows()

    def checks(self, which):
        ev = self.t.screen.edge_events[self.seen:]
        self.seen = len(self.t.screen.edge_events)
        return termemu.check_all(self.t.screen, which, events=ev)

    def close(self):
        return self.t.close()


def click(s, ch):
    """Click (SGR mouse report, press and release) on the first CH on the
    screen; the same click for --replay."""
    for y, row in enumerate(s.t.screen.grid()):
        if ch in row:
            x = row.index(ch)
            break
    else:
        ok(False, "%r is on the screen to click" % ch, "\n".join(s.rows()))
        return ""
    s.t.send("\x1b[<0;%d;%dM\x1b[<0;%d;%dm" % (x + 1, y + 1, x + 1, y + 1))
    s.t.wait_stable(300)
    return "<click:%d,%d>" % (x, y)


def tokens_to_replay(tokens):
    return "".join(tokens.split())


def check_screen(s, label, keys, w, h, amb, which, env=None):
    """The screen is that of --replay KEYS (from a W x H screen), and
    passes the layout checks."""
    want = replay(keys, w, h, amb, env)
    got = s.rows()
    ok(got == want, "%s: the screen is --replay's at ambiguous width %d"
       % (label, amb), diff(got, want))
    for good, msg in s.checks(which):
        ok(good, "%s: %s" % (label, msg))


def highlighted(s, x0):
    """The text of the cells from column X0 on with a search highlight's
    background, in reading order."""
    out = []
    buf = s.t.screen.buffer
    for y in range(s.t.screen.lines - 1):
        line = buf[y]
        for x in range(x0, s.t.screen.columns):
            c = line[x]
            if c.bg in ("yellow", "green") and c.data:
                out.append(c.data)
    return "".join(out)


# ---------------------------------------------------------------------------
# The screens

# (label, keys typed, checks): the keys of every step add up; each step's
# screen is compared with --replay of all the keys so far
SCENES = [
    ("first screen", "", ALL),
    ("contents pane focused", "t j j", ALL),
    ("column list", "<Esc> c", EDGE_FRAMES),
    ("column popup (c Enter)", "<Enter>", EDGE_FRAMES),
    # a click on the ¹ after （ICAO）, an ambiguous character: the click
    # lands where the terminal drew it
    ("footnote over the column, clicked", "click:¹", EDGE),
    ("footnote popup", "q q t j j j j j j j <Enter> <Tab> <Enter>",
     EDGE_FRAMES),
    ("help", "<Esc> h", EDGE_FRAMES),
    ("help scrolled", "<PgDn>", EDGE_FRAMES),
    ("search highlights", "q / 外 国 人 <Enter>", ALL),
    ("next match", "n n", ALL),
    ("G", "G", ALL),
]
RESIZES = [
    ("resized to 80x24", 80, 24),
    ("resized to 60x20", 60, 20),
    ("resized to 100x30", 100, 30),
]


def screens(label, argv, amb, outer_amb=None, env=None, suspend=True):
    w, h = 100, 30
    s = Session(argv, w, h, outer_amb or amb, env=env)
    s.t.wait_stable(400)
    keys = ""
    try:
        for name, typed, which in SCENES:
            if typed.startswith("click:"):
                keys += click(s, typed[len("click:"):])
                ok(s.t.screen.contains("脚注 1"), "%s, %s: the footnote opens"
                   % (label, name), "\n".join(s.rows()))
            elif typed:
                s.keys(typed)
                keys += tokens_to_replay(typed)
            check_screen(s, "%s, %s" % (label, name), keys, w, h, amb, which)
            if name == "search highlights":
                x0 = 31 + (2 if amb == 2 else 1)
                text = highlighted(s, x0)
                ok(text and text == "外国人" * (len(text) // 3),
                   "%s, search highlights: the highlighted cells hold the "
                   "matches (%s)" % (label, text or "none"))
        for name, cw, ch in RESIZES:
            s.cmd("resize %dx%d" % (cw, ch))
            s.t.wait_stable(400)
            keys += "<resize:%dx%d>" % (cw, ch)
            check_screen(s, "%s, %s" % (label, name), keys, w, h, amb, ALL)
        s.keys("c")
        keys += "c"
        check_screen(s, "%s, column list after the resizes" % label, keys,
                     w, h, amb, EDGE_FRAMES)
        s.keys("<Esc>")
        keys += "<Esc>"
        if suspend:
            # Ctrl-Z: nobody stops an orphaned process group, so yomu comes
            # straight back and draws everything again, over the blanks too
            s.keys("<C-z>")
            s.t.wait_stable(400)
            check_screen(s, "%s, back from Ctrl-Z" % label, keys, w, h,
                         amb, ALL)
        s.cmd("keys q")
        status = s.t.wait_exit(5000)
        ok(status == 0, "%s: q exits 0 (%s)" % (label, status))
    finally:
        s.close()


def tmux_argv(inner):
    sock = os.path.join(TMP, "tmux.sock")
    conf = os.path.join(TMP, "tmux.conf")
    with open(conf, "w") as f:
        f.write("set -g status off\nset -g escape-time 0\n")
    return ["tmux", "-S", sock, "-f", conf, "new-session", inner]


def group_screens():
    home = os.environ.get("HOME", TMP)
    screens("wide terminal", [YOMU, "--no-state"], 2)
    screens("narrow terminal", [YOMU, "--no-state"], 1)
    if shutil.which("tmux"):
        # tmux answers for the screen it lays out, and counts ambiguous
        # characters one cell; Ctrl-Z is tmux's business there
        inner = "env HOME=%s %s --no-state" % (home, YOMU)
        try:
            screens("tmux", tmux_argv(inner), 1, env={"TMUX": ""},
                    suspend=False)
        finally:
            subprocess.run(["tmux", "-S", os.path.join(TMP, "tmux.sock"),
                            "kill-server"], capture_output=True)
    else:
        skip("the screens under tmux", "tmux is not installed")


# ---------------------------------------------------------------------------
# The probe

def probe_time(path):
    """The probe's duration in ms from a YOMU_TIMING=1 log, or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            m = re.search(r"ambiguous width probe: ([0-9.]+) ms", f.read())
    except OSError:
        return None
    return float(m.group(1)) if m else None


def timed(err):
    """argv running yomu with YOMU_TIMING=1 and standard error in ERR."""
    return ["sh", "-c", 'YOMU_TIMING=1 exec "$0" --no-state 2>"$1"', YOMU,
            err]


def group_probe():
    w, h = 80, 24
    err = os.path.join(TMP, "probe.err")
    for amb, word in ((2, "wide"), (1, "narrow")):
        s = Session(timed(err), w, h, amb)
        s.t.wait_stable(400)
        check_screen(s, "a terminal that answers %s gets %d" % (word, amb),
                     "", w, h, amb, ALL)
        ok(s.t.screen.cpr_count == 1, "%s: one question asked (%d)"
           % (word, s.t.screen.cpr_count))
        ms = probe_time(err)
        ok(ms is not None and ms < 100, "%s: the answer is taken at once "
           "(%s ms)" % (word, ms))
        s.close()

    # no answer: 1, within the bound, and the first screen right after
    start = time.monotonic()
    s = Session(timed(err), w, h, 1, answer="no")
    s.t.wait_text("国民と共にある外交", 5000)
    first = (time.monotonic() - start) * 1000
    s.t.wait_stable(300)
    check_screen(s, "a terminal that never answers gets 1", "", w, h, 1, ALL)
    ms = probe_time(err)
    ok(ms is not None and 95 <= ms < 400, "no answer: the wait is bounded "
       "(%s ms, 100 asked)" % ms)
    ok(first < 3000, "no answer: the first screen comes (%.0f ms)" % first)
    s.close()

    # a late answer is no key, on a terminal whose terminfo knows
    # ESC [ 1 ; 3 R as a key (xterm: kf51) and on one whose does not
    for term in ("xterm-256color", "screen-256color"):
        s = Session([YOMU, "--no-state"], w, h, 1, answer="late:500",
                    env={"TERM": term})
        s.cmd("keys /")
        s.t.sleep(900)
        s.keys("a b c")
        s.t.wait_stable(300)
        ok(s.t.screen.cpr_count == 1 and not s.t.timers,
           "%s: the late answer was sent" % term)
        check_screen(s, "%s: a late answer is not taken as keys (the "
                     "prompt holds /abc)" % term, "/abc", w, h, 1, EDGE)
        s.close()

    # keys typed while the terminal is asked are not lost, an escape
    # sequence included (PgDn: the cursor keys' depend on the keypad mode,
    # which curses sets only then)
    for answer in ("no", "late:300", "yes"):
        s = Session([YOMU, "--no-state"], w, h, 1, answer=answer)
        s.cmd("send jj<PgDn>k")
        s.t.wait_stable(500)
        check_screen(s, "answer %s: keys typed while yomu asks are kept"
                     % answer, "jj<PgDn>k", w, h, 1, ALL)
        s.close()

    # a wrong width (2 on a terminal that draws them narrow): blank cells,
    # no row out of line
    s = Session([YOMU, "--no-state"], 100, 30, 1,
                env={"YOMU_AMBIGUOUS_WIDTH": "2"})
    s.t.wait_stable(400)
    for scene, typed, which in (("first screen", "", ALL),
                                ("column list", "c", EDGE_FRAMES),
                                ("column", "<Enter>", EDGE_FRAMES)):
        if typed:
            s.keys(typed)
        for good, msg in s.checks(which):
            ok(good, "2 on a narrow terminal, %s: %s" % (scene, msg))
    s.close()

    # what overrides the question
    cases = [
        ("YOMU_AMBIGUOUS_WIDTH=2", {"YOMU_AMBIGUOUS_WIDTH": "2"}, 2, 2),
        ("YOMU_AMBIGUOUS_WIDTH=1", {"YOMU_AMBIGUOUS_WIDTH": "1"}, 1, 1),
        ("YOMU_AMBIGUOUS_WIDTH=auto", {"YOMU_AMBIGUOUS_WIDTH": "auto"}, 2,
         None),
    ]
    cfg = os.path.join(TMP, "amb1.ini")
    with open(cfg, "w") as f:
        f.write("[general]\nambiguous_width = 1\n")
    for name, env, outer, want in cases:
        s = Session([YOMU, "--no-state"], w, h, outer, env=env)
        s.t.wait_stable(400)
        asked = s.t.screen.cpr_count
        check_screen(s, "%s" % name, "", w, h, want or outer,
                     ALL if (want or outer) == outer else EDGE)
        ok(asked == (1 if want is None else 0), "%s: %s" % (
            name, "the terminal is asked" if want is None else
            "the terminal is not asked"))
        s.close()
    s = Session([YOMU, "--no-state", "-c", cfg], w, h, 1)
    s.t.wait_stable(400)
    ok(s.t.screen.cpr_count == 0, "ambiguous_width = 1: not asked")
    want = replay("", w, h, 1, {"YOMU_AMBIGUOUS_WIDTH": "1"})
    ok(s.rows() == want, "ambiguous_width = 1: laid out at 1",
       diff(s.rows(), want))
    s.close()
    s = Session([YOMU, "--no-state", "-c", cfg], w, h, 2,
                env={"YOMU_AMBIGUOUS_WIDTH": "auto"})
    s.t.wait_stable(400)
    ok(s.t.screen.cpr_count == 1, "YOMU_AMBIGUOUS_WIDTH=auto over "
       "ambiguous_width = 1: asked")
    check_screen(s, "YOMU_AMBIGUOUS_WIDTH=auto over ambiguous_width = 1",
                 "", w, h, 2, ALL)
    s.close()
    group_writes(w, h)


def writes_after(log, key):
    """The write() calls in an strace LOG after the read of KEY, up to the
    next read: their count, or None if KEY was never read."""
    n = None
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            if n is None:
                if line.startswith('read(') and '"%s"' % key in line:
                    n = 0
            elif line.startswith("read("):
                break
            elif line.startswith("write("):
                n += 1
    return n


def group_writes(w, h):
    """A screen goes out in one write, not a row at a time (ncurses 6.4
    sends at every cursor move until a screen has been left and taken up
    again: curses_batch in tui.c).  Seen with strace."""
    strace = shutil.which("strace")
    name = "G redraws the whole screen in one or two writes"
    if not strace:
        skip(name, "no strace (tools/install-deps installs it)")
        return
    log = os.path.join(TMP, "writes.log")
    # LeakSanitizer stops threads with ptrace, which strace holds
    env = {"ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") +
           ":detect_leaks=0"}
    s = Session([strace, "-qq", "-e", "trace=read,write", "-e",
                 "signal=none", "-o", log, YOMU, "--no-state"], w, h, 1,
                env=env)
    s.t.wait_text("国民と共にある外交", 10000)
    s.t.wait_stable(400)
    s.keys("G")
    s.keys("k")
    rows = s.rows()
    s.cmd("keys q")
    s.t.wait_stable(300)
    s.close()
    n = writes_after(log, "G")
    ok(n is not None and 1 <= n <= 2, "%s (%s)" % (name, n))
    n = writes_after(log, "k")
    ok(n is not None and 1 <= n <= 2, "k, a line back: one or two writes "
       "(%s)" % n)
    want = replay("Gk", w, h, 1)
    ok(rows == want, "and the screen is --replay's", diff(rows, want))


# ---------------------------------------------------------------------------
# Locales

def catalogue():
    """A directory with the Japanese catalogue of this tree, or None."""
    d = os.path.join(TMP, "mo")
    mo = os.path.join(d, "ja", "LC_MESSAGES", "yomu.mo")
    os.makedirs(os.path.dirname(mo), exist_ok=True)
    builddir = os.environ.get("builddir", ".")
    srcdir = os.environ.get("srcdir", ".")
    for gmo in (os.path.join(builddir, "po", "ja.gmo"),
                os.path.join(srcdir, "po", "ja.gmo")):
        if os.path.exists(gmo):
            shutil.copy(gmo, mo)
            return d
    r = subprocess.run(["msgfmt", "-o", mo, os.path.join(srcdir, "po",
                                                         "ja.po")],
                       capture_output=True)
    return d if r.returncode == 0 else None


def eucjp_locales():
    """LOCPATH with ja_JP.eucJP and C.UTF-8, built here, or None."""
    d = os.path.join(TMP, "locales")
    os.makedirs(d, exist_ok=True)
    try:
        r = subprocess.run(["localedef", "-i", "ja_JP", "-f", "EUC-JP",
                            os.path.join(d, "ja_JP.eucJP")],
                           capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if not os.path.exists(os.path.join(d, "ja_JP.eucJP", "LC_CTYPE")):
        return None
    for name in ("C.utf8", "C.UTF-8"):
        src = os.path.join("/usr/lib/locale", name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(d, "C.utf8"),
                            dirs_exist_ok=True)
            return d
    return d if r.returncode == 0 else None


def group_locale():
    w, h = 80, 24
    home = os.environ.get("HOME", TMP)
    # the screen whatever the locale says: UTF-8, with LC_CTYPE set to it
    for name, env in (("LANG=C", {"LANG": "C", "LC_ALL": ""}),
                      ("LC_ALL=POSIX", {"LC_ALL": "POSIX"}),
                      ("LANG=C LC_CTYPE=C", {"LANG": "C", "LC_CTYPE": "C",
                                             "LC_ALL": ""})):
        s = Session([YOMU, "--no-state"], w, h, 1, env=env)
        s.t.wait_stable(400)
        check_screen(s, "%s: the screen shows Japanese" % name, "", w, h, 1,
                     ALL)
        s.keys("h")
        check_screen(s, "%s: the help" % name, "h", w, h, 1, EDGE_FRAMES)
        s.close()
    s = Session(["env", "-i", "TERM=xterm-256color", "HOME=" + home, YOMU,
                 "--no-state"], w, h, 2)
    s.t.wait_stable(400)
    check_screen(s, "env -i: the screen shows Japanese", "", w, h, 2, ALL)
    s.close()

    # a LANG that names a locale not installed: the C locale, and so
    # C.UTF-8 (built into glibc 2.35 and later, so that no system here
    # lacks a UTF-8 locale: termenc.c's message for one has no test)
    empty = os.path.join(TMP, "no-locales")
    os.makedirs(empty, exist_ok=True)
    s = Session([YOMU, "--no-state"], w, h, 1,
                env={"LANG": "ja_JP.UTF-8", "LC_ALL": "", "LOCPATH": empty})
    s.t.wait_stable(400)
    check_screen(s, "LANG names a locale not installed: the screen shows "
                 "Japanese", "", w, h, 1, ALL)
    s.close()

    # an EUC-JP terminal: curses converts, messages too
    loc = eucjp_locales()
    mo = catalogue()
    if not loc or not mo:
        for n in ("first screen", "help", "search", "messages"):
            skip("EUC-JP terminal: " + n, "cannot build ja_JP.eucJP "
                 "(localedef, locales) or the catalogue")
        return
    env = {"LANG": "ja_JP.eucJP", "LC_ALL": "", "LOCPATH": loc,
           "YOMU_LOCALEDIR": mo}
    s = Session([YOMU, "--no-state"], w, h, 2, env=env, encoding="euc_jp")
    s.t.wait_stable(400)
    rows = s.rows()
    text = "\n".join(rows)
    ok("第4章　国民と共にある外交" in rows[0] and "（収録な" in text and
       "\ufffd" not in text,
       "EUC-JP terminal: the first screen in EUC-JP, no byte undecoded",
       text)
    for good, msg in s.checks(ALL):
        ok(good, "EUC-JP terminal: " + msg)
    s.keys("h")
    text = "\n".join(s.rows())
    ok("ヘルプ: キー操作" in text and "\ufffd" not in text,
       "EUC-JP terminal: the help in Japanese", text)
    s.keys("q / 外 国 <Enter>")
    last = s.rows()[-1]
    ok("一致 1/" in last, "EUC-JP terminal: a search typed in EUC-JP "
       "finds its matches", last)
    s.close()
    # --dump on the terminal is converted; into a pipe it stays UTF-8
    s = Session([YOMU, "--dump", "--width", "60"], w, h, 2, env=env,
                encoding="euc_jp")
    s.t.wait_exit(5000)
    text = "\n".join(s.rows())
    ok("自治体" in text and "\ufffd" not in text and
       any(0x3040 <= ord(ch) <= 0x9fff for ch in text),
       "EUC-JP terminal: --dump on it is in EUC-JP", text)
    s.close()
    r = subprocess.run([YOMU, "--dump", "--width", "60"], capture_output=True,
                       env=dict(os.environ, **env))
    want = subprocess.run([YOMU, "--dump", "--width", "60"],
                          capture_output=True).stdout
    ok(r.stdout == want, "EUC-JP locale: --dump into a pipe is UTF-8, as "
       "under C.UTF-8")

    # standard error in EUC-JP: yomu's messages, and strerror's
    e = dict(os.environ, **env)
    r = subprocess.run([YOMU, "--encoding", "bogus", "x"], capture_output=True,
                       env=e)
    try:
        msg = r.stderr.decode("euc_jp")
    except UnicodeDecodeError:
        msg = repr(r.stderr)
    ok("yomu: bogus: 不明な文字コードです" in msg,
       "EUC-JP locale: a message of yomu's on standard error in EUC-JP", msg)
    r = subprocess.run([YOMU, os.path.join(TMP, "no-such-file")],
                       capture_output=True, env=e)
    try:
        msg = r.stderr.decode("euc_jp")
        good = "no-such-file: " in msg
    except UnicodeDecodeError:
        msg, good = repr(r.stderr), False
    if os.path.exists("/usr/share/locale/ja/LC_MESSAGES/libc.mo"):
        good = good and "ありません" in msg
    ok(good, "EUC-JP locale: strerror's message in EUC-JP too", msg)


# ---------------------------------------------------------------------------
# Hyperlinks (OSC 8)

URL = "https://www.mofa-irc.go.jp/"
# what decides hyperlinks = auto: cleared, so that the terminal running the
# tests does not decide
HYPERLINK_ENV = ("TERM_PROGRAM", "VTE_VERSION", "KITTY_WINDOW_ID",
                 "WT_SESSION", "TMUX", "STY")
OSC8 = re.compile(rb"\x1b\]8;([^;\x07\x1b]*);([^\x07\x1b]*)(\x1b\\|\x07)?")


def hyperlink_session(setting, keys, env=None, doc=None, label=None):
    """yomu (hyperlinks = SETTING, or none set) in the emulator, KEYS typed
    (termemu tokens): the screen compared with --replay's; returns the
    session (still running) and its bytes so far."""
    w, h = 100, 30
    args = ["--no-state"]
    if setting:
        conf = os.path.join(TMP, "hyperlinks-%s.ini" % setting)
        with open(conf, "w") as f:
            f.write("[general]\nhyperlinks = %s\n" % setting)
        args += ["-c", conf]
    if doc:
        args.append(doc)
    log = io.BytesIO()
    s = Session([YOMU] + args, w, h, 1, env=env, log=log)
    s.t.wait_stable(400)
    s.keys(keys)
    r = subprocess.run([YOMU] + args + ["--replay", tokens_to_replay(keys),
                        "--size", "%dx%d" % (w, h), "--ambiguous-width", "1"],
                       capture_output=True, env=dict(os.environ, **(env or {})),
                       timeout=60)
    want = r.stdout.decode("utf-8", "replace").rstrip("\n").split("\n")
    ok(s.rows() == want, "%s: the screen is --replay's" % (label or setting),
       diff(s.rows(), want))
    return s, log


def runs_text(s):
    return "\n".join("%d:%d %s %s" % r for r in s.t.screen.link_runs())


def group_hyperlinks():
    for v in HYPERLINK_ENV:
        os.environ.pop(v, None)
    # on: the URL of the footnote popup is a hyperlink, its cells exactly
    s, log = hyperlink_session("on", "/mofa-irc <Enter>")
    runs = s.t.screen.link_runs()
    ok(len(runs) == 1 and runs[0][2] == URL and runs[0][3] == URL,
       "on: the URL's cells, and only they, link to it", runs_text(s))
    ok(b"\x1b]8;;" + URL.encode() + b"\x1b\\" in log.getvalue(),
       "on: the OSC 8 sequence is sent with the URL")
    # the link selected (its colour changes): written again, still linked
    s.keys("<Tab>")
    r = subprocess.run([YOMU, "--no-state", "-c",
                        os.path.join(TMP, "hyperlinks-on.ini"), "--replay",
                        "/mofa-irc<Enter><Tab>", "--size", "100x30",
                        "--ambiguous-width", "1"], capture_output=True)
    want = r.stdout.decode().rstrip("\n").split("\n")
    ok(s.rows() == want, "on, Tab: the screen is --replay's",
       diff(s.rows(), want))
    runs = s.t.screen.link_runs()
    ok(len(runs) == 1 and runs[0][2] == URL and runs[0][3] == URL,
       "on, Tab: the selected URL still links to it", runs_text(s))
    # the popup closed: the text under it links to nothing
    s.keys("<Esc>")
    ok(s.t.screen.link_runs() == [], "on, Esc: no hyperlink is left on "
       "the screen", runs_text(s))
    s.cmd("keys q")
    ok(s.t.wait_exit(5000) == 0, "on: q exits 0")
    s.close()
    # another popup, another URL
    s, log = hyperlink_session("on", "/gaiko/local <Enter>",
                               label="on, another URL")
    runs = s.t.screen.link_runs()
    u = "https://www.mofa.go.jp/mofaj/gaiko/local/index.html"
    ok(len(runs) == 1 and runs[0][2] == u and runs[0][3] == u,
       "on, another URL: its cells link to it", runs_text(s))
    s.close()
    # off: no OSC 8 at all
    s, log = hyperlink_session("off", "/mofa-irc <Enter>")
    ok(b"\x1b]8;" not in log.getvalue(), "off: no OSC 8 is sent")
    s.close()
    # auto: the terminals known to show them, and no others
    for env, want, name in (
            ({}, False, "auto, xterm-256color"),
            ({"TERM_PROGRAM": "WezTerm"}, True, "auto, TERM_PROGRAM=WezTerm"),
            ({"VTE_VERSION": "7600"}, True, "auto, VTE_VERSION=7600"),
            ({"KITTY_WINDOW_ID": "1", "TMUX": "/tmp/x,1,0"}, False,
             "auto, kitty but inside tmux")):
        s, log = hyperlink_session(None, "/mofa-irc <Enter>", env=env,
                                   label=name)
        got = b"\x1b]8;;" + URL.encode() in log.getvalue()
        ok(got == want, "%s: hyperlinks %s" % (name, "on" if want else "off"))
        s.close()
    # an escape in the document's URL: shown as ^[, and sent as text, so
    # that no sequence of the document's reaches the terminal
    src = os.path.join(os.environ.get("srcdir", "."),
                       "data/bluebook-2026-ch4-s1.txt")
    doc = os.path.join(TMP, "hostile-url.txt")
    with open(src, "rb") as f:
        text = f.read()
    evil = b"\x1b]8;;http://evil/\x1b\\x\x07y"
    with open(doc, "wb") as f:
        f.write(text.replace(b"<" + URL.encode() + b">",
                             b"<" + URL.encode() + evil + b">"))
    s, log = hyperlink_session("on", "/mofa-irc <Enter>", doc=doc,
                               label="on, an escape in the URL")
    data = log.getvalue()
    opens = [m.group(2) for m in OSC8.finditer(data) if m.group(2)]
    shown = URL + "^[]8;;http://evil/^[\\x^Gy"
    ok(opens and all(o == shown.encode() for o in opens),
       "an escape in the URL: the hyperlink's URL is the text shown, ^[ "
       "and all (%s)" % opens[:2])
    ok(b"\x07" not in data and b"http://evil/\x1b" not in data
       and data.count(b"\x1b]") == data.count(b"\x1b]8;;"),
       "no BEL, no escape of the document's, no other OSC sent")
    runs = s.t.screen.link_runs()
    ok(len(runs) == 1 and runs[0][2] == shown and runs[0][3] == shown,
       "its cells link to it, and nothing else links", runs_text(s))
    s.close()


def main(argv):
    groups = {"screens": group_screens, "probe": group_probe,
              "locale": group_locale, "hyperlinks": group_hyperlinks}
    if len(argv) != 2 or argv[1] not in groups:
        sys.stderr.write("usage: yomu_vt.py screens|probe|locale|hyperlinks\n")
        return 2
    groups[argv[1]]()
    print("1..%d" % n_tests)
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
