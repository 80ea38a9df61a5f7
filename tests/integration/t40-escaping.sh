# Names from DNS that hold markup (hostile.test) and markup typed by a
# visitor: escaped in HTML, JSON and text, never interpreted.

http GET "${WEB_URL}?domain=hostile.test"
expect_status 200 "hostile.test"
expect_no_body '<script>' "HTML: no raw <script> from DNS data"
expect_no_body '<img' "HTML: no raw <img from DNS data"
expect_no_body "a&b'c" "HTML: no raw & or ' from DNS data"
expect_body '&lt;script&gt;alert(1)&lt;/script&gt;.hostile.test' "HTML: the name shown as text"
expect_body 'x\&quot;&gt;&lt;img\032src=x\032onerror=alert(1)&gt;.hostile.test' "HTML: quotes and brackets escaped"
expect_body 'a&amp;b&#39;c.hostile.test' "HTML: & and ' escaped"
expect_valid_html "hostile.test page"

http GET "${WEB_URL}?domain=hostile.test&format=json"
expect_status 200 "hostile.test as JSON"
expect_no_body '<' "JSON: no raw < anywhere"
expect_json '.ns | map(.name) | sort | .[0]' '<script>alert(1)</script>.hostile.test' "JSON: name decodes to the original"
expect_json '.ns | map(.name) | sort | .[2]' 'x\"><img\032src=x\032onerror=alert(1)>.hostile.test' "JSON: quote survives"
expect_json '.ns[0].ipv4_status' 'nxdomain' "JSON: name server without address"

http GET "${WEB_URL}?domain=hostile.test&format=text"
expect_status 200 "hostile.test as text"
expect_header '^Content-Type: text/plain; charset=utf-8$' "text content type"
expect_body '<script>alert(1)</script>.hostile.test' "text: shown as the name is"

# a visitor's input: reflected only escaped, in every format
http GET "${WEB_URL}?domain=%3Cscript%3Ealert(1)%3C%2Fscript%3E&format=json"
expect_status 400 "markup input as JSON"
expect_json '.error.code' 'bad_character' "JSON: error code"
expect_json '.query.input' '<script>alert(1)</script>' "JSON: input round-trips"
expect_no_body '<script>' "JSON: no raw markup"
http GET "${WEB_URL}?domain=%1B%5B31mred.test&format=text"
expect_status 400 "terminal escape as input"
expect_body '\x1B' "text: control byte shown as \\x1B"
expect_true "text: no raw ESC byte" sh -c "! grep -q \$(printf '\\033') '$T_BODY'"
