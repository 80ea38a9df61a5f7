# Several hosts behind one nginx, set up as INSTALL (G) says: each "host"
# is nscheck run as the shipped unit runs it, with -b on an address of its
# own in place of -s and a cache segment of its own; an nginx of this
# test's own includes the shipped conf/nginx-nscheck-upstream.conf in its
# http block (the server lines pointed at the hosts) and the shipped
# snippet, passing to that group, in its server. Shown: 20 names, each
# asked four times (three of them at once), are looked up once in the
# whole fleet, each name always on the same host; with host B killed,
# every name still gets its right answer, B's names from A, which looks
# each up once; B restarted gets its names back; a third host, C, takes
# names from the others' shares only, none moving between A and B. The
# hosts take connections from nginx's address alone (FCGI_WEB_SERVER_ADDRS).

NAMES="one.test two.test four.test thirteen.test xn--bcher-kva.test hostile.test
alias.test lamepart.test alpha-dns.test beta-dns.test example.com nat64.test
onedeleg.test betaonly.test goodglue.test badglue.test gluesubset.test
glueextra.test glueparent.test glueonly.test"
declare -A ADDR=([A]=127.0.92.1:9000 [B]=127.0.92.2:9000 [C]=127.0.92.3:9000)
declare -A MASTER=()
FRONT=127.0.0.1:8092
URL=http://$FRONT/nscheck/
# nginx connects from 127.0.0.1 (the source address of 127/8 on lo); the
# hosts, which inherit this, close connections from anywhere else
export FCGI_WEB_SERVER_ADDRS=127.0.0.1
dirs=() nginx=

# Stops processes by pid: SIGTERM, up to 10 s for them to go, then SIGKILL.
stop_pids() { # PID...
	[ $# -gt 0 ] || return 0
	kill "$@" 2>/dev/null
	local i
	for i in $(seq 200); do exited "$@" && return 0; sleep 0.05; done
	kill -9 "$@" 2>/dev/null
}
# The processes of a host's directory (its master, notifyd) and the
# master's workers.
host_pids() { # DIR
	local pid name
	while read -r pid name; do
		echo "$pid"
		[ "$name" = nscheck-unit ] && pgrep -P "$pid"
	done <"$1/pids"
}
cleanup_t92() {
	local d h
	[ -n "$nginx" ] && stop_pids "$nginx"
	for d in "${dirs[@]}"; do
		# shellcheck disable=SC2046 # one pid per word
		stop_pids $(host_pids "$d")
	done
	for h in A B C; do rm -f "/dev/shm/nscheck-t92-$h-$$"; done
}
trap cleanup_t92 EXIT

for h in A B C; do
	sed -e "s|^cache_name = .*|cache_name = /nscheck-t92-$h-$$|" "$WORK/web/nscheck.conf" >"$T_DIR/$h.conf"
	# every entry outlives the test, so a second lookup is never expiry's
	echo 'cache_max_ttl = 600s' >>"$T_DIR/$h.conf"
done

# A host as nscheck.service runs it (tests/lib/deploy.sh), on its address.
start_host() { # HOST DIR
	local h=$1 dir=$2
	mkdir -p "$dir"
	chmod 755 "$dir"
	: >"$dir/pids"
	dirs+=("$dir")
	unit_start "$NSCHECK_ROOT/conf/nscheck.service" "$dir" \
		"s|/usr/local/bin/nscheck|$NSCHECK_ROOT/build/nscheck|" \
		"s|/usr/local/etc/nscheck/nscheck.conf|$T_DIR/$h.conf|" \
		"s|-s /run/nscheck/nscheck.sock|-b ${ADDR[$h]}|"
	t_result $? "host $h: the unit's ExecStart with -b ${ADDR[$h]} says READY=1"
	MASTER[$h]=$UNIT_PID
}

# The shipped upstream file, its server lines pointed at HOSTS (in order).
upstream_conf() { # HOST...
	local doc args=()
	for doc in 192.0.2.11:9000 192.0.2.12:9000 192.0.2.13:9000; do
		if [ $# -gt 0 ]; then
			args+=(-e "s|$doc|${ADDR[$1]}|")
			shift
		else
			args+=(-e "/$doc/d")
		fi
	done
	sed "${args[@]}" "$NSCHECK_ROOT/conf/nginx-nscheck-upstream.conf"
}

front_conf() { # UPSTREAM-FILE
	local user=""
	[ "$(id -u)" = 0 ] && user="user www-data www-data;"
	cat <<EOC
$user
worker_processes 2;
daemon off;
pid $T_DIR/nginx.pid;
error_log $T_DIR/nginx-error.log info;
events { worker_connections 256; }
http {
	access_log $T_DIR/nginx-access.log;
$(nginx_temp_paths "$T_DIR")
	include /etc/nginx/mime.types;
	include $1;
	server {
		listen $FRONT;
		include $T_DIR/snippet.conf;
		# a client of host A that is not nginx's address
		location = /stranger/ {
			include fastcgi_params;
			fastcgi_bind 127.0.0.5;
			fastcgi_pass ${ADDR[A]};
		}
	}
}
EOC
}

# ---- the shipped files pass nginx -t ----
mkdir -p "$T_DIR/tmp"
cp /etc/nginx/fastcgi_params "$T_DIR/"
# as INSTALL says: every fastcgi_pass line of the snippet names the group
grep -qxF "    sed -i 's|unix:/run/nscheck/nscheck.sock|nscheck|' /etc/nginx/snippets/nscheck.conf" \
	"$NSCHECK_ROOT/INSTALL"
t_result $? "INSTALL says how the snippet passes to the group, as done here"
sed -e 's|unix:/run/nscheck/nscheck.sock|nscheck|' \
    -e "s|/usr/local/share/nscheck/www/|$WORK/web/www/|" \
    "$NSCHECK_ROOT/conf/nginx-nscheck.conf" >"$T_DIR/snippet.conf"
expect_equal "$(grep -c '^ *fastcgi_pass nscheck;$' "$T_DIR/snippet.conf")" 3 \
	"the snippet passes its three locations (page, status, health) to the group"
front_conf "$NSCHECK_ROOT/conf/nginx-nscheck-upstream.conf" >"$T_DIR/nginx-shipped.conf"
nginx -t -c "$T_DIR/nginx-shipped.conf" -p "$T_DIR" >"$T_DIR/nginx-t.out" 2>&1
t_result $? "nginx -t: the shipped upstream file as it is, in http { }" "$(cat "$T_DIR/nginx-t.out")"
upstream_conf A B >"$T_DIR/upstream.conf"
expect_equal "$(grep -cE '^ *server 127\.0\.92\.[12]:9000 ' "$T_DIR/upstream.conf"):$(grep -c 192.0.2 "$T_DIR/upstream.conf")" \
	2:0 "the test's copy lists hosts A and B and nothing else"
front_conf "$T_DIR/upstream.conf" >"$T_DIR/nginx.conf"
nginx -t -c "$T_DIR/nginx.conf" -p "$T_DIR" >"$T_DIR/nginx-t.out" 2>&1
t_result $? "nginx -t: the copy naming hosts A and B" "$(cat "$T_DIR/nginx-t.out")"

# ---- two hosts, each name on one of them ----
start_host A "$T_DIR/host-A"
start_host B "$T_DIR/host-B"
nginx -c "$T_DIR/nginx.conf" -p "$T_DIR" 2>"$T_DIR/nginx.stderr" &
nginx=$!
front_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }
poll "nginx answers through the group" front_up

# the right answers: each name straight from DNS, without any cache
signature() {
	jq -c '[.status, .owner, [.ns[] | [.name, .ipv4, .ipv6]]]' "$1" 2>/dev/null
}
for n in $NAMES; do
	"$NSCHECK_ROOT/build/nscheck" -c "$T_DIR/A.conf" -o cache_size=0 -q "$n" -f json >"$T_DIR/q.json"
	signature "$T_DIR/q.json" >"$T_DIR/expect.$n"
done

# Requests for NAME that HOST has logged, in all its runs.
served() { # HOST NAME
	cat "$T_DIR/host-$1"*/log/nscheck-unit.stderr 2>/dev/null | grep -cF "\"$2\" -> "
}
# Upstream lookups (any outcome), and cache misses, in HOST's segment.
stat_sum() { # HOST REGEX
	"$NSCHECK_ROOT/build/nscheck" -c "$T_DIR/$1.conf" --stats 2>/dev/null |
		awk -v m="$2" '$1 ~ m { s += $2 } END { print s + 0 }'
}
lookups() { stat_sum "$1" '^nscheck_lookups_total'; }
misses() { stat_sum "$1" '^nscheck_cache_misses_total$'; }

# Asks every name TIMES times through nginx, the first AT_ONCE of them at
# the same moment. AT[name] becomes the host that logged all of them
# ("split" if several did, "none" if none did); WRONG counts answers that
# are not 200 with the right name servers, UNCACHED[name] the answers
# that came from DNS rather than a cache.
declare -A AT=() UNCACHED=()
round() { # TIMES AT_ONCE
	local n i h code cached sig pids
	local -A before=()
	WRONG=0
	for n in $NAMES; do
		for h in A B C; do before[$h]=$(served "$h" "$n"); done
		pids=()
		for i in $(seq "$1"); do
			ask "$n" "$T_DIR/answer.$n.$i" &
			pids+=($!)
			if [ "$i" -ge "$2" ]; then wait "${pids[@]}"; pids=(); fi
		done
		AT[$n]=none
		for h in A B C; do
			[ "$(served "$h" "$n")" = "$(( ${before[$h]} + $1 ))" ] || continue
			AT[$n]=$h
		done
		for h in A B C; do
			if [ "$(served "$h" "$n")" != "${before[$h]}" ] && [ "${AT[$n]}" != "$h" ]; then
				AT[$n]="split"
			fi
		done
		UNCACHED[$n]=${UNCACHED[$n]:-0}
		for i in $(seq "$1"); do
			read -r code cached sig <"$T_DIR/answer.$n.$i"
			if [ "$code" != 200 ] || [ "$sig" != "$(cat "$T_DIR/expect.$n")" ]; then
				WRONG=$((WRONG + 1))
				echo "# $n: $code $sig"
			fi
			[ "$cached" = false ] && UNCACHED[$n]=$((UNCACHED[$n] + 1))
		done
	done
}
ask() { # NAME OUT
	local code
	code=$(curl -s -o "$2.body" -w '%{http_code}' --max-time 20 "$URL?domain=$1&format=json")
	echo "$code $(jq -r .cached "$2.body" 2>/dev/null) $(signature "$2.body")" >"$2"
}
names_at() { # HOST: the names AT puts there
	local n
	for n in $NAMES; do [ "${AT[$n]}" = "$1" ] && printf '%s ' "$n"; done
}
count() { wc -w <<<"$1"; }

round 3 3
wrong=$WRONG
declare -A FIRST=()
for n in $NAMES; do FIRST[$n]=${AT[$n]}; done
round 1 1
wrong=$((wrong + WRONG))
expect_equal "$wrong" 0 "80 requests, 4 per name (3 at once): every answer 200 with the right name servers"
odd=""
for n in $NAMES; do
	case "${FIRST[$n]}:${AT[$n]}" in A:A | B:B) ;; *) odd="$odd $n(${FIRST[$n]},${AT[$n]})" ;; esac
done
expect_equal "$odd" "" "each name was served by one host, the same every time"
NAMES_A=$(names_at A) NAMES_B=$(names_at B)
n_a=$(count "$NAMES_A") n_b=$(count "$NAMES_B")
echo "# host A serves $n_a names, host B $n_b"
expect_true "both hosts have names ($n_a and $n_b)" test "$n_a" -ge 1 -a "$n_b" -ge 1
odd=""
for n in $NAMES; do [ "${UNCACHED[$n]}" = 1 ] || odd="$odd $n(${UNCACHED[$n]})"; done
expect_equal "$odd" "" "each name came from DNS in one answer only, from caches in the other three"
expect_equal "$(( $(lookups A) + $(lookups B) ))" 20 \
	"upstream lookups of both hosts together: 20, one per name ($(lookups A) + $(lookups B))"
expect_equal "$(( $(misses A) + $(misses B) ))" 40 \
	"cache misses of both together: 40, a lookup and a report per name"

# no name (the form; a POST, the status view): an empty key, which
# nginx takes in turn
a0=$(served A "") b0=$(served B "")
for _ in 1 2 3 4; do curl -s -o /dev/null "$URL"; done
a1=$(( $(served A "") - a0 )) b1=$(( $(served B "") - b0 ))
expect_true "four requests without a name went to both hosts (A $a1, B $b1)" \
	test "$a1" -ge 1 -a "$b1" -ge 1 -a $((a1 + b1)) = 4

http GET "http://$FRONT/stranger/?domain=stranger-$$.test"
expect_status 502 "a connection to host A from another address is closed (FCGI_WEB_SERVER_ADDRS)"
expect_equal "$(served A "stranger-$$.test")" 0 "...before host A reads a request from it"

# ---- host B dies: its names go to A ----
# the master first, so that it starts no worker in place of a killed one;
# waiting for it (our child) keeps the shell from reporting its death
mapfile -t victims < <(echo "${MASTER[B]}"; pgrep -P "${MASTER[B]}")
{ kill -9 "${victims[@]}"; wait "${MASTER[B]}"; } 2>/dev/null
poll "host B killed: its master and its $(( ${#victims[@]} - 1 )) workers" exited "${victims[@]}"
refused0=$(grep -c 'Connection refused) while connecting to upstream' "$T_DIR/nginx-error.log")
before_a=$(lookups A)
round 2 1
expect_equal "$WRONG" 0 "with host B dead, all 20 names asked twice: every answer 200 with the right name servers"
expect_equal "$(count "$(names_at A)")" 20 "...all of them from host A"
expect_equal "$(( $(lookups A) - before_a ))" "$n_b" \
	"host A looked each of B's $n_b names up once, its own came from its cache"
refused=$(( $(grep -c 'Connection refused) while connecting to upstream' "$T_DIR/nginx-error.log") - refused0 ))
echo "# nginx found host B's port closed $refused times"
expect_true "nginx tried B at most max_fails (3) times, then left it out ($refused)" \
	test "$refused" -ge 1 -a "$refused" -le 3

# ---- host B comes back: its names go back to it ----
start_host B "$T_DIR/host-B2"
first_b=${NAMES_B%% *}
back_at_b() {
	local was
	was=$(served B "$first_b")
	curl -s -o /dev/null "$URL?domain=$first_b&format=json"
	[ "$(served B "$first_b")" != "$was" ]
}
start=$(date +%s) back=1
for _ in $(seq 150); do back_at_b && { back=0; break; }; sleep 0.2; done
t_result "$back" \
	"nginx sends $first_b to host B again (after $(( $(date +%s) - start )) s; fail_timeout is 10 s)"
round 1 1
expect_equal "$WRONG" 0 "B back: every answer 200 with the right name servers"
expect_equal "$(names_at A):$(names_at B)" "$NAMES_A:$NAMES_B" "...each name from its own host again"

# ---- a third host: names move to it, never between A and B ----
start_host C "$T_DIR/host-C"
upstream_conf A B C >"$T_DIR/upstream.conf"
nginx -t -c "$T_DIR/nginx.conf" -p "$T_DIR" >"$T_DIR/nginx-t.out" 2>&1
t_result $? "nginx -t: the copy naming hosts A, B and C" "$(cat "$T_DIR/nginx-t.out")"
old_workers=$(pgrep -P "$nginx" | tr '\n' ' ')
kill -HUP "$nginx"
# shellcheck disable=SC2086 # one pid per word
reloaded() { exited $old_workers && [ "$(pgrep -P "$nginx" | wc -l)" = 2 ]; }
poll "nginx reloaded with three hosts" reloaded
round 1 1
expect_equal "$WRONG" 0 "three hosts: every answer 200 with the right name servers"
moved="" to_c=0
for n in $NAMES; do
	case "${FIRST[$n]}:${AT[$n]}" in
	A:A | B:B) ;;
	A:C | B:C) to_c=$((to_c + 1)) ;;
	*) moved="$moved $n(${FIRST[$n]}->${AT[$n]})" ;;
	esac
done
echo "# $to_c of 20 names moved to host C"
expect_equal "$moved" "" "no name moved between hosts A and B (consistent hashing)"
expect_true "host C took some names ($to_c)" test "$to_c" -ge 1
