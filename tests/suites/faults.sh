#!/bin/bash
# Faults under load: killed workers, reloads, recycling, runaway and crashing
# scripts, overload, clients that never read, oversized posts, data leaking
# between requests, and a pool host lost behind an nginx upstream.
#
#   SCGI_TOP=. SCGI_PREFIX=build/prefix tests/suites/faults.sh
#
# One line per check: "PASS: faults NAME: numbers", "FAIL: faults NAME: why",
# "SKIP: faults NAME: why".  FAULTS_CHECKS="kill9 reload" runs a subset;
# FAULTS_KEEP=1 keeps the temp dir (configs, logs, client summaries).
#
# Load is tests/faults/scgi_client.py speaking SCGI straight to the pool's
# unix socket (HTTP through nginx for the netns check).  Everything lives in
# one mktemp dir; every master is started in a process group of its own and
# stopped by that group on every exit path; network namespaces and veths
# made here are deleted on exit.  The whole suite takes about 80-90 s.
set -u

top=${SCGI_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
prefix=${SCGI_PREFIX:-$top/build/prefix}
fpm=${FAULTS_FPM:-$prefix/sbin/php-fpm-scgi}
client="$top/tests/faults/scgi_client.py"
checks=${FAULTS_CHECKS:-kill9 reload maxreq forever crash backlog noread postmax isolation netns}

if [ ! -x "$fpm" ]; then
	echo "FAIL: faults setup: $fpm missing (build first)"
	exit 1
fi

dir=$(mktemp -d /tmp/php-fpm-scgi-faults.XXXXXX) || { echo "FAIL: faults setup: mktemp"; exit 1; }
chmod 755 "$dir"
groups=""      # process groups of the masters started here (pgid = master pid)
pids=""        # other processes started here (clients, nginx)
netnses=""     # network namespaces made here
veths=""       # root-side veth ends made here

running() {
	state=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

# stop_pid PID: TERM, KILL after 3 s; reap
stop_pid() {
	kill -TERM "$1" 2>/dev/null || { wait "$1" 2>/dev/null; return 0; }
	local i=0
	while running "$1" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# stop_group PGID: the master (TERM: it stops its workers), then KILL
# whatever of its process group is left
stop_group() {
	kill -TERM "$1" 2>/dev/null
	local i=0
	while running "$1" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if pgrep -g "$1" > /dev/null 2>&1; then
		kill -KILL -- "-$1" 2>/dev/null
	fi
	wait "$1" 2>/dev/null
	return 0
}

cleanup() {
	trap - EXIT INT TERM HUP PIPE
	local p
	for p in $pids; do stop_pid "$p"; done
	for p in $groups; do stop_group "$p"; done
	for p in $veths; do ip link del "$p" 2>/dev/null; done
	for p in $netnses; do ip netns del "$p" 2>/dev/null; done
	if [ "${FAULTS_KEEP:-0}" = 1 ]; then
		echo "faults: kept $dir" >&2
	else
		rm -rf "$dir"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

pass() { echo "PASS: faults $1: $2"; }
fail() { echo "FAIL: faults $1: $2"; }
skip() { echo "SKIP: faults $1: $2"; }

# jget FILE EXPR: a Python expression over the JSON document j in FILE
jget() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=eval(sys.argv[2]); print(r if not isinstance(r,(dict,list)) else json.dumps(r))' "$1" "$2" 2>/dev/null
}

count() { # count PATTERN FILE: lines matching (0 when no file)
	local n
	n=$(grep -c -- "$1" "$2" 2>/dev/null)
	echo "${n:-0}"
}

# ----------------------------------------------------------- the docroot
docroot="$dir/docroot"
mkdir -p "$docroot" "$dir/tmp"
chmod 1777 "$dir/tmp"
cat > "$docroot/ok.php" <<'PHP'
<?php
usleep(isset($_GET['us']) ? (int) $_GET['us'] : 20000);
echo "OK ", getmypid(), " ", isset($_GET['id']) ? $_GET['id'] : '-', " ", getenv('HOSTID') ?: '-', "\n";
PHP
cat > "$docroot/sleep.php" <<'PHP'
<?php
$t = microtime(true);
sleep(1);
echo "OK ", getmypid(), " ", $_GET['id'], " ", sprintf('%.3f', $t), "\n";
PHP
cat > "$docroot/forever.php" <<'PHP'
<?php
function spin_forever() { $i = 0; while (1) { $i++; } }
spin_forever();
PHP
cat > "$docroot/memory.php" <<'PHP'
<?php
$a = [];
while (1) { $a[] = str_repeat('x', 1 << 20); }
PHP
cat > "$docroot/fatal.php" <<'PHP'
<?php
this_function_does_not_exist();
PHP
cat > "$docroot/shutdown_exit.php" <<'PHP'
<?php
register_shutdown_function(function () { echo "in-shutdown\n"; exit(3); echo "never\n"; });
echo "main\n";
PHP
cat > "$docroot/segv.php" <<'PHP'
<?php
posix_kill(getmypid(), 11);
echo "survived\n";
PHP
cat > "$docroot/big.php" <<'PHP'
<?php
$chunk = str_repeat('x', 65536);
for ($i = 0; $i < 800; $i++) { echo $chunk; }
PHP
cat > "$docroot/post.php" <<'PHP'
<?php
$e = error_get_last();
$files = [];
foreach ($_FILES as $k => $f) { $files[$k] = $f['error']; }
echo json_encode(['post' => count($_POST), 'files' => $files,
	'input' => strlen(file_get_contents('php://input')),
	'error' => $e ? $e['message'] : null]), "\n";
PHP
cat > "$docroot/dump.php" <<'PHP'
<?php
echo "SERVER ", var_export($_SERVER, true), "\n";
echo "GETENV ", var_export(getenv(), true), "\n";
echo "INPUT ", var_export(file_get_contents('php://input'), true), "\n";
echo "POST ", var_export($_POST, true), "\n";
echo "GET ", var_export($_GET, true), "\n";
echo "COOKIE ", var_export($_COOKIE, true), "\n";
echo "FILES ", var_export($_FILES, true), "\n";
echo "PUTENV ", var_export(getenv('LEAKED_PUTENV'), true), "\n";
echo "HEADERS ", var_export(headers_list(), true), "\n";
echo "PID ", getmypid(), "\n";
PHP
cat > "$docroot/secret.php" <<'PHP'
<?php
putenv("LEAKED_PUTENV=putenv-secret-41d7");
$_SERVER['LEAKED_SERVER'] = 'server-secret-8e2a';
header('X-Leak: header-secret-55b1');
setcookie('leak', 'cookie-secret-0f9e');
echo "A ", getmypid(), " ", file_get_contents('php://input'), "\n";
PHP
chmod -R a+rX "$docroot"

if [ "$(id -u)" = 0 ]; then
	run_as="user = nobody"
else
	run_as="; not root: workers run as the invoking user"
fi

# ------------------------------------------------------------ the pools
# write_pool NAME LISTEN [directive ...]: $dir/NAME/fpm.conf
write_pool() {
	local name=$1 listen=$2 d
	shift 2
	mkdir -p "$dir/$name"
	chmod 755 "$dir/$name"
	{
		cat <<CONF
[global]
error_log = $dir/$name/fpm.log
pid = $dir/$name/fpm.pid
daemonize = no
log_level = notice
process_control_timeout = 10s

[www]
$run_as
listen = $listen
listen.mode = 0666
catch_workers_output = yes
rlimit_core = 0
security.limit_extensions = .php
php_admin_value[output_buffering] = 0
php_admin_value[display_errors] = 0
php_admin_value[log_errors] = 1
php_admin_value[error_log] = $dir/$name/php_errors.log
php_admin_value[upload_tmp_dir] = $dir/tmp
php_admin_value[sys_temp_dir] = $dir/tmp
php_admin_value[opcache.enable] = 0
CONF
		for d in "$@"; do echo "$d"; done
	} > "$dir/$name/fpm.conf"
	touch "$dir/$name/php_errors.log"
	chmod 666 "$dir/$name/php_errors.log"
}

# start_pool NAME [PREFIX-CMD...]: start the master in a process group of its
# own; sets $master.  Waits for the unix socket (or TCP port) to accept.
start_pool() {
	local name=$1
	shift
	setsid "$@" "$fpm" -F -y "$dir/$name/fpm.conf" -c "$prefix/etc" > "$dir/$name/fpm.out" 2>&1 &
	master=$!
	groups="$groups $master"
	local pg
	pg=$(ps -o pgid= -p "$master" 2>/dev/null | tr -d ' ')
	if [ -n "$pg" ] && [ "$pg" != "$master" ]; then
		echo "faults: master $master is in group $pg, not its own" >&2
	fi
	local i=0
	while [ $i -lt 100 ]; do
		if grep -q "ready to handle connections" "$dir/$name/fpm.log" 2>/dev/null; then
			return 0
		fi
		running "$master" || break
		sleep 0.1
		i=$((i + 1))
	done
	why="php-fpm-scgi did not start: $(tail -n 3 "$dir/$name/fpm.log" "$dir/$name/fpm.out" 2>/dev/null | tr '\n' ' ')"
	return 1
}

forget_group() { # a stopped master: never signal its pid again
	groups=$(echo "$groups" | sed "s/ $1\b//")
}

stop_pool() { # the last master started
	stop_group "$master"
	forget_group "$master"
}

children() { pgrep -P "$1" | sort -n | tr '\n' ' '; }
nchildren() { pgrep -P "$1" | wc -l; }

# wait_children MASTER N SECONDS: until MASTER has N children
wait_children() {
	local i=0
	while [ $i -lt $(( $3 * 10 )) ]; do
		[ "$(nchildren "$1")" -eq "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

req() { # req NAME [client args]: one request to pool NAME's unix socket
	local name=$1
	shift
	python3 "$client" req "unix:$dir/$name/sock" --docroot "$docroot" "$@"
}

# a worker busy in a request: asleep in ok.php's usleep (nanosleep or
# clock_nanosleep), not waiting in accept()
busy_child() {
	local c s
	for c in $(children "$1"); do
		s=$(cut -d' ' -f1 "/proc/$c/syscall" 2>/dev/null)
		if [ "$s" = 35 ] || [ "$s" = 230 ]; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

# start_load NAME SECONDS [args]: steady load in the background, summary in
# $dir/NAME/load.json; stops early when $dir/NAME/stop exists
start_load() {
	local name=$1 seconds=$2
	shift 2
	rm -f "$dir/$name/stop" "$dir/$name/load.json" "$dir/$name/ready"
	python3 "$client" load "unix:$dir/$name/sock" --docroot "$docroot" --clients 4 \
		--seconds "$seconds" --timeout 15 --stop-file "$dir/$name/stop" \
		--ready-file "$dir/$name/ready" --out "$dir/$name/load.json" "$@" > /dev/null 2>&1 &
	load_pid=$!
	pids="$pids $load_pid"
	local i=0
	while [ ! -e "$dir/$name/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

finish_load() { # finish_load NAME: stop the load, wait for its summary
	touch "$dir/$1/stop"
	local i=0
	while running "$load_pid" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	stop_pid "$load_pid"
	pids=$(echo "$pids" | sed "s/ $load_pid\b//")
	[ -s "$dir/$1/load.json" ]
}

load_numbers() { # "N requests, F failed (reasons), max latency"
	local f=$dir/$1/load.json
	echo "$(jget "$f" 'j["total"]') requests, $(jget "$f" 'j["failed"]') failed $(jget "$f" 'j["reasons"]'), $(jget "$f" 'j["distinct_pids"]') worker pids, max latency $(jget "$f" 'j["max_latency_ms"]') ms"
}

# ===================================================================
# 1. kill -9 of a busy worker under steady load
check_kill9() {
	local n=kill9 kills=0 killed="" i c before failed total hung respawned
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 4"
	start_pool $n || { fail $n "$why"; return; }
	start_load $n 30
	sleep 1
	for i in 1 2 3 4 5; do
		c=""
		local t=0
		while [ -z "$c" ] && [ $t -lt 20 ]; do
			c=$(busy_child "$master") || c=""
			[ -z "$c" ] && sleep 0.05
			t=$((t + 1))
		done
		if [ -n "$c" ]; then
			kill -KILL "$c" && kills=$((kills + 1)) && killed="$killed $c"
		fi
		sleep 1.2
	done
	sleep 1
	finish_load $n || { fail $n "no load summary"; stop_pool; return; }
	wait_children "$master" 4 5
	before=$(children "$master")
	respawned=1
	for c in $killed; do
		case " $before " in *" $c "*) respawned=0 ;; esac
	done
	failed=$(jget "$dir/$n/load.json" 'j["failed"]')
	total=$(jget "$dir/$n/load.json" 'j["total"]')
	hung=$(jget "$dir/$n/load.json" 'j["hung_threads"]')
	local signals
	signals=$(count "exited on signal 9" "$dir/$n/fpm.log")
	local nums="$kills kills of busy workers, $(load_numbers $n), master logged $signals SIGKILL exits, $(nchildren "$master") workers after"
	if [ "$kills" -lt 3 ]; then
		fail $n "found a busy worker to kill only $kills times: $nums"
	elif [ "$failed" -gt "$kills" ] || [ "$hung" != 0 ]; then
		fail $n "more failures than kills (each kill may fail only its 1 in-flight request): $nums"
	elif [ "$respawned" != 1 ] || [ "$(nchildren "$master")" -ne 4 ] || [ "$signals" -ne "$kills" ]; then
		fail $n "workers not respawned: $nums"
	elif [ "$total" -lt 100 ]; then
		fail $n "too little load to mean anything: $nums"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 2. SIGUSR2 graceful reload, 10 times during steady load
check_reload() {
	local n=reload i reloads=0 ready failed hung old_master
	write_pool $n "$dir/$n/sock" "pm = dynamic" "pm.max_children = 6" "pm.start_servers = 4" \
		"pm.min_spare_servers = 2" "pm.max_spare_servers = 5"
	start_pool $n || { fail $n "$why"; return; }
	old_master=$master
	start_load $n 60
	sleep 1
	for i in 1 2 3 4 5 6 7 8 9 10; do
		ready=$(count "ready to handle connections" "$dir/$n/fpm.log")
		kill -USR2 "$master" || break
		local t=0
		while [ "$(count "ready to handle connections" "$dir/$n/fpm.log")" -le "$ready" ] && [ $t -lt 120 ]; do
			sleep 0.1
			t=$((t + 1))
		done
		[ "$(count "ready to handle connections" "$dir/$n/fpm.log")" -gt "$ready" ] && reloads=$((reloads + 1))
		sleep 0.5
	done
	sleep 0.5
	finish_load $n || { fail $n "no load summary"; stop_pool; return; }
	failed=$(jget "$dir/$n/load.json" 'j["failed"]')
	hung=$(jget "$dir/$n/load.json" 'j["hung_threads"]')
	local nums="$reloads/10 reloads completed, $(load_numbers $n), master pid $old_master -> $master ($(running "$master" && echo alive || echo gone))"
	if [ "$reloads" -ne 10 ]; then
		fail $n "reloads did not complete: $nums; log: $(grep -E 'ERROR|WARNING' "$dir/$n/fpm.log" | tail -n 3 | tr '\n' ' ')"
	elif [ "$failed" != 0 ] || [ "$hung" != 0 ]; then
		fail $n "failed requests during reloads: $nums; failures: $(jget "$dir/$n/load.json" 'j["failures"][:5]')"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 3. pm.max_requests recycling under steady load
check_maxreq() {
	local n=maxreq failed hung exits
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 4" "pm.max_requests = 5"
	start_pool $n || { fail $n "$why"; return; }
	start_load $n 8
	sleep 8
	finish_load $n || { fail $n "no load summary"; stop_pool; return; }
	failed=$(jget "$dir/$n/load.json" 'j["failed"]')
	hung=$(jget "$dir/$n/load.json" 'j["hung_threads"]')
	exits=$(count "exited with code 0" "$dir/$n/fpm.log")
	local nums="$(load_numbers $n), $exits workers recycled"
	if [ "$failed" != 0 ] || [ "$hung" != 0 ]; then
		fail $n "$nums; failures: $(jget "$dir/$n/load.json" 'j["failures"][:5]')"
	elif [ "$exits" -lt 20 ]; then
		fail $n "workers were not recycled: $nums"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 4. a script that runs forever
check_forever() {
	local n=forever r pid0 pid1 elapsed err status slow_ok
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 1" \
		"request_terminate_timeout = 2s" "request_slowlog_timeout = 1s" "slowlog = $dir/$n/slow.log"
	start_pool $n || { fail $n "$why"; return; }
	pid0=$(req $n --path /ok.php --query id=x | python3 -c 'import json,sys; print(json.load(sys.stdin)["body"].split()[1])' 2>/dev/null)
	r=$(req $n --path /forever.php --timeout 10)
	echo "$r" > "$dir/$n/forever.json"
	elapsed=$(jget "$dir/$n/forever.json" 'j["elapsed"]')
	err=$(jget "$dir/$n/forever.json" 'j["error"]')
	status=$(jget "$dir/$n/forever.json" 'j["status"]')
	sleep 0.3
	r=$(req $n --path /ok.php --query id=y --timeout 5)
	echo "$r" > "$dir/$n/next.json"
	pid1=$(jget "$dir/$n/next.json" 'j["body"].split()[1]')
	slow_ok=0
	if grep -q "spin_forever()" "$dir/$n/slow.log" 2>/dev/null && grep -q "forever.php" "$dir/$n/slow.log"; then
		slow_ok=1
	fi
	local term
	term=$(count "execution timed out" "$dir/$n/fpm.log")
	local nums="client got '${err:-status $status}' after ${elapsed}s, slowlog backtrace $([ $slow_ok = 1 ] && echo 'names spin_forever() in forever.php' || echo MISSING), master logged $term timeouts, worker $pid0 -> $pid1, next request status $(jget "$dir/$n/next.json" 'j["status"]')"
	if [ "$err" = "None" ] && [ "$status" = 200 ]; then
		fail $n "runaway script answered 200: $nums"
	elif python3 -c "import sys; sys.exit(0 if float('$elapsed') <= 3.5 else 1)" 2>/dev/null; [ $? -ne 0 ]; then
		fail $n "client waited too long (bound 3.5 s): $nums"
	elif [ $slow_ok != 1 ]; then
		fail $n "slowlog: $nums; slowlog: $(head -c 300 "$dir/$n/slow.log" 2>/dev/null | tr '\n' ' ')"
	elif [ -z "$pid1" ] || [ "$pid1" = "$pid0" ] || [ "$(jget "$dir/$n/next.json" 'j["status"]')" != 200 ]; then
		fail $n "worker not replaced or next request failed: $nums"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 5. memory_limit, fatal error, exit() in a shutdown function, SIGSEGV
check_crash() {
	local n=crash s r result="" bad="" st er body next
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 1" \
		"php_admin_value[memory_limit] = 32M" "request_terminate_timeout = 20s"
	start_pool $n || { fail $n "$why"; return; }
	for s in memory fatal shutdown_exit segv; do
		req $n --path "/$s.php" --timeout 10 > "$dir/$n/$s.json"
		st=$(jget "$dir/$n/$s.json" 'j["status"]')
		er=$(jget "$dir/$n/$s.json" 'j["error"]')
		body=$(jget "$dir/$n/$s.json" 'j["body"].strip().replace("\n","|")')
		req $n --path /ok.php --query "id=after-$s" --timeout 10 > "$dir/$n/$s-next.json"
		next=$(jget "$dir/$n/$s-next.json" 'j["status"]')
		case $s in
			memory|fatal)
				r="$st"
				{ [ "$st" = 500 ] || [ "$er" != None ]; } || bad="$bad $s:client-got-$st" ;;
			shutdown_exit)
				r="$st '$body'"
				{ [ "$st" = 200 ] && [ "$body" = "main|in-shutdown" ]; } || bad="$bad $s:got-$st-'$body'-$er" ;;
			segv)
				r="$er"
				{ [ "$er" != None ] && [ "$st" = None ]; } || bad="$bad $s:client-got-$st-$er" ;;
		esac
		[ "$next" = 200 ] || bad="$bad $s:next-request-$next-$(jget "$dir/$n/$s-next.json" 'j["error"]')"
		result="$result $s=>$r, next 200;"
	done
	local memerr fatalerr sig
	memerr=$(count "Allowed memory size" "$dir/$n/php_errors.log")
	fatalerr=$(count "Call to undefined function" "$dir/$n/php_errors.log")
	sig=$(count "exited on signal 11" "$dir/$n/fpm.log")
	[ "$memerr" -ge 1 ] || bad="$bad memory:no-log-line"
	[ "$fatalerr" -ge 1 ] || bad="$bad fatal:no-log-line"
	[ "$sig" -eq 1 ] || bad="$bad segv:master-logged-$sig-SIGSEGV-exits"
	result="$result php log: memory $memerr, fatal $fatalerr; master: $sig SIGSEGV exit"
	if [ -n "$bad" ]; then
		fail $n "$bad ($result)"
	else
		pass $n "$result"
	fi
	stop_pool
}

# 6. more clients than workers: default backlog, then listen.backlog = 1
check_backlog() {
	local n=backlog out ok errs hung total maxel order
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 2"
	start_pool $n || { fail "$n-default" "$why"; return; }
	out="$dir/$n/burst.json"
	python3 "$client" burst "unix:$dir/$n/sock" --docroot "$docroot" --path /sleep.php \
		--clients 8 --stagger 50 --timeout 12 > "$out"
	stop_pool
	ok=$(jget "$out" 'sum(1 for r in j["rows"] if r and r.get("status") == 200)')
	hung=$(jget "$out" 'j["hung"]')
	total=$(jget "$out" 'j["total"]')
	maxel=$(jget "$out" 'max(r["elapsed"] for r in j["rows"] if r)')
	# served in arrival order: a later client never starts more than 0.2 s
	# before an earlier one (two workers take two at a time)
	order=$(jget "$out" 'all(float(a["body"].split()[3]) <= float(b["body"].split()[3]) + 0.2 for a, b in zip(j["rows"], j["rows"][1:]))')
	local nums="8 clients on 2 workers (sleep 1): $ok served, max wait ${maxel}s, all done in ${total}s, FIFO order $order"
	if [ "$ok" != 8 ] || [ "$hung" != 0 ]; then
		fail "$n-default" "$nums; rows: $(head -c 600 "$out")"
	elif [ "$order" != True ]; then
		fail "$n-default" "not served in arrival order: $nums; rows: $(head -c 600 "$out")"
	elif python3 -c "import sys; sys.exit(0 if $total <= 6.5 else 1)"; [ $? -ne 0 ]; then
		fail "$n-default" "too slow: $nums"
	else
		pass "$n-default" "$nums"
	fi

	# listen.backlog = 1: over unix and TCP sockets, each client is served
	# or refused at connect, within the client's 12 s bound
	local kind target port
	for kind in unix tcp; do
		if [ $kind = unix ]; then
			target="unix:$dir/$n-1/sock"
			write_pool "$n-1" "$dir/$n-1/sock" "pm = static" "pm.max_children = 2" "listen.backlog = 1"
		else
			port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
			target="127.0.0.1:$port"
			write_pool "$n-1" "127.0.0.1:$port" "pm = static" "pm.max_children = 2" "listen.backlog = 1"
		fi
		rm -f "$dir/$n-1/fpm.log"
		start_pool "$n-1" || { fail "$n-tiny-$kind" "$why"; continue; }
		out="$dir/$n-1/burst-$kind.json"
		python3 "$client" burst "$target" --docroot "$docroot" --path /sleep.php \
			--clients 8 --stagger 10 --timeout 12 > "$out"
		stop_pool
		ok=$(jget "$out" 'sum(1 for r in j["rows"] if r and r.get("status") == 200)')
		errs=$(jget "$out" 'sorted(set(r.get("error") for r in j["rows"] if r and r.get("error")))')
		local refused slowref other
		refused=$(jget "$out" 'sum(1 for r in j["rows"] if r and str(r.get("error","")).startswith("connect-error"))')
		slowref=$(jget "$out" 'max([r["elapsed"] for r in j["rows"] if r and str(r.get("error","")).startswith("connect-error")] or [0])')
		other=$(jget "$out" 'sum(1 for r in j["rows"] if r and r.get("error") and not str(r["error"]).startswith("connect-error"))')
		hung=$(jget "$out" 'j["hung"]')
		maxel=$(jget "$out" 'max(r["elapsed"] for r in j["rows"] if r)')
		nums="8 clients on 2 workers, listen.backlog=1 ($kind): $ok served, $refused refused at connect (slowest refusal ${slowref}s), $other other errors $errs, max wait ${maxel}s"
		if [ "$hung" != 0 ] || [ "$other" != 0 ] || [ $((ok + refused)) -ne 8 ]; then
			fail "$n-tiny-$kind" "$nums"
		elif python3 -c "import sys; sys.exit(0 if $slowref <= 1.0 else 1)"; [ $? -ne 0 ]; then
			fail "$n-tiny-$kind" "refusal not fast: $nums"
		else
			pass "$n-tiny-$kind" "$nums"
		fi
	done
}

# 7. a client that never reads a 50 MiB response
check_noread() {
	local n=noread hold next el st term
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 1" "request_terminate_timeout = 3s"
	start_pool $n || { fail $n "$why"; return; }
	rm -f "$dir/$n/stop"
	python3 "$client" noread "unix:$dir/$n/sock" --docroot "$docroot" --path /big.php \
		--hold 20 --stop-file "$dir/$n/stop" > /dev/null 2>&1 &
	hold=$!
	pids="$pids $hold"
	sleep 0.5
	req $n --path /ok.php --query id=next --timeout 10 > "$dir/$n/next.json"
	touch "$dir/$n/stop"
	stop_pid "$hold"
	pids=$(echo "$pids" | sed "s/ $hold\b//")
	el=$(jget "$dir/$n/next.json" 'j["elapsed"]')
	st=$(jget "$dir/$n/next.json" 'j["status"]')
	term=$(count "execution timed out" "$dir/$n/fpm.log")
	local nums="next request status $st after ${el}s (request_terminate_timeout 3s; it queued behind the stuck worker), master logged $term timeout(s)"
	if [ "$st" != 200 ] || [ "$term" -lt 1 ]; then
		fail $n "$nums $(jget "$dir/$n/next.json" 'j["error"]')"
	elif python3 -c "import sys; sys.exit(0 if $el <= 5.0 else 1)"; [ $? -ne 0 ]; then
		fail $n "too slow: $nums"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 8. post_max_size / upload_max_filesize exceeded
check_postmax() {
	local n=postmax bad="" a b c
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 1" \
		"php_admin_value[post_max_size] = 64K" "php_admin_value[upload_max_filesize] = 1K"
	start_pool $n || { fail $n "$why"; return; }
	python3 -c 'import sys; sys.stdout.write("a=" + "x" * (1 << 20))' > "$dir/$n/big.form"
	python3 - "$dir/$n/upload.body" <<'PY'
import sys
b = b"--BOUNDARYxyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n" \
    b"Content-Type: application/octet-stream\r\n\r\n" + b"u" * 4096 + \
    b"\r\n--BOUNDARYxyz\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nsmall\r\n--BOUNDARYxyz--\r\n"
open(sys.argv[1], "wb").write(b)
PY
	req $n --path /post.php --body-file "$dir/$n/big.form" \
		--content-type application/x-www-form-urlencoded --timeout 10 > "$dir/$n/a.json"
	req $n --path /post.php --body-file "$dir/$n/upload.body" \
		--content-type "multipart/form-data; boundary=BOUNDARYxyz" --timeout 10 > "$dir/$n/b.json"
	req $n --path /ok.php --query id=next --timeout 10 > "$dir/$n/c.json"
	a=$(jget "$dir/$n/a.json" 'json.loads(j["body"])')
	b=$(jget "$dir/$n/b.json" 'json.loads(j["body"])')
	[ "$(jget "$dir/$n/a.json" 'json.loads(j["body"])["post"] == 0 and "exceeds the limit" in (json.loads(j["body"])["error"] or "")')" = True ] || bad="$bad post_max_size:$(jget "$dir/$n/a.json" 'j')"
	[ "$(jget "$dir/$n/b.json" 'json.loads(j["body"])["files"] == {"f": 1} and json.loads(j["body"])["post"] == 1')" = True ] || bad="$bad upload_max_filesize:$(jget "$dir/$n/b.json" 'j')"
	[ "$(jget "$dir/$n/c.json" 'j["status"]')" = 200 ] || bad="$bad next:$(jget "$dir/$n/c.json" 'j')"
	local logged
	logged=$(count "POST Content-Length of 1048578 bytes exceeds the limit of 65536 bytes" "$dir/$n/php_errors.log")
	[ "$logged" -ge 1 ] || bad="$bad no-warning-in-php-log"
	local el
	el=$(jget "$dir/$n/a.json" 'max(j["elapsed"], 0)')/$(jget "$dir/$n/b.json" 'j["elapsed"]')/$(jget "$dir/$n/c.json" 'j["elapsed"]')
	local nums="1 MiB form over post_max_size=64K: $a; 4 KiB upload over upload_max_filesize=1K: $b (1 = UPLOAD_ERR_INI_SIZE); warning logged $logged; next request 200; times ${el}s"
	if [ -n "$bad" ]; then
		fail $n "$bad ($nums)"
	elif python3 -c "import sys; sys.exit(0 if max(map(float, '$el'.split('/'))) <= 3 else 1)"; [ $? -ne 0 ]; then
		fail $n "slow: $nums"
	else
		pass $n "$nums"
	fi
	stop_pool
}

# 9. no data from one request in the next (one worker serves both)
check_isolation() {
	local n=isolation leaks="" s pa pb pb2 crashed
	write_pool $n "$dir/$n/sock" "pm = static" "pm.max_children = 1"
	start_pool $n || { fail $n "$why"; return; }
	# A: secret headers, cookie, PATH_INFO, query, a 20 KiB form body, a
	# putenv(), $_SERVER write, header() and setcookie() in the script; a
	# long header, so that B's shorter one lies over A's stale bytes
	req $n --path /secret.php --query q=query-secret-3a9c \
		--header X_SECRET=abc-secret-17f0 --header HTTP_X_SECRET=httpx-secret-6d21 \
		--header HTTP_COOKIE=c=cookie-secret-aa01 --header PATH_INFO=/pathinfo-secret-c4e9 \
		--header "HTTP_X_PAD=$(python3 -c 'print("pad-secret-" * 300)')" \
		--header PHP_VALUE=error_reporting=E_ALL \
		--body "s=body-secret-9c1d&t=$(python3 -c 'print("z" * 20000)')" \
		--content-type application/x-www-form-urlencoded > "$dir/$n/a.json"
	# B: a plain GET on the same worker
	req $n --path /dump.php > "$dir/$n/b.json"
	# A2: a form body cut short (CONTENT_LENGTH 100000, 24 bytes arrive)
	python3 - "$dir/$n/sock" "$docroot" <<'PY'
import socket, sys
sock, docroot = sys.argv[1:3]
pairs = [("CONTENT_LENGTH", "100000"), ("SCGI", "1"), ("REQUEST_METHOD", "POST"),
         ("SCRIPT_FILENAME", docroot + "/secret.php"), ("SCRIPT_NAME", "/secret.php"),
         ("CONTENT_TYPE", "application/x-www-form-urlencoded"), ("X_SECRET2", "short-secret-b3b3")]
p = b"".join(a.encode() + b"\0" + b.encode() + b"\0" for a, b in pairs)
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sock)
s.sendall(str(len(p)).encode() + b":" + p + b"," + b"s=truncated-secret-e7e7&")
s.shutdown(socket.SHUT_WR)
try:
    while s.recv(65536):
        pass
except OSError:
    pass
PY
	# B2: a POST with a short body of its own
	req $n --path /dump.php --body "x=1" --content-type application/x-www-form-urlencoded > "$dir/$n/b2.json"
	pa=$(jget "$dir/$n/a.json" 'j["body"].split()[1]')
	pb=$(jget "$dir/$n/b.json" 'j["body"].split("PID ")[1].split()[0]')
	pb2=$(jget "$dir/$n/b2.json" 'j["body"].split("PID ")[1].split()[0]')
	for s in abc-secret httpx-secret cookie-secret pathinfo-secret pad-secret query-secret \
			body-secret putenv-secret server-secret header-secret zzzzzzzz X_SECRET HTTP_X_PAD PHP_VALUE; do
		grep -q -- "$s" "$dir/$n/b.json" && leaks="$leaks B:$s"
		grep -q -- "$s" "$dir/$n/b2.json" && leaks="$leaks B2:$s"
	done
	for s in short-secret truncated-secret X_SECRET2; do
		grep -q -- "$s" "$dir/$n/b2.json" && leaks="$leaks B2:$s"
	done
	crashed=$(grep -E "exited on signal|exited with code [1-9]" "$dir/$n/fpm.log" | head -n 1 | sed 's/^\[[^]]*\] //')
	local ok_b ok_b2
	ok_b=$(jget "$dir/$n/b.json" 'j["status"] == 200 and "INPUT \x27\x27" in j["body"]')
	ok_b2=$(jget "$dir/$n/b2.json" 'j["status"] == 200 and "INPUT \x27x=1\x27" in j["body"]')
	local nums="A (secret headers/cookie/PATH_INFO/query/20 KiB body/putenv/header/PHP_VALUE) then B (GET), A2 (body cut short) then B2 (POST), workers $pa/$pb/$pb2: 17 markers searched"
	if [ -n "$crashed" ]; then
		fail $n "a worker died: '$crashed' ($(grep -m1 'SCGI request from' "$dir/$n/fpm.log" | sed 's/^\[[^]]*\] //')); $nums"
	elif [ -n "$leaks" ]; then
		fail $n "leaked into the next request:$leaks ($nums)"
	elif [ "$pa" != "$pb" ] || [ "$pb" != "$pb2" ]; then
		fail $n "not served by the same worker ($pa, $pb, $pb2): test is void"
	elif [ "$ok_b" != True ] || [ "$ok_b2" != True ]; then
		fail $n "B/B2 not served cleanly: B $ok_b B2 $ok_b2 ($nums)"
	else
		pass $n "$nums, 0 found; php://input of B empty, of B2 exactly its own 3 bytes"
	fi
	stop_pool
}

# 10. two pool hosts in network namespaces behind one nginx upstream
check_netns() {
	local n=netns
	if ! command -v nginx > /dev/null; then
		skip $n "nginx is not installed"
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		skip $n "ip netns needs root"
		return
	fi
	local tag=$$ sub=""
	tag=$((tag % 100000))
	local ns1="fscgi$tag-1" ns2="fscgi$tag-2" v1="fsv${tag}a" v2="fsv${tag}b"
	# a 10.231.X.0/24 pair nobody on this host uses
	local x
	for x in $(seq $(( (tag % 120) * 2 + 1 )) 2 250) $(seq 1 2 250); do
		if ! ip -4 -o addr show 2>/dev/null | grep -qE " 10\.231\.($x|$((x + 1)))\." \
				&& ! ip -4 route show 2>/dev/null | grep -qE "^10\.231\.($x|$((x + 1)))\."; then
			sub=$x
			break
		fi
	done
	[ -n "$sub" ] || { skip $n "no free 10.231.x.0/24 subnet"; return; }
	if ! ip netns add "$ns1" 2> "$dir/netns.err"; then
		skip $n "ip netns not permitted here: $(head -n 1 "$dir/netns.err")"
		return
	fi
	netnses="$netnses $ns1"
	ip netns add "$ns2" || { fail $n "ip netns add $ns2"; return; }
	netnses="$netnses $ns2"
	local i ns v a
	for i in 1 2; do
		if [ $i = 1 ]; then ns=$ns1; v=$v1; a=$sub; else ns=$ns2; v=$v2; a=$((sub + 1)); fi
		if ! ip link add "$v" type veth peer name "${v}p" 2> "$dir/netns.err"; then
			skip $n "cannot create veth pairs here: $(head -n 1 "$dir/netns.err")"
			return
		fi
		veths="$veths $v"
		ip link set "${v}p" netns "$ns" &&
		ip addr add "10.231.$a.1/24" dev "$v" &&
		ip link set "$v" up &&
		ip netns exec "$ns" ip addr add "10.231.$a.2/24" dev "${v}p" &&
		ip netns exec "$ns" ip link set "${v}p" up &&
		ip netns exec "$ns" ip link set lo up || { fail $n "network setup of $ns failed"; return; }
	done
	local h1="10.231.$sub.2" h2="10.231.$((sub + 1)).2"
	write_pool "$n-h1" "$h1:9000" "pm = static" "pm.max_children = 3" "env[HOSTID] = h1" \
		"listen.allowed_clients = 10.231.$sub.1"
	write_pool "$n-h2" "$h2:9000" "pm = static" "pm.max_children = 3" "env[HOSTID] = h2" \
		"listen.allowed_clients = 10.231.$((sub + 1)).1"
	start_pool "$n-h1" ip netns exec "$ns1" || { fail $n "host 1: $why"; return; }
	local m1=$master
	start_pool "$n-h2" ip netns exec "$ns2" || { fail $n "host 2: $why"; return; }
	local m2=$master

	local port
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
	mkdir -p "$dir/nginx"
	cp /etc/nginx/scgi_params "$dir/nginx/"
	cat > "$dir/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
error_log $dir/nginx/error.log;
pid $dir/nginx/nginx.pid;
events { worker_connections 256; }
http {
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/client_body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    upstream pools {
        server $h1:9000 max_fails=1 fail_timeout=30s;
        server $h2:9000 max_fails=1 fail_timeout=30s;
    }
    server {
        listen 127.0.0.1:$port;
        root $docroot;
        location ~ \.php\$ {
            include scgi_params;
            scgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            scgi_param SCRIPT_NAME \$fastcgi_script_name;
            scgi_pass pools;
            scgi_next_upstream error timeout;
            scgi_connect_timeout 2s;
            scgi_read_timeout 10s;
        }
    }
}
NGINX
	nginx -p "$dir/nginx" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" > "$dir/nginx/out" 2>&1 &
	local ngx=$!
	pids="$pids $ngx"
	i=0
	while ! python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$port" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || { fail $n "nginx did not start: $(tail -n 2 "$dir/nginx/error.log" | tr '\n' ' ')"; return; }
		sleep 0.1
	done

	mkdir -p "$dir/$n"
	rm -f "$dir/$n/stop"
	python3 "$client" load "http://127.0.0.1:$port" --clients 4 --seconds 30 --timeout 15 \
		--stop-file "$dir/$n/stop" --out "$dir/$n/load.json" --timeline > /dev/null 2>&1 &
	load_pid=$!
	pids="$pids $load_pid"
	sleep 3
	local t_kill
	t_kill=$(date +%s.%N)
	kill -KILL -- "-$m1"
	wait "$m1" 2> /dev/null
	forget_group "$m1"
	sleep 4
	finish_load $n || { fail $n "no load summary"; return; }
	local failed total hung before after1 after2 dead
	failed=$(jget "$dir/$n/load.json" 'j["failed"]')
	total=$(jget "$dir/$n/load.json" 'j["total"]')
	hung=$(jget "$dir/$n/load.json" 'j["hung_threads"]')
	before=$(jget "$dir/$n/load.json" "{h: sum(1 for t, x in j['timeline'] if x == h and t < $t_kill) for h in ('h1', 'h2')}")
	after1=$(jget "$dir/$n/load.json" "sum(1 for t, x in j['timeline'] if x == 'h1' and t > $t_kill + 0.5)")
	after2=$(jget "$dir/$n/load.json" "sum(1 for t, x in j['timeline'] if x == 'h2' and t > $t_kill)")
	dead=$(pgrep -g "$m1" | wc -l)
	local inflight refused
	inflight=$(grep -cE "(upstream prematurely closed|recv\(\) failed).*upstream: \"scgi://$h1" "$dir/nginx/error.log")
	refused=$(grep -cE "connect\(\) failed.*upstream: \"scgi://$h1" "$dir/nginx/error.log")
	local nums="$(load_numbers $n); before the kill $before, after it h1 $after1 / h2 $after2; $inflight requests in flight on the killed host and $refused refused connects, all retried by nginx on h2; $dead processes of host 1 left"
	if [ "$failed" != 0 ] || [ "$hung" != 0 ]; then
		fail $n "requests lost in the failover: $nums; failures: $(jget "$dir/$n/load.json" 'j["failures"][:5]')"
	elif [ "$after1" != 0 ] || [ "$after2" -lt 20 ] || [ "$dead" != 0 ]; then
		fail $n "failover not as expected: $nums"
	elif [ "$(jget "$dir/$n/load.json" "min(sum(1 for t, x in j['timeline'] if x == h and t < $t_kill) for h in ('h1', 'h2'))")" -lt 10 ]; then
		fail $n "nginx did not balance over both hosts before the kill: $nums"
	else
		pass $n "$nums"
	fi
	stop_group "$m2"
	forget_group "$m2"
	stop_pid "$ngx"
	pids=$(echo "$pids" | sed "s/ $ngx\b//")
}

for c in $checks; do
	"check_$c"
done
