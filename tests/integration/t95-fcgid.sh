# nscheck unchanged under Apache's mod_fcgid: Apache starts the nscheck
# processes itself (as www-data, the listening socket on fd 0), and they
# share the cache. Apache is stopped by its pid, and takes nscheck with it.

# the shipped mod_fcgid snippet, through tests/lib/apache.sh
DIR=$T_DIR/apache
trap 'apache_stop "$DIR"' EXIT
apache_start "$DIR" fcgid
expect_true "Apache with mod_fcgid serves nscheck" test $? = 0
URL=$APACHE_URL
NAME=$APACHE_CACHE
apache=$(awk '$2 == "apache" { print $1 }' "$DIR/pids")

http GET "$URL?domain=two.test"
expect_status 200 "a lookup through mod_fcgid"
expect_body 'two.test has 2 name servers.' "the page"
expect_header '^Content-Type: text/html; charset=utf-8$' "content type through Apache"
expect_header "^Content-Security-Policy: default-src 'none'" "nscheck's headers pass through"
http GET "$URL?domain=two.test&format=json"
expect_json '.cached' true "the second request: from the shared cache"
http GET "$URL?domain=www.two.test&format=json"
expect_json '.status' no_ns "no NS through mod_fcgid"
http PUT "$URL?domain=two.test"
expect_status 405 "405 through Apache"
http GET "$URL?domain=a..b"
expect_status 400 "400 through Apache"
runs_as=www-data
[ "$(id -u)" = 0 ] || runs_as=$(id -un)
expect_equal "$(ps -o user= -C nscheck.fcgi | sort -u | tr -d '\n')" "$runs_as" \
	"nscheck runs as Apache's user"
expect_equal "$(stat -c %U "/dev/shm$NAME")" "$runs_as" "the shared segment belongs to that user"

kill "$apache"
gone() { ! kill -0 "$apache" 2>/dev/null && ! pgrep -f "$DIR/fcgi/nscheck.fcgi" >/dev/null; }
for _ in $(seq 200); do gone && break; sleep 0.05; done
expect_true "stopping Apache stops nscheck too" gone
