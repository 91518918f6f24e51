#!/bin/sh
# The demo: php-fpm-scgi with a demo pool and nginx in front of it
# (scgi_pass), serving examples/demo on a loopback port.  Ctrl-C stops both.
#
#   tools/run-demo.sh PREFIX        (DEMO_PORT=8080 to choose the port)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(cd "${1:?usage: run-demo.sh PREFIX}" && pwd)
. "$top/tests/lib/net.sh"

port=${DEMO_PORT:-$(free_port)}
dir=$(mktemp -d /tmp/php-fpm-scgi-demo.XXXXXX)
chmod 755 "$dir"
cp -r "$top/examples/demo" "$dir/docroot"
chmod -R a+rX "$dir/docroot"
user=$(id -un)

cat > "$dir/php-fpm-scgi.conf" <<CONF
[global]
error_log = $dir/php-fpm-scgi.log
pid = $dir/php-fpm-scgi.pid
daemonize = no

[demo]
listen = $dir/pool.sock
listen.mode = 0666
$( [ "$user" = root ] && echo "user = nobody" )
pm = dynamic
pm.max_children = 4
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
pm.status_path = /status
ping.path = /ping
access.log = $dir/access.log
catch_workers_output = yes
CONF

sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" "$top/examples/demo-nginx.conf" > "$dir/nginx.conf"

pids=
stop() {
	trap - INT TERM EXIT
	for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in $pids; do wait "$pid" 2>/dev/null || true; done
	echo "demo: stopped; logs were in $dir"
}
trap stop INT TERM EXIT

"$prefix/sbin/php-fpm-scgi" -F -y "$dir/php-fpm-scgi.conf" -c "$prefix/etc" &
pids="$!"
wait_for_path "$dir/pool.sock" 10 || { echo "demo: php-fpm-scgi did not start; see $dir/php-fpm-scgi.log" >&2; exit 1; }
nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
pids="$pids $!"
wait_for_port "$port" 10 || { echo "demo: nginx did not start" >&2; exit 1; }

echo
echo "  php-fpm-scgi demo: http://127.0.0.1:$port/"
echo "  pool status:       http://127.0.0.1:$port/status?html&full"
echo "  logs:              $dir"
echo "  Ctrl-C stops nginx and php-fpm-scgi."
echo
wait
