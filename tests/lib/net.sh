# Helpers for tests and tools that start servers on loopback.  Sourced.

# free_port: a TCP port on 127.0.0.1 that nobody listens on right now
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_port PORT SECONDS: until something accepts on 127.0.0.1:PORT
wait_for_port() {
	i=0
	while [ $i -lt $(( $2 * 10 )) ]; do
		python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_for_path PATH SECONDS: until PATH exists (a unix socket, a pid file)
wait_for_path() {
	i=0
	while [ $i -lt $(( $2 * 10 )) ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
