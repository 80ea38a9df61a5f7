# Its own system user: the nscheck behind nginx runs as conf/nscheck.service
# says, as the user nscheck; its socket belongs to the web server's group
# (www-data) with mode 0660 and its cache segment to nscheck alone. A
# process running as www-data (nginx, Apache, PHP-FPM's pool) can talk to
# the socket but cannot open the segment; any other user can do neither.
# The command-line modes, started as root, become the user the way
# serving does.

NSCHECK=$NSCHECK_ROOT/build/nscheck
CONF=$WORK/web/nscheck.conf
SOCK=$WORK/web/run/nscheck/nscheck.sock
SEG=/dev/shm$WEB_CACHE
master=$(awk '$2 == "nscheck-unit" { print $1 }' "$WORK/web/pids")

if [ "$(id -u)" != 0 ]; then
	t_result 0 "not root: the user checks need root (skipped)"
	return 0
fi

# as the unit runs it: master and workers, every uid and gid nscheck's
uid=$(id -u nscheck) gid=$(id -g nscheck)
procs=$(echo "$master"; pgrep -P "$master")
expect_equal "$(echo "$procs" | wc -l)" 3 "the unit's master and its two workers run"
for p in $procs; do
	expect_equal "$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$p/status")" \
		"$uid $uid $uid $uid" "process $p: real, effective, saved and file uid are nscheck's"
	expect_equal "$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$p/status")" \
		"$gid $gid $gid $gid" "process $p: every gid is nscheck's"
	expect_equal "$(awk '/^Groups:/ { $1 = ""; print }' "/proc/$p/status" | tr -d ' ')" \
		"$gid" "process $p: no supplementary group but its own (no www-data, no root)"
	expect_equal "$(awk '/^NoNewPrivs:/ { print $2 }' "/proc/$p/status")" 1 \
		"process $p: NoNewPrivileges as in the unit"
done

# the socket and its directory
expect_equal "$(stat -c '%U %G %a' "$(dirname "$SOCK")")" "nscheck www-data 2750" \
	"the socket's directory: nscheck's, the web server's group, set-group-ID (tmpfiles.d entry)"
expect_equal "$(stat -c '%U %G %a' "$SOCK")" "nscheck www-data 660" \
	"the socket: nscheck's, group www-data, mode 0660"
expect_equal "$(stat -c '%U %G %a' "$SEG")" "nscheck nscheck 600" \
	"the cache segment: nscheck's alone, mode 0600"

as() { # USER COMMAND...: run as that user, with its own groups only
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups -- "$@"
}
fcgi_as() { # USER: a lookup through the unit's socket
	as "$1" env -i REQUEST_METHOD=GET QUERY_STRING=domain=two.test SCRIPT_NAME=/ \
		cgi-fcgi -bind -connect "$SOCK" >"$T_BODY" 2>"$T_DIR/fcgi.err"
}
fcgi_as www-data
expect_body 'two.test has 2 name servers.' "www-data talks to the socket"
fcgi_as nobody
expect_no_body 'two.test has 2 name servers.' "nobody cannot talk to the socket"
# the segment: not for reading, not for writing
for how in '<' '<>'; do
	as www-data sh -c "exec 3$how'$SEG'" 2>"$T_DIR/seg.err"
	expect_true "www-data cannot open the segment ($how)" test $? != 0
	expect_true "...because permission is denied ($how)" grep -q 'Permission denied' "$T_DIR/seg.err"
done
as www-data "$NSCHECK" -c "$CONF" --stats >"$T_BODY" 2>&1
expect_equal $? 69 "nscheck --stats as www-data: cannot attach (69)"
expect_body 'Permission denied' "...and says why"

# the command line as root: it becomes nscheck (no 'user' in the file)
grep -v '^user' "$CONF" >"$T_DIR/root.conf"
"$NSCHECK" -c "$T_DIR/root.conf" -q two.test >"$T_BODY" 2>&1
expect_equal $? 0 "-q as root: answers"
expect_body 'two.test  ns1.alpha-dns.test' "-q as root: the table"
"$NSCHECK" -c "$T_DIR/root.conf" --stats >"$T_BODY" 2>&1
expect_equal $? 0 "--stats as root: reads nscheck's segment"
expect_body 'nscheck_requests_total' "--stats as root: the counters"
# a segment that is not nscheck's shows that --stats left root first
SEG2=/nscheck-t61-$$
env -i REQUEST_METHOD=GET QUERY_STRING=domain=one.test setpriv --reuid=www-data \
	--regid=www-data --clear-groups -- "$NSCHECK" -c "$T_DIR/root.conf" \
	-o cache_name="$SEG2" >/dev/null 2>&1
expect_equal "$(stat -c %U "/dev/shm$SEG2")" www-data "a segment made by www-data (as under mod_fcgid)"
"$NSCHECK" -c "$T_DIR/root.conf" -o cache_name="$SEG2" --stats >"$T_BODY" 2>&1
expect_equal $? 69 "--stats as root on www-data's segment: refused, it runs as nscheck"
rm -f "/dev/shm$SEG2"
# a CGI run as root makes its segment as nscheck
env -i REQUEST_METHOD=GET QUERY_STRING=domain=one.test "$NSCHECK" \
	-c "$T_DIR/root.conf" -o cache_name="$SEG2" >"$T_BODY" 2>&1
expect_body 'one.test has 1 name server.' "CGI as root: answers"
expect_equal "$(stat -c '%U %a' "/dev/shm$SEG2")" "nscheck 600" "CGI as root: the segment is nscheck's"
rm -f "/dev/shm$SEG2"
"$NSCHECK" -n -c "$T_DIR/root.conf" >"$T_BODY" 2>&1
expect_equal $? 0 "-n as root: OK"
expect_no_body 'note:' "-n as root: nothing to note while the user nscheck exists"

# without the user nscheck (a machine where it was never made): a clear
# refusal, not root (/etc/passwd and /etc/group seen without it, in this
# test's own mount namespace)
grep -v '^nscheck:' /etc/passwd >"$T_DIR/passwd"
grep -v '^nscheck:' /etc/group >"$T_DIR/group"
unshare -m sh -c "mount --bind '$T_DIR/passwd' /etc/passwd && mount --bind '$T_DIR/group' /etc/group &&
	'$NSCHECK' -c '$T_DIR/root.conf' -q two.test" >"$T_BODY" 2>&1
expect_equal $? 78 "-q as root with no user nscheck: exit 78"
expect_body "serves as the user 'nscheck', which does not exist: create it (adduser --system" \
	"...and it says how to make the user"

# socket_group: as root the socket is given to the user and that group
"$NSCHECK" -c "$T_DIR/root.conf" -o socket_group=www-data -s "$T_DIR/g.sock" \
	2>"$T_DIR/g.log" &
pid=$!
poll "socket_group as root: ready" grep -q ready "$T_DIR/g.log"
expect_equal "$(stat -c '%U %G %a' "$T_DIR/g.sock" 2>&1)" "nscheck www-data 660" \
	"socket_group as root: nscheck's socket, the web server's group"
kill "$pid"; wait "$pid"
# not root and not a member: refused, with the way out
install -d -o nscheck -m 755 "$T_DIR/own"
as nscheck "$NSCHECK" -c "$T_DIR/root.conf" -o socket_group=adm -s "$T_DIR/own/x.sock" \
	>"$T_BODY" 2>&1 </dev/null
expect_equal $? 78 "socket_group of a group it is not in: exit 78"
expect_body "cannot give it to group 'adm': not a member" "...and says why"
