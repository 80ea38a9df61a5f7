# The private DNS world: NSD instances for a fake root, the "test." TLD
# and a few DNS providers, two servers that never answer, and Unbound as
# the recursive resolver on 127.0.0.1:53. Meant to run inside a private
# network namespace (see tests/run-integration); sourced, not executed.
#
# The servers have ordinary-looking addresses (11.53.0.0/16, 2600:53::/32),
# assigned to the namespace's loopback interface, its only interface: the
# packets never leave it, and nscheck's report can treat them as the
# public addresses real name servers have, while 10/8 and 127/8 stay the
# private and loopback cases.
#
#   world_start DIR   start everything, state and logs under DIR
#   world_stop DIR    stop every process started, by its pid
#
# Each process's pid goes to DIR/pids as soon as it starts, so world_stop
# (run from an EXIT trap) stops them even when a start fails half-way.
#
# WORLD_DELAY_MS puts the name servers at a distance (the benchmark's
# latency scenarios). Unset or empty: every server listens on its own
# address, as above. A number of milliseconds, 0 included: each server
# listens on a backend address instead (11.53.x.y on 11.153.x.y,
# 2600:53:... on 2600:153:..., see world_backend) and one dnsdelay
# (tests/bench/dnsdelay.c, WORLD_DNSDELAY) on the published addresses
# passes every packet on, RTT/2 late each way. The resolver and
# everything else keep the published addresses, so what asks the name
# servers (Unbound, nscheck's report) waits and what asks the resolver
# does not. The servers that never answer stay where they are: silence
# needs no delay. With 0 the packets take the same path, undelayed.
# WORLD_DELAY_GRAIN_US: dnsdelay's grain (-g; empty: its default).

WORLD_SRC=${WORLD_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../world" && pwd)}

# name | addresses | zones (name=file)
WORLD_INSTANCES="
root|11.53.0.1|.=root.zone
tld|11.53.1.1|test.=test.zone
tld2|11.53.2.1|test.=test-b.zone
alpha|11.53.10.1 11.53.11.1 2600:53:10::1 2600:53:11::1 64:ff9b::808:808|nat64.test.=nat64.zone onedeleg.test.=onedeleg.zone example.com.=example.zone moving.test.=moving-a.zone alpha-dns.test.=alpha-dns.zone one.test.=one.zone two.test.=two.zone four.test.=four.zone xn--bcher-kva.test.=bucher.zone hostile.test.=hostile.zone alias.test.=alias.zone lamepart.test.=lamepart.zone mismatch.test.=mismatch.zone serial.test.=serial-a.zone cnamens.test.=cnamens.zone private.test.=private.zone partdead.test.=partdead.zone
beta|11.53.20.1 11.53.21.1|moving.test.=moving-b.zone beta-dns.test.=beta-dns.zone four.test.=four.zone mismatch.test.=mismatch.zone serial.test.=serial-b.zone betaonly.test.=betaonly.zone sub.two.test.=sub.zone
inzone|11.53.50.1 11.53.51.1 2600:53:50::1 2600:53:51::1|goodglue.test.=goodglue.zone badglue.test.=badglue.zone gluesubset.test.=gluesubset.zone glueextra.test.=glueextra.zone gluenx.test.=gluenx.zone glueparent.test.=glueparent.zone glueonly.test.=glueonly.zone
thirteen|$(echo 11.53.30.{1..13})|thirteen.test.=thirteen.zone
lame|11.53.40.1|
"
# Servers that read queries and never answer: the dead delegation, and a
# stand-in for a resolver that has stopped answering.
WORLD_SILENT="11.53.90.1 127.53.9.2"
# A name server on a private address: it only counts what reaches it
# (nscheck must send nothing there; Unbound is told not to).
WORLD_PRIVATE=10.53.0.1
# Name servers that are Unbound with the zone as local data, for what NSD
# will not do: one that does not answer over TCP, one that also recurses
# for anyone, one that says the zone it is given does not exist, one that
# serves it without NS records. name | address | zone
WORLD_ODD="
notcp|11.53.61.1|notcp.test
openrec|11.53.62.1|openrec.test
nxzone|11.53.66.1|nxzone.test
nodata|11.53.67.1|nodata.test
"
# Signed zones, made at each start (dnssec-keygen, dnssec-signzone) and
# served by their own NSD; test.zone gets their DS records: signed.test
# with the DS of its key, staleds.test with the DS of a key it no longer
# has (a move to a new provider that left the old DS at the registrar).
# keyrefused.test and keysilent.test have name servers behind a filter
# (tests/tools/dnsfilter) that refuses or drops DNSKEY queries and passes
# the rest to that NSD. zone | its name servers' addresses (ns1, ns2, ...)
WORLD_DNSSEC_ADDR=11.53.63.1
WORLD_DNSSEC="
signed.test|11.53.63.1
staleds.test|11.53.63.1
keyrefused.test|11.53.63.1 11.53.64.1
keysilent.test|11.53.64.1 11.53.65.1
"
WORLD_DNSSEC_ZONES=$(awk -F'|' 'NF { printf "%s ", $1 }' <<<"$WORLD_DNSSEC")
# address | what it does to DNSKEY queries
WORLD_FILTERS="
11.53.64.1|refuse
11.53.65.1|drop
"
WORLD_RESOLVER=127.0.0.1
WORLD_SILENT_RESOLVER=127.53.9.2
WORLD_DELAY_MS=${WORLD_DELAY_MS:-}
WORLD_DELAY_GRAIN_US=${WORLD_DELAY_GRAIN_US:-}
# More lines for the resolver's server: clause, one a line (the latency
# benchmark's larger receive buffer); empty: none.
WORLD_RESOLVER_CONF=${WORLD_RESOLVER_CONF:-}
# The same for every NSD's server: clause (the latency benchmark's TCP
# connections: its names share two servers, which NSD's default of 100 at
# once would make the limit of the whole run).
WORLD_NSD_CONF=${WORLD_NSD_CONF:-}
WORLD_DNSDELAY=${WORLD_DNSDELAY:-${NSCHECK_TOOLS:-}/../bench/dnsdelay}

world_delayed() { [ -n "$WORLD_DELAY_MS" ]; }

# The backend address a delayed server moves to.
world_backend() {
	case $1 in
	11.53.*) echo "11.153.${1#11.53.}" ;;
	2600:53:*) echo "2600:153:${1#2600:53:}" ;;
	64:ff9b::*) echo "64:ff9b:153::${1#64:ff9b::}" ;;
	*) echo "world: no backend address for $1" >&2; return 1 ;;
	esac
}

# Where the servers of these addresses (a list) listen: there, or when
# delayed on their backend addresses; one a line.
world_listen() {
	local a
	for a in $1; do
		if world_delayed; then world_backend "$a"; else echo "$a"; fi
	done
}

# Prints the nsd.conf of one instance.
world_nsd_conf() {
	local dir=$1 addrs=$2 zones=$3 a z
	cat <<EOF
server:
	username: ""
	chroot: ""
	database: ""
	zonesdir: "$WORLD_SRC/zones"
	pidfile: "$dir/nsd.pid"
	xfrdfile: "$dir/xfrd.state"
	zonelistfile: "$dir/zone.list"
	xfrdir: "$dir"
	logfile: "$dir/nsd.log"
	server-count: 1
	verbosity: 1
	port: 53
	# no response rate limiting: tests and the benchmark ask one server
	# many times from one address, on purpose
	rrl-ratelimit: 0
EOF
	while IFS= read -r line; do
		[ -n "$line" ] && printf '\t%s\n' "$line"
	done <<<"$WORLD_NSD_CONF"
	for a in $addrs; do printf '\tip-address: %s\n' "$a"; done
	printf 'remote-control:\n\tcontrol-enable: no\n'
	for z in $zones; do
		printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' "${z%%=*}" "${z#*=}"
	done
}

# Signs the zones of WORLD_DNSSEC_ZONES into DIR/dnssec and writes
# DIR/test.zone: the test zone with their delegations and DS records.
world_sign() {
	local dir=$1 d=$1/dnssec z ksk old
	mkdir -p "$d/old"
	cp "$WORLD_SRC/zones/test.zone" "$dir/test.zone"
	local addrs a i
	while IFS='|' read -r z addrs; do
		[ -n "$z" ] || continue
		printf '$ORIGIN %s.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n' \
			"$z" >"$d/$z.zone"
		i=0
		for a in $addrs; do
			i=$((i + 1))
			printf '@ IN NS ns%s\nns%s IN A %s\n' "$i" "$i" "$a" >>"$d/$z.zone"
			printf '%s IN NS ns%s.%s.\nns%s.%s IN A %s\n' "${z%.test}" "$i" "$z" \
				"$i" "${z%.test}" "$a" >>"$dir/test.zone"
		done
		# stdin is the list being read: the tools get none
		ksk=$(dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 -f KSK "$z" </dev/null) &&
			dnssec-keygen -q -K "$d" -a ECDSAP256SHA256 "$z" >/dev/null </dev/null &&
			dnssec-signzone -q -K "$d" -d "$d" -S -o "$z" -f "$d/$z.signed" "$d/$z.zone" \
				>/dev/null </dev/null ||
			return 1
		if [ "$z" = staleds.test ]; then
			# the DS of a key that is not in the zone
			old=$(dnssec-keygen -q -K "$d/old" -a ECDSAP256SHA256 -f KSK "$z" </dev/null) || return 1
			dnssec-dsfromkey -2 "$d/old/$old.key" >>"$dir/test.zone" </dev/null || return 1
		else
			dnssec-dsfromkey -2 "$d/$ksk.key" >>"$dir/test.zone" </dev/null || return 1
		fi
	done <<<"$WORLD_DNSSEC"
	# the second test. server: moving.test already delegated to beta
	sed 's/^\(moving  *IN NS  *ns[12]\)\.alpha-dns\.test\./\1.beta-dns.test./' \
		"$dir/test.zone" >"$dir/test-b.zone"
}

# The settings every Unbound of the world shares; $1 its directory, $2
# the address it listens on.
world_unbound_common() {
	cat <<EOF
server:
	interface: $2
	port: 53
	do-ip6: no
	do-not-query-localhost: no
	username: ""
	chroot: ""
	directory: "$1"
	pidfile: "$1/unbound.pid"
	logfile: "$1/unbound.log"
	use-syslog: no
	num-threads: 1
	module-config: "iterator"
	# so that every packet reaching the private server is nscheck's
	do-not-query-address: $WORLD_PRIVATE
EOF
}

world_unbound_conf() {
	local dir=$1 line
	world_unbound_common "$dir" "$WORLD_RESOLVER"
	cat <<EOF
	verbosity: 1
	root-hints: "$dir/root.hints"
	access-control: 127.0.0.0/8 allow
	cache-max-ttl: 604800
	prefetch: no
	harden-referral-path: no
	# test. is a special-use name Unbound answers itself unless told not to
	local-zone: "test." nodefault
EOF
	while IFS= read -r line; do
		[ -n "$line" ] && printf '\t%s\n' "$line"
	done <<<"$WORLD_RESOLVER_CONF"
	printf 'remote-control:\n\tcontrol-enable: no\n'
}

# The unbound.conf of one of WORLD_ODD.
world_odd_conf() {
	local dir=$1 name=$2 addr=$3 zone=$4
	world_unbound_common "$dir" "$(world_listen "$addr")"
	cat <<EOF
	root-hints: "$(dirname "$dir")/root.hints"
	access-control: 0.0.0.0/0 allow
	local-zone: "test." nodefault
	local-zone: "$zone." static
EOF
	# nxzone: no data at all, so the zone's own name does not exist;
	# nodata: its SOA but no NS records
	[ "$name" = nxzone ] ||
		printf '\tlocal-data: "%s. 3600 IN SOA ns1.%s. hostmaster.%s. 7 3600 900 604800 300"\n' \
			"$zone" "$zone" "$zone"
	case $name in
	nxzone | nodata) ;;
	*) printf '\tlocal-data: "%s. 3600 IN NS ns1.%s."\n' "$zone" "$zone" ;;
	esac
	[ "$name" = nxzone ] || printf '\tlocal-data: "ns1.%s. 3600 IN A %s"\n' "$zone" "$addr"
	case $name in
	notcp) printf '\tdo-tcp: no\n\t# and no recursion: everything else is refused\n\tlocal-zone: "." refuse\n' ;;
	nxzone | nodata) printf '\t# no recursion\n\tlocal-zone: "." refuse\n' ;;
	openrec)
		printf '\t# recursion for anyone, as an open resolver does; and\n'
		printf '\t# two.test with other name servers: a resolver that still\n'
		printf '\t# holds the set from before a change (resolvers_view)\n'
		printf '\tlocal-zone: "two.test." transparent\n'
		printf '\tlocal-data: "two.test. 3600 IN NS ns1.beta-dns.test."\n'
		;;
	esac
	printf 'remote-control:\n\tcontrol-enable: no\n'
}

world_pid() { # DIR PID NAME
	echo "$2 $3" >>"$1/pids"
}

# Polls a server with a SOA query until it answers; a REFUSED counts as an
# answer (the lame server holds no zone). Gives up after ~10 s.
world_wait_dns() {
	local addr=$1 zone=${2:-.} i
	for i in $(seq 200); do
		if dig +norec +time=1 +tries=1 @"$addr" "$zone" SOA >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.05
	done
	echo "world: $addr does not answer for $zone" >&2
	return 1
}

# The addresses of every server that answers (the ones dnsdelay stands
# in front of when the world is delayed), one a line.
world_answering() {
	local name addrs zones a
	while IFS='|' read -r name addrs zones; do
		for a in $addrs; do echo "$a"; done
	done <<<"$WORLD_INSTANCES
dnssec|$WORLD_DNSSEC_ADDR|
filters|$(awk -F'|' 'NF { printf "%s ", $1 }' <<<"$WORLD_FILTERS")|
$WORLD_ODD"
}

# Puts every address of the world on lo (127/8 is there already), and
# the backend addresses when delayed.
world_addresses() {
	local a all
	all="$(world_answering) $WORLD_SILENT $WORLD_PRIVATE"
	world_delayed && all="$all $(world_listen "$(world_answering)")"
	for a in $all; do
		case $a in
		127.*) ;;
		*:*) ip -6 addr add "$a/128" dev lo nodad 2>/dev/null ;;
		*) ip addr add "$a/32" dev lo 2>/dev/null ;;
		esac
	done
}

# Starts dnsdelay on the published addresses, passing to the backends;
# at real-time priority where allowed, so its own lateness stays small
# beside a loaded machine.
world_delay_start() {
	local dir=$1 a pairs=() chrt=() grain=()
	[ -x "$WORLD_DNSDELAY" ] || { echo "world: no $WORLD_DNSDELAY (make $WORLD_DNSDELAY)" >&2; return 1; }
	for a in $(world_answering); do
		case $a in
		*:*) pairs+=("[$a]:53=[$(world_backend "$a")]:53") ;;
		*) pairs+=("$a=$(world_backend "$a")") ;;
		esac
	done
	chrt -f 10 true 2>/dev/null && chrt=(chrt -f 10)
	[ -n "$WORLD_DELAY_GRAIN_US" ] && grain=(-g "$WORLD_DELAY_GRAIN_US")
	"${chrt[@]}" "$WORLD_DNSDELAY" "${grain[@]}" "$WORLD_DELAY_MS" "${pairs[@]}" 2>"$dir/dnsdelay.log" &
	world_pid "$dir" $! dnsdelay
}

world_start() {
	local dir=$1 line name addrs zones d a
	mkdir -p "$dir"
	: >"$dir/pids"
	world_addresses
	world_sign "$dir" || { echo "world: signing failed" >&2; return 1; }
	local signed="" z
	for z in $WORLD_DNSSEC_ZONES; do signed="$signed $z.=$dir/dnssec/$z.signed"; done
	while IFS='|' read -r name addrs zones; do
		[ -n "$name" ] || continue
		# the test zone with the DS records made just now
		[ "$name" = tld ] && zones="test.=$dir/test.zone com.=com.zone"
		[ "$name" = tld2 ] && zones="test.=$dir/test-b.zone com.=com.zone"
		d=$dir/nsd-$name
		mkdir -p "$d"
		world_nsd_conf "$d" "$(world_listen "$addrs")" "$zones" >"$d/nsd.conf"
		nsd -d -c "$d/nsd.conf" 2>"$d/stderr" &
		world_pid "$dir" $! "nsd-$name"
	done <<<"$WORLD_INSTANCES
dnssec|$WORLD_DNSSEC_ADDR|$signed"
	for a in $WORLD_SILENT; do
		"$NSCHECK_TOOLS/blackhole" "$a" 53 &
		world_pid "$dir" $! "blackhole-$a"
	done
	while IFS='|' read -r a what; do
		[ -n "$a" ] || continue
		"$NSCHECK_TOOLS/dnsfilter" "$(world_listen "$a")" \
			"$(world_listen "$WORLD_DNSSEC_ADDR")" 48 "$what" &
		world_pid "$dir" $! "dnsfilter-$a"
	done <<<"$WORLD_FILTERS"
	if world_delayed; then world_delay_start "$dir" || return 1; fi
	: >"$dir/private.count"
	"$NSCHECK_TOOLS/blackhole" "$WORLD_PRIVATE" 53 "$dir/private.count" &
	world_pid "$dir" $! "blackhole-$WORLD_PRIVATE"
	printf '. 3600000 NS a.root-servers.test.\na.root-servers.test. 3600000 A 11.53.0.1\n' \
		>"$dir/root.hints"
	world_unbound_conf "$dir" >"$dir/unbound.conf"
	unbound -d -c "$dir/unbound.conf" 2>"$dir/unbound.stderr" &
	world_pid "$dir" $! unbound
	while IFS='|' read -r name addrs zones; do
		[ -n "$name" ] || continue
		d=$dir/unbound-$name
		mkdir -p "$d"
		world_odd_conf "$d" "$name" "$addrs" "$zones" >"$d/unbound.conf"
		unbound -d -c "$d/unbound.conf" 2>"$d/stderr" &
		world_pid "$dir" $! "unbound-$name"
	done <<<"$WORLD_ODD"
	while IFS='|' read -r name addrs zones; do
		[ -n "$name" ] || continue
		for a in $addrs; do
			world_wait_dns "$a" "${zones:+${zones%%=*}}" || return 1
		done
	done <<<"$WORLD_INSTANCES
dnssec|$WORLD_DNSSEC_ADDR|signed.test.=
filter1|11.53.64.1|keyrefused.test.=
filter2|11.53.65.1|keysilent.test.="
	while IFS='|' read -r name addrs zones; do
		[ -n "$name" ] || continue
		world_wait_dns "$addrs" "$zones" || return 1
	done <<<"$WORLD_ODD"
	world_wait_dns "$WORLD_RESOLVER" . || return 1
}

# Stops or starts only the recursive resolver (for tests of what happens
# while it is down). world_stop still stops it by the pid kept here.
world_resolver_stop() {
	local dir=$1 pid
	pid=$(awk '$2 == "unbound" { print $1 }' "$dir/pids" | tail -1)
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null
	# it may not be our child (tests run in subshells): poll until gone
	local i
	for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
	sed -i "/^$pid unbound\$/d" "$dir/pids"
}

world_resolver_start() {
	local dir=$1
	unbound -d -c "$dir/unbound.conf" 2>>"$dir/unbound.stderr" &
	world_pid "$dir" $! unbound
	world_wait_dns "$WORLD_RESOLVER" .
}

# Stops by pid, then waits for each so ports are free on return.
world_stop() {
	local dir=$1 pid name
	[ -f "$dir/pids" ] || return 0
	while read -r pid name; do
		kill "$pid" 2>/dev/null
	done <"$dir/pids"
	while read -r pid name; do
		wait "$pid" 2>/dev/null
	done <"$dir/pids"
	: >"$dir/pids"
}
