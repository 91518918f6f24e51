/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * A response on its way to the client.  PHP's small writes (headers, echo)
 * are gathered; a larger write goes out together with what is gathered in
 * one writev(), without copying; flush() sends what is gathered at once.
 * Nothing is kept after it is sent: no response is buffered whole.
 */

#ifndef SCGI_OUTPUT_H
#define SCGI_OUTPUT_H

#include <stdint.h>
#include <sys/types.h>

/* Up to this many bytes of small writes are gathered. */
#define SCGI_OUT_BUFFER_SIZE 8192

typedef struct {
	int       fd;               /* -1: no response under way */
	unsigned  tcp:1;            /* a TCP peer: flush() may turn off Nagle */
	unsigned  nodelay:1;        /* TCP_NODELAY set by a flush() */
	unsigned  failed:1;         /* the client went away */
	uint32_t  len;              /* bytes gathered in buf */
	char      buf[SCGI_OUT_BUFFER_SIZE];
} scgi_output;

/* A new response on fd (tcp: a TCP connection, not a unix socket). */
void    scgi_output_begin(scgi_output *out, int fd, int tcp);

/* len on success, -1 once the client is gone.  After scgi_output_end()
 * writes are taken and dropped: a script may go on talking after
 * fastcgi_finish_request(). */
ssize_t scgi_output_write(scgi_output *out, const char *data, size_t len);

/* Send what is gathered; push: the script asked for it (flush()), so small
 * writes after it must not wait for Nagle either.  1, or 0 once the client
 * is gone. */
int     scgi_output_flush(scgi_output *out, int push);

/* The response is over (the connection closes): drop what is gathered.
 * failed stays until the next scgi_output_begin(). */
void    scgi_output_end(scgi_output *out);

#endif /* SCGI_OUTPUT_H */
