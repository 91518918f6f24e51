/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * The FastCGI API that FPM's sources call (main/fastcgi.h), implemented
 * over an SCGI connection.  scgi_fcgi_names.h renames every function to
 * the scgi_fcgi_* names defined here.  This file only translates; the
 * protocol is scgi_parser.c and scgi_conn.c.
 */

#include "fpm_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/time.h>
#include <syslog.h>
#include <string.h>
#include <unistd.h>

#include "php.h"
#include "php_syslog.h"
#include "SAPI.h"
#include "php_globals.h"
#include "zend_globals.h"
#include "zend_signal.h"

#include "fastcgi.h"

#include "fpm_conf.h"
#include "fpm_scgi_pool.h"
#include "scgi_body.h"
#include "scgi_conn.h"
#include "zlog.h"

/* {{{ a refused request: one line in the pool's error log (a worker's
 * stderr is lost unless catch_workers_output is on) */
static void scgi_fcgi_log_bad_request(scgi_conn *conn, const char *reason)
{
	const char *ip = scgi_conn_peer_ip(conn);
	int fd = fpm_scgi_error_log_fd();
	char line[512];
	size_t len = 0;
	struct timeval now;

	if (fd != ZLOG_SYSLOG) {
		/* the master's format: a worker's zlog has no time stamp */
		gettimeofday(&now, NULL);
		len = zlog_print_time(&now, line, sizeof(line));
	}
	len += snprintf(line + len, sizeof(line) - len, "WARNING: [pool %s] child %d, SCGI request from %s: %s",
		fpm_scgi_pool_name(), (int) getpid(), ip ? ip : "unix socket", reason);
	if (len >= sizeof(line) - 1) {
		len = sizeof(line) - 2;
	}
#ifdef HAVE_SYSLOG_H
	if (fd == ZLOG_SYSLOG) {
		line[len] = '\0';
		php_syslog(LOG_WARNING, "%s", line);
		return;
	}
#endif
	line[len++] = '\n';
	zend_quiet_write(fd >= 0 ? fd : STDERR_FILENO, line, len);
}
/* }}} */

/* php-fpm's own words for it, as its tests and users know them */
static void scgi_fcgi_log_disallowed(scgi_conn *conn) /* {{{ */
{
	const char *ip = scgi_conn_peer_ip(conn);

	zlog(ZLOG_ERROR, "Connection disallowed: IP address '%s' has been dropped.", ip ? ip : "?");
}
/* }}} */

static void scgi_fcgi_hook_none(void) /* {{{ */
{
}
/* }}} */

static void scgi_fcgi_limits_of_pool(scgi_conn_limits *limits) /* {{{ */
{
	const struct fpm_scgi_pool_config_s *pool = fpm_scgi_pool_current();

	limits->max_header_size = (uint32_t) pool->max_header_size;
	limits->max_header_pairs = (uint32_t) pool->max_header_pairs;
	limits->header_timeout_ms = pool->header_timeout * 1000;
	limits->body_timeout_ms = pool->body_timeout * 1000;
	limits->php_value_params = pool->php_value_params;
}
/* }}} */

/* {{{ life cycle */
int scgi_fcgi_init(void)
{
	return 1;
}

int scgi_fcgi_is_fastcgi(void)
{
	return 1;
}

void scgi_fcgi_shutdown(void)
{
	scgi_allowed_clients_free();
}

#ifndef HAVE_ATTRIBUTE_WEAK
void scgi_fcgi_set_logger(fcgi_logger logger)
{
	(void) logger;  /* the SCGI layer logs through zlog */
}
#endif

static void scgi_fcgi_complain(const char *fmt, const char *arg)
{
	zlog(ZLOG_ERROR, fmt, arg);
}

void scgi_fcgi_set_allowed_clients(char *ip)
{
	if (scgi_allowed_clients_set(ip, scgi_fcgi_complain) < 0) {
		zlog(ZLOG_ERROR, "out of memory for listen.allowed_clients");
	}
}

void scgi_fcgi_set_mgmt_var(const char *name, size_t name_len, const char *value, size_t value_len)
{
	/* FCGI_GET_VALUES has no SCGI counterpart */
	(void) name; (void) name_len; (void) value; (void) value_len;
}

void scgi_fcgi_free_mgmt_var_cb(zval *zv)
{
	(void) zv;
}

void scgi_fcgi_terminate(void)
{
	scgi_conn_terminate();
}

int scgi_fcgi_in_shutdown(void)
{
	return scgi_conn_in_shutdown();
}

void scgi_fcgi_set_in_shutdown(int new_value)
{
	if (new_value) {
		scgi_conn_terminate();
	}
}
/* }}} */

/* {{{ requests */
/* (void) callbacks: PHP 8's prototype, and compatible with 7.4's () */
fcgi_request *scgi_fcgi_init_request(int listen_socket, void (*on_accept)(void), void (*on_read)(void), void (*on_close)(void))
{
	scgi_conn_limits limits;
	scgi_conn_hooks hooks;

	scgi_fcgi_limits_of_pool(&limits);
	hooks.on_accept = on_accept ? on_accept : scgi_fcgi_hook_none;
	hooks.on_read = on_read ? on_read : scgi_fcgi_hook_none;
	hooks.on_close = on_close ? on_close : scgi_fcgi_hook_none;
	hooks.on_bad_request = scgi_fcgi_log_bad_request;
	hooks.on_disallowed = scgi_fcgi_log_disallowed;
	/* once per worker, PHP's modules are up: the body reader of this pool */
	scgi_body_install((size_t) fpm_scgi_pool_current()->body_buffer_size);
	return scgi_conn_new(listen_socket, &limits, &hooks);
}

void scgi_fcgi_destroy_request(fcgi_request *req)
{
	scgi_conn_free(req);
	scgi_body_shutdown();
}

int scgi_fcgi_accept_request(fcgi_request *req)
{
	int fd = scgi_conn_accept(req);

#ifdef ZEND_SIGNALS
	/* Every request start re-registers Zend's deferring handler for seven
	 * signals, asking the kernel for each one (7 sigaction() calls).  In a
	 * worker they stay registered after the first request; a script's
	 * pcntl_signal() is undone by pcntl's own request shutdown. */
	if (fd >= 0 && SIGG(active) == 0 && req->requests_served++ == 1) {
		SIGG(reset) = 0;
	}
#endif
	return fd;
}

void scgi_fcgi_request_set_keep(fcgi_request *req, int new_value)
{
	/* SCGI closes every connection after its response */
	(void) req; (void) new_value;
}

int scgi_fcgi_is_closed(fcgi_request *req)
{
	return req->fd < 0;
}

void scgi_fcgi_close(fcgi_request *req, int force, int destroy)
{
	scgi_conn_close(req, force);
	if (destroy) {
		scgi_env_reset(&req->env);
	}
}

int scgi_fcgi_finish_request(fcgi_request *req, int force_close)
{
	int ok = !req->write_failed;

	if (req->fd >= 0) {
		if (!force_close) {
			ok = scgi_conn_flush(req, 0);
		}
		scgi_conn_close(req, force_close || !ok);
	}
	scgi_env_reset(&req->env);
	return ok;
}

const char *scgi_fcgi_get_last_client_ip(void)
{
	fcgi_request *req = (fcgi_request *) SG(server_context);

	return req ? scgi_conn_peer_ip(req) : NULL;
}
/* }}} */

/* {{{ environment */
char *scgi_fcgi_getenv(fcgi_request *req, const char *var, int var_len)
{
	if (!req || var_len < 0) {
		return NULL;
	}
	return scgi_env_get(&req->env, var, (uint32_t) var_len, SCGI_ENV_HASH(var, (uint32_t) var_len));
}

char *scgi_fcgi_quick_getenv(fcgi_request *req, const char *var, int var_len, unsigned int hash_value)
{
	return scgi_env_get(&req->env, var, (uint32_t) var_len, hash_value);
}

char *scgi_fcgi_putenv(fcgi_request *req, char *var, int var_len, char *val)
{
	if (!req || var_len < 0) {
		return NULL;
	}
	return scgi_env_put(&req->env, var, (uint32_t) var_len, SCGI_ENV_HASH(var, (uint32_t) var_len), val);
}

char *scgi_fcgi_quick_putenv(fcgi_request *req, char *var, int var_len, unsigned int hash_value, char *val)
{
	return scgi_env_put(&req->env, var, (uint32_t) var_len, hash_value, val);
}

/* fcgi_apply_func takes the name as const char * since PHP 8, as char *
 * in 7.4: called from here it takes either, without a cast */
typedef struct {
	fcgi_apply_func func;
	zval           *array;
} scgi_fcgi_load_ctx;

static void scgi_fcgi_load_one(char *name, unsigned int name_len, char *value, unsigned int value_len, void *arg)
{
	scgi_fcgi_load_ctx *ctx = arg;

	ctx->func(name, name_len, value, value_len, ctx->array);
}

void scgi_fcgi_loadenv(fcgi_request *req, fcgi_apply_func func, zval *array)
{
	scgi_fcgi_load_ctx ctx = { func, array };

	scgi_env_apply(&req->env, scgi_fcgi_load_one, &ctx);
}

int scgi_fcgi_has_env(fcgi_request *req)
{
	return req && req->env.count > 0;
}
/* }}} */

/* {{{ body and response */

/* The body broke off (short, stalled or reset): the client is gone, and
 * the script must not act on part of its input. */
static void scgi_fcgi_body_broken(fcgi_request *req)
{
	scgi_conn_close(req, 1);
	PG(connection_status) = PHP_CONNECTION_ABORTED;
	if (EG(current_execute_data)) {
		/* php://input read by the running script: end it here */
		php_error_docref(NULL, E_ERROR, "SCGI request body ended before CONTENT_LENGTH bytes");
	} else if (SG(request_info).path_translated) {
		/* $_POST / $_FILES read at request startup: without a script FPM's
		 * loop ends the request (its 404 goes nowhere, the connection is
		 * closed) instead of running it.  The method must stay: SAPI's
		 * default post reader strcmp()s it right after this read. */
		efree(SG(request_info).path_translated);
		SG(request_info).path_translated = NULL;
	}
}

int scgi_fcgi_read(fcgi_request *req, char *str, int len)
{
	ssize_t n;

	if (len <= 0) {
		return 0;
	}
	n = scgi_conn_read_body(req, str, (size_t) len);
	if (n < 0) {
		scgi_fcgi_body_broken(req);
		return -1;
	}
	return (int) n;
}

int scgi_fcgi_write(fcgi_request *req, fcgi_request_type type, const char *str, int len)
{
	if (len <= 0 || !req) {
		return 0;
	}
	if (type != FCGI_STDOUT) {
		/* SCGI has no stderr stream: PHP's messages go to FPM's logs */
		return len;
	}
	return scgi_conn_write(req, str, (size_t) len) < 0 ? -1 : len;
}

int scgi_fcgi_flush(fcgi_request *req, int end)
{
	/* flush() from the script pushes at once; the end of a response is
	 * flushed by close */
	return scgi_conn_flush(req, !end);
}

int scgi_fcgi_end(fcgi_request *req)
{
	return scgi_conn_flush(req, 0);
}
/* }}} */
