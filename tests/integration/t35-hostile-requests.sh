# Requests that try to break in: oversized, badly encoded, NUL bytes,
# markup and header injection in every parameter, names too long, invalid
# UTF-8 and look-alike characters, repeated and unknown parameters, wrong
# methods and content types. Each gets a clear answer with the status
# expected, nothing of the payload comes back raw, and (checked by the
# runner at the end) every worker is still alive.

n_hostile=0
# METHOD QUERY STATUS-REGEX FORBIDDEN [curl args...]: FORBIDDEN, the
# payload in its dangerous form (a raw tag, a quote that would end an
# attribute), must not appear in the body; the payload shown as escaped
# text is fine. No response may carry a header the request tried to add.
hostile() {
	local method=$1 query=$2 want=$3 forbidden=$4
	shift 4
	n_hostile=$((n_hostile + 1))
	http "$method" "${WEB_URL}?$query" "$@"
	local what="#$n_hostile $method ${query:0:60}"
	echo "$STATUS" | grep -qE "^($want)\$"
	t_result $? "$what: status $STATUS" "expected $want"
	if [ -n "$forbidden" ]; then
		! grep -qiF -- "$forbidden" "$T_BODY"
		t_result $? "$what: nothing raw reflected" "found: $forbidden"
	fi
	! tr -d '\r' <"$T_HEADERS" | grep -qiE '^(set-cookie|x-injected|x-evil)'
	t_result $? "$what: no header added by the request"
	if [ "${STATUS:0:1}" = 4 ] && [ "$method" != HEAD ]; then
		grep -qiE 'not|too|refus|use|must|invalid|cannot|only|longer|larger|give' "$T_BODY"
		t_result $? "$what: the answer says what was wrong" "$(head -c 300 "$T_BODY")"
	fi
}

big() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# ---- sizes ----
hostile GET "domain=$(big 5000 a).example" '400|414' ''
hostile GET "domain=x&pad=$(big 20000 b)" '414' ''
hostile GET "domain=$(big 70 a).example" '400' ''
hostile GET "domain=$(big 260 a | sed 's/a\{50\}/&./g')" '400' ''
hostile GET "domain=$(for i in $(seq 300); do printf 'a.'; done)example" '400' ''
hostile GET "$(for i in $(seq 300); do printf 'p%d=1&' "$i"; done)domain=a.example" '400' ''
hostile POST "" '413' '' -H 'Content-Type: application/x-www-form-urlencoded' --data "domain=$(big 9000 c)"
hostile POST "" '413' '' -H 'Content-Type: application/x-www-form-urlencoded' --data "domain=$(big 40000 c)"
hostile GET "domain=two.test" '200|400|431|494' '' -H "X-Filler: $(big 30000 f)"

# ---- encoding ----
for q in 'domain=%' 'domain=%4' 'domain=%zz.example' 'domain=a%%41' 'domain=%u0041.example' \
	'domain=a%2' 'dom%zzain=a.example' 'domain=a.example&format=js%on'; do
	hostile GET "$q" '400' ''
done
hostile GET 'domain=%253Cscript%253E.example' '400' '<script'
hostile GET 'domain=%25%32%35%33%43' '400' ''

# ---- NUL bytes ----
hostile GET 'domain=two.test%00.evil' '400' ''
hostile GET 'domain=%00' '400' ''
hostile GET 'dom%00ain=two.test' '200' ''
hostile GET 'domain=two.test&format=json%00' '400' ''
hostile POST '' '400' '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary $'domain=two.test%00x'

# ---- markup and attribute injection, in every parameter ----
# payload, then its dangerous form
while IFS='|' read -r p raw; do
	enc=$(jq -rn --arg v "$p" '$v|@uri')
	hostile GET "domain=$enc" '400' "$raw"
	hostile GET "domain=two.test&format=$enc" '400' "$raw"
	hostile GET "domain=$enc&format=json" '400' "$raw"
done <<'CASES'
<script>alert(1)</script>|<script>
"><script>alert(1)</script>|"><script
'><img src=x onerror=alert(1)>|<img src
" onmouseover="alert(1)|onmouseover="alert
</title><script>x</script>|</title><script
javascript:alert(1)|href="javascript:
<svg/onload=alert(1)>|<svg/
CASES
# template slots in the input are text, never expanded a second time
hostile GET "domain=$(jq -rn '"{{help}}{{result}}"|@uri')" '400' ''
expect_equal "$(grep -o 'About NS records' "$T_BODY" | wc -l)" 1 "slots in the input are not expanded"
hostile GET "domain=two.test&$(jq -rn '"<script>"|@uri')=1" '200' '<script>'
hostile GET "domain=two.test&x=$(jq -rn '"<script>x</script>"|@uri')" '200' '<script>x'

# ---- header injection ----
hostile GET 'domain=two.test%0d%0aSet-Cookie:%20hacked=1' '400' ''
hostile GET 'domain=two.test&format=json%0d%0aX-Injected:%201' '400' ''
hostile GET 'domain=%0d%0a%0d%0a<html>two.test' '400' '<html>two'
hostile GET 'domain=two.test' '200|400' '' -H 'Accept: text/plain
X-Evil: 1'

# ---- names and Unicode ----
hostile GET "domain=$(jq -rn '"exаmple.test"|@uri')" '200' ''        # Cyrillic a
hostile GET "domain=$(jq -rn '"ｔｗｏ．ｔｅｓｔ"|@uri')" '200' ''      # full width
hostile GET 'domain=%C3%28.example' '400' ''
hostile GET 'domain=%FF%FE.example' '400' ''
hostile GET 'domain=%C0%AF.example' '400' ''
hostile GET 'domain=%ED%A0%80.example' '400' ''
hostile GET "domain=$(jq -rn '"a\u202eb.example"|@uri')" '400' ''
hostile GET "domain=$(jq -rn '"a\u200db.example"|@uri')" '400' ''
hostile GET 'domain=-a.example' '400' ''
hostile GET 'domain=a_b..example' '400' ''
hostile GET 'domain=xn--.example' '400' ''
hostile GET 'domain=xn--zz-zzz.example' '400' ''
hostile GET 'domain=127.0.0.1' '400|200' ''
hostile GET 'domain=%5B::1%5D' '400' ''
hostile GET 'domain=http://user:pass@two.test:99999/x' '200|400' ''

# ---- parameters, methods, types ----
hostile GET 'domain=two.test&domain=four.test' '400' ''
hostile GET 'domain=two.test&format=json&format=text' '400' ''
hostile GET 'domain=two.test&format=xml' '400' ''
hostile GET 'domain=two.test&format=JSON' '400' ''
for m in PUT DELETE PATCH OPTIONS PROPFIND; do
	hostile "$m" 'domain=two.test' '405' ''
done
hostile POST '' '415' '' -H 'Content-Type: text/plain' --data 'domain=two.test'
hostile POST '' '415' '' -H 'Content-Type: application/json' --data '{"domain":"two.test"}'
hostile POST '' '415' '' -H 'Content-Type: multipart/form-data; boundary=x' --data $'--x\r\nContent-Disposition: form-data; name="domain"\r\n\r\ntwo.test\r\n--x--\r\n'
# the body is what Content-Length says: "domai", a field without value
hostile POST '' '200' '' -H 'Content-Type: application/x-www-form-urlencoded' -H 'Content-Length: 5' --data-binary 'domain=two.test'
hostile GET 'domain=two.test' '200' '' -H "Accept: $(big 5000 ';')"

expect_true "at least 60 hostile requests ($n_hostile)" test "$n_hostile" -ge 60

# after all that, the tool still answers
http GET "${WEB_URL}?domain=two.test"
expect_status 200 "still answering after the hostile requests"
