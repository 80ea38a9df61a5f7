# Answers that break the rules, straight from a server of ours
# (tests/tools/hostiledns) used as nscheck's resolver: garbage, cut and
# truncated replies, compression loops and pointers past the end, names
# holding markup, NUL, dots and bytes over 127, extreme TTLs, 200 name
# servers, wrong ids and questions, records of another name. Each gets a
# clear page within the deadline, escaped, and no process dies.

HOSTILE=11.53.250.1
ip addr add "$HOSTILE/32" dev lo 2>/dev/null
"$NSCHECK_TOOLS/hostiledns" "$HOSTILE" 53 2>"$T_DIR/hostiledns.log" &
hostile_pid=$!
cleanup_t26() { kill "$hostile_pid" 2>/dev/null; wait "$hostile_pid" 2>/dev/null; }
trap cleanup_t26 EXIT
for _ in $(seq 100); do
	dig +time=1 +tries=1 @"$HOSTILE" plain.hostile.example NS >/dev/null 2>&1 && break
	sleep 0.05
done
expect_true "hostiledns answers at $HOSTILE" \
	sh -c "dig +time=1 +tries=1 @$HOSTILE plain.hostile.example NS | grep -q 'ANSWER: 2'"

CONF=$T_DIR/nscheck.conf
sed -e "s/^resolver = .*/resolver = $HOSTILE/" -e 's/^deadline = .*/deadline = 1500ms/' \
	"$WORK/web/nscheck.conf" | grep -v '^cache_' >"$CONF"
printf 'cache_size = 0\nreport = no\n' >>"$CONF"

cgi() { # QUERY -> $T_BODY (headers and body), $cgi_rc, $cgi_ms
	local t0=$(date +%s%N)
	env -i REQUEST_METHOD=GET QUERY_STRING="$1" NSCHECK_CONF="$CONF" \
		"$NSCHECK_ROOT/build/nscheck" >"$T_BODY" 2>>"$T_DIR/stderr"
	cgi_rc=$?
	cgi_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

for mode in garbage short cut loop past markup ttl many wrongid wrongq other servfail plain; do
	name=$mode.hostile.example
	cgi "domain=$name"
	expect_true "$mode: the process ended normally (exit $cgi_rc)" test "$cgi_rc" -lt 128
	expect_true "$mode: answered within the deadline ($cgi_ms ms)" test "$cgi_ms" -lt 2500
	status=$(head -1 "$T_BODY" | tr -d '\r')
	expect_true "$mode: a status of its own ($status)" \
		sh -c "echo '$status' | grep -qE '^Status: (200|502|504) '"
	expect_body '<h2 id="result-title">' "$mode: a page that says what happened"
	expect_true "$mode: no markup from DNS in the page" \
		sh -c "! grep -qi '<script\|<img\|\"b.c&d' '$T_BODY'"
	cgi "domain=$name&format=json"
	sed '1,/^\r$/d' "$T_BODY" >"$T_DIR/json"
	expect_true "$mode: valid JSON" jq -e .status "$T_DIR/json"
	cgi "domain=$name&format=text"
	expect_true "$mode: text without control characters" \
		sh -c "! sed '1,/^\r$/d' '$T_BODY' | tr -d '\n\t' | grep -qaP '[\x00-\x1f\x7f]'"
done

# what the good parts of the bad answers look like
cgi "domain=markup.hostile.example"
expect_equal "$(head -1 "$T_BODY" | tr -d '\r')" 'Status: 200 OK' "markup: the names are shown"
expect_body '&lt;script&gt;alert(1)&lt;/script&gt;.example.net' "markup: the script tag as text"
# presentation form escapes the quote (\"), then HTML escapes every part
expect_body 'a\&quot;b&#39;c&amp;d&lt;e&gt;.example.net' "markup: quotes and ampersand escaped"
expect_body '\195\169t\195\169\255\128.example.net' "markup: bytes over 127 shown as \DDD"
expect_body 'nul\000inside.example.net' "markup: the NUL byte shown as \\000"
expect_body 'dot\.inside.example.net' "markup: a dot inside a label shown as \\."
cgi "domain=wrongid.hostile.example"
expect_equal "$(head -1 "$T_BODY" | tr -d '\r')" 'Status: 504 Gateway Timeout' "wrong id: never taken, so a timeout"
expect_json_file() { # FILE JQ WANT what
	expect_equal "$(jq -r "$2" "$1")" "$3" "$4"
}
# 200 records take 3939 bytes: more than the 1232 nscheck offers by
# default, so that reply is cut and refused; offered 4096, all are shown
cgi "domain=many.hostile.example&format=json"
sed '1,/^\r$/d' "$T_BODY" >"$T_DIR/json"
expect_json_file "$T_DIR/json" '.status' servfail "many: a reply larger than offered is refused"
echo "udp_size = 4096" >>"$CONF"
cgi "domain=many.hostile.example&format=json"
sed '1,/^\r$/d' "$T_BODY" >"$T_DIR/json"
expect_json_file "$T_DIR/json" '.ns | length' 200 "many: with udp_size 4096, all 200 name servers listed"
expect_json_file "$T_DIR/json" '[.ns[] | select(.ipv4 | length > 0)] | length' 20 \
	"many: addresses looked up for max_ns (20) of them"
# garbage does not match the question, so it is not an answer at all
cgi "domain=garbage.hostile.example&format=json"
sed '1,/^\r$/d' "$T_BODY" >"$T_DIR/json"
expect_json_file "$T_DIR/json" '.status' timeout "garbage: never taken for an answer"
cgi "domain=ttl.hostile.example&format=json"
sed '1,/^\r$/d' "$T_BODY" >"$T_DIR/json"
# RFC 2181 8: a TTL with the top bit set counts as 0
expect_json_file "$T_DIR/json" '[.ns[].ttl] | join(" ")' "0 0" "ttl: 0 and 2^32-1 both read as 0"

cleanup_t26
trap - EXIT
