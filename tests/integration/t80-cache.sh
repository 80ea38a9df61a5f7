# The shared cache: three separate nscheck processes on their own sockets,
# which nginx takes in turn, share one segment. A name looked up once is
# served by all three from the cache after the resolver has stopped, with
# its TTL counting down. Also the status view and --stats.

CONF=$T_DIR/cache.conf
NAME=/nscheck-t80-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" "$WORK/web/nscheck.conf" >"$CONF"
pids=()
cleanup_t80() {
	kill "${pids[@]}" 2>/dev/null
	rm -f "/dev/shm$NAME"
	# the resolver is stopped below: make sure it runs again for the rest
	kill -0 "$(awk '$2 == "unbound" { print $1 }' "$WORK/world/pids" | tail -1)" 2>/dev/null ||
		world_resolver_start "$WORK/world"
}
trap cleanup_t80 EXIT

RR=http://$WEB_ADDR/rr/
for i in 1 2 3; do
	"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -o socket_mode=0666 \
		-s "$WORK/web/run/rr$i.sock" 2>"$T_DIR/p$i.log" &
	pids+=($!)
done
# nginx takes the three in turn: wait until each has answered once
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$RR")" = 200 ]; }
served() { grep -c 'request ' "$T_DIR/p$1.log"; }
for _ in $(seq 200); do
	ready && [ "$(served 1)" -ge 1 ] && [ "$(served 2)" -ge 1 ] && [ "$(served 3)" -ge 1 ] && break
	sleep 0.05
done
for i in 1 2 3; do
	expect_true "process $i serves through nginx" test "$(served "$i")" -ge 1
done

http GET "$RR?domain=four.test&format=json"
expect_json '.status' found "first lookup"
expect_json '.cached' false "first lookup comes from DNS"
ttl0=$(jq -r '.ns[0].ttl' "$T_BODY")

world_resolver_stop "$WORK/world"
expect_true "resolver stopped" sh -c "! dig +time=1 +tries=1 @$WORLD_RESOLVER two.test >/dev/null"

# three requests in a row go to the three processes in turn
for i in 1 2 3; do
	http GET "$RR?domain=four.test&format=json"
	expect_json '.status' found "request $i: an answer while the resolver is down"
	expect_json '.cached' true "request $i: from the shared cache"
	expect_json '.ns | length' 4 "request $i: the whole NS set"
done
for i in 1 2 3; do
	expect_true "process $i served four.test from the cache" \
		grep -q '"four.test" -> 200 found cached' "$T_DIR/p$i.log"
done

# the TTL counts down like a resolver's: poll until a second has passed
for _ in $(seq 60); do
	http GET "$RR?domain=four.test&format=json"
	[ "$(jq -r '.age' "$T_BODY")" -ge 1 ] && break
	sleep 0.05
done
age=$(jq -r '.age' "$T_BODY")
ttl1=$(jq -r '.ns[0].ttl' "$T_BODY")
expect_true "the entry ages (age $age s)" test "$age" -ge 1
expect_equal "$ttl1" "$((ttl0 - age))" "TTL counts down by the age ($ttl0 - $age)"
http GET "$RR?domain=four.test"
expect_body_re "From nscheck&#39;s cache, stored [0-9]+ s ago" "the page says it came from the cache, and how old"
http GET "$RR?domain=four.test&format=text"
expect_body_re 'from the cache, stored [0-9]+ s ago' "text says it too"

http GET "$RR?domain=one.test&format=json"
expect_json '.status' timeout "an uncached name while the resolver is down: timeout"

world_resolver_start "$WORK/world"

# counters: the status view through nginx, restricted to localhost; a
# lookup just before, so the gauge of live entries cannot be 0 however
# long the earlier scripts took
curl -s -o /dev/null "${WEB_URL}?domain=two.test"
http GET "http://$WEB_ADDR/nscheck/status"
expect_status 200 "status view from localhost"
expect_header '^Content-Type: text/plain; version=0.0.4' "Prometheus content type"
expect_body_re '^nscheck_cache_hits_total [0-9]+$' "hits counter"
expect_body '# TYPE nscheck_cache_entries gauge' "entries gauge"
expect_body 'nscheck_lookups_total{outcome="found"}' "outcomes"
for m in nscheck_cache_misses_total nscheck_coalesced_total nscheck_cache_evictions_total \
	nscheck_cache_lock_recoveries_total nscheck_cache_replaced_total nscheck_cache_entries \
	nscheck_inflight_lookups nscheck_cache_segment_bytes; do
	expect_body_re "^$m [0-9]+\$" "metric $m"
done
expect_body_re '^nscheck_cache_entries [1-9][0-9]*$' "the lookups above are counted as entries"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 "http://$WEB_ADDR/nscheck/status")
expect_status 403 "status view from another address is refused"
http GET "${WEB_URL}?domain=two.test&NSCHECK_STATUS=1"
expect_no_body 'nscheck_cache_hits_total' "a client cannot ask for the status view by parameter"
http GET "${WEB_URL}?domain=two.test" -H 'NSCHECK_STATUS: 1'
expect_no_body 'nscheck_cache_hits_total' "nor by header"

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" --stats >"$T_BODY"
expect_equal $? 0 "--stats reads the segment"
hits=$(sed -n 's/^nscheck_cache_hits_total //p' "$T_BODY")
expect_true "--stats: the hits of the three processes ($hits)" test "${hits:-0}" -ge 4
"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -o cache_name=/nscheck-none-$$ --stats >"$T_BODY" 2>&1
expect_equal $? 69 "--stats without a segment: exit 69"
