# Delegation faults modelled on the scenarios of Zonemaster's test-case
# specifications (Consistency05, Delegation01, DNSSEC, Basic): each zone of
# the world below has one fault, and each check must reach the verdict the
# scenario calls for, in the JSON, on the page and in the text.

json() { http GET "${WEB_URL}?domain=$1&format=json"; }
page() { http GET "${WEB_URL}?domain=$1"; }
text() { http GET "${WEB_URL}?domain=$1&format=text"; }

# ---- glue and the zone's own addresses, compared both ways ----
# glue with only ns1's A and only ns2's AAAA, both servers having both
json gluesubset.test
expect_check glue warn "gluesubset.test (glue a strict part of the zone's addresses)"
expect_message glue "The zone gives ns1.gluesubset.test also 2600:53:50::1, which the parent has no glue for" \
	"gluesubset.test: ns1's AAAA is missing from the glue"
expect_message glue "The zone gives ns2.gluesubset.test also 11.53.51.1" \
	"gluesubset.test: ns2's A is missing from the glue"
expect_json '[.checks[] | select(.id == "glue") | .message | test("matching")] | .[0]' false \
	"gluesubset.test: the message does not say matching"
expect_json '[.report.child.hosts[] | .name + " " + .a + " " + .aaaa] | join(", ")' \
	'ns1.gluesubset.test found found, ns2.gluesubset.test found found' \
	"gluesubset.test: the zone's servers were asked for both names' A and AAAA"
page gluesubset.test
expect_body 'The zone gives ns1.gluesubset.test also 2600:53:50::1' "gluesubset.test: the page says it"
text gluesubset.test
expect_body 'Warning [glue]: The zone gives ns1.gluesubset.test also 2600:53:50::1' "gluesubset.test: the text says it"

# the zone publishes one more address for ns2 than the glue
json glueextra.test
expect_check glue warn "glueextra.test (an extra address in the zone)"
expect_message glue "The zone gives ns2.glueextra.test also 11.53.50.1, which the parent has no glue for" \
	"glueextra.test: names the extra address"
expect_json '[.checks[] | select(.id == "glue") | .message | contains("ns1.glueextra")] | .[0]' false \
	"glueextra.test: ns1, whose glue is right, is not named"
page glueextra.test
expect_body 'The zone gives ns2.glueextra.test also 11.53.50.1' "glueextra.test: the page says it"
text glueextra.test
expect_body 'Warning [glue]: The zone gives ns2.glueextra.test also 11.53.50.1' "glueextra.test: the text says it"

# glue for a name the zone says does not exist
json gluenx.test
expect_check glue fail "gluenx.test (an in-zone server name the zone denies)"
expect_message glue "The zone says ns2.gluenx.test does not exist, but the parent has glue for it" \
	"gluenx.test: a denied name is a failure, not a skip"
expect_json '.report.child.hosts[] | select(.name == "ns2.gluenx.test") | .a + " " + .aaaa' 'nxdomain nxdomain' \
	"gluenx.test: the zone's answer for ns2 in the JSON"
expect_check ns_resolves warn "gluenx.test"
expect_message ns_resolves "No address for ns2.gluenx.test (its name does not exist; only the parent's glue gives one)" \
	"gluenx.test: ns_resolves says the glue is all there is"
page gluenx.test
expect_body 'The zone says ns2.gluenx.test does not exist, but the parent has glue for it' "gluenx.test: the page says it"
text gluenx.test
expect_body 'Problem [glue]: The zone says ns2.gluenx.test does not exist' "gluenx.test: the text says it"

# a server only the parent names, whose glue the zone contradicts
json glueparent.test
expect_check glue fail "glueparent.test (a name server only the parent names)"
expect_message glue "Glue for ns3.glueparent.test at the parent is 11.53.51.1, an address the zone does not give it" \
	"glueparent.test: the parent-only server's glue is compared with the zone"
expect_check parent_child_match warn "glueparent.test"
page glueparent.test
expect_body 'Glue for ns3.glueparent.test at the parent is 11.53.51.1' "glueparent.test: the page says it"
text glueparent.test
expect_body 'Problem [glue]: Glue for ns3.glueparent.test at the parent is 11.53.51.1' "glueparent.test: the text says it"

# the healthy in-zone delegation still passes, with the stronger words
json goodglue.test
expect_check glue pass "goodglue.test"
expect_message glue "and it equals the zone's own addresses" "goodglue.test: glue equal both ways"

# ---- one server at the parent, two in the zone ----
json onedeleg.test
expect_check ns_count fail "onedeleg.test (Delegation01: one server in the delegation)"
expect_message ns_count "The parent zone test delegates to only one name server (ns1.alpha-dns.test), although the zone lists 2" \
	"onedeleg.test: says the delegation is the single point of failure"
text onedeleg.test
expect_body 'Problem [ns_count]: The parent zone test delegates to only one name server' "onedeleg.test: the text says it"
page onedeleg.test
expect_body 'The parent zone test delegates to only one name server (ns1.alpha-dns.test), although the zone lists 2' \
	"onedeleg.test: the page says it"

# ---- a DS at the parent, and servers that give no usable DNSKEY answer ----
json keyrefused.test
expect_check ds_matches_dnskey warn "keyrefused.test (one of two servers refuses DNSKEY queries)"
expect_json '[.report.servers[] | .server + " " + .dnskey] | join(", ")' \
	'ns1.keyrefused.test match, ns2.keyrefused.test no_answer' \
	"keyrefused.test: the refusing server was asked, and says no_answer, not not_asked"
expect_message ds_matches_dnskey "No usable answer to the DNSKEY query from ns2.keyrefused.test (11.53.64.1)" \
	"keyrefused.test: names the server"
page keyrefused.test
expect_body '<span class="bad">no usable answer</span>' "keyrefused.test: the page's DNSSEC cell for the refusing server"
expect_body 'No usable answer to the DNSKEY query from ns2.keyrefused.test' "keyrefused.test: the page names it"
text keyrefused.test
expect_body 'Warning [ds_matches_dnskey]: No usable answer to the DNSKEY query from ns2.keyrefused.test' \
	"keyrefused.test: the text says it"
expect_body 'no usable answer' "keyrefused.test: the text's DNSSEC column"
json keysilent.test
expect_check ds_matches_dnskey fail "keysilent.test (one server refuses, one drops DNSKEY queries)"
expect_json '[.report.servers[] | .dnskey] | unique | join(" ")' no_answer \
	"keysilent.test: both asked, neither usable"
expect_message ds_matches_dnskey "No server confirmed a key for the parent's DS" \
	"keysilent.test: no confirmed key is a failure"
expect_check responds pass "keysilent.test: the servers answer everything else"
page keysilent.test
expect_body 'No server confirmed a key for the parent&#39;s DS' "keysilent.test: the page says it"
text keysilent.test
expect_body "Problem [ds_matches_dnskey]: No usable answer to the DNSKEY query from ns1.keysilent.test (11.53.64.1); ns2.keysilent.test (11.53.65.1)" \
	"keysilent.test: the text names both servers"

# ---- delegated, but the servers deny the zone ----
json nxzone.test
expect_json '.status' nxdomain "nxzone.test: the resolver's answer stays what it was"
expect_json '.report.status' done "nxzone.test: the report is made and shown"
expect_json '.report.delegation.ns | join(" ")' ns1.nxzone.test "nxzone.test: the parent's delegation"
expect_check lame fail "nxzone.test (its only server says the zone does not exist)"
expect_message lame "ns1.nxzone.test (11.53.66.1) answers NXDOMAIN" "nxzone.test: names the server and its answer"
expect_message lame "for the zone itself" "nxzone.test: ... about the zone itself"
page nxzone.test
expect_body 'nxzone.test is delegated by the parent zone test, but its name servers say it does not exist.' \
	"nxzone.test: the headline says what is broken"
expect_body 'they do not hold the zone' "nxzone.test: the advice says why"
expect_body 'class="report"' "nxzone.test: the report is on the page"
text nxzone.test
expect_body 'is delegated by the parent zone test, but its name servers say it does not exist' "nxzone.test: the text says it"
expect_body 'Delegation: done' "nxzone.test: the text has the report"

json nodata.test
expect_json '.status' no_ns "nodata.test: no NS records, as the resolver says"
expect_json '.report.status' done "nodata.test: the report is shown"
expect_check lame fail "nodata.test (the zone is served without NS records)"
expect_message lame "ns1.nodata.test (11.53.67.1) answers for the zone, but it has no NS records" "nodata.test: says what the server does"
expect_message lame "Add the NS records to the zone" "nodata.test: and what to do"
page nodata.test
expect_body 'nodata.test is delegated by the parent zone test, but its name servers give no NS records for it.' \
	"nodata.test: the headline says what is broken"

text nodata.test
expect_body 'nodata.test is delegated by the parent zone test, but its name servers give no NS records for it.' \
	"nodata.test: the text says it"
expect_body 'answers for the zone, but it has no NS records' "nodata.test: the text's lame check"

# names that do not exist or are not delegated: no report, as before
json nosuchname.test
expect_json '.status' nxdomain "nosuchname.test does not exist"
expect_json 'has("report")' false "nosuchname.test: the parent's own answer: no report shown"
json www.two.test
expect_json '.status' no_ns "www.two.test has no NS records"
expect_json 'has("report")' false "www.two.test: inside two.test: no report"

# ---- public addresses by the registries' Globally Reachable column ----
# ns.translated.test is at 64:ff9b::808:808 (NAT64 of a global address:
# reachable, and asked); ns.documentation.test at 3fff::53 (documentation,
# RFC 9637: special, never asked)
json nat64.test
expect_check public_addresses fail "nat64.test (a name server on 3fff::/20)"
expect_message public_addresses "ns.documentation.test has 3fff::53 (documentation (RFC 9637))" \
	"nat64.test: names the documentation address and its RFC"
expect_json '[.checks[] | select(.id == "public_addresses") | .message | contains("64:ff9b")] | .[0]' false \
	"nat64.test: the NAT64 address is an ordinary one"
expect_json '[.report.servers[] | .server + " " + .state] | join(", ")' \
	'ns.documentation.test skipped, ns.translated.test answered, ns1.alpha-dns.test answered, ns1.alpha-dns.test answered' \
	"nat64.test: the NAT64 address is asked, the documentation one is not"
page nat64.test
expect_body 'ns.documentation.test has 3fff::53 (documentation (RFC 9637))' "nat64.test: the page says it"
text nat64.test
expect_body 'Problem [public_addresses]: ns.documentation.test has 3fff::53' "nat64.test: the text says it"

# ---- ns_resolves: no "cannot resolve" for a domain reached through glue ----
# glueonly.test: no server name has an address in the zone, the glue
# leads to both, the lookup succeeds
json glueonly.test
expect_json '.status' found "glueonly.test resolves, through the glue"
expect_check ns_resolves fail "glueonly.test (no address in the zone for any server)"
expect_json '[.checks[] | .message | contains("cannot resolve")] | any' false \
	"glueonly.test: no check says it cannot resolve"
expect_message ns_resolves "only through the addresses the parent publishes with the delegation (glue)" \
	"glueonly.test: says the glue is all that leads to the servers"
expect_check glue fail "glueonly.test: glue the zone does not confirm"
text glueonly.test
expect_body 'Resolvers reach these servers only through the addresses the parent publishes' \
	"glueonly.test: the text says it"

# a zone its servers deny has no NS TTL of its own to wait for
json nxzone.test
expect_json '[.checks[] | select(.id == "propagation") | .message | contains("zone'"'"'s own")] | .[0]' false \
	"nxzone.test: propagation names only the delegation's TTL"
