# README's first command, on a fresh copy of the tree (no build/, no
# earlier run's files): `make run` and `make run WORLD=test`, each started
# in the background as README says, in network and mount namespaces of
# their own (port 8080 free, its run directory in /tmp empty, as on a
# fresh machine), waited
# for by polling (within 5 minutes, the build included), asked for a page,
# then stopped by its pid (as Ctrl-C would) with nothing left running.

FRESH=$T_DIR/fresh
mkdir -p "$FRESH"
tar -C "$NSCHECK_ROOT" --exclude=./build --exclude=./.git -cf - . | tar -C "$FRESH" -xf -
chmod 755 "$T_DIR" "$FRESH"
grep -q '^make run      # serves the tool at http://127.0.0.1:8080/' "$NSCHECK_ROOT/README.md"
t_result $? "README shows make run"
grep -q '^make run WORLD=test$' "$NSCHECK_ROOT/README.md"
t_result $? "README shows make run WORLD=test"

cat >"$T_DIR/run.sh" <<'EOS'
set -u
. "$NSCHECK_ROOT/tests/lib/assert.sh"
ip link set lo up
mount --bind "$FRESH" /mnt || exit 1
mount -t tmpfs tmpfs "$RUNDIR" || exit 1
cd /mnt || exit 1
run_case() { # NAME URL EXPECTED make-arguments...
	local name=$1 url=$2 want=$3 i ok=1
	shift 3
	setsid make "$@" >"$T_DIR/$name.log" 2>&1 &
	local pid=$!
	for i in $(seq 3000); do
		curl -s --max-time 10 "$url" 2>/dev/null | grep -qF -- "$want" && { ok=0; break; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	t_result $ok "make $*: $url shows '$want'" "$(tail -15 "$T_DIR/$name.log")"
	said() { grep -q 'Ctrl-C stops it' "$T_DIR/$name.log"; }
	poll "make $*: says where it is and how to stop it" said
	kill -TERM -- "-$pid" 2>/dev/null
	poll "make $*: stopped by its pid" exited "$pid"
	left() { ! pgrep -f '/mnt/build/nscheck|/tmp/nscheck-run' >/dev/null; }
	poll "make $*: no nscheck, nginx or DNS server of it is left" left
	pgrep -af '/mnt/build/nscheck|/tmp/nscheck-run' | head -5
}
run_case run http://127.0.0.1:8080/ 'name="domain"' run
run_case run-world 'http://127.0.0.1:8080/?domain=two.test' 'two.test has 2 name servers.' run WORLD=test
grep -q 'nscheck is at http://127.0.0.1:8080/ (test DNS world' "$T_DIR/run-world.log"
t_result $? "make run WORLD=test said where it is" "$(cat "$T_DIR/run-world.log")"
EOS
# make run's directory, seen empty in the namespace (a tmpfs on it)
RUNDIR=/tmp/nscheck-run.$(id -u)
made=
[ -d "$RUNDIR" ] || { mkdir "$RUNDIR" && made=1; }
( export T_DIR T_COUNTS FRESH NSCHECK_ROOT RUNDIR; unshare -mn bash "$T_DIR/run.sh" )
rc=$?
[ -n "$made" ] && rmdir "$RUNDIR"
# (an external command last in a sourced script may be exec'd by bash 5.2
# in place of the runner's subshell, which then never records its end)
expect_equal "$rc" 0 "make run's tests ran to their end"
