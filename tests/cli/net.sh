# Network helpers shared by the integration tests (tests/cli/lib.sh) and
# the benchmark (bench/run), so that both start their servers the same
# way: a free port, the simulator on a free port, a CA and certificates
# made with openssl, nginx as the current user.  Source it (bash).  Each
# function says by its status whether it worked and leaves a log; what a
# failure means (a test's "Bail out!", a broken benchmark row) is for the
# caller to say.

# the simulator beside this file
NET_MJSIM=$(cd "$(dirname "${BASH_SOURCE[0]}")/../mjsim" && pwd)/mjsim

# free_port: a TCP port free on loopback right now
free_port() {
	"${PYTHON3:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# net_wait TRIES CMD...: run CMD (its output discarded) every 0.1 s until
# it succeeds, at most TRIES times; 1 if it never did
net_wait() {
	local limit=$1 i=0
	shift
	while ! "$@" > /dev/null 2>&1; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && return 1
		sleep 0.1
	done
	return 0
}

# net_sim PORT_FILE LOG [mjsim options]: the simulator on a free port,
# its diagnostics appended to LOG; sets SIM_PID at once and SIM_PORT once
# it listens (within 10 s, else status 1)
net_sim() {
	local pf=$1 log=$2
	shift 2
	"${PYTHON3:-python3}" "$NET_MJSIM" --port 0 --port-file "$pf" "$@" \
	    > /dev/null 2>> "$log" &
	SIM_PID=$!
	net_wait 100 test -s "$pf" || return 1
	SIM_PORT=$(cat "$pf")
}

# net_certs DIR: in DIR, a CA (ca.pem, ca.key) and a certificate it signs
# for localhost and 127.0.0.1 (server.pem, server.key); another CA that
# signed nothing of ours (other-ca.pem); a certificate of our CA for
# another name only (wrong.pem, wrong.key).  Readable by all (nginx's
# workers may run as another user).  Nothing is done when DIR has them;
# openssl's output is in DIR/openssl.log.
net_certs() {
	local d=$1
	[ -s "$d/ca.pem" ] && [ -s "$d/wrong.pem" ] && return 0
	mkdir -p "$d" || return 1
	(
		cd "$d" || exit 1
		for ca in ca other-ca; do
			openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
			    -subj "/CN=mjpipe test $ca" -keyout "$ca.key" \
			    -out "$ca.pem" || exit 1
		done
		for c in server:DNS:localhost,IP:127.0.0.1 wrong:DNS:other.example; do
			openssl req -newkey rsa:2048 -nodes -subj "/CN=${c%%:*}" \
			    -keyout "${c%%:*}.key" -out "${c%%:*}.csr" || exit 1
			printf 'subjectAltName=%s\n' "${c#*:}" > "${c%%:*}.ext"
			openssl x509 -req -in "${c%%:*}.csr" -CA ca.pem \
			    -CAkey ca.key -CAcreateserial -days 2 \
			    -extfile "${c%%:*}.ext" -out "${c%%:*}.pem" || exit 1
		done
	) > "$d/openssl.log" 2>&1 || return 1
	chmod -R a+rX "$d"
}

# net_nginx DIR PORT [NAME=VALUE...]: nginx as the current user, its
# configuration, pid, error log and temporary files in DIR, listening on
# 127.0.0.1:PORT; sets NGINX_PID.  It does not wait: the caller asks it
# something (net_wait) before using it.
#	upstream=PORT	a proxy to http://127.0.0.1:PORT (not buffered)
#	root=DIR	else the static files of DIR
#	cert=F key=F	HTTPS as servers are set up: HTTP/2 offered, TLS 1.2
#			and 1.3, sessions resumable
#	workers=N	worker processes (1)
#	http=TEXT	more directives in http {} (logs, sendfile, types)
#	server=TEXT	more directives in server {} (limit_rate)
net_nginx() {
	local d=$1 port=$2 a up="" root="" cert="" key="" workers=1 http=""
	local server="" listen serve ssl=""
	shift 2
	for a; do
		case $a in
		upstream=*) up=${a#*=} ;;
		root=*) root=${a#*=} ;;
		cert=*) cert=${a#*=} ;;
		key=*) key=${a#*=} ;;
		workers=*) workers=${a#*=} ;;
		http=*) http=${a#*=} ;;
		server=*) server=${a#*=} ;;
		*) echo "net_nginx: unknown $a" >&2; return 2 ;;
		esac
	done
	mkdir -p "$d/tmp" || return 1
	listen="listen 127.0.0.1:$port;"
	if [ -n "$cert" ]; then
		listen="listen 127.0.0.1:$port ssl http2;"
		ssl="ssl_certificate $cert;
		ssl_certificate_key $key;
		ssl_protocols TLSv1.2 TLSv1.3;
		ssl_session_cache shared:mjpipe:1m;"
	fi
	if [ -n "$up" ]; then
		serve="location / {
			proxy_pass http://127.0.0.1:$up;
			proxy_http_version 1.1;
			proxy_buffering off;
			proxy_read_timeout 600s;
		}"
	else
		serve="root $root;"
	fi
	cat > "$d/nginx.conf" <<NGINX
$([ "$(id -u)" = 0 ] && echo 'user root;')
daemon off;
worker_processes $workers;
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 1024; }
http {
	$http
	client_max_body_size 64m;
	client_body_temp_path $d/tmp;
	proxy_temp_path $d/tmp;
	fastcgi_temp_path $d/tmp;
	uwsgi_temp_path $d/tmp;
	scgi_temp_path $d/tmp;
	server {
		$listen
		$ssl
		$serve
		$server
	}
}
NGINX
	nginx -e "$d/error.log" -c "$d/nginx.conf" -p "$d" 2>> "$d/error.log" &
	NGINX_PID=$!
}
