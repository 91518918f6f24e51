/*
   +----------------------------------------------------------------------+
   | This source file is subject to version 3.01 of the PHP license,      |
   | that is bundled with this package in the file LICENSE, and is        |
   | available through the world-wide-web at the following url:           |
   | http://www.php.net/license/3_01.txt                                  |
   +----------------------------------------------------------------------+
*/

/*
 * Where a body goes, by request:
 *
 *   POST, form-urlencoded or multipart   PHP's post handlers ($_POST, $_FILES),
 *                                        also over post_max_size
 *   POST, any other type                 here, from the SAPI's default POST
 *                                        reader (PHP's is php_default_post_reader)
 *   other methods, POST without a type   here, from request activation, which
 *                                        runs right after PHP's POST reading
 *   larger than the buffer, POST over    PHP's temp stream, as in php-fpm
 *   post_max_size, enable_post_data_reading = Off
 *
 * The buffer is malloc()ed, not emalloc()ed: it is kept from request to
 * request (no page faults, no mmap per body) and a body never counts
 * against memory_limit, as it does not in php-fpm, where it is in a file.
 * The stream PHP gets is read-only over buf[0 .. len) of this request;
 * the next request refills the buffer only after PHP has freed the
 * previous stream with the rest of the request's resources.  Since PHP
 * 8.1 a memory stream holds a zend_string: there the buffer is one, a
 * persistent string that the stream takes a reference to, not a copy.
 */

#include "fpm_config.h"

#include <stdlib.h>

#include "php.h"
#include "SAPI.h"
#include "php_globals.h"
#include "php_content_types.h"
#include "php_memory_streams.h"

#include "scgi_body.h"

static char  *body_buf;         /* PHP 8.1+: ZSTR_VAL(body_str) */
static size_t body_buf_size;
#if PHP_VERSION_ID >= 80100
static zend_string *body_str;
#endif
static size_t body_max_in_memory;
static int  (*next_activate)(void);

/* Room for a body of length bytes in the buffer; 0 if there is none. */
static int scgi_body_make_room(size_t length)
{
#if PHP_VERSION_ID >= 80100
	/* one that a stream of a past request still holds is theirs now:
	 * it is never written again */
	if (body_str && GC_REFCOUNT(body_str) > 1) {
		zend_string_release(body_str);
		body_str = NULL;
		body_buf = NULL;
		body_buf_size = 0;
	}
	if (length > body_buf_size) {
		if (body_str) {
			zend_string_release(body_str);
		}
		body_str = zend_string_alloc(length, 1);
		body_buf = ZSTR_VAL(body_str);
		body_buf_size = length;
	}
#else
	if (length > body_buf_size) {
		char *bigger = realloc(body_buf, length);

		if (!bigger) {
			return 0;  /* PHP's temp stream will do */
		}
		body_buf = bigger;
		body_buf_size = length;
	}
#endif
	return 1;
}

/* The stream of the first len bytes of the buffer. */
static php_stream *scgi_body_stream(size_t len)
{
#if PHP_VERSION_ID >= 80100
	ZSTR_LEN(body_str) = len;
	ZSTR_VAL(body_str)[len] = '\0';
	zend_string_forget_hash_val(body_str);
	return php_stream_memory_open(TEMP_STREAM_READONLY, body_str);
#else
	return php_stream_memory_open(TEMP_STREAM_READONLY, body_buf, len);
#endif
}

/* Read the request's whole body into the buffer and make it PHP's request
 * body.  0 if this request is not for us (nothing was read). */
static int scgi_body_read_into_memory(void)
{
	zend_long length = SG(request_info).content_length;
	size_t got;

	if (length <= 0 || (size_t) length > body_max_in_memory
			|| SG(request_info).request_body || SG(post_read) || SG(read_post_bytes) > 0) {
		return 0;
	}
	if (!scgi_body_make_room((size_t) length)) {
		return 0;  /* PHP's temp stream will do */
	}

	/* The SAPI's reader loops until it has it all or the body breaks off;
	 * it also honours REQUEST_BODY_FILE. */
	got = sapi_read_post_block(body_buf, (size_t) length);
	/* all of it or all there will be: nothing more to read from the socket */
	SG(post_read) = 1;

	SG(request_info).request_body = scgi_body_stream(got);
	return 1;
}

/* sapi_module.default_post_reader, called for every POST after its
 * handler's reader: a body no handler knows, not over post_max_size, comes
 * here; everything else goes to PHP's own php_default_post_reader (which
 * reads into its temp stream, or warns over post_max_size). */
static void scgi_body_default_post_reader(void)
{
	if (SG(request_info).post_entry == NULL
			&& !(SG(post_max_size) > 0 && SG(request_info).content_length > SG(post_max_size))
			&& scgi_body_read_into_memory()) {
		return;
	}
	php_default_post_reader();
}

/* sapi_module.activate: PHP reads no other body at start-up; php://input
 * would read it 16 KiB at a time into its temp stream.  A POST with a
 * handler (post_entry: forms, multipart) is that handler's, which reads
 * it later, when $_POST or $_FILES is made, and enforces post_max_size.
 * A script turning enable_post_data_reading off wants to read the body
 * itself, as it comes. */
static int scgi_body_activate(void)
{
	int rc = next_activate ? next_activate() : SUCCESS;

	if (SG(request_info).content_length > 0 && SG(request_info).post_entry == NULL
			&& PG(enable_post_data_reading)) {
		scgi_body_read_into_memory();
	}
	return rc;
}

void scgi_body_install(size_t max_in_memory)
{
	body_max_in_memory = max_in_memory;
	if (max_in_memory == 0) {
		return;
	}
	sapi_register_default_post_reader(scgi_body_default_post_reader);
	next_activate = sapi_module.activate;
	sapi_module.activate = scgi_body_activate;
}

void scgi_body_shutdown(void)
{
#if PHP_VERSION_ID >= 80100
	if (body_str) {
		zend_string_release(body_str);
		body_str = NULL;
	}
#else
	free(body_buf);
#endif
	body_buf = NULL;
	body_buf_size = 0;
}
