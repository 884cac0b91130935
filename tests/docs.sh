#!/bin/sh
# docs.sh: the README and the man page cannot drift from the program.
# Every action of the key table (the default [keys] of --print-config) has
# a row in the README's key tables with exactly its default keys, and an
# entry in the man page with its keys and its name; every option --help
# lists is in the README's option list and the man page, and the README
# lists no option --help does not know; and the README's example screen is
# what --replay prints for the keys it names.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
readme="$srcdir/README"
man="$srcdir/doc/yomu.1"

# the man page as text: \[uXXXX] and \- decoded, font macros applied
# (.B joins its words with spaces, .BR and the like without), other
# requests kept as they are
man_text() {
	python3 -c '
import re, shlex, sys
s = open(sys.argv[1], encoding="ascii").read()
s = re.sub(r"\\\[u([0-9A-F]{4,5})\]", lambda m: chr(int(m.group(1), 16)), s)
s = s.replace("\\-", "-").replace("\\(em", "-").replace("\\e", "\\")
s = s.replace("\\[aq]", chr(39))
s = re.sub(r"\\f[BIRP]", "", s)
for line in s.split("\n"):
    m = re.match(r"^\.(B|I|BR|RB|IR|RI|BI|IB) (.*)$", line)
    if m:
        try:
            words = shlex.split(m.group(2), posix=True)
        except ValueError:
            words = m.group(2).split()
        line = (" " if len(m.group(1)) == 1 else "").join(words)
    print(line)' "$1"
}
mt=$(man_text "$man")

# the default bindings: "action = key, key" lines of the [keys] section
"$YOMU" --print-config | sed -n '/^\[keys\]/,/^\[/p' | grep '^[a-z-]* = ' > "$TMPDIR_T/keys"
n=$(wc -l < "$TMPDIR_T/keys")
ok $([ "$n" -gt 30 ]; echo $?) "the default configuration binds the actions ($n)"

bad=0
while IFS= read -r line; do
	action=${line%% = *} keys=${line#* = }
	row=$(grep "^| [^|]* | $action | " "$readme" | head -n 1)
	got=$(printf '%s\n' "$row" | cut -d'|' -f2 | sed 's/^ *//; s/ *$//')
	if [ "$got" != "$keys" ]; then
		echo "# README: $action: keys \"$got\", the program's \"$keys\""
		bad=1
	fi
done < "$TMPDIR_T/keys"
ok $bad "the README's key tables give every action with its default keys"

bad=0
while IFS= read -r line; do
	action=${line%% = *}
	case $mt in *"($action)"*) ;; *) echo "# man page: no ($action)"; bad=1 ;; esac
done < "$TMPDIR_T/keys"
ok $bad "the man page names every action"

bad=0
while IFS= read -r line; do
	action=${line%% = *} keys=${line#* = }
	# the .TP line before "(action)" holds the keys
	entry=$(printf '%s\n' "$mt" | grep -B 30 "($action)" | grep -A1 '^\.TP' | grep -v '^\.TP' | tail -n 1)
	[ "$entry" = "$keys" ] || { echo "# man page: $action: \"$entry\", the program's \"$keys\""; bad=1; }
done < "$TMPDIR_T/keys"
ok $bad "the man page gives every action's default keys"

# the command-line options
"$YOMU" --help | grep -o -- '--[a-z][a-z-]*' | sort -u > "$TMPDIR_T/help-opts"
sed -n '/^    yomu \[OPTION\]/,/^Keys/p' "$readme" | grep -o -- '--[a-z][a-z-]*' | sort -u > "$TMPDIR_T/readme-opts"
missing=$(comm -23 "$TMPDIR_T/help-opts" "$TMPDIR_T/readme-opts" | tr '\n' ' ')
extra=$(comm -13 "$TMPDIR_T/help-opts" "$TMPDIR_T/readme-opts" | tr '\n' ' ')
is "$missing" "" "the README's option list has every option of --help"
is "$extra" "" "and none that --help lacks"
bad=0
for o in $(cat "$TMPDIR_T/help-opts"); do
	case $mt in *"$o"*) ;; *) echo "# man page: no $o"; bad=1 ;; esac
done
ok $bad "the man page has every option of --help"

# the README's example screen: what --replay prints for the keys it names
# (the indented block after the line that gives the command)
trim_end() { # blanks at line ends and blank lines at the end dropped
	sed 's/ *$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}
cmdline=$(grep -o "\`yomu --replay '[^']*' --size [0-9]*x[0-9]*\`" "$readme" | head -n 1 | tr -d '\`')
keys=$(printf '%s\n' "$cmdline" | sed "s/^yomu --replay '\\([^']*\\)'.*/\\1/")
size=${cmdline##* }
awk -v c="$cmdline" 'found == 1 && /^    / { sub(/^    /, ""); print; started = 1; next }
	found == 1 && started && !/^    / && !/^$/ { exit }
	found == 1 && started && /^$/ { print ""; next }
	index($0, c) { found = 1 }' "$readme" | trim_end > "$TMPDIR_T/readme-screen"
"$YOMU" --replay "$keys" --size "$size" | trim_end > "$TMPDIR_T/replay-screen"
ok $([ -n "$keys" ] && [ -s "$TMPDIR_T/readme-screen" ] && cmp -s "$TMPDIR_T/readme-screen" "$TMPDIR_T/replay-screen"; echo $?) \
	"the README's example screen is what --replay '$keys' --size $size prints"
done_testing
