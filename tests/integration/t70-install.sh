# Installing from the source tree: make install with PREFIX and DESTDIR
# (and a /usr build whose files name /etc, never /usr/local or /usr/etc),
# then INSTALL's own commands, as root, typed as INSTALL writes them (each
# is looked up in INSTALL first): make install into /usr/local, the user,
# the configuration check, a lookup of example.com, the unit and the
# tmpfiles.d entry, the unit's ExecStart as systemd would run it, the
# spawn-fcgi route with its log file, the nginx snippet and INSTALL's curl
# line. They run in a mount namespace of their own where /etc is a copy
# and /usr/local, /run, /var/log and /dev/shm are empty tmpfs, so nothing
# of the machine is touched.

DEST=$T_DIR/dest
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	install >"$T_DIR/make.log" 2>&1
t_result $? "make install PREFIX=/opt/nscheck DESTDIR=..." "$(tail -5 "$T_DIR/make.log")"
for f in bin/nscheck etc/nscheck/nscheck.conf share/nscheck/www/templates/page.html \
	share/nscheck/www/templates/help.html share/nscheck/www/templates/header.html \
	share/nscheck/www/templates/footer.html share/nscheck/www/static/nscheck.css \
	share/nscheck/conf/nginx-nscheck.conf share/nscheck/conf/nginx-nscheck-upstream.conf \
	share/nscheck/conf/nscheck.service \
	share/nscheck/conf/nscheck.socket share/nscheck/conf/nscheck.tmpfiles \
	share/nscheck/conf/nscheck.logrotate share/nscheck/conf/spawn-fcgi.example \
	share/nscheck/conf/apache-nscheck-proxy-fcgi.conf \
	share/nscheck/conf/apache-nscheck-fcgid.conf share/man/man8/nscheck.8 \
	share/man/man5/nscheck.conf.5 lib/nscheck/fcgi/nscheck.fcgi share/nscheck/providers.txt \
	lib/nagios/plugins/check_nscheck share/nscheck/nscheck.schema.json \
	share/nscheck/embed.html share/nscheck/www/templates/embed.html \
	share/nscheck/www/static/nscheck-embed.css; do
	expect_true "installed $f" test -s "$DEST/opt/nscheck/$f"
done
expect_true "binary is executable" test -x "$DEST/opt/nscheck/bin/nscheck"
"$DEST/opt/nscheck/bin/nscheck" -n >"$T_BODY" 2>&1
expect_body '/opt/nscheck/share/nscheck/www/templates/page.html' \
	"the PREFIX is built into the binary's default paths"
"$DEST/opt/nscheck/bin/nscheck" -n -o www_dir="$DEST/opt/nscheck/share/nscheck/www" >"$T_BODY" 2>&1
expect_body 'configuration OK (defaults)' "installed templates load; missing default config means defaults"
"$DEST/opt/nscheck/bin/nscheck" -h >"$T_BODY" 2>&1
expect_body '/opt/nscheck/etc/nscheck/nscheck.conf' "the default configuration file is PREFIX/etc/nscheck/nscheck.conf"
expect_true "the installed unit names the PREFIX's paths" grep -q \
	'^ExecStart=/opt/nscheck/bin/nscheck -c /opt/nscheck/etc/nscheck/nscheck.conf ' \
	"$DEST/opt/nscheck/share/nscheck/conf/nscheck.service"
echo 'deadline = 3s' >"$DEST/opt/nscheck/etc/nscheck/nscheck.conf"
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	install >>"$T_DIR/make.log" 2>&1
expect_equal "$(cat "$DEST/opt/nscheck/etc/nscheck/nscheck.conf")" 'deadline = 3s' \
	"make install keeps an existing configuration"
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	uninstall >>"$T_DIR/make.log" 2>&1
expect_true "make uninstall removes the binary" test ! -e "$DEST/opt/nscheck/bin/nscheck"
expect_true "make uninstall removes the mod_fcgid copy" test ! -e "$DEST/opt/nscheck/lib/nscheck"
expect_true "make uninstall removes the man pages" test ! -e "$DEST/opt/nscheck/share/man/man8/nscheck.8"

# a /usr build, as the package makes it: /etc, and no /usr/local anywhere
USR=$T_DIR/usr
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build-usr" PREFIX=/usr DESTDIR="$USR" \
	install >"$T_DIR/make-usr.log" 2>&1
t_result $? "make install PREFIX=/usr DESTDIR=..." "$(tail -5 "$T_DIR/make-usr.log")"
expect_true "PREFIX=/usr: the configuration is /etc/nscheck/nscheck.conf" test -s "$USR/etc/nscheck/nscheck.conf"
expect_true "PREFIX=/usr: nothing in /usr/etc" test ! -e "$USR/usr/etc"
bad=$(grep -rlE '/usr/local|/usr/etc' "$USR" 2>/dev/null)
expect_equal "$bad" "" "PREFIX=/usr: no installed file names /usr/local or /usr/etc"
"$USR/usr/bin/nscheck" -h >"$T_BODY" 2>&1
expect_body '/etc/nscheck/nscheck.conf' "PREFIX=/usr: the binary reads /etc/nscheck/nscheck.conf"

# ---- INSTALL, part B, word for word ----
if [ "$(id -u)" != 0 ]; then
	t_result 0 "not root: INSTALL's commands need root (skipped)"
	return 0
fi
# what the commands are typed into: a shell in a mount namespace of its
# own, where /etc is a copy without the user nscheck (so INSTALL's adduser
# really makes it, in the copy) and /usr/local, /run, /var/log and
# /dev/shm are empty
cat >"$T_DIR/install.sh" <<'EOS'
set -u
. tests/lib/assert.sh
. tests/lib/deploy.sh
mount --bind "$T_DIR/etc" /etc || { t_result 1 "a copy of /etc"; exit 1; }
for d in /usr/local /run /var/log /dev/shm; do
	mount -t tmpfs tmpfs "$d" || { t_result 1 "a tmpfs on $d"; exit 1; }
done
: >"$T_DIR/pids"
trap 'while read -r p _; do kill "$p" 2>/dev/null; done <"$T_DIR/pids"; wait 2>/dev/null' EXIT

typed 'make'
typed 'make install'
expect_true "/usr/local/bin/nscheck is there" test -x /usr/local/bin/nscheck
expect_true "no user nscheck yet" sh -c '! id nscheck >/dev/null 2>&1'
typed 'adduser --system --group --no-create-home --home /nonexistent nscheck'
expect_equal "$(getent passwd nscheck | cut -d: -f6,7)" "/nonexistent:/usr/sbin/nologin" \
	"adduser made the system user nscheck: no home, no shell"
# the configuration step (B3, as in A3): this world's root and resolver
{ echo "resolver = $WORLD_RESOLVER"; echo "root_hints = $WORK/world/root.hints"; } \
	>>/usr/local/etc/nscheck/nscheck.conf
typed 'nscheck -n -c /usr/local/etc/nscheck/nscheck.conf'
expect_true "...configuration OK" grep -q 'configuration OK: /usr/local/etc/nscheck/nscheck.conf' "$T_DIR/out"
typed 'nscheck -c /usr/local/etc/nscheck/nscheck.conf -q example.com'
expect_true "...example.com and its name servers" grep -q 'example.com  ns1.alpha-dns.test' "$T_DIR/out"
typed 'cp /usr/local/share/nscheck/conf/nscheck.service /etc/systemd/system/'
typed 'cp /usr/local/share/nscheck/conf/nscheck.tmpfiles /etc/tmpfiles.d/nscheck.conf'
typed 'systemd-tmpfiles --create /etc/tmpfiles.d/nscheck.conf'
expect_equal "$(stat -c '%U %G %a' /run/nscheck)" "nscheck www-data 2750" "/run/nscheck as the unit needs it"
systemd-analyze verify /etc/systemd/system/nscheck.service >"$T_DIR/verify" 2>&1
t_result $? "systemd-analyze verify of the installed unit" "$(cat "$T_DIR/verify")"
expect_equal "$(cat "$T_DIR/verify")" "" "...with nothing to say (binary and man pages found)"
expect_true "man nscheck finds the page" sh -c 'man -w nscheck | grep -q /usr/local/share/man/man8/nscheck.8'
# systemctl enable --now: what systemd would start, started the same way
unit_start /etc/systemd/system/nscheck.service "$T_DIR"
ready() { grep -q '^STATUS=serving FastCGI on /run/nscheck/nscheck.sock (2 of 2 workers)' "$T_DIR/notify.log"; }
poll "the unit's ExecStart: ready, as systemctl status would show it" ready
typed 'cp /usr/local/share/nscheck/conf/nginx-nscheck.conf /etc/nginx/snippets/nscheck.conf'
typed 'nginx -t'
nginx &
echo "$! nginx" >>"$T_DIR/pids"
answers() { curl -s -o /dev/null "http://localhost/nscheck/"; }
poll "nginx with the snippet answers" answers
typed "curl -s 'http://localhost/nscheck/?domain=example.com&format=text'"
expect_true "...through the unit's socket: example.com" grep -q 'example.com  ns1.alpha-dns.test' "$T_DIR/out"
typed 'nscheck --stats'
expect_true "...the service's counters" grep -q '^nscheck_requests_total' "$T_DIR/out"
kill "$UNIT_PID"
poll "the unit's process stops on SIGTERM" exited "$UNIT_PID"

# without systemd: spawn-fcgi, logging to a file
echo 'log_file = /var/log/nscheck/nscheck.log' >>/usr/local/etc/nscheck/nscheck.conf
typed 'install -d -m 2750 -o nscheck -g www-data /run/nscheck'
typed 'install -d -m 2750 -o nscheck -g adm /var/log/nscheck'
typed 'spawn-fcgi -s /run/nscheck/nscheck.sock -M 0660 -U nscheck -G www-data -u nscheck -g nscheck -F 4 -P /run/nscheck.pid -- /usr/local/bin/nscheck -c /usr/local/etc/nscheck/nscheck.conf'
spawned=$(cat /run/nscheck.pid)
for p in $spawned; do echo "$p spawned" >>"$T_DIR/pids"; done
expect_equal "$(echo "$spawned" | grep -c .)" 4 "spawn-fcgi: four processes"
expect_equal "$(for p in $spawned; do ps -o user= -p "$p"; done | sort -u)" nscheck \
	"spawn-fcgi: all of them nscheck"
expect_equal "$(stat -c '%U' /run/nscheck.pid)" root "spawn-fcgi: the pid file is root's, not nscheck's"
typed "curl -s 'http://localhost/nscheck/?domain=example.com&format=text'"
expect_true "...through spawn-fcgi's processes" grep -q 'example.com  ns1.alpha-dns.test' "$T_DIR/out"
logged() { grep -q 'request GET 127.0.0.1 "example.com" -> 200 found' /var/log/nscheck/nscheck.log; }
poll "spawn-fcgi: the request is in /var/log/nscheck/nscheck.log" logged
grep -qF 'Stop them with "kill $(cat /run/nscheck.pid)".' INSTALL
t_result $? "INSTALL says how to stop them"
kill $(cat /run/nscheck.pid)
poll "...and that stops them" exited $spawned
EOS
# the copy of /etc: no user nscheck, and the site's nginx.conf holding the
# server block INSTALL's snippet goes into
cp -a /etc "$T_DIR/etc" 2>/dev/null
for f in passwd group shadow gshadow; do
	[ -f "$T_DIR/etc/$f" ] && sed -i '/^nscheck:/d' "$T_DIR/etc/$f"
done
site_nginx_conf "$T_DIR/nginx" 127.0.0.1:80 snippets/nscheck.conf >"$T_DIR/etc/nginx/nginx.conf"
( cd "$NSCHECK_ROOT" && export T_DIR WORK T_COUNTS NSCHECK_TOOLS WORLD_RESOLVER &&
  unshare -m bash "$T_DIR/install.sh" )
expect_equal $? 0 "INSTALL's commands ran to their end"
