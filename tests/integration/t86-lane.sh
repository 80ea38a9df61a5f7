# The slow lane: one process with two threads keeps forty uncached
# requests waiting on DNS at once (each alone would hold a thread) and
# answers a cached name meanwhile; a refusal made before any DNS work
# waits refuse_delay in the lane, holding no thread either.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
CONF=$T_DIR/own.conf
NAME=/nscheck-t86-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" -e '/^rate_limit/d' \
	"$WORK/web/nscheck.conf" >"$CONF"
cat >>"$CONF" <<EOF2
socket_mode = 0666
threads = 2
rate_limit = on
rate_burst = 2
rate_requests = 1/min
client_header = X-Forwarded-For
trusted_proxies = 127.0.0.1
refuse_delay = 2s
EOF2
pid=
trap 'web_stop_master "$pid" "$CONF" "$NAME"' EXIT

# every request names its own client, unless a test wants the limit
as() { # CLIENT URL [curl args]: the status
	local who=$1 url=$2
	shift 2
	curl -s -o /dev/null -w '%{http_code}\n' -H "X-Forwarded-For: $who" "$url" "$@"
}
n=0
fresh_client() { n=$((n + 1)); CLIENT=198.51.$((n / 250)).$((n % 250 + 1)); }
answers() { fresh_client; [ "$(as "$CLIENT" "$URL")" = 200 ]; }
inflight() { # N: the lookups upstream now, per the status URL
	curl -s "http://$WEB_ADDR/own/status" | grep -qx "nscheck_inflight_lookups $1"
}

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -s "$OWN" 2>"$T_DIR/own.log" &
pid=$!
poll "nscheck with two threads answers" answers
fresh_client
expect_equal "$(as "$CLIENT" "$URL?domain=two.test")" 200 "two.test looked up, now cached"

# forty names whose servers never answer, each from its own client
curls=()
for i in $(seq 40); do
	fresh_client
	as "$CLIENT" "$URL?domain=lane$i-$$.dead.test&format=json" \
		>"$T_DIR/code.$i" &
	curls+=($!)
done
poll "forty lookups wait on the network at once, in one process of two threads" inflight 40
fresh_client
expect_equal "$(as "$CLIENT" "$URL?domain=two.test")" 200 \
	"a cached name is answered meanwhile"
expect_true "...while the forty still wait" inflight 40
wait "${curls[@]}"
codes=$(cat "$T_DIR"/code.* | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
expect_equal "$codes" "504:40 " "each of the forty got its own timeout page, none a 503"

# a client over its limit, twenty times at once: each 429 waits 2 s
client=203.0.113.7
for i in 1 2; do as "$client" "$URL" >/dev/null; done
curls=()
for i in $(seq 20); do
	curl -s -o "$T_DIR/refused.$i" -D "$T_DIR/refused-head.$i" \
		-w '%{http_code} %{time_total}\n' -H "X-Forwarded-For: $client" \
		"$URL?domain=two.test" >"$T_DIR/refused-code.$i" &
	curls+=($!)
done
waiting() { [ "$(curl -s "http://$WEB_ADDR/own/status" | sed -n 's/^nscheck_rate_limited_requests_total //p')" = 20 ]; }
poll "twenty requests over the limit, refused" waiting
fresh_client
expect_equal "$(as "$CLIENT" "$URL?domain=two.test")" 200 \
	"a cached name is answered while their refusals wait"
sent=$(cat "$T_DIR"/refused-code.* | wc -l)
expect_equal "$sent" 0 "...none of which was sent yet"
wait "${curls[@]}"
expect_equal "$(awk '{ print $1 }' "$T_DIR"/refused-code.* | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')" \
	"429:20 " "then all twenty were sent, each a 429"
late=$(awk '$2 >= 2.0' "$T_DIR"/refused-code.* | wc -l)
first=$(sort -k2 -n "$T_DIR"/refused-code.* | awk 'NR == 1 { print $2 }')
expect_equal "$late" 20 "...each at least refuse_delay (2 s) after it came (first: $first s)"
expect_true "...with its Retry-After" grep -qi '^Retry-After: [0-9]' "$T_DIR/refused-head.1"
expect_true "...and its page" grep -q 'Too many requests' "$T_DIR/refused.1"

# refuse_delay = 0s: at once
sed -i 's/^refuse_delay = .*/refuse_delay = 0s/' "$CONF"
kill -HUP "$pid"
reloaded() { grep -q 'configuration reloaded' "$T_DIR/own.log"; }
poll "SIGHUP: refuse_delay = 0s" reloaded
read -r code secs < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
	-H "X-Forwarded-For: $client" "$URL?domain=two.test")
expect_equal "$code" 429 "refuse_delay = 0s: still refused"
expect_true "...at once (${secs} s)" awk -v s="$secs" 'BEGIN { exit !(s < 1.5) }'
