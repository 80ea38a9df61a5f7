# Every kind of page, in both colour schemes, through axe-core and the Nu
# HTML Checker (tests/browser/audit.py): the form and help text, results
# (healthy, warnings, a failure, IDN, hostile names), NXDOMAIN, no NS,
# SERVFAIL, a timeout, a bad name, a move, one server's replies, and the
# 503 and 429 pages of an nscheck started here with one upstream lookup at
# a time and one request per client. Each violation or error is a failing
# line naming the page, the scheme, the rule and the node. axe-core and
# vnu-jar come from tests/browser/package-lock.json (make browser-deps
# puts them in build/browser/); vnu runs on Debian's default-jre-headless.

PY=/usr/bin/python3
NODE_DIR=$NSCHECK_ROOT/build/browser
if ! command -v chromedriver >/dev/null || ! "$PY" -c 'import selenium' 2>/dev/null ||
	! command -v java >/dev/null || [ ! -e "$NODE_DIR/node_modules/axe-core/axe.min.js" ] ||
	[ ! -e "$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	t_result 1 "audit: chromium-driver, python3-selenium, java, axe-core and vnu-jar are installed" \
		"make deps browser-deps installs them"
else
	OWN=$WORK/web/run/own.sock
	CONF=$T_DIR/audit.conf
	NAME=/nscheck-t98-$$
	# one upstream lookup at a time, held long enough (some 6 s) for the
	# browser to be shown the 503 too; one request per client,
	# X-Forwarded-For naming it (429)
	sed -e "s|^cache_name = .*|cache_name = $NAME|" -e '/^rate_limit/d' \
		-e 's/^deadline = .*/deadline = 6s/' \
		-e 's/^query_timeout = .*/query_timeout = 3s/' \
		"$WORK/web/nscheck.conf" >"$CONF"
	cat >>"$CONF" <<EOF
socket_mode = 0666
max_inflight = 1
rate_limit = on
rate_burst = 1
rate_requests = 1/h
client_header = X-Forwarded-For
trusted_proxies = 127.0.0.1
EOF
	master=
	trap 'web_stop_master "$master" "$CONF" "$NAME"' EXIT
	"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w 1 -s "$OWN" 2>"$T_DIR/master.log" &
	master=$!
	own_up() { curl -s "http://$WEB_ADDR/own/status" | grep -q '^nscheck_'; }
	poll "audit: the limited nscheck answers" own_up

	"$PY" "$NSCHECK_ROOT/tests/browser/audit.py" "http://$WEB_ADDR" "$T_DIR/audit" \
		"$NODE_DIR" >"$T_DIR/audit.out" 2>"$T_DIR/audit.err"
	t_result $? "the audit script exits 0" "$(tail -5 "$T_DIR/audit.err")"
	expect_true "the audit script ran to its end" grep -qx DONE "$T_DIR/audit.out"
	expect_equal "$(grep -c '^FAIL' "$T_DIR/audit.out")" 0 "no violation and no error"
	# 19 pages (two of them in German and Spanish): status, shown, axe
	# loads, 2 schemes emulated, 2 clean; then the console, and vnu on 19
	# pages and the stylesheet
	# (a check tried again passes once more: counted once)
	expect_equal "$(grep '^PASS' "$T_DIR/audit.out" | sort -u | wc -l)" 154 "all 154 audit checks passed"
	while IFS=$'\t' read -r verdict what detail; do
		[ "$verdict" = DONE ] && continue
		if [ "$verdict" = NOTE ]; then
			echo "# $what"
			continue
		fi
		[ "$verdict" = PASS ]
		t_result $? "audit: $what" "$detail"
	done <"$T_DIR/audit.out"
	web_stop_master "$master" "$CONF" "$NAME"
	master=
	trap - EXIT
fi
