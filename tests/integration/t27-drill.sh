# The detail view of one server (server=): each address in the report
# links to it; it asks that server the report's own questions again and
# shows the replies as they came (flags, rcode, time, every record, the
# packet), in HTML, JSON and text. Only an address the report asked is
# asked: others are refused before a packet is sent, which the world's
# counting listener on a private address confirms.

drill() { # DOMAIN ADDRESS [FORMAT] [EXTRA]
	http GET "${WEB_URL}?domain=$1&server=$2&format=${3:-json}${4:-}"
}
# jq over the answer to one question
answer() { # QUESTION JQ
	jq -r --arg q "$1" ".answers[] | select(.question == \$q) | $2" "$T_BODY"
}
expect_answer() { # QUESTION JQ EXPECTED what
	expect_equal "$(answer "$1" "$2")" "$3" "$4: $1: $2 = $3"
}

# ---- the report links each asked address ----
http GET "${WEB_URL}?domain=two.test"
expect_body 'href="?domain=two.test&amp;server=11.53.10.1" rel="nofollow"' \
	"report: a name server's address links to its replies"
expect_body 'href="?domain=two.test&amp;server=2600%3A53%3A10%3A%3A1" rel="nofollow"' \
	"report: an IPv6 address too, escaped for the URL"
expect_body 'href="?domain=two.test&amp;server=11.53.1.1" rel="nofollow"' \
	"report: a parent server's address too"
http GET "${WEB_URL}?domain=private.test"
expect_no_body 'server=10.53.0.1' "report: an address that was not asked has no link"

# ---- a name server: NS, SOA, SOA over TCP, the recursion question ----
drill two.test 11.53.10.1
expect_status 200 "two.test at 11.53.10.1"
expect_header '^Cache-Control: no-store' "what a server says now is not kept by browsers"
expect_json '.status' answers "JSON status"
expect_json '.message' "What ns1.alpha-dns.test (11.53.10.1) answers for two.test." "JSON message names server and address"
expect_json '.server.name + " " + (.server.name_server|tostring) + " " + (.server.parent|tostring)' \
	"ns1.alpha-dns.test true false" "a name server, not a parent server"
expect_json '[.answers[].question] | join(" ")' "ns soa soa_tcp recursion" \
	"the report's questions (no DNSKEY: two.test has no DS)"
expect_answer ns '.header.flags | join(" ")' "qr aa" "two.test"
expect_answer ns '.header.rcode' NOERROR "two.test"
expect_answer ns '[.records[] | select(.section == "answer") | .data] | join(" ")' \
	"ns1.alpha-dns.test. ns2.alpha-dns.test." "two.test"
expect_answer ns '.records[0].name + " " + (.records[0].ttl|tostring) + " " + .records[0].class + " " + .records[0].type' \
	"two.test. 3600 IN NS" "two.test"
expect_answer ns '(.packet | length) == 2 * .size and .size > 12' true "two.test: the packet, all of it, in hex"
expect_equal "$(answer ns '.packet[0:4]')" "$(printf '%04x' "$(answer ns .header.id)")" \
	"two.test: the packet begins with the header's id"
expect_answer ns '.time_ms >= 0 and .time_ms < 1500' true "two.test: a reply time"
expect_answer ns '.edns.udp_size > 0' true "two.test: EDNS shown"
expect_answer soa '[.records[] | select(.type == "SOA") | .data] | .[0]' \
	"ns1.alpha-dns.test. hostmaster.two.test. 2024010101 3600 900 604800 600" "two.test"
expect_answer soa_tcp '.transport + " " + .outcome' "tcp answered" "two.test"
expect_answer recursion '.qname + " " + .qtype + " " + (.rd|tostring)' ". NS true" "two.test"
expect_answer recursion '.header.rcode' REFUSED "two.test: NSD does not recurse"

# the same again within the cache's few seconds: the same packets
first=$(answer ns .packet)
drill two.test 11.53.10.1
expect_json '.cached' true "asked again at once: from the cache"
expect_equal "$(answer ns .packet)" "$first" "the same packet, byte for byte"

# ---- the page and the text ----
drill two.test 11.53.10.1 html
expect_status 200 "page"
expect_body '<h2 id="result-title">What ns1.alpha-dns.test (11.53.10.1) answers for two.test.</h2>' "page: headline"
expect_body '<h3>NS of two.test, recursion off</h3>' "page: the question"
expect_body '<h3>SOA of two.test, recursion off, over TCP</h3>' "page: the TCP question"
expect_body '<h3>NS of ., recursion desired</h3>' "page: the recursion question"
expect_body_re 'NOERROR, id [0-9]+, flags: qr aa; [0-9.]+ ms, [0-9]+ bytes over UDP' "page: rcode, flags, time, size"
expect_body '<td class="owner"><code>two.test.</code></td><td class="ttl">3600</td><td class="cls">IN</td><td class="type">NS</td><td class="rdata"><code>ns1.alpha-dns.test.</code>' \
	"page: a record, field by field"
expect_body '<summary>The packet, byte by byte</summary><pre class="hex">0000 ' "page: the hex dump"
expect_body 'href="?domain=two.test">Back to the report on two.test</a>' "page: back to the report"
expect_body 'href="?domain=two.test&amp;server=11.53.10.1&amp;format=json" rel="nofollow">JSON</a>' "page: JSON link"
expect_equal "$(body_count '<section class="answer answered"')" 4 "page: four answers"
expect_valid_html "detail page"

drill two.test 2600:53:10::1 text
expect_status 200 "text over IPv6"
expect_body 'Server: ns1.alpha-dns.test (2600:53:10::1)' "text: the server"
expect_body ';; ANSWER SECTION:' "text: sections as dig shows them"
expect_body "$(printf 'two.test.\t3600\tIN\tNS\tns1.alpha-dns.test.')" "text: a record as a zone file line"

# ---- a parent server: the referral, and DS with the DO bit ----
drill two.test 11.53.1.1
expect_json '.server.name + " " + (.server.parent|tostring) + " " + (.server.name_server|tostring)' \
	"ns1.nic.test true false" "a parent server"
expect_json '[.answers[].question] | join(" ")' "ns ds" "parent: NS and DS"
expect_answer ns '.header.flags | index("aa") == null' true "parent: a referral is not authoritative"
expect_answer ns '[.records[] | select(.section == "authority" and .type == "NS") | .data] | join(" ")' \
	"ns1.alpha-dns.test. ns2.alpha-dns.test." "parent: the delegation in the authority section"
expect_answer ns '[.records[] | select(.section == "additional") | .type + " " + .data] | join(",")' \
	"A 11.53.10.1,A 11.53.11.1" "parent: the glue"
expect_answer ds '.dnssec_ok and .edns.do' true "parent: DS asked and answered with DO"
expect_answer ds '[.records[] | .type] | join(" ")' SOA "parent: no DS for two.test, the SOA says so"

# ---- DNSSEC: the DS's key tag against the zone's keys ----
tag_of_ds() { # DOMAIN PARENT-ADDRESS
	drill "$1" "$2"
	answer ds '.records[] | select(.type == "DS") | .data' | cut -d' ' -f1
}
key_tags() { # DOMAIN ADDRESS
	drill "$1" "$2"
	answer dnskey '.records[] | select(.type == "DNSKEY") | .data' | sed -n 's/.*; key tag \([0-9]*\)$/\1/p' | sort | tr '\n' ' '
}
ds=$(tag_of_ds signed.test 11.53.1.1)
keys=$(key_tags signed.test 11.53.63.1)
expect_json '[.answers[].question] | join(" ")' "ns soa soa_tcp dnskey recursion" "signed.test: DNSKEY asked, the parent has DS"
expect_answer dnskey '[.records[] | .type] | unique | join(" ")' "DNSKEY RRSIG" "signed.test: keys and their signatures"
expect_true "signed.test: the DS ($ds) names one of the keys ($keys)" \
	grep -qw -- "$ds" <<<"$keys"
ds=$(tag_of_ds staleds.test 11.53.1.1)
keys=$(key_tags staleds.test 11.53.63.1)
expect_true "staleds.test: the DS ($ds) names none of the keys ($keys)" \
	test -n "$ds" -a -n "$keys" -a -z "$(grep -w -- "$ds" <<<"$keys")"

# ---- a server that refuses TCP, one that recurses ----
drill notcp.test 11.53.61.1
expect_answer soa_tcp '.outcome' refused "notcp.test"
expect_answer soa '.outcome' answered "notcp.test over UDP"
drill openrec.test 11.53.62.1
expect_answer recursion '.header.rcode + " " + (.header.flags | join(" "))' "NOERROR qr rd ra" "openrec.test recurses"
expect_answer recursion '[.records[] | select(.section == "answer") | .name + " " + .type] | .[0]' ". NS" \
	"openrec.test hands out the root's NS records"

# ---- markup in the records is text ----
drill hostile.test 11.53.10.1 html
expect_status 200 "hostile.test page"
expect_no_body '<script>' "hostile.test: no markup from the records"
expect_body '&lt;script&gt;alert' "hostile.test: shown as text"
drill hostile.test 11.53.10.1
expect_json '[.answers[] | select(.question == "ns") | .records[].data | select(startswith("<script>"))] | length' 1 \
	"hostile.test: JSON holds the name as it is (escaped by JSON)"
expect_no_body '<script' "hostile.test: no raw < in the JSON body"

# ---- only what the report asked ----
sent=$(wc -l <"$WORK/world/private.count")
drill private.test 10.53.0.1
expect_status 404 "private.test: its private address was not asked by the report"
expect_json '.status' server_not_asked "JSON status"
expect_json '.message' "10.53.0.1 is not a server the report on private.test asked." "says which"
drill two.test 10.53.0.1 html
expect_status 404 "two.test: an address of another domain"
expect_body 'The detail view asks only the addresses that the domain' "page: says what it asks"
expect_header '^Cache-Control: no-store' "a refusal is not kept"
expect_equal "$(wc -l <"$WORK/world/private.count")" "$sent" "no packet was sent to either address"
drill two.test 11.53.20.1
expect_status 404 "two.test: beta's address is not one of its servers"
drill two.test 11.53.20.1 json '&expect=ns1.beta-dns.test'
expect_status 200 "...but it is once it is expected (the report asked it)"
expect_json '.server.name' ns1.beta-dns.test "the expected server"
# the roles decide the questions: a parent server that is also an
# expected name server is asked both sets at once (not the cached two)
drill two.test 11.53.1.1
expect_json '[.answers[].question] | join(" ")' "ns ds" "ns1.nic.test as a parent of two.test"
drill two.test 11.53.1.1 json '&expect=ns1.nic.test'
expect_json '[.answers[].question] | join(" ")' "ns soa soa_tcp recursion ds" \
	"...and as an expected name server too: its own questions, not the cached ones"
expect_json '(.server.parent|tostring) + " " + (.server.name_server|tostring)' "true true" "both roles"
drill nosuchname.test 11.53.10.1
expect_status 404 "a name that does not exist has no report"
expect_json '.status' no_report "JSON: no report"

# ---- bad requests ----
drill two.test 'not-an-address' text
expect_status 400 "server= that is not an address"
expect_body 'The server "not-an-address" is not an IP address' "says so"
http GET "${WEB_URL}?server=11.53.10.1&format=json"
expect_status 400 "server= without a domain"
expect_json '.error.code' bad_server "JSON code"
http GET "${WEB_URL}?domain=two.test&server=11.53.10.1&server=11.53.11.1&format=json"
expect_status 400 "two servers"
expect_json '.error.code' repeated_parameter "JSON code"
drill two.test '11.53.10.0/24'
expect_status 400 "a network is not an address"
