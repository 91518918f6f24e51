"""Generated configs: an FPM pool, nginx with every FastCGI/SCGI variant
on its own port, Apache httpd and lighttpd with theirs, lighttpd for CGI.
Everything lives in the scratch directory and listens on 127.0.0.1 or a
unix socket there.  The web servers are configured as their users have
them, with limits raised only where the load needs it (connections,
threads, body size)."""

import grp
import os
import pwd


def pool_conf(work, name, sock, n, extra=""):
    user = "user = nobody\n" if os.geteuid() == 0 else ""
    path = os.path.join(work, name + ".conf")
    with open(path, "w") as f:
        f.write("[global]\nerror_log = %s/%s.log\npid = %s/%s.pid\ndaemonize = no\n\n"
                "[%s]\nlisten = %s\nlisten.mode = 0666\n%s"
                "pm = static\npm.max_children = %d\n%s"
                % (work, name, work, name, name, sock, user, n, extra))
    return path


NGINX_PARAMS = [
    # the same parameters for fastcgi_param and scgi_param, in the order of
    # Debian's fastcgi.conf; CONTENT_LENGTH comes first in SCGI on its own
    ("SCRIPT_FILENAME", "$document_root$fastcgi_script_name"),
    ("QUERY_STRING", "$query_string"),
    ("REQUEST_METHOD", "$request_method"),
    ("CONTENT_TYPE", "$content_type"),
    ("SCRIPT_NAME", "$fastcgi_script_name"),
    ("REQUEST_URI", "$request_uri"),
    ("DOCUMENT_URI", "$document_uri"),
    ("DOCUMENT_ROOT", "$document_root"),
    ("SERVER_PROTOCOL", "$server_protocol"),
    ("REQUEST_SCHEME", "$scheme"),
    ("GATEWAY_INTERFACE", "CGI/1.1"),
    ("SERVER_SOFTWARE", "nginx/$nginx_version"),
    ("REMOTE_ADDR", "$remote_addr"),
    ("REMOTE_PORT", "$remote_port"),
    ("SERVER_ADDR", "$server_addr"),
    ("SERVER_PORT", "$server_port"),
    ("SERVER_NAME", "$server_name"),
    ("REDIRECT_STATUS", "200"),
]


def nginx_conf(work, www, ports, socks, n, workers):
    fcgi = "".join("            fastcgi_param %s %s;\n" % kv for kv in
                   [("CONTENT_LENGTH", "$content_length")] + NGINX_PARAMS)
    scgi = "".join("            scgi_param %s %s;\n" % kv for kv in [("SCGI", "1")] + NGINX_PARAMS)
    common = ("        root %s;\n" % www)
    stock = ""
    if "fcgi-stock" in socks:
        # stock php-fpm (without our patches to code php-fpm shares), a new
        # connection per request like nginx-fcgi, and with upstream keepalive
        # in its own pool like nginx-fcgi-ka: php-fpm's best configuration as
        # its users have it
        stock = ("    server {\n        listen 127.0.0.1:%d;\n%s        location ~ \\.php$ {\n"
                 "            fastcgi_pass unix:%s;\n%s        }\n    }\n"
                 % (ports["nginx-fcgi-stock"], common, socks["fcgi-stock"], fcgi))
        stock += ("    upstream php_fpm_stock_keepalive {\n        server unix:%s;\n        keepalive %d;\n    }\n"
                  "    server {\n        listen 127.0.0.1:%d;\n%s        location ~ \\.php$ {\n"
                  "            fastcgi_pass php_fpm_stock_keepalive;\n            fastcgi_keep_conn on;\n"
                  "%s        }\n    }\n"
                  % (socks["fcgi-stock-ka"], n, ports["nginx-fcgi-stock-ka"], common, fcgi))
    path = os.path.join(work, "nginx.conf")
    with open(path, "w") as f:
        f.write("""worker_processes %(workers)d;
error_log %(work)s/nginx-error.log error;
pid %(work)s/nginx.pid;
events { worker_connections 8192; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path %(work)s/nginx-client_body;
    proxy_temp_path %(work)s/nginx-proxy;
    fastcgi_temp_path %(work)s/nginx-fastcgi;
    uwsgi_temp_path %(work)s/nginx-uwsgi;
    scgi_temp_path %(work)s/nginx-scgi;
    client_max_body_size 64m;
    client_body_buffer_size 2m;
    keepalive_requests 1000000;
    fastcgi_read_timeout 10s;
    scgi_read_timeout 10s;

    upstream php_fpm_keepalive {
        server unix:%(ka)s;
        keepalive %(n)d;
    }

    # the ceiling: nginx answering by itself
    server {
        listen 127.0.0.1:%(p_ceil)d;
        location / { return 200 "Hello, world\\n"; }
    }
    # php-fpm, a new connection per request (nginx's default)
    server {
        listen 127.0.0.1:%(p_fcgi)d;
%(common)s        location ~ \\.php$ {
            fastcgi_pass unix:%(fcgi_sock)s;
%(fcgi)s        }
    }
    # php-fpm with upstream keepalive: kept-alive connections pin workers
    server {
        listen 127.0.0.1:%(p_ka)d;
%(common)s        location ~ \\.php$ {
            fastcgi_pass php_fpm_keepalive;
            fastcgi_keep_conn on;
%(fcgi)s        }
    }
    # php-fpm-scgi
    server {
        listen 127.0.0.1:%(p_scgi)d;
%(common)s        location ~ \\.php$ {
            scgi_pass unix:%(scgi_sock)s;
%(scgi)s        }
    }
%(stock)s}
""" % dict(workers=workers, work=work, n=n, ka=socks["fcgi-ka"], p_ceil=ports["nginx-return200"],
           p_fcgi=ports["nginx-fcgi"], p_ka=ports["nginx-fcgi-ka"], p_scgi=ports["nginx-scgi"],
           common=common, fcgi_sock=socks["fcgi"], scgi_sock=socks["scgi"], fcgi=fcgi, scgi=scgi,
           stock=stock))
    return path


def lighttpd_conf(work, www, prefix, port):
    path = os.path.join(work, "lighttpd.conf")
    common = _lighttpd_server(work, "lighttpd", www, port)
    with open(path, "w") as f:
        f.write("""server.modules = ("mod_cgi", "mod_setenv")
%(common)sserver.pid-file = "%(work)s/lighttpd.pid"

# php-cgi as a real CGI program: one fork+exec per request
cgi.assign = ( ".php" => "%(cgi)s" )
setenv.add-environment = ( "REDIRECT_STATUS" => "200" )
""" % dict(common=common, work=work, cgi=os.path.join(prefix, "bin", "php-cgi")))
    return path


def _lighttpd_server(work, name, www, port):
    """the server.* lines every lighttpd here has.  lighttpd opens its error
    log after dropping root: a directory of its own (and one for request
    bodies) that nobody can write to"""
    ldir = os.path.join(work, name)
    os.makedirs(os.path.join(ldir, "upload"), exist_ok=True)
    user = ""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for d in (ldir, os.path.join(ldir, "upload")):
            os.chown(d, nobody.pw_uid, nobody.pw_gid)
        user = 'server.username = "nobody"\nserver.groupname = "%s"\n' % _nogroup()
    return ('server.document-root = "%s"\nserver.bind = "127.0.0.1"\nserver.port = %d\n'
            'server.errorlog = "%s/error.log"\nserver.max-connections = 2048\nserver.max-fds = 8192\n'
            'server.max-keep-alive-requests = 100000\nserver.upload-dirs = ( "%s/upload" )\n%s'
            % (www, port, ldir, ldir, user))


def _nogroup():
    gid = pwd.getpwnam("nobody").pw_gid
    return grp.getgrgid(gid).gr_name


APACHE_MODULES = "/usr/lib/apache2/modules"


def apache_conf(work, www, ports, socks, n):
    """Apache httpd 2.4, event MPM, one child with threads enough for every
    client (a second child would only split the connection pools).
    apache-scgi: mod_proxy_scgi; apache-fcgi: mod_proxy_fcgi without reuse
    (a new connection per request, the default); apache-fcgi-reuse:
    enablereuse=on with max = the pool size (without max, each of the
    child's threads may keep a connection, and the first few pin every
    worker of the pool while the others wait until ProxyTimeout)."""
    adir = os.path.join(work, "apache")
    os.makedirs(adir, exist_ok=True)
    user = ("User nobody\nGroup %s\n" % _nogroup()) if os.geteuid() == 0 else ""
    path = os.path.join(adir, "httpd.conf")
    with open(path, "w") as f:
        f.write("""ServerRoot %(adir)s
ServerName 127.0.0.1
PidFile %(adir)s/httpd.pid
Mutex file:%(adir)s default
ErrorLog %(adir)s/error.log
LogLevel warn
LoadModule mpm_event_module %(mods)s/mod_mpm_event.so
LoadModule authz_core_module %(mods)s/mod_authz_core.so
LoadModule proxy_module %(mods)s/mod_proxy.so
LoadModule proxy_fcgi_module %(mods)s/mod_proxy_fcgi.so
LoadModule proxy_scgi_module %(mods)s/mod_proxy_scgi.so
%(user)sStartServers 1
ServerLimit 1
ThreadLimit 256
ThreadsPerChild 256
MaxRequestWorkers 256
MinSpareThreads 1
MaxSpareThreads 256
KeepAlive On
MaxKeepAliveRequests 0
KeepAliveTimeout 30
Timeout 10
ProxyTimeout 10
LimitRequestBody 67108864
DocumentRoot %(www)s
<Directory />
    Require all denied
</Directory>
<Directory %(www)s>
    Require all granted
</Directory>
Listen 127.0.0.1:%(p_scgi)d
Listen 127.0.0.1:%(p_fcgi)d
Listen 127.0.0.1:%(p_reuse)d

# php-fpm-scgi
<VirtualHost 127.0.0.1:%(p_scgi)d>
    <FilesMatch "\\.php$">
        SetHandler "proxy:unix:%(scgi)s|scgi://localhost"
    </FilesMatch>
</VirtualHost>
# php-fpm, a new connection per request (mod_proxy_fcgi's default)
<VirtualHost 127.0.0.1:%(p_fcgi)d>
    <FilesMatch "\\.php$">
        SetHandler "proxy:unix:%(fcgi)s|fcgi://localhost"
    </FilesMatch>
</VirtualHost>
# php-fpm, connections kept and reused, at most one per pool worker
<Proxy "unix:%(reuse)s|fcgi://php-fpm-reuse" enablereuse=on max=%(n)d>
</Proxy>
<VirtualHost 127.0.0.1:%(p_reuse)d>
    <FilesMatch "\\.php$">
        SetHandler "proxy:unix:%(reuse)s|fcgi://php-fpm-reuse"
    </FilesMatch>
</VirtualHost>
""" % dict(adir=adir, mods=APACHE_MODULES, user=user, www=www, n=n,
           p_scgi=ports["apache-scgi"], p_fcgi=ports["apache-fcgi"], p_reuse=ports["apache-fcgi-reuse"],
           scgi=socks["scgi"], fcgi=socks["fcgi"], reuse=socks["fcgi-reuse"]))
    return path


def lighttpd_php_conf(work, www, ports, socks):
    """lighttpd 1.4: lighttpd-scgi through mod_scgi, lighttpd-fcgi through
    mod_fastcgi, each on its own port, to the pools' sockets (no bin-path:
    lighttpd spawns nothing).  mod_fastcgi opens a connection per request
    (lighttpd 1.4 never asks FastCGI to keep it).  Request and response
    bodies are buffered by lighttpd, its default."""
    common = _lighttpd_server(work, "lighttpd-php", www, ports["lighttpd-scgi"])
    path = os.path.join(work, "lighttpd-php", "lighttpd.conf")
    with open(path, "w") as f:
        f.write("""server.modules = ("mod_scgi", "mod_fastcgi")
%(common)s
$SERVER["socket"] == "127.0.0.1:%(p_scgi)d" {
    scgi.server = ( ".php" => (( "socket" => "%(scgi)s", "check-local" => "disable",
                                 "fix-root-scriptname" => "disable", "x-sendfile" => "disable" )) )
}
$SERVER["socket"] == "127.0.0.1:%(p_fcgi)d" {
    fastcgi.server = ( ".php" => (( "socket" => "%(fcgi)s", "check-local" => "disable" )) )
}
""" % dict(common=common, p_scgi=ports["lighttpd-scgi"], p_fcgi=ports["lighttpd-fcgi"],
           scgi=socks["scgi"], fcgi=socks["fcgi"]))
    return path
