# The harness of the integration tests: a temp dir, a watchdog, the
# simulator on a free port, and TAP helpers.  Source it first:
#	. "$top_srcdir/tests/cli/lib.sh"
set -u
: "${top_srcdir:?run me through make check, or set top_srcdir}"
: "${top_builddir:=$top_srcdir}"
: "${PYTHON3:=python3}"
# free_port, the simulator's start, certificates, nginx: shared with bench/
. "$top_srcdir/tests/cli/net.sh"
PATH=$top_builddir/src:$PATH:/usr/sbin:/sbin	# nginx is in /usr/sbin
MJ_RETRY_BASE_MS=${MJ_RETRY_BASE_MS:-50}
# the simulator records a task the moment it takes the request, so a lost
# reply needs no time to settle (mj-submit-reconcile-rerun.sh tests the wait)
MJ_SETTLE=0
export PATH MJ_RETRY_BASE_MS MJ_SETTLE
unset MJ_API_KEY COMETAPI_KEY MJ_API_KEY_FILE MJ_AUTH MJ_MODE MJ_BASE_URL
# the caller's proxy and trust store must not change what is tested
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY \
    no_proxy NO_PROXY CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mjtest.XXXXXX")
cd "$TEST_DIR" || exit 99
# no one's own config file: a test that wants one writes it here
unset MJ_CONFIG MJ_PROFILE MJ_METRICS_DIR
XDG_CONFIG_HOME=$TEST_DIR/config
export XDG_CONFIG_HOME

# make check-valgrind: every program the test runs goes through valgrind;
# an error or a definite leak exits 99 and writes valgrind-PROG.PID.log,
# which the test reports at its end
if [ "${MJ_VALGRIND:-0}" = 1 ]; then
	mkdir -p "$TEST_DIR/vgbin"
	for _p in mj-submit mj-wait mj-fetch mj-pack; do
		cat > "$TEST_DIR/vgbin/$_p" <<VG
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --log-file="$TEST_DIR/valgrind-$_p.%p.log" \\
    "$top_builddir/src/$_p" "\$@"
VG
		chmod +x "$TEST_DIR/vgbin/$_p"
	done
	PATH=$TEST_DIR/vgbin:$PATH
	export PATH
fi
_sim_pids=""
_tap_n=0
_tap_failed=0
_tap_planned=""

_cleanup() {
	local p
	for p in $_sim_pids; do kill "$p" 2>/dev/null; done
	[ -n "${_watchdog:-}" ] && kill "$_watchdog" 2>/dev/null
	cd / && rm -rf "$TEST_DIR"
}
trap _cleanup EXIT

# the whole test is bounded: a watchdog kills it after TEST_TIMEOUT seconds
# (the sleep must not keep the test's stdout open once the test is over)
_main_pid=$$
(
	trap 'kill "$_sp" 2>/dev/null; exit 0' TERM
	sleep "${TEST_TIMEOUT:-120}" >/dev/null 2>&1 &
	_sp=$!
	wait "$_sp" || exit 0
	echo "Bail out! test timed out after ${TEST_TIMEOUT:-120} s"
	kill -TERM "$_main_pid" 2>/dev/null
) &
_watchdog=$!

diag() { printf '# %s\n' "$*"; }

_result() {	# _result STATUS DESC
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

plan() { _tap_planned=$1; echo "1..$1"; }
done_testing() {
	local _vg
	for _vg in "$TEST_DIR"/valgrind-*.log; do
		[ -s "$_vg" ] || continue
		_result 1 "valgrind: $(basename "$_vg")"
		head -30 "$_vg" | sed 's/^/#   /'
	done
	[ -z "$_tap_planned" ] && echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
	exit $?
}
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
# skip_dialect REASON: the whole test asserts the default (comet) answers,
# or cannot pass against another dialect yet: under MJ_TEST_DIALECT it
# skips, saying why.  (A test that can run but has one comet-only
# simulator sets SIM_DIALECT_FIXED=1 before that one.)
skip_dialect() {
	[ -n "${MJ_TEST_DIALECT:-}" ] &&
	    skip_all "not against $MJ_TEST_DIALECT's answers: $*"
	return 0
}

# ok DESC CMD...: passes when CMD exits 0
ok() {
	local desc=$1
	shift
	"$@"
	_result $? "$desc"
}

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then
		_result 0 "$3"
	else
		_result 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# jq_ok FILE FILTER DESC: jq -e on the records of FILE, slurped into an array
jq_ok() {
	if jq -e -s "$2" "$1" >/dev/null 2>&1; then
		_result 0 "$3"
	else
		_result 1 "$3"
		printf '#   filter: %s\n' "$2"
		# cut lines still end with a newline, or TAP loses the next one
		{ head -c 2000 "$1"; echo; } | sed '/^$/d; s/^/#   /'
	fi
}

# wait_until TIMEOUT_S CMD...: poll CMD every 0.1 s; 1 if it never succeeds
wait_until() {
	local limit=$(( $1 * 10 ))
	shift
	net_wait "$limit" "$@"
}

# serve_dir DIR: a static web server for DIR on loopback (stopped with the
# simulator at exit); its port in SERVE_PORT
serve_dir() {
	( cd "$1" && exec "$PYTHON3" -m http.server 0 --bind 127.0.0.1 ) \
	    > "$TEST_DIR/http.log" 2>&1 &
	_sim_pids="$_sim_pids $!"
	wait_until 10 grep -q 'Serving HTTP' "$TEST_DIR/http.log"
	SERVE_PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$TEST_DIR/http.log" | head -1)
}

# sim_start [mjsim options]: start a simulator; exports SIM_URL, MJ_BASE_URL.
# With MJ_TEST_TLS=1, behind a TLS front (sim_start_tls): a test written
# for HTTP runs over HTTPS.  With MJ_TEST_DIALECT=trueai (make
# check-trueai), the simulator answers in that dialect (--dialect), unless
# the test set SIM_DIALECT_FIXED=1 (it asserts one dialect's answers).
sim_start() {
	if [ -n "${MJ_TEST_DIALECT:-}" ] && [ "${SIM_DIALECT_FIXED:-0}" != 1 ]; then
		set -- --dialect "$MJ_TEST_DIALECT" "$@"
		diag "the simulator answers as $MJ_TEST_DIALECT"
	fi
	if [ "${MJ_TEST_TLS:-0}" = 1 ]; then
		sim_start_tls "$@"
	else
		_sim_start_plain "$@"
	fi
}
_sim_start_plain() {
	if ! net_sim "$TEST_DIR/sim.port.$RANDOM" "$TEST_DIR/sim.log" \
	    --max-seconds 300 --key test-key "$@"; then
		_sim_pids="$_sim_pids $SIM_PID"
		echo "Bail out! the simulator did not start"
		cat "$TEST_DIR/sim.log" >&2
		exit 1
	fi
	_sim_pids="$_sim_pids $SIM_PID"
	SIM_URL=http://127.0.0.1:$SIM_PORT
	MJ_BASE_URL=$SIM_URL
	MJ_API_KEY=test-key
	export SIM_PORT SIM_URL MJ_BASE_URL MJ_API_KEY
}

sim_stop() {
	kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null
	if [ -n "${TLS_PID:-}" ]; then
		kill "$TLS_PID" 2>/dev/null; wait "$TLS_PID" 2>/dev/null; TLS_PID=
	fi
}
sim_get() { curl -s --max-time 10 "$SIM_URL$1"; }
sim_post() { curl -s --max-time 10 -H 'Content-Type: application/json' -d "$2" "$SIM_URL$1"; }
sim_stats() { sim_get /_sim/stats; }
# sim_api METHOD PATH [JSON]: an authenticated API call
sim_api() {
	if [ $# -ge 3 ]; then
		curl -s --max-time 10 -H 'Authorization: Bearer test-key' \
		    -H 'Content-Type: application/json' -X "$1" -d "$3" "$SIM_URL$2"
	else
		curl -s --max-time 10 -H 'Authorization: Bearer test-key' -X "$1" "$SIM_URL$2"
	fi
}

# one_task_each FILE STATS DESC: one TAP result, ok when every record of
# FILE has the one task the server made for its prompt: a task id, its
# prompt submitted once by the stats in STATS (a saved /_sim/stats), and
# the server's task of that id holding that prompt
one_task_each() {
	local bad=0 rec p id
	while IFS= read -r rec; do
		p=$(jq -r .prompt <<<"$rec")
		id=$(jq -r '.task.id // empty' <<<"$rec")
		[ -n "$id" ] && [ "$(jq --arg p "$p" '.submissions[$p] // 0' "$2")" = 1 ] &&
		    [ "$(sim_get "/_sim/task/$id" | jq -r .prompt)" = "$p" ] ||
		    { bad=$((bad + 1)); diag "not one task: $rec"; }
	done < "$1"
	is "$bad" 0 "$3"
}

# run_prog PROG ARGS...: a built program, under valgrind when MJ_VALGRIND=1
run_prog() {
	local p=$1
	shift
	if [ "${MJ_VALGRIND:-0}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite "$top_builddir/src/$p" "$@"
	else
		"$top_builddir/src/$p" "$@"
	fi
}

# tls_certs: a CA made here and a certificate it signs for localhost and
# 127.0.0.1 (TLS_CA, TLS_CERT, TLS_KEY); another CA that signed nothing
# of ours (TLS_OTHER_CA); a certificate of our CA for another name only
# (TLS_WRONG_CERT, TLS_WRONG_KEY).  All in $TEST_DIR/tls.
tls_certs() {
	local d=$TEST_DIR/tls
	net_certs "$d" ||
	    { echo "Bail out! openssl: $(tail -3 "$d/openssl.log")"; exit 1; }
	TLS_CA=$d/ca.pem TLS_CERT=$d/server.pem TLS_KEY=$d/server.key
	TLS_OTHER_CA=$d/other-ca.pem
	TLS_WRONG_CERT=$d/wrong.pem TLS_WRONG_KEY=$d/wrong.key
}

# tls_front UPSTREAM_PORT [PORT [CERT KEY]]: nginx, as the current user
# and with its own files in the test dir, serving HTTPS (HTTP/2 offered)
# on PORT (a free one by default) in front of http://127.0.0.1:UPSTREAM_PORT;
# the certificate is ours for localhost unless CERT KEY.  Sets TLS_PORT,
# TLS_URL (https://localhost:PORT) and TLS_DIR (its access.log).  Stopped
# at exit.
tls_front() {
	local up=$1 port=${2:-} cert=${3:-} key=${4:-} d name=localhost
	command -v nginx >/dev/null 2>&1 ||
	    { echo "Bail out! no nginx (apt-get install nginx-light)"; exit 1; }
	tls_certs
	[ -n "$port" ] || port=$(free_port)
	d=$TEST_DIR/nginx-$port
	# which connections resumed a TLS session: reused=r
	net_nginx "$d" "$port" upstream="$up" cert="${cert:-$TLS_CERT}" \
	    key="${key:-$TLS_KEY}" http="log_format mj '\$remote_addr \"\$request\" \$status \$ssl_protocol reused=\$ssl_session_reused';
	access_log $d/access.log mj;"
	_sim_pids="$_sim_pids $NGINX_PID"
	TLS_PID=$NGINX_PID
	TLS_PORT=$port TLS_DIR=$d TLS_URL=https://localhost:$port
	[ -n "$cert" ] && name=other.example	# TLS_WRONG_CERT's
	if ! wait_until 10 curl -s -o /dev/null --cacert "$TLS_CA" \
	    --resolve "other.example:$port:127.0.0.1" "https://$name:$port/"; then
		echo "Bail out! nginx did not start: $(tail -3 "$d/error.log")"
		exit 1
	fi
}

# sim_start_tls [mjsim options]: a simulator behind a TLS front; its image
# URLs point at the front too.  MJ_BASE_URL is the front (SIM_URL stays
# the simulator's own, for the tests' checks); CURL_CA_BUNDLE trusts our CA.
sim_start_tls() {
	local port
	tls_certs
	port=$(free_port)
	_sim_start_plain --public-url "https://localhost:$port" "$@"
	tls_front "$SIM_PORT" "$port"
	MJ_BASE_URL=$TLS_URL
	CURL_CA_BUNDLE=$TLS_CA
	export MJ_BASE_URL CURL_CA_BUNDLE
	diag "over HTTPS: $MJ_BASE_URL, in front of $SIM_URL"
}

# proxy_start: tinyproxy, as the current user, its own config and log in
# the test dir, on a free port; PROXY_URL, PROXY_LOG.  Stopped at exit.
proxy_start() {
	local port d=$TEST_DIR/tinyproxy
	command -v tinyproxy >/dev/null 2>&1 ||
	    { echo "Bail out! no tinyproxy (apt-get install tinyproxy)"; exit 1; }
	port=$(free_port)
	mkdir -p "$d"
	# no ConnectPort line: CONNECT to any port (ours are not 443)
	cat > "$d/tinyproxy.conf" <<TP
$([ "$(id -u)" = 0 ] && printf 'User root\nGroup root\n')
Port $port
Listen 127.0.0.1
Timeout 60
LogFile "$d/tinyproxy.log"
LogLevel Info
MaxClients 100
Allow 127.0.0.1
TP
	tinyproxy -d -c "$d/tinyproxy.conf" >>"$d/stderr" 2>&1 &
	_sim_pids="$_sim_pids $!"
	PROXY_URL=http://127.0.0.1:$port PROXY_LOG=$d/tinyproxy.log
	if ! wait_until 10 "$PYTHON3" -c "import socket; socket.create_connection(('127.0.0.1', $port))"; then
		echo "Bail out! tinyproxy did not start: $(tail -3 "$d/stderr" "$PROXY_LOG" 2>/dev/null)"
		exit 1
	fi
}

# fake_proxy NAME ARGS...: tests/cli/proxy.py (--answer CODE, or --relay
# PORT --dump FILE); its URL in FAKE_PROXY_URL, its log in NAME.log
fake_proxy() {
	local name=$1
	shift
	"$PYTHON3" "$top_srcdir/tests/cli/proxy.py" --port-file "$TEST_DIR/$name.port" \
	    "$@" 2>>"$TEST_DIR/$name.log" &
	_sim_pids="$_sim_pids $!"
	wait_until 10 test -s "$TEST_DIR/$name.port" ||
	    { echo "Bail out! proxy.py $name did not start"; exit 1; }
	FAKE_PROXY_URL=http://127.0.0.1:$(cat "$TEST_DIR/$name.port")
}
