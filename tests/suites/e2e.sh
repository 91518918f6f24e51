#!/bin/sh
# End-to-end: real nginx, Apache httpd and lighttpd (Debian packages) in front
# of php-fpm-scgi, on loopback ports, configs generated from the shipped
# snippets in sapi/fpm-scgi/examples/.  Everything lives in one mktemp dir;
# every process started here is stopped by pid on exit.
#
#   SCGI_TOP=. SCGI_PREFIX=build/prefix tests/suites/e2e.sh
#
# Servers: nginx-unix, nginx-tcp (scgi_pass), apache-unix (SetHandler
# proxy:unix:...|scgi://), apache-tcp (ProxyPassMatch scgi://), lighttpd-unix
# (mod_scgi).  E2E_SERVERS="nginx-unix lighttpd-unix" runs a subset;
# E2E_KEEP=1 keeps the temp dir (configs, logs, $_SERVER dumps) for a look;
# E2E_DUMP=DIR copies the $_SERVER dumps and the pool log there
# (tests/e2e/QUIRKS.md was written from them).
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
prefix=${SCGI_PREFIX:-$top/build/prefix}
. "$top/tests/lib/net.sh"

fpm="$prefix/sbin/php-fpm-scgi"
examples="$top/sapi/fpm-scgi/examples"
client="$top/tests/e2e/client.py"
servers=${E2E_SERVERS:-nginx-unix nginx-tcp apache-unix apache-tcp lighttpd-unix}
checks="sapi get post upload big stream status-200 status-302 status-302-location status-404 status-403 status-500 status-418 cookies pathinfo headers repeated-headers fpm-status fpm-status-json ping head disconnect"

if [ ! -x "$fpm" ]; then
	echo "FAIL: e2e setup: $fpm missing (build first)"
	exit 1
fi

dir=$(mktemp -d /tmp/php-fpm-scgi-e2e.XXXXXX) || { echo "FAIL: e2e setup: mktemp"; exit 1; }
pids=""
fpm_pid=""

# running: PID exists and is not a zombie waiting to be reaped
running() {
	state=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

# stop PID: TERM, then KILL if it is still there after 5 s; reap it
stop() {
	kill -TERM "$1" 2>/dev/null || return 0
	i=0
	while running "$1" && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

cleanup() {
	trap - EXIT INT TERM HUP PIPE
	for p in $pids; do
		stop "$p"
	done
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "e2e: kept $dir" >&2
	else
		rm -rf "$dir"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

pass() { echo "PASS: e2e $srv $1"; }
fail() { echo "FAIL: e2e $srv $1: $2"; }

# Servers drop privileges to nobody when root; the docroot and the upload
# dirs must be theirs to read/write.
chmod 755 "$dir"
cp -R "$top/tests/e2e/docroot" "$dir/docroot"
mkdir -p "$dir/docroot/stock" "$dir/docroot/override"
cp "$dir/docroot/info.php" "$dir/docroot/stock/info.php"
cp "$dir/docroot/info.php" "$dir/docroot/override/info.php"
chmod -R a+rX "$dir/docroot"
mkdir -p "$dir/tmp" "$dir/lighttpd-upload"
chmod 1777 "$dir/tmp" "$dir/lighttpd-upload"
docroot="$dir/docroot"
sock="$dir/pool.sock"
tcp_port=$(free_port)

if [ "$(id -u)" = 0 ]; then
	run_as="user = nobody"
	httpd_user=nobody
	httpd_group=$(id -gn nobody 2>/dev/null || echo nogroup)
else
	run_as="; not root: workers run as the invoking user"
	httpd_user=$(id -un)
	httpd_group=$(id -gn)
fi

# ---------------------------------------------------------------- the pool
pool_common() {
	cat <<POOL
$run_as
listen.mode = 0666
pm = static
pm.max_children = 3
pm.status_path = /status
ping.path = /ping
security.limit_extensions = .php
catch_workers_output = yes
request_terminate_timeout = 60s
php_admin_value[upload_max_filesize] = 16M
php_admin_value[post_max_size] = 16M
php_admin_value[upload_tmp_dir] = $dir/tmp
php_admin_value[sys_temp_dir] = $dir/tmp
php_admin_value[output_buffering] = 0
php_admin_value[memory_limit] = 128M
POOL
}
{
	cat <<CONF
[global]
error_log = $dir/php-fpm-scgi.log
pid = $dir/php-fpm-scgi.pid
daemonize = no

[unix]
listen = $sock
CONF
	pool_common
	cat <<CONF

[tcp]
listen = 127.0.0.1:$tcp_port
CONF
	pool_common
} > "$dir/php-fpm-scgi.conf"

"$fpm" -F -y "$dir/php-fpm-scgi.conf" -c "$prefix/etc" > "$dir/php-fpm-scgi.out" 2>&1 &
fpm_pid=$!
pids="$fpm_pid"
if ! wait_for_path "$sock" 10 || ! wait_for_port "$tcp_port" 10; then
	echo "FAIL: e2e setup: php-fpm-scgi did not start: $(tail -n 3 "$dir/php-fpm-scgi.log" "$dir/php-fpm-scgi.out" 2>/dev/null | tr '\n' ' ')"
	exit 1
fi

# test inputs: a ~3 MiB upload, the sha256 of big.php's 10 MiB
head -c 3145941 /dev/urandom > "$dir/upload.bin"
upload_sha=$(sha256sum "$dir/upload.bin" | cut -d' ' -f1)
upload_size=$(wc -c < "$dir/upload.bin" | tr -d ' ')
big_sha=$(python3 "$client" bigsha 10)

# -------------------------------------------------------------- the servers
nginx_conf() { # NAME PORT UPSTREAM
	sed -e "s|unix:/run/php-fpm-scgi.sock|$3|g" "$examples/nginx.conf" > "$dir/nginx-$1.inc"
	cat <<NGINX
    server {
        listen 127.0.0.1:$2;
        root $docroot;
        index index.php;
        include $dir/nginx-$1.inc;

        # test-only: stream flush() (the snippet's scgi_buffering off)
        location = /stream.php {
            include scgi_params;
            scgi_pass $3;
            scgi_buffering off;
        }
        # test-only: a non-.php file routed to the pool (limit_extensions)
        location = /secret.txt {
            include scgi_params;
            scgi_pass $3;
        }
        # test-only: nginx's stock scgi_params alone (no SCRIPT_NAME/PATH_INFO)
        location ^~ /stock/ {
            include scgi_params;
            scgi_pass $3;
        }
        # test-only: lines of scgi_params overridden after the include
        # (nginx sends both pairs; the last one wins, as with php-fpm)
        location ^~ /override/ {
            include scgi_params;
            scgi_param HTTPS on;
            scgi_param SERVER_NAME override.example;
            scgi_param HTTP_HOST \$host:\$server_port;
            scgi_pass $3;
        }
    }
NGINX
}

start_nginx() { # writes one nginx with two servers: unix and tcp
	[ -n "${nginx_started:-}" ] && return "$nginx_started"
	nginx_started=1
	command -v nginx > /dev/null || { nginx_why="nginx not installed"; return 1; }
	nginx_unix_port=$(free_port)
	nginx_tcp_port=$(free_port)
	mkdir -p "$dir/nginx"
	# the stock scgi_params / mime.types beside the config: nginx resolves
	# relative includes against the config file's directory
	cp /etc/nginx/scgi_params /etc/nginx/mime.types "$dir/nginx/"
	{
		cat <<NGINX
daemon off;
worker_processes 1;
error_log $dir/nginx/error.log;
pid $dir/nginx/nginx.pid;
events { worker_connections 256; }
http {
    include mime.types;
    default_type application/octet-stream;
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/client_body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    client_max_body_size 64m;
NGINX
		nginx_conf unix "$nginx_unix_port" "unix:$sock"
		nginx_conf tcp "$nginx_tcp_port" "127.0.0.1:$tcp_port"
		echo "}"
	} > "$dir/nginx/nginx.conf"
	nginx -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" > "$dir/nginx/out" 2>&1 &
	pids="$pids $!"
	if ! wait_for_port "$nginx_unix_port" 10 || ! wait_for_port "$nginx_tcp_port" 5; then
		nginx_why="nginx did not start: $(tail -n 2 "$dir/nginx/error.log" "$dir/nginx/out" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	nginx_started=0
}

apache_vhost_unix() { # PORT
	sed -e "s|/run/php-fpm-scgi.sock|$sock|g" "$examples/apache.conf" > "$dir/apache/unix.inc"
	cat <<APACHE
<VirtualHost 127.0.0.1:$1>
    DocumentRoot $docroot
    Include $dir/apache/unix.inc
    # test-only: a non-.php file routed to the pool (limit_extensions)
    <Files "secret.txt">
        SetHandler "proxy:unix:$sock|scgi://localhost"
    </Files>
</VirtualHost>
APACHE
}

apache_vhost_tcp() { # PORT
	# the snippet's TCP variant: its ProxyPassMatch lines instead of the
	# SetHandler block
	sed -e '/^<FilesMatch/,/^<\/FilesMatch>/d' \
	    -e '/SetHandler "proxy:unix:/d' \
	    -e 's|^#\(ProxyPassMatch.*scgi://127.0.0.1:9001.*\)$|\1|' \
	    -e "s|127.0.0.1:9001|127.0.0.1:$tcp_port|g" \
	    -e "s|/var/www/html|$docroot|g" \
	    "$examples/apache.conf" > "$dir/apache/tcp.inc"
	cat <<APACHE
<VirtualHost 127.0.0.1:$1>
    DocumentRoot $docroot
    # test-only: a non-.php file routed to the pool (limit_extensions)
    ProxyPass "/secret.txt" "scgi://127.0.0.1:$tcp_port$docroot/secret.txt"
    Include $dir/apache/tcp.inc
</VirtualHost>
APACHE
}

start_apache() {
	[ -n "${apache_started:-}" ] && return "$apache_started"
	apache_started=1
	command -v apache2 > /dev/null || { apache_why="apache2 not installed"; return 1; }
	apache_unix_port=$(free_port)
	apache_tcp_port=$(free_port)
	mods=/usr/lib/apache2/modules
	mkdir -p "$dir/apache"
	{
		cat <<APACHE
ServerRoot $dir/apache
ServerName 127.0.0.1
PidFile $dir/apache/httpd.pid
Mutex file:$dir/apache default
ErrorLog $dir/apache/error.log
LogLevel warn
<IfModule !mpm_event_module>
LoadModule mpm_event_module $mods/mod_mpm_event.so
</IfModule>
<IfModule !unixd_module>
LoadModule unixd_module $mods/mod_unixd.so
</IfModule>
<IfModule !log_config_module>
LoadModule log_config_module $mods/mod_log_config.so
</IfModule>
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule authz_host_module $mods/mod_authz_host.so
LoadModule mime_module $mods/mod_mime.so
LoadModule dir_module $mods/mod_dir.so
LoadModule setenvif_module $mods/mod_setenvif.so
LoadModule env_module $mods/mod_env.so
LoadModule proxy_module $mods/mod_proxy.so
LoadModule proxy_scgi_module $mods/mod_proxy_scgi.so
User $httpd_user
Group $httpd_group
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
MinSpareThreads 4
MaxSpareThreads 32
Listen 127.0.0.1:$apache_unix_port
Listen 127.0.0.1:$apache_tcp_port
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $dir/apache/access.log common
DocumentRoot $docroot
DirectoryIndex index.php
LimitRequestBody 67108864
<Directory />
    Require all denied
</Directory>
<Directory $docroot>
    Require all granted
</Directory>
APACHE
		apache_vhost_unix "$apache_unix_port"
		apache_vhost_tcp "$apache_tcp_port"
	} > "$dir/apache/httpd.conf"
	apache2 -f "$dir/apache/httpd.conf" -DFOREGROUND > "$dir/apache/out" 2>&1 &
	pids="$pids $!"
	if ! wait_for_port "$apache_unix_port" 10 || ! wait_for_port "$apache_tcp_port" 5; then
		apache_why="apache2 did not start: $(tail -n 2 "$dir/apache/error.log" "$dir/apache/out" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	apache_started=0
}

start_lighttpd() {
	[ -n "${lighttpd_started:-}" ] && return "$lighttpd_started"
	lighttpd_started=1
	command -v lighttpd > /dev/null || { lighttpd_why="lighttpd not installed"; return 1; }
	lighttpd_port=$(free_port)
	mkdir -p "$dir/lighttpd"
	# lighttpd opens its error log after dropping privileges
	chmod 1777 "$dir/lighttpd"
	sed -e "s|/run/php-fpm-scgi.sock|$sock|g" "$examples/lighttpd.conf" > "$dir/lighttpd/scgi.inc"
	cat > "$dir/lighttpd/lighttpd.conf" <<LIGHTTPD
server.document-root = "$docroot"
server.bind = "127.0.0.1"
server.port = $lighttpd_port
server.pid-file = "$dir/lighttpd/lighttpd.pid"
server.errorlog = "$dir/lighttpd/error.log"
server.upload-dirs = ( "$dir/lighttpd-upload" )
server.username = "$httpd_user"
server.groupname = "$httpd_group"
server.max-request-size = 65536
index-file.names = ( "index.php" )
mimetype.assign = ( ".txt" => "text/plain", ".html" => "text/html" )
include "$dir/lighttpd/scgi.inc"
# test-only: stream flush() (lighttpd buffers whole responses by default)
\$HTTP["url"] == "/stream.php" { server.stream-response-body = 1 }
# test-only: a non-.php file routed to the pool (limit_extensions)
scgi.server += ( "/secret.txt" => (( "socket" => "$sock", "check-local" => "disable" )) )
LIGHTTPD
	lighttpd -D -f "$dir/lighttpd/lighttpd.conf" > "$dir/lighttpd/out" 2>&1 &
	pids="$pids $!"
	if ! wait_for_port "$lighttpd_port" 10; then
		lighttpd_why="lighttpd did not start: $(tail -n 2 "$dir/lighttpd/error.log" "$dir/lighttpd/out" 2>/dev/null | tr '\n' ' ')"
		return 1
	fi
	lighttpd_started=0
}

# ---------------------------------------------------------------- the checks
# curl with a bound; -g: no globbing of [] in URLs
c() { curl -sS -g --max-time 15 "$@"; }

# check_code NAME PATH CODE [extra check of the header file]
check_code() {
	got=$(c -o "$dir/body" -D "$dir/hdr" -w '%{http_code}' "$base$2" 2>&1)
	if [ "$got" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "GET $2: expected $3, got '$got' ($(head -c 120 "$dir/body" 2>/dev/null | tr '\n' ' '))"
	fi
}

j() { python3 "$client" json "$dir/out.json" "$1"; }

run_checks() {
	base="http://127.0.0.1:$port"
	pool=$1

	# sapi + a $_SERVER dump for QUIRKS.md
	c -o "$dir/dump-$srv.json" "$base/info.php/some/path?q=1" 2>/dev/null
	c -o "$dir/out.json" "$base/info.php" 2>"$dir/err"
	v=$(j sapi)
	[ "$v" = fpm-scgi ] && pass sapi || fail sapi "php_sapi_name() is '$v' $(head -c 200 "$dir/out.json" "$dir/err" | tr '\n' ' ')"

	c -o "$dir/out.json" "$base/info.php?a=1&b=hello%20world&arr%5B%5D=x" 2>"$dir/err"
	if [ "$(j get.a)" = 1 ] && [ "$(j get.b)" = "hello world" ] && [ "$(j get.arr)" = '["x"]' ] \
	    && [ "$(j server.QUERY_STRING)" = "a=1&b=hello%20world&arr%5B%5D=x" ]; then
		pass get
	else
		fail get "\$_GET $(j get), QUERY_STRING '$(j server.QUERY_STRING)'"
	fi

	c -o "$dir/out.json" --data 'x=1&y=two+words&z=%26' "$base/info.php?m=post" 2>"$dir/err"
	if [ "$(j post.y)" = "two words" ] && [ "$(j post.z)" = "&" ] && [ "$(j get.m)" = post ] \
	    && [ "$(j server.REQUEST_METHOD)" = POST ]; then
		pass post
	else
		fail post "\$_POST $(j post), method '$(j server.REQUEST_METHOD)'"
	fi

	c --max-time 60 -o "$dir/out.txt" -F "file=@$dir/upload.bin" -F note=hi "$base/upload.php" 2>"$dir/err"
	if grep -qx "file $upload_size $upload_sha" "$dir/out.txt" && grep -q '"note":"hi"' "$dir/out.txt"; then
		pass upload
	else
		fail upload "expected 'file $upload_size $upload_sha', got '$(head -c 200 "$dir/out.txt" "$dir/err" | tr '\n' ' ')'"
	fi

	rm -f "$dir/big.out"
	c --max-time 60 -o "$dir/big.out" "$base/big.php" 2>"$dir/err"
	got=$(sha256sum "$dir/big.out" 2>/dev/null | cut -d' ' -f1)
	if [ "$got" = "$big_sha" ]; then
		pass big
	else
		fail big "10 MiB body sha256 $got, size $(wc -c < "$dir/big.out" 2>/dev/null), expected $big_sha $(head -c 200 "$dir/err")"
	fi

	# flush(): "first" must arrive long before the script's 2 s sleep ends
	set -- $(python3 "$client" ttfb "$port" /stream.php 2>&1)
	if [ "${1:--1}" -ge 0 ] 2>/dev/null && [ "$1" -lt 1500 ] && [ "${2:--1}" -ge 1800 ] 2>/dev/null; then
		pass stream
	else
		fail stream "'first' after ${1:-?} ms, 'second' after ${2:-?} ms (want < 1500 and >= 1800): $*"
	fi

	check_code status-200 /info.php 200
	check_code status-302 /redirect.php 302
	loc=$(tr -d '\r' < "$dir/hdr" | sed -n 's/^[Ll]ocation: //p')
	case $loc in
	*/info.php?from=redirect) pass status-302-location ;;
	*) fail status-302-location "Location: '$loc'" ;;
	esac
	check_code status-404 /missing.php 404
	check_code status-403 /secret.txt 403
	check_code status-500 /fatal.php 500
	check_code status-418 /status418.php 418

	c -o /dev/null -D "$dir/hdr" "$base/cookies.php" 2>"$dir/err"
	n=$(tr -d '\r' < "$dir/hdr" | grep -ciE '^set-cookie: (a=1|b=2|c=three)')
	[ "$n" = 3 ] && pass cookies || fail cookies "$n of 3 Set-Cookie headers: $(grep -i cookie "$dir/hdr" | tr '\r\n' '  ')"

	c -o "$dir/out.json" "$base/info.php/some/path" 2>"$dir/err"
	if [ "$(j server.PATH_INFO)" = /some/path ] && [ "$(j server.SCRIPT_NAME)" = /info.php ] \
	    && [ "$(j server.SCRIPT_FILENAME)" = "$docroot/info.php" ]; then
		pass pathinfo
	else
		fail pathinfo "PATH_INFO '$(j server.PATH_INFO)' SCRIPT_NAME '$(j server.SCRIPT_NAME)' SCRIPT_FILENAME '$(j server.SCRIPT_FILENAME)'"
	fi

	case $srv in
	nginx-*)
		# the SAPI's fallback for nginx's stock scgi_params: SCRIPT_FILENAME
		# from DOCUMENT_ROOT + DOCUMENT_URI, then FPM's PATH_INFO split
		c -o "$dir/out.json" "$base/stock/info.php/some/path?q=1" 2>"$dir/err"
		cp "$dir/out.json" "$dir/dump-$srv-stock.json"
		if [ "$(j server.PATH_INFO)" = /some/path ] && [ "$(j server.SCRIPT_NAME)" = /stock/info.php ] \
		    && [ "$(j server.SCRIPT_FILENAME)" = "$docroot/stock/info.php" ]; then
			pass pathinfo-stock-params
		else
			fail pathinfo-stock-params "PATH_INFO '$(j server.PATH_INFO)' SCRIPT_NAME '$(j server.SCRIPT_NAME)' SCRIPT_FILENAME '$(j server.SCRIPT_FILENAME)'"
		fi

		c -o "$dir/out.json" -w '%{http_code}' "$base/override/info.php" > "$dir/code" 2>"$dir/err"
		if [ "$(cat "$dir/code")" = 200 ] && [ "$(j server.HTTPS)" = on ] \
		    && [ "$(j server.SERVER_NAME)" = override.example ] && [ "$(j server.HTTP_HOST)" = "127.0.0.1:$port" ]; then
			pass overridden-params
		else
			fail overridden-params "HTTP $(cat "$dir/code"): HTTPS '$(j server.HTTPS)' SERVER_NAME '$(j server.SERVER_NAME)' HTTP_HOST '$(j server.HTTP_HOST)'"
		fi
		;;
	esac

	c -o "$dir/out.json" -H 'X-Test: hello-e2e' "$base/info.php" 2>"$dir/err"
	if [ "$(j server.HTTP_X_TEST)" = hello-e2e ] && [ "$(j headers.X-Test)" = hello-e2e ]; then
		pass headers
	else
		fail headers "HTTP_X_TEST '$(j server.HTTP_X_TEST)', getallheaders() $(j headers)"
	fi

	# header lines the client repeated: nginx 1.22 sends one pair per line
	# (joined by the SAPI, Cookie lines with "; "), Apache and lighttpd send
	# them joined; the script sees one list either way
	c -o "$dir/out.json" -w '%{http_code}' -H 'X-Forwarded-For: 10.0.0.1' -H 'X-Forwarded-For: 10.0.0.2' \
	    -H 'Accept: text/html' -H 'Accept: */*' -H 'X-Three: a' -H 'X-Three: b' -H 'X-Three: c' \
	    -H 'Cookie: a=1' -H 'Cookie: b=2; c=3' "$base/info.php" > "$dir/code" 2>"$dir/err"
	cookies=ok
	case $srv in
	nginx-*) [ "$(j cookie.a)$(j cookie.b)$(j cookie.c)" = 123 ] || cookies="\$_COOKIE $(j cookie)" ;;
	esac
	if [ "$(cat "$dir/code")" = 200 ] && [ "$(j server.HTTP_X_FORWARDED_FOR)" = "10.0.0.1, 10.0.0.2" ] \
	    && [ "$(j headers.X-Forwarded-For)" = "10.0.0.1, 10.0.0.2" ] && [ "$(j server.HTTP_ACCEPT)" = "text/html, */*" ] \
	    && [ "$(j server.HTTP_X_THREE)" = "a, b, c" ] && [ $cookies = ok ]; then
		pass repeated-headers
	else
		fail repeated-headers "HTTP $(cat "$dir/code"): HTTP_X_FORWARDED_FOR '$(j server.HTTP_X_FORWARDED_FOR)' HTTP_ACCEPT '$(j server.HTTP_ACCEPT)' HTTP_X_THREE '$(j server.HTTP_X_THREE)' cookies: $cookies"
	fi

	c -o "$dir/out.txt" "$base/status" 2>"$dir/err"
	if grep -q "^pool: *$pool\$" "$dir/out.txt" && grep -q '^process manager: *static' "$dir/out.txt"; then
		pass fpm-status
	else
		fail fpm-status "GET /status: $(head -c 200 "$dir/out.txt" "$dir/err" | tr '\n' ' ')"
	fi
	c -o "$dir/out.json" "$base/status?json" 2>"$dir/err"
	if [ "$(j pool)" = "$pool" ] && [ "$(j 'total processes')" = 3 ]; then
		pass fpm-status-json
	else
		fail fpm-status-json "GET /status?json: $(head -c 200 "$dir/out.json" "$dir/err" | tr '\n' ' ')"
	fi
	got=$(c "$base/ping" 2>&1)
	[ "$got" = pong ] && pass ping || fail ping "GET /ping: '$(echo "$got" | head -c 200)'"

	set -- $(python3 "$client" head "$port" /info.php 2>&1)
	case "${1:-}" in
	HTTP/1.?_200*) [ "${2:-x}" = 0 ] && pass head || fail head "$2 bytes of body after HEAD" ;;
	*) fail head "HEAD /info.php: $*" ;;
	esac

	# clients that go away mid-response (RST after 64 KiB of 10 MiB), more
	# of them than workers; then every worker must still answer
	ok=1
	for i in 1 2 3 4; do
		python3 "$client" disconnect "$port" /big.php 65536 > /dev/null 2>&1 || ok=0
	done
	for i in 1 2 3 4 5 6; do
		c -o "$dir/out.json" "$base/info.php" 2>/dev/null
		[ "$(j sapi)" = fpm-scgi ] || ok=0
	done
	c -o "$dir/big.out" --max-time 60 "$base/big.php" 2>/dev/null
	[ "$(sha256sum "$dir/big.out" | cut -d' ' -f1)" = "$big_sha" ] || ok=0
	if [ $ok = 1 ] && kill -0 "$fpm_pid" 2>/dev/null; then
		pass disconnect
	else
		fail disconnect "after 4 aborted downloads the pool did not answer every request (master alive: $(kill -0 "$fpm_pid" 2>/dev/null && echo yes || echo no))"
	fi
}

for srv in $servers; do
	extra=
	case $srv in nginx-*) extra="pathinfo-stock-params overridden-params" ;; esac
	case $srv in
	nginx-unix)    start_nginx;    up=$?; port=${nginx_unix_port:-}; why=${nginx_why:-}; pool=unix ;;
	nginx-tcp)     start_nginx;    up=$?; port=${nginx_tcp_port:-}; why=${nginx_why:-}; pool=tcp ;;
	apache-unix)   start_apache;   up=$?; port=${apache_unix_port:-}; why=${apache_why:-}; pool=unix ;;
	apache-tcp)    start_apache;   up=$?; port=${apache_tcp_port:-}; why=${apache_why:-}; pool=tcp ;;
	lighttpd-unix) start_lighttpd; up=$?; port=${lighttpd_port:-}; why=${lighttpd_why:-}; pool=unix ;;
	*) echo "FAIL: e2e $srv: unknown server"; continue ;;
	esac
	case $why in
	*"not installed") for chk in $checks $extra; do echo "SKIP: e2e $srv $chk: $why"; done; continue ;;
	esac
	if [ "$up" != 0 ]; then
		echo "FAIL: e2e $srv start: $why"
		for chk in $checks $extra; do echo "SKIP: e2e $srv $chk: server did not start"; done
		continue
	fi
	run_checks "$pool"
done

# whatever happened above, the pool must not have lost a worker to a signal
srv=pool
if grep -qE 'exited on signal|SIGSEGV|core dumped|zend_mm_heap corrupted' "$dir/php-fpm-scgi.log"; then
	fail no-crash "$(grep -E 'exited on signal|SIGSEGV|core dumped|zend_mm_heap' "$dir/php-fpm-scgi.log" | head -n 3 | tr '\n' ' ')"
else
	pass no-crash
fi
if kill -0 "$fpm_pid" 2>/dev/null; then
	pass master-alive
else
	fail master-alive "php-fpm-scgi master exited: $(tail -n 3 "$dir/php-fpm-scgi.log" | tr '\n' ' ')"
fi
if [ "${E2E_DUMP:-}" ]; then
	mkdir -p "$E2E_DUMP" && cp "$dir"/dump-*.json "$dir/php-fpm-scgi.log" "$E2E_DUMP/" 2>/dev/null
fi
exit 0
