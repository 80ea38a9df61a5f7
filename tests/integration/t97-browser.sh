# The page in headless Chromium (tests/browser/check.py): typing a name and
# pressing Lookup, keyboard only, a phone's width (also in German, whose
# long words must not widen the page), no console errors, the
# embed snippet inside a sample help page, and a move of name servers
# (both fields typed, the verdict shown), and a server's address in the
# report opening that server's replies; the dark colour scheme, print
# (what is left out, the number of pages two.test takes), the skip link,
# a name of its own for each check's link, and a focus ring on every Tab
# stop in both schemes. Screenshots are kept in this script's output
# directory (and copied to build/screenshots/).

# Debian's python3, which has python3-selenium (not one earlier in PATH)
PY=/usr/bin/python3
if ! command -v chromedriver >/dev/null || ! "$PY" -c 'import selenium' 2>/dev/null; then
	t_result 1 "browser tests: chromium-driver and python3-selenium are installed" \
		"make deps installs them (Debian packages chromium, chromium-driver, python3-selenium)"
else
	"$PY" "$NSCHECK_ROOT/tests/browser/check.py" "http://$WEB_ADDR" "$T_DIR/shots" \
		>"$T_DIR/browser.out" 2>"$T_DIR/browser.err"
	t_result $? "the browser script exits 0" "$(tail -5 "$T_DIR/browser.err")"
	expect_true "the browser script ran to its end" grep -qx DONE "$T_DIR/browser.out"
	expect_equal "$(grep -c '^PASS' "$T_DIR/browser.out")" 59 "all 59 browser checks passed"
	[ -s "$T_DIR/shots/print-pages" ] &&
		echo "# two.test printed: $(cat "$T_DIR/shots/print-pages") pages"
	while IFS=$'\t' read -r verdict what detail; do
		[ "$verdict" = DONE ] && continue
		[ "$verdict" = PASS ]
		t_result $? "browser: $what" "$detail"
	done <"$T_DIR/browser.out"
	mkdir -p "$NSCHECK_ROOT/build/screenshots"
	cp "$T_DIR"/shots/*.png "$NSCHECK_ROOT/build/screenshots/" 2>/dev/null
fi
