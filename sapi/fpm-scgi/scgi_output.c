/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "scgi_output.h"

void scgi_output_begin(scgi_output *out, int fd, int tcp) /* {{{ */
{
	out->fd = fd;
	out->tcp = tcp != 0;
	out->nodelay = 0;
	out->failed = 0;
	out->len = 0;
}
/* }}} */

void scgi_output_end(scgi_output *out) /* {{{ */
{
	out->fd = -1;
	out->len = 0;
}
/* }}} */

static int scgi_output_writev_all(scgi_output *out, struct iovec *iov, int iovcnt) /* {{{ */
{
	while (iovcnt > 0) {
		ssize_t n = writev(out->fd, iov, iovcnt);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			out->failed = 1;
			return -1;
		}
		while (iovcnt > 0 && (size_t) n >= iov->iov_len) {
			n -= (ssize_t) iov->iov_len;
			iov++;
			iovcnt--;
		}
		if (iovcnt > 0) {
			iov->iov_base = (char *) iov->iov_base + n;
			iov->iov_len -= (size_t) n;
		}
	}
	return 0;
}
/* }}} */

ssize_t scgi_output_write(scgi_output *out, const char *data, size_t len) /* {{{ */
{
	struct iovec iov[2];

	if (out->failed) {
		return -1;
	}
	if (out->fd < 0) {
		return (ssize_t) len;  /* after the end: the script may go on talking */
	}
	if (len <= SCGI_OUT_BUFFER_SIZE - out->len) {
		memcpy(out->buf + out->len, data, len);
		out->len += (uint32_t) len;
		return (ssize_t) len;
	}
	/* what is gathered (the headers, at first) and the new data in one call */
	iov[0].iov_base = out->buf;
	iov[0].iov_len = out->len;
	iov[1].iov_base = (void *) data;
	iov[1].iov_len = len;
	if (scgi_output_writev_all(out, out->len ? iov : iov + 1, out->len ? 2 : 1) < 0) {
		return -1;
	}
	out->len = 0;
	return (ssize_t) len;
}
/* }}} */

int scgi_output_flush(scgi_output *out, int push) /* {{{ */
{
	struct iovec iov;

	if (out->failed) {
		return 0;
	}
	if (out->fd < 0 || out->len == 0) {
		return 1;
	}
	if (push && out->tcp && !out->nodelay) {
		/* flush() means now: do not let Nagle hold the next small write */
		int on = 1;

		(void) setsockopt(out->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		out->nodelay = 1;
	}
	iov.iov_base = out->buf;
	iov.iov_len = out->len;
	if (scgi_output_writev_all(out, &iov, 1) < 0) {
		return 0;
	}
	out->len = 0;
	return 1;
}
/* }}} */
