# Assertions for the integration tests. Each prints one TAP-style line
# ("ok N - what" or "not ok N - what" plus details) and counts it in
# $T_COUNTS, which tests/run-integration sums up. Sourced, not executed.
#
# http METHOD URL [curl args...] fetches into $T_BODY / $T_HEADERS and sets
# $STATUS; the expect_* functions check the last response.

T_DIR=${T_DIR:-$(mktemp -d)}
T_BODY=$T_DIR/body
T_HEADERS=$T_DIR/headers
T_COUNTS=${T_COUNTS:-$T_DIR/counts}
STATUS=0

t_result() { # 0|1 description [detail]
	local n
	n=$(( $(wc -l <"$T_COUNTS" 2>/dev/null || echo 0) + 1 ))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
		echo pass >>"$T_COUNTS"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | head -20 | sed 's/^/#   /'
		echo fail >>"$T_COUNTS"
	fi
}

http() { # METHOD URL [curl args]
	local method=$1 url=$2
	shift 2
	local how=(-X "$method")
	[ "$method" = HEAD ] && how=(-I)
	: >"$T_BODY" # curl leaves the file alone when a reply has no body
	STATUS=$(curl -s -g "${how[@]}" -D "$T_HEADERS" -o "$T_BODY" \
		-w '%{http_code}' --max-time 20 "$@" "$url")
	local rc=$?
	grep -qi '^content-type: application/json' "$T_HEADERS" && keep_json
	return $rc
}

# Every JSON reply a test sees is kept (once) in JSON_REPLIES, which the
# runner checks against docs/nscheck.schema.json at the end.
keep_json() {
	[ -n "${JSON_REPLIES:-}" ] && [ -s "$T_BODY" ] || return 0
	# a reply (one without its version too: the schema refuses it)
	jq -e 'type == "object" and (has("version") or has("status"))' "$T_BODY" >/dev/null 2>&1 || return 0
	local sum
	sum=$(md5sum <"$T_BODY" | cut -c1-32)
	[ -e "$JSON_REPLIES/$sum.json" ] && return 0
	cp "$T_BODY" "$JSON_REPLIES/$sum.json"
	echo "$sum.json ${T_DIR##*/t-}" >>"$JSON_REPLIES/index"
}

expect_status() { # CODE what
	[ "$STATUS" = "$1" ]
	t_result $? "$2: status $1" "got $STATUS"
}

# The body holds a fixed string (grep -F).
expect_body() { # STRING what
	grep -qF -- "$1" "$T_BODY"
	t_result $? "$2" "body lacks: $1"
}

# The body matches an extended regular expression.
expect_body_re() { # REGEX what
	grep -qE -- "$1" "$T_BODY"
	t_result $? "$2" "body does not match: $1"
}

expect_no_body() { # STRING what
	! grep -qF -- "$1" "$T_BODY"
	t_result $? "$2" "body has: $1 ($(grep -oF -- "$1" "$T_BODY" | head -1))"
}

# A header line matching an extended regexp, case-insensitive on the name.
expect_header() { # REGEX what
	tr -d '\r' <"$T_HEADERS" | grep -qiE -- "$1"
	t_result $? "$2" "headers lack /$1/: $(tr -d '\r' <"$T_HEADERS" | tr '\n' '|')"
}

# jq expression on the body equals the expected value (as jq -r prints it).
expect_json() { # JQ EXPECTED what
	local got
	keep_json
	got=$(jq -r "$1" "$T_BODY" 2>&1)
	[ "$got" = "$2" ]
	t_result $? "$3: $1 = $2" "got: $got"
}

# Count of occurrences of a fixed string in the body.
body_count() {
	grep -oF -- "$1" "$T_BODY" | wc -l
}

expect_equal() { # GOT EXPECTED what
	[ "$1" = "$2" ]
	t_result $? "$3" "got '$1', expected '$2'"
}

expect_true() { # what command...
	local what=$1
	shift
	"$@"
	t_result $? "$what" "command failed: $*"
}

# The body is valid HTML according to tidy. tidy 5.6 predates the HTML
# attributes inputmode and autocapitalize and calls them proprietary;
# those two warnings are expected, anything else fails.
expect_valid_html() { # what
	local rc out
	out=$(tidy -q -e "$T_BODY" 2>&1 >/dev/null)
	rc=$?
	out=$(printf '%s\n' "$out" |
		grep -vE 'proprietary attribute "(inputmode|autocapitalize)"' |
		grep -v '^$')
	[ "$rc" -lt 2 ] && [ -z "$out" ]
	t_result $? "$1: valid HTML (tidy)" "$out"
}

# Sends one raw HTTP/1.0 request and keeps the whole reply in $T_RAW;
# for what curl cannot show, such as the bytes after a HEAD's headers.
raw_http() { # REQUEST-TEXT
	T_RAW=$T_DIR/raw
	exec 3<>"/dev/tcp/${WEB_ADDR%:*}/${WEB_ADDR#*:}"
	printf '%b' "$1" >&3
	cat <&3 >"$T_RAW"
	exec 3<&-
}

# Bytes after the blank line that ends the headers of $T_RAW.
raw_body_size() {
	local total head
	total=$(wc -c <"$T_RAW")
	head=$(sed -n '1,/^\r$/p' "$T_RAW" | wc -c)
	echo $(( total - head ))
}

# Runs a check until it holds (up to ~10 s), then counts it once.
poll() { # what command...
	local what=$1 i
	shift
	for i in $(seq 200); do "$@" && { t_result 0 "$what"; return 0; }; sleep 0.05; done
	t_result 1 "$what" "gave up waiting: $*"
	return 1
}

# Every process named has exited (for poll).
exited() { # PID...
	local p
	for p in "$@"; do kill -0 "$p" 2>/dev/null && return 1; done
	return 0
}

# The checks of a JSON answer in T_BODY.
check() { # ID -> "status"
	jq -r --arg id "$1" '.checks[] | select(.id == $id) | .status' "$T_BODY"
}
message() { # ID
	jq -r --arg id "$1" '.checks[] | select(.id == $id) | .message' "$T_BODY"
}
expect_check() { # ID STATUS what
	expect_equal "$(check "$1")" "$2" "$3: $1 is $2"
}
expect_message() { # ID TEXT what
	message "$1" | grep -qF -- "$2"
	t_result $? "$3" "$1 says: $(message "$1")"
}
