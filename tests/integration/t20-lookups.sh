# Lookups of every kind of domain in the test world, through nginx.
# TTLs are exact for names this run has not looked up before (the
# resolver's cache counts them down afterwards).

lookup() { # NAME [extra query]
	http GET "${WEB_URL}?domain=$1${2:-}"
}

rows() {
	body_count '<tr><td class="host">'
}

lookup one.test
expect_status 200 "one.test"
expect_equal "$(rows)" 1 "one.test: one row"
expect_body '<th scope="row" class="nsname">ns1.alpha-dns.test</th>' "one.test: name server"
expect_body '<td class="host">one.test</td>' "one.test: host column"
expect_body '<span class="secs">300</span> <span class="human">(5 minutes)</span>' "one.test: TTL 300 as 5 minutes"
expect_body '<li>11.53.10.1</li>' "one.test: IPv4 of the name server"
expect_body '<li>2600:53:10::1</li>' "one.test: IPv6 of the name server"
expect_body 'class="check fail" id="result-ns_count"' "one.test: fewer than two name servers is a visible problem"
expect_body 'Only one name server (ns1.alpha-dns.test)' "one.test: the warning names the server"
expect_body 'href="#check-ns_count"' "one.test: the warning links to its explanation"
expect_header '^Cache-Control: public, max-age=300$' "one.test: Cache-Control from the smallest TTL"
expect_valid_html "one.test page"

lookup two.test
expect_status 200 "two.test"
expect_equal "$(rows)" 2 "two.test: two rows"
expect_body 'two.test has 2 name servers.' "two.test: summary line"
expect_body 'class="check pass" id="result-ns_count"' "two.test: two servers pass"
expect_body '<a href="?domain=two.test" rel="bookmark">Permalink</a>' "two.test: permalink"
expect_body 'href="?domain=two.test&amp;format=json"' "two.test: JSON link, & escaped"

lookup four.test
expect_equal "$(rows)" 4 "four.test: four rows"
expect_body '<span class="secs">86400</span> <span class="human">(1 day)</span>' "four.test: TTL 86400 as 1 day"
expect_body 'ns2.beta-dns.test' "four.test: second provider listed"
expect_body '<span class="none">no IPv6 address</span>' "four.test: missing IPv6 explained"

lookup thirteen.test
expect_status 200 "thirteen.test"
expect_equal "$(rows)" 13 "thirteen.test: thirteen rows"
expect_body '<span class="secs">172800</span> <span class="human">(2 days)</span>' "thirteen.test: TTL 172800 as 2 days"
expect_body '<li>11.53.30.13</li>' "thirteen.test: address of the 13th server"

lookup 'b%C3%BCcher.test'
expect_status 200 "bücher.test (Unicode input)"
expect_body 'bücher.test has 2 name servers.' "IDN: Unicode form in the summary"
expect_body '<code>xn--bcher-kva.test</code>' "IDN: ASCII form shown"
expect_body '<span class="secs">7200</span>' "IDN: TTL of the IDN zone"
lookup 'xn--bcher-kva.test'
expect_status 200 "xn--bcher-kva.test (A-label input)"
expect_body 'bücher.test has 2 name servers.' "A-label input: Unicode form shown"

lookup 'www.alias.test'
expect_status 200 "alias"
expect_body 'alias (CNAME) of two.test' "alias: says whose name servers these are"
expect_body '<td class="host">two.test</td>' "alias: host column is the target"

lookup 'nons.alias.test'
expect_status 200 "alias of a name without NS records"
expect_body 'nons.alias.test is an alias (CNAME) of www.two.test, which has no NS records.' "CNAME then no NS: names the target"
expect_body 'www.two.test belongs to the zone two.test' "CNAME then no NS: the target's zone"
lookup 'gone.alias.test'
expect_status 200 "alias of a name that does not exist"
expect_body 'gone.alias.test is an alias (CNAME) of nothere.two.test, which does not exist.' "CNAME then NXDOMAIN: names the target"

lookup 'nx.test'
expect_status 200 "name that does not exist"
expect_body 'nx.test does not exist.' "NXDOMAIN said plainly"
expect_body 'class="result nxdomain"' "NXDOMAIN state"
expect_no_body '<table' "NXDOMAIN: no table"
expect_header '^Cache-Control: public, max-age=900$' "NXDOMAIN: cached for the SOA negative TTL"
expect_valid_html "NXDOMAIN page"

lookup 'www.two.test'
expect_status 200 "name below a zone apex"
expect_body 'www.two.test exists but has no NS records.' "no NS: said plainly"
expect_body 'apex of a zone' "no NS: explains the zone apex"
expect_body 'Look up the enclosing zone: <a href="?domain=two.test">two.test</a>' "no NS: links to the enclosing zone"
# the resolver met www.two.test's "no data" moments ago (the CNAME case
# above) and counts its TTL down from there: a second may have passed
expect_header '^Cache-Control: public, max-age=(600|599)$' "no NS: cached for the SOA negative TTL"

lookup 'lame.test'
expect_status 502 "resolver SERVFAIL (lame delegation)"
expect_body 'The resolver could not get an answer for lame.test.' "SERVFAIL: said plainly"
expect_body 'Try again in a minute' "SERVFAIL: says what to try"
expect_header '^Cache-Control: no-store$' "SERVFAIL is not cached"
expect_valid_html "SERVFAIL page"

start=$(date +%s%N)
lookup 'dead.test'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_status 504 "delegation to a server that never answers"
expect_body 'No answer for dead.test arrived in time.' "timeout: said plainly"
expect_body_re 'within 1\.[0-9] seconds' "timeout: says how long it waited"
# the lookup's deadline (1.5 s) plus the report's (1.5 s), and a margin
expect_true "timeout: answered within both deadlines (took ${ms} ms)" test "$ms" -lt 3500

http GET "http://$WEB_ADDR/slow/?domain=two.test"
expect_status 504 "resolver that never answers"
expect_body 'No reply from the resolver' "silent resolver: says no reply came"

lookup '.'
expect_status 200 "the root zone"
expect_body 'a.root-servers.test' "root: its name server"
