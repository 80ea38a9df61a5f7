# The empty page, its headers, the stylesheet, HEAD, and the help text.

http GET "$WEB_URL"
expect_status 200 "empty form"
expect_header '^Content-Type: text/html; charset=utf-8$' "HTML with charset"
expect_header '^X-Content-Type-Options: nosniff$' "nosniff"
expect_header "^Content-Security-Policy: default-src 'none'; style-src 'self'" "CSP"
expect_header '^Cache-Control: public, max-age=[0-9]+$' "form page is cacheable"
expect_body '<html lang="en">' "page declares its language"
expect_body '<label for="domain">' "search field has a label"
expect_body '<input id="domain" name="domain"' "search field"
expect_body_re 'href="/nscheck/static/nscheck.css\?v=[0-9a-f]{16}"' "stylesheet link, with the stylesheet's hash"
expect_no_body '<table' "no table before a lookup"
expect_no_body '{{' "no template slot left unfilled"
for q in 'What is an NS record?' 'Why do NS records matter?' \
	'How resolution uses NS records' 'How to use this tool'; do
	expect_body "$q" "explanation: $q"
done
expect_equal "$(body_count '<summary>')" 7 "seven FAQ questions"
expect_body 'How is an A record different from an NS record?' "FAQ: A vs NS"
expect_body 'Do NS records affect email delivery?' "FAQ: email"
expect_body 'How can I see exactly what one name server answers?' "FAQ: one server's replies"

expect_valid_html "empty page"

length=$(tr -d '\r' <"$T_HEADERS" | sed -n 's/^Content-Length: //Ip')
# nscheck sends Content-Length; nginx passes it on, Apache's mod_proxy_fcgi
# sends the body chunked instead (and then no length on HEAD either)
[ "$WEB_SERVER" = apache-proxy ] || expect_true "GET has a Content-Length" test -n "$length"
http HEAD "$WEB_URL"
expect_status 200 "HEAD"
if [ -n "$length" ]; then
	expect_header "^Content-Length: $length\$" "HEAD announces the GET length"
else
	expect_true "HEAD, like GET, without a length" \
		sh -c "! grep -qi '^Content-Length' '$T_HEADERS'"
fi
raw_http 'HEAD /nscheck/?domain=two.test HTTP/1.0\r\nHost: localhost\r\n\r\n'
expect_equal "$(head -c 12 "$T_RAW")" "HTTP/1.1 200" "HEAD of a lookup: status 200"
expect_equal "$(raw_body_size)" 0 "HEAD of a lookup sends no body"

http GET "${WEB_URL}static/nscheck.css"
expect_status 200 "stylesheet served by nginx"
expect_header '^Content-Type: text/css' "stylesheet type"
expect_body '--ns-accent' "stylesheet has the colour properties"
expect_header '^Cache-Control: max-age=86400$' "unversioned: kept a day"
expect_header '^X-Content-Type-Options: nosniff' "...nosniff"
http GET "${WEB_URL}?domain=two.test"
versioned=$(grep -o 'nscheck.css?v=[0-9a-f]*' "$T_BODY" | head -1)
http GET "${WEB_URL}static/$versioned"
expect_status 200 "the page's versioned link: served"
expect_header '^Cache-Control: public, max-age=31536000, immutable$' "...kept a year, immutable"
expect_true "...once: no second Cache-Control" test "$(grep -ci '^Cache-Control' "$T_HEADERS")" = 1
expect_header '^X-Content-Type-Options: nosniff' "...nosniff still"

http GET "http://$WEB_ADDR/nscheck"
expect_status 301 "bare /nscheck redirects"
expect_header '^Location: .*/nscheck/$' "to /nscheck/"

# the health URL of the shipped snippet, behind each web server
http GET "${WEB_URL}healthz"
expect_status 200 "healthz through the shipped configuration"
expect_equal "$(head -1 "$T_BODY")" ok "healthz says ok"
