# For monitoring: /healthz (200 while the segment is open and the resolver
# answers, 503 when it does not; no visitor's input looked up), and the
# status view's histogram of request durations, requests by status and by
# format, report queries, build and start time, worker restarts and
# reloads, all of it clean for promtool.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
STATS_URL=http://$WEB_ADDR/own/status
CONF=$T_DIR/own.conf
NAME=/nscheck-t87-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" "$WORK/web/nscheck.conf" >"$CONF"
printf 'socket_mode = 0666\nthreads = 2\n' >>"$CONF"
master=
trap 'web_stop_master "$master" "$CONF" "$NAME"' EXIT

metric() { # NAME-WITH-LABELS: its value in the status view now
	curl -s "$STATS_URL" | awk -v m="$1" '$1 == m { print $2 }'
}

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w 2 -s "$OWN" 2>"$T_DIR/master.log" &
master=$!
started=$(date +%s)
up() { [ "$(pgrep -P "$master" | wc -l)" = 2 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }
poll "master with 2 workers up" up

# --- health ---
http GET "http://$WEB_ADDR/own/healthz"
expect_status 200 "healthz: healthy"
expect_header "^Content-Type: text/plain; charset=utf-8" "healthz: text"
expect_header "^Cache-Control: no-store" "healthz: never kept"
expect_equal "$(head -1 "$T_BODY")" ok "healthz: says ok"
expect_body "segment: open" "healthz: the segment is open"
expect_body "resolver: answered" "healthz: the resolver answered"
expect_equal "$(curl -s -I -o /dev/null -w '%{http_code} %{size_download}' "http://$WEB_ADDR/own/healthz")" "200 0" "healthz: HEAD, no body"
misses=$(metric nscheck_cache_misses_total)
http GET "http://$WEB_ADDR/own/healthz?domain=health-probe-$$.test"
expect_status 200 "healthz with a domain in the query string"
expect_equal "$(metric nscheck_cache_misses_total)" "$misses" "healthz looks up nothing a visitor sent"
expect_true "healthz leaves no request line in the log" sh -c "! grep -q 'health-probe' '$T_DIR/master.log'"

http GET "http://$WEB_ADDR/slow/healthz"
expect_status 503 "healthz: a resolver that never answers is unhealthy"
expect_equal "$(head -1 "$T_BODY")" unhealthy "healthz: says unhealthy"
expect_body "resolver: no answer" "healthz: and why"
expect_body "segment: open" "healthz: the segment is fine there"
http GET "http://$WEB_ADDR/slow/healthz"
expect_status 503 "healthz: the kept verdict, still unhealthy"
expect_body_re "resolver: no answer \(asked about the root zone [1-9][0-9]* ms ago\)" "healthz: the second probe did not ask again"

# the segment gone from under a fresh process: unhealthy too
SPLIT=$T_DIR/noseg.conf
sed -e "s|^cache_name = .*|cache_name = /nscheck-t87-none-$$|" "$CONF" >"$SPLIT"
chmod 644 "$SPLIT"
noseg() { # a CGI run whose segment cannot be made (its name is a directory)
	mkdir -p "/dev/shm/nscheck-t87-none-$$"
	NSCHECK_HEALTH=1 REQUEST_METHOD=GET QUERY_STRING= GATEWAY_INTERFACE=CGI/1.1 \
		"$NSCHECK_ROOT/build/nscheck" -c "$SPLIT" 2>"$T_DIR/noseg.err"
	rmdir "/dev/shm/nscheck-t87-none-$$"
}
out=$(noseg)
expect_true "healthz: no segment, 503" sh -c "printf '%s' \"\$1\" | grep -q '^Status: 503'" - "$out"
expect_true "healthz: it says the segment is not open" sh -c "printf '%s' \"\$1\" | grep -q 'segment: not open'" - "$out"

# --- the status view ---
before_count=$(metric nscheck_request_duration_seconds_count)
before_200=$(metric 'nscheck_responses_total{status="200"}')
before_400=$(metric 'nscheck_responses_total{status="400"}')
before_json=$(metric 'nscheck_responses_by_format_total{format="json"}')
before_html=$(metric 'nscheck_responses_by_format_total{format="html"}')
before_q=$(metric nscheck_report_queries_total)
curl -s -o /dev/null "$URL?domain=four.test"
curl -s -o /dev/null "$URL?domain=four.test"
curl -s -o /dev/null "$URL?domain=four.test&format=json"
curl -s -o /dev/null "$URL?domain=-bad-.test"
curl -s -o /dev/null "$URL?domain=two.test&format=embed"
expect_equal "$(metric nscheck_request_duration_seconds_count)" "$((before_count + 5))" "histogram: one observation per request"
expect_equal "$(metric 'nscheck_responses_total{status="200"}')" "$((before_200 + 4))" "by status: four 200s"
expect_equal "$(metric 'nscheck_responses_total{status="400"}')" "$((before_400 + 1))" "by status: one 400"
expect_equal "$(metric 'nscheck_responses_by_format_total{format="json"}')" "$((before_json + 1))" "by format: one JSON"
expect_equal "$(metric 'nscheck_responses_by_format_total{format="html"}')" "$((before_html + 3))" "by format: three HTML"
expect_equal "$(metric 'nscheck_responses_by_format_total{format="embed"}')" 1 "by format: one embed"
after_q=$(metric nscheck_report_queries_total)
expect_true "report queries counted ($before_q -> $after_q)" test "$after_q" -gt "$before_q"
expect_true "report query timeouts are a number" sh -c "test \"\$1\" -ge 0" - "$(metric nscheck_report_query_timeouts_total)"
curl -s "$STATS_URL" >"$T_DIR/status.txt"
buckets_ok() { # cumulative, ending in +Inf = _count, a sum above 0
	awk '/^nscheck_request_duration_seconds_bucket/ { v = $2; if (v < last) bad = 1; last = v; inf = v }
	     /^nscheck_request_duration_seconds_count/ { count = $2 }
	     /^nscheck_request_duration_seconds_sum/ { sum = $2 }
	     END { exit !(bad == 0 && inf == count && count > 0 && sum > 0) }' "$T_DIR/status.txt"
}
expect_true "histogram: buckets cumulative, +Inf is the count, a sum" buckets_ok
expect_equal "$(grep -c '^nscheck_request_duration_seconds_bucket' "$T_DIR/status.txt")" 15 "histogram: 15 buckets"
version=$(sed -n 's/^VERSION *= *//p' "$NSCHECK_ROOT/Makefile")
expect_true "build_info names version $version" grep -qx "nscheck_build_info{version=\"$version\"} 1" "$T_DIR/status.txt"
start=$(metric nscheck_start_time_seconds)
expect_true "start time within a minute of the start ($start, $started)" \
	test "$start" -ge $((started - 60)) -a "$start" -le $((started + 60))

# a worker killed comes back, and is counted
victim=$(pgrep -P "$master" | head -1)
kill -9 "$victim"
restarted() { [ "$(metric nscheck_worker_restarts_total)" = 1 ] && up; }
poll "a killed worker is counted as restarted" restarted
reloaded() { [ "$(metric nscheck_reloads_total)" = 1 ]; }
kill -HUP "$master"
poll "a reload is counted" reloaded
expect_equal "$(metric nscheck_start_time_seconds)" "$start" "a reload keeps the start time"

# Prometheus's own linter
curl -s "$STATS_URL" >"$T_DIR/status.txt"
if command -v promtool >/dev/null; then
	promtool check metrics <"$T_DIR/status.txt" >"$T_DIR/promtool.out" 2>&1
	t_result $? "promtool check metrics: no problem" "$(head -5 "$T_DIR/promtool.out")"
	expect_equal "$(wc -c <"$T_DIR/promtool.out")" 0 "promtool has nothing to say"
else
	t_result 1 "promtool is installed" "make deps installs it (Debian package prometheus)"
fi
