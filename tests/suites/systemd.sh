#!/bin/sh
# The shipped unit passes systemd-analyze verify; a --with-fpm-systemd build
# talks sd_notify to a NOTIFY_SOCKET of the test (no running systemd needed).
set -u
unit="$SCGI_TREE/sapi/fpm-scgi/php-fpm-scgi.service"
if ! command -v systemd-analyze >/dev/null; then
	echo "SKIP: systemd unit verify: systemd-analyze not installed (Debian: systemd)"
elif out=$(systemd-analyze verify "$unit" 2>&1); then
	echo "PASS: systemd php-fpm-scgi.service passes systemd-analyze verify"
else
	echo "$out"
	echo "FAIL: systemd php-fpm-scgi.service: systemd-analyze verify complained"
fi
grep -q '^Type=notify' "$unit" && echo "PASS: systemd unit is Type=notify in a --with-fpm-systemd build" \
	|| echo "FAIL: systemd unit is not Type=notify"
grep -q '^ExecReload=.*USR2' "$unit" && echo "PASS: systemd ExecReload sends USR2" || echo "FAIL: systemd ExecReload does not send USR2"
grep -q '^ExecStartPre=.*--test' "$unit" && echo "PASS: systemd ExecStartPre tests the config" || echo "FAIL: systemd no config test in ExecStartPre"
if "$SCGI_PREFIX/sbin/php-fpm-scgi" -v | grep -q 'fpm-scgi'; then
	timeout 60 python3 "$SCGI_TOP/tests/systemd/notify_test.py"
else
	echo "FAIL: systemd php-fpm-scgi -v does not name fpm-scgi"
fi
