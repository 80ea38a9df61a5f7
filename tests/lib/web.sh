# nginx in front of nscheck, on loopback, as deployed: nscheck runs as
# the shipped conf/nscheck.service says (its ExecStart, as its User, in
# the directory of conf/nscheck.tmpfiles, ready when it says READY=1), and
# nginx, as www-data, includes the shipped conf/nginx-nscheck.conf with
# its paths pointed at this run. A second nscheck under spawn-fcgi, whose
# resolver never answers, is at /slow/ for the timeout tests. Sourced, not
# executed.
#
#   web_start DIR   start nscheck (a master and 2 workers, plus 1 slow)
#                   and nginx
#   web_stop DIR    stop them by pid
#
# Needs NSCHECK_ROOT (the source tree), the world (tests/lib/world.sh) and
# tests/lib/deploy.sh.

WEB_ADDR=127.0.0.1:8080
WEB_URL=http://$WEB_ADDR/nscheck/
WEB_SECOND_ADDR=127.0.0.1:8081

web_pid() { # DIR PID NAME
	echo "$2 $3" >>"$1/pids"
}

# The nscheck.conf of this run; $2 is the resolver, $3 the cache's name
# (unique to the run; web_stop removes it), $4 the log file ("" for
# stderr). Started as root, nscheck serves as the user nscheck.
web_nscheck_conf() {
	cat <<EOF2
resolver = $2
cache_name = $3
cache_size = 4M
root_hints = $WORK/world/root.hints
providers_file = $1/providers.txt
probe_timeout = 300ms
report_deadline = 1500ms
query_timeout = 1s
query_tries = 2
deadline = 1500ms
http_max_age = 86400s
www_dir = $1/www
static_url = /nscheck/static/
log_level = info
# every test client is 127.0.0.1; t36 tests the limit with its own
rate_limit = off
# the world's resolver, and one that hands out an old set for two.test
resolvers_view = $WORLD_RESOLVER, 11.53.62.1
EOF2
	[ -n "${4:-}" ] && echo "log_file = $4"
	return 0
}

# The log directory of a run: nscheck, which writes there once it has left
# root, owns it (spawn-fcgi gives its children no stderr).
web_log_dir() { # DIR
	mkdir -p "$1/log"
	[ "$(id -u)" = 0 ] && chown nscheck: "$1/log"
	chmod 755 "$1/log"
}

# What nscheck reads again on SIGHUP (and nginx's workers serve), copied
# where an unprivileged user may read it whatever the source tree's
# permissions.
web_copy_files() { # DIR
	local dir=$1
	mkdir -p "$dir/www"
	cp -r "$NSCHECK_ROOT/www/static" "$NSCHECK_ROOT/www/templates" \
		"$NSCHECK_ROOT/www/locale" "$dir/www/"
	cp "$NSCHECK_ROOT/tests/world/providers.txt" "$dir/providers.txt"
	chmod -R a+rX "$dir/www" "$dir/providers.txt"
}

web_nginx_conf() {
	local dir=$1 user=""
	# as on Debian: the socket's group lets www-data in, no one else
	[ "$(id -u)" = 0 ] && user="user www-data www-data;"
	cat <<EOF2
$user
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log info;
events { worker_connections 512; }
http {
	access_log $dir/nginx-access.log;
	# three separate nscheck processes, taken in turn (t80-cache.sh)
	upstream rr {
		server unix:$dir/run/rr1.sock;
		server unix:$dir/run/rr2.sock;
		server unix:$dir/run/rr3.sock;
	}
$(nginx_temp_paths "$dir")
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	server {
		listen $WEB_ADDR;
		include $dir/nscheck-snippet.conf;
		location = /slow/ {
			include fastcgi_params;
			fastcgi_pass unix:$dir/run/slow.sock;
		}
		# for tests that start their own nscheck (e.g. with -w)
		location = /own/ {
			include fastcgi_params;
			fastcgi_pass unix:$dir/run/own.sock;
		}
		# the site's own icon, as any site has one (browsers ask for it)
		location = /favicon.ico {
			return 204;
		}
		# a site's help page holding www/embed.html (tests/browser)
		location /sample/ {
			alias $dir/sample/;
		}
		location = /rr/ {
			include fastcgi_params;
			fastcgi_pass rr;
		}
		location = /own/status {
			include fastcgi_params;
			fastcgi_param NSCHECK_STATUS 1;
			fastcgi_pass unix:$dir/run/own.sock;
		}
		location = /own/healthz {
			include fastcgi_params;
			fastcgi_param NSCHECK_HEALTH 1;
			fastcgi_pass unix:$dir/run/own.sock;
		}
		# the nscheck whose resolver never answers: unhealthy
		location = /slow/healthz {
			include fastcgi_params;
			fastcgi_param NSCHECK_HEALTH 1;
			fastcgi_pass unix:$dir/run/slow.sock;
		}
	}
	# a second site (another origin): a provider's CDN and help pages,
	# filled by the tests that use it (t96-embed.sh)
	server {
		listen $WEB_SECOND_ADDR;
		root $dir/second;
		add_header Access-Control-Allow-Origin *;
		location = /favicon.ico {
			return 204;
		}
	}
}
EOF2
}

# Polls until URL answers 200 (~10 s at most).
web_wait_url() { # URL
	local i
	for i in $(seq 200); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
		sleep 0.05
	done
	echo "no answer from $1" >&2
	return 1
}

# Polls until nginx answers through nscheck.
web_wait() {
	web_wait_url "$WEB_URL"
}

web_spawn() { # DIR NAME CONF WORKERS
	local dir=$1 name=$2 conf=$3 n=$4 pid
	spawn-fcgi -s "$dir/run/$name.sock" -M 0666 -F "$n" -P "$dir/run/$name.pid" \
		-- "$NSCHECK_ROOT/build/nscheck" -c "$conf" \
		>>"$dir/spawn.log" 2>>"$dir/spawn.log" || return 1
	for pid in $(cat "$dir/run/$name.pid"); do
		web_pid "$dir" "$pid" "nscheck-$name"
	done
}

# Starts nscheck as conf/nscheck.service does (tests/lib/deploy.sh):
# the directory made as conf/nscheck.tmpfiles says, then the unit's
# ExecStart with its binary, configuration and socket directory pointed
# at this run; returns once READY=1 came. WEB_UNIT_PID is the master.
web_unit_start() { # DIR CONF
	local dir=$1 conf=$2 mode owner group
	read -r _ _ mode owner group _ < <(grep '^d ' "$NSCHECK_ROOT/conf/nscheck.tmpfiles")
	mkdir -p "$dir/run"
	if [ "$(id -u)" = 0 ]; then
		install -d -m "$mode" -o "$owner" -g "$group" "$dir/run/nscheck"
	else
		mkdir -p "$dir/run/nscheck"
	fi
	unit_start "$NSCHECK_ROOT/conf/nscheck.service" "$dir" \
		"s|/usr/local/bin/nscheck|$NSCHECK_ROOT/build/nscheck|" \
		"s|/usr/local/etc/nscheck/nscheck.conf|$conf|" \
		"s|/run/nscheck/|$dir/run/nscheck/|"
	local rc=$?
	WEB_UNIT_PID=$UNIT_PID
	return $rc
}

web_start() {
	local dir=$1
	mkdir -p "$dir/run" "$dir/tmp"
	chmod 755 "$dir" "$dir/run"
	: >"$dir/pids"
	WEB_CACHE=/nscheck-test-$$
	web_copy_files "$dir"
	web_log_dir "$dir"
	web_nscheck_conf "$dir" "$WORLD_RESOLVER" "$WEB_CACHE" "" >"$dir/nscheck.conf"
	web_nscheck_conf "$dir" "$WORLD_SILENT_RESOLVER" "$WEB_CACHE-slow" \
		"$dir/log/nscheck-slow.log" >"$dir/slow.conf"
	"$NSCHECK_ROOT/build/nscheck" -n -c "$dir/nscheck.conf" >/dev/null || return 1
	web_unit_start "$dir" "$dir/nscheck.conf" || return 1
	web_spawn "$dir" slow "$dir/slow.conf" 1 || return 1
	mkdir -p "$dir/sample" "$dir/second"
	sed -e "/<!-- EMBED -->/r $NSCHECK_ROOT/www/embed.html" -e "/<!-- EMBED -->/d" \
	    "$NSCHECK_ROOT/tests/browser/help-page.html" >"$dir/sample/help.html"
	chmod -R a+rX "$dir/sample"
	sed -e "s|unix:/run/nscheck/nscheck.sock|unix:$dir/run/nscheck/nscheck.sock|" \
	    -e "s|/usr/local/share/nscheck/www/|$dir/www/|" \
	    "$NSCHECK_ROOT/conf/nginx-nscheck.conf" >"$dir/nscheck-snippet.conf"
	# the snippet's "include fastcgi_params" is relative to nginx.conf
	cp /etc/nginx/fastcgi_params "$dir/"
	web_nginx_conf "$dir" >"$dir/nginx.conf"
	nginx -c "$dir/nginx.conf" -p "$dir" 2>"$dir/nginx.stderr" &
	web_pid "$dir" $! nginx
	web_wait
}

# Stops a master a test started (by its pid: SIGTERM, and the master
# stops its workers), then makes sure no process of its configuration
# outlives the test, and removes the test's cache segment.
web_stop_master() { # PID CONF CACHE-NAME
	local master=$1 conf=$2 name=$3
	[ -n "$master" ] && kill "$master" 2>/dev/null
	for _ in $(seq 100); do pgrep -f "nscheck -c $conf" >/dev/null || break; sleep 0.05; done
	pkill -9 -f "nscheck -c $conf" 2>/dev/null
	rm -f "/dev/shm$name"
}

web_stop() {
	local dir=$1 pid name
	[ -f "$dir/pids" ] || return 0
	while read -r pid name; do kill "$pid" 2>/dev/null; done <"$dir/pids"
	while read -r pid name; do
		# spawn-fcgi's children are not ours to wait for: poll until gone
		local i
		for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
	done <"$dir/pids"
	: >"$dir/pids"
	rm -f "/dev/shm$WEB_CACHE" "/dev/shm$WEB_CACHE-slow"
}
