# nscheck -w N: the master starts N workers on one socket, restarts one
# that dies, reloads on SIGHUP, and drains on SIGTERM. And the limit on
# upstream lookups: 503 with Retry-After while cached answers keep coming.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
CONF=$T_DIR/own.conf
NAME=/nscheck-t85-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" "$WORK/web/nscheck.conf" >"$CONF"
echo 'socket_mode = 0666' >>"$CONF"
echo 'threads = 4' >>"$CONF"
master=
trap 'web_stop_master "$master" "$CONF" "$NAME"; rm -f "/dev/shm$NAME-stale"' EXIT

answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }
workers() { pgrep -P "$master" | sort; }
nworkers() { [ "$(workers | wc -l)" = "$1" ]; }
in_log() { grep -q -- "$1" "$T_DIR/master.log"; }

start_master() { # N
	"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w "$1" -s "$OWN" 2>"$T_DIR/master.log" &
	master=$!
	poll "master with $1 workers answers" answers
	poll "$1 worker processes" nworkers "$1"
}

start_master 2
expect_true "master logs ready" in_log 'ready: serving FastCGI on .* (2 of 2 workers up, 4 threads each)'
http GET "$URL?domain=two.test&format=json"
expect_json '.status' found "lookup through the workers"

victim=$(workers | head -1)
kill -9 "$victim"
poll "the master notices the killed worker" in_log "worker $victim killed by signal 9; starting another"
poll "and starts another (2 again)" nworkers 2
expect_true "the killed pid is gone" sh -c "! pgrep -P $master | grep -qx $victim"
poll "still answering" answers

old=$(workers | tr '\n' ' ')
sed -i 's/^deadline = .*/deadline = 1200ms/' "$CONF"
kill -HUP "$master"
poll "SIGHUP: configuration reloaded" in_log 'configuration reloaded (2 of 2 workers up)'
new_only() { for p in $old; do pgrep -P "$master" | grep -qx "$p" && return 1; done; nworkers 2; }
poll "SIGHUP: the old workers are replaced by new ones" new_only
http GET "$URL?domain=drain1-$$.dead.test&format=json"
expect_true "SIGHUP: the new deadline is in force ($(jq -r .query_time_ms "$T_BODY") ms)" \
	test "$(jq -r .query_time_ms "$T_BODY")" -lt 1450
echo 'deadline = nonsense' >>"$CONF"
kill -HUP "$master"
poll "a bad file on SIGHUP is refused" in_log 'reload failed, keeping the old configuration'
sed -i '/^deadline = nonsense$/d' "$CONF"
poll "and the old configuration keeps serving" answers

# drain: a request in flight when SIGTERM arrives still gets its answer
curl -s -o "$T_DIR/drain.body" -w '%{http_code}' "$URL?domain=drain2-$$.dead.test" >"$T_DIR/drain.code" &
curler=$!
inflight() { curl -s "http://$WEB_ADDR/own/status" | grep -qx 'nscheck_inflight_lookups 1'; }
poll "a slow lookup is in flight" inflight
# two reloads while it runs: its worker is two generations old at the end
reloads() { [ "$(grep -c 'configuration reloaded' "$T_DIR/master.log")" = "$1" ]; }
kill -HUP "$master"
poll "SIGHUP with a lookup in flight" reloads 2
kill -HUP "$master"
poll "and SIGHUP again" reloads 3
kill -TERM "$master"
wait "$curler"
expect_equal "$(cat "$T_DIR/drain.code")" 504 "SIGTERM: the request in flight got its answer (504 page)"
expect_true "SIGTERM: ...with its page" grep -q 'arrived in time' "$T_DIR/drain.body"
master_gone() { ! kill -0 "$master" 2>/dev/null; }
poll "SIGTERM: the master exits" master_gone
no_nscheck() { ! pgrep -f "nscheck -c $CONF" >/dev/null; }
expect_true "...after all its workers, those of two reloads ago too" no_nscheck
expect_true "master logs stopped" in_log 'stopped'
master=

# the in-flight limit: one upstream lookup at a time, then 503
echo 'max_inflight = 1' >>"$CONF"
start_master 1
http GET "$URL?domain=two.test"
expect_status 200 "prime the cache with two.test"
curl -s -o /dev/null "$URL?domain=busy-$$.dead.test" &
curler=$!
poll "one slow lookup in flight" inflight
http GET "$URL?domain=four.test"
expect_status 503 "a second uncached lookup is refused"
expect_header '^Retry-After: 5$' "with Retry-After"
expect_body 'Too many lookups are running right now.' "and says so"
http GET "$URL?domain=four.test&format=json"
expect_json '.status' busy "busy, as JSON"
http GET "$URL?domain=two.test"
expect_status 200 "a cached name is still answered"
expect_body "From nscheck&#39;s cache" "from the cache"
wait "$curler"

# busy, with an answer that expired a moment ago: shown, marked as such
kill "$master" 2>/dev/null
poll "the master of the limit test exits" master_gone
# a segment of its own, where one.test is all there is
sed -i "s|^cache_name = .*|cache_name = $NAME-stale|" "$CONF"
printf 'cache_min_ttl = 0s\ncache_max_ttl = 1s\n' >>"$CONF"
start_master 1
http GET "$URL?domain=one.test"
expect_status 200 "prime the cache with one.test (kept 1 s)"
expired() {
	[ "$("$NSCHECK_ROOT/build/nscheck" -c "$CONF" --stats |
		sed -n 's/^nscheck_cache_entries //p')" = 0 ]
}
poll "one.test has expired in the cache" expired
curl -s -o /dev/null "$URL?domain=stale-$$.dead.test" &
curler=$!
poll "one slow lookup in flight" inflight
http GET "$URL?domain=one.test"
expect_status 200 "busy: the expired answer is shown rather than a 503"
expect_body "This answer expired" "marked as expired"
expect_header '^Cache-Control: no-store' "and not to be kept by anyone"
http GET "$URL?domain=one.test&format=json"
expect_json '.stale and .cached and (.ns | length) == 1' true "JSON: stale, with its name server"
http GET "$URL?domain=never-$$.two.test"
expect_status 503 "a name never looked up is still refused"
wait "$curler"
http GET "$URL?domain=one.test&format=json"
expect_json '.stale' false "once the slow lookup is over, looked up afresh"
sed -i -e '/^cache_m[ai][nx]_ttl = [01]s$/d' -e "s|^cache_name = .*|cache_name = $NAME|" "$CONF"

# one process (workers = 0): on SIGHUP new threads take over at once while
# the old ones finish what they serve
kill "$master" 2>/dev/null
poll "the master of the limit test exits" master_gone
sed -i '/^max_inflight = 1$/d' "$CONF"
"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -s "$OWN" 2>"$T_DIR/master.log" &
master=$!
poll "one process answers" answers
expect_true "it has no workers" sh -c "! pgrep -P $master"
curl -s -o "$T_DIR/drain.body" -w '%{http_code}' "$URL?domain=drain3-$$.dead.test" >"$T_DIR/drain.code" &
curler=$!
poll "a slow lookup is in flight" inflight
kill -HUP "$master"
poll "SIGHUP: reloaded in place" reloads 1
http GET "$URL?domain=two.test&format=json"
expect_json '.status' found "the new threads answer while the old one still serves"
expect_true "...and the slow request is still being served" kill -0 "$curler"
wait "$curler"
expect_equal "$(cat "$T_DIR/drain.code")" 504 "the old thread finished its request (504 page)"
expect_true "...with its page" grep -q 'arrived in time' "$T_DIR/drain.body"
kill -TERM "$master"
poll "SIGTERM: the process exits" master_gone
master=
