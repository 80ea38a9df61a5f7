# nscheck under systemd's rules, without systemd as PID 1 (these machines
# have none): the shipped unit passes systemd-analyze's security review;
# nscheck started as its ExecStart says tells a stand-in for systemd
# (notifyd on NOTIFY_SOCKET) READY=1 once its workers are up, RELOADING=1
# and READY=1 around a SIGHUP, STOPPING=1 on SIGTERM, and only from the
# main process (NotifyAccess=main); a socket passed the way nscheck.socket
# passes it (systemd-socket-activate) takes the place of -s; the
# tmpfiles.d entry makes /run/nscheck as the unit needs it.

NSCHECK=$NSCHECK_ROOT/build/nscheck
UNIT=$NSCHECK_ROOT/conf/nscheck.service

# ---- the unit file ----
systemd-analyze security --offline=yes "$UNIT" >"$T_DIR/security.txt" 2>&1
score=$(sed -n 's/.*Overall exposure level for nscheck.service: \([0-9.]*\) .*/\1/p' "$T_DIR/security.txt")
echo "# systemd-analyze security: exposure $score"
expect_true "systemd-analyze security --offline: exposure ${score:-?} is 2.0 or lower" \
	awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
expect_equal "$(unit_key "$UNIT" Type)" notify "Type=notify"
expect_equal "$(unit_key "$UNIT" User)" nscheck "the unit runs as nscheck"
expect_equal "$(sed -n 's/^ListenStream=//p' "$NSCHECK_ROOT/conf/nscheck.socket")" \
	"$(unit_key "$UNIT" ExecStart | sed -n 's/.* -s \([^ ]*\).*/\1/p')" \
	"nscheck.socket listens where the service's -s would"
# systemd-analyze verify needs the binary and the man pages installed:
# t70-install.sh runs it on the installed unit

# ---- readiness, reload, stop ----
U=$T_DIR/u
mkdir -p "$U"
chmod 755 "$U"
web_log_dir "$U"
sed -e "s|^cache_name = .*|cache_name = /nscheck-t62-$$|" "$WORK/web/nscheck.conf" >"$U/nscheck.conf"
: >"$U/pids"
cleanup_t62() {
	web_stop "$U"
	rm -f "/dev/shm/nscheck-t62-$$" "/dev/shm/nscheck-t62b-$$"
}
trap cleanup_t62 EXIT
web_unit_start "$U" "$U/nscheck.conf"
expect_equal $? 0 "started as the unit's ExecStart: READY=1 arrived"
master=$WEB_UNIT_PID
expect_true "READY=1 comes with a STATUS naming the socket and the workers up" \
	grep -qE "^STATUS=serving FastCGI on $U/run/nscheck/nscheck.sock \(2 of 2 workers\)$" "$U/notify.log"
expect_equal "$(pgrep -P "$master" | wc -l)" 2 "at READY=1 both workers are running"
env -i REQUEST_METHOD=GET QUERY_STRING=domain=one.test SCRIPT_NAME=/ \
	cgi-fcgi -bind -connect "$U/run/nscheck/nscheck.sock" >"$T_BODY" 2>/dev/null
expect_body 'one.test has 1 name server.' "ready means serving"

kill -HUP "$master"
nth_ready() { [ "$(grep -c '^READY=1' "$U/notify.log")" -ge "$1" ]; }
poll "after SIGHUP: READY=1 again" nth_ready 2
expect_equal "$(grep -E '^(READY|RELOADING|STOPPING)=1' "$U/notify.log" | tr '\n' ' ')" \
	"READY=1 RELOADING=1 READY=1 " "SIGHUP: RELOADING=1, then READY=1"
echo 'deadline = 1ms' >>"$U/nscheck.conf"
kill -HUP "$master"
poll "a bad file on SIGHUP: READY=1 again" nth_ready 3
expect_true "...with a STATUS saying the reload failed" \
	grep -q '^STATUS=serving FastCGI on .*(the last reload failed)$' "$U/notify.log"
kill "$master"
poll "SIGTERM: the master is gone" exited "$master"
expect_true "SIGTERM: STOPPING=1 was sent" grep -q '^STOPPING=1$' "$U/notify.log"
expect_equal "$(sed -n 's/^SENDER=//p' "$U/notify.log" | sort -u)" "$master" \
	"every message came from the main process (NotifyAccess=main)"

# one process, no master (workers = 0): it tells systemd itself
grep -v '^deadline = 1ms' "$U/nscheck.conf" >"$U/good.conf"
: >"$U/notify.log"
NOTIFY_SOCKET=$U/notify.sock "$NSCHECK" -c "$U/good.conf" \
	-o cache_name=/nscheck-t62b-$$ -s "$U/single.sock" 2>"$U/log/single.stderr" &
single=$!
poll "workers = 0: READY=1" nth_ready 1
expect_equal "$(sed -n 's/^SENDER=//p' "$U/notify.log" | sort -u)" "$single" "...sent by that process"
kill "$single"; wait "$single" 2>/dev/null
expect_true "workers = 0: STOPPING=1" grep -q '^STOPPING=1$' "$U/notify.log"

# ---- socket activation ----
cp "$U/good.conf" "$U/act.conf"
systemd-socket-activate -l "$U/act.sock" -- "$NSCHECK" -c "$U/act.conf" \
	-s "$U/not-made.sock" 2>"$U/log/act.stderr" &
act=$!
poll "systemd-socket-activate listens" test -S "$U/act.sock"
env -i REQUEST_METHOD=GET QUERY_STRING=domain=two.test SCRIPT_NAME=/ \
	cgi-fcgi -bind -connect "$U/act.sock" >"$T_BODY" 2>/dev/null
expect_body 'two.test has 2 name servers.' "socket activation: served on the passed socket"
expect_true "socket activation: the passed socket replaces -s (none made)" test ! -e "$U/not-made.sock"
expect_true "socket activation: its log says so" grep -q 'ready: serving FastCGI on the socket systemd passed' "$U/log/act.stderr"
expect_equal "$(ps -o user= -p "$act")" nscheck "socket activation as root: serves as nscheck"
kill "$act"; wait "$act" 2>/dev/null
systemd-socket-activate -l "$U/a.sock" -l "$U/b.sock" -- "$NSCHECK" -c "$U/act.conf" \
	2>"$U/log/two.stderr" &
two=$!
poll "systemd-socket-activate listens on two sockets" test -S "$U/b.sock"
env -i REQUEST_METHOD=GET QUERY_STRING= cgi-fcgi -bind -connect "$U/a.sock" >/dev/null 2>&1
# bounded: a regression that serves instead must fail here, not hang
poll "two sockets passed: nscheck does not serve" exited "$two" || kill "$two"
wait "$two"
expect_equal $? 78 "two sockets passed: exit 78"
expect_true "...saying nscheck listens on one" grep -q '2 sockets passed (LISTEN_FDS); nscheck listens on one' "$U/log/two.stderr"

# ---- the tmpfiles.d entry ----
mkdir -p "$U/root/etc"
cp /etc/passwd /etc/group "$U/root/etc/"
systemd-tmpfiles --create --root="$U/root" "$NSCHECK_ROOT/conf/nscheck.tmpfiles"
expect_equal $? 0 "systemd-tmpfiles takes the entry"
expect_equal "$(stat -c '%U %G %a' "$U/root/run/nscheck")" "nscheck www-data 2750" \
	"/run/nscheck: nscheck's, the web server's group, set-group-ID"
