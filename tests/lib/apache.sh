# Apache 2.4 in front of nscheck, on loopback, as deployed: the shipped
# conf/apache-nscheck-*.conf with its paths pointed at this run, either
#   proxy  mod_proxy_fcgi to nscheck workers under spawn-fcgi, or
#   fcgid  mod_fcgid starting nscheck itself (as Apache's user).
# Like tests/lib/web.sh, a second nscheck whose resolver never answers is
# at /slow/. Each run has a cache of its own. Sourced, not executed.
#
#   apache_start DIR MODE   start it; sets APACHE_ADDR and APACHE_URL
#   apache_stop DIR         stop it (and what it started) by pid
#
# Needs NSCHECK_ROOT, WORK and tests/lib/web.sh.

APACHE_ADDR=127.0.0.1:8082
APACHE_URL=http://$APACHE_ADDR/nscheck/

apache_conf() { # DIR MODE
	local dir=$1 mode=$2 user=""
	[ "$(id -u)" = 0 ] && user=$'User www-data\nGroup www-data'
	cat <<EOF2
ServerRoot /etc/apache2
ServerName localhost
Listen $APACHE_ADDR
PidFile $dir/apache.pid
ErrorLog $dir/error.log
LogLevel warn
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authz_host_module /usr/lib/apache2/modules/mod_authz_host.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
TypesConfig /etc/mime.types
$user
EOF2
	if [ "$mode" = proxy ]; then
		cat <<EOF2
LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so
<VirtualHost $APACHE_ADDR>
	Include $dir/nscheck-snippet.conf
	<LocationMatch "^/slow/\$">
		SetHandler "proxy:unix:$dir/run/slow.sock|fcgi://slow/"
	</LocationMatch>
</VirtualHost>
EOF2
	else
		cat <<EOF2
LoadModule fcgid_module /usr/lib/apache2/modules/mod_fcgid.so
FcgidIPCDir $dir/fcgid
FcgidProcessTableFile $dir/fcgid/table
<VirtualHost $APACHE_ADDR>
	Include $dir/nscheck-snippet.conf
	FcgidCmdOptions $dir/fcgi-slow/nscheck.fcgi InitialEnv NSCHECK_CONF=$dir/slow.conf
	AliasMatch ^/slow/\$ $dir/fcgi-slow/nscheck.fcgi
	<Directory $dir/fcgi-slow/>
		Options +ExecCGI
		SetHandler fcgid-script
		Require all granted
	</Directory>
</VirtualHost>
EOF2
	fi
}

# Polls until Apache answers through nscheck; its log if it never does.
apache_wait() { # DIR
	web_wait_url "$APACHE_URL" && return 0
	cat "$1/error.log" >&2 2>/dev/null
	return 1
}

apache_start() { # DIR MODE
	local dir=$1 mode=$2 conf
	mkdir -p "$dir/run" "$dir/www" "$dir/fcgi" "$dir/fcgi-slow" "$dir/fcgid"
	chmod 755 "$dir" "$dir/run" "$dir/www" "$dir/fcgi" "$dir/fcgi-slow"
	: >"$dir/pids"
	APACHE_CACHE=/nscheck-apache-$mode-$$
	# Apache's children may be www-data: readable copies of what they use
	cp -r "$NSCHECK_ROOT/www/templates" "$NSCHECK_ROOT/www/static" \
		"$NSCHECK_ROOT/www/locale" "$dir/www/"
	cp "$NSCHECK_ROOT/tests/world/providers.txt" "$dir/providers.txt"
	cp "$WORK/world/root.hints" "$dir/root.hints"
	web_log_dir "$dir"
	for conf in nscheck slow; do
		local resolver=$WORLD_RESOLVER cache=$APACHE_CACHE log=""
		[ "$conf" = slow ] && resolver=$WORLD_SILENT_RESOLVER cache=$APACHE_CACHE-slow
		# under mod_fcgid, stderr goes to Apache's error log
		[ "$conf" = slow ] && [ "$mode" = proxy ] && log=$dir/log/nscheck-slow.log
		web_nscheck_conf "$dir" "$resolver" "$cache" "$log" |
			sed -e "s|^www_dir = .*|www_dir = $dir/www|" \
			    -e "s|^root_hints = .*|root_hints = $dir/root.hints|" \
			    -e "s|^providers_file = .*|providers_file = $dir/providers.txt|" \
			>"$dir/$conf.conf"
	done
	chmod -R a+rX "$dir/www" "$dir"/*.conf "$dir/providers.txt" "$dir/root.hints"
	if [ "$mode" = proxy ]; then
		web_unit_start "$dir" "$dir/nscheck.conf" || return 1
		web_spawn "$dir" slow "$dir/slow.conf" 1 || return 1
		sed -e "s|unix:/run/nscheck/nscheck.sock|unix:$dir/run/nscheck/nscheck.sock|" \
		    -e "s|/usr/local/share/nscheck/www/|$dir/www/|g" \
		    "$NSCHECK_ROOT/conf/apache-nscheck-proxy-fcgi.conf" >"$dir/nscheck-snippet.conf"
	else
		cp "$NSCHECK_ROOT/build/nscheck" "$dir/fcgi/nscheck.fcgi"
		cp "$NSCHECK_ROOT/build/nscheck" "$dir/fcgi-slow/nscheck.fcgi"
		chmod 755 "$dir/fcgi/nscheck.fcgi" "$dir/fcgi-slow/nscheck.fcgi"
		[ "$(id -u)" = 0 ] && chown www-data "$dir/fcgid"
		sed -e "s|/usr/local/lib/nscheck/fcgi/|$dir/fcgi/|g" \
		    -e "s|/usr/local/etc/nscheck/nscheck.conf|$dir/nscheck.conf|" \
		    -e "s|/usr/local/share/nscheck/www/|$dir/www/|g" \
		    "$NSCHECK_ROOT/conf/apache-nscheck-fcgid.conf" >"$dir/nscheck-snippet.conf"
	fi
	apache_conf "$dir" "$mode" >"$dir/apache.conf"
	apache2 -f "$dir/apache.conf" -C "Mutex file:$dir" -DFOREGROUND \
		2>"$dir/stderr" &
	echo "$! apache" >>"$dir/pids"
	apache_wait "$dir"
}

apache_stop() { # DIR
	local dir=$1 pid name i
	[ -f "$dir/pids" ] || return 0
	while read -r pid name; do kill "$pid" 2>/dev/null; done <"$dir/pids"
	while read -r pid name; do
		for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
	done <"$dir/pids"
	# mod_fcgid's children go with Apache; make sure none is left
	pkill -9 -f "$dir/fcgi" 2>/dev/null
	: >"$dir/pids"
	rm -f "/dev/shm$APACHE_CACHE" "/dev/shm$APACHE_CACHE-slow"
}
