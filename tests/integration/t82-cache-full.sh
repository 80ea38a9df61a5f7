# A cache much smaller than what is asked of it: one set of 16 slots for
# many names (a lookup and a report each). Every answer is still right,
# the oldest entries make room (evictions counted), and a name pushed out
# is simply asked again.

CONF=$T_DIR/full.conf
NAME=/nscheck-t82-$$
sed -e "s|^cache_name = .*|cache_name = $NAME|" -e "s|^cache_size = .*|cache_size = 64K|" \
	"$WORK/web/nscheck.conf" >"$CONF"
trap 'rm -f "/dev/shm$NAME"' EXIT

cgi_json() { # NAME [CONF] -> $T_BODY holds the JSON
	env -i REQUEST_METHOD=GET QUERY_STRING="domain=$1&format=json" NSCHECK_CONF="${2:-$CONF}" \
		"$NSCHECK_ROOT/build/nscheck" 2>>"$T_DIR/stderr" | sed '1,/^\r$/d' >"$T_BODY"
}
answer() { jq -r '[.status] + ([.ns[]?.name] | sort) | join(" ")' "$T_BODY"; }
# (not partdead.test: whether its lookup times out depends on which server
# the resolver happens to ask first, so no two lookups need agree)
NAMES="four.test thirteen.test one.test mismatch.test lamepart.test hostile.test
	cnamens.test betaonly.test goodglue.test badglue.test private.test sub.two.test
	www.two.test nx.test"
# the right answers, from DNS with no cache at all
sed 's/^cache_size = .*/cache_size = 0/' "$CONF" >"$T_DIR/nocache.conf"
for n in $NAMES; do
	cgi_json "$n" "$T_DIR/nocache.conf"
	answer >"$T_DIR/want.$n"
done
stat_of() { "$NSCHECK_ROOT/build/nscheck" -c "$CONF" --stats | sed -n "s/^$1 //p"; }

cgi_json two.test
expect_json '[.ns[].name] | join(" ")' 'ns1.alpha-dns.test ns2.alpha-dns.test' "first lookup of two.test"
expect_equal "$(stat_of nscheck_cache_slots)" 16 "the segment holds one set of 16 slots"
for n in $NAMES; do
	cgi_json "$n"
	expect_equal "$(answer)" "$(cat "$T_DIR/want.$n")" "$n: the same answer with the cache full"
done
expect_true "entries were pushed out ($(stat_of nscheck_cache_evictions_total))" \
	test "$(stat_of nscheck_cache_evictions_total)" -gt 0
expect_true "the cache holds no more than its slots" test "$(stat_of nscheck_cache_entries)" -le 16
cgi_json two.test
expect_json '[.ns[].name] | join(" ")' 'ns1.alpha-dns.test ns2.alpha-dns.test' "two.test, pushed out, is asked again: same answer"
expect_json '.cached' false "and it came from DNS, not a stale slot"
