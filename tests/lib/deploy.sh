# nscheck started the way a deployment starts it, for the tests that need
# it (tests/lib/web.sh, t70-install.sh, tests/package/serve). Sourced,
# not executed; needs NSCHECK_TOOLS (for notifyd).
#
#   unit_key UNIT KEY         one setting of a unit file ("" if unset)
#   unit_start UNIT DIR [SED] systemd's part for UNIT without systemd: its
#                             ExecStart (rewritten by the sed expressions,
#                             if any, e.g. to this run's paths) as its User
#                             and Group, with its UMask and NoNewPrivileges,
#                             NOTIFY_SOCKET at a notifyd in DIR (whose log is
#                             DIR/notify.log); returns once READY=1 came (0)
#                             or the process died or 10 s passed (1). Pids go
#                             to DIR/pids; UNIT_PID is the main process.
#   site_nginx_conf DIR LISTEN INCLUDE
#                             a site's nginx.conf: workers as www-data (the
#                             socket's group on Debian), one server on
#                             LISTEN holding the line "include INCLUDE;",
#                             its pid, logs and temp files in DIR.
#   nginx_temp_paths DIR      the *_temp_path lines of such a file
#   typed COMMAND             a command of INSTALL (an indented line of its
#                             own there), run as written; counts both, its
#                             output in $T_DIR/out

unit_key() { # UNIT KEY
	sed -n "s/^$2=//p" "$1" | head -1
}

unit_start() { # UNIT DIR [SED-EXPRESSION...]
	local unit=$1 dir=$2 cmd i
	shift 2
	cmd=$(unit_key "$unit" ExecStart)
	for i in "$@"; do cmd=$(printf '%s\n' "$cmd" | sed -e "$i"); done
	"$NSCHECK_TOOLS/notifyd" "$dir/notify.sock" "$dir/notify.log" &
	echo "$! notifyd" >>"$dir/pids"
	for i in $(seq 100); do [ -S "$dir/notify.sock" ] && break; sleep 0.02; done
	local as=()
	if [ "$(id -u)" = 0 ]; then
		as=(setpriv --reuid="$(unit_key "$unit" User)" --regid="$(unit_key "$unit" Group)" --init-groups)
		[ "$(unit_key "$unit" NoNewPrivileges)" = yes ] && as+=(--no-new-privs)
		as+=(--)
	fi
	mkdir -p "$dir/log"
	# shellcheck disable=SC2086 # the command line is split as systemd does
	( umask "$(unit_key "$unit" UMask)"; NOTIFY_SOCKET=$dir/notify.sock \
	  exec "${as[@]}" $cmd ) 2>>"$dir/log/nscheck-unit.stderr" &
	UNIT_PID=$!
	echo "$UNIT_PID nscheck-unit" >>"$dir/pids"
	for i in $(seq 400); do
		grep -q '^READY=1' "$dir/notify.log" 2>/dev/null && return 0
		kill -0 "$UNIT_PID" 2>/dev/null || break
		sleep 0.025
	done
	echo "nscheck did not say READY=1" >&2
	cat "$dir/log/nscheck-unit.stderr" >&2
	return 1
}

# nginx's temporary directories under DIR/tmp, for the http block of a
# configuration that runs beside anything else.
nginx_temp_paths() { # DIR
	local what
	for what in client_body fastcgi proxy uwsgi scgi; do
		printf '\t%s_temp_path %s/tmp/%s;\n' "$what" "$1" "$what"
	done
}

site_nginx_conf() { # DIR LISTEN INCLUDE
	local dir=$1
	mkdir -p "$dir/tmp"
	cat <<EOC
user www-data www-data;
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 64; }
http {
	access_log $dir/nginx-access.log;
$(nginx_temp_paths "$dir")
	include /etc/nginx/mime.types;
	server {
		listen $2;
		include $3;
	}
}
EOC
}

typed() { # COMMAND
	grep -qxF -- "    $1" "$NSCHECK_ROOT/INSTALL"
	t_result $? "INSTALL says: $1"
	( eval "$1" ) >"$T_DIR/out" 2>&1
	local rc=$?
	t_result $rc "...and it works" "$(tail -15 "$T_DIR/out")"
	return $rc
}
