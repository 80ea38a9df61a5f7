# make install with PREFIX and DESTDIR, built in a build directory of its
# own so the binary the other tests use is not touched.

DEST=$T_DIR/dest
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	install >"$T_DIR/make.log" 2>&1
t_result $? "make install PREFIX=/opt/nscheck DESTDIR=..." "$(tail -5 "$T_DIR/make.log")"
for f in bin/nscheck etc/nscheck.conf share/nscheck/www/templates/page.html \
	share/nscheck/www/templates/help.html share/nscheck/www/templates/header.html \
	share/nscheck/www/templates/footer.html share/nscheck/www/static/nscheck.css \
	share/nscheck/conf/nginx-nscheck.conf share/nscheck/conf/nscheck.service \
	share/nscheck/conf/apache-nscheck-proxy-fcgi.conf \
	share/nscheck/conf/apache-nscheck-fcgid.conf \
	lib/nscheck/fcgi/nscheck.fcgi share/nscheck/providers.txt; do
	expect_true "installed $f" test -s "$DEST/opt/nscheck/$f"
done
expect_true "binary is executable" test -x "$DEST/opt/nscheck/bin/nscheck"
"$DEST/opt/nscheck/bin/nscheck" -n >"$T_BODY" 2>&1
expect_body '/opt/nscheck/share/nscheck/www/templates/page.html' \
	"the PREFIX is built into the binary's default paths"
"$DEST/opt/nscheck/bin/nscheck" -n -o www_dir="$DEST/opt/nscheck/share/nscheck/www" >"$T_BODY" 2>&1
expect_body 'configuration OK (defaults)' "installed templates load; missing default config means defaults"
echo 'deadline = 3s' >"$DEST/opt/nscheck/etc/nscheck.conf"
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	install >>"$T_DIR/make.log" 2>&1
expect_equal "$(cat "$DEST/opt/nscheck/etc/nscheck.conf")" 'deadline = 3s' \
	"make install keeps an existing configuration"
make -s -C "$NSCHECK_ROOT" B="$T_DIR/build" PREFIX=/opt/nscheck DESTDIR="$DEST" \
	uninstall >>"$T_DIR/make.log" 2>&1
expect_true "make uninstall removes the binary" test ! -e "$DEST/opt/nscheck/bin/nscheck"
expect_true "make uninstall removes the mod_fcgid copy" test ! -e "$DEST/opt/nscheck/lib/nscheck"
