"""Config text that the Python test drivers (tests/apps, tests/differential)
generate alike: the pool section they give php-fpm and php-fpm-scgi, and
the frame of an nginx config.  Workers run as nobody when started as root;
sockets anyone may connect to; temp files and logs in the run's dir."""
import os


def fpm_pool(name, listen, tmp, group="nogroup", extra=()):
    """[name] listening on LISTEN; EXTRA: more "php_admin_value[k] = v"
    style lines."""
    if os.geteuid() == 0:
        run_as = "user = nobody\ngroup = %s" % group
    else:
        run_as = "; not root: workers run as the invoking user"
    lines = ["", "[%s]" % name, "listen = %s" % listen, "listen.mode = 0666", run_as,
             "pm = static", "pm.max_children = 2", "catch_workers_output = yes",
             "request_terminate_timeout = 60s", "security.limit_extensions = .php",
             "php_admin_value[sys_temp_dir] = %s" % tmp, "php_admin_value[upload_tmp_dir] = %s" % tmp,
             "php_admin_value[memory_limit] = 128M", "php_admin_value[date.timezone] = UTC",
             "php_admin_value[log_errors] = On", "php_admin_value[display_errors] = Off"]
    return "\n".join(lines + list(extra)) + "\n"


def nginx_conf(d, servers, max_body="64m", extra=(), group="nogroup"):
    """A whole nginx.conf with its logs, pid and temp dirs in D, for `nginx
    -p D -c D/nginx.conf` in the foreground; SERVERS: the server {} blocks;
    EXTRA: more lines for the http {} block."""
    user = "user nobody %s;" % group if os.geteuid() == 0 else ""
    lines = [user, "daemon off;", "worker_processes 1;", "error_log %s/error.log;" % d, "pid %s/nginx.pid;" % d,
             "events { worker_connections 256; }", "http {", "    include /etc/nginx/mime.types;",
             "    default_type application/octet-stream;", "    access_log %s/access.log;" % d]
    lines += ["    %s_temp_path %s/%s;" % (t, d, t) for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]
    lines += ["    client_max_body_size %s;" % max_body] + ["    " + e for e in extra]
    return "\n".join(lines) + "\n" + "".join(servers) + "}\n"
