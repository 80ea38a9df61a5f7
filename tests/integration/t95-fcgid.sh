# nscheck unchanged under Apache's mod_fcgid: Apache starts the nscheck
# processes itself (as www-data, the listening socket on fd 0), and they
# share the cache. Apache is stopped by its pid, and takes nscheck with it.

DIR=$T_DIR/apache
NAME=/nscheck-t95-$$
mkdir -p "$DIR/app" "$DIR/fcgid" "$DIR/www"
chmod 755 "$T_DIR" "$DIR" "$DIR/app" "$DIR/www"
# Apache's children are www-data: they get their own readable copies
cp "$NSCHECK_ROOT/build/nscheck" "$DIR/app/nscheck.fcgi"
cp -r "$NSCHECK_ROOT/www/templates" "$NSCHECK_ROOT/www/static" "$DIR/www/"
chmod -R a+rX "$DIR/app" "$DIR/www"
cat >"$DIR/nscheck.conf" <<EOF2
resolver = $WORLD_RESOLVER
www_dir = $DIR/www
static_url = /static/
cache_name = $NAME
cache_size = 4M
deadline = 1500ms
EOF2
chmod 644 "$DIR/nscheck.conf"
user=""
if [ "$(id -u)" = 0 ]; then
	user=$'User www-data\nGroup www-data'
	chown www-data "$DIR/fcgid" # mod_fcgid's sockets are made as www-data
fi
cat >"$DIR/apache.conf" <<EOF2
ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:8081
PidFile $DIR/apache.pid
ErrorLog $DIR/error.log
LogLevel warn
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule fcgid_module /usr/lib/apache2/modules/mod_fcgid.so
$user
FcgidIPCDir $DIR/fcgid
FcgidProcessTableFile $DIR/fcgid/table
FcgidInitialEnv NSCHECK_CONF $DIR/nscheck.conf
FcgidMaxProcessesPerClass 4
Alias /nscheck/ $DIR/app/
<Directory $DIR/app>
	Options +ExecCGI
	SetHandler fcgid-script
	Require all granted
</Directory>
EOF2
apache2 -f "$DIR/apache.conf" -C "Mutex file:$DIR" -DFOREGROUND 2>"$DIR/stderr" &
apache=$!
cleanup_t95() {
	kill "$apache" 2>/dev/null
	for _ in $(seq 200); do kill -0 "$apache" 2>/dev/null || break; sleep 0.05; done
	pkill -9 -f "$DIR/app/nscheck.fcgi" 2>/dev/null
	rm -f "/dev/shm$NAME"
}
trap cleanup_t95 EXIT

URL=http://127.0.0.1:8081/nscheck/nscheck.fcgi
up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }
for _ in $(seq 200); do up && break; sleep 0.05; done
expect_true "Apache with mod_fcgid serves nscheck" up

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
gone() { ! kill -0 "$apache" 2>/dev/null && ! pgrep -f "$DIR/app/nscheck.fcgi" >/dev/null; }
for _ in $(seq 200); do gone && break; sleep 0.05; done
expect_true "stopping Apache stops nscheck too" gone
