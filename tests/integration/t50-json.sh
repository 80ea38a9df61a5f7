# format=json: the schema documented in README, and the same statuses as
# the page.

json() { http GET "${WEB_URL}?domain=$1&format=json"; }

json four.test
expect_status 200 "four.test JSON"
expect_header '^Content-Type: application/json; charset=utf-8$' "JSON content type"
expect_json '.version' 1 "schema version"
expect_json '.status' found "status"
expect_json '.query.name' four.test "query.name"
expect_json '.query.ascii' four.test "query.ascii"
expect_json '.resolver' 127.0.0.1 "resolver"
expect_json '.query_time_ms | type' number "query time"
expect_json '.ns | length' 4 "four NS"
expect_json '.ns | map(.name) | join(" ")' 'ns1.alpha-dns.test ns1.beta-dns.test ns2.alpha-dns.test ns2.beta-dns.test' "NS names, sorted"
expect_json '.ns[0].ttl | type' number "NS ttl"
expect_json '.ns[0].ipv4[0]' 11.53.10.1 "NS ipv4"
expect_json '.ns[0].ipv6[0]' 2600:53:10::1 "NS ipv6"
expect_json '.ns[1].ipv6 | length' 0 "no IPv6 is an empty list"
expect_json '.ns[1].ipv6_status' none "and says why"
expect_json '.checks | map(.id) | join(",")' \
	ns_count,parent_child_match,ns_resolves,ns_not_cname,lame,responds,soa_serial,glue,tcp,open_recursion,ds_matches_dnskey,subnet_diversity,ipv6,public_addresses,propagation \
	"all fifteen checks, in order"
expect_json '.checks[0].status' pass "check status"

json 'b%C3%BCcher.test'
expect_json '.query.name' bücher.test "IDN: Unicode form"
expect_json '.query.ascii' xn--bcher-kva.test "IDN: ASCII form"

json nx.test
expect_status 200 "NXDOMAIN as JSON"
expect_json '.status' nxdomain "NXDOMAIN status"
expect_json '.zone' test "NXDOMAIN: zone from the SOA"
expect_json '.ns | length' 0 "NXDOMAIN: no NS"

json www.two.test
expect_json '.status' no_ns "no NS status"
expect_json '.zone' two.test "no NS: enclosing zone"

json lame.test
expect_status 502 "SERVFAIL as JSON"
expect_json '.status' servfail "SERVFAIL status"

http GET "http://$WEB_ADDR/slow/?domain=two.test&format=json"
expect_status 504 "timeout as JSON"
expect_json '.status' timeout "timeout status"
expect_json '.resolver' null "timeout: no resolver answered"

json 'a..test'
expect_status 400 "invalid input as JSON"
expect_json '.status' invalid "invalid status"
expect_json '.error.code' empty_label "error code"
expect_json '.message' 'Label 2 is empty: the name has two dots in a row.' "error message"

http GET "${WEB_URL}?format=json"
expect_status 200 "no domain as JSON"
expect_json '.status' no_query "no query"

# a refused request answers in the format it asked for
http GET "${WEB_URL}?domain=a&domain=b&format=json"
expect_status 400 "repeated parameter, as JSON"
expect_json '.error.code' repeated_parameter "repeated parameter: code"
http GET "${WEB_URL}?domain=%zz&format=json"
expect_json '.error.code' bad_encoding "bad escape, as JSON"
http PUT "${WEB_URL}?domain=two.test&format=json"
expect_status 405 "PUT, as JSON"
expect_json '.status' bad_request "PUT: bad_request"
http POST "${WEB_URL}?format=json" -H 'Content-Type: text/plain' --data x
expect_status 415 "wrong content type, as JSON"
expect_json '.error.code' unsupported_content_type "wrong content type: code"
