# lib.sh: TAP helpers for the shell tests.  Sourced; expects $YOMU and
# $srcdir from the test environment (make check sets them).
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${builddir:=$srcdir}"
: "${YOMU:=$builddir/src/yomu}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
TMPDIR_T=$(mktemp -d)
trap 'rm -rf "$TMPDIR_T"' EXIT
export HOME="$TMPDIR_T/home" XDG_CONFIG_HOME= XDG_STATE_HOME="$TMPDIR_T/state"
mkdir -p "$HOME"
t_n=0
t_fail=0

ok() { # ok COND-STATUS NAME
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_fail=$((t_fail + 1))
	fi
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got:  %s\n# want: %s\n' "$1" "$2"
	fi
}

skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

done_testing() {
	echo "1..$t_n"
	[ "$t_fail" -eq 0 ]
}
