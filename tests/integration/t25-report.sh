# The delegation report: for each check, a domain of the test world that
# passes it and one that does not, through the JSON and the page. The
# world's parent zones and name servers are real NSD instances; the walk
# starts at the world's root (root_hints in the test configuration).

json() { http GET "${WEB_URL}?domain=$1&format=json"; }

# ---- a healthy domain: everything passes ----
json two.test
expect_json '.report.status' done "two.test: report done"
expect_json '.report.parent_zone' test "parent zone found by walking from the root"
expect_json '.report.delegation.ns | join(" ")' 'ns1.alpha-dns.test ns2.alpha-dns.test' "delegation NS set"
expect_json '.report.delegation.ttl' 172800 "delegation TTL from the parent"
expect_json '.report.parents | map(.server) | join(" ")' 'ns1.nic.test ns2.nic.test' "every parent server asked"
expect_json '.report.parents[0].glue | length' 2 "glue seen at the parent"
expect_json '.report.servers | length' 4 "every address of every name server asked"
expect_json '[.report.servers[] | .authoritative] | all' true "all authoritative"
expect_json '[.report.servers[] | .serial] | unique | .[0]' 2024010101 "SOA serial"
expect_json '[.report.servers[] | .rtt_ms | type] | unique | .[0]' number "round-trip times"
expect_json '.report.provider' 'Alpha DNS' "provider named from the providers file"
expect_json '.report.elapsed_ms > 0 and .report.elapsed_ms < 3000' true "report time within its deadline ($(jq .report.elapsed_ms "$T_BODY") ms)"
expect_json '.report.queries > 0 and .report.queries <= 150' true "queries counted, within the budget"
expect_json '.report.cut_short' false "a healthy report is not cut short"
for id in ns_count parent_child_match ns_resolves ns_not_cname lame responds \
	soa_serial glue tcp open_recursion subnet_diversity ipv6 public_addresses; do
	expect_check "$id" pass "two.test"
done
expect_json '[.report.servers[] | .tcp + "/" + .recursion] | unique | join(" ")' 'ok/off' \
	"two.test: every address answers over TCP and does not recurse"

expect_check propagation info "two.test"
expect_message propagation "up to 2 days" "propagation: from the parent's 2-day TTL"
expect_message propagation "live 1 hour" "propagation: and the zone's 1-hour TTL"
expect_message propagation "for up to 10 minutes (the SOA's negative TTL)" "propagation: and the negative TTL (SOA minimum 600 < TTL 3600)"
expect_json '.report.wait.seconds' 172800 "wait: the longer TTL, the parent's"
expect_json '.report.wait.negative_ttl' 600 "wait: the negative TTL"
expect_json '(.report.wait.until | fromdateiso8601) - now | . > 172700 and . < 172900' true \
	"wait: until now + 2 days, as a date ($(jq -r .report.wait.until "$T_BODY"))"

# ---- a change of name servers: expected servers and one verdict ----
move() { # DOMAIN EXPECTED (URL-encoded)
	http GET "${WEB_URL}?domain=$1&expect=$2&format=json"
	expect_status 200 "$1, expecting $2"
}
move moving.test 'ns1.beta-dns.test,ns2.beta-dns.test'
expect_json '.transfer.verdict' waiting_for_registry "moving.test: the two test. servers disagree: waiting for the registry"
expect_json '.transfer.parents_with_expected * 10 + .transfer.parents_asked' 12 "moving.test: 1 of 2 parent addresses has the new set"
expect_json '[.report.parents[] | select(.server == "ns2.nic.test") | .ns | join(" ")] | .[0]' \
	'ns1.beta-dns.test ns2.beta-dns.test' "moving.test: the second parent server gives the new set"
expect_json '[.report.servers[] | select(.server == "ns1.beta-dns.test") | .serial] | .[0]' 2 \
	"moving.test: the new servers were asked (serial 2)"
move four.test 'ns1.alpha-dns.test%20ns1.beta-dns.test%20ns2.alpha-dns.test%20ns2.beta-dns.test'
expect_json '.transfer.verdict' done "four.test with its own set: done"
move four.test 'ns1.beta-dns.test,%20ns2.beta-dns.test'
expect_json '.transfer.verdict' wrong_servers_at_registry "four.test, only beta expected: the parent has another set"
move two.test 'ns1.alpha-dns.test,ns.lame.test'
expect_json '.transfer.verdict + " " + (.transfer.not_ready | join(" "))' \
	'new_servers_not_ready ns.lame.test' "two.test with a server that has no address expected: not ready, naming it"
expect_json '.transfer.not_ready_why | join(" ")' no_address "and why: no address"
move two.test 'ns1.alpha-dns.test,ns1.beta-dns.test'
expect_json '.transfer.verdict + " " + (.transfer.not_ready | join(" "))' \
	'new_servers_not_ready ns1.beta-dns.test' "two.test with a server that does not serve it expected: not ready"
expect_json '.transfer.message | contains("ns1.beta-dns.test does not serve the zone")' true "and says why"
expect_json '[.report.servers[] | select(.expected_only) | .server] | unique | join(" ")' ns1.beta-dns.test \
	"the expected server that is not the domain's is asked, and marked so"
expect_check lame pass "two.test's own servers are judged alone: the expected one that refuses is not in its checks"
move two.test 'NS1.alpha-dns.test.%20ns2.alpha-dns.test'
expect_json '.transfer.verdict + " " + .transfer.old_set_at' 'waiting_for_caches 11.53.62.1' \
	"two.test: published, but a resolver still holds another set"
expect_json '.transfer.wait_seconds > 0 and .transfer.wait_seconds <= 3600' true "with what it has left"
expect_json '.transfer.expected | join(" ")' 'ns1.alpha-dns.test ns2.alpha-dns.test' "the expected names, normalised"
http GET "${WEB_URL}?domain=two.test&expect=ns1.alpha-dns.test,ns2.alpha-dns.test"
expect_body '<section class="transfer waiting_for_caches"' "page: the verdict"
expect_body 'Waiting for caches: the parent zone publishes the expected name servers' "page: in words"
expect_body 'value="ns1.alpha-dns.test,ns2.alpha-dns.test"' "page: the field keeps what was typed"
expect_body '&amp;expect=ns1.alpha-dns.test,ns2.alpha-dns.test' "page: the permalink keeps the expected servers"
expect_valid_html "transfer page"
http GET "${WEB_URL}?domain=moving.test&expect=ns1.beta-dns.test,ns2.beta-dns.test&format=text"
expect_body 'Moving to ns1.beta-dns.test, ns2.beta-dns.test: Waiting for the registry: 1 of 2 addresses' "text: the verdict"
http GET "${WEB_URL}?domain=two.test&expect=ns1..bad,ns2.alpha-dns.test"
expect_status 400 "an expected name that is not a host name"
expect_body 'The expected name server &quot;ns1..bad&quot; is not a host name.' "says which"
http GET "${WEB_URL}?domain=two.test&expect=<script>x</script>&format=json"
expect_status 400 "markup as an expected name"
expect_json '.error.code' bad_expected_servers "JSON: the error code"
expect_no_body '<script>' "nothing raw"

# ---- what resolvers hand out (resolvers_view) ----
json two.test
expect_json '[.report.resolvers[] | .resolver] | join(" ")' '127.0.0.1 11.53.62.1' "resolvers_view: both asked, in order"
expect_json '.report.resolvers[0].ns | join(" ")' 'ns1.alpha-dns.test ns2.alpha-dns.test' "the world's resolver holds the parent's set"
expect_json '.report.resolvers[0].ttl > 0 and .report.resolvers[0].ttl <= 3600' true "with what is left of its TTL"
expect_json '.report.resolvers[1].ns | join(" ")' 'ns1.beta-dns.test' "the other still hands out an old set"
http GET "${WEB_URL}?domain=two.test"
expect_body '<caption>What resolvers hand out now</caption>' "page: the resolvers' table"
expect_body_re '<code>11\.53\.62\.1</code></th><td class="nsset"><span class="bad">differs:</span>' "page: the old set is marked"
expect_body_re '<code>127\.0\.0\.1</code></th><td class="nsset">same as the parent' "page: the current one is not"
http GET "${WEB_URL}?domain=two.test&format=text"
expect_body_re '11\.53\.62\.1 +ns1\.beta-dns\.test +[0-9]+' "text: the resolvers' table"

# ---- TCP (RFC 7766) and open recursion (RFC 5358) ----
json notcp.test
expect_check tcp fail "notcp.test (an Unbound with do-tcp: no)"
expect_message tcp "ns1.notcp.test (11.53.61.1): connection refused" "notcp.test: names the server and what happened"
expect_json '.report.servers[0].tcp' refused "notcp.test: the row says refused"
expect_check open_recursion pass "notcp.test (refuses what it does not serve)"
expect_check responds pass "notcp.test: UDP answers"
json openrec.test
expect_check open_recursion fail "openrec.test (an Unbound that recurses for anyone)"
expect_message open_recursion "ns1.openrec.test (11.53.62.1)" "openrec.test: names the server"
expect_json '.report.servers[0].recursion' open "openrec.test: the row says open"
expect_check tcp pass "openrec.test"
http GET "${WEB_URL}?domain=notcp.test"
expect_body '<th scope="col">TCP</th>' "the page's server table has a TCP column"
expect_body '<span class="bad">refused</span>' "the page marks the refused TCP"
expect_body 'id="check-tcp"' "the page explains the tcp check"
http GET "${WEB_URL}?domain=openrec.test"
expect_body '<span class="bad">open to anyone</span>' "the page marks the open recursion"
expect_body 'id="check-open_recursion"' "the page explains the open_recursion check"
http GET "${WEB_URL}?domain=openrec.test&format=text"
expect_body_re 'ns1\.openrec\.test +11\.53\.62\.1 +[0-9.]+ ms +yes +7 +yes +open to anyone' "text: the TCP and recursion columns, in the page's words"

# ---- DNSSEC after a move: the parent's DS against the zone's keys ----
json signed.test
expect_check ds_matches_dnskey pass "signed.test (signed by dnssec-signzone, its DS at test.)"
expect_json '.report.ds | length' 1 "signed.test: one DS at the parent"
expect_json '[.report.servers[] | .dnskey] | unique | join(" ")' match "signed.test: the server has the key"
json staleds.test
expect_check ds_matches_dnskey fail "staleds.test (the DS of a key the zone no longer has)"
expect_message ds_matches_dnskey "ns1.staleds.test (11.53.63.1)" "staleds.test: names the server"
expect_message ds_matches_dnskey "remove the DS at the registrar" "staleds.test: says what to do"
expect_json '.report.servers[0].dnskey' no_match "staleds.test: the row says no match"
json two.test
expect_check ds_matches_dnskey info "two.test (unsigned)"
expect_json '.report.ds' '[]' "two.test: no DS at the parent"
expect_json '[.report.servers[] | .dnskey] | unique | join(" ")' not_asked "two.test: no DNSKEY query without a DS"
http GET "${WEB_URL}?domain=staleds.test"
expect_body_re 'DS at the parent for key [0-9]+ \(algorithm 13\)' "the page names the DS"
expect_body '<span class="bad">no key for the DS</span>' "the page marks the server without the key"
expect_body 'id="check-ds_matches_dnskey"' "the page explains the check"
http GET "${WEB_URL}?domain=signed.test&format=text"
expect_body_re 'DS \(key tag/algorithm\) [0-9]+/13' "text: the DS"
expect_body 'key for the DS' "text: the DNSSEC column"
expect_body_re 'resolvers could still hand out the old set until [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2} UTC \(2 days from now\)' \
	"text: how long a change would take, as a date"
http GET "${WEB_URL}?domain=signed.test"
expect_body_re '<p class="wait">If the name servers were changed now, .*the SOA&#39;s negative TTL \(RFC 2308\)\.</p>' \
	"page: how long a change would take, with the negative TTL"

# ---- one domain per problem ----
json one.test
expect_check ns_count fail "one.test"
expect_message ns_count "Only one name server (ns1.alpha-dns.test)" "one.test names the server"

json mismatch.test
expect_check parent_child_match warn "mismatch.test"
expect_message parent_child_match "Only at the parent zone test: ns2.alpha-dns.test." "mismatch: parent-only server"
expect_message parent_child_match "Only at the name servers: ns1.beta-dns.test." "mismatch: zone-only server"

json hostile.test
expect_check ns_resolves warn "hostile.test (the zone's names do not exist, the parent's do)"
expect_message ns_resolves "No address for <script>alert(1)</script>.hostile.test (its name does not exist)" "hostile: the unresolvable names"
json noaddr.test
expect_check ns_resolves fail "noaddr.test (its only name server does not exist)"
expect_message ns_resolves "No address for ns.nowhere.test" "noaddr: the missing server"

json cnamens.test
expect_check ns_not_cname fail "cnamens.test"
expect_message ns_not_cname "nsalias.alpha-dns.test is an alias (CNAME) of ns2.alpha-dns.test" "the alias and its target"

json lamepart.test
expect_check lame fail "lamepart.test"
expect_message lame "ns1.beta-dns.test (11.53.20.1) answers REFUSED" "the lame server and what it said"
expect_json '[.report.servers[] | select(.server == "ns1.alpha-dns.test") | .authoritative] | all' true "lamepart: alpha is fine"

json partdead.test
expect_check responds warn "partdead.test (one of two silent)"
expect_message responds "No answer from ns2.partdead.test (11.53.90.1)" "the silent server"
expect_json '[.report.servers[] | select(.server == "ns2.partdead.test") | .state] | .[0]' timeout "its row says timeout"

json dead.test
expect_status 504 "dead.test: the lookup itself times out"
expect_json '.report.status' done "dead.test: the report still runs"
expect_check responds fail "dead.test (no server answers)"

json lame.test
expect_status 502 "lame.test: the resolver fails"
expect_check lame fail "lame.test: the report says why"

json serial.test
expect_check soa_serial warn "serial.test"
expect_message soa_serial "ns1.beta-dns.test (11.53.20.1) has 2024010102" "the differing serial"

json goodglue.test
expect_check glue pass "goodglue.test (in-zone servers with right glue)"
expect_message glue "glue for every name server inside the zone" "goodglue: glue present and right"
json badglue.test
expect_check glue fail "badglue.test"
expect_message glue "Glue for ns2.badglue.test at the parent is 11.53.52.1" "wrong glue named"
expect_message glue "ns3.badglue.test is inside the zone but the parent has no glue" "missing glue named"

json thirteen.test
expect_check subnet_diversity warn "thirteen.test (all in one /24)"
expect_message subnet_diversity "11.53.30.1/24" "the shared /24"
expect_json '.report.provider' null "no provider for unknown name servers"

json betaonly.test
expect_check ipv6 warn "betaonly.test (no AAAA)"
expect_json '.report.provider' 'Beta DNS' "betaonly: provider"

sent_before=$(wc -l <"$WORK/world/private.count")
json private.test
expect_check public_addresses fail "private.test"
expect_message public_addresses "ns.private-host.test has 10.53.0.1 (private (RFC 1918))" "the private address"
expect_json '[.report.servers[] | select(.address == "10.53.0.1") | .state] | .[0]' skipped "the private address is not queried"
expect_equal "$(wc -l <"$WORK/world/private.count")" "$sent_before" "nothing at all was sent to the private address"
# the same report with allow_private_targets = yes does ask it (so the
# count above can see a packet when one is sent)
sed 's/^allow_private_targets.*//' "$WORK/web/nscheck.conf" >"$T_DIR/private.conf"
echo "allow_private_targets = yes" >>"$T_DIR/private.conf"
"$NSCHECK_ROOT/build/nscheck" -c "$T_DIR/private.conf" -q private.test -f json >"$T_BODY"
expect_json '[.report.servers[] | select(.address == "10.53.0.1") | .state] | .[0]' timeout "allowed: the private address is asked (and stays silent)"
expect_true "allowed: the private address received the queries" test "$(wc -l <"$WORK/world/private.count")" -gt "$sent_before"

# the query budget ends a report early and says so; every packet counts
sed 's/^report_max_queries.*//' "$WORK/web/nscheck.conf" >"$T_DIR/budget.conf"
echo "report_max_queries = 12" >>"$T_DIR/budget.conf"
"$NSCHECK_ROOT/build/nscheck" -c "$T_DIR/budget.conf" -q thirteen.test -f json >"$T_BODY"
expect_json '.report.cut_short' true "budget: a 13-server zone with 12 queries is cut short"
expect_json '.report.queries <= 12' true "budget: no more than 12 queries ($(jq .report.queries "$T_BODY"))"
expect_json '[.report.servers[] | select(.state == "not_asked")] | length > 0' true "budget: the servers not asked say so"

json sub.two.test
expect_json '.report.parent_zone' two.test "three levels down: the parent is two.test"
expect_check parent_child_match pass "sub.two.test"

# no report for names that do not exist or are not zones
json nx.test
expect_json '.report' null "NXDOMAIN: no report"
json www.two.test
expect_json '.report' null "no NS records: no report"

# ---- the page ----
http GET "${WEB_URL}?domain=lamepart.test"
expect_body '<h3 id="report-title">Delegation</h3>' "page: the report section"
expect_body 'The parent zone <code>test</code> delegates the domain to 2 name servers.' "page: summary"
expect_body '<caption>Each name server, asked directly</caption>' "page: per-server table"
expect_body '<caption>The servers of the parent zone test</caption>' "page: parent table"
expect_body '<td class="aa"><span class="bad">no: REFUSED</span></td>' "page: the lame server's row"
expect_body '<li class="check fail" id="result-lame"><strong class="badge">Problem</strong>' "page: status in words, and a class for colour"
expect_body 'href="#check-lame"' "page: link to the explanation"
expect_body 'id="check-lame"' "page: the explanation is there"
expect_valid_html "page with a report"
http GET "${WEB_URL}?domain=lamepart.test&format=text"
expect_body_re '^ns1\.beta-dns\.test +11\.53\.20\.1 +[0-9.]+ ms +no: REFUSED( |$)' "text: the lame server's row, in the page's words"
http GET "${WEB_URL}?domain=private.test"
expect_body 'not asked: private (RFC 1918) address' "page: a skipped address says why"
http GET "${WEB_URL}?domain=private.test&format=text"
expect_body 'not asked: private (RFC 1918) address' "text: a skipped address says why, in the page's words"
http GET "${WEB_URL}?domain=two.test&format=text"
expect_body 'Delegation: done, parent zone test; provider Alpha DNS' "text: report summary"
expect_body_re '^ns1.nic.test +11.53.1.1 ' "text: parent table"
