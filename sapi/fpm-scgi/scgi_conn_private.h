/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * The fields of an SCGI connection: for scgi_conn.c, and for its fuzz
 * target (tests/fuzz/fuzz_scgi_conn.c), which checks them against what
 * the client sent.  Everything else goes through scgi_conn.h.
 */

#ifndef SCGI_CONN_PRIVATE_H
#define SCGI_CONN_PRIVATE_H

#include <sys/socket.h>

#include "scgi_conn.h"
#include "scgi_parser.h"

struct scgi_conn {
	int                 listen_fd;
	int                 fd;                /* -1 between requests */
	scgi_conn_limits    limits;
	scgi_conn_hooks     hooks;
	const scgi_allowed_clients *allowed_clients;

	/* the header, and the body bytes that arrived with it */
	char               *in_buf;
	uint32_t            in_cap;
	uint32_t            in_len;
	scgi_parser         parser;
	scgi_header_pair   *pairs;
	uint32_t            pairs_cap;

	uint32_t            body_pos;          /* next unread body byte in in_buf */
	uint64_t            body_left;         /* body bytes PHP has not read */
	unsigned            body_truncated:1;  /* the client sent less than CONTENT_LENGTH */

	scgi_env            env;

	struct sockaddr_storage peer;
	socklen_t           peer_len;

	scgi_output         out;
};

#endif /* SCGI_CONN_PRIVATE_H */
