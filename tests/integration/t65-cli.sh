# The command line as an operator scripts it: -q's exit codes, one
# meaning each; the dates it prints come from the clock; --expect and
# --server ask what the page asks; long options; and --check, the
# monitoring plugin (also as check_nscheck), its states, status line and
# performance data, its rules and its timeout.

NSCHECK=$NSCHECK_ROOT/build/nscheck
CONF=$WORK/web/nscheck.conf

q() { # ARGS...: runs nscheck -c CONF ARGS, stdout in T_BODY; sets RC
	"$NSCHECK" -c "$CONF" "$@" >"$T_BODY" 2>"$T_DIR/stderr"
	RC=$?
}

# ---- exit codes of -q ----
q -q two.test
expect_equal $RC 0 "-q, every check passes: exit 0"
q -q four.test -f json
expect_equal $RC 0 "-q, every check passes (JSON): exit 0"
q -q thirteen.test
expect_equal $RC 3 "-q, found and a check warns: exit 3"
q -q notcp.test
expect_equal $RC 4 "-q, found and a check fails: exit 4"
q -q cnamens.test -f json
expect_equal $RC 4 "-q, a name server that is an alias: exit 4"
expect_json '[.checks[] | select(.status == "fail") | .id] | join(" ")' ns_not_cname \
	"...the JSON names the failing check"
q -q nx.test
expect_equal $RC 1 "-q, NXDOMAIN: exit 1"
q -q www.two.test
expect_equal $RC 1 "-q, no NS records: exit 1"
q -q lame.test
expect_equal $RC 2 "-q, SERVFAIL: exit 2"
q -q 'a..test'
expect_equal $RC 65 "-q, not a usable name: exit 65 (EX_DATAERR)"
expect_body 'Label 2 is empty' "...and it says why"
q -q two.test -f xml
expect_equal $RC 64 "-f xml: exit 64 (EX_USAGE)"
expect_true "...and says what is wrong" grep -q -- '-f xml: use text or json' "$T_DIR/stderr"
q --bogus
expect_equal $RC 64 "an unknown option: exit 64"
q -q
expect_equal $RC 64 "-q without a name: exit 64"
q -f json
expect_equal $RC 64 "-f without -q: exit 64"
q --server 11.53.10.1
expect_equal $RC 64 "--server without -q: exit 64"
q -q two.test extra
expect_equal $RC 64 "a word that is no option: exit 64"
q -q two.test -n
expect_equal $RC 64 "-q with -n: exit 64, not one of them quietly"
q -n --stats
expect_equal $RC 64 "-n with --stats: exit 64"
long=$(printf 'a%.0s' $(seq 9000)).test
q -q "$long"
expect_equal $RC 65 "-q, a name of 9 KB: exit 65"
expect_true "...saying how long it may be" grep -q 'at most 1024 are taken' "$T_DIR/stderr"
printf 'foo = 1\n' >"$T_DIR/bad.conf"
"$NSCHECK" -c "$T_DIR/bad.conf" -q two.test >"$T_BODY" 2>"$T_DIR/stderr"
expect_equal $? 78 "-q with a bad configuration: exit 78 (EX_CONFIG)"
"$NSCHECK" -n -c "$T_DIR/bad.conf" >"$T_BODY" 2>"$T_DIR/stderr"
expect_equal $? 78 "-n with a bad configuration: exit 78"
expect_true "...naming the line" grep -q "bad.conf:1: unknown key 'foo'" "$T_DIR/stderr"
"$NSCHECK" -c "$CONF" -o cache_name=/nscheck-t65-none-$$ --stats >"$T_BODY" 2>"$T_DIR/stderr"
expect_equal $? 69 "--stats without a segment: exit 69 (EX_UNAVAILABLE)"

# ---- long options ----
"$NSCHECK" --config "$CONF" --query two.test --format json >"$T_BODY" 2>/dev/null
expect_json '.status' found "--config --query --format json"
"$NSCHECK" --config "$CONF" --set deadline=2s --check-config >"$T_BODY" 2>&1
expect_body "configuration OK: $CONF" "--set and --check-config"
"$NSCHECK" --help >"$T_BODY"
unlisted=
for o in --config --set --user --workers --socket --bind --query --format --expect \
	--server --check --timeout --warn-checks --ignore --check-config --stats \
	--version --help; do
	grep -q -- "$o" "$T_BODY" || unlisted="$unlisted $o"
done
expect_equal "$unlisted" "" "--help lists every long option"
expect_body 'Exit codes of -q: 0 found' "--help gives the exit codes"
expect_equal "$("$NSCHECK" --version)" "$("$NSCHECK" -V)" "--version is -V"

# ---- dates from the clock ----
q -q two.test -f json
now=$(date +%s)
until=$(date -d "$(jq -r '.report.wait.until' "$T_BODY")" +%s 2>/dev/null || echo 0)
secs=$(jq -r '.report.wait.seconds' "$T_BODY")
expect_true "JSON: the wait ends within a minute of now plus its TTL ($until, $now + $secs)" \
	test $(( until - now - secs )) -ge -60 -a $(( until - now - secs )) -le 60
q -q two.test
shown=$(grep -oE 'until [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2} UTC' "$T_BODY" | cut -c7-)
until=$(date -d "$shown" +%s 2>/dev/null || echo 0)
expect_true "text: the wait ends within a minute of now plus its TTL ($shown)" \
	test $(( until - now - secs )) -ge -60 -a $(( until - now - secs )) -le 60

# ---- --expect and --server ----
q -q four.test --expect ns1.alpha-dns.test,ns1.beta-dns.test,ns2.alpha-dns.test,ns2.beta-dns.test -f json
expect_json '.transfer.verdict' done "--expect, four.test's own set: done"
expect_equal $RC 0 "...exit 0"
q -q four.test --expect ns1.beta-dns.test,ns2.beta-dns.test
expect_body 'Moving to ns1.beta-dns.test, ns2.beta-dns.test' "--expect in text: the verdict"
expect_equal $RC 4 "--expect, the registry has another set: exit 4"
q -q moving.test --expect ns1.beta-dns.test,ns2.beta-dns.test -f json
expect_json '.transfer.verdict' waiting_for_registry "--expect, a move half published: waiting"
expect_equal $RC 3 "...exit 3"
q -q two.test --expect 'ns1..bad'
expect_equal $RC 64 "--expect with a bad name: exit 64"
q -q two.test --server 11.53.10.1
expect_body 'ns1.alpha-dns.test' "--server: that server's replies"
expect_body 'SOA' "...to the report's questions, SOA among them"
expect_equal $RC 0 "--server: exit 0"
q -q two.test --server 11.53.10.1 -f json
expect_json '.server.address + " " + (.answers | length > 0 | tostring)' '11.53.10.1 true' "--server -f json: the drill-down"
q -q two.test --server 10.53.0.1
expect_equal $RC 65 "--server the report did not ask: exit 65"
q -q two.test --server not-an-address
expect_equal $RC 64 "--server that is no address: exit 64"

# ---- --check, the monitoring plugin ----
plugin() { # ARGS...: runs the plugin, sets RC, LINE (the first line), PERF
	"$NSCHECK" -c "$CONF" "$@" >"$T_BODY" 2>"$T_DIR/stderr"
	RC=$?
	LINE=$(head -1 "$T_BODY")
	PERF=${LINE#*|}
}
# the guidelines' form: one line "SERVICE STATE - text|perf", each datum
# 'label'=value[unit];warn;crit;min;max, labels quoted when they must be
perfdata_ok() {
	local d
	case $LINE in *"|"*) ;; *) return 1 ;; esac
	for d in $PERF; do
		echo "$d" | grep -qE "^([A-Za-z_]+|'[^']+')=[0-9.]+(s|%|B|KB|MB|c)?(;[0-9.]*){0,4}$" || return 1
	done
	[ -n "$PERF" ]
}
plugin --check two.test
expect_equal $RC 0 "--check, healthy: OK (0)"
expect_true "...its line: $LINE" grep -qE '^NSCHECK OK - two.test: 2 name servers, 15 checks passed \|' "$T_BODY"
expect_true "...performance data as the guidelines have it: $PERF" perfdata_ok
expect_true "...time, ns, queries and answered" sh -c "echo '$PERF' | grep -qE '^ ?time=[0-9.]+s;;;0 ns=2;;;0 queries=[0-9]+;;;0 answered=4;;;0$'"
expect_equal "$(wc -l <"$T_BODY")" 1 "...and nothing more"
plugin --check thirteen.test
expect_equal $RC 1 "--check, a warning: WARNING (1)"
expect_true "...its line names them: $LINE" grep -qE '^NSCHECK WARNING - thirteen.test: 13 name servers, 2 warnings \(subnet_diversity, ipv6\) \|' "$T_BODY"
expect_true "...then a line for each" grep -q '^WARNING ipv6: ' "$T_BODY"
plugin --check thirteen.test --ignore ipv6,subnet_diversity
expect_equal $RC 0 "--ignore: what is left passes: OK"
expect_true "...its line counts what counted: $LINE" grep -q 'checks passed' "$T_BODY"
plugin --check notcp.test
expect_equal $RC 2 "--check, a failure: CRITICAL (2)"
expect_true "...its line: $LINE" grep -qE '^NSCHECK CRITICAL - notcp.test: 1 name server, 2 failed \(ns_count, tcp\), 2 warnings' "$T_BODY"
expect_true "...the failure's own words follow" grep -q '^CRITICAL tcp: ' "$T_BODY"
expect_true "...with performance data: $PERF" perfdata_ok
plugin --check notcp.test --warn-checks ns_count,tcp
expect_equal $RC 1 "--warn-checks: those failures only warn: WARNING"
plugin --check nx.test
expect_equal $RC 2 "--check, NXDOMAIN: CRITICAL"
expect_true "...says so: $LINE" grep -q 'does not exist' "$T_BODY"
plugin --check lame.test
expect_equal $RC 2 "--check, the lookup fails: CRITICAL"
plugin --check four.test --expect ns1.beta-dns.test,ns2.beta-dns.test
expect_equal $RC 2 "--check --expect, the registry has another set: CRITICAL"
expect_true "...says so: $LINE" grep -q 'the registry has other servers' "$T_BODY"
plugin --check moving.test --expect ns1.beta-dns.test,ns2.beta-dns.test
expect_equal $RC 1 "--check --expect, waiting for the registry: WARNING"
expect_true "...says so: $LINE" grep -q 'waiting for the registry' "$T_BODY"
plugin --check 'a..test'
expect_equal $RC 3 "--check, not a domain name: UNKNOWN (3)"
plugin --check two.test --ignore no_such_check
expect_equal $RC 3 "--ignore of an unknown id: UNKNOWN"
expect_true "...named on its line: $LINE" grep -q "^NSCHECK UNKNOWN - 'no_such_check' is not the id of a check" "$T_BODY"
plugin --check two.test -t abc
expect_equal $RC 3 "-t that is no number: UNKNOWN"
plugin --check two.test -t '1|x=2'
expect_true "...whose value cannot break the line: $LINE" sh -c "! head -1 '$T_BODY' | grep -q '|'"
plugin --bogus --check two.test
expect_equal "$RC $LINE" "3 NSCHECK UNKNOWN - unknown option or missing value (see --help)" \
	"an unknown option before --check: UNKNOWN"
plugin --check two.test --bogus
expect_equal "$RC $LINE" "3 NSCHECK UNKNOWN - unknown option or missing value (see --help)" \
	"...and after it: the same"
expect_equal "$(wc -c <"$T_DIR/stderr")" 0 "...with nothing on stderr"
plugin --check "$long"
expect_equal $RC 3 "--check, a name of 9 KB: UNKNOWN"
expect_true "...its line: ${LINE:0:60}" grep -q '^NSCHECK UNKNOWN - the name is 9005 bytes long' "$T_BODY"
plugin --check two.test --expect 'ns1..bad'
expect_equal $RC 3 "--check --expect with a bad name: UNKNOWN"
expect_true "...saying it is the value: $LINE" grep -q 'a value given is not usable' "$T_BODY"
"$NSCHECK" -c "$T_DIR/bad.conf" --check two.test >"$T_BODY" 2>&1
expect_equal $? 3 "--check with a bad configuration: UNKNOWN"
expect_body "NSCHECK UNKNOWN - $T_DIR/bad.conf:1: unknown key 'foo'" "...its line says why"
start=$(date +%s%N)
plugin --check dead.test -t 1
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect_equal $RC 3 "--check -t 1, servers that never answer: UNKNOWN (3)"
expect_true "...its line: $LINE" grep -qx 'NSCHECK UNKNOWN - dead.test: no verdict within 1 s (--timeout)' "$T_BODY"
expect_true "...after the second it was given, not the deadline (${took} ms)" test "$took" -lt 3000

# as check_nscheck, the way monitoring systems install plugins
ln -s "$NSCHECK" "$T_DIR/check_nscheck"
"$T_DIR/check_nscheck" -c "$CONF" -H two.test >"$T_BODY" 2>&1
expect_equal $? 0 "check_nscheck -H two.test: OK"
expect_body 'NSCHECK OK - two.test' "...the same line"
"$T_DIR/check_nscheck" -c "$CONF" four.test >"$T_BODY" 2>&1
expect_equal $? 0 "check_nscheck DOMAIN: OK"
"$T_DIR/check_nscheck" -c "$CONF" >"$T_BODY" 2>&1
expect_equal $? 3 "check_nscheck without a domain: UNKNOWN"
expect_body 'NSCHECK UNKNOWN - no domain to check' "...says so on its line"
"$T_DIR/check_nscheck" -c "$CONF" --bogus two.test >"$T_BODY" 2>&1
expect_equal $? 3 "check_nscheck with an unknown option: UNKNOWN, not 64"
