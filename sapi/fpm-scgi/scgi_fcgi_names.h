/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * FPM's sources speak to their connection through main/fastcgi.h's API.
 * config9.m4 has the compiler read this file before every source of
 * php-fpm-scgi (-include), so that when a source includes main/fastcgi.h
 * every function of that API is declared, and called, under the name of
 * its SCGI implementation in scgi_fcgi_adapter.c.  php-fpm-scgi does not
 * link main/fastcgi.c at all.  Being read first, whatever the include path's
 * order (PHP 8's PHP_ADD_SOURCES_X puts a SAPI's -I after main/'s), this
 * file only defines names; it includes nothing.
 */

#ifndef SCGI_FCGI_NAMES_H
#define SCGI_FCGI_NAMES_H

#define _fcgi_request              scgi_conn
#define fcgi_init                  scgi_fcgi_init
#define fcgi_shutdown              scgi_fcgi_shutdown
#define fcgi_is_fastcgi            scgi_fcgi_is_fastcgi
#define fcgi_is_closed             scgi_fcgi_is_closed
#define fcgi_close                 scgi_fcgi_close
#define fcgi_in_shutdown           scgi_fcgi_in_shutdown
#define fcgi_terminate             scgi_fcgi_terminate
#define fcgi_listen                scgi_fcgi_listen
#define fcgi_init_request          scgi_fcgi_init_request
#define fcgi_destroy_request       scgi_fcgi_destroy_request
#define fcgi_set_allowed_clients   scgi_fcgi_set_allowed_clients
#define fcgi_accept_request        scgi_fcgi_accept_request
#define fcgi_finish_request        scgi_fcgi_finish_request
#define fcgi_get_last_client_ip    scgi_fcgi_get_last_client_ip
#define fcgi_set_in_shutdown       scgi_fcgi_set_in_shutdown
#define fcgi_request_set_keep      scgi_fcgi_request_set_keep
#define fcgi_set_logger            scgi_fcgi_set_logger
#define fcgi_log                   scgi_fcgi_log
#define fcgi_has_env               scgi_fcgi_has_env
#define fcgi_getenv                scgi_fcgi_getenv
#define fcgi_putenv                scgi_fcgi_putenv
#define fcgi_quick_getenv          scgi_fcgi_quick_getenv
#define fcgi_quick_putenv          scgi_fcgi_quick_putenv
#define fcgi_loadenv               scgi_fcgi_loadenv
#define fcgi_read                  scgi_fcgi_read
#define fcgi_write                 scgi_fcgi_write
#define fcgi_flush                 scgi_fcgi_flush
#define fcgi_end                   scgi_fcgi_end
#define fcgi_set_mgmt_var          scgi_fcgi_set_mgmt_var
#define fcgi_free_mgmt_var_cb      scgi_fcgi_free_mgmt_var_cb

#endif /* SCGI_FCGI_NAMES_H */
