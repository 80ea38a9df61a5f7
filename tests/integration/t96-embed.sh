# A provider's own look and frame: format=embed as a document of its own,
# the policy headers it and every reply carry, and, in headless Chromium
# (tests/browser/embed.py), a header_file whose stylesheet, web font, logo
# and script come from a second local origin, blocked by the default
# policy and loaded once the settings name that origin, and a help page on
# that origin framing the tool, refused by default and shown once
# frame_ancestors names it.

OWN=$WORK/web/run/own.sock
URL=http://$WEB_ADDR/own/
SECOND=http://$WEB_SECOND_ADDR
SITE=$WORK/web/second
NAME=/nscheck-t96-$$

# --- format=embed through the shipped nginx snippet, default policy ---
http GET "$WEB_URL?domain=two.test&format=embed"
expect_status 200 "format=embed"
expect_header "^Content-Type: text/html; charset=utf-8" "embed: HTML"
expect_body "<!DOCTYPE html>" "embed: a whole document"
expect_body "<html lang=\"en\">" "embed: its language"
expect_body "<title>two.test · NS lookup</title>" "embed: a title naming the domain"
expect_body_re "<link rel=\"stylesheet\" href=\"/nscheck/static/nscheck.css\?v=[0-9a-f]{16}\">" "embed: the versioned stylesheet"
expect_body "two.test has 2 name servers." "embed: the result"
expect_body "<base target=\"_top\">" "embed: links open in the top window"
expect_body "<input type=\"hidden\" name=\"format\" value=\"embed\">" "embed: its form stays embedded"
expect_body "<a href=\"/nscheck/?domain=two.test\">Open in the full NS lookup</a>" "embed: a link to the full page"
expect_no_body "style=" "embed: no inline style"
expect_no_body "<script" "embed: no script"
expect_no_body "About NS records" "embed: no help text"
expect_valid_html "embed"
expect_header "^Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'$" "the default policy, strict"
expect_header "^X-Frame-Options: SAMEORIGIN" "X-Frame-Options matches frame-ancestors 'self'"
http GET "$WEB_URL?domain=-bad-.test&format=embed"
expect_status 400 "embed: a bad name is refused"
expect_body "<!DOCTYPE html>" "embed: the refusal is a document too"
expect_body "id=\"input-error\"" "embed: with the reason"
http GET "$WEB_URL?format=embed"
expect_status 200 "embed: the form alone"
expect_no_body "<section id=\"result\"" "embed: no result without a name"
http GET "$WEB_URL?domain=two.test&format=json"
expect_header "^X-Frame-Options: SAMEORIGIN" "JSON carries the policy headers too"

# --- a second origin: the provider's CDN and a help page framing us ---
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$SITE/brand.ttf"
cat >"$SITE/brand.css" <<'EOF2'
header.brand-header { border-top: 7px solid #2d4a3e; }
EOF2
# the font's rule comes from the tool's own origin, which style-src allows
# by default, so that font-src alone decides whether the font loads
FONT_CSS=$WORK/web/www/static/t96-font.css
cat >"$FONT_CSS" <<EOF2
@font-face { font-family: BrandFont; src: url($SECOND/brand.ttf); }
header.brand-header { font-family: BrandFont, serif; }
EOF2
chmod a+r "$FONT_CSS"
printf '%s\n' "document.documentElement.setAttribute('data-brand', 'ran');" >"$SITE/brand.js"
cat >"$SITE/logo.svg" <<'EOF2'
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30" fill="#2d4a3e"/></svg>
EOF2
cat >"$SITE/frame.html" <<EOF2
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Example Hosting help: name servers</title></head>
<body><h1>Is your domain pointing at us?</h1>
<iframe id="nscheck" title="NS lookup" src="${URL}?format=embed&amp;domain=two.test" width="900" height="600"></iframe>
</body></html>
EOF2
cat >"$T_DIR/header.html" <<EOF2
<header class="site brand-header">
<link rel="stylesheet" href="$SECOND/brand.css">
<link rel="stylesheet" href="/nscheck/static/t96-font.css">
<img id="brand-logo" src="$SECOND/logo.svg" alt="Example Hosting" width="120" height="30">
<script src="$SECOND/brand.js"></script>
</header>
EOF2
chmod -R a+rX "$SITE" "$T_DIR/header.html"
expect_equal "$(curl -s -o /dev/null -w '%{http_code}' "$SECOND/brand.css")" 200 "the second origin serves"

CONF=$T_DIR/own.conf
sed -e "s|^cache_name = .*|cache_name = $NAME|" "$WORK/web/nscheck.conf" >"$CONF"
printf 'socket_mode = 0666\nheader_file = %s\n' "$T_DIR/header.html" >>"$CONF"
pid=
trap 'web_stop_master "$pid" "$CONF" "$NAME"; web_stop_master "" "$CONF.wide" "$NAME"; rm -f "$FONT_CSS"' EXIT
answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 200 ]; }

# what the settings refuse, each with its reason
bad_setting() { # KEY VALUE
	local out
	out=$("$NSCHECK_ROOT/build/nscheck" -n -c "$CONF" -o "$1=$2" 2>&1)
	[ $? = 78 ] && printf '%s' "$out" | grep -q "$1: '.*' is not a source"
}
expect_true "csp_script_src 'unsafe-inline' is refused at start-up" bad_setting csp_script_src "'unsafe-inline'"
expect_true "csp_style_src * is refused" bad_setting csp_style_src "*"
expect_true "csp_img_src data: is refused (it is there already)" bad_setting csp_img_src "data:"
expect_true "frame_ancestors with a path is refused" bad_setting frame_ancestors "https://help.example.com/x"

PY=/usr/bin/python3
browser() { # MODE
	"$PY" "$NSCHECK_ROOT/tests/browser/embed.py" "$1" "$URL" "$SECOND" "$T_DIR/shots" \
		>"$T_DIR/browser-$1.out" 2>"$T_DIR/browser-$1.err"
	t_result $? "$1: the browser script exits 0" "$(tail -5 "$T_DIR/browser-$1.err")"
	expect_true "$1: the browser script ran to its end" grep -qx DONE "$T_DIR/browser-$1.out"
	expect_equal "$(grep -c '^PASS' "$T_DIR/browser-$1.out")" "$2" "$1: all $2 browser checks passed"
	while IFS=$'\t' read -r verdict what detail; do
		[ "$verdict" = DONE ] && continue
		[ "$verdict" = PASS ]
		t_result $? "browser: $what" "$detail"
	done <"$T_DIR/browser-$1.out"
}

"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -s "$OWN" 2>"$T_DIR/own.log" &
pid=$!
poll "nscheck with the provider's header answers" answers
browser strict 7
web_stop_master "$pid" "$CONF" "$NAME"
pid=

cp "$CONF" "$CONF.wide"
cat >>"$CONF.wide" <<EOF2
csp_style_src = $SECOND
csp_img_src = $SECOND
csp_font_src = $SECOND
csp_script_src = $SECOND
frame_ancestors = 'self' $SECOND
EOF2
"$NSCHECK_ROOT/build/nscheck" -c "$CONF.wide" -s "$OWN" 2>"$T_DIR/own-wide.log" &
pid=$!
poll "nscheck with the sources allowed answers" answers
http GET "$URL?domain=two.test&format=embed"
expect_header "^Content-Security-Policy: default-src 'none'; style-src 'self' $SECOND; img-src 'self' data: $SECOND; font-src $SECOND; script-src $SECOND; form-action 'self'; base-uri 'none'; frame-ancestors 'self' $SECOND$" "the widened policy names the second origin"
expect_true "no X-Frame-Options beside other ancestors" sh -c "! grep -qi '^X-Frame-Options' '$T_DIR/headers'"
browser widened 9
web_stop_master "$pid" "$CONF.wide" "$NAME"
pid=
mkdir -p "$NSCHECK_ROOT/build/screenshots"
cp "$T_DIR"/shots/*.png "$NSCHECK_ROOT/build/screenshots/" 2>/dev/null
