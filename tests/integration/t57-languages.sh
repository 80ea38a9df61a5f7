# The page in the visitor's language: lang= first, then Accept-Language
# (quality values, a region falling back to its language), then the
# default; Vary when the header decided; <html lang>, the list of the
# other languages, links and the form keeping a lang= choice; per-language
# templates; every format and refusal in German and Spanish. Runs behind
# nginx and behind Apache both ways.

declare -A lang_429
lang_of() { sed -n 's/.*<html lang="\([^"]*\)">.*/\1/p' "$T_BODY" | head -1; }

# ---- which language ----
http GET "$WEB_URL?domain=two.test"
expect_equal "$(lang_of)" en "no lang=, no header: the default, English"
expect_header '^Vary: Accept, ?Accept-Language$' "the header was asked: Vary says so"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: de-DE'
expect_equal "$(lang_of)" de "Accept-Language: de-DE gives German"
expect_header '^Vary: Accept, ?Accept-Language$' "German by the header: Vary"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: de-AT,de;q=0.9,en;q=0.8'
expect_equal "$(lang_of)" de "de-AT falls back to de"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: fr-FR, fr;q=0.9, es;q=0.5, en;q=0.4'
expect_equal "$(lang_of)" es "French is not offered: Spanish, the next by quality"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: en;q=0.5, de;q=0.7'
expect_equal "$(lang_of)" de "quality, not order, decides"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: de;q=0, fr'
expect_equal "$(lang_of)" en "q=0 refuses German: the default"
http GET "$WEB_URL?domain=two.test&lang=es" -H 'Accept-Language: de'
expect_equal "$(lang_of)" es "lang= beats the header"
expect_header_absent_re() { ! tr -d '\r' <"$T_HEADERS" | grep -qiE -- "$1"; t_result $? "$2" "headers have /$1/"; }
expect_header_absent_re '^Vary: .*Accept-Language' "lang= decided: no Vary on the language"
http GET "$WEB_URL?domain=two.test&lang=de-CH"
expect_equal "$(lang_of)" de "lang=de-CH: German"
http GET "$WEB_URL?domain=two.test&lang=fr" -H 'Accept-Language: es'
expect_equal "$(lang_of)" es "lang=fr is not offered: the header decides"
http GET "$WEB_URL?domain=two.test&lang=%3Cb%3E"
expect_status 400 "lang=<b> is refused"
expect_body 'is not a language tag' "...saying why"
expect_no_body '<b>' "...with the value escaped"

# ---- JSON: the same fields and ids in every language ----
http GET "$WEB_URL?domain=two.test&format=json&lang=de"
expect_json '.language' de "JSON in German says so"
expect_json '.status' found "...its status is the same id"
expect_json '.checks[0].id' ns_count "...and so are the checks' ids"
expect_json '.checks[0].status' pass "...and their statuses"
expect_json '.ns[0].name' ns1.alpha-dns.test "...and the data"
expect_json '.checks[0].message_id' ns_count.ok "...and each check's message id"
expect_json '.checks[0].message_args.count' 2 "...with the values it names"
de_ids=$(jq -c '[.checks[] | [.id, .status, .message_id, .message_args]]' "$T_BODY")
de_msgs=$(jq -r '.checks[].message' "$T_BODY")
http GET "$WEB_URL?domain=two.test&format=json&lang=en"
en_ids=$(jq -c '[.checks[] | [.id, .status, .message_id, .message_args]]' "$T_BODY")
expect_equal "$de_ids" "$en_ids" "German and English JSON: the same ids, statuses, message ids and values"
expect_true "...and no check's German sentence is its English one" \
	sh -c '[ -z "$(printf "%s\n" "$1" | grep -Fxf - "$2")" ]' _ "$de_msgs" <(jq -r '.checks[].message' "$T_BODY")
expect_json '.checks[0].message' '2 name servers: if one fails, the others answer.' "the English sentence as before"
http GET "$WEB_URL?domain=thirteen.test&format=json&lang=es"
expect_json '.checks[] | select(.id == "subnet_diversity") | .message_id' subnet_diversity.one_network "Spanish: a warning's message id"
expect_json '.checks[] | select(.id == "subnet_diversity") | .message_args.ipv4_count' 13 "...and its values"

# ---- the result, its checks and the report, in each language ----
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: de'
expect_body 'two.test hat 2 Nameserver.' "German page: the headline"
expect_body '2 Nameserver: Fällt einer aus, antworten die anderen.' "...a check's sentence"
expect_body 'Was das bedeutet' "...the checks' links"
expect_no_body 'if one fails, the others answer' "...and not the English one"
http GET "$WEB_URL?domain=two.test&lang=es"
expect_body '2 servidores de nombres: si uno falla, responden los demás.' "Spanish page: a check's sentence"
http GET "$WEB_URL?domain=two.test&format=text&lang=de"
expect_body '2 Nameserver: Fällt einer aus, antworten die anderen.' "German text output: the checks"
expect_body_re '^two.test hat 2 Nameserver.' "...its first line"
expect_no_body 'name servers' "...no English left in it"
http GET "$WEB_URL?domain=two.test&format=text&lang=es"
expect_body_re '^two.test tiene 2 servidores de nombres' "Spanish text output"

# ---- the page offers the others, links keep the choice ----
http GET "$WEB_URL?domain=two.test&lang=de"
expect_body '<nav class="languages" aria-label="Sprachen">' "the list of languages, labelled in German"
expect_body '<li class="current" lang="de">Deutsch</li>' "German is the current one, no link"
expect_body '<a lang="en" hreflang="en" href="?domain=two.test&amp;lang=en">English</a>' "a link to the same lookup in English"
expect_body '<a lang="es" hreflang="es" href="?domain=two.test&amp;lang=es">español</a>' "...and in Spanish, named in Spanish"
expect_body 'href="?domain=two.test&amp;format=json&amp;lang=de"' "the JSON link keeps lang=de"
expect_body '<input type="hidden" name="lang" value="de">' "the form keeps lang=de"
http GET "$WEB_URL?domain=two.test" -H 'Accept-Language: de'
expect_no_body 'name="lang"' "chosen by the header: the form does not pin it"
expect_body 'href="?domain=two.test&amp;format=json"' "...nor do the links"
expect_valid_html "German page"

# ---- per-language templates, falling back file by file ----
http GET "$WEB_URL?lang=de"
expect_body '<h2 id="help-title">Wissenswertes über NS-Records</h2>' "German help text"
http GET "$WEB_URL?lang=es"
expect_body '<h2 id="help-title">Acerca de los registros NS</h2>' "Spanish help text"
http GET "$WEB_URL?lang=en"
expect_body '<h2 id="help-title">About NS records</h2>' "English help text"
http GET "$WEB_URL?lang=de"
expect_body '<h1>NS-Abfrage</h1>' "the German page template"
expect_body '<button type="submit">Abfragen</button>' "...its button"
http GET "$WEB_URL?lang=es"
expect_body '<h1>Consulta NS</h1>' "the Spanish page template"
http GET "$WEB_URL?format=embed&lang=de"
expect_body '<html lang="de">' "the embed document in German"
expect_body '<input type="hidden" name="lang" value="de">' "...its form keeps the language in the frame"

# ---- refusals ----
http GET "$WEB_URL?domain=a..b&lang=de"
expect_status 400 "German: a bad name is refused"
expect_body 'Label 2 ist leer: Der Name enthält zwei Punkte hintereinander.' "...saying why in German"
http GET "$WEB_URL?domain=a..b&format=json" -H 'Accept-Language: es-MX'
expect_json '.error.code' empty_label "Spanish JSON: the error's id as in English"
expect_json '.message' 'La etiqueta 2 está vacía: el nombre tiene dos puntos seguidos.' "...its sentence in Spanish"
http GET "$WEB_URL?domain=a.test&domain=b.test&lang=es"
expect_status 400 "Spanish: a repeated parameter"
expect_body_re 'domain.{1,20} 2 veces' "...saying so in Spanish"
http GET "$WEB_URL?domain=a..b&format=text&lang=de"
expect_body 'Label 2 ist leer' "German text output of a refusal"

# ---- a 429 in the visitor's language (an nscheck of its own, nginx) ----
if [ "$WEB_SERVER" = nginx ]; then
	OWN=$WORK/web/run/own.sock
	CONF=$T_DIR/limit.conf
	NAME=/nscheck-t57-$$
	sed -e "s|^cache_name = .*|cache_name = $NAME|" -e '/^rate_limit/d' \
		"$WORK/web/nscheck.conf" >"$CONF"
	cat >>"$CONF" <<EOC
socket_mode = 0666
rate_limit = on
rate_burst = 1
rate_requests = 1/h
client_header = X-Forwarded-For
trusted_proxies = 127.0.0.1
EOC
	master=
	trap 'web_stop_master "$master" "$CONF" "$NAME"' EXIT
	"$NSCHECK_ROOT/build/nscheck" -c "$CONF" -w 1 -s "$OWN" 2>"$T_DIR/master.log" &
	master=$!
	web_wait_url "http://$WEB_ADDR/own/" || t_result 1 "the limited nscheck answers" "$(cat "$T_DIR/master.log")"
	for l in de es; do
		client=192.0.2.57$([ $l = de ] && echo 1 || echo 2)
		http GET "http://$WEB_ADDR/own/?domain=two.test&lang=$l" -H "X-Forwarded-For: $client"
		http GET "http://$WEB_ADDR/own/?domain=two.test&lang=$l" -H "X-Forwarded-For: $client"
		expect_status 429 "$l: the client's second request is refused"
		expect_equal "$(lang_of)" $l "$l: the 429 page is in its language"
		lang_429[$l]=$(cat "$T_BODY")
		if [ $l = de ]; then
			expect_body 'Zu viele Anfragen von Ihrer Adresse.' "de: the 429 says why in German"
		else
			expect_body 'Demasiadas solicitudes desde su dirección.' "es: the 429 says why in Spanish"
		fi
		http GET "http://$WEB_ADDR/own/?domain=two.test&lang=$l&format=json" -H "X-Forwarded-For: $client"
		expect_json '.status' rate_limited "$l: JSON's 429 keeps its id"
		expect_json '.language' $l "$l: ...and names its language"
	done
	web_stop_master "$master" "$CONF" "$NAME"
	master=
	trap - EXIT
fi
