# Logs an operator can use: under the journal (JOURNAL_STREAM naming
# stderr) each line starts with its sd-daemon priority and carries no name
# or time of its own; anywhere else it starts with the UTC time and
# "nscheck[pid]: level:". One line per request names the method, the
# client as the rate limit sees it (behind a trusted proxy, the address in
# X-Forwarded-For), the status, the outcome, cached or not, and the time.
# log_file keeps the log where spawn-fcgi gives nscheck no stderr, and the
# shipped logrotate file rotates it: every process opens it anew on SIGHUP.

NSCHECK=$NSCHECK_ROOT/build/nscheck
OWN=http://$WEB_ADDR/own/
SOCK=$WORK/web/run/own.sock
CONF=$T_DIR/log.conf
{ grep -v '^cache_name' "$WORK/web/nscheck.conf"
  echo "cache_name = /nscheck-t63-$$"
  echo "socket_mode = 0666"
  echo "client_header = X-Forwarded-For"
  echo "trusted_proxies = 127.0.0.1"; } >"$CONF"
pid=
stop_own() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	pid=
}
cleanup_t63() {
	stop_own
	[ -f "$T_DIR/spawn.pid" ] && kill $(cat "$T_DIR/spawn.pid") 2>/dev/null
	rm -f "/dev/shm/nscheck-t63-$$"
}
trap cleanup_t63 EXIT
serves() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$OWN")" = 200 ]; }
start_own() { # STDERR-FILE [ENV...]: nscheck on own.sock until stop_own
	local err=$1
	shift
	env "$@" "$NSCHECK" -c "$CONF" -o providers_file=/nonexistent/p.txt \
		-s "$SOCK" 2>"$err" &
	pid=$!
	poll "nscheck on /own/ serves ($*)" serves
}

# ---- under the journal ----
: >"$T_DIR/journal.log"
stream=$(stat -c '%d:%i' "$T_DIR/journal.log")
start_own "$T_DIR/journal.log" JOURNAL_STREAM="$stream"
curl -s -o /dev/null -H 'X-Forwarded-For: 198.51.100.1, 192.0.2.7' "$OWN?domain=two.test"
curl -s -o /dev/null -I "$OWN?domain=two.test"
stop_own
J=$T_DIR/journal.log
expect_true "journal: every line starts with a priority" sh -c "! grep -vqE '^<[0-7]>' '$J'"
expect_true "journal: no program name or pid of its own" sh -c "! grep -q 'nscheck\[' '$J'"
expect_true "journal: a warning at priority 4" grep -q '^<4>no provider names: /nonexistent/p.txt' "$J"
expect_true "journal: ready at priority 6" grep -q '^<6>ready: serving FastCGI on ' "$J"
expect_true "journal: the request line: method, client behind the trusted proxy, status, outcome, cache, time" \
	grep -qE '^<6>request GET 192\.0\.2\.7 "two\.test" -> 200 found uncached [0-9]+ms$' "$J"
expect_true "journal: a HEAD from the proxy itself, from the cache" \
	grep -qE '^<6>request HEAD 127\.0\.0\.1 "two\.test" -> 200 found cached [0-9]+ms$' "$J"

# ---- elsewhere: a time of its own ----
today=$(date -u +%Y-%m-%d)
start_own "$T_DIR/plain.log" JOURNAL_STREAM=
curl -s -o /dev/null -X POST -d 'domain=nx.test' "$OWN"
curl -s -o /dev/null "$OWN?domain=a..b"
curl -s -o /dev/null "$OWN"
stop_own
P=$T_DIR/plain.log
# the day when it started or now (a run across midnight UTC)
today="($today|$(date -u +%Y-%m-%d))"
ts="^${today}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z nscheck\[[0-9]+\]: "
expect_true "stderr: every line starts with today's UTC time and nscheck[pid]" \
	sh -c "! grep -vqE '$ts' '$P'"
expect_true "stderr: a POST that found no such name" \
	grep -qE "${ts}info: request POST 127\.0\.0\.1 \"nx\.test\" -> 200 nxdomain uncached [0-9]+ms$" "$P"
expect_true "stderr: a refused name, no lookup (cache -)" \
	grep -qE "${ts}info: request GET 127\.0\.0\.1 \"a\.\.b\" -> 400 [a-z_]+ - [0-9]+ms$" "$P"
expect_true "stderr: the empty form" \
	grep -qE "${ts}info: request GET 127\.0\.0\.1 \"\" -> 200 form - [0-9]+ms$" "$P"
expect_true "stderr: the warning's level" grep -qE "${ts}warning: no provider names" "$P"
# JOURNAL_STREAM inherited but stderr elsewhere: not the journal
start_own "$T_DIR/stale.log" JOURNAL_STREAM="$stream"
stop_own
expect_true "a stale JOURNAL_STREAM (stderr is not that stream): time, no priority" \
	sh -c "grep -qE '$ts' '$T_DIR/stale.log' && ! grep -q '^<' '$T_DIR/stale.log'"

# ---- log_file, where spawn-fcgi gives no stderr ----
LOGS=$T_DIR/logs
if [ "$(id -u)" = 0 ]; then
	install -d -o nscheck -g adm -m 2750 "$LOGS"
else
	mkdir -p "$LOGS"
fi
echo "log_file = $LOGS/nscheck.log" >>"$CONF"
"$NSCHECK" -n -c "$CONF" >"$T_BODY" 2>&1
expect_equal $? 0 "log_file: the file is fine for -n"
rm -f "$SOCK"
spawn-fcgi -s "$SOCK" -M 0666 -F 2 -P "$T_DIR/spawn.pid" -- "$NSCHECK" -c "$CONF" \
	>/dev/null 2>&1
poll "spawn-fcgi's two processes serve" serves
curl -s -o /dev/null "$OWN?domain=one.test"
logged() { grep -qE "request GET 127\.0\.0\.1 \"$2\" -> 200 found" "$1" 2>/dev/null; }
poll "log_file: the request is in the file" logged "$LOGS/nscheck.log" one.test
both_ready() { [ "$(grep -c 'ready: serving FastCGI on fd 0' "$LOGS/nscheck.log")" = 2 ]; }
poll "log_file: both processes write to it" both_ready
if [ "$(id -u)" = 0 ]; then
	expect_equal "$(stat -c '%U %a' "$LOGS/nscheck.log")" "nscheck 640" \
		"log_file: made by the user nscheck runs as, mode 0640"
fi
# the shipped logrotate file, with this test's path
sed -e "s|/var/log/nscheck/|$LOGS/|" "$NSCHECK_ROOT/conf/nscheck.logrotate" >"$T_DIR/logrotate.conf"
logrotate -f -s "$T_DIR/logrotate.state" "$T_DIR/logrotate.conf" 2>"$T_DIR/logrotate.err"
expect_equal $? 0 "logrotate takes the shipped file" 
expect_true "logrotate: the old log moved aside" logged "$LOGS/nscheck.log.1" one.test
# SIGUSR2 from logrotate reopens the file and nothing else: once both
# processes say so, each request lands in the new file, whichever serves it
reopened() { [ "$(grep -c 'log file opened anew' "$LOGS/nscheck.log" 2>/dev/null)" = "$1" ]; }
poll "SIGUSR2 from logrotate: both processes open the new file" reopened 2
for d in four.test two.test thirteen.test one.test; do
	curl -s -o /dev/null "$OWN?domain=$d"
done
for d in four.test two.test thirteen.test one.test; do
	poll "after rotation: $d is in the new file" logged "$LOGS/nscheck.log" "$d"
done
expect_true "after rotation: ...and the new requests not in the old one" \
	sh -c "! grep -qE 'four.test|two.test|thirteen.test' '$LOGS/nscheck.log.1'"
expect_true "SIGUSR2 is no reload" sh -c "! grep -q 'reloaded' '$LOGS/nscheck.log' '$LOGS/nscheck.log.1'"
expect_equal "$(stat -c '%U %G %a' "$LOGS/nscheck.log")" "nscheck adm 640" "the new file as logrotate made it"
kill $(cat "$T_DIR/spawn.pid")
rm -f "$T_DIR/spawn.pid"

# under a master: SIGUSR2 to the master alone reaches its workers too
rm -f "$LOGS"/nscheck.log*
"$NSCHECK" -c "$CONF" -w 2 -s "$SOCK" </dev/null >/dev/null 2>&1 &
pid=$!
poll "a master with two workers serves" serves
curl -s -o /dev/null "$OWN?domain=one.test"
poll "the master's workers log to the file" logged "$LOGS/nscheck.log" one.test
mv "$LOGS/nscheck.log" "$LOGS/nscheck.log.1"
kill -USR2 "$pid"
poll "SIGUSR2 to the master: it and both workers open the file anew" reopened 3
for d in four.test two.test thirteen.test; do curl -s -o /dev/null "$OWN?domain=$d"; done
for d in four.test two.test thirteen.test; do
	poll "under a master, after SIGUSR2: $d is in the new file" logged "$LOGS/nscheck.log" "$d"
done
stop_own

# a log file that cannot be opened stops start-up, saying why
"$NSCHECK" -c "$CONF" -o log_file=/nonexistent/dir/n.log -s "$T_DIR/x.sock" >"$T_BODY" 2>&1 </dev/null
expect_equal $? 78 "an unusable log_file: exit 78"
expect_body 'log_file /nonexistent/dir/n.log: No such file or directory' "...naming the file and the reason"
"$NSCHECK" -n -c "$CONF" -o log_file=logs/n.log >"$T_BODY" 2>&1
expect_body "log_file: 'logs/n.log' is not an absolute path" "a relative log_file is refused"
"$NSCHECK" -n -c "$CONF" -o log_file=/nonexistent/dir/n.log >"$T_BODY" 2>&1
expect_equal $? 78 "-n: a log_file in a directory that does not exist is refused"
expect_body 'log_file /nonexistent/dir/n.log: /nonexistent/dir is not a directory' "...saying which"
