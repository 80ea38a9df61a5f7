# The per-client rate limit, through nginx to an nscheck master with two
# workers that share one segment. Clients are told apart by the loopback
# address curl sends from (127.0.0.2, .3, ...); 127.0.0.1 is a trusted
# proxy whose X-Forwarded-For names the client. The limits are small and
# refill slowly (1/min), so the counts below are exact.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
CONF=$T_DIR/limit.conf
NAME=/nscheck-t36-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" -e '/^rate_limit/d' \
	"$WORK/web/nscheck.conf" >"$CONF"
cat >>"$CONF" <<EOF
socket_mode = 0666
rate_limit = on
rate_burst = 5
rate_requests = 1/min
rate_lookup_burst = 3
rate_lookups = 1/min
client_header = X-Forwarded-For
trusted_proxies = 127.0.0.1
EOF
master=
trap 'web_stop_master "$master" "$CONF" "$NAME"' EXIT

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w 2 -s "$OWN" 2>"$T_DIR/master.log" &
master=$!
# waiting for it counts against 127.0.0.1's bucket only: that client is
# the proxy, never used below without a header
web_wait_url "$URL" || t_result 1 "the master answers" "$(cat "$T_DIR/master.log")"

code() { # FROM [curl args]: the status of one request
	local from=$1
	shift
	curl -s -o /dev/null -w '%{http_code}' --interface "$from" "$@"
}
codes() { # N FROM URL [curl args]: the statuses of N requests, in a line
	local n=$1 i out=""
	shift
	for i in $(seq "$n"); do out="$out $(code "$@")"; done
	echo $out
}

# ---- requests ----
expect_equal "$(codes 5 127.0.0.2 "$URL")" "200 200 200 200 200" \
	"a client's first five requests (the burst) are served"
http GET "$URL?domain=<b>x</b>" --interface 127.0.0.2
expect_status 429 "the sixth is refused"
expect_header '^Retry-After: ([1-9]|[1-5][0-9]|60)$' "with Retry-After of at most one token's wait (60 s)"
expect_header '^Cache-Control: no-store' "never cached"
expect_body "Too many requests from your address." "the page says why"
expect_body "Each address may ask for 5 pages at once, then one a minute." \
	"and what the limits are"
expect_no_body "<b>x" "the input is not echoed raw"
expect_valid_html "the 429 page"
http GET "$URL?domain=two.test&format=json" --interface 127.0.0.2
expect_status 429 "JSON: refused too"
expect_json '.status + " " + .error.code' "rate_limited rate_limited" "JSON: status and code"
expect_json '.retry_after > 0 and .retry_after <= 60' true "JSON: retry_after"
http GET "$URL?domain=two.test&format=text" --interface 127.0.0.2
expect_status 429 "text: refused too"
expect_body "Too many requests from your address." "text: says why"

expect_equal "$(code 127.0.0.3 "$URL?domain=two.test")" 200 \
	"another client is served meanwhile"

# ---- lookups that go upstream ----
# names in two.test that do not exist: one lookup each, no report
nx() { echo "rl-$$-$1.two.test"; }
expect_equal "$(codes 1 127.0.0.4 "$URL?domain=$(nx 1)") $(codes 1 127.0.0.4 "$URL?domain=$(nx 2)") $(codes 1 127.0.0.4 "$URL?domain=$(nx 3)")" \
	"200 200 200" "three new names (the lookup burst) are looked up"
http GET "$URL?domain=$(nx 4)&format=json" --interface 127.0.0.4
expect_status 429 "a fourth new name is refused"
expect_json '.status + " " + .error.code' "rate_limited rate_limited_lookups" "JSON: it was the lookups"
expect_json '.advice | contains("Names looked up recently are still answered at once")' true \
	"JSON: the advice says cached names still work"
http GET "$URL?domain=$(nx 1)&format=json" --interface 127.0.0.4
expect_status 200 "a name already in the cache is still answered"
expect_json '.cached' true "from the cache"
http GET "$URL?domain=$(nx 4)&format=json" --interface 127.0.0.5
expect_status 200 "another client may look up the refused name"

# names that exist get a delegation report too: still one token a name
for n in one.test four.test thirteen.test; do
	http GET "$URL?domain=$n&format=json" --interface 127.0.0.7
	expect_json '.status + " " + (.report | type)' "found object" "$n: found, with its report, within the lookup burst"
	expect_header '^Cache-Control: public' "$n: a complete page may be kept"
done
http GET "$URL?domain=goodglue.test&format=json" --interface 127.0.0.7
expect_status 429 "the fourth new name (with a report) is refused"

# a server's detail view asks it again: one token an address (the lookup
# and report of one.test are cached by now, so they cost nothing)
for a in 11.53.10.1 11.53.10.1 11.53.1.1 11.53.2.1; do
	http GET "$URL?domain=one.test&server=$a&format=json" --interface 127.0.0.8
	expect_json '.status' answers "one.test at $a: within the lookup burst (a repeat is cached)"
done
http GET "$URL?domain=one.test&server=2600:53:10::1&format=json" --interface 127.0.0.8
expect_status 429 "a fourth address is refused"
expect_json '.error.code' rate_limited_lookups "JSON: it was the lookups"

# ---- a trusted proxy's header ----
xff() { code 127.0.0.1 "$URL" -H "X-Forwarded-For: $1"; }
got=""
for _ in 1 2 3 4 5 6; do got="$got $(xff 203.0.113.7)"; done
expect_equal "${got# }" "200 200 200 200 200 429" \
	"behind the trusted proxy, the client named by X-Forwarded-For is limited"
expect_equal "$(xff 203.0.113.8)" 200 "another client behind the proxy is not"
expect_equal "$(xff '198.51.100.1, 203.0.113.7')" 429 \
	"an address the client wrote before the real one changes nothing"
expect_equal "$(code 127.0.0.6 "$URL" -H 'X-Forwarded-For: 203.0.113.9')" 200 \
	"from an address that is not a proxy the header is ignored..."
expect_equal "$(codes 5 127.0.0.6 "$URL" -H 'X-Forwarded-For: 203.0.113.9')" \
	"200 200 200 200 429" "...and that address is what is counted"

# ---- the counters, and every worker alive ----
http GET "http://$WEB_ADDR/own/status"
limited=$(sed -n 's/^nscheck_rate_limited_requests_total //p' "$T_BODY")
lookups=$(sed -n 's/^nscheck_rate_limited_lookups_total //p' "$T_BODY")
# 127.0.0.2: three; 203.0.113.7: two; 127.0.0.6: one
expect_equal "$limited" 6 "refused requests counted"
expect_equal "$lookups" 3 "refused lookups counted (127.0.0.4, .7 and .8)"
expect_equal "$(pgrep -P "$master" | wc -l)" 2 "both workers alive"

# ---- CGI runs share the buckets; rate_limit = off ----
cgi() { # REMOTE_ADDR [-o KEY=VALUE]: the status line of one CGI run
	local addr=$1
	shift
	env -i REQUEST_METHOD=GET QUERY_STRING= REMOTE_ADDR="$addr" \
		"$NSCHECK_ROOT/build/nscheck" -c "$CONF" "$@" 2>>"$T_DIR/cgi.err" |
		sed -n '1s/^Status: \([0-9]*\).*/\1/p'
}
got=""
for _ in 1 2 3 4 5 6; do got="$got $(cgi 192.0.2.77)"; done
expect_equal "${got# }" "200 200 200 200 200 429" "CGI runs: the same limit"
expect_equal "$(cgi 192.0.2.77 -o rate_limit=off)" 200 "rate_limit = off: served"
expect_equal "$(cgi 192.0.2.77)" 429 "and on again: still refused"
expect_equal "$(cgi '' )" 200 "a run without REMOTE_ADDR (not from a web server) is not limited"
