# Output for other pages, scripts and terminals: format=fragment, the
# Accept header when no format is named (with Vary), and the JSON
# schema's version. Runs behind nginx and behind Apache both ways.

# ---- the result block alone ----
http GET "${WEB_URL}?domain=two.test&format=fragment"
expect_status 200 "fragment"
expect_header '^Content-Type: text/html; charset=utf-8$' "fragment: HTML"
expect_equal "$(head -c 20 "$T_BODY")" '<section id="result"' "fragment: starts with the result block"
expect_body 'two.test has 2 name servers.' "fragment: the result"
expect_true "fragment: no document around it" sh -c "! grep -q '<html\|<form\|<head' '$T_BODY'"
expect_true "fragment: no help text" sh -c "! grep -q 'About NS records' '$T_BODY'"
expect_body 'href="/nscheck/?domain=two.test&amp;format=json"' "fragment: links lead to the tool"
expect_body 'href="/nscheck/#check-ns_count"' "fragment: explanations on the tool's page"
expect_true "fragment: no relative links" sh -c "! grep -q 'href=\"[?#]' '$T_BODY'"
expect_header_absent() { # REGEX what
	! tr -d '\r' <"$T_HEADERS" | grep -qiE -- "$1"
	t_result $? "$2" "headers have /$1/"
}
# (the language, unnamed, is chosen by Accept-Language: Vary says so)
expect_header_absent '^Vary: Accept(,|$)' "fragment named: no Vary: Accept"
expect_header '^Vary: Accept-Language$' "fragment named: Vary: Accept-Language"
http GET "${WEB_URL}?domain=a..b&format=fragment"
expect_status 400 "fragment of a bad name: still 400"
expect_body 'That is not a domain name we can look up' "fragment: the error block"
http GET "${WEB_URL}?format=fragment"
expect_status 200 "fragment without a domain"
expect_equal "$(wc -c <"$T_BODY")" 0 "fragment without a domain: empty"

# ---- Accept, when no format is named ----
http GET "${WEB_URL}?domain=two.test" -H 'Accept: text/plain'
expect_header '^Content-Type: text/plain; charset=utf-8$' "Accept: text/plain gives text"
expect_body_re '^two.test has 2 name servers' "Accept: text/plain: the text output"
expect_header '^Vary: Accept, ?Accept-Language$' "negotiated: Vary: Accept (and the language)"
expect_header '^Cache-Control: private, max-age=[0-9]+$' "negotiated text: only the client may keep it"
http GET "${WEB_URL}?domain=two.test" -H 'Accept: application/json'
expect_header '^Content-Type: application/json' "Accept: application/json gives JSON"
expect_json '.version' 1 "JSON: schema version"
expect_json '.status' found "JSON by Accept: the lookup"
http GET "${WEB_URL}?domain=two.test" \
	-H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8'
expect_header '^Content-Type: text/html' "a browser's Accept: HTML"
expect_header '^Vary: Accept, ?Accept-Language$' "HTML chosen by Accept: Vary too"
http GET "${WEB_URL}?domain=two.test&format=html" -H 'Accept: text/plain'
expect_header '^Content-Type: text/html' "format beats Accept"
expect_header_absent '^Vary: Accept(,|$)' "format named: no Vary: Accept"

http GET "${WEB_URL}?domain=two.test&format=text"
expect_header '^Cache-Control: public, max-age=[0-9]+$' "format named: shared caches may keep it"

# ---- the status page: this machine only, set by the web server ----
http GET "${WEB_URL}status"
expect_status 200 "status from 127.0.0.1"
expect_body 'nscheck_cache_hits_total' "status: the counters"
http GET "${WEB_URL}status" --interface 127.0.0.2
expect_status 403 "status from another address: refused"
http GET "${WEB_URL}?domain=two.test&NSCHECK_STATUS=1" -H 'NSCHECK-STATUS: 1' -H 'NSCHECK_STATUS: 1'
expect_true "a client cannot ask for the status view" sh -c "! grep -q nscheck_cache '$T_BODY'"
expect_body 'two.test has 2 name servers.' "that request is an ordinary lookup"

# ---- CORS is off unless configured ----
http GET "${WEB_URL}?domain=two.test&format=json"
expect_header_absent '^Access-Control-Allow-Origin' "JSON: no CORS header by default"

# ---- revalidation: ETag and If-None-Match ----
etag_of_reply() { tr -d '\r' <"$T_HEADERS" | sed -n 's/^ETag: //Ip'; }
for fmt in html json text; do
	http GET "${WEB_URL}?domain=two.test&format=$fmt"
	expect_header '^ETag: "[0-9a-f]{16}"$' "$fmt: an ETag"
done
# the page ages by the second (TTLs count down), so the same bytes are
# asked for again at once, until a second has not ticked in between
revalidated() { # FORMAT [tag transform]
	http GET "${WEB_URL}?domain=two.test&format=$1"
	local tag
	tag=$(etag_of_reply)
	[ -n "$tag" ] || return 1
	case ${2:-} in
	weak) tag="W/$tag" ;;
	list) tag="\"0000000000000000\", $tag" ;;
	esac
	http GET "${WEB_URL}?domain=two.test&format=$1" -H "If-None-Match: $tag"
	[ "$STATUS" = 304 ]
}
poll "If-None-Match with the tag just given: 304" revalidated html
expect_equal "$(wc -c <"$T_BODY")" 0 "...with no body"
expect_header '^ETag: "[0-9a-f]{16}"$' "...with its ETag"
expect_header '^Cache-Control: public, max-age=[0-9]+$' "...and its Cache-Control"
expect_header_absent '^Content-Length' "...and no Content-Length of a body it has not"
poll "JSON revalidated: 304" revalidated json
poll "text revalidated, the tag as a weak one: 304" revalidated text weak
poll "the tag in a list: 304" revalidated html list
http GET "${WEB_URL}?domain=two.test" -H 'If-None-Match: "0000000000000000"'
expect_status 200 "another tag: the page"
expect_body 'two.test has 2 name servers.' "...in full"
http GET "${WEB_URL}?domain=two.test" -H 'If-None-Match: *'
expect_status 304 "If-None-Match: *: 304"
http GET "${WEB_URL}?domain=lame.test" -H 'If-None-Match: *'
expect_status 502 "a reply no cache may keep is never 304"
expect_header_absent '^ETag' "...and has no ETag"
http POST "${WEB_URL}" --data 'domain=two.test' -H 'If-None-Match: *'
expect_status 200 "a POST's answer is never 304"
expect_header_absent '^ETag' "...and has no ETag"
