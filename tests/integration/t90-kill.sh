# Workers killed with SIGKILL at random moments under load: every answer
# that comes back is still correct, the cache stays usable and keeps what
# it held, and the master keeps the workers coming back. A request whose
# worker died under it may fail (nginx answers 502), but no request may
# get a wrong answer.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
CONF=$T_DIR/kill.conf
NAME=/nscheck-t90-$$
NAMES="one.test two.test four.test thirteen.test xn--bcher-kva.test www.alias.test nx.test www.two.test"
sed -e "s|^cache_name = .*|cache_name = $NAME|" "$WORK/web/nscheck.conf" >"$CONF"
printf 'socket_mode = 0666\nthreads = 4\ncache_max_ttl = 600s\n' >>"$CONF"
master=
trap 'web_stop_master "$master" "$CONF" "$NAME"' EXIT

# What an answer must say: status, NS names, addresses (not TTLs or times).
signature() {
	jq -c '[.status, .owner, [.ns[] | [.name, .ipv4, .ipv6]]]' "$1" 2>/dev/null
}

# the oracle: each name looked up once, straight from DNS with -q
for n in $NAMES; do
	"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -q "$n" -f json >"$T_DIR/q.json"
	signature "$T_DIR/q.json" >"$T_DIR/expect.$n"
done

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w 3 -s "$OWN" 2>"$T_DIR/master.log" &
master=$!
up() { [ "$(pgrep -P "$master" | wc -l)" = 3 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }
for _ in $(seq 200); do up && break; sleep 0.05; done
expect_true "master with 3 workers up" up

# every name in the cache before the storm (their TTLs outlast the test)
for n in $NAMES; do curl -s -o /dev/null "$URL?domain=$n"; done

# load: four clients, each asking random names of the set
load() { # N OUT
	local i n names=($NAMES)
	for i in $(seq "$1"); do
		n=${names[RANDOM % ${#names[@]}]}
		code=$(curl -s -o "$2.body" -w '%{http_code}' "$URL?domain=$n&format=json")
		echo "$code $n $(signature "$2.body")" >>"$2"
	done
}
clients=()
for c in 1 2 3 4; do
	: >"$T_DIR/load.$c"
	load 150 "$T_DIR/load.$c" &
	clients+=($!)
done

# the killer: a random worker gets SIGKILL every 15 finished requests
kills=0 seen=0
running() { for p in "${clients[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
while running; do
	done_now=$(cat "$T_DIR"/load.? | wc -l)
	if [ "$done_now" -ge $((seen + 15)) ]; then
		seen=$done_now
		victims=($(pgrep -P "$master"))
		if [ ${#victims[@]} -gt 0 ]; then
			kill -9 "${victims[RANDOM % ${#victims[@]}]}" 2>/dev/null && kills=$((kills + 1))
		fi
	fi
	sleep 0.02
done
wait "${clients[@]}"

total=$(cat "$T_DIR"/load.? | wc -l)
ok=$(cat "$T_DIR"/load.? | awk '$1 == 200' | wc -l)
other=$(cat "$T_DIR"/load.? | awk '$1 != 200 && $1 != 502' | wc -l)
wrong=0
while read -r code n sig; do
	[ "$code" = 200 ] || continue
	[ "$sig" = "$(cat "$T_DIR/expect.$n")" ] || { wrong=$((wrong + 1)); echo "# wrong answer for $n: $sig"; }
done < <(cat "$T_DIR"/load.?)
echo "# $total requests, $ok answered, $kills workers killed"
expect_true "workers were killed under load ($kills)" test "$kills" -ge 10
expect_equal "$total" 600 "every request finished"
expect_equal "$wrong" 0 "no wrong answer among the $ok answered"
expect_equal "$other" 0 "failures are only 502s from nginx (worker died under the request)"
expect_true "most requests were answered ($ok of $total)" test "$ok" -ge 300

# afterwards: the workers are back and the cache answers correctly
for _ in $(seq 200); do up && break; sleep 0.05; done
expect_true "the master brought 3 workers back" up
for n in $NAMES; do
	http GET "$URL?domain=$n&format=json"
	signature "$T_BODY" >"$T_DIR/after"
	expect_equal "$(cat "$T_DIR/after")" "$(cat "$T_DIR/expect.$n")" "after the storm: $n is right"
	expect_json '.cached' true "after the storm: $n is still in the cache"
done
recoveries=$("$NSCHECK_ROOT/build/nscheck" -c "$CONF" --stats | sed -n 's/^nscheck_cache_lock_recoveries_total //p')
echo "# lock recoveries: $recoveries"
expect_true "the cache's counters are readable" test -n "$recoveries"
