# The other ways nscheck runs: as plain CGI, on its own FastCGI socket
# (-s, -b), as a command (-q), the configuration check (-n), and the
# default resolver taken from /etc/resolv.conf (bind-mounted by the runner
# to point at the test world's resolver).

NSCHECK=$NSCHECK_ROOT/build/nscheck
CONF=$WORK/web/nscheck.conf

# ---- CGI ----
cgi() { # QUERY [METHOD] [BODY]
	local body=${3:-}
	printf '%s' "$body" | env -i REQUEST_METHOD="${2:-GET}" QUERY_STRING="$1" \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH="${#body}" NSCHECK_CONF="$CONF" "$NSCHECK" \
		>"$T_BODY" 2>"$T_DIR/stderr"
}
cgi 'domain=two.test'
expect_equal "$(head -1 "$T_BODY" | tr -d '\r')" 'Status: 200 OK' "CGI: status line"
expect_body 'Content-Type: text/html; charset=utf-8' "CGI: content type"
expect_body 'two.test has 2 name servers.' "CGI: the lookup"
cgi '' POST 'domain=four.test'
expect_body 'four.test has 4 name servers.' "CGI: POST body read from stdin"
cgi 'domain=two.test' PUT
expect_equal "$(head -1 "$T_BODY" | tr -d '\r')" 'Status: 405 Method Not Allowed' "CGI: 405"
cgi 'domain=two.test' HEAD
T_RAW=$T_BODY
expect_equal "$(raw_body_size)" 0 "CGI: HEAD has no body"
grep -qE 'info: request HEAD - "two.test" -> 200 found (cached|uncached) [0-9]+ms$' "$T_DIR/stderr"
t_result $? "CGI: one log line per request on stderr (method, no client address)" "$(cat "$T_DIR/stderr")"

# cors_origin: JSON may be read by scripts of the named site
CONF_SAVED=$CONF
CONF=$T_DIR/cors.conf
{ cat "$CONF_SAVED"; echo "cors_origin = https://help.example.com"; } >"$CONF"
cgi 'domain=two.test&format=json'
expect_body 'Access-Control-Allow-Origin: https://help.example.com' "CORS: the configured origin on JSON"
expect_body 'Vary: Origin' "CORS: one origin, so Vary: Origin"
cgi 'domain=two.test'
expect_true "CORS: not on the HTML page" sh -c "! grep -q 'Access-Control' '$T_BODY'"
sed -i 's|^cors_origin = .*|cors_origin = https://help.example.com/path|' "$CONF"
"$NSCHECK" -n -c "$CONF" >"$T_DIR/cors.out" 2>&1
expect_true "CORS: an origin with a path is refused by -n" \
	grep -q 'cors_origin.*no path' "$T_DIR/cors.out"

# the site's own header and footer, no help text
printf '<header class="acme">ACME Hosting help</header>\n' >"$T_DIR/header.html"
printf '<footer class="acme">ACME footer {{static_url}}</footer>\n' >"$T_DIR/footer.html"
{ cat "$CONF_SAVED"; echo "header_file = $T_DIR/header.html"
  echo "footer_file = $T_DIR/footer.html"; echo "show_help = no"; } >"$CONF"
cgi 'domain=two.test'
expect_body '<header class="acme">ACME Hosting help</header>' "operator header in the page"
expect_body '<footer class="acme">ACME footer /nscheck/static/</footer>' "operator footer, with its slot filled"
expect_body 'two.test has 2 name servers.' "operator parts: the result still there"
expect_true "show_help = no: no help text" sh -c "! grep -q 'About NS records' '$T_BODY'"
expect_true "operator parts: the shipped header is gone" sh -c "! grep -q 'class=\"brand\"' '$T_BODY'"
CONF=$CONF_SAVED

# nothing is written while requests are served: the only file opened for
# writing is the cache segment in /dev/shm, which the web tests made
# earlier (so it is not created or truncated here)
if command -v strace >/dev/null; then
	writes() { # QUERY: every open for writing, create, rename, remove, truncate
		env -i REQUEST_METHOD=GET QUERY_STRING="$1" NSCHECK_CONF="$CONF" \
			strace -f -qq -o "$T_DIR/strace.log" -e trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate,symlink,link \
			"$NSCHECK" >/dev/null 2>"$T_DIR/strace.err"
		grep -vE 'O_RDONLY|= -1 ' "$T_DIR/strace.log" | grep -v '^[0-9]* +++'
	}
	cache_file=/dev/shm$(sed -n 's/^cache_name = //p' "$CONF")
	for q in 'domain=two.test' 'domain=nx.test&format=json' 'domain=a..b' 'domain=four.test&format=text'; do
		w=$(writes "$q")
		# the trace saw the run at all: the configuration was read
		expect_true "strace traced the run ($q)" grep -q "\"$CONF\", O_RDONLY" "$T_DIR/strace.log"
		# the segment is opened read-write (with O_CREAT: open or create),
		# never truncated or made exclusively anew: it exists already
		others=$(printf '%s\n' "$w" | grep -v "openat(AT_FDCWD, \"$cache_file\", O_RDWR|" | grep -c .)
		printf '%s\n' "$w" | grep -qE 'O_TRUNC|O_EXCL' && others=$((others + 1))
		t_result $([ "$others" = 0 ] && echo 0 || echo 1) \
			"no file written while answering $q" "$w"
	done
else
	t_result 1 "strace is installed (make deps)"
fi

env -i "$NSCHECK" -c "$CONF" </dev/null >"$T_BODY" 2>&1
expect_equal $? 64 "neither CGI nor FastCGI: exit 64 (usage)"
expect_body 'not started as CGI or FastCGI' "neither CGI nor FastCGI: says why"

# ---- own FastCGI socket ----
fcgi_get() { # CONNECT QUERY
	env -i REQUEST_METHOD=GET QUERY_STRING="$2" SCRIPT_NAME=/ \
		cgi-fcgi -bind -connect "$1" >"$T_BODY" 2>/dev/null
}
wait_fcgi() { # CONNECT
	local i
	for i in $(seq 200); do
		fcgi_get "$1" '' && grep -q 'Status: 200' "$T_BODY" && return 0
		sleep 0.05
	done
	return 1
}
"$NSCHECK" -c "$CONF" -o socket_mode=0600 -s "$T_DIR/own.sock" 2>"$T_DIR/own.log" &
own=$!
expect_true "-s: serves on its own unix socket" wait_fcgi "$T_DIR/own.sock"
fcgi_get "$T_DIR/own.sock" 'domain=one.test'
expect_body 'one.test has 1 name server.' "-s: answers a lookup"
expect_equal "$(stat -c %a "$T_DIR/own.sock")" 600 "-s: socket_mode applied"
grep -q 'ready: serving FastCGI on' "$T_DIR/own.log"
t_result $? "-s: logs ready" "$(cat "$T_DIR/own.log")"
kill "$own"; wait "$own" 2>/dev/null

"$NSCHECK" -c "$CONF" -b 127.0.0.1:9009 2>"$T_DIR/tcp.log" &
tcp=$!
expect_true "-b: serves on a TCP socket" wait_fcgi 127.0.0.1:9009
fcgi_get 127.0.0.1:9009 'domain=four.test&format=json'
expect_body '"status":"found"' "-b: answers a lookup"
kill "$tcp"; wait "$tcp" 2>/dev/null

# ---- -q ----
"$NSCHECK" -c "$CONF" -q two.test >"$T_BODY"
expect_equal $? 0 "-q found: exit 0"
expect_body 'two.test  ns1.alpha-dns.test' "-q: aligned table"
expect_body 'HOST      NAME SERVER' "-q: column heads"
"$NSCHECK" -c "$CONF" -q nx.test >"$T_BODY"
expect_equal $? 1 "-q NXDOMAIN: exit 1"
"$NSCHECK" -c "$CONF" -q www.two.test >"$T_BODY"
expect_equal $? 1 "-q no NS: exit 1"
"$NSCHECK" -c "$CONF" -q 'a..test' >"$T_BODY"
expect_equal $? 65 "-q invalid: exit 65"
expect_body 'Label 2 is empty' "-q invalid: says why"
"$NSCHECK" -c "$CONF" -q lame.test >"$T_BODY"
expect_equal $? 2 "-q SERVFAIL: exit 2"
"$NSCHECK" -c "$CONF" -o resolver="$WORLD_SILENT_RESOLVER" -q two.test >"$T_BODY"
expect_equal $? 2 "-q timeout: exit 2"
"$NSCHECK" -c "$CONF" -q bücher.test -f json >"$T_BODY"
expect_json '.query.ascii' xn--bcher-kva.test "-q -f json"

# ---- resolv.conf default ----
printf 'www_dir = %s/www\ncache_name = /nscheck-t60-%s\n' "$NSCHECK_ROOT" $$ >"$T_DIR/noresolver.conf"
[ "$(id -u)" = 0 ] && echo 'user = nobody' >>"$T_DIR/noresolver.conf"
"$NSCHECK" -c "$T_DIR/noresolver.conf" -q two.test >"$T_BODY"
expect_equal $? 0 "no resolver configured: uses /etc/resolv.conf"
expect_body 'Resolver: 127.0.0.1' "resolver taken from /etc/resolv.conf"

# ---- -n ----
"$NSCHECK" -n -c "$CONF" >"$T_BODY" 2>&1
expect_equal $? 0 "-n good file: exit 0"
expect_body "configuration OK: $CONF" "-n: says OK"
printf '# comment\ndeadline = 2s\nfoo = 1\n' >"$T_DIR/bad.conf"
"$NSCHECK" -n -c "$T_DIR/bad.conf" >"$T_BODY" 2>&1
expect_equal $? 78 "-n unknown key: exit 78 (EX_CONFIG)"
expect_body "$T_DIR/bad.conf:3: unknown key 'foo'" "unknown key: file, line and reason"
printf 'deadline = 50ms\n' >"$T_DIR/bad.conf"
"$NSCHECK" -n -c "$T_DIR/bad.conf" >"$T_BODY" 2>&1
expect_body "bad.conf:1: deadline: value 50ms is out of range 100..60000ms" "out of range: file, line and reason"
printf 'resolver = 127.0.0.1 not-an-ip\n' >"$T_DIR/bad.conf"
"$NSCHECK" -c "$T_DIR/bad.conf" -q two.test >"$T_BODY" 2>&1
expect_equal $? 78 "bad config stops -q too"
expect_body "bad.conf:1: resolver: 'not-an-ip' is not an IP address" "bad resolver named"
printf 'www_dir = /nonexistent\n' >"$T_DIR/bad.conf"
"$NSCHECK" -n -c "$T_DIR/bad.conf" >"$T_BODY" 2>&1
expect_equal $? 78 "missing templates stop start-up"
expect_body '/nonexistent/templates/page.html' "missing template named"
NSCHECK_CONF=$T_DIR/bad.conf "$NSCHECK" -n >"$T_BODY" 2>&1
expect_body '/nonexistent/templates/page.html' "NSCHECK_CONF is read when -c is absent"

# ---- never as root ----
# (the user nscheck, the socket's group and the segment: t61-user.sh)
if [ "$(id -u)" = 0 ]; then
	grep -v '^user' "$CONF" >"$T_DIR/rootly.conf"
	"$NSCHECK" -c "$T_DIR/rootly.conf" -u no-such-user-$$ -q two.test >"$T_BODY" 2>&1
	expect_equal $? 78 "-u with an unknown user: exit 78"
	expect_body "user 'no-such-user-$$' does not exist" "-u unknown: says so"
	"$NSCHECK" -c "$T_DIR/rootly.conf" -u no-such-user-$$ -s "$T_DIR/rootly.sock" >"$T_BODY" 2>&1
	expect_equal $? 78 "-s with an unknown user: exit 78"
	expect_true "-s: no socket made before refusing" test ! -e "$T_DIR/rootly.sock"
	"$NSCHECK" -c "$T_DIR/rootly.conf" -u root -q two.test >"$T_BODY" 2>&1
	expect_equal $? 78 "-u root: exit 78"
	expect_body "user 'root' is root" "-u root is refused"
	"$NSCHECK" -n -c "$T_DIR/rootly.conf" -o user=no-such-user-$$ >"$T_BODY" 2>&1
	expect_equal $? 78 "-n checks that the user exists"
	"$NSCHECK" -n -c "$T_DIR/rootly.conf" -o socket_group=no-such-group-$$ >"$T_BODY" 2>&1
	expect_equal $? 78 "-n checks that the socket's group exists"
	expect_body "group 'no-such-group-$$' does not exist" "-n: names the missing group"
	"$NSCHECK" -c "$T_DIR/rootly.conf" -u nobody -q two.test >"$T_BODY" 2>&1
	expect_equal $? 0 "-u nobody: served"

	"$NSCHECK" -c "$T_DIR/rootly.conf" -u nobody -o socket_mode=0600 -s "$T_DIR/drop.sock" 2>"$T_DIR/drop.log" &
	pid=$!
	poll "-s as root: ready" grep -q ready "$T_DIR/drop.log"
	expect_equal "$(stat -c '%U %G %a' "$T_DIR/drop.sock" 2>&1)" "nobody nogroup 600" \
		"-s as root: the socket is made, then given to the user and its group"
	expect_equal "$(ps -o user= -p "$pid")" nobody "-s as root: serves as nobody"
	kill "$pid"; wait "$pid"
fi
