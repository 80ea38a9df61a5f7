# What people type: normalisation, every rejection rule, methods, forms.

lookup() { http GET "${WEB_URL}?domain=$1${2:-}"; }

# accepted forms of input, all looking up two.test
for input in 'TWO.TEST' 'two.test.' '%20%20two.test%09' 'https%3A%2F%2Fuser%3Apw%40two.test%3A8443%2Fpath%3Fq%3D1' \
	'hostmaster%40two.test' 'two.test%2Findex.html' 'two.test%3A443' '%C2%A0two.test'; do
	lookup "$input"
	expect_status 200 "input '$input'"
	expect_body 'two.test has 2 name servers.' "input '$input' looks up two.test"
done

# rejections: status 400, a message naming the rule and the label,
# and the input back in the form
reject() { # QUERY-VALUE MESSAGE-PART what
	lookup "$1"
	expect_status 400 "$3"
	expect_body "$2" "$3: message"
	expect_body 'aria-invalid="true"' "$3: field marked invalid"
}
reject '' 'Enter a domain name' "empty input"
reject '%20%20' 'Enter a domain name' "blank input"
reject 'a..test' 'Label 2 is empty' "empty label"
reject '.a.test' 'starts with a dot' "leading dot"
reject 'two.test..' 'Label 3 is empty' "two trailing dots"
long=$(printf 'a%.0s' $(seq 64))
reject "$long.test" 'is 64 octets long; a label may have at most 63' "label of 64 octets"
reject "$(printf "$(printf 'a%.0s' $(seq 63)).%.0s" 1 2 3 4)com" 'may have at most 253' "name over 253 octets"
reject 'exa%20mple.test' 'contains a space' "space in a label"
reject 'ex%3Ca.test' 'contains &quot;&lt;&quot;' "< in a label (message escaped)"
reject 'a%00b.test' 'U+0000' "NUL in a label"
reject '-ab.test' 'starts with a hyphen' "leading hyphen"
reject 'xn--zz.test' 'not a valid internationalized domain name' "broken A-label"
reject '192.0.2.1' 'is an IP address' "IPv4 address"
reject '%5B2001%3Adb8%3A%3A1%5D' 'is an IP address' "IPv6 address"
reject '%E2%98%83.test' 'U+2603' "a symbol IDNA does not allow"
reject '%FF%FE.test' 'not valid UTF-8' "invalid UTF-8"

lookup "$long.test"
expect_body "value=\"$long.test\"" "rejected input goes back into the form"
lookup '%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E'
expect_status 400 "markup as input"
expect_no_body '<script>alert(1)' "markup input is not reflected raw"
expect_body 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' "markup input reflected escaped in the field"
expect_valid_html "rejection page"

# methods and encodings
http POST "$WEB_URL" --data 'domain=two.test'
expect_status 200 "POST of the form"
expect_body 'two.test has 2 name servers.' "POST looks up the posted domain"
expect_header '^Cache-Control: no-store$' "answers to a POST are not cached"
http POST "${WEB_URL}?format=json" --data 'domain=two.test'
expect_json .status found "POST with format in the query string"
http POST "$WEB_URL" -H 'Content-Type: text/plain' --data 'domain=two.test'
expect_status 415 "POST that is not a form"
http POST "$WEB_URL" --data "domain=$(printf 'a%.0s' $(seq 9000))"
expect_status 413 "POST body over 8 KiB"
http PUT "$WEB_URL?domain=two.test"
expect_status 405 "PUT"
expect_header '^Allow: GET, HEAD, POST$' "405 says what is allowed"
http DELETE "$WEB_URL"
expect_status 405 "DELETE"
lookup 'two.test' '&format=xml'
expect_status 400 "unknown format"
expect_body 'The format &quot;xml&quot; is unknown' "unknown format named"
lookup 'two.test' '&domain=one.test'
expect_status 400 "domain given twice"
expect_body 'given 2 times' "repeated parameter explained"
lookup 'two%zz.test'
expect_status 400 "bad percent-escape"
expect_body 'is not followed by two hexadecimal digits' "bad escape explained"
lookup 'two.test' '&utm_source=mail'
expect_status 200 "unknown parameters are ignored"
